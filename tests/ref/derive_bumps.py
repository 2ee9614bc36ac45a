#!/usr/bin/env python3
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
"""tests/ref/derive_bumps.py: 50-digit references for tests/test_adv_bumps.c
(far and narrow bumps), written to tests/ref/adv_bumps_ref.h.  Run by hand
(python3 tests/ref/derive_bumps.py > tests/ref/adv_bumps_ref.h), never by
make check; needs python3-mpmath only, not the library.

Derivation.  phi_{c,r}(x) = phi((x - c)/r), phi(t) = exp(-1/(1 - t^2)) on
|t| < 1.  With x = c + r t and phi_{c,r}^(k)(x) = r^-k phi^(k)(t),
    <D^k T_f, phi_{c,r}> = (-1)^k int f phi_{c,r}^(k) dx
                         = (-1)^k r^(1-k) int_{-1}^{1} f(c + r t) phi^(k)(t) dt,
with phi' = -2t s^-2 phi and phi'' = (6t^4 - 2) s^-4 phi, s = 1 - t^2 (the
recurrence P_{n+1} = s^2 P_n' + (4n t s - 2t) P_n from P_0 = 1).  c and r
are the doubles the C test passes (printed here as hex floats, so both sides
hold the same numbers); f is evaluated at 50 digits in x = c + r t exactly
(mpmath reduces sin and cos of large arguments exactly).  The integral is
split at the exact switch points of f in t, computed here at 50 digits from
their closed forms (k pi, sqrt 3, ln 2, e), never from the double the
library finds.  tanh-sinh quadrature at 60 digits; each reference is
checked by repeating the integral at 70 digits (agreement to 1e-40 is
asserted), and the sin and cos cases again from the bump's even moments.
With --sup it prints the maxima of |phi^(n)| that lib/testfn/testfn.c
tabulates (see bump_sup below)."""
import math
import mpmath as mp

mp.mp.dps = 60


def phik(k, t):
    s = 1 - t * t
    if s <= 0:
        return mp.mpf(0)
    p = mp.exp(-1 / s)
    if k == 0:
        return p
    if k == 1:
        return -2 * t / s**2 * p
    if k == 2:
        return (6 * t**4 - 2) / s**4 * p
    raise ValueError(k)


def heav(v):
    return mp.mpf(1) if v > 0 else mp.mpf(0)


def relu(v):
    return v if v > 0 else mp.mpf(0)


# name: parser text, python f, switch points generator (c, r) -> list of x
def zeros_sin(c, r):
    lo, hi = c - r, c + r
    k0 = int(mp.floor(lo / mp.pi))
    return [k * mp.pi for k in range(k0, k0 + int(2 * r / 3.14) + 3)
            if lo < k * mp.pi < hi]


FUN = {
    "sin(x)": (mp.sin, None),
    "cos(x)": (mp.cos, None),
    "exp(x - 1000)": (lambda x: mp.exp(x - 1000), None),
    "exp(x - 100000)": (lambda x: mp.exp(x - 100000), None),
    "exp(x/1024)": (lambda x: mp.exp(x / 1024), None),
    "x^2": (lambda x: x * x, None),
    "x^3 - x": (lambda x: x**3 - x, None),
    "abs(x - 1000.5)": (lambda x: abs(x - mp.mpf(1000.5)),
                        lambda c, r: [mp.mpf(1000.5)]),
    "relu(sin(x))": (lambda x: relu(mp.sin(x)), zeros_sin),
    "heaviside(sin(x))": (lambda x: heav(mp.sin(x)), zeros_sin),
    "sqrt(abs(x - 100000))": (lambda x: mp.sqrt(abs(x - 100000)),
                              lambda c, r: [mp.mpf(100000)]),
    "sqrt(abs(3*x - 1))": (lambda x: mp.sqrt(abs(3 * x - 1)),
                           lambda c, r: [mp.mpf(1) / 3]),
    "heaviside(x^2 - 3)": (lambda x: heav(x * x - 3),
                           lambda c, r: [mp.sqrt(3)]),
    "relu(x^2 - 3)": (lambda x: relu(x * x - 3), lambda c, r: [mp.sqrt(3)]),
    "heaviside(exp(x) - 2)": (lambda x: heav(mp.exp(x) - 2),
                              lambda c, r: [mp.log(2)]),
    "heaviside(log(x) - 1)": (lambda x: heav(mp.log(x) - 1),
                              lambda c, r: [mp.e]),
}

