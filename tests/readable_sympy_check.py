# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/readable_sympy_check.py: reads the distributional derivative that
# `nonsmooth diff --format csv` prints (ASCII) into SymPy and compares it with
# SymPy's own derivative of the same function.  A check run by hand, offline
# (python3-sympy), never by the build or the tests:
#
#   python3 tests/readable_sympy_check.py [path/to/nonsmooth]
#
# Two parts are compared, as distributions on (-3, 3):
#   regular part: both expressions with every DiracDelta set to 0, at sample
#     points that are no breakpoint of the corpus;
#   point part: every c(x)*DiracDelta(a*x + b, m) written as a combination of
#     delta_p^(j), p = -b/a, by DiracDelta(a x + b, m) = delta_p^(m)/(|a| a^m)
#     and Leibniz's rule c delta_p^(m) = sum_j (-1)^j C(m, j) c^(j)(p)
#     delta_p^(m-j); coefficients evaluated with SymPy's H(0) = 1/2 and
#     sign(0) = 0, the values SymPy's own derivative uses.
# Run with SymPy 1.14 (the version on the machine of the last run); the outcome is recorded in
# doc/distribution.texi (node Readable output).
import re
import subprocess
import sys

import sympy
from sympy import (Abs, DiracDelta, Heaviside, Max, Min, Rational, Sum, binomial, cos,
                   diff, exp, floor, log, pi, sign, sin, sqrt, Symbol, sympify)

prog = sys.argv[1] if len(sys.argv) > 1 else "tutorials/nonsmooth"
x = Symbol("x", real=True)
k = Symbol("k", integer=True)

names = {
    "x": x, "k": k, "pi": pi, "exp": exp, "log": log, "sqrt": sqrt, "sin": sin, "cos": cos,
    "abs": Abs, "sign": sign, "floor": floor, "max": Max, "min": Min,
    "heaviside": lambda u, h0=Rational(1, 2): Heaviside(u, h0),
    "relu": lambda u: Max(0, u),
    "clamp": lambda u, lo, hi: Min(Max(u, lo), hi),
    "leaky_relu": lambda u, s=Rational(1, 100): Max(u, s * u),
    "DiracDelta": DiracDelta, "Sum": Sum,
}

corpus = [
    "(relu(x) - 1)^2/4", "-abs(x)", "abs(x - 1) + 2*abs(x)", "floor(x)", "max(0, x)",
    "max(x, x^2)", "relu(x) - relu(-x)", "sqrt(abs(x))", "sqrt(x^2 + 1)", "x - floor(x)",
    "floor(2*x)", "floor(x/2)", "floor(x + 0.5)", "relu(x - 1) + 2*relu(x - 1)",
    "relu(x)^3", "abs(x - 1) + heaviside(x)", "relu(x)^2 - 3*abs(x + 0.5)",
    "sign(x)*exp(x)", "clamp(x, -1, 1.5)", "leaky_relu(x, 0.1)", "relu(x^3 - x)",
    "3*floor(x)", "floor(x) + heaviside(x)", "heaviside(x - 0.3)*x^2",
    "x*heaviside(x)", "x^2*heaviside(x)/2", "(x + 2)*heaviside(2*x + 4)", "x*sign(x)",
    "abs(x)", "relu(x)", "x*relu(x)", "(x - 1)*heaviside(x - 1)",
    "(x^2 - 1)*heaviside(x - 1)", "sin(x)*sign(x)", "x*heaviside(x)^2", "heaviside(x^2)",
    "x*abs(x)", "abs(x)*heaviside(x)", "relu(x)*heaviside(x)", "x^3*sign(x)",
    "heaviside(x - 1)*(x - 1)^2", "max(x, 0)*sign(x)", "min(x, 0)*heaviside(x)",
    "heaviside(x)*heaviside(-x)", "sign(x)^2", "x*clamp(x, 0, 1)", "relu(x*heaviside(x))",
    "abs(x*heaviside(x))", "x*heaviside(x, 0)", "(x - 1)*(x + 1)*sign(x - 1)",
    "exp(x)*relu(x)", "relu(x)^2", "x*heaviside(x)*sign(x)", "abs(x)*sign(x)",
    "x*floor(x)", "(x + 1)*heaviside(x)", "heaviside(x)*sign(x)", "heaviside(x)", "sign(x)",
    "heaviside(relu(x))", "cos(x)*heaviside(x - pi/2)",
]

