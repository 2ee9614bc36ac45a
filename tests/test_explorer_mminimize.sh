#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_explorer_mminimize.sh: "nonsmooth minimize" in several
# variables (--x0 X,Y[,...]), as TAP: iterates derived by hand (the
# derivations are in tests/test_mminimize.c), the certificates in text and
# JSON, CSV, seeded runs, and bad input with exit statuses.  The
# one-variable form is tests/test_explorer.sh's (golden files).
srcdir=${srcdir:-.}
prog=./tutorials/nonsmooth
jsoncheck=./tests/test_jsoncheck
work=$(mktemp -d "${TMPDIR:-/tmp}/ns-test-mminimize-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0
echo 1..21

ok () {   # ok CONDITION-STATUS DESCRIPTION
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# status WANT ARGS...: runs the program, output in $work/out and $work/err.
status () {
  want=$1
  shift
  "$prog" "$@" >"$work/out" 2>"$work/err"
  [ $? -eq "$want" ]
}

# Polyak on max(x+y, x-y, -x) from (1, 0.5): x_1 = (0.25, -0.25),
# x_2 = (0, 0), stationary with 0 = 1/4 (1,1) + 1/4 (1,-1) + 1/2 (-1,0).
status 0 minimize 'max(max(x + y, x - y), -x)' --x0 1,0.5 --step polyak:0 --steps 3 &&
  grep -q '^  1  (0.25, -0.25)  0.5 ' "$work/out" && grep -q '^  2  (0, 0) ' "$work/out"
ok $? "minimize: Polyak's iterates (1, 0.5), (0.25, -0.25), (0, 0)"
grep -q '^certificate: 0 is in the Clarke set at x_2 = (0, 0):' "$work/out" &&
  grep -q '0 = .*0.25 (1, 1)' "$work/out" && grep -q '0.5 (-1, -\?0)' "$work/out" &&
  grep -q 'f is certified convex, so x_2 is a minimizer and min f = f(x_2) = -\?0$' "$work/out"
ok $? "minimize: the certificate at x_2 with the weights 1/4, 1/4, 1/2, a minimizer"

status 0 minimize 'max(max(x + y, x - y), -x)' --x0 1,0.5 --step polyak:0 --steps 3 --format json
cp "$work/out" "$work/polyak.json"
"$jsoncheck" "$work/polyak.json" 2>&1 | sed 's/^/# /'
"$jsoncheck" "$work/polyak.json" >/dev/null 2>&1
ok $? "minimize JSON parses"
grep -q '"x0": \[1, 0.5\], "step": "polyak:0", "select": "min-norm", "iterates": \[\[0.25, -0.25\], \[0, 0\], \[0, 0\]\]' "$work/polyak.json" &&
  grep -q '"certified": {"k": 2, "x": \[0, 0\]}, "stationarity": {"k": 2, "x": \[0, 0\], "stationary": true' "$work/polyak.json" &&
  grep -q '"residual": 0}' "$work/polyak.json"
ok $? "minimize JSON: the one-variable names with vectors, and the stationarity object"

# |x| + |y| from (1, -2) with 1/k: |y_k| <= 1/k from k = 3, so best < 0.01
# after 200 steps; x stays exactly 0 from x_1.
status 0 minimize 'abs(x) + abs(y)' --x0 1,-2 --steps 200 --format json &&
  sed 's/.*"best": \([^,]*\),.*/\1/' "$work/out" | awk '{ exit !($1 < 0.01) }'
ok $? "minimize: |x|_1 from (1, -2) with 1/k reaches best < 0.01 in 200 steps"

# One step of length 1/2 from (0, 1): x_1 = (0, 0.5), not stationary there:
# d = (0, -1), Clarke's f° = -1.
status 0 minimize 'abs(x) + abs(y)' --x0 0,1 --steps 1 --step const:0.5 &&
  grep -q '^not stationary at x_1 = (0, 0.5): d = (0, -1) is a descent direction' "$work/out" &&
  grep -q "f°(x; d) = -1 +- " "$work/out"
ok $? "minimize: the descent certificate d = (0, -1) at (0, 0.5)"
status 0 minimize 'abs(x) + abs(y)' --x0 0,1 --steps 1 --step const:0.5 --format json &&
  grep -q '"stationary": false, "direction": \[0, -1\], "slope": -1, "slope_err": ' "$work/out"
ok $? "minimize JSON: direction and slope"

# Away from kinks, three variables: from (2, 2, 3), g = (1, 1, 1), and
# t_1 = 0.5/sqrt(1) gives x_1 = (1.5, 1.5, 2.5), f = 5.5.
status 0 minimize 'abs(x1) + abs(x2) + abs(x3)' --x0 2,2,3 --steps 1 --step 0.5/sqrt\(k\) --format csv &&
  [ "$(head -n 1 "$work/out")" = "k,x1,x2,x3,value,g1,g2,g3,best" ] &&
  [ "$(sed -n 2p "$work/out")" = "0,2,2,3,7,1,1,1,7" ] &&
  [ "$(sed -n 3p "$work/out")" = "1,1.5,1.5,2.5,5.5,1,1,1,5.5" ]
ok $? "minimize CSV in three variables, A/sqrt(k): x_1 = (1.5, 1.5, 2.5)"

status 0 minimize 'abs(x) + abs(y)' --x0 0,0 --steps 5 --select random:7 --step const:0.25 &&
  cp "$work/out" "$work/r1" && status 0 minimize 'abs(x) + abs(y)' --x0 0,0 --steps 5 --select random:7 --step const:0.25 &&
  cmp -s "$work/r1" "$work/out" && grep -q 'selection random-vertex' "$work/out"
ok $? "minimize: a seeded random selection reproduces its run"

status 0 minimize 'max(max(x + y, x - y), -x)' --x0 0,0 --steps 1 --step const:0.5 --select direction &&
  grep -q '^  0  (0, 0) *-\?0 *(1, -1) ' "$work/out"
ok $? "minimize: the direction selection takes the piece x - y at 0"

# min(x, y) + |x| at 0: (0, 0) is a limiting gradient (x < 0, x < y), so
# 0 is stationary, but min is not convex: no minimizer claim, and JSON's
# "certified" stays null.
status 0 minimize 'min(x, y) + abs(x)' --x0 0,0 --steps 1 &&
  grep -q 'so x_0 is Clarke stationary (f is not certified convex: no global claim)' "$work/out" &&
  status 0 minimize 'min(x, y) + abs(x)' --x0 0,0 --steps 1 --format json &&
  grep -q '"certified": null, "stationarity": {"k": 0, "x": \[0, 0\], "stationary": true' "$work/out"
ok $? "minimize: stationary but not certified convex, no minimizer claim"

# The framework selection (derivations in tests/test_mminimize.c):
# PyTorch's gradient of relu(x) - relu(-x) + relu(y) - relu(-y) at 0 is
# (0, 0), so the iterates stay at 0, where the certificate says "not
# stationary" with d = (-1, -1); JAX's abs'(0) = 1 takes |x| + |y| from
# (1, -2) through (0, -1) to (-0.5, -0.5).
status 0 minimize 'relu(x) - relu(-x) + relu(y) - relu(-y)' --x0 0,0 --steps 2 --select pytorch &&
  grep -q '^  2  (0, 0) *0 *(0, 0) ' "$work/out" && grep -q 'selection pytorch' "$work/out" &&
  grep -q '^not stationary at x_0 = (0, 0): d = (-1, -1)' "$work/out"
ok $? "minimize --select pytorch: a zero step at 0 of relu(x) - relu(-x) + relu(y) - relu(-y)"
status 0 minimize 'abs(x) + abs(y)' --x0 1,-2 --steps 2 --select jax --format json &&
  grep -q '"select": "jax", "iterates": \[\[0, -1\], \[-0.5, -0.5\]\]' "$work/out" &&
  grep -q '"subgradients": \[\[1, -1\], \[1, -1\]\]' "$work/out"
ok $? "minimize --select jax: abs'(0) = 1 steps from (0, -1) to (-0.5, -0.5)"
status 1 minimize 'abs(x) + abs(y)' --x0 1,-2 --steps 2 --select undefined &&
  grep -q 'stopped after 0 steps' "$work/err"
ok $? "minimize --select undefined: an undefined AD gradient at x_1 exits 1"

status 2 minimize 'abs(x) + abs(y)' --x0 1,abc && grep -q -- "--x0 must be X or X,Y" "$work/err"
ok $? "minimize: a bad coordinate is a usage error"
status 2 minimize 'abs(x) + abs(y)' --x0 1,2 --select zero && grep -q -- "--select must be min-norm, direction" "$work/err"
ok $? "minimize: a one-variable selection in two variables is a usage error"
status 2 minimize 'x + z' --x0 1,2 && grep -q "EXPR as a function of 2 variables" "$work/err"
ok $? "minimize: z with two coordinates is a usage error"
status 1 minimize 'heaviside(x) + y' --x0 0,1 && grep -q 'stopped after 0 steps' "$work/err"
ok $? "minimize: a jump at x0 exits 1 and says why"
status 1 minimize 'min(x, 2*x) + 0*y' --x0 1,0 --step polyak:-1 --steps 4 &&
  grep -q 'stopped after 1 steps: f(x_1) = -2 is below FSTAR = -1' "$work/err"
ok $? "minimize: Polyak below FSTAR exits 1 and says why"
status 0 minimize 'abs(x-1)' --x0 3 --steps 2 && grep -q '^minimize f(x) = abs(x - 1) from x0 = 3$' "$work/out"
ok $? "minimize: without a comma in --x0 the one-variable command runs"

# Memory: one run through every part (trace, certificate with weights,
# JSON) under valgrind, as tests/test_valgrind.sh does the other commands.
vg=${NS_VALGRIND-$(command -v valgrind 2>/dev/null)}
if [ -z "$vg" ] || [ ! -x ./libtool ]; then
  n=$((n + 1))
  echo "ok $n # SKIP no valgrind (or a sanitizer build, or no ./libtool)"
else
  ./libtool --mode=execute "$vg" -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite "$prog" minimize 'max(max(x + y, x - y), -x)' \
    --x0 1,0.5 --step polyak:0 --steps 3 --format json >/dev/null 2>"$work/vg"
  rc=$?
  [ $rc -ne 99 ]
  ok $? "minimize in two variables is valgrind clean"
  [ $rc -ne 99 ] || sed 's/^/# /' "$work/vg" | head -n 40
fi
