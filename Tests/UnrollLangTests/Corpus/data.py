import torch
import numpy as np
import pandas as pd
from torch.utils.data import TensorDataset, DataLoader, random_split, Dataset
a = np.linspace(0, 1, 5)
a
print(a)
a.shape
a.dtype
a[1:3]
print(a[-1])
a * 2
a + 1
np.arange(6).reshape(2, 3)
np.arange(0, 1, 0.25)
np.sin(np.linspace(0, 3, 4))
np.cos(np.array([0.0, 1.0]))
np.zeros((2, 3), dtype=np.float32)
np.ones(3)
np.array([[1, 2], [3, 4]])
np.array([1.5, 2, 3], dtype=np.float32)
np.array([0.001, 1000.0, 12345.678])
np.array([1e-9, 1.0])
np.arange(2000)
np.arange(2000.0).reshape(40, 50)
x = np.linspace(0, 10, 50).reshape(50, 1)
x[:3]
x[:-1].shape
x.ravel()[:4]
t = torch.from_numpy(x)
t.dtype
t[:2]
torch.tensor(x[:-1]).float().reshape(1, 49, 1).shape
torch.tensor(np.arange(3))
torch.zeros(3).numpy()
torch.ones(2, requires_grad=True).numpy()
torch.ones(2, requires_grad=True).detach().numpy()
np.random.seed(0)
np.random.randint(3, size=1)
print(np.random.randint(3, size=1)[0])
np.random.randint(10, size=5)
np.random.randint(2, 9)
np.random.seed(42)
[int(np.random.randint(3, size=1)[0]) for _ in range(10)]
np.float32
np.array([1, 2]).dtype == np.int64
print(np.mean(np.array([1.0, 2.0, 4.0])))
np.concatenate([np.arange(2), np.arange(3)])
df = pd.read_csv("datasets/msft_daily_1986_2017.csv")
df.shape
len(df)
df.columns
df.head()
df.head(3)
df
df["Close"].head()
df.iloc[0]
df.iloc[0:3, 1]
print(df.iloc[5, 1])
df.iloc[:2, 1:3]
df["Close"].values[:3]
df.iloc[:, 1:].to_numpy().shape
df["Volume"].dtype
df["Nope"]
pd.read_csv("no_such_file.csv")
def create_sequences(df, seq_length):
    xs, ys = [], []
    for i in range(len(df) - seq_length):
        x = df.iloc[i:(i+seq_length), 1]
        y = df.iloc[i+seq_length, 1]
        xs.append(x)
        ys.append(y)
    return np.array(xs), np.array(ys)
X, y = create_sequences(df.head(40), 8)
print(X.shape, y.shape)
X[0]
y[:3]
dataset_train = TensorDataset(torch.from_numpy(X).float(), torch.from_numpy(y).float())
len(dataset_train)
dataset_train[0]
torch.manual_seed(0)
loader = DataLoader(dataset_train, batch_size=8, shuffle=True)
len(loader)
for seqs, labels in loader:
    print(seqs.shape, labels.shape)
torch.manual_seed(1)
for seqs, labels in DataLoader(dataset_train, batch_size=10, shuffle=True, drop_last=True):
    print(seqs.view(10, 8, 1).shape, labels[:3])
torch.rand(1)
ds = TensorDataset(torch.arange(10.0).reshape(5, 2), torch.arange(5))
ds[1]
ds[-1]
ds[5]
list(DataLoader(ds, batch_size=2))
TensorDataset(torch.zeros(3), torch.zeros(4))
torch.manual_seed(3)
train, val = random_split(ds, [3, 2])
train.indices, val.indices
len(train), train[0]
random_split(ds, [3, 3])
g = torch.Generator().manual_seed(42)
parts = random_split(range(10), [0.5, 0.3, 0.2], generator=g)
[list(p) for p in parts]
class SquaresDataset(Dataset):
    def __init__(self, n):
        self.x = torch.arange(n, dtype=torch.float32)
    def __len__(self):
        return len(self.x)
    def __getitem__(self, idx):
        return self.x[idx], self.x[idx] ** 2
sq = SquaresDataset(6)
len(sq)
sq[2]
isinstance(sq, Dataset)
for xb, yb in DataLoader(sq, batch_size=4):
    print(xb, yb)
torch.manual_seed(5)
[b[0].tolist() for b in DataLoader(sq, batch_size=2, shuffle=True)]
[s[1].item() for s in sq]
class PairDataset(Dataset):
    def __init__(self):
        self.data = [(1.0, 2), (3.0, 4), (5.0, 6)]
    def __len__(self):
        return len(self.data)
    def __getitem__(self, i):
        return self.data[i]
list(DataLoader(PairDataset(), batch_size=2))
df["Date"].dtype == "str"
df.dtypes
df.describe()
df.iloc[:20, 1:5].describe()
pd.read_csv("datasets/taylor_electricity_demand_2000.csv").describe()
pd.read_csv("datasets/bikeshare_hourly_2011.csv").head()
