#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_subdiff_highdim.sh: "nonsmooth subdiff" above the affine
# dimension qhull is given (8): ||x||_1 in R^10 at 0, whose Clarke set is
# the cube [-1, 1]^10 (its 1024 sign vectors, in lexicographic order:
# the expected JSON is written out by awk below, bit j of k from the last
# coordinate giving the sign), and the reasons of the refusals, each
# naming the limit that refused.  As TAP.
srcdir=${srcdir:-.}
prog=./tutorials/nonsmooth
jsoncheck=./tests/test_jsoncheck
work=$(mktemp -d "${TMPDIR:-/tmp}/ns-test-subdiff-highdim-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0
echo 1..6

ok () {   # ok CONDITION-STATUS DESCRIPTION
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# sum_abs N: abs(x1)+...+abs(xN); zeros N: 0,...,0
sum_abs () { awk -v n="$1" 'BEGIN { for (i = 1; i <= n; i++) printf "%sabs(x%d)", (i > 1 ? "+" : ""), i }'; }
zeros () { awk -v n="$1" 'BEGIN { for (i = 1; i <= n; i++) printf "%s0", (i > 1 ? "," : "") }'; }

e10=$(sum_abs 10)
want=$(awk -v e="$e10" 'BEGIN {
  printf "{\"expr\": \"%s\", \"x\": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], \"clarke\": {\"vertices\": [", e
  for (k = 0; k < 1024; k++) {
    printf "%s[", (k > 0 ? ", " : "")
    for (j = 9; j >= 0; j--) printf "%s%d", (j < 9 ? ", " : ""), (int(k / 2^j) % 2 ? 1 : -1)
    printf "]"
  }
  printf "]}}"
}')
"$prog" subdiff "$e10" --at "$(zeros 10)" --kind clarke --format json >"$work/out" 2>"$work/err"
st=$?
[ $st -eq 0 ] && [ "$(cat "$work/out")" = "$want" ]
ok $? "||x||_1 in R^10 at 0: the Clarke set is the cube's 1024 sign vectors (JSON)"
"$jsoncheck" <"$work/out" >/dev/null 2>&1
ok $? "the JSON is one valid JSON value"

# Convex, so Frechet = limiting = Clarke = convex: all four the cube (the
# Fréchet and limiting sets by the convex route, past the rays' and the
# faces' bounds; the limiting set one piece).
"$prog" subdiff "$e10" --at "$(zeros 10)" --kind all >"$work/out" 2>"$work/err"
[ "$(grep -c 'a polytope of dimension 10 with 1024 vertices' "$work/out")" -eq 4 ] &&
  grep -q '^  limiting  a polytope of dimension 10 with 1024 vertices' "$work/out"
ok $? "||x||_1 in R^10 at 0: Frechet, limiting, Clarke and convex are the 10-cube"

# max(|x1|, ..., |x10|) at 0: the cells of its kinks pass 4096, and the
# refusal says so (not "do not reach 10 variables").
m10=$(awk 'BEGIN { printf "max("; for (i = 1; i <= 10; i++) printf "%sabs(x%d)", (i > 1 ? "," : ""), i; printf ")" }')
"$prog" subdiff "$m10" --at "$(zeros 10)" --kind clarke >"$work/out" 2>"$work/err"
[ $? -eq 1 ] && grep -q 'Clarke    undefined: .*the limiting gradients stop at 64 active kinks or 4096 cells' "$work/out" &&
  ! grep -q 'do not reach' "$work/out"
ok $? "the Clarke refusal names the cells' limit"

# -||x||_1 in R^8 at 0: not convex, the rays' work passes its bound.
"$prog" subdiff "0-($(sum_abs 8))" --at "$(zeros 8)" --kind frechet >"$work/out" 2>"$work/err"
[ $? -eq 1 ] && grep -q 'more than 5e6 units of exact work.*not certified convex' "$work/out"
ok $? "the Frechet refusal names the rays' work and the closed convex route"

# ||x||_1 in R^9 at 0: the convex set, by linear programs (dimension 9).
"$prog" subdiff "$(sum_abs 9)" --at 0,0,0,0,0,0,0,0,0 --kind convex >"$work/out" 2>"$work/err"
[ $? -eq 0 ] && grep -q 'a polytope of dimension 9 with 512 vertices' "$work/out"
ok $? "||x||_1 in R^9 at 0: the 9-cube"
