#!/usr/bin/env python3
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
"""tests/composite_refs.py: the references of tests/test_composite.c,
derived with mpmath at 40 digits from the closed form of the bump
phi(x) = exp(-1/(1 - t^2)), t = (x - c)/r, and the rules by hand:

  delta^(k)(a x + b) = delta_p^(k) / (|a| a^k),  p = -b/a
      (substitute y = a x + b in <delta^(k)(a x + b), phi>; a < 0 flips
      the orientation, hence |a|; each d/dy is d/dx / a),
  <delta_p^(k), phi> = (-1)^k phi^(k)(p),
  pv 1/(a x + b) = (1/a) pv 1/(x - p),
  p.v. int phi/(x - p) = int (phi(x) - phi(p))/(x - p) + phi(p) log((hi - p)/(p - lo)),
  <g delta_p^(k), phi> = (-1)^k (g phi)^(k)(p) with g smooth near p only,
  <g D^m pv_p, phi> = fp int g phi K_m, K_m = (-1)^m m!/(x - p)^(m+1)
      (the symmetric Hadamard finite part, derived in fp_mult).

Decimal constants in the texts (0.7, 0.1) are the doubles they parse to
(mpf(0.7) is that double exactly); quotients (1/3, 1/7) are exact
rationals, which is what the library's bounds must contain.  Run by hand
(python3 tests/composite_refs.py); it is not a build or test dependency."""
from mpmath import mp, mpf, exp, diff, quad, log, nstr

mp.dps = 40


def bump(c, r):
    c, r = mpf(c), mpf(r)

    def phi(x):
        t = (x - c) / r
        return exp(-1 / (1 - t * t)) if abs(t) < 1 else mpf(0)
    return phi


def d(phi, k, x):
    return diff(phi, x, k) if k else phi(x)


def aff(phi, a, b, k):
    p = -b / a
    return (-1) ** k * d(phi, k, p) / (abs(a) * a ** k)


def pv(phi, c, r, p):
    lo, hi = mpf(c) - mpf(r), mpf(c) + mpf(r)
    f = lambda x: (phi(x) - phi(p)) / (x - p) if x != p else diff(phi, p)
    return quad(f, [lo, p, hi]) + phi(p) * log((hi - p) / (p - lo))


R = mpf(1) / 3
C, RAD = 1.2, 3.0
phi = bump(C, RAD)
rows = [
    ("delta(3*x)", aff(phi, 3, 0, 0)),
    ("delta(-x)", aff(phi, -1, 0, 0)),
    ("delta(0.7 - x)", aff(phi, -1, mpf(0.7), 0)),
    ("delta(2*x + 1, 1)", aff(phi, 2, 1, 1)),
    ("delta(x/3 - 1, 2)", aff(phi, R, -1, 2)),
    ("delta(-2*x + 1, 3)", aff(phi, -2, 1, 3)),
    ("delta(0.1*x - 0.3, 1)", aff(phi, mpf(0.1), -mpf(0.3), 1)),
    ("delta'(-x/2 + 1/7)", aff(phi, -mpf(1) / 2, mpf(1) / 7, 1)),
    ("delta''(5*(x - 1)/7)", aff(phi, mpf(5) / 7, -mpf(5) / 7, 2)),
    ("delta(-3*x + 2, 3)", aff(phi, -3, 2, 3)),
    ("delta^(3)(x/3 + 1/3)", aff(phi, R, R, 3)),
    ("-delta(x*(-1/3) + 1/9, 1)", -aff(phi, -R, mpf(1) / 9, 1)),
    ("pv(2*x - 1)", pv(phi, C, RAD, mpf(1) / 2) / 2),
    ("pv(-x)", -pv(phi, C, RAD, 0)),
    ("pv 1/(2 - x)", -pv(phi, C, RAD, 2)),
    ("pv(4*x - 2)", pv(phi, C, RAD, mpf(1) / 2) / 4),
    ("pv(3*x - 1)", pv(phi, C, RAD, R) / 3),
    ("pv(x/3 - 1/3)", 3 * pv(phi, C, RAD, 1)),
    ("heaviside(2 - x, 0)*delta(x - 1)", phi(1)),
    ("heaviside(2 - x, 0)*delta(x - 1, 2)", d(phi, 2, 1)),
    ("abs(x - 2)*delta'(x - 1)", phi(1) - d(phi, 1, 1)),
    ("D[abs(x - 2)*delta(x - 1)]", -d(phi, 1, 1)),
    ("(floor(x) + x^2)*delta''(x - 0.5)",
     2 * phi(0.5) + 2 * d(phi, 1, 0.5) + d(phi, 2, 0.5) / 4),
    ("heaviside(2 - x, 0)*delta(3*x - 3)", phi(1) / 3),
    ("D^2[sign(x + 1)*delta'(x - 1)]", -d(phi, 3, 1)),
    ("relu(x - 1)^2*delta'(x - 1)", mpf(0)),
    ("max(x, 2, 4 - x)*delta(x/3 - 1/3)", 9 * phi(1)),
    # Continuous at 1 with a kink there: enough for delta, not for delta'.
    ("max(x, 2, 3 - x)*delta(x - 1)", 2 * phi(1)),
    ("abs(x - 1)*delta(x - 1)", mpf(0)),
]


