# The electricity pipeline of the course (000_ed7223f8ef37169b.txt) as one program: create_sequences with df.iloc,
# TensorDataset, DataLoader, the LSTM and GRU Nets, the training loop with view, the evaluation loop with
# torchmetrics. Changed: the file (the shipped half-hourly Taylor series instead of the course's 15-minute UCI client),
# the sequence length (48 half-hours = 24 h instead of 96 quarter-hours) and a one-epoch training run. The slides do
# not show the split, scaling or DataLoader lines; here: the first 80% of the series trains, min-max scaling fitted on
# the training windows, batches of 32 with drop_last (the loop's view(32, 48, 1) needs full batches). The training
# loop is kept as the course writes it: criterion(outputs, labels) with outputs (32, 1) and labels (32,) broadcasts to
# (32, 32) (PyTorch warns on stderr); the evaluation loop squeezes, as the course's next slide explains.
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import torch.optim as optim
import torchmetrics
from torch.utils.data import TensorDataset, DataLoader

torch.manual_seed(42)

def create_sequences(df, seq_length):
    xs, ys = [], []
    for i in range(len(df) - seq_length):
        x = df.iloc[i:(i+seq_length), 1]
        y = df.iloc[i+seq_length, 1]
        xs.append(x)
        ys.append(y)
    return np.array(xs), np.array(ys)

df = pd.read_csv("taylor_electricity_demand_2000.csv")
split = int(len(df) * 0.8)
train_data = df.iloc[:split]
test_data = df.iloc[split:]
seq_length = 48
X_train, y_train = create_sequences(train_data, seq_length)
X_test, y_test = create_sequences(test_data, seq_length)
print(X_train.shape, y_train.shape)
print(X_test.shape, y_test.shape)
low, high = X_train.min(), X_train.max()
X_train = (X_train - low) / (high - low)
y_train = (y_train - low) / (high - low)
X_test = (X_test - low) / (high - low)
y_test = (y_test - low) / (high - low)

dataset_train = TensorDataset(
    torch.from_numpy(X_train).float(),
    torch.from_numpy(y_train).float(),
)
dataset_test = TensorDataset(
    torch.from_numpy(X_test).float(),
    torch.from_numpy(y_test).float(),
)
dataloader_train = DataLoader(dataset_train, batch_size=32, shuffle=True, drop_last=True)
test_loader = DataLoader(dataset_test, batch_size=32, drop_last=True)

class LSTMNet(nn.Module):
    def __init__(self, input_size):
        super().__init__()
        self.lstm = nn.LSTM(
            input_size=1,
            hidden_size=32,
            num_layers=2,
            batch_first=True,
        )
        self.fc = nn.Linear(32, 1)

    def forward(self, x):
        h0 = torch.zeros(2, x.size(0), 32)
        c0 = torch.zeros(2, x.size(0), 32)
        out, _ = self.lstm(x, (h0, c0))
        out = self.fc(out[:, -1, :])
        return out

class GRUNet(nn.Module):
    def __init__(self, input_size):
        super().__init__()
        self.gru = nn.GRU(
            input_size=1,
            hidden_size=32,
            num_layers=2,
            batch_first=True,
        )
        self.fc = nn.Linear(32, 1)

    def forward(self, x):
        h0 = torch.zeros(2, x.size(0), 32)
        out, _ = self.gru(x, h0)
        out = self.fc(out[:, -1, :])
        return out

num_epochs = 1
for Net in [LSTMNet, GRUNet]:
    net = Net(input_size=1)
    print(net)
    criterion = nn.MSELoss()
    optimizer = optim.Adam(
        net.parameters(), lr=0.001
    )

    for epoch in range(num_epochs):
        for seqs, labels in dataloader_train:
            seqs = seqs.view(32, 48, 1)
            outputs = net(seqs)
            loss = criterion(outputs, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"Epoch {epoch + 1}, loss: {loss.item()}")

    mse = torchmetrics.MeanSquaredError()

    net.eval()
    with torch.no_grad():
        for seqs, labels in test_loader:
            seqs = seqs.view(32, 48, 1)
            outputs = net(seqs).squeeze()
            mse(outputs, labels)

    print(f"Test MSE: {mse.compute()}")
