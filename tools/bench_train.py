#!/usr/bin/env python3
"""PyTorch's side of `unroll bench train`: one epoch of the electricity LSTM (course lesson 12) over the full
real demand series, batch 32, sequence length 48, the same code the lesson runs. Prints seconds per epoch."""
import time

from steady_heap import keep_heap_allocations

heap_note = keep_heap_allocations()  # before numpy or torch allocates anything

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.optim as optim  # noqa: E402
from torch.utils.data import DataLoader, TensorDataset  # noqa: E402


class LSTMNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(input_size=1, hidden_size=32, num_layers=2, batch_first=True)
        self.fc = nn.Linear(32, 1)

    def forward(self, x):
        h0 = torch.zeros(2, x.size(0), 32)
        c0 = torch.zeros(2, x.size(0), 32)
        out, _ = self.lstm(x, (h0, c0))
        return self.fc(out[:, -1, :])


def main():
    torch.set_num_threads(1)
    torch.manual_seed(0)
    values = pd.read_csv("datasets/taylor_electricity_demand_2000.csv")["demand_mw"].to_numpy().astype(np.float32)
    values = (values - values.mean()) / values.std()
    xs = np.stack([values[i:i + 48] for i in range(len(values) - 48)])
    ys = values[48:]
    loader = DataLoader(TensorDataset(torch.from_numpy(xs), torch.from_numpy(ys)), batch_size=32, shuffle=True, drop_last=True)
    net = LSTMNet()
    criterion = nn.MSELoss()
    optimizer = optim.Adam(net.parameters(), lr=0.001)
    start = time.perf_counter()
    for seqs, labels in loader:
        loss = criterion(net(seqs.view(32, 48, 1)).squeeze(), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    elapsed = time.perf_counter() - start
    print(f"electricity LSTM, one epoch ({len(loader)} batches of 32x48x1), PyTorch {torch.__version__}, 1 thread, {heap_note}")
    print(f"epoch time {elapsed:.3f} s")


if __name__ == "__main__":
    main()
