import torch
x = torch.tensor([[1., 2., 3.], [4., 5., 6.]])
x
x.shape
x.dtype
x.size(1)
x.dim()
x.numel()
x.view(3, 2)
x.reshape(-1)
x.t()
x.T
x.unsqueeze(0).shape
x.sum()
x.sum(dim=0)
x.mean(dim=1, keepdim=True)
x.max()
x.argmax(dim=1)
x[0]
x[:, -1]
x[..., 1]
x[None].shape
x[0, 1].item()
x.tolist()
x * 2
2 - x
x / 4
x ** 2
x @ x.t()
x > 2
-x
torch.tensor([1, 2, 3])
torch.tensor([1, 2, 3]) / 2
torch.tensor([True, False])
torch.tensor(2.5)
torch.tensor([[1, 2], [3, 4]], dtype=torch.float64)
torch.zeros(2, 3)
torch.ones((2, 2), dtype=torch.int64)
torch.full((2, 2), 7.0)
torch.arange(6)
torch.arange(0, 1, 0.25)
torch.linspace(0, 1, 5)
torch.eye(3)
torch.cat([x, x], dim=0).shape
torch.stack([x, x], dim=1).shape
torch.tanh(torch.tensor([0.0, 1.0, -1.0]))
torch.sigmoid(torch.tensor([0.0]))
torch.float32
torch.Size([2, 3])
len(x)
for row in x: print(row)
x.view(4, 4)
x.foo
y = torch.arange(12).view(3, 4)
y[1:, ::2]
y.max(dim=1)
v, i = y.max(dim=1)
i
y.float().std()
y.sum(dim=(0, 1))
z = torch.zeros(2, 3)
z[0] = 5
z[1, 1:] = torch.tensor([1.0, 2.0])
z
torch.arange(2000.)
torch.tensor([1e-5, 1.0])
torch.tensor([1e10, 1.0])
torch.tensor([0.5, float('nan'), float('inf')])
isinstance(x, torch.Tensor)
float(torch.tensor(2.5)), int(torch.tensor(3.7))
