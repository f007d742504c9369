# Attribute reads and writes that the interpreter caches per expression: the same expression sees
# instances of different classes, attributes set in different orders, deleted and set again, class
# members shadowed by instance attributes, and an nn.Module whose forward reads its submodules.
import torch
import torch.nn as nn

class Box:
    size = 10
    def __init__(self, value):
        self.value = value
    def grow(self):
        self.value = self.value + 1
        return self.value

class Other:
    def __init__(self):
        self.extra = "x"
        self.value = 100

def read_all(items):
    out = []
    for item in items:
        out.append(item.value)
        item.value = item.value * 2
        out.append(item.value)
    return out

def sizes(items):
    return [item.size for item in items]

a = Box(1)
b = Box(2)
o = Other()
read_all([a, o, b, o, a])
a.grow()
b.size = 3
sizes([a, b, a])
del b.size
sizes([a, b])
del a.value
a.grow()
a.value = 7
a.grow()
read_all([a, b])
o.grow()

def count_up(box, n):
    for i in range(n):
        box.value = box.value + 1
    return box.value

count_up(Box(0), 1000)
count_up(Other(), 5)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 2)
        self.scale = 2.0
    def forward(self, x):
        return self.fc(x) * self.scale

gen = torch.manual_seed(0)
net = Net()
def run(net, steps):
    out = None
    for i in range(steps):
        out = net(torch.ones(1, 3))
        net.scale = net.scale + 1
    return out.shape, net.scale

run(net, 3)
net.fc = nn.Linear(3, 1)
run(net, 2)
net.missing
