import torch
import torch.nn as nn
torch.manual_seed(0)
e = nn.Embedding(10, 3)
e
e.weight
x = torch.tensor([[1, 2, 4, 5], [4, 3, 2, 9]])
y = e(x)
y.shape
y.grad_fn
y
g = torch.randn(2, 4, 3)
(y * g).sum().backward()
e.weight.grad
p = nn.Embedding(10, 3, padding_idx=0)
p
p.weight[0]
p(torch.tensor([0, 2, 0])).sum().backward()
p.weight.grad
n = nn.Embedding(5, 2, padding_idx=-1)
n.padding_idx
n
n.weight
f = nn.Embedding(6, 2, scale_grad_by_freq=True)
f(torch.tensor([1, 1, 1, 2, 5])).sum().backward()
f.weight.grad
m = nn.Embedding(4, 3, max_norm=1.0)
m
out = m(torch.tensor([0, 2]))
out
m.weight
m.weight.norm(dim=1)
nn.Embedding(4, 3, max_norm=0.5, norm_type=1.0)
nn.Embedding(4, 3, scale_grad_by_freq=True)
e(torch.tensor(3))
e(torch.tensor([]).long()).shape
e.num_embeddings, e.embedding_dim, e.padding_idx, e.max_norm, e.norm_type, e.scale_grad_by_freq, e.sparse
isinstance(e, nn.Embedding)
type(e)
[name for name, _ in e.named_parameters()]
e(torch.tensor([1.0, 2.0]))
e(torch.tensor([10]))
e(torch.tensor([-1]))
nn.Embedding(10, 3, padding_idx=10)
nn.Embedding(10, 3, padding_idx=-11)
nn.Embedding(3, 2, _weight=torch.ones(2, 2))
w = nn.Embedding(3, 2, _weight=torch.ones(3, 2), _freeze=True)
w.weight
nn.Embedding(3)
