import torch
import torch.autograd.forward_ad as fwAD
def f1(x, y):
    return torch.relu(x) - torch.relu(-x) + torch.relu(y) - torch.relu(-y)
def f2(x, y):
    return torch.relu(x + y)
def f3(x, y):
    return torch.relu(-x) + torch.relu(-y)
def f4(x, y):
    return torch.maximum(x, y)
for name, f, at in [("f1", f1, (0., 0.)), ("f2", f2, (0., 0.)), ("f3", f3, (1., 1.)), ("f4", f4, (0., 0.))]:
    x = torch.tensor(at[0], dtype=torch.float64, requires_grad=True)
    y = torch.tensor(at[1], dtype=torch.float64, requires_grad=True)
    f(x, y).backward()
    rev = (x.grad.item(), y.grad.item())
    fwd = []
    for i in range(2):
        with fwAD.dual_level():
            xd = fwAD.make_dual(torch.tensor(at[0], dtype=torch.float64), torch.tensor(1. if i == 0 else 0., dtype=torch.float64))
            yd = fwAD.make_dual(torch.tensor(at[1], dtype=torch.float64), torch.tensor(1. if i == 1 else 0., dtype=torch.float64))
            fwd.append(fwAD.unpack_dual(f(xd, yd)).tangent.item())
    print(name, at, "reverse", rev, "forward", tuple(fwd))
