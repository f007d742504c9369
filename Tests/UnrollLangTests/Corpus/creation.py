# Creation functions with dtype= and requires_grad=, as PyTorch checks them; torch.set_num_threads.
import torch
torch.full((2,), 3.0, requires_grad=True)
torch.full((2,), 3, requires_grad=True)
torch.full((2,), 3)
torch.full((2,), True)
torch.full((2,), 1.5, dtype=torch.long)
torch.full((2, 2), 0.5, dtype=torch.float64, requires_grad=True)
torch.zeros(2, dtype=torch.long, requires_grad=True)
torch.zeros(2, 3, requires_grad=True)
torch.ones(2, requires_grad=True, dtype=torch.bool)
torch.ones((2,), dtype=torch.float64, requires_grad=True)
torch.empty(2, 2, requires_grad=True).shape
torch.empty(2, requires_grad=True).requires_grad
torch.arange(3, requires_grad=True)
torch.arange(3.0, requires_grad=True)
torch.arange(0, 1, 0.5, dtype=torch.float64, requires_grad=True)
torch.linspace(0, 1, 3, requires_grad=True)
torch.linspace(0, 1, 3, dtype=torch.float64)
torch.eye(2, requires_grad=True)
torch.eye(2, 3, dtype=torch.long)
torch.eye(2, dtype=torch.long, requires_grad=True)
torch.tensor([1, 2], requires_grad=True)
torch.tensor([1., 2], requires_grad=True)
torch.tensor([1., 2], dtype=torch.float64, requires_grad=True)
torch.tensor([1., 2], requires_grad=1)
torch.full_like(torch.zeros(2), 1.5, requires_grad=True)
torch.full_like(torch.zeros(2), 2, dtype=torch.long)
torch.zeros_like(torch.zeros(2, dtype=torch.long), requires_grad=True)
torch.ones_like(torch.zeros(2), dtype=torch.float64, requires_grad=True)
torch.empty_like(torch.zeros(3), requires_grad=True).shape
torch.rand(2, dtype=torch.float64, requires_grad=True).dtype
torch.randn(2, 2, requires_grad=True).requires_grad
torch.rand_like(torch.zeros(2), requires_grad=True).requires_grad
torch.randn_like(torch.zeros(2), dtype=torch.float64).dtype
torch.randn(2, dtype=torch.long)
torch.rand(2, dtype=torch.long)
torch.randint(0, 3, (2,), requires_grad=True)
torch.randint(0, 3, (2,), dtype=torch.float32).dtype
torch.randperm(3, requires_grad=True)
torch.normal(0.0, 1.0, (2,), requires_grad=True).requires_grad
torch.normal(0.0, 1.0, (2,), dtype=torch.float64).dtype
torch.zeros(2, requires_grad=1)
torch.zeros(2, requires_grad='yes')
torch.zeros(2, device='cpu')
x = torch.full((3,), 2.0, requires_grad=True)
(x * x).sum().backward()
x.grad
cores = torch.get_num_threads()
torch.set_num_threads(0)
torch.set_num_threads(-1)
torch.set_num_threads(2.5)
torch.set_num_threads()
torch.set_num_threads(1)
torch.get_num_threads()
torch.set_num_threads(3)
torch.get_num_threads()
torch.set_num_threads(cores)
torch.get_num_threads() == cores
torch.zeros(2, generator=torch.Generator())
g = torch.Generator()
g = g.manual_seed(3)
torch.rand(2, generator=g)
torch.randn(2, 2, generator=g, dtype=torch.float64, requires_grad=True)
torch.eye(3)
torch.eye(2, 3)
torch.eye(3, 2, dtype=torch.long)
torch.eye(0)
torch.eye(-1)
torch.eye(2, requires_grad=True)
torch.zeros_like(torch.eye(2))
torch.ones_like(torch.eye(2, dtype=torch.float64))
torch.full_like(torch.eye(2), 7)
torch.empty_like(torch.eye(2, 3)).shape
torch.linspace(0, 1, 5)
torch.linspace(-1, 1, steps=4, dtype=torch.float64)
torch.arange(1, 2.5, 0.5)
