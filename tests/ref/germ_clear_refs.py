# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/ref/germ_clear_refs.py: references for the pairings of
# tests/test_germ_clear.c, by python3-mpmath at 40 digits, independent of
# the library.  The bump is phi(x) = exp(-1/(1 - t^2)), t = (x - c)/r
# (not normalised).  Each case is reduced by hand to an integral of a
# closed form against phi, or to point values of phi:
#   <D[relu(x - a)], phi>       = int_a^(c+r) phi                (H(x - a))
#   <D^3[relu(x - 1)^3 e^x], phi> = int_1^(c+r) f'''(x) phi,
#        f''' = e^x (y^3 + 9 y^2 + 18 y + 6), y = x - 1 (f is C^2, no point
#        terms at 1)
#   <D^2[relu(x)^2.5], phi>     = int_0^(c+r) 3.75 x^0.5 phi     (f' is C^0)
#   <D^3[relu(x)^2.5], phi>     = int_0^(c+r) 1.875 x^-0.5 phi   (integrable)
#   <delta(x^5 - 1/2), phi>     = phi(x0) / (5 x0^4),  x0 = 2^(-1/5)
#   <delta'(g), phi>            = -(1/g') d/dx (phi/|g'|) at the zero x0
#        (change of variables u = g(x); checked below against the
#        reference of tests/ref/delta_of_refs.py for delta(x^2 - 2, 1)).
# The doubles c, r, a below are exact binary fractions: the references are
# for exactly those numbers.
from mpmath import mp, mpf, exp, quad, diff, sqrt, nstr

mp.dps = 40


def phi(x, c, r):
    t = (x - c) / r
    if abs(t) >= 1:
        return mpf(0)
    return exp(-1 / (1 - t * t))


def integral(f, lo, c, r):
    # Split at the centre and at lo so tanh-sinh sees smooth pieces.
    hi = c + r
    pts = sorted(set([lo, hi] + ([c] if lo < c < hi else [])))
    return quad(lambda x: f(x) * phi(x, c, r), pts)


def delta_prime(g, dg, x0, c, r):
    h = lambda x: phi(x, c, r) / abs(dg(x))
    return -diff(h, x0) / dg(x0)


U = mpf(2) ** -52
cases = []
# kink one ulp outside / inside the left end of the support of phi_{c,1}
c = 1 + U                      # left end 2^-52 > 0: kink outside
cases.append(("D[relu(x)]", c, 1, integral(lambda x: 1, c - 1, c, 1)))
c = 1 - U / 2                  # left end -2^-53: kink inside by 2^-53
cases.append(("D[relu(x)]", c, 1, integral(lambda x: 1, 0, c, 1)))
# narrow bump centred one ulp right of the kink at 1, radius 4 ulps of 1
c, r = 1 + U, 4 * U
cases.append(("D[relu(x - 1)]", c, r, integral(lambda x: 1, 1, c, r)))
c, r = 1 - U / 2, 2 * U        # one ulp left of the kink, radius 4 ulps
cases.append(("D[relu(x - 1)]", c, r, integral(lambda x: 1, 1, c, r)))
# high-order derivatives of high-order kinks
f3 = lambda x: exp(x) * ((x - 1) ** 3 + 9 * (x - 1) ** 2 + 18 * (x - 1) + 6)
cases.append(("D^3[relu(x - 1)^3*exp(x)]", 1.25, 0.5, integral(f3, 1, 1.25, 0.5)))
cases.append(("D^3[relu(x - 1)^3*exp(x)]", 1 + U, 0.5, integral(f3, 1, 1 + U, 0.5)))
cases.append(("D^2[relu(x)^2.5]", 0, 1, integral(lambda x: 3.75 * sqrt(x), 0, 0, 1)))
cases.append(("D^3[relu(x)^2.5]", 0.25, 1, integral(lambda x: 1.875 / sqrt(x), 0, 0.25, 1)))
# delta of a polynomial of degree 5
x0 = mpf(2) ** (-mpf(1) / 5)
cases.append(("delta(x^5 - 0.5)", 0.75, 0.5, phi(x0, 0.75, 0.5) / (5 * x0 ** 4)))
g5 = lambda x: 5 * x ** 4
cases.append(("delta(x^5 - 0.5, 1)", 0.75, 0.5, delta_prime(None, g5, x0, 0.75, 0.5)))

# The highest orders: D^k relu = delta^(k-2), so <D^k relu, phi> =
# (-1)^k phi^(k-2)(0); max(x, x^2) on phi_{0.3,1} has pieces x^2, x, x^2
# with jumps [f'] = 1, [f''] = -2 at 0 and [f'] = 1, [f''] = 2 at 1, and
# f^(k) = 0 on the pieces for k >= 3, so <D^k f, phi> is the sum of
# [f^(i)](a) (-1)^(k-1-i) phi^(k-1-i)(a); <D^k delta(g), phi> =
# (-1)^k phi^(k)(x0) / |g'(x0)|; D^6 relu(x)^2.5 (not a function: x^-3.5
# is not integrable) is (-1)^6 int_0 x^2.5 phi^(6).  Derivatives of phi by
# mpmath's Taylor series at 60 digits.
from mpmath import taylor, factorial, root


def phid(n, x, c, r):
    t0 = (mpf(x) - c) / r
    if abs(t0) >= 1:
        return mpf(0)
    co = taylor(lambda t: exp(-1 / (1 - t * t)), t0, n)
    return co[n] * factorial(n) / mpf(r) ** n


mp.dps = 60
c3 = mpf(0.3)
cases.append(("D^16[relu(x)]", c3, 1, phid(14, 0, c3, 1)))
v = 0
for a, j1, j2 in ((0, 1, -2), (1, 1, 2)):
    v += j1 * phid(14, a, c3, 1) - j2 * phid(13, a, c3, 1)
cases.append(("D^16[max(x, x^2)]", c3, 1, v))
x5 = root(mpf('0.5'), 5)
cases.append(("D^14[delta(x^5 - 0.5)]", 0.75, 0.5,
              phid(14, x5, mpf(0.75), mpf(0.5)) / (5 * x5 ** 4)))
mp.dps = 30
cases.append(("D^6[relu(x)^2.5]", c3, 1,
              quad(lambda x: x ** mpf(2.5) * phid(6, x, c3, 1), [0, c3, 1 + c3])))
mp.dps = 40

# Check of the delta' formula on a case of tests/ref/delta_of_refs.py.
chk = delta_prime(None, lambda x: 2 * x, sqrt(2), 0.5, 2) + \
      delta_prime(None, lambda x: 2 * x, -sqrt(2), 0.5, 2)
assert abs(chk - mpf("0.05087604180730785565540943")) < mpf(10) ** -24, chk

for text, c, r, ref in cases:
    print('  { "%s", %s, %s, %s },' % (text, nstr(mpf(c), 20), nstr(mpf(r), 20),
                                      nstr(ref, 25)))