samples = [-2.613, -1.377, -0.419, 0.287, 0.833, 1.461, 2.219]


def printed(expr, order):
    out = subprocess.run([prog, "diff", expr, "--order", str(order), "--range", "-3:3",
                          "--format", "csv"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        m = re.match(r'distributional,,\d+,"(.*)",ok$', line)
        if m:
            return m.group(1)
    return None


def to_sympy_text(t):
    def delta(m):
        marks, power, arg = m.group(1), m.group(2), m.group(3)
        order = int(power) if power else len(marks)
        return "DiracDelta(%s, %d)" % (arg, order)
    t = re.sub(r"delta('*|\^\((\d+)\))\(([^()]*)\)", delta, t)
    t = re.sub(r"sum_\{k=(-?\d+)\}\^\{(-?\d+)\} (DiracDelta\([^()]*\))",
               r"Sum(\3, (k, \1, \2))", t)
    t = re.sub(r"([0-9.](?:[0-9.e+-]*[0-9])?) (DiracDelta|Sum)", r"\1*\2", t)
    return t.replace("^", "**")


def point_part(e):
    """{(p, j): coefficient} of the DiracDelta terms of E, or None."""
    e = sympy.expand(e.doit())
    out = {}
    for term in sympy.Add.make_args(e):
        ds = [a for a in term.atoms(DiracDelta)]
        if not ds:
            continue
        if len(ds) != 1:
            return None
        d = ds[0]
        arg = d.args[0]
        m = int(d.args[1]) if len(d.args) > 1 else 0
        c = sympy.simplify(term / d)
        if c.has(DiracDelta):
            return None
        poly = sympy.Poly(arg, x) if arg.is_polynomial(x) else None
        if poly is None or poly.degree() != 1:
            return None
        a, b = poly.all_coeffs()
        p = -b / a
        scale = 1 / (Abs(a) * a**m)
        for j in range(m + 1):
            cj = diff(c, x, j).subs(x, p)
            key = (float(p), m - j)
            out[key] = out.get(key, 0) + float(scale * (-1)**j * binomial(m, j) * cj)
    return {key: v for key, v in out.items() if abs(v) > 1e-12}


def regular_values(e):
    r = sympify(e.doit().replace(DiracDelta, lambda *a: sympy.S.Zero))
    return [complex(r.subs(x, s).evalf()) for s in samples]


def same(u, v):
    return all(abs(a - b) <= 1e-12 * (1 + abs(a)) for a, b in zip(u, v))


print("sympy", sympy.__version__)
counts = {}
for expr in corpus:
    f = sympify(expr.replace("^", "**"), locals=names)
    for order in (1, 2):
        text = printed(expr, order)
        if text is None:
            verdict = "no exact derivative printed"
        else:
            mine = sympify(to_sympy_text(text), locals=names)
            theirs = diff(f, x, order)
            if theirs.has(sympy.Derivative):
                verdict = "SymPy leaves the derivative unevaluated"
            else:
                try:
                    ok_reg = same(regular_values(mine), regular_values(theirs))
                    pm, pt = point_part(mine), point_part(theirs)
                    if pt is None:
                        verdict = "SymPy's point part has a non-affine delta argument"
                    elif not ok_reg:
                        verdict = "DIFFERENT regular part"
                    elif set(pm) != set(pt) or any(abs(pm[q] - pt[q]) > 1e-12 for q in pm):
                        verdict = "DIFFERENT point part: %s vs SymPy %s" % (pm, pt)
                    else:
                        verdict = "equal"
                except (TypeError, ValueError) as err:
                    verdict = "not compared (%s)" % err
        key = verdict.split(":")[0]
        counts[key] = counts.get(key, 0) + 1
        print("%-32s order %d: %-40s %s" % (expr, order, verdict, text))
print(counts)
