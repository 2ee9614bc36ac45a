#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_explorer_mad.sh: "nonsmooth ad" in several variables, as TAP:
# the gradient each preset returns, the Clarke set and "in_clarke", for
# expressions and a network read with --net, against values derived by
# hand (the derivations beside each case; the PyTorch ones also printed by
# torch 1.13.1, tests/ad_multi_pytorch_check.py); every JSON output parses;
# bad input exits 2 with its message.  Three variables: the cube of
# |x|_1, a network with three inputs (a parallelepiped, and x1 + x2 + x3).
srcdir=${srcdir:-.}
prog=./tutorials/nonsmooth
jsoncheck=./tests/test_jsoncheck
work=$(mktemp -d "${TMPDIR:-/tmp}/ns-test-mad-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0
echo 1..33

ok () {   # ok CONDITION-STATUS DESCRIPTION
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# has DESCRIPTION PATTERN ARGS...: exit 0, one JSON value, PATTERN in it.
has () {
  desc=$1; pattern=$2; shift 2
  "$prog" ad "$@" >"$work/out" 2>"$work/err" && "$jsoncheck" "$work/out" >/dev/null 2>&1 &&
    grep -q -F -e "$pattern" "$work/out"
  st=$?
  [ $st -eq 0 ] || sed 's/^/# /' "$work/out" "$work/err"
  ok $st "$desc"
}

pairs='relu(x) - relu(-x) + relu(y) - relu(-y)'
# f = x + y, Clarke set {(1, 1)}; every relu at 0 with relu'(0) = r gives
# 2r per coordinate: PyTorch r = 0, average r = 1/2.
has "PyTorch's (0, 0) for $pairs, outside its Clarke set {(1, 1)}" \
  '"gradient": [0, 0], "in_clarke": false, "clarke": {"vertices": [[1, 1]]}' \
  "$pairs" --at 0,0 --format json
# The average preset's (1, 1) is the Clarke set's one point, an exact
# gradient of a piecewise-linear function: it is in the set.
has "the average preset's (1, 1): in_clarke true" \
  '"gradient": [1, 1], "in_clarke": true' \
  "$pairs" --at 0,0 --policy average --format json
has "right: (2, 2), outside" '"gradient": [2, 2], "in_clarke": false' \
  "$pairs" --at 0,0 --policy right --format json
has "forward mode gives the same (0, 0)" '"mode": "forward"' \
  "$pairs" --at 0,0 --mode forward --format json
grep -q -F '"gradient": [0, 0], "in_clarke": false' "$work/out"
ok $? "forward mode: (0, 0), outside"

# Every preset on the same function: relu'(0) = 0 (pytorch, tensorflow,
# jax, left, min-norm) gives (0, 0) and right (2, 2), outside; sympy and
# average (1, 1), inside; undefined has no gradient.
has "every preset at once" '"results": [' "$pairs" --at 0,0 --policy all --format json
[ "$(grep -o '"in_clarke": false' "$work/out" | wc -l)" -eq 6 ] &&
  [ "$(grep -o '"in_clarke": true' "$work/out" | wc -l)" -eq 2 ] &&
  [ "$(grep -o '"in_clarke": null' "$work/out" | wc -l)" -eq 1 ] &&
  grep -q -F '"policy": "undefined", "value": 0, "gradient": null, "status": ' "$work/out"
ok $? "every preset: 6 outside, 2 inside (on the point), 1 open (no gradient)"

# relu(-x) + relu(-y) at (1, 1): PyTorch's reverse pass gives (-0, -0),
# its forward pass (+0, +0) (derivation in tests/test_ad_multi.c).
has "signed zeros: reverse (-0, -0)" '"gradient": [-0, -0]' 'relu(-x) + relu(-y)' --at 1,1 --format json
has "signed zeros: forward (0, 0)" '"gradient": [0, 0]' 'relu(-x) + relu(-y)' --at 1,1 --mode forward --format json

# max(max(x + y, x - y), -x) at 0, PyTorch splitting each tie in halves:
# the inner max gives (1/2)(1, 1) + (1/2)(1, -1) = (1, 0), the outer
# (1/2)(1, 0) + (1/2)(-1, 0) = (0, 0), strictly inside the Clarke
# triangle (1, 1), (1, -1), (-1, 0) (|y| < (x + 1)/2 at x = 0).
has "max of three maps under pytorch: (0, 0), inside the Clarke triangle" \
  '"gradient": [0, 0], "in_clarke": true' 'max(max(x + y, x - y), -x)' --at 0,0 --format json

# The two-unit network 2 relu(x - y) - relu(x + y - 1) + 1/2.
cat >"$work/net.txt" <<'NET'
# two relu units
sizes 2 2 1
layer relu
  1 -1 | 0
  1  1 | -1
layer identity
  2 -1 | 0.5
NET
# At (3, 1) both units are on: 2 (1, -1) - (1, 1) = (1, -3), f = 4 - 3 + 1/2.
has "--net at a smooth point: (1, -3), value 1.5, the Clarke point" \
  '"value": 1.5, "gradient": [1, -3], "in_clarke": null' \
  --net "$work/net.txt" --at 3,1 --format json
grep -q -F '"clarke": {"vertices": [[1, -3]]}' "$work/out"
ok $? "--net at a smooth point: the Clarke set is the gradient"
# At (1/2, 1/2) both units are at 0: r (1, -3); the Clarke set is the
# quadrilateral of (0, 0), (2, -2), (1, -3), (-1, -1).
has "--net with both units at 0: right gives (1, -3)" '"gradient": [1, -3]' \
  --net "$work/net.txt" --at 0.5,0.5 --policy right --format json
for v in '[0, 0]' '[2, -2]' '[1, -3]' '[-1, -1]'; do
  grep -q -F "$v" "$work/out" || false
done && [ "$(grep -o '\], \[' "$work/out" | wc -l)" -eq 3 ]
ok $? "--net: the Clarke quadrilateral's four vertices"
has "--net: several points give results" '"results": [' --net "$work/net.txt" --at 3,1 --at 0.5,0.5 --format json

# Three variables: relu(x1 + x2 - x3) at 0 under PyTorch: the select's +0
# through the sum, negated for x3.
has "three variables: (0, 0, -0)" '"gradient": [0, 0, -0]' 'relu(x1 + x2 - x3)' --at 0,0,0 --format json

# in_clarke in three variables (ns_mfn_clarke_polytope's hull in R^3).
# |x| + |y| + |z| at 0: every piece s . x, s in {-1, 1}^3, touches 0, so
# the Clarke set is the cube [-1, 1]^3; PyTorch's abs' = sgn(0) = 0 gives
# (0, 0, 0), its centre; JAX's select(x >= 0, g, -g) gives (1, 1, 1), a
# corner (exact, so inside); left gives (-1, -1, -1), the opposite corner.
l1='abs(x) + abs(y) + abs(z)'
has "|x|_1 in R^3 under pytorch: (0, 0, 0) inside the cube" \
  '"gradient": [0, 0, 0], "in_clarke": true, "clarke": {"vertices": [[-1, -1, -1], [-1, -1, 1], [-1, 1, -1], [-1, 1, 1], [1, -1, -1], [1, -1, 1], [1, 1, -1], [1, 1, 1]]}' \
  "$l1" --at 0,0,0 --format json
has "|x|_1 in R^3 under jax: (1, 1, 1), a corner of the cube" \
  '"gradient": [1, 1, 1], "in_clarke": true' "$l1" --at 0,0,0 --policy jax --format json
has "|x|_1 in R^3 under left: (-1, -1, -1), the opposite corner" \
  '"gradient": [-1, -1, -1], "in_clarke": true' "$l1" --at 0,0,0 --policy left --format json
# relu(x) - relu(-x) + ... in three variables is x + y + z, Clarke set
# {(1, 1, 1)}; relu'(0) = 0 gives (0, 0, 0), outside.
has "three pairs under pytorch: (0, 0, 0) outside {(1, 1, 1)}" \
  '"gradient": [0, 0, 0], "in_clarke": false, "clarke": {"vertices": [[1, 1, 1]]}' \
  'relu(x) - relu(-x) + relu(y) - relu(-y) + relu(z) - relu(-z)' --at 0,0,0 --format json

# A network with three inputs and three units at 0: a = (1, 1, 0),
# b = (0, 1, -1), c = (1, 0, -1), output weights 1.  det(a, b, c) = -2, so
# all 8 sign patterns of the units have interior near 0 and the Clarke set
# is the parallelepiped of the subset sums 0, a, b, c, a + b = (1, 2, -1),
# a + c = (2, 1, -1), b + c = (1, 1, -2), a + b + c = (2, 2, -2).  The
# average preset gives (a + b + c)/2 = (1, 1, -1), its centre: inside.
cat >"$work/net3.txt" <<'NET'
# three relu units on three inputs
sizes 3 3 1
layer relu
  1 1  0 | 0
  0 1 -1 | 0
  1 0 -1 | 0
layer identity
  1 1 1 | 0
NET
has "--net, 3 inputs, average: (1, 1, -1), the centre of the Clarke parallelepiped" \
  '"gradient": [1, 1, -1], "in_clarke": true' --net "$work/net3.txt" --at 0,0,0 --policy average --format json
for v in '[0, 0, 0]' '[1, 1, 0]' '[0, 1, -1]' '[1, 0, -1]' '[1, 2, -1]' '[2, 1, -1]' '[1, 1, -2]' '[2, 2, -2]'; do
  grep -q -F "$v" "$work/out" || false
done && [ "$(grep -o '\], \[' "$work/out" | wc -l)" -eq 7 ]
ok $? "--net, 3 inputs: the parallelepiped's eight vertices"
# The three pairs as a network, f = x1 + x2 + x3: PyTorch's (0, 0, 0) and
# right's (2, 2, 2) leave the Clarke set {(1, 1, 1)}.
cat >"$work/pairs3.txt" <<'NET'
sizes 3 6 1
layer relu
   1  0  0 | 0
  -1  0  0 | 0
   0  1  0 | 0
   0 -1  0 | 0
   0  0  1 | 0
   0  0 -1 | 0
layer identity
  1 -1 1 -1 1 -1 | 0
NET
has "--net, 3 inputs, pytorch: (0, 0, 0) outside {(1, 1, 1)}" \
  '"gradient": [0, 0, 0], "in_clarke": false' --net "$work/pairs3.txt" --at 0,0,0 --format json
has "--net, 3 inputs, right: (2, 2, 2) outside" \
  '"gradient": [2, 2, 2], "in_clarke": false' --net "$work/pairs3.txt" --at 0,0,0 --policy right --format json

# Text and CSV.
"$prog" ad "$pairs" --at 0,0 --policy all >"$work/out" 2>&1 &&
  grep -q '^at (0, 0): Clarke set the point (1, 1)$' "$work/out" &&
  grep -q '^  pytorch     (0, 0) *NO$' "$work/out" &&
  grep -q '^  average     (1, 1) *yes$' "$work/out"
ok $? "text: the Clarke point, NO, and yes on the point"
"$prog" ad 'relu(x+y)' --at 0,0 --policy all --format csv >"$work/out" 2>&1 &&
  [ "$(head -n 1 "$work/out")" = "x1,x2,policy,value,g1,g2,in_clarke,status" ] &&
  grep -q '^0,0,sympy,0,0.5,0.5,true,ok$' "$work/out" &&
  grep -q '^0,0,pytorch,0,0,0,true,ok$' "$work/out"
ok $? "csv: header, the sympy row (inside the segment) and pytorch's (its end)"

# Exit statuses.
"$prog" ad 'relu(x+y)' --at 0,0 --policy undefined >/dev/null 2>"$work/err"
[ $? -eq 1 ] && grep -q 'not defined' "$work/err"
ok $? "an undefined gradient exits 1"

bad () {   # bad DESCRIPTION PATTERN ARGS...
  desc=$1; pattern=$2; shift 2
  "$prog" ad "$@" >"$work/out" 2>"$work/err"
  [ $? -eq 2 ] && grep -q -e "$pattern" "$work/err" && [ ! -s "$work/out" ]
  st=$?
  [ $st -eq 0 ] || sed 's/^/# /' "$work/err"
  ok $st "bad input exits 2: $desc"
}
bad "points of different sizes" "every --at needs 2 coordinates" 'x + y' --at 0,0 --at 1,2,3
bad "a variable beyond the point" "variable 'z' beyond the 2 variables" 'x + z' --at 0,0
bad "a missing network file" "cannot open" --net "$work/none.txt" --at 0,0
printf 'sizes 2 1\nlayer relu\n  1 2 0\n' >"$work/bad.txt"
bad "a bad network: FILE:LINE:COLUMN" "bad.txt:3:7: expected '|'" --net "$work/bad.txt" --at 0,0
bad "the network's inputs against --at" "the network has 2 inputs" --net "$work/net.txt" --at 0,0,0
bad "EXPR and --net together" "not both" 'x + y' --net "$work/net.txt" --at 0,0
exit 0
