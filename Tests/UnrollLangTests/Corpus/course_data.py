import torch
import numpy as np
import pandas as pd
from torch.utils.data import TensorDataset, DataLoader
df = pd.read_csv("datasets/taylor_electricity_demand_2000.csv")
df.head()
df.shape
df.columns
len(df)
df.iloc[:3, 1]
df["demand_mw"].values[:4]
def create_sequences(df, seq_length):
    xs, ys = [], []
    for i in range(len(df) - seq_length):
        x = df.iloc[i:(i+seq_length), 1]
        y = df.iloc[i+seq_length, 1]
        xs.append(x)
        ys.append(y)
    return np.array(xs), np.array(ys)
seq_length = 48
train_data = df.iloc[:3024]
test_data = df.iloc[3024:]
test_data.head(3)
X_train, y_train = create_sequences(train_data, seq_length)
print(X_train.shape, y_train.shape)
X_test, y_test = create_sequences(test_data, seq_length)
print(X_test.shape, y_test.shape)
X_train.dtype
X_train[0, :6]
X_test[-1, -4:]
y_train[:5]
dataset_train = TensorDataset(
    torch.from_numpy(X_train).float(),
    torch.from_numpy(y_train).float(),
)
dataset_test = TensorDataset(torch.from_numpy(X_test).float(), torch.from_numpy(y_test).float())
len(dataset_train), len(dataset_test)
dataset_train[0][0].shape, dataset_train[0][1]
torch.manual_seed(42)
dataloader_train = DataLoader(dataset_train, batch_size=32, shuffle=True)
len(dataloader_train)
for seqs, labels in dataloader_train:
    print(seqs.shape)
    seqs = seqs.view(32, 48, 1)
    print(seqs.shape, labels[:4])
    break
test_loader = DataLoader(dataset_test, batch_size=32, shuffle=False)
for seqs, labels in test_loader:
    seqs = seqs.view(32, 48, 1)
for seqs, labels in DataLoader(dataset_test, batch_size=32, drop_last=True):
    seqs = seqs.view(32, 48, 1)
print(seqs.shape, labels.shape, labels[-3:])
num_time_steps = 50
np.random.seed(1)
start = np.random.randint(3, size=1)[0]
print(start)
time_steps = np.linspace(start, start + 10, num_time_steps)
data = np.sin(time_steps)
data = data.reshape(num_time_steps, 1)
data[:3]
data.shape
x = torch.tensor(data[:-1]).float().reshape(1, num_time_steps - 1, 1)
y = torch.tensor(data[1:]).float().reshape(1, num_time_steps - 1, 1)
x.shape, y.shape
x[0, :3]
y[0, -2:]
input_x = x[:, 0, :]
input_x.reshape(1, 1, 1)
pred = torch.ones(1, 1, 1, requires_grad=True) * 0.5
preds = []
preds.append(pred.detach().numpy().ravel()[0])
print(preds[0])
pred.numpy()
x = x.data.numpy().ravel()
x.shape, x.dtype
x[:4]
time_steps[:-1].shape, time_steps[1:].shape
x.ravel()[-3:]
time_steps[-3:]
[int(np.random.randint(3, size=1)[0]) for _ in range(8)]
bikes = pd.read_csv("datasets/bikeshare_hourly_2011.csv")
bikes.shape
bikes.columns
bikes.iloc[:3, 8:12]
bikes["bikers"].values[:6]
bikes.iloc[:, -1].to_numpy().shape
bikes.iloc[20:26, [3, 14]]