def fp_mult(phi, g, p, m, lo, hi, delta, breaks, outer=0):
    """<g D^m pv_p, phi^(outer)> = fp int g phi^(outer) K_m, K_m(x) = (-1)^m
    m!/(x - p)^(m+1), the symmetric Hadamard finite part (g = g(p + u) is
    smooth on [p - delta, p + delta]): there, with F = g phi^(outer),
      K_m(p + u) F(p + u) + K_m(p - u) F(p - u)
        = m!/u^(m+1) ((-1)^m F(p + u) - F(p - u)),
    whose Taylor terms u^j, j < m, j + m odd, are subtracted and given
    their finite parts delta^(j-m)/(j - m) (j = m cancels: no log);
    outside, the plain integral split at g's breakpoints BREAKS."""
    F = lambda x: g(x) * d(phi, outer, x)
    fact = mp.factorial(m)
    sub = [(j, 2 * (-1) ** m * diff(F, p, j) / mp.factorial(j))
           for j in range(m) if (j + m) % 2 == 1]

    def inner(u):
        v = (-1) ** m * F(p + u) - F(p - u)
        return (v - sum(cj * u ** j for j, cj in sub)) / u ** (m + 1)
    # Below U0 the subtracted bracket cancels to nothing at 40 digits: its
    # Taylor terms j = m+1, m+3, m+5 integrate exactly (the next is U0^7).
    U0 = mpf('1e-6')
    head = sum(2 * (-1) ** m * diff(F, p, j) / mp.factorial(j) * U0 ** (j - m) / (j - m)
               for j in (m + 1, m + 3, m + 5))
    val = fact * (head + quad(inner, [U0, delta])
                  + sum(cj * mpf(delta) ** (j - m) / (j - m) for j, cj in sub))
    K = lambda x: (-1) ** m * fact / (x - p) ** (m + 1)
    pts = sorted([lo, hi, p - delta, p + delta] + [b for b in breaks if lo < b < hi])
    for a, b in zip(pts, pts[1:]):
        if a >= p - delta and b <= p + delta:
            continue
        val += quad(lambda x: F(x) * K(x), [a, b])
    return val


H2 = lambda x: mpf(1) if x < 2 else mpf(0)
LO, HI = C - RAD, C + RAD
rows += [
    ("heaviside(2 - x, 0)*pv(x - 1)", fp_mult(phi, H2, 1, 0, LO, HI, 0.5, [2])),
    ("heaviside(2 - x, 0)*pv(x - 1, 1)", fp_mult(phi, H2, 1, 1, LO, HI, 0.5, [2])),
    ("heaviside(2 - x, 0)*pv(x - 1, 2)", fp_mult(phi, H2, 1, 2, LO, HI, 0.5, [2])),
    ("heaviside(2 - x, 0)*pv(x - 1, 3)", fp_mult(phi, H2, 1, 3, LO, HI, 0.5, [2])),
    # D[g pv] pairs as -<g pv, phi'>.
    ("D[heaviside(2 - x, 0)*pv(x - 1)]", -fp_mult(phi, H2, 1, 0, LO, HI, 0.5, [2], 1)),
    ("abs(x - 2)*pv(x - 1)", fp_mult(phi, lambda x: abs(x - 2), 1, 0, LO, HI, 0.5, [2])),
    ("(floor(x) + x)*pv(x + 0.5, 1)",
     fp_mult(phi, lambda x: mp.floor(x) + x, -0.5, 1, LO, HI, 0.4, [-1, 0, 1, 2, 3, 4])),
    # The p.v.'s own point at a pv of an affine argument: pv(2x - 1) = pv_{1/2}/2.
    ("sign(x - 2)*pv(2*x - 1, 1)",
     fp_mult(phi, lambda x: mp.sign(x - 2), 0.5, 1, LO, HI, 1, [2]) / 4),
]
for text, ref in rows:
    print('  { "%s", %.1f, %.1f, %s },' % (text.replace('"', '\\"'), C, RAD, nstr(ref, 25)))
# A narrow bump: the point 3/7 is not a double, and phi' ~ 1/r makes its
# rounding visible.
CN, RN = 0.4286, 1e-3
phin = bump(CN, RN)
for text, a, b, k in [("delta(x/3 - 1/7)", R, -mpf(1) / 7, 0),
                      ("delta(x/3 - 1/7, 1)", R, -mpf(1) / 7, 1),
                      ("delta(7*x - 3, 2)", 7, -3, 2)]:
    print('  { "%s", %s, %s, %s },' % (text, CN, RN, nstr(aff(phin, a, b, k), 25)))
