# The examples from PyTorch's documentation of nn.RNN, nn.LSTM, nn.GRU, nn.RNNCell, nn.LSTMCell and nn.GRUCell.
import torch
import torch.nn as nn
torch.manual_seed(0)
rnn = nn.RNN(10, 20, 2)
input = torch.randn(5, 3, 10)
h0 = torch.randn(2, 3, 20)
output, hn = rnn(input, h0)
output.shape
hn.shape
output[-1, 0, :6]
rnn = nn.LSTM(10, 20, 2)
input = torch.randn(5, 3, 10)
h0 = torch.randn(2, 3, 20)
c0 = torch.randn(2, 3, 20)
output, (hn, cn) = rnn(input, (h0, c0))
output.shape
hn.shape
cn.shape
cn[1, 2, :5]
rnn = nn.GRU(10, 20, 2)
input = torch.randn(5, 3, 10)
h0 = torch.randn(2, 3, 20)
output, hn = rnn(input, h0)
output.shape
hn[0, 0, :5]
rnn = nn.RNNCell(10, 20)
input = torch.randn(6, 3, 10)
hx = torch.randn(3, 20)
output = []
for i in range(6):
    hx = rnn(input[i], hx)
    output.append(hx)

len(output)
output[-1][0, :5]
rnn = nn.LSTMCell(10, 20)  # (input_size, hidden_size)
input = torch.randn(2, 3, 10)  # (time_steps, batch, input_size)
hx = torch.randn(3, 20)  # (batch, hidden_size)
cx = torch.randn(3, 20)
output = []
for i in range(input.size()[0]):
    hx, cx = rnn(input[i], (hx, cx))
    output.append(hx)

output = torch.stack(output, dim=0)
output.shape
output[1, 0, :5]
rnn = nn.GRUCell(10, 20)
input = torch.randn(6, 3, 10)
hx = torch.randn(3, 20)
output = []
for i in range(6):
    hx = rnn(input[i], hx)
    output.append(hx)

output[5][2, :5]
rnn = nn.LSTM(10, 20, 2, proj_size=5)
rnn
[(n, tuple(p.shape)) for n, p in rnn.named_parameters()]
output, (hn, cn) = rnn(torch.randn(5, 3, 10))
output.shape, hn.shape, cn.shape
