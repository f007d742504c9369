import torch
import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 1)
    def foward(self, x):
        return self.fc(x)
class Good(nn.Module):
    def __init__(self):
        super().__init__()
        self.inner = Net()
        self.fc = nn.Linear(2, 1)
    def forward(self, x):
        return self.fc(x)
device = torch.device("cpu")
g = Good().to(device)
g(torch.zeros(1, 2)).shape
[type(c).__name__ for c in g.children()]
g.train() is g
net = Net()
net(torch.zeros(1, 2))
net.forward(torch.zeros(1, 2))
g.eval() is g
[type(m).__name__ for m in g.modules()]
