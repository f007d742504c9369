# A course-style training loop (model, loss, optimizer, zero_grad/backward/step) plus losses, optimizers, init and clipping.
import torch
import torch.nn as nn
import torch.optim as optim
import torch.nn.functional as F
from torch import optim as optim_again
torch.manual_seed(42)

class Net(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out[:, -1, :])

model = Net(1, 16, 1)
criterion = nn.MSELoss()
optimizer = optim.Adam(model.parameters(), lr=0.01)
criterion
optimizer
series = torch.sin(torch.linspace(0, 12.0, 60))
x = torch.stack([series[i:i + 10] for i in range(40)]).unsqueeze(-1)
y = torch.stack([series[i + 10] for i in range(40)]).unsqueeze(-1)
x.shape, y.shape
model.train()
for epoch in range(1, 21):
    optimizer.zero_grad()
    outputs = model(x)
    loss = criterion(outputs, y)
    loss.backward()
    optimizer.step()
    if epoch % 5 == 0:
        print(f"Epoch [{epoch}/20], Loss: {loss.item():.4f}")

model.eval()
with torch.no_grad():
    test_loss = criterion(model(x), y)
print(f"final {test_loss.item():.4f}")
optimizer.param_groups[0]['lr']
optimizer.param_groups[0]['lr'] = 0.001
for g in optimizer.param_groups:
    g['lr'] *= 0.5
optimizer.param_groups[0]['lr']
optimizer.param_groups[0]['betas']
len(optimizer.param_groups[0]['params'])
isinstance(optimizer, optim.Adam), isinstance(optimizer, optim_again.SGD)

# SGD with momentum and weight decay on a linear regression
torch.manual_seed(0)
lin = nn.Linear(3, 1)
sgd = optim.SGD(lin.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
sgd
features = torch.randn(16, 3)
targets = features @ torch.tensor([[1.0], [-2.0], [0.5]]) + 0.3
for step in range(5):
    sgd.zero_grad()
    loss = F.mse_loss(lin(features), targets)
    loss.backward()
    sgd.step()
    print(step, round(loss.item(), 4))
lin.weight.grad is None
sgd.zero_grad()
lin.weight.grad is None
nesterov = optim.SGD(lin.parameters(), lr=0.05, momentum=0.5, nesterov=True)
nesterov.param_groups[0]['nesterov']

# losses and their reductions
torch.manual_seed(1)
a = torch.randn(2, 3, requires_grad=True)
b = torch.randn(2, 3)
F.mse_loss(a, b)
F.mse_loss(a, b, reduction='sum')
F.mse_loss(a, b, reduction='none')
F.l1_loss(a, b)
nn.L1Loss(reduction='sum')(a, b)
F.huber_loss(a, b, delta=0.5)
nn.HuberLoss()
nn.HuberLoss(delta=0.5)(a, b)
logits = torch.randn(4, 5, requires_grad=True)
labels = torch.tensor([1, 0, 4, 2])
ce = nn.CrossEntropyLoss()
ce
loss = ce(logits, labels)
loss
loss.backward()
logits.grad
F.cross_entropy(logits, labels, reduction='none')
F.cross_entropy(logits, labels, ignore_index=0)
F.cross_entropy(logits, labels, label_smoothing=0.1)
F.softmax(logits, dim=1)
F.log_softmax(logits, dim=-1)
torch.softmax(torch.tensor([1.0, 2.0, 3.0]), dim=0)
F.relu(torch.tensor([-1.0, 0.5])), F.tanh(torch.tensor([0.5])), F.sigmoid(torch.tensor([0.0]))
F.dropout(torch.ones(6), p=0.5, training=False)
torch.manual_seed(3)
F.dropout(torch.ones(6), p=0.5)

# nn.init after a seed draws what PyTorch draws
torch.manual_seed(7)
w = torch.empty(3, 4)
nn.init.uniform_(w, -0.1, 0.1)
nn.init.normal_(w, mean=0.0, std=0.02)
nn.init.xavier_uniform_(w)
nn.init.xavier_normal_(w)
nn.init.kaiming_uniform_(w, nonlinearity='relu')
nn.init.kaiming_normal_(w, mode='fan_out')
nn.init.constant_(w, 0.5)
nn.init.zeros_(w)
nn.init.ones_(w)
nn.init.calculate_gain('tanh')
q = torch.empty(3, 3)
nn.init.orthogonal_(q)
torch.allclose(q @ q.T, torch.eye(3), atol=1e-6)
rnn = nn.RNN(2, 4)
for name, param in rnn.named_parameters():
    if 'weight' in name:
        _ = nn.init.xavier_uniform_(param)
    else:
        _ = nn.init.zeros_(param)
rnn.bias_ih_l0
rnn.weight_hh_l0

# gradient clipping returns the total norm
torch.manual_seed(5)
net = nn.Linear(4, 2)
F.mse_loss(net(torch.randn(8, 4)), torch.randn(8, 2) * 10).backward()
total = torch.nn.utils.clip_grad_norm_(net.parameters(), max_norm=1.0)
total
net.weight.grad.norm()
nn.utils.clip_grad_norm_(net.parameters(), max_norm=0.5, norm_type=float('inf'))
nn.utils.clip_grad_value_(net.parameters(), clip_value=0.01)
net.bias.grad

# mistakes and PyTorch's errors
optim.SGD([], lr=0.1)
optim.Adam(model.parameters(), lr=-1)
optim.Adam(model.parameters(), betas=(1.0, 0.999))
optim.SGD(model.parameters(), lr=0.1, nesterov=True)
optim.SGD(torch.zeros(2), lr=0.1)
criterion(outputs)
F.mse_loss(torch.zeros(2, 3), torch.zeros(2, 4))
F.cross_entropy(torch.randn(3, 4), torch.tensor([0, 1, 4]))
F.mse_loss(a, b, reduction='avg')
optimizer.param_groups[0]['momentum']
