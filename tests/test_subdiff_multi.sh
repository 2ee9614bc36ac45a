#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_subdiff_multi.sh: "nonsmooth subdiff EXPR --at X,Y[,...]", the
# subdifferentials of a function of several variables as polytopes, as
# TAP.  Each expected output is derived by hand (beside it); every JSON
# output must be one valid JSON value (tests/test_jsoncheck).  The
# one-variable "--at X" output is covered by tests/test_explorer.sh's
# golden files.
srcdir=${srcdir:-.}
prog=./tutorials/nonsmooth
jsoncheck=./tests/test_jsoncheck
work=$(mktemp -d "${TMPDIR:-/tmp}/ns-test-subdiff-multi-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0
echo 1..17

ok () {   # ok CONDITION-STATUS DESCRIPTION
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# same EXPECTED ARGS...: the output of nonsmooth ARGS is EXPECTED, exit 0.
same () {
  want=$1
  shift
  "$prog" "$@" >"$work/out" 2>"$work/err"
  st=$?
  got=$(cat "$work/out")
  if [ "$st" -eq 0 ] && [ "$got" = "$want" ]; then r=0; else
    r=1
    printf '%s\n' "# want: $want" "# got:  $got" "# exit $st"
    sed 's/^/# /' "$work/err"
  fi
  ok $r "$*"
}

# |x| + |y| at 0: the sign patterns give the gradients (+-1, +-1); Clarke
# = convex = the square, counter-clockwise from (-1, -1).
same '{"expr": "abs(x) + abs(y)", "x": [0, 0], "frechet": null, "frechet_status": "not computed: needs ns_mfn_frechet", "limiting": null, "limiting_status": "not computed: needs ns_mfn_limiting", "clarke": {"vertices": [[-1, -1], [1, -1], [1, 1], [-1, 1]]}, "convex": {"vertices": [[-1, -1], [1, -1], [1, 1], [-1, 1]]}}' \
  subdiff 'abs(x) + abs(y)' --at 0,0 --kind all --format json
"$jsoncheck" <"$work/out" >/dev/null 2>&1
ok $? "the JSON of --kind all is one valid JSON value"

# max(x + y, x - y, -x) at 0: the triangle of the gradients (1, 1),
# (1, -1), (-1, 0).
same '{"expr": "max(max(x + y, x - y), -x)", "x": [0, 0], "clarke": {"vertices": [[1, -1], [1, 1], [-1, 0]]}}' \
  subdiff 'max(max(x + y, x - y), -x)' --at 0,0 --kind clarke --format json

# max(|x|, |y|) at 0: the diamond.
same '{"expr": "max(abs(x), abs(y))", "x": [0, 0], "convex": {"vertices": [[0, -1], [1, 0], [0, 1], [-1, 0]]}}' \
  subdiff 'max(abs(x), abs(y))' --at 0,0 --kind convex --format json

# min(x, y) at 0: Clarke is the segment from (1, 0) to (0, 1) (ordered
# by the first coordinate that varies); not convex, and the refusal names
# min(x, y); exit 0 since the Clarke set is there.
same '{"expr": "min(x, y)", "x": [0, 0], "clarke": {"vertices": [[0, 1], [1, 0]]}}' \
  subdiff 'min(x, y)' --at 0,0 --kind clarke --format json
"$prog" subdiff 'min(x, y)' --at 0,0 --kind convex --format json >"$work/out" 2>"$work/err"
st=$?
grep -q '"convex": null, "convex_status": "function is not certified convex: min(x, y): ' "$work/out" &&
  [ $st -eq 1 ] && grep -q 'the convex subdifferential at 0,0: ' "$work/err"
ok $? "min(x, y): convex refused naming min(x, y), exit 1 when it is the only kind asked"

# Text: a point, a segment's ends, a polygon's vertices in order.
# x + y written with relus (PyTorch's AD gives (0, 0)): the point (1, 1).
same 'f(x, y) = relu(x) - relu(-x) + relu(y) - relu(-y) at (0, 0)
  Clarke    the point (1, 1)' \
  subdiff 'relu(x) - relu(-x) + relu(y) - relu(-y)' --at 0,0 --kind clarke
# |x| + |y| at (0, 1): the segment from (-1, 1) to (1, 1), convex too.
same 'f(x, y) = abs(x) + abs(y) at (0, 1)
  Frechet   undefined: not computed: needs ns_mfn_frechet
  limiting  undefined: not computed: needs ns_mfn_limiting
  Clarke    the segment from (-1, 1) to (1, 1)
  convex    the segment from (-1, 1) to (1, 1)' \
  subdiff 'abs(x) + abs(y)' --at 0,1
# relu(x + y - 1) on its kink line: the segment from 0 to (1, 1).
same 'f(x, y) = relu(x + y - 1) at (0.25, 0.75)
  convex    the segment from (0, 0) to (1, 1)' \
  subdiff 'relu(x + y - 1)' --at 0.25,0.75 --kind convex
# max(min(x, y), 0) at 0: the triangle 0, (1, 0), (0, 1), counter-clockwise.
same 'f(x, y) = max(min(x, y), 0) at (0, 0)
  Clarke    the polygon with 3 vertices, in order: (0, 0), (1, 0), (0, 1)' \
  subdiff 'max(min(x, y), 0)' --at 0,0 --kind clarke
# The norm at 0: no polytope (the limiting gradients fill the circle).
"$prog" subdiff 'sqrt(x^2 + y^2)' --at 0,0 --kind clarke >"$work/out" 2>"$work/err"
[ $? -eq 1 ] && grep -q '^  Clarke    undefined: ' "$work/out"
ok $? "the norm at 0: Clarke undefined, exit 1"
# Three variables: certified convex; the set needs the limiting gradients
# in n = 3 (refused with the reason until they have them, then the cube).
"$prog" subdiff 'abs(x) + abs(y) + abs(z)' --at 0,0,0 --kind convex >"$work/out" 2>"$work/err"
st=$?
{ [ $st -eq 0 ] && grep -q 'a polytope of dimension 3 with 8 vertices' "$work/out"; } ||
  { [ $st -eq 1 ] && grep -q 'do not reach 3 variables' "$work/out"; }
ok $? "|x| + |y| + |z| at 0: the cube, or the reason it is not computed"
# x1 ... xn style in text; the only kind asked is not there: exit 1.
"$prog" subdiff 'x1 + 2*x4' --at 1,2,3,4 --kind convex >"$work/out" 2>"$work/err"
st=$?
{ [ $st -eq 1 ] && [ "$(cat "$work/out")" = 'f(x1, x2, x3, x4) = x1 + 2*x4 at (1, 2, 3, 4)
  convex    undefined: a documented limit was reached: the limiting gradients do not reach 4 variables' ]; } ||
  { [ $st -eq 0 ] && grep -q 'the point (1, 0, 0, 2)' "$work/out"; }
ok $? "x1 ... x4: the header, and the point (1, 0, 0, 2) or the reason it is not computed"
# Bad input.
"$prog" subdiff 'x + z' --at 0,0 >"$work/out" 2>"$work/err"
[ $? -eq 2 ] && grep -q 'column 5' "$work/err"
ok $? "a variable beyond --at's coordinates: a parse error at its column, exit 2"
"$prog" subdiff 'x + y' --at 0,zz >"$work/out" 2>"$work/err"
[ $? -eq 2 ] && grep -q "coordinate 2 must be a finite number, not 'zz'" "$work/err"
ok $? "a bad coordinate: named, exit 2"
"$prog" subdiff 'x + y' --at 0,0 --format csv >"$work/out" 2>"$work/err"
[ $? -eq 2 ] && grep -q 'text or json' "$work/err"
ok $? "csv is refused for several variables, exit 2"
"$prog" subdiff 'x + y' --at 0,0 --kind proximal >"$work/out" 2>"$work/err"
[ $? -eq 2 ] && grep -q 'kind must be' "$work/err"
ok $? "a bad --kind, exit 2"
