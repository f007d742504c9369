import torch
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
w
y = (w * w).sum()
y
y.backward()
w.grad
w.requires_grad
w.is_leaf
(w * 2).grad_fn is not None
with torch.no_grad():
    z = w * 2
z.requires_grad
z
w.detach()
w.grad.zero_()
w.grad
a = torch.tensor(2.0, requires_grad=True)
b = a ** 3
b.backward()
a.grad
torch.tensor([1.0]).backward()
w = torch.tensor([1.0, 2.0], requires_grad=True)
loss = (w ** 2).sum()
loss.backward()
with torch.no_grad():
    w -= 0.1 * w.grad
w
w.grad.zero_()
w.grad = None
print(w.grad)
print(f"loss: {loss.item():.4f}")
