#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_explorer_multi.sh: the nonsmooth explorer in several
# variables, as TAP: diff at a point of R^n (directional derivatives,
# Clarke's f°, the gradient) against values derived by hand below and
# against the one-variable diff of the restriction t -> f(x + t d); the
# 1-D diff untouched by the new options; plot in two variables (the data
# of the kink lines, the Clarke polygons and a trace, the script, gnuplot
# when present); JSON that parses; bad input.
srcdir=${srcdir:-.}
prog=./tutorials/nonsmooth
jsoncheck=./tests/test_jsoncheck
work=$(mktemp -d "${TMPDIR:-/tmp}/ns-test-explorer-multi-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0
echo 1..39

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
# The manual's examples (doc/multi.texi): max(x + y, x - y, -x) at 0 has
#   the triangle (1, 1), (1, -1), (-1, 0): along (0, 1) max(t, -t, 0) = t
#   and the largest g2 is 1; along (-1, 0) max(-t, -t, t) = t and the
#   largest -g1 is 1.  min(|x|, |y|) at 0: f'(0; d) = min(|d1|, |d2|),
#   the Clarke set the diamond |g1| + |g2| <= 1: along (1, 0), f' = 0 but
#   f° = 1; along (1, 1) both 1.  relu(x + y - 1) at (1/2, 1/2): along
#   (1, 1) max(0, 2t) = 2t, the segment s (1, 1) gives max 2s = 2.
check_dd 'max(max(x + y, x - y), -x)' 0,0 0,1 1 1 "the triangle, along (0, 1)"
check_dd 'max(max(x + y, x - y), -x)' 0,0 -1,0 1 1 "the triangle, along (-1, 0)"
check_dd 'min(abs(x), abs(y))' 0,0 1,0 0 1 "the diamond; f is not regular"
check_dd 'min(abs(x), abs(y))' 0,0 1,1 1 1 "the diamond, along (1, 1)"
check_dd 'relu(x + y - 1)' 0.5,0.5 1,1 2 2 "the segment from 0 to (1, 1)"

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

# plot in two variables.  |x| + |y| on [-2, 2]^2: its kinks are the axes
# (x = 0 where |x| switches, y = 0 where |y| does), so every kink point
# in the data has x = 0 or y = 0 and both axes are covered end to end;
# the Clarke set at 0 is the square with vertices (+-1, +-1) (the hull of
# the four gradients (+-1, +-1) of the quadrants), drawn as 0 + s g with
# s = 0.5 (0.15 * 4 = 0.6 rounded down to 1, 2 or 5 times a power of 10);
# at (0, 1) the segment from (-1, 1) to (1, 1).
"$prog" plot 'abs(x) + abs(y)' --range -2:2 --at 0,0 --at 0,1 --terminal none \
  --output "$work/fig.svg" --format json >"$work/plot.json" 2>"$work/plot.err" &&
  "$jsoncheck" "$work/plot.json" 2>/dev/null &&
  grep -q '"clarke": \[{"x": \[0, 0\], "vertices": \[\[-1, -1\], \[1, -1\], \[1, 1\], \[-1, 1\]\]' "$work/plot.json" &&
  grep -q '{"x": \[0, 1\], "vertices": \[\[-1, 1\], \[1, 1\]\]' "$work/plot.json" &&
  grep -q '"scale": 0.5,' "$work/plot.json"
ok $? "plot |x| + |y|: JSON with the Clarke square (+-1, +-1) at 0 and the segment at (0, 1)"
# block NAME FILE: the data lines of the block whose comment holds NAME.
block () {
  awk -v name="$1" '/^# index/ { on = index($0, name) > 0; next } on && NF == 2' "$2"
}
block kinks "$work/fig.dat" >"$work/kinks"
[ -s "$work/kinks" ] &&
  awk '$1 != 0 && $2 != 0 { exit 1 }' "$work/kinks" &&
  [ "$(awk '$1 == 0 { print $2 }' "$work/kinks" | sort -g | sed -n '1p;$p' | tr '\n' ' ')" = "-2 2 " ] &&
  [ "$(awk '$2 == 0 { print $1 }' "$work/kinks" | sort -g | sed -n '1p;$p' | tr '\n' ' ')" = "-2 2 " ]
ok $? "plot |x| + |y|: every kink point lies on an axis, and both axes are drawn from -2 to 2"
block 'Clarke set at (0, 0)' "$work/fig.dat" | tr '\n' ';' >"$work/square"
[ "$(cat "$work/square")" = "-0.5 -0.5;0.5 -0.5;0.5 0.5;-0.5 0.5;-0.5 -0.5;" ]
ok $? "plot |x| + |y|: the Clarke square drawn closed at 0 + 0.5 (+-1, +-1)"
block 'Clarke set at (0, 1)' "$work/fig.dat" | tr '\n' ';' >"$work/seg"
[ "$(cat "$work/seg")" = "-0.5 1.5;0.5 1.5;" ]
ok $? "plot |x| + |y|: the Clarke segment at (0, 1) drawn from (-0.5, 1.5) to (0.5, 1.5)"
grep -q '^set size ratio -1$' "$work/fig.gp" && grep -q "^set output '$work/fig.svg'$" "$work/fig.gp" &&
  grep -q "^set xrange \[-2:2\]$" "$work/fig.gp" && grep -q "^set yrange \[-2:2\]$" "$work/fig.gp"
ok $? "plot |x| + |y|: the script draws to fig.svg on equal axes over [-2, 2]^2"
# Numbers with '.' whatever the locale: the files written under de_DE are
# the same bytes.
LC_ALL=de_DE.UTF-8 "$prog" plot 'abs(x) + abs(y)' --range -2:2 --at 0,0 --at 0,1 --terminal none \
  --output "$work/de.svg" >/dev/null 2>&1 &&
  block kinks "$work/de.dat" >"$work/de.kinks" && cmp -s "$work/kinks" "$work/de.kinks" &&
  [ "$(grep -v '^#' "$work/de.dat" | grep -c ',')" -eq 0 ]
ok $? "plot under LC_ALL=de_DE.UTF-8 writes the same data, no decimal commas"

# max(|x|, |y|): the kinks are the diagonals |x| = |y|; on the axes |x| or
# |y| switches but max does not take it (f is smooth there): not drawn.
"$prog" plot 'max(abs(x), abs(y))' --range -1:1 --terminal none --output "$work/mx" >/dev/null 2>&1 &&
  block kinks "$work/mx.dat" >"$work/mxk" && [ -s "$work/mxk" ] &&
  awk '{ a = $1 < 0 ? -$1 : $1; b = $2 < 0 ? -$2 : $2; d = a - b; if (d < 0) d = -d; if (d > 1e-12) exit 1 }' "$work/mxk"
ok $? "plot max(|x|, |y|): every kink point lies on a diagonal, none on the axes"

# min(x, y) on [-1, 2] x [-2, 3]: the kink line is y = x; a trace of
# three iterates is drawn through its points in order.
printf '# x y\n1.5 1\n\n0.25 0.5   # a comment\n-0.5 -0.5\n' >"$work/trace"
"$prog" plot 'min(x, y)' --range -1:2 --yrange -2:3 --trace "$work/trace" --terminal none \
  --output "$work/min" >"$work/min.out" 2>&1 &&
  block kinks "$work/min.dat" >"$work/mkinks" && [ -s "$work/mkinks" ] &&
  awk '{ d = $1 - $2; if (d < 0) d = -d; if (d > 1e-12) exit 1 }' "$work/mkinks" &&
  [ "$(block iterates "$work/min.dat" | tr '\n' ';')" = "1.5 1;0.25 0.5;-0.5 -0.5;" ] &&
  grep -q '^iterates from the trace: 3$' "$work/min.out"
ok $? "plot min(x, y): the kink points lie on y = x; the trace's three iterates in order"

if command -v gnuplot >/dev/null 2>&1; then
  "$prog" plot 'max(abs(x), abs(y))' --range -1:1 --at 0,0 --output "$work/diamond.png" \
    >"$work/gp.out" 2>"$work/gp.err" && [ -s "$work/diamond.png" ] && ! grep -q . "$work/gp.err" &&
    grep -q '^Clarke set at (0, 0): the polygon (-1, 0), (0, -1), (1, 0), (0, 1) ' "$work/gp.out"
  ok $? "plot max(|x|, |y|) through gnuplot: a PNG, no message, the diamond at 0"
  "$prog" plot 'abs(x) + abs(y)' --at 0,0 >"$work/dumb.out" 2>&1 && grep -q 'Clarke set at (0, 0)' "$work/dumb.out"
  ok $? "plot in two variables on the text terminal"
else
  n=$((n + 1)); echo "ok $n # SKIP gnuplot not found"
  n=$((n + 1)); echo "ok $n # SKIP gnuplot not found"
fi

# A Clarke set the library refuses (heaviside switches at 0: not
# Lipschitz) is named and the exit status is 1; the rest is drawn.
"$prog" plot 'heaviside(x) + y' --at 0,0 --terminal none --output "$work/h" >"$work/h.out" 2>"$work/h.err"
[ $? -eq 1 ] && grep -q 'no Clarke set drawn at (0, 0)' "$work/h.err" && [ -s "$work/h.dat" ]
ok $? "plot heaviside(x) + y at 0: no Clarke set (not Lipschitz), exit 1, the figure still written"
bad "plot: --at with one coordinate" "--at must be X,Y" plot 'x*y' --at 1 --terminal none
bad "plot: a bad trace line" "the trace, line 2: expected two finite numbers" \
  plot 'x*y' --trace "$(printf '1 2\n1 2 3\n' >"$work/bt"; echo "$work/bt")" --terminal none
"$prog" plot 'x*y' --trace "$work/does-not-exist" --terminal none >"$work/out" 2>"$work/err"
[ $? -eq 1 ] && grep -q 'cannot read the trace' "$work/err"
ok $? "plot: a trace that cannot be read: exit 1"
bad "plot: --yrange C:D with C >= D" "--yrange must be C:D with finite C < D" plot 'x*y' --yrange 1:1
