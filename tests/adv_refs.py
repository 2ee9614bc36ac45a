#!/usr/bin/env python3
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/adv_refs.py: the references of the adversarial suites
# tests/test_adv_contacts.c and tests/test_adv_jumps.c, derived offline
# with exact rationals (fractions) and python3-mpmath at 200 bits, never
# from the library.  Run it to reprint them: python3 tests/adv_refs.py
from fractions import Fraction as Q
import math
import mpmath as mp

mp.mp.prec = 200


def exact(d):
    """The real a double stands for."""
    return Q(d)


def half_ulp_interval(d):
    lo = (Q(d) + Q(math.nextafter(d, -math.inf))) / 2
    hi = (Q(d) + Q(math.nextafter(d, math.inf))) / 2
    return lo, hi


def show(name, v):
    print("%-44s %s" % (name, v))


# --- jumps (class 2) -------------------------------------------------------
# floor(10*x) at 0.3: 10*0.3d is below 3, so the value is 2; the root of
# 10 x = 3 is 3/10, which lies in the rounding interval of 0.3d.
x = 0.3
show("10*0.3d - 3", float(10 * exact(x) - 3))
lo, hi = half_ulp_interval(x)
show("3/10 in R(0.3d)", lo <= Q(3, 10) <= hi)
# floor(3*x - 0.3) at 0.1d: 3*0.1d - 0.3d = 2^-55 > 0; the root 0.3d/3 is
# not in R(0.1d) but in R(prev(0.1d)).
x = 0.1
r = exact(0.3) / 3
show("3*0.1d - 0.3d", 3 * exact(x) - exact(0.3))
lo, hi = half_ulp_interval(x)
show("0.3d/3 in R(0.1d)", lo <= r <= hi)
p = math.nextafter(0.1, 0)
lo, hi = half_ulp_interval(p)
show("prev(0.1d)", repr(p))
show("0.3d/3 in R(prev 0.1d)", lo <= r <= hi)
show("sign 3*prev - 0.3d", (3 * exact(p) - exact(0.3)) > 0)
# heaviside(x^2 - 2) at the double nearest sqrt(2).
s2 = float(mp.sqrt(2))
show("s2", repr(s2))
show("s2^2 - 2 > 0", exact(s2) ** 2 - 2 > 0)
lo, hi = half_ulp_interval(s2)
show("sqrt2 in R(s2)", mp.mpf(lo.numerator) / lo.denominator <= mp.sqrt(2) <= mp.mpf(hi.numerator) / hi.denominator)
# sign(x^3 - 2) at the double nearest cbrt(2).
c2 = float(mp.cbrt(2))
show("c2", repr(c2))
show("c2^3 - 2 > 0", exact(c2) ** 3 - 2 > 0)
# floor(exp(x)) at the double nearest log 3.
l3 = float(mp.log(3))
show("l3", repr(l3))
show("exp(l3) - 3", mp.nstr(mp.exp(mp.mpf(l3)) - 3, 5))
# heaviside(cos(x)) at the double nearest pi/2.
h = float(mp.pi / 2)
show("pi/2 d", repr(h))
show("cos(pi/2 d)", mp.nstr(mp.cos(mp.mpf(h)), 5))

# --- contacts (class 1) ----------------------------------------------------
pid = float(mp.pi)
show("pi d", repr(pid))
show("sin(2 pi_d) = d/dx sin^2 at pi_d", mp.nstr(mp.sin(2 * mp.mpf(pid)), 20))
show("|pi - pi_d| + 1e-20 < half ulp", abs(mp.pi - pid) + mp.mpf("1e-20") < mp.mpf(2) ** -52)
# relu((x^2 - 2)^2): derivative 4x(x^2 - 2) at s2.
show("4 s2 (s2^2 - 2)", float(4 * exact(s2) * (exact(s2) ** 2 - 2)))
# relu(1 - cos(x) - 1e-18): roots +-acos(1 - 1e-18d), the double nearest.
e = mp.mpf(Q(1e-18).numerator) / Q(1e-18).denominator
root = mp.acos(1 - e)
show("root of 1 - cos x = 1e-18", mp.nstr(root, 25))
show("nearest double", repr(float(root)))
show("[f'] there = sin(root)", mp.nstr(mp.sin(root), 20))
# <T''', phi> for T = relu(1 - cos x) = 1 - cos x, phi the bump
# exp(-1/(1 - t^2)), t = x - 0.3: f''' = -sin x, so the pairing is
# -int_{-0.7}^{1.3} sin(x) phi(x) dx.
phi = lambda x: mp.exp(-1 / (1 - (x - mp.mpf("0.3")) ** 2)) if abs(x - mp.mpf("0.3")) < 1 else 0
c = mp.mpf(Q(0.3).numerator) / Q(0.3).denominator
phi = lambda x: mp.exp(-1 / (1 - (x - c) ** 2))
val = -mp.quad(lambda x: mp.sin(x) * phi(x), [c - 1, c, c + 1])
show("<T''', phi_{0.3,1}> relu(1 - cos x)", mp.nstr(val, 25))
# relu(1 - cos(x) - 1e-18), <T'', phi_{0.3,1}>: T = relu(h), h = 1 - cos x
# - 1e-18; T' = H(h) sin x; T'' = H(h) cos x + sum of jumps of T' as
# deltas: T'' = cos x on |x| > r plus 0 (T' is continuous: sin(+-r) * 1
# vs 0 at the root jumps by sin r, a delta of weight +-sin r).  Pair as
# -<T', phi'> = -int_{|x|>r} sin(x) phi'(x) dx.
dphi = lambda x: phi(x) * (-2 * (x - c) / (1 - (x - c) ** 2) ** 2)
val = -(mp.quad(lambda x: mp.sin(x) * dphi(x), [c - 1, -root])
        + mp.quad(lambda x: mp.sin(x) * dphi(x), [root, c, c + 1]))
show("<T'', phi_{0.3,1}> relu(1 - cos x - 1e-18)", mp.nstr(val, 25))
# max(x^2, 2*s2*x - 2): 2*s2 is the double 2.8284271247461903; the
# difference x^2 - 2 s2 x + 2 has roots s2 -+ sqrt(s2^2 - 2).
c = exact(2.8284271247461903)
show("2.8284271247461903 == 2 s2", c == 2 * exact(s2))
d = c * c / 4 - 2
rr = mp.sqrt(mp.mpf(d.numerator) / d.denominator)
m = mp.mpf(exact(s2).numerator) / exact(s2).denominator
show("near-tangent roots", (repr(float(m - rr)), repr(float(m + rr))))
