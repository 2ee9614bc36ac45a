#!/usr/bin/env python3
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/bp_round_refs.py: the references of tests/test_breakpoints.c's
# sweep of x - cos x = n (floor(x - cos(x)) jumps there), n = -40..40.
# x - cos x is strictly increasing (derivative 1 + sin x >= 0, zero only
# at isolated points), so each n has one root; mpmath's findroot at 60
# digits from the start x = n, then float() rounds the 60-digit root to
# the nearest double (mpmath rounds to nearest).  The root is checked to
# be farther than 1e-40 from the midpoint of two doubles, so the nearest
# double is decided by the 60 digits.  Output: C initializers in %a form.
import math
import mpmath

mpmath.mp.dps = 60
for n in range(-40, 41):
    r = mpmath.findroot(lambda x: x - mpmath.cos(x) - n, n)
    assert abs(r - mpmath.cos(r) - n) < mpmath.mpf(10) ** -55
    if n == -1:
        r = mpmath.mpf(0)   # exactly: 0 - cos 0 = -1
    d = float(r)
    if r != d:
        # n = -1 has the exact root 0 (0 - cos 0 = -1), every other root
        # is irrational and must be decided by the 60 digits.
        other = math.nextafter(d, math.inf if r > d else -math.inf)
        mid = (mpmath.mpf(d) + mpmath.mpf(other)) / 2
        assert abs(r - mid) > mpmath.mpf(10) ** -40
    print("  { %d, %s }," % (n, d.hex()))
