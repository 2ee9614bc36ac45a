#!/usr/bin/env python3
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/ref/bp_hunt_refs.py: the references of tests/test_bp_hunt.c, the
# switch points of quadratic switching quantities whose constants are
# doubles (0.1 is 0x1.999999999999ap-4, not 1/10), at 40 digits.
#   3 (x - 0.1)^2 - 0.03 = 0   x = 0.1 -+ sqrt(0.03 / 3)
#   (x - 0.1)^2 - 0.01 = 0     x = 0.1 -+ sqrt(0.01)
#   x (x - 0.2) + 1e-20 = 0    x = 0.1 -+ sqrt(0.01 - 1e-20)  (0.1 = 0.2/2)
# The small root of each lies near 1e-18, far from 0 in doubles: the
# double whose rounding interval holds it is float(r) (mpmath rounds to
# nearest), checked to be decided by the 40 digits (r is farther than
# 1e-30 ulps from a midpoint).  Two roots an ulp apart are doubles
# themselves: (x - 1)(x - 1 - 2^-52), (x - 1e15)(x - 1e15 - 0.125),
# (x - 0.1)(x - 0.1 - 2^-56) (0.1 + 2^-56 is the double after 0.1).
# Output: C initializers in %a form, smaller root then larger.
import math
import mpmath

mpmath.mp.dps = 40
D = lambda v: mpmath.mpf(float(v))   # the double the C source writes
cases = [
    ("3*(x-0.1)^2-0.03", D(0.1), mpmath.sqrt(D(0.03) / 3)),
    ("(x-0.1)^2-0.01", D(0.1), mpmath.sqrt(D(0.01))),
    ("x*(x-0.2)+1e-20", D(0.2) / 2, mpmath.sqrt((D(0.2) / 2) ** 2 - D(1e-20))),
]
for name, c, s in cases:
    out = []
    for r in (c - s, c + s):
        d = float(r)
        other = math.nextafter(d, math.inf if r > d else -math.inf)
        mid = (mpmath.mpf(d) + mpmath.mpf(other)) / 2
        assert abs(r - mid) > mpmath.mpf(10) ** -30 * abs(mpmath.mpf(other) - d)
        out.append(d.hex())
    print("  /* %s: %s, %s */" % (name, mpmath.nstr(c - s, 25), mpmath.nstr(c + s, 25)))
    print("  { %s, %s }," % tuple(out))
for a, b in ((1.0, 1.0 + 2.0 ** -52), (1e15, 1e15 + 0.125), (0.1, math.nextafter(0.1, 1))):
    assert mpmath.mpf(b) - mpmath.mpf(a) == mpmath.mpf(math.nextafter(a, math.inf)) - mpmath.mpf(a)
    print("  { %s, %s }," % (a.hex(), b.hex()))
