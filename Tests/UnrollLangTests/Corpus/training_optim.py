# Optimizer details: parameter groups, named parameters, param_group dicts, zero_grad(set_to_none=False), step(closure), amsgrad.
import torch
import torch.nn as nn
from torch import optim
import torch.nn.functional as F
torch.manual_seed(0)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(3, 4)
        self.out = nn.Linear(4, 1)

    def forward(self, x):
        return self.out(torch.tanh(self.hidden(x)))

model = Net()
opt = optim.Adam([{'params': model.hidden.parameters(), 'lr': 0.1}, {'params': model.out.parameters()}], lr=0.01)
opt
len(opt.param_groups)
opt.param_groups[1]['lr']
print(opt.param_groups[1])
opt.defaults
x = torch.randn(5, 3)
y = torch.randn(5, 1)
for i in range(3):
    opt.zero_grad()
    loss = F.mse_loss(model(x), y)
    loss.backward()
    opt.step()
    print(f"{loss.item():.5f}")
model.hidden.weight.grad
opt.zero_grad(set_to_none=False)
model.hidden.weight.grad
opt.zero_grad()
print(model.hidden.weight.grad)
named = optim.SGD(model.named_parameters(), lr=0.1)
named
named.param_groups[0]['param_names']
ams = optim.Adam(model.parameters(), lr=0.1, amsgrad=True, weight_decay=0.01)
for i in range(3):
    ams.zero_grad()
    loss = F.l1_loss(model(x), y)
    loss.backward()
    ams.step()
    print(round(loss.item(), 4))
def closure():
    ams.zero_grad()
    loss = F.huber_loss(model(x), y)
    loss.backward()
    return loss
returned = ams.step(closure)
round(returned.item(), 4)
momentum_group = optim.SGD([{'params': model.out.parameters(), 'momentum': 0.5}], lr=0.3)
print(momentum_group.param_groups[0])
optim.Adam(model.parameters(), betas=[0.8, 0.9])
sgd = optim.SGD(model.parameters(), lr=0.1)
sgd.step()
sgd.param_groups[0]['params'][0].shape
sgd.param_groups[0]['nope']
optim.SGD([('w', model.out.weight), model.out.bias], lr=0.1)
optim.SGD([1, 2], lr=0.1)
optim.SGD(model.parameters(), lr='fast')
