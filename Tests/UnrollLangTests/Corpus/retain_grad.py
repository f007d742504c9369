# retain_grad keeps a non-leaf's gradient; reading .grad of a non-leaf without it gives None (and a warning on stderr).
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
z = x * 3
z.grad
z.retains_grad
z.retain_grad()
z.retains_grad
x.retains_grad
x.retain_grad()
y = (z * z).sum()
y.backward()
z.grad
x.grad
w = torch.tensor([1.0])
w.retain_grad()
