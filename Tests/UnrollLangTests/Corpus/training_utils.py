import torch
import torchmetrics
from tqdm import tqdm, trange
from datetime import timedelta
mse = torchmetrics.MeanSquaredError()
mse
print(mse)
mse(torch.tensor([1., 2., 3.]), torch.tensor([1.5, 2., 2.]))
mse.update(torch.tensor([0., 1.]), torch.tensor([1., 1.]))
mse.compute()
print(f"Test MSE: {mse.compute()}")
mse.sum_squared_error
mse.total
mse.reset()
mse.total
mse.update(torch.tensor([[1., 2.]], dtype=torch.float64), torch.tensor([[0., 0.]], dtype=torch.float64))
mse.compute()
mse.compute().dtype
mse.update(torch.ones(32, 1), torch.zeros(32))
mse.update(torch.ones(2))
rmse = torchmetrics.MeanSquaredError(squared=False)
rmse.update(torch.tensor([1, 2]), torch.tensor([0, 0]))
rmse.compute()
torchmetrics.MeanSquaredError(squared=1)
torchmetrics.MeanSquaredError(num_outputs=0)
multi = torchmetrics.MeanSquaredError(num_outputs=2)
multi.update(torch.tensor([[1., 2.], [3., 4.]]), torch.zeros(2, 2))
multi.compute()
mae = torchmetrics.MeanAbsoluteError()
mae
mae(torch.tensor([1., -2.]), torch.tensor([0., 0.]))
mae(torch.tensor([0.5]), torch.tensor([0.]))
mae.compute()
total = 0
for i in tqdm(range(5), desc="sum"):
    total += i
total
bar = tqdm(range(10), leave=False)
for i in bar:
    if i == 3:
        break
bar.n
bar.total
len(tqdm([1, 2, 3]))
squares = [i * i for i in trange(4)]
squares
with tqdm(total=10) as pbar:
    pbar.update(3)
    pbar.update()
    pbar.set_postfix(loss=0.123456, epoch=2)
    pbar.set_description("training")
pbar.n
pbar.postfix
pbar.desc
for batch, (x, y) in enumerate(tqdm([(1, 2), (3, 4)])):
    print(batch, x, y)
timedelta(seconds=3725, microseconds=5)
print(timedelta(seconds=3725, microseconds=5))
print(timedelta(days=2, hours=1))
timedelta(0)
timedelta(minutes=1.5).seconds
timedelta(seconds=90061.25).days
timedelta(seconds=90061.25).total_seconds()
loss = torch.tensor(0.25)
print(f"{loss}", f"{loss:.3f}", f"{torch.tensor(7)}", f"{torch.tensor(True)}")
f"{torch.tensor([1.])}"
f"{torch.tensor([1.]):.2f}"
x = torch.ones(2).to(device="cpu")
x.to(device=torch.device("cpu"), dtype=torch.float64)
def configure(
    lr, epochs
):
    return lr * epochs
configure(0.5, 4)
nan = float("nan")
print(f"T_loss: {nan:6.4f}, V_loss: {-nan:6.4f}, {-nan}")
tqdm.write("a line between bars")
isinstance(tqdm(range(2)), tqdm)
from tqdm.auto import tqdm as auto_tqdm
sum(auto_tqdm([1, 2, 3]))
