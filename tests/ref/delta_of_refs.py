#!/usr/bin/env python3
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
"""tests/ref/delta_of_refs.py: the references of tests/test_delta_of.c,
<D^o[m(x) delta^(k)(g(x))], phi> for the bump phi(x) = exp(-1/(1 - t^2)),
t = (x - c)/r, computed with mpmath at 50 digits by the change of
variables itself, not by the library's chain-rule coefficients:

  <D^o[m delta^(k)(g)], phi> = (-1)^o <delta^(k)(g), psi>,  psi = m phi^(o),
  <delta^(k)(g), psi> = sum_i (-1)^k (d/dy)^k [psi(x_i(y)) / |g'(x_i(y))|] at y = 0,

where x_i(y) solves g(x) = y near the simple zero x_i of g (Newton's
method at the working precision) and the y-derivatives are mpmath's numerical ones at raised
precision.  The zeros are listed by hand (roots of x^2 + x - 2 are -2
and 1; of sin, k pi; of exp(x) - 2, log 2; ...).  Run by hand
(python3 tests/ref/delta_of_refs.py); not a build or test dependency."""
from mpmath import mp, mpf, exp, sin, cos, log, sqrt, pi, diff, nstr, cbrt

mp.dps = 50


def bump(c, r):
    c, r = mpf(c), mpf(r)

    def phi(x):
        t = (x - c) / r
        return exp(-1 / (1 - t * t)) if abs(t) < 1 else mpf(0)
    return phi


def pairing(g, m, k, o, c, r, zeros):
    phi = bump(c, r)

    def psi(x):
        return m(x) * (diff(phi, x, o) if o else phi(x))

    total = mpf(0)
    for x0 in zeros:
        def h(y, x0=x0):
            # Newton's method to the working precision, which diff
            # raises: findroot's default tolerance is far coarser, and a
            # second derivative by differences magnifies its error.
            x = mpf(x0)
            for _ in range(200):
                step = (g(x) - y) / diff(g, x)
                x -= step
                if abs(step) < mpf(2) ** (-mp.prec - 10) * (1 + abs(x)):
                    break
            return psi(x) / abs(diff(g, x))
        total += (-1) ** k * (diff(h, 0, k) if k else h(0))
    return (-1) ** o * total


one = lambda x: mpf(1)
CASES = [
    ("delta(x^2 + x - 2)", 0, 4, lambda x: x * x + x - 2, one, 0, 0, [-2, 1]),
    ("delta(sin(x))", 0.3, 10, sin, one, 0, 0, [j * pi for j in range(-3, 4)]),
    ("delta(exp(x) - 2)", 0, 1, lambda x: exp(x) - 2, one, 0, 0, [log(2)]),
    ("delta(x^2 - 2, 1)", 0.5, 2, lambda x: x * x - 2, one, 1, 0, [-sqrt(2), sqrt(2)]),
    ("delta(x^2 - 2, 2)", 0.5, 2, lambda x: x * x - 2, one, 2, 0, [-sqrt(2), sqrt(2)]),
    ("delta'(sin(x))", 0.3, 4, sin, one, 1, 0, [-pi, 0, pi]),
    ("cos(x)*delta(x^2 - 1)", 0.2, 2, lambda x: x * x - 1, cos, 0, 0, [-1, 1]),
    ("D[delta(exp(x) - 2)]", 0, 1, lambda x: exp(x) - 2, one, 0, 1, [log(2)]),
    ("delta(x^3 - 0.001, 2)", 0, 1, lambda x: x ** 3 - mpf(0.001), one, 2, 0,
     [cbrt(mpf(0.001))]),
    ("delta(exp(x) - 2, 3)", 0.5, 1, lambda x: exp(x) - 2, one, 3, 0, [log(2)]),
    ("x*delta(sin(x), 1)", 1, 3, sin, lambda x: x, 1, 0, [0, pi]),
    ("D^2[delta(x^2 + x - 2)]", 0, 4, lambda x: x * x + x - 2, one, 0, 2, [-2, 1]),
    ("3*delta(2*x^2 - 1) - delta(x^2 - 1/4)", 0, 1, None, None, 0, 0, None),
    # A zero that is no double, on a narrow bump: pi is located to half an
    # ulp and the bound pays for it through phi' and phi''.
    ("delta(sin(x))", 3.1416, 0.001, sin, one, 0, 0, [pi]),
    ("delta(sin(x), 1)", 3.1416, 0.001, sin, one, 1, 0, [pi]),
    ("exp(x)*delta(x^2 - 2)", 1.4142, 0.001, lambda x: x * x - 2, exp, 0, 0, [sqrt(2)]),
    # A multiplier undefined at 0 only (H(0) = nan), which the deltas at
    # +-1 never meet; 95 zeros k pi/50 of sin(50 x) in (-3, 3).
    ("heaviside(x, nan)*delta(x^2 - 1)", 0, 3, lambda x: x * x - 1,
     lambda x: mpf(1) if x > 0 else mpf(0), 0, 0, [-1, 1]),
    ("heaviside(x, nan)*delta(x - 1, 1)", 0, 3, lambda x: x - 1,
     lambda x: mpf(1) if x > 0 else mpf(0), 1, 0, [1]),
    ("delta(sin(50*x))", 0, 3, lambda x: sin(50 * x), one, 0, 0,
     [j * pi / 50 for j in range(-47, 48)]),
]

# Zeros that the breakpoint search finds from a rounded quadratic, checked
# on g itself (tests/test_delta_of.c): sum phi(x_i)/|g'(x_i)| on the
# bump (0, 3), the zeros from the doubles of the text, exactly.
def rounded_zeros():
    mp.dps = 40
    phi = bump(0, 3)
    out = []
    for c in (mpf(0.01), mpf(1e-30)):        # (x - 0.5)^2 - c
        r = sqrt(c)
        out.append((phi(mpf(0.5) - r) + phi(mpf(0.5) + r)) / (2 * r))
    a = mpf(0.3)
    for d in (mpf(1e-6), mpf(1e-12)):         # (x - 0.3)*(x - 0.3 - d)
        b = a + d
        out.append((phi(a) + phi(b)) / (b - a))
    return out


ROUNDED_ZEROS = rounded_zeros


if __name__ == "__main__":
    for text, c, r, g, m, k, o, zeros in CASES:
        if g is None:
            v = 3 * pairing(lambda x: 2 * x * x - 1, one, 0, 0, c, r, [-sqrt(mpf(1) / 2), sqrt(mpf(1) / 2)]) \
                - pairing(lambda x: x * x - mpf(1) / 4, one, 0, 0, c, r, [-mpf(1) / 2, mpf(1) / 2])
        else:
            v = pairing(g, m, k, o, c, r, zeros)
        print('  { "%s", %s, %s, %s },' % (text, c, r, nstr(v, 25)))
