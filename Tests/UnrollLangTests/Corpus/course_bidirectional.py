# From the course's lecture slides (003): bidirectional two-layer RNNs, their parameter names and both batch layouts.
import torch
import torch.nn as nn
torch.manual_seed(0)
rnn = nn.RNN(
    input_size=3, hidden_size=4,
    num_layers=2,
    bidirectional=True
)
for name, parameter in rnn.named_parameters():
    print(name, parameter.shape)

rnn
input = torch.randn(6, 3)
output, hidden_state = rnn(input)
for idx, out in enumerate(output):
    print(idx, out)    # shape: torch.Size([4])

for idx, hidden in enumerate(hidden_state):
    print(idx, hidden) # shape: torch.Size([4])

rnn = nn.RNN(
    input_size=3, hidden_size=4, num_layers=2, bidirectional=True
)
# sequence size (L): 6, batch size (N): 10, input size (F): 3
batch_input = torch.randn(6, 10, 3)
batch_output, batch_hidden_state = rnn(batch_input)
print(batch_output.shape)    # >>> torch.Size([6, 10, 4])
for idx, out in enumerate(batch_output):
    print(idx, out.shape)    # >>> idx torch.Size([10, 4])
print()
print(batch_hidden_state.shape) # >>> torch.Size([2, 10, 4])
for idx, hidden in enumerate(batch_hidden_state):
    print(idx, hidden.shape)   # >>> idx torch.Size([10, 4])

rnn = nn.RNN(
    input_size=3, hidden_size=4, num_layers=2, batch_first=True,
    bidirectional=True
)
# batch size (N): 10, sequence size (L): 6, input size (F): 3
batch_input = torch.randn(10, 6, 3)
batch_output, batch_hidden_state = rnn(batch_input)
print(batch_output.shape)
for idx, out in enumerate(batch_output):
    print(idx, out.shape)
print()
print(batch_hidden_state.shape)
for idx, hidden in enumerate(batch_hidden_state):
    print(idx, hidden.shape)
torch.equal(batch_output[:, -1, :4], batch_hidden_state[-2])
torch.equal(batch_output[:, 0, 4:], batch_hidden_state[-1])
