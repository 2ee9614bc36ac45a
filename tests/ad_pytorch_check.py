#!/usr/bin/python3
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/ad_pytorch_check.py: the PyTorch rows of tests/test_ad.c and
# doc/ad.texi, run by hand with Debian's python3-torch (1.13.1) in both AD
# modes: reverse (torch.autograd.grad, what backward() runs) and forward
# (torch.autograd.forward_ad, a JVP).  Not part of the build or of the tests:
# torch is not a dependency.  Prints one line per case; "-0" and "+0" keep
# the sign of a zero.  Run: /usr/bin/python3 tests/ad_pytorch_check.py
import math
import torch
import torch.autograd.forward_ad as fwAD

torch.set_default_dtype(torch.float64)


def reverse(f, x):
    t = torch.tensor(x, requires_grad=True)
    (g,) = torch.autograd.grad(f(t), t, allow_unused=True)
    return None if g is None else g.item()


def forward(f, x):
    with fwAD.dual_level():
        t = fwAD.make_dual(torch.tensor(x), torch.tensor(1.0))
        tangent = fwAD.unpack_dual(f(t)).tangent
        return None if tangent is None else tangent.item()


def text(v):
    if v is None:
        return "None"
    if v == 0:
        return "-0" if math.copysign(1.0, v) < 0 else "+0"
    return repr(v)


def zero():
    return torch.zeros(())


def shared(t):
    a = -t          # one node used twice: its adjoint is summed first
    return a - a


CASES = [
    ("(relu(x)-1)^2/4", lambda t: (torch.relu(t) - 1) ** 2 / 4, [-1.0, 0.0, 1.0, 2.0]),
    ("-relu(x)", lambda t: -torch.relu(t), [-1.0]),
    ("relu(-x)", lambda t: torch.relu(-t), [1.0]),
    ("-abs(x)", lambda t: -torch.abs(t), [0.0]),
    ("-sign(x)", lambda t: -torch.sign(t), [2.0]),
    ("-floor(x)", lambda t: -torch.floor(t), [1.5]),
    ("-max(x,0)", lambda t: -torch.maximum(t, zero()), [-1.0]),
    ("-min(x,0)", lambda t: -torch.minimum(t, zero()), [1.0]),
    ("-clamp(x,-1,2)", lambda t: -torch.clamp(t, -1.0, 2.0), [-3.0]),
    ("-leaky_relu(x,0)", lambda t: -torch.nn.functional.leaky_relu(t, 0.0), [-1.0]),
    ("-relu(relu(x)-1)", lambda t: -torch.relu(torch.relu(t) - 1), [0.5]),
    ("(-relu(x))*relu(x)", lambda t: torch.neg(torch.relu(t)) * torch.relu(t), [0.0]),
    ("x*0-relu(x)", lambda t: t * 0 - torch.relu(t), [-1.0]),
    ("a-a, a=-x shared", shared, [0.5]),
    ("relu(x)", torch.relu, [0.0]),
    ("abs(x)", torch.abs, [0.0]),
    ("max(x,0)", lambda t: torch.maximum(t, zero()), [0.0]),
    ("clamp(x,-1,2)", lambda t: torch.clamp(t, -1.0, 2.0), [-1.0, 2.0]),
    ("sqrt(x)", torch.sqrt, [0.0]),
]

print("torch", torch.__version__)
for name, f, xs in CASES:
    for x in xs:
        print(f"{name:20s} x = {x:+g}: reverse {text(reverse(f, x)):5s} "
              f"forward {text(forward(f, x))}")
