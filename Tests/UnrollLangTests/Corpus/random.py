import torch
torch.manual_seed(0)
torch.rand(3)
torch.randn(2, 3)
torch.randint(0, 10, (5,))
torch.randperm(6)
torch.manual_seed(42)
torch.randn(4)
torch.randn(2, 2) * 1000
g = torch.normal(0.0, 1.0, size=(3,))
g
