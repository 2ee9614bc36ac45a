#!/usr/bin/env python3
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/plan_adv_refs.py: the references of tests/test_plan_adv.c, derived
# offline with python3-mpmath at 40 digits from the closed forms, never
# from the library.  phi_{c,r}(x) = exp(-1/(1 - t^2)), t = (x - c)/r, with
# c the double the test passes.  Run it to reprint them.
import mpmath as mp

mp.mp.dps = 40


def phi(t):
    return mp.exp(-1 / (1 - t * t)) if abs(t) < 1 else mp.mpf(0)


c = mp.mpf(0.3)
c3 = mp.mpf(3000.3)
# D[floor] = sum_k delta_k: phi at the integers of the support.
print("D[floor] on phi_{0.3,1}    ", mp.nstr(phi(0 - c) + phi(1 - c), 25))
print("D[floor] on phi_{3000.3,1} ", mp.nstr(phi(3000 - c3) + phi(3001 - c3), 25))
# floor itself: -1 on (-0.7, 0), 0 on (0, 1), 1 on (1, 1.3).
print("floor on phi_{0.3,1}       ", mp.nstr(-mp.quad(lambda x: phi(x - c), [c - 1, 0])
                                             + mp.quad(lambda x: phi(x - c), [1, c + 1]), 25))
# D[relu(e^x - 2)] = e^x H(x - log 2) (relu(e^x - 2) is continuous).
print("D[relu(exp(x)-2)] on phi_{0.3,1}",
      mp.nstr(mp.quad(lambda x: mp.exp(x) * phi(x - c), [mp.log(2), c + 1]), 25))
