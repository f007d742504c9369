# From the course's chapter slides (000): the Net classes for RNN, LSTM and GRU, with a forward pass on a batch.
import torch
import torch.nn as nn
torch.manual_seed(0)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(
            input_size=1,
            hidden_size=32,
            num_layers=2,
            batch_first=True,
        )
        self.fc = nn.Linear(32, 1)
    def forward(self, x):
        h0 = torch.zeros(2, x.size(0), 32)
        out, _ = self.rnn(x, h0)
        out = self.fc(out[:, -1, :])
        return out

net = Net()
net
seqs = torch.randn(32, 96)
seqs = seqs.view(32, 96, 1)
print(seqs.shape)
out = net(seqs)
out.shape
out[:4]
sum(p.numel() for p in net.parameters())
[name for name, _ in net.named_parameters()]
class Net(nn.Module):
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

lstm_net = Net(input_size=1)
lstm_net
out = lstm_net(seqs)
out.shape
out[:4]
sum(p.numel() for p in lstm_net.parameters())
class Net(nn.Module):
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

gru_net = Net(input_size=1)
gru_net
out = gru_net(seqs)
out.shape
out[:4]
out.squeeze().shape
sum(p.numel() for p in gru_net.parameters())
gru_net(torch.randn(32, 96))
