# From the course's lecture slides (003): nn.RNN with one and two layers, seq-first and batch-first batches.
import torch
import torch.nn as nn
torch.manual_seed(0)
rnn1 = nn.RNN(
    input_size=3, hidden_size=4, num_layers=1,
    nonlinearity='tanh', bias=True,
    batch_first=False, dropout=0.0,
    bidirectional=False, device=None
)

for name, parameter in rnn1.named_parameters():
    print(name, parameter.shape)

input = torch.randn(6, 3)
output, hidden_state = rnn1(input)
for idx, out in enumerate(output):
    print(idx, out)

for idx, hidden in enumerate(hidden_state):
    print(idx, hidden)

rnn2 = nn.RNN(
    input_size=3, hidden_size=4, num_layers=2
)

for name, parameter in rnn2.named_parameters():
    print(name, parameter.shape)

# sequence size (L): 6, input size (F): 3
input = torch.randn(6, 3)

output, hidden_state = rnn2(input)

for idx, out in enumerate(output):
    print(idx, out)

for idx, hidden in enumerate(hidden_state):
    print(idx, hidden)

rnn = nn.RNN(
    input_size=3, hidden_size=4, num_layers=2
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
    print(idx, hidden.shape)  # >>> idx torch.Size([10, 4])

rnn = nn.RNN(
    input_size=3, hidden_size=4, num_layers=2, batch_first=True
)
# batch size (N): 10, sequence size (L): 6, input size (F): 3
batch_input = torch.randn(10, 6, 3)
batch_output, batch_hidden_state = rnn(batch_input)
print(batch_output.shape)    # >>> torch.Size([10, 6, 4])
for idx, out in enumerate(batch_output):
    print(idx, out.shape)    # >>> idx torch.Size([6, 4])
print()
print(batch_hidden_state.shape) # >>> torch.Size([2, 10, 4])
for idx, hidden in enumerate(batch_hidden_state):
    print(idx, hidden.shape)   # >>> idx torch.Size([10, 4])
rnn
batch_output[0, -1]
batch_hidden_state[-1, 0]
rnn(torch.randn(6, 10, 5))
rnn(torch.randn(3))
