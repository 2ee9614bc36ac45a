#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_subdiff_limiting_n.sh: "nonsmooth subdiff ... --kind all" in
# four and more variables prints the limiting set as its maximal pieces,
# as TAP.  Each expected output is derived by hand (beside it; the
# derivations in full are in tests/test_limiting_n.c); every JSON output
# must be one valid JSON value (tests/test_jsoncheck).
srcdir=${srcdir:-.}
prog=./tutorials/nonsmooth
jsoncheck=./tests/test_jsoncheck
work=$(mktemp -d "${TMPDIR:-/tmp}/ns-test-limiting-n-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0
echo 1..7

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
    printf '# exit %s, got:\n%s\n# expected:\n%s\n' "$st" "$got" "$want" | sed 's/^/# /'
  fi
  return $r
}

# min(x1, ..., x4) at 0: Frechet empty (ties are minima of different
# linear maps), limiting the four unit vectors (each where its coordinate
# is the strict minimum), Clarke their hull (a tetrahedron, dimension 3),
# not convex.
same '{"expr": "min(x1, x2, x3, x4)", "x": [0, 0, 0, 0], "frechet": {"vertices": []}, "limiting": [{"vertices": [[0, 0, 0, 1]]}, {"vertices": [[0, 0, 1, 0]]}, {"vertices": [[0, 1, 0, 0]]}, {"vertices": [[1, 0, 0, 0]]}], "clarke": {"vertices": [[0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0]]}, "convex": null, "convex_status": "function is not certified convex: min(min(min(x1, x2), x3), x4): concave, not certified convex"}' \
  subdiff 'min(x1, x2, x3, x4)' --at 0,0,0,0 --kind all --format json
ok $? "min(x1, ..., x4) at 0, json: the four unit vectors as limiting pieces"
"$jsoncheck" "$work/out" 2>/dev/null
ok $? "min(x1, ..., x4) at 0: the json parses"
same 'f(x1, x2, x3, x4) = min(x1, x2, x3, x4) at (0, 0, 0, 0)
  Frechet   the empty set
  limiting  the union of 4 pieces: the point (0, 0, 0, 1); the point (0, 0, 1, 0); the point (0, 1, 0, 0); the point (1, 0, 0, 0)
  Clarke    a polytope of dimension 3 with 4 vertices: (0, 0, 0, 1), (0, 0, 1, 0), (0, 1, 0, 0), (1, 0, 0, 0)
  convex    undefined: function is not certified convex: min(min(min(x1, x2), x3), x4): concave, not certified convex' \
  subdiff 'min(x1, x2, x3, x4)' --at 0,0,0,0 --kind all
ok $? "min(x1, ..., x4) at 0, text"
# min(|x1|, |x2|) + x3 + x4 at 0: the plane's two segments on the axes,
# shifted by (0, 0, 1, 1).
same '{"expr": "min(abs(x1), abs(x2)) + x3 + x4", "x": [0, 0, 0, 0], "limiting": [{"vertices": [[0, -1, 1, 1], [0, 1, 1, 1]]}, {"vertices": [[-1, 0, 1, 1], [1, 0, 1, 1]]}]}' \
  subdiff 'min(abs(x1), abs(x2)) + x3 + x4' --at 0,0,0,0 --kind limiting --format json
ok $? "min(|x1|, |x2|) + x3 + x4 at 0: two segments"
# ||x||_1 at 0 in R^5 is convex: one piece, the cube [-1, 1]^5.
"$prog" subdiff 'abs(x1) + abs(x2) + abs(x3) + abs(x4) + abs(x5)' --at 0,0,0,0,0 \
  --kind limiting >"$work/out" 2>"$work/err"
[ $? -eq 0 ] && grep -q '^  limiting  a polytope of dimension 5 with 32 vertices: ' "$work/out"
ok $? "||x||_1 at 0 in R^5: the cube, one piece"
# -||x||_1 at 0 in R^7: past the work bound and not convex, null with the
# reason, exit 1.
"$prog" subdiff '0 - (abs(x1) + abs(x2) + abs(x3) + abs(x4) + abs(x5) + abs(x6) + abs(x7))' \
  --at 0,0,0,0,0,0,0 --kind limiting --format json >"$work/out" 2>"$work/err"
[ $? -eq 1 ] && grep -q '"limiting": null, "limiting_status": "a documented limit was reached: ' \
  "$work/out" && "$jsoncheck" "$work/out" 2>/dev/null
ok $? "-||x||_1 at 0 in R^7: refused with the reason, exit 1"
# ||x||_1 at 0 in R^7 is convex: past the faces' bound, its one piece is the
# convex subdifferential, the cube [-1, 1]^7.
"$prog" subdiff 'abs(x1) + abs(x2) + abs(x3) + abs(x4) + abs(x5) + abs(x6) + abs(x7)' \
  --at 0,0,0,0,0,0,0 --kind limiting >"$work/out" 2>"$work/err"
[ $? -eq 0 ] && grep -q '^  limiting  a polytope of dimension 7 with 128 vertices: ' "$work/out"
ok $? "||x||_1 at 0 in R^7: the cube, one piece, by the convex route"