SQ3, PI, E, LN2 = math.sqrt(3), math.pi, math.e, math.log(2)
# (parser text, k, c, r): every c and r a double.
CASES = []
for c in (1e3, 1e5, 1e10, 1e15):
    for r in (1.0, 1e-3, 1e-10):
        if r >= 8 * math.ulp(c):
            CASES.append(("sin(x)", 0, c, r))
CASES += [
    ("sin(x)", 0, 1e5, 1e-10),   # about 14 doubles in the support
    ("sin(x)", 0, 1e17, 64.0),   # 9 doubles: the support of radius 2 rounds to a point
    ("cos(x)", 0, 1e3, 1.0), ("cos(x)", 0, 1e5, 1e-3), ("cos(x)", 0, 1e10, 1.0),
    ("cos(x)", 0, 1e15, 1.0),
    ("exp(x - 1000)", 0, 1e3, 1.0), ("exp(x - 100000)", 0, 1e5, 1e-3),
    ("exp(x/1024)", 0, 1e5, 1e-10),
    ("x^2", 0, 1e5, 1e-3), ("x^3 - x", 0, 1e3, 1.0), ("x^2", 0, 1e15, 1.0),
    ("sin(x)", 1, 1e5, 1.0), ("exp(x - 1000)", 2, 1e3, 1e-3),
    ("abs(x - 1000.5)", 2, 1e3, 1.0),
    ("relu(sin(x))", 0, 1e5, 1.0), ("relu(sin(x))", 2, 1e5, 1.0),
    ("heaviside(sin(x))", 0, 1e10, 1.0),
    ("sqrt(abs(x - 100000))", 0, 100000.25, 1.0),
    ("sqrt(abs(x - 100000))", 1, 100000.25, 1e-6),
    ("heaviside(x^2 - 3)", 0, SQ3, 1e-6), ("heaviside(x^2 - 3)", 0, SQ3, 1e-10),
    ("heaviside(x^2 - 3)", 0, SQ3, 1e-13), ("heaviside(x^2 - 3)", 0, SQ3, 1e-15),
    ("heaviside(x^2 - 3)", 1, SQ3, 1e-10), ("heaviside(x^2 - 3)", 1, SQ3, 1e-15),
    ("relu(x^2 - 3)", 2, SQ3, 1e-12),
    ("heaviside(sin(x))", 0, PI, 1e-6), ("heaviside(sin(x))", 0, PI, 1e-15),
    ("heaviside(sin(x))", 1, PI, 1e-13),
    ("heaviside(exp(x) - 2)", 1, LN2, 1e-8), ("heaviside(exp(x) - 2)", 1, LN2, 1e-15),
    ("sqrt(abs(3*x - 1))", 0, 1 / 3, 1e-10), ("sqrt(abs(3*x - 1))", 0, 1 / 3, 1e-15),
    ("heaviside(log(x) - 1)", 0, E, 1e-6), ("heaviside(log(x) - 1)", 0, E, 1e-14),
]


def reference(text, k, c, r, dps):
    mp.mp.dps = dps
    f, zeros = FUN[text]
    cm, rm = mp.mpf(c), mp.mpf(r)
    pts = [mp.mpf(-1)]
    if zeros:
        pts += sorted((z - cm) / rm for z in zeros(cm, rm) if abs((z - cm) / rm) < 1)
    pts.append(mp.mpf(1))
    g = lambda t: f(cm + rm * t) * phik(k, t)
    v = mp.quad(g, pts)
    return (-1)**k * rm**(1 - k) * v


