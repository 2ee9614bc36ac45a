#!/usr/bin/python3
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/ad_sympy_check.py: the SymPy column of tests/test_ad.c's
# sympy_points[] and of doc/ad.texi, run by hand with SymPy 1.14.0 (pip;
# Debian's python3-sympy is 1.11.1): diff, then subs, exactly as a SymPy
# user gets the derivative at a point.  Not part of the build or of the
# tests: SymPy is not a dependency.  Prints one line per case: the
# expression in the library's syntax, the point, SymPy's derivative before
# substitution, and its value (an unevaluated DiracDelta(0) or
# Derivative(floor) means "undefined").  Run: python3 tests/ad_sympy_check.py
import sympy
from sympy import (Symbol, Max, Min, Heaviside, sign, Abs, floor, sqrt, sin,
                   cos, exp, diff, pi)

x = Symbol('x', real=True)
relu = lambda u: Max(0, u)
clamp = lambda u, lo, hi: Min(Max(u, lo), hi)

cases = [
    ("x*heaviside(x)", x * Heaviside(x), 0),
    ("x^2*heaviside(x)/2", x**2 * Heaviside(x) / 2, 0),
    ("(x + 2)*heaviside(2*x + 4)", (x + 2) * Heaviside(2 * x + 4), -2),
    ("x*sign(x)", x * sign(x), 0),
    ("abs(x)", Abs(x), 0),
    ("relu(x)", relu(x), 0),
    ("x*relu(x)", x * relu(x), 0),
    ("(x - 1)*heaviside(x - 1)", (x - 1) * Heaviside(x - 1), 1),
    ("(x^2 - 1)*heaviside(x - 1)", (x**2 - 1) * Heaviside(x - 1), 1),
    ("sin(x)*sign(x)", sin(x) * sign(x), 0),
    ("x*heaviside(x)^2", x * Heaviside(x)**2, 0),
    ("heaviside(x^2)", Heaviside(x**2), 0),
    ("x*abs(x)", x * Abs(x), 0),
    ("abs(x)*heaviside(x)", Abs(x) * Heaviside(x), 0),
    ("relu(x)*heaviside(x)", relu(x) * Heaviside(x), 0),
    ("x^3*sign(x)", x**3 * sign(x), 0),
    ("heaviside(x - 1)*(x - 1)^2", Heaviside(x - 1) * (x - 1)**2, 1),
    ("max(x, 0)*sign(x)", Max(x, 0) * sign(x), 0),
    ("min(x, 0)*heaviside(x)", Min(x, 0) * Heaviside(x), 0),
    ("heaviside(x)*heaviside(-x)", Heaviside(x) * Heaviside(-x), 0),
    ("sign(x)^2", sign(x)**2, 0),
    ("x*clamp(x, 0, 1)", x * clamp(x, 0, 1), 0),
    ("relu(x*heaviside(x))", relu(x * Heaviside(x)), 0),
    ("abs(x*heaviside(x))", Abs(x * Heaviside(x)), 0),
    ("x*heaviside(x, 0)", x * Heaviside(x, 0), 0),
    ("(x - 1)*(x + 1)*sign(x - 1)", (x - 1) * (x + 1) * sign(x - 1), 1),
    ("exp(x)*relu(x)", exp(x) * relu(x), 0),
    ("relu(x)^2", relu(x)**2, 0),
    ("x*heaviside(x)*sign(x)", x * Heaviside(x) * sign(x), 0),
    ("abs(x)*sign(x)", Abs(x) * sign(x), 0),
    ("x*floor(x)", x * floor(x), 0),
    ("(x + 1)*heaviside(x)", (x + 1) * Heaviside(x), 0),
    ("heaviside(x)*sign(x)", Heaviside(x) * sign(x), 0),
    ("heaviside(x)", Heaviside(x), 0),
    ("sign(x)", sign(x), 0),
    ("heaviside(relu(x))", Heaviside(relu(x)), 0),
    ("floor(x)", floor(x), 0),
    # 0*zoo is nan, unlike 0*DiracDelta(0) (recorded with SymPy 1.14.0):
    # sign(0)/(2 sqrt(0)) and the like.
    ("sqrt(abs(x - 1))", sqrt(Abs(x - 1)), 1),
    ("sqrt(relu(x))", sqrt(relu(x)), 0),
    ("sqrt(abs(x))*sign(x)", sqrt(Abs(x)) * sign(x), 0),
    ("sqrt(abs(x)) + x*heaviside(x)", sqrt(Abs(x)) + x * Heaviside(x), 0),
    ("x*sqrt(abs(x))", x * sqrt(Abs(x)), 0),
    ("sqrt(abs(sin(x)))", sqrt(Abs(sin(x))), 0),
    ("sqrt(relu(x - 1) + abs(x - 1))", sqrt(relu(x - 1) + Abs(x - 1)), 1),
    ("sqrt(abs(x))*heaviside(x)", sqrt(Abs(x)) * Heaviside(x), 0),
    ("exp(sqrt(abs(x)))", exp(sqrt(Abs(x))), 0),
    # n-ary Max and Min: SymPy flattens them (the library's max(a, b, c) is
    # max(max(a, b), c); SymPy's Max(Max(a, b), c) is Max(a, b, c)).
    ("max(x, 0, -x)", Max(Max(x, 0), -x), 0),
    ("max(x, 2*x, 3*x)", Max(Max(x, 2 * x), 3 * x), 0),
    ("min(x, 2*x, 3*x)", Min(Min(x, 2 * x), 3 * x), 0),
    ("min(x, 0, -x)", Min(Min(x, 0), -x), 0),
    ("max(x, 0, 1 - x)", Max(Max(x, 0), 1 - x), sympy.Rational(1, 2)),
    ("max(x, 0, 2*x - 1)", Max(Max(x, 0), 2 * x - 1), 1),
    ("max(x, -x, 2*x, -2*x)", Max(Max(Max(x, -x), 2 * x), -2 * x), 0),
    ("max(max(x, -x), max(2*x, 0))", Max(Max(x, -x), Max(2 * x, 0)), 0),
    ("relu(relu(x))", relu(relu(x)), 0),
    ("relu(max(x, -x))", relu(Max(x, -x)), 0),
    ("max(relu(x), 2*x)", Max(relu(x), 2 * x), 0),
    ("max(x, 1 - x, 0)", Max(Max(x, 1 - x), 0), sympy.Rational(1, 2)),
    ("x*max(x, 0, -x)", x * Max(Max(x, 0), -x), 0),
    ("max(x, 0)*max(x, 0, -x)", Max(x, 0) * Max(Max(x, 0), -x), 0),
    ("max(min(x, 0), -x)", Max(Min(x, 0), -x), 0),
    ("min(max(x, 0), -x, 2*x)", Min(Min(Max(x, 0), -x), 2 * x), 0),
    ("max(x, x, x)", Max(Max(x, x), x), 0),
    ("max(x, 0, x)", Max(Max(x, 0), x), 0),
    ("max(relu(x), 0, x, -x)", Max(Max(Max(relu(x), 0), x), -x), 0),
    ("x*max(x, x, 1)", x * Max(Max(x, x), 1), 1),
    # SymPy simplifies before substituting; the library refuses these two.
    ("x*sqrt(x)", x * sqrt(x), 0),
    ("sqrt(abs(x - 1))*abs(x - 1)", sqrt(Abs(x - 1)) * Abs(x - 1), 1),
    ("cos(x)*heaviside(x - pi/2)", cos(x) * Heaviside(x - pi / 2), pi / 2),
]

print("sympy", sympy.__version__)
for name, e, p in cases:
    d = diff(e, x)
    print("%-30s at %-5s %-50s -> %s" % (name, p, d, d.subs(x, p)))
