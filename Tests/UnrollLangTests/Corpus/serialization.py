import torch
import torch.nn as nn
from safetensors.torch import save_file, load_file
torch.manual_seed(0)
rnn = nn.LSTM(3, 4, num_layers=2, batch_first=True)
fc = nn.Linear(4, 1)
sd = rnn.state_dict()
list(sd.keys())
save_file(sd, '/tmp/unroll-corpus-lstm.safetensors')
loaded = load_file('/tmp/unroll-corpus-lstm.safetensors')
list(loaded.keys())
loaded['weight_hh_l1'].shape
loaded['bias_ih_l0']
torch.manual_seed(1)
other = nn.LSTM(3, 4, num_layers=2, batch_first=True)
torch.equal(other.weight_ih_l0, rnn.weight_ih_l0)
other.load_state_dict(loaded)
torch.equal(other.weight_ih_l0, rnn.weight_ih_l0)
x = torch.randn(2, 5, 3)
torch.allclose(other(x)[0], rnn(x)[0])
torch.save(fc.state_dict(), '/tmp/unroll-corpus-fc.pt')
ck = torch.load('/tmp/unroll-corpus-fc.pt', weights_only=True)
list(ck.keys())
ck['bias']
fc2 = nn.Linear(4, 1)
fc2.load_state_dict(ck)
fc2.weight
fc2.load_state_dict({'weight': torch.zeros(1, 4)}, strict=False)
fc2.load_state_dict({'weight': torch.zeros(1, 4)})
fc2.load_state_dict({'weight': torch.zeros(1, 5), 'bias': torch.zeros(1), 'extra': torch.ones(2)})
fc2.load_state_dict({'weight': 3, 'bias': torch.zeros(1)})
fc2.load_state_dict([1, 2])
r = fc2.load_state_dict({'bias': torch.zeros(1)}, strict=False)
r.missing_keys
r.unexpected_keys
mixed = {'steps': torch.tensor([1, 2, 3]), 'mask': torch.tensor([True, False]), 'half': torch.tensor([0.5], dtype=torch.float64), 'w': torch.ones(2, 2)}
save_file(mixed, '/tmp/unroll-corpus-mixed.safetensors', metadata={'format': 'pt'})
back = load_file('/tmp/unroll-corpus-mixed.safetensors')
back
save_file({'t': torch.ones(2, 3).t()}, '/tmp/unroll-corpus-bad.safetensors')
save_file({'a': 1}, '/tmp/unroll-corpus-bad.safetensors')
save_file([1], '/tmp/unroll-corpus-bad.safetensors')
load_file('/tmp/unroll-corpus-does-not-exist.safetensors')
torch.load('/tmp/unroll-corpus-does-not-exist.pt')
