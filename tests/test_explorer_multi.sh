#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_explorer_multi.sh: the nonsmooth explorer in several
# variables, as TAP: diff at a point of R^n (directional derivatives,
# Clarke's f°, the gradient) against values derived by hand below and
# against the one-variable diff of the restriction t -> f(x + t d); the
# 1-D diff untouched by the new options; JSON that parses; bad input.
srcdir=${srcdir:-.}
prog=./tutorials/nonsmooth
jsoncheck=./tests/test_jsoncheck
work=$(mktemp -d "${TMPDIR:-/tmp}/ns-test-explorer-multi-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0
echo 1..19

ok () {   # ok CONDITION-STATUS DESCRIPTION
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# near VALUE ABSERR REF: |VALUE - REF| <= ABSERR, the printed bound
# holding the hand-derived value (awk reads the 17-digit JSON numbers).
near () {
  awk -v v="$1" -v e="$2" -v r="$3" 'BEGIN { d = v - r; if (d < 0) d = -d; exit !(d <= e) }'
}

# json_pair FILE KEY: the value and abserr of the first "KEY" in FILE.
json_pair () {
  sed -n "s/.*\"$2\": \\([^,}]*\\), \"$2_abserr\": \\([^,}]*\\).*/\\1 \\2/p" "$1" | head -n 1
}

# dd EXPR X D: f'(X; D) and f°(X; D) as "VAL ERR VAL ERR" from the JSON.
dd () {
  "$prog" diff "$1" --at "$2" --dir "$3" --format json >"$work/dd.json" 2>"$work/dd.err" || return 1
  "$jsoncheck" "$work/dd.json" 2>/dev/null || return 1
  printf '%s %s\n' "$(json_pair "$work/dd.json" derivative)" "$(json_pair "$work/dd.json" clarke)"
}

# check_dd EXPR X D FPRIME FCLARKE WHY: both against the hand values.
check_dd () {
  set -- "$1" "$2" "$3" "$4" "$5" "$6" $(dd "$1" "$2" "$3")
  [ $# -eq 10 ] && near "$7" "$8" "$4" && near "$9" "${10}" "$5"
  ok $? "diff $1 at ($2) along ($3): f' = $4, f° = $5 ($6)"
}

# By hand (f'(x; d) = lim (f(x + t d) - f(x))/t, f°(x; d) = max of g.d
# over the Clarke set, the hull of the limiting gradients):
#   |x| + |y| at 0 along (1, -2): |t| + |-2t| = 3t, so 3; the Clarke set
#     is the square [-1, 1]^2 and its support in (1, -2) is 1 + 2 = 3.
check_dd 'abs(x) + abs(y)' 0,0 1,-2 3 3 "the square [-1,1]^2"
#   min(x, y) at 0: limiting gradients (1, 0) (where x < y) and (0, 1);
#     along (1, 1) min(t, t) = t, f' = 1, f° = max(1, 1) = 1; along
#     (1, -1) min(t, -t) = -t, f' = -1, f° = max(1, -1) = 1, the gap of a
#     nonconvex kink; along (-1, -1), -1 and max(-1, -1) = -1.
check_dd 'min(x, y)' 0,0 1,1 1 1 "the segment [(1,0), (0,1)]"
check_dd 'min(x, y)' 0,0 1,-1 -1 1 "f' < f° at a concave kink"
check_dd 'min(x, y)' 0,0 -1,-1 -1 -1 "both -1"
#   relu(x + y - 1) at (1, 0), on its kink line: along (-1, 0) the
#     argument is -t, relu gives 0; the Clarke set is {s (1, 1): 0 <= s
#     <= 1} and max of -s is 0.  Along (1, 0): t, so 1, and max of s is 1.
check_dd 'relu(x + y - 1)' 1,0 -1,0 0 0 "on the kink line, leaving the active side"
check_dd 'relu(x + y - 1)' 1,0 1,0 1 1 "on the kink line, into the active side"
#   max(|x|, |y|) at 0 along (2, 1): max(2t, t) = 2t; the Clarke set is
#     the diamond with vertices (+-1, 0), (0, +-1), support max(2, 1) = 2.
check_dd 'max(abs(x), abs(y))' 0,0 2,1 2 2 "the diamond"

# The same derivative two ways: f(x + t d) for |x| + |y|, x = 0, d = (1,
# -2) is abs(x) + abs(-2*x) in one variable, whose right derivative at 0
# the 1-D diff gives; and in three variables, |x| + |y| + |z| along
# (1, -2, 3) is 6 (Clarke's f° for n > 2 may be refused: not checked).
set -- $(dd 'abs(x) + abs(y)' 0,0 1,-2)
"$prog" diff 'abs(x) + abs(-2*x)' --at 0 --format json >"$work/line.json" 2>&1 &&
  right=$(sed -n 's/.*"right": \([^,}]*\).*/\1/p' "$work/line.json") &&
  near "$1" "$2" "$right" && near "$right" 0 3
ok $? "f'(0; (1,-2)) of |x| + |y| equals the 1-D right derivative of |t| + |-2t| at 0 (3)"
set -- $(dd 'abs(x) + abs(y) + abs(z)' 0,0,0 1,-2,3)
[ $# -ge 2 ] && near "$1" "$2" 6
ok $? "diff |x| + |y| + |z| at 0 along (1, -2, 3): f' = 1 + 2 + 3 = 6"

# The gradient without --dir: x^2 + 3y at (1, 2) is (2, 3) (the partials
# 2x and 3); |x| + |y| at (1, 1) is (1, 1); at (0, 1) f is not
# differentiable (t -> |t| + 1 has no derivative at 0); the two-unit
# network relu(x) - relu(-x) + relu(y) - relu(-y) is x + y, gradient
# (1, 1) at 0 although every unit sits at its kink.
"$prog" diff 'x^2 + 3*y' --at 1,2 --format json >"$work/g1.json" 2>&1 &&
  grep -q '"gradient": \[2, 3\]' "$work/g1.json" && "$jsoncheck" "$work/g1.json"
ok $? "diff x^2 + 3y at (1, 2): gradient (2, 3)"
"$prog" diff 'abs(x) + abs(y)' --at 1,1 --at 0,1 >"$work/g2.txt" 2>&1 &&
  grep -q '^  grad f(x)      = (1, 1) ± ' "$work/g2.txt" &&
  grep -q '^  grad f(x)      does not exist: f is not differentiable at (0, 1)$' "$work/g2.txt"
ok $? "diff |x| + |y|: gradient (1, 1) at (1, 1), none at (0, 1) (text)"
"$prog" diff 'relu(x) - relu(-x) + relu(y) - relu(-y)' --at 0,0 --format json >"$work/g3.json" 2>&1 &&
  grep -q '"gradient": \[1, 1\]' "$work/g3.json"
ok $? "diff of the two-unit network at 0: gradient (1, 1)"
"$prog" diff 'abs(x) + abs(y)' --at 0,1 --format json >"$work/g4.json" 2>&1 &&
  grep -q '"gradient": null, "gradient_status": ' "$work/g4.json" && "$jsoncheck" "$work/g4.json"
ok $? "diff |x| + |y| at (0, 1) in JSON: gradient null with its status"

# Infinite and undefined: sqrt|x| + y along (1, 0) has slope +inf (t ->
# sqrt(t)); log(x + y) is not defined at 0, exit 1.
"$prog" diff 'sqrt(abs(x)) + y' --at 0,0 --dir 1,0 >"$work/inf.txt" 2>&1 &&
  grep -q "^    f'(x; d)     = +inf (infinite)$" "$work/inf.txt"
ok $? "diff sqrt|x| + y at 0 along (1, 0): +inf"
"$prog" diff 'log(x + y)' --at 0,0 --dir 1,0 >"$work/dom.txt" 2>"$work/dom.err"
[ $? -eq 1 ] && grep -q 'f(0, 0) is not defined' "$work/dom.err"
ok $? "diff log(x + y) at 0: exit 1, f is not defined there"

# The 1-D diff is untouched: --at X without a comma and no --dir.
"$prog" diff 'abs(x)' --at 0 >"$work/one.txt" 2>&1 &&
  [ "$(sed -n 1p "$work/one.txt")" = "f(x) = abs(x)" ] && grep -q "^  f'(0+)       = 1$" "$work/one.txt"
ok $? "diff abs(x) --at 0 keeps the one-variable output"

# Bad input: exit 2 with a message.
bad () {   # bad DESCRIPTION MESSAGE ARGS...
  what=$1; msg=$2; shift 2
  "$prog" "$@" >"$work/out" 2>"$work/err"
  [ $? -eq 2 ] && grep -q -- "$msg" "$work/err"
  ok $? "$what: exit 2, '$msg'"
}
bad "--dir of the wrong size" "--dir must have 2 finite coordinates" diff 'x*y' --at 1,2 --dir 1
bad "--at of different sizes" "every --at must have 2 coordinates" diff 'x*y' --at 1,2 --at 1,2,3
bad "a function of y at a point of R^1" "function of 2 variables: give a point as --at X,Y" \
  diff 'abs(x) + abs(y)' --at 0
