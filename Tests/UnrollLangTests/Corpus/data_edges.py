import numpy as np
import pandas as pd
import torch
from torch.utils.data import DataLoader, TensorDataset
df = pd.read_csv("datasets/msft_daily_1986_2017.csv").head(5)
df.iloc[0:0]
df.iloc[:, 0:0]
df.iloc[10:20, 1]
df.iloc[:, 9]
df.iloc[5]
df.iloc[-6]
df.head(-2)
df.head(0)
df["Open"].head(-10)
df.iloc[0:0].describe()
df[["Open", "Nope"]]
df[0]
df.iloc[[0, 9], 1]
df.iloc[:, [1, 20]]
np.arange(0)
np.arange(5, 1)
np.linspace(0, 1, 0)
np.linspace(0, 1, 1)
np.zeros(0)
np.array([])
np.array([[1, 2], [3]])
np.arange(6).reshape(4, 2)
np.arange(6)[10]
np.arange(6)[::-1]
np.arange(6)[::2]
np.random.randint(0)
np.random.randint(5, 2)
np.random.seed(-1)
np.concatenate([])
np.arange(3) + np.arange(4)
np.array([1, 2]) / 0
print(np.array([1.0, 2]) @ np.array([3.0, 4]))
len(DataLoader(TensorDataset(torch.zeros(0, 2)), batch_size=4))
list(DataLoader(TensorDataset(torch.zeros(0, 2)), batch_size=4))
DataLoader(TensorDataset(torch.zeros(3)), batch_size=0)
list(DataLoader([1, 2, 3], batch_size=2))
list(DataLoader([(1.0, 2), (3.0, 4)], batch_size=2))
np.array([1, [2, 3]])
np.array([[[1], [2]], [[3], [4, 5]]])
np.arange(6).reshape(4, -1)
np.arange(6).reshape(-1, -1)
np.reshape(np.arange(6), (7,))
np.arange(6).reshape(2, 3)[::-1]
np.arange(6)[::-2]
np.arange(6)[4::-1]
np.arange(6).reshape(2, 3)[1, ::-1]
np.arange(6).reshape(2, 3)[:, 5]
np.ones((2, 3)) + np.ones((3, 2))
np.ones((2, 3)) * np.ones(3)
df.iloc[:2, 0:0]
pd.read_csv("datasets/msft_daily_1986_2017.csv").iloc[:100, 0:0]
