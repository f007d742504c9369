import numpy as np
a = np.array([3.0, -1.0, 2.0, -5.0])
a[a > 0]
a[np.array([0, 2])]
a[[1, 3]]
a[a < 0] = 0
a
b = np.arange(12).reshape(3, 4)
b[b % 2 == 0]
b[np.array([True, False, True])]
b[:, np.array([0, 3])]
b[a > 1]
b[:, np.array([True, False, True])]