def main():
    print("/* Copyright (C) 2026 The nonsmooth authors.\n"
          "   SPDX-License-Identifier: GPL-3.0-or-later */\n"
          "/* tests/ref/adv_bumps_ref.h: <D^k T_f, phi_{c,r}> for far and narrow\n"
          "   bumps at 50 digits, written by tests/ref/derive_bumps.py (mpmath,\n"
          "   tanh-sinh at 60 digits, checked at 70; see the derivation there).\n"
          "   Do not edit by hand. */")
    print("static const struct adv_ref { const char *f; int k; double c, r; double ref; }\n"
          "adv_refs[] = {")
    for text, k, c, r in CASES:
        a = reference(text, k, c, r, 60)
        b = reference(text, k, c, r, 70)
        assert abs(a - b) <= mp.mpf(10)**-40 * max(1, abs(a)), (text, k, c, r, a, b)
        mp.mp.dps = 60
        if k == 0 and text in ("sin(x)", "cos(x)"):
            # Second derivation from the even moments: sin(c + r t) =
            # sin c cos rt + cos c sin rt, and phi is even, so
            # <sin, phi_{c,r}> = r sin(c) int phi(t) cos(rt) dt (cos alike).
            cm, rm = mp.mpf(c), mp.mpf(r)
            mom = mp.quad(lambda t: phik(0, t) * mp.cos(rm * t), [-1, 0, 1])
            alt = rm * (mp.sin(cm) if text == "sin(x)" else mp.cos(cm)) * mom
            assert abs(alt - a) <= mp.mpf(10)**-40 * max(1, abs(a)), (text, c, r, a, alt)
        print('  { "%s", %d, %s, %s, %s },  /* c = %r, r = %r */'
              % (text, k, c.hex(), r.hex(), mp.nstr(a, 50, min_fixed=1, max_fixed=0), c, r))
    print("};")


def bump_sup():
    """sup_t |phi^(n)(t)|, n = 0..17, for the table bump_sup in
    lib/testfn/testfn.c (which stores these times 1.1, rounded up).
    phi^(n) = P_n(t) s^(-2n) phi(t) with P_n from the recurrence above in
    exact integer coefficients; the maximum of |phi^(n)| over a grid of 4000
    points on (-1, 1), refined by 80 steps of golden section around the best
    grid point."""
    mp.mp.dps = 30

    def mul(a, b):
        o = [0] * (len(a) + len(b) - 1)
        for i, x in enumerate(a):
            for j, y in enumerate(b):
                o[i + j] += x * y
        return o

    def add(a, b):
        n = max(len(a), len(b))
        return [(a[i] if i < len(a) else 0) + (b[i] if i < len(b) else 0)
                for i in range(n)]

    def der(a):
        return [i * a[i] for i in range(1, len(a))] or [0]

    s = [1, 0, -1]
    P = [[1]]
    for n in range(17):
        p = P[-1]
        P.append(add(mul(mul(s, s), der(p)), mul(add(mul([0, 4 * n], s), [0, -2]), p)))

    def f(n, t):
        sv = 1 - t * t
        if sv <= 0:
            return mp.mpf(0)
        return abs(mp.polyval(P[n][::-1], t)) / sv**(2 * n) * mp.exp(-1 / sv)

    N = 4000
    for n in range(18):
        best = max((f(n, -1 + 2 * mp.mpf(i) / N), i) for i in range(1, N))
        t0 = -1 + 2 * mp.mpf(best[1]) / N
        a, b = t0 - 2 / mp.mpf(N), t0 + 2 / mp.mpf(N)
        for _ in range(80):
            m1, m2 = a + (b - a) * 0.382, a + (b - a) * 0.618
            if f(n, m1) > f(n, m2):
                b = m2
            else:
                a = m1
        print(n, mp.nstr(f(n, (a + b) / 2), 10))


if __name__ == "__main__":
    import sys
    if "--sup" in sys.argv[1:]:
        bump_sup()
    else:
        main()
