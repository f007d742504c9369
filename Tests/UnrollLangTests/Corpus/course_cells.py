# From the course's lecture slides (003): RNNCell parameters and unrolling a cell by hand over 6 steps.
import torch
import torch.nn as nn
torch.manual_seed(0)
rnn_cell = nn.RNNCell(
    input_size=3, hidden_size=4,
    bias=True, nonlinearity='tanh', device=None
)

for name, parameter in rnn_cell.named_parameters():
    print(name, parameter.shape)

rnn_cell
rnn_cell = nn.RNNCell(input_size=3, hidden_size=4)
# sequence size (L): 6, input size : 3
input = torch.randn(6, 3)
# hidden size: 4
hx = torch.randn(4)
output = []
for i in range(6): # sequence size (N)
    hx = rnn_cell(input=input[i], hx=hx)
    output.append(hx)

for idx, out in enumerate(output):
    print(idx, out)

for idx, out in enumerate(output):
    print(idx, output)

relu_cell = nn.RNNCell(3, 4, nonlinearity='relu')
relu_cell
relu_cell(input[0]).shape
nn.RNNCell(3, 4, nonlinearity='sigmoid')
rnn_cell(torch.randn(6, 5))
