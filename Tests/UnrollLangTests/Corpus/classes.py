# torch.nn classes print with the module PyTorch defines them in; type() of a layer is its class.
import torch
import torch.nn as nn
nn.RNN
nn.LSTMCell
nn.Linear
nn.MSELoss
nn.CrossEntropyLoss
nn.Dropout
nn.Tanh
nn.Sequential
nn.Module
rnn = nn.RNN(2, 3)
type(rnn)
type(rnn) is nn.RNN
type(rnn) == nn.LSTM
isinstance(rnn, type(rnn))
type(nn.MSELoss())
type(nn.Linear(2, 1))
print(type(nn.GRU(1, 1)))
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.fc = nn.Linear(2, 1)
    def forward(self, x):
        return self.fc(x)
net = Net()
type(net.fc)
[type(m).__name__ for m in net.children()]
type(torch.zeros(1)).__name__
type(1).__name__
nn.LSTM.__module__
