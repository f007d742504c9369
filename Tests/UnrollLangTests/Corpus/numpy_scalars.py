# numpy scalars: what one element, a full reduction or a ufunc on a number gives, and how they print and compute.
import numpy as np
a = np.array([3, -1, 2])
f = np.array([0.25, 1.5, -2.0], dtype=np.float32)
a[0]
f[1]
a.sum()
f.mean()
np.float64(1) / 3
np.float32(1) / 3
print(a[0], f[1], np.float32(1) / 3)
print(f"{f[1]:.3f} {a[1]:>4} {a[2]:,} {np.float32(1) / 3}")
a[0] + 1
f[0] * 2.5
-f[2]
a[0] == 3
(a > 0).all()
(a > 0).any()
(a > -5).all()
np.abs(a)
np.abs(-3)
abs(a[1])
abs(f[2])
np.sin(0.5)
list(f)
[x for x in a]
type(a[0])
type(f[0]).__name__
range(a[0])
[10, 20, 30, 40][a[2]]
[1, 2, 3, 4][a[2]:]
int(f[1]), float(a[0]), round(f[1]), bool(a[1])
a[0][0]
len(a[0])
for x in a[0]: pass
np.stack([a, a], axis=1)
np.stack([a, a]).shape
np.stack([a, a], axis=3)
np.stack([a, np.array([1, 2])])
np.array([f[0], f[1]])
np.linspace(a[2], a[2] + 10, 3)
