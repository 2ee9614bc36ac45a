# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/rpow_refs.py: the references of tests/test_rpow.c, derived by hand
# and evaluated with mpmath at 40 digits (python3-mpmath, offline; run by
# hand, not by the build).
#
# phi(x) = exp(-1/(1 - t^2)), t = (x - c)/r, |t| < 1 (the library's bump).
# For f = relu(x - a)^p with p > 0 (continuous, f = 0 left of a):
#   <T_f', phi> = -int f phi' = -int_a^(c+r) (x - a)^p phi'(x) dx
#               = p int_a^(c+r) (x - a)^(p-1) phi(x) dx
# (integration by parts: the boundary terms vanish, (x - a)^p = 0 at a and
# phi = 0 at c + r; for 0 < p < 1 the integrand is integrable at a).
# For f = |x|^p: <T_f', phi> = p int sign(x) |x|^(p-1) phi(x) dx.
# Exponents are the doubles the parser makes: 2.5, 0.5, and 1/3 rounded.
from mpmath import mp, mpf, exp, quad

mp.dps = 40


def bump(c, r):
    return lambda x: exp(-1 / (1 - ((x - c) / r) ** 2)) if abs((x - c) / r) < 1 else mpf(0)


def relu_pow(a, p, c, r):
    phi = bump(c, r)
    lo = max(a, c - r)
    return p * quad(lambda x: (x - a) ** (p - 1) * phi(x), [lo, c + r])


def abs_pow(p, c, r):
    phi = bump(c, r)
    left = quad(lambda x: -(-x) ** (p - 1) * phi(x), [c - r, 0]) if c - r < 0 else 0
    right = quad(lambda x: x ** (p - 1) * phi(x), [max(0, c - r), c + r])
    return p * (left + right)


third = mpf(1.0 / 3.0)   # the double nearest 1/3, exactly
print("relu(x)^2.5, bump 0,1:       ", mp.nstr(relu_pow(0, mpf(2.5), 0, 1), 25))
print("relu(x)^0.5, bump 0,1:       ", mp.nstr(relu_pow(0, mpf(0.5), 0, 1), 25))
print("relu(x - 1.5)^2.5, bump 1.3,1:", mp.nstr(relu_pow(mpf(1.5), mpf(2.5), mpf(1.3), 1), 25))
print("relu(x)^(1/3), bump 0.1,0.7: ", mp.nstr(relu_pow(0, third, mpf(0.1), mpf(0.7)), 25))
print("abs(x)^0.5, bump 0.2,1:      ", mp.nstr(abs_pow(mpf(0.5), mpf(0.2), 1), 25))


# Exponents within 0.001 of an integer, paired through D^k T_f with the k
# for which f^(k) ~ x^-0.999 (barely integrable): the weak form
# (-1)^k int_0 x^p phi^(k), with phi^(k) by hand from phi = exp(g(t)),
# g = -1/(1 - t^2), g' = -2t/(1 - t^2)^2, g'' = -(2 + 6t^2)/(1 - t^2)^3:
# phi' = phi g' / r, phi'' = phi (g'^2 + g'') / r^2.
def bump_d(c, r, k):
    def d(x):
        t = (x - c) / r
        if abs(t) >= 1:
            return mpf(0)
        u = 1 - t * t
        g1 = -2 * t / u ** 2
        g2 = -(2 + 6 * t * t) / u ** 3
        v = exp(-1 / u)
        return v * g1 / r if k == 1 else v * (g1 * g1 + g2) / r ** 2
    return d


def relu_pow_weak(p, k, c, r):
    d = bump_d(c, r, k)
    lo = max(0, c - r)
    return (-1) ** k * quad(lambda x: x ** p * d(x), [lo, (lo + c + r) / 2, c + r])


print("relu(x)^0.001, T', bump 0.3,1: ", mp.nstr(relu_pow_weak(mpf(0.001), 1, mpf(0.3), 1), 25))
print("relu(x)^1.001, T'', bump 0.3,1:", mp.nstr(relu_pow_weak(mpf(1.001), 2, mpf(0.3), 1), 25))
