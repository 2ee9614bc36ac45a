#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_tutorial.sh: nonsmooth-tutorial end to end, as TAP.  Runs the
# program with stdin from /dev/null, --plot none (no gnuplot needed) and
# --color never, and compares its output with the golden files in
# $srcdir/tests/golden (checked by hand against the seeds), after replacing
# the temporary output directory by OUTDIR.  Also --list, --help,
# --version, bad options (exit 2), and that every page fits 80x24.
srcdir=${srcdir:-.}
prog=./tutorials/nonsmooth-tutorial
golden=$srcdir/tests/golden
work=$(mktemp -d "${TMPDIR:-/tmp}/ns-test-tutorial-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
work=$(cd "$work" && pwd -P)
n=0
failed=0
echo 1..24

ok () {   # ok CONDITION-STATUS DESCRIPTION
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

# run NAME ARGS...: output in $work/NAME.out (paths normalized), status in $work/NAME.rc
run () {
  name=$1; shift
  TMPDIR=$work "$prog" --plot none --color never "$@" </dev/null >"$work/$name.raw" 2>"$work/$name.err"
  echo $? >"$work/$name.rc"
  sed "s#$work/nonsmooth-tutorial-[A-Za-z0-9]\{6\}#OUTDIR#g" "$work/$name.raw" >"$work/$name.out"
}

# same NAME GOLDEN: the output equals the golden file (the diff goes to the log)
same () {
  diff -u "$golden/$2" "$work/$1.out" | sed 's/^/# /'
  cmp -s "$golden/$2" "$work/$1.out"
}

# pages_fit NAME: no line wider than 80 columns, no page longer than 24
# lines, counting the blank line that ends it (with --pause the prompt
# takes its place); pages start with "N.P  ".
pages_fit () {
  awk 'length($0) > 80 { print "# too wide: " $0; bad = 1 }
       /^[0-9]+\.[0-9]+  / { if (lines > 24) { print "# page of " lines " lines before: " $0; bad = 1 } lines = 0 }
       { lines++ }
       END { if (lines > 24) { print "# last page has " lines " lines"; bad = 1 } exit bad }' "$work/$1.out"
}

run s1 --section 1
[ "$(cat "$work/s1.rc")" -eq 0 ] && same s1 tutorial-s1.txt
ok $? "section 1 (ReLU) exits 0 and matches tests/golden/tutorial-s1.txt"

run s2 --section pointwise
[ "$(cat "$work/s2.rc")" -eq 0 ] && same s2 tutorial-s2.txt
ok $? "section 2 (pointwise) exits 0 and matches tests/golden/tutorial-s2.txt"

run s3 --section 3
[ "$(cat "$work/s3.rc")" -eq 0 ] && same s3 tutorial-s3.txt
ok $? "section 3 (distributional) exits 0 and matches tests/golden/tutorial-s3.txt"

# The measured rates of the mollified Heaviside page (3.5): the theory says
# 2 (rho is even); a wrong pairing or fit would land far from it.
sed -n 's/^  rate of d_H: \([0-9.]*\) +- [^ ]*  *rate of d_delta: \([0-9.]*\) +- .*$/\1 \2/p' "$work/s3.out" |
  awk 'NF == 2 && $1 >= 1.8 && $1 <= 2.2 && $2 >= 1.8 && $2 <= 2.2 { ok = 1 } END { exit !ok }'
ok $? "section 3: the measured rates of mollified H and of its derivative are in [1.8, 2.2]"

run s4 --section subgradient
[ "$(cat "$work/s4.rc")" -eq 0 ] && same s4 tutorial-s4.txt
ok $? "section 4 (subgradient) exits 0 and matches tests/golden/tutorial-s4.txt"

run s5 --section 5
[ "$(cat "$work/s5.rc")" -eq 0 ] && same s5 tutorial-s5.txt
ok $? "section 5 (in practice) exits 0 and matches tests/golden/tutorial-s5.txt"

run s6 --section summary
[ "$(cat "$work/s6.rc")" -eq 0 ] && same s6 tutorial-s6.txt
ok $? "section 6 (summary) exits 0 and matches tests/golden/tutorial-s6.txt"

run s5name --section practice
run s6num --section 6
cmp -s "$work/s5.out" "$work/s5name.out" && cmp -s "$work/s6.out" "$work/s6num.out"
ok $? "sections 5 and 6 by number and by name give the same output"

run all --pause
[ "$(cat "$work/all.rc")" -eq 0 ] && cat "$work/s1.out" "$work/s2.out" "$work/s3.out" "$work/s4.out" "$work/s5.out" "$work/s6.out" |
  cmp -s - "$work/all.out"
ok $? "the full run with --pause and no terminal does not wait, and is sections 1 to 6"

pages_fit all
ok $? "every page fits 80x24"

run abs --function 'abs(x)'
[ "$(cat "$work/abs.rc")" -eq 0 ] && cat "$golden/tutorial-abs.txt" "$golden/tutorial-abs-s34.txt" "$golden/tutorial-abs-s56.txt" >"$work/abs.want" &&
  diff -u "$work/abs.want" "$work/abs.out" | sed 's/^/# /' && cmp -s "$work/abs.want" "$work/abs.out" && pages_fit abs
ok $? "--function abs(x) matches tests/golden/tutorial-abs.txt, tutorial-abs-s34.txt, -s56.txt"

run abs3 --function 'abs(x)' --section distributional
run abs4 --function 'abs(x)' --section 4
[ "$(cat "$work/abs3.rc")" -eq 0 ] && [ "$(cat "$work/abs4.rc")" -eq 0 ] &&
  cat "$work/abs3.out" "$work/abs4.out" >"$work/abs34.out" && same abs34 tutorial-abs-s34.txt
ok $? "--function abs(x), sections 3 and 4, match tests/golden/tutorial-abs-s34.txt"

run floor --function 'floor(x)'
[ "$(cat "$work/floor.rc")" -eq 0 ] && grep -q 'jump -1 -> 0' "$work/floor.out" && pages_fit floor
ok $? "--function floor(x) reports the jump at 0 and fits the page"

grep -q 'Clarke    {}  (function is not Lipschitz near the point)' "$work/floor.out" &&
  grep -q 'jumps at 9 points of \[-4, 4\]' "$work/floor.out"
ok $? "--function floor(x): Clarke at the jump gives its status; the deltas are named"

run smooth --function 'x^2' --section 2
[ "$(cat "$work/smooth.rc")" -eq 0 ] && grep -q 'has no kinks in \[-4, 4\]' "$work/smooth.out"
ok $? "--function x^2: the pointwise section says there is no kink"

run smooth5 --function 'x^2' --section practice
[ "$(cat "$work/smooth5.rc")" -eq 0 ] && grep -q 'has no kink in \[-4, 4\]: no convention' "$work/smooth5.out" &&
  grep -q 'about ReLU: run without' "$work/smooth5.out" && ! grep -q 'Keras table' "$work/smooth5.out"
ok $? "--function x^2: section 5 says no convention applies and that the Keras table is ReLU's"

test -f "$(sed -n 's#^  gnuplot \(.*\.gp\)$#\1#p' "$work/s1.raw")" &&
  grep -q "^0 0" "$(sed -n 's#^  gnuplot \(.*\)\.gp$#\1.dat#p' "$work/s1.raw")"
ok $? "--plot none writes the data and the script it names"

run list --list
[ "$(cat "$work/list.rc")" -eq 0 ] && [ "$(wc -l <"$work/list.out")" -eq 6 ] &&
  grep -q '^3  distributional  ' "$work/list.out" && grep -q '^4  subgradient     ' "$work/list.out" &&
  grep -q '^5  practice        ' "$work/list.out" && grep -q '^6  summary         ' "$work/list.out"
ok $? "--list shows the six sections"

run help --help
[ "$(cat "$work/help.rc")" -eq 0 ] && grep -q -- '--function EXPR' "$work/help.out" && grep -q -- '--output-dir' "$work/help.out"
ok $? "--help"

run version --version
version=$(sed -n 's/^#define NS_VERSION "\(.*\)"$/\1/p' include/nonsmooth/version.h)
[ "$(cat "$work/version.rc")" -eq 0 ] && [ "$(head -n 1 "$work/version.out")" = "nonsmooth-tutorial (nonsmooth) $version" ]
ok $? "--version prints the library version $version"

run bad --no-such-option
[ "$(cat "$work/bad.rc")" -eq 2 ] && grep -q "no-such-option" "$work/bad.err" && [ ! -s "$work/bad.out" ]
ok $? "an unknown option exits 2 with a message"

run badplot --plot jpeg
[ "$(cat "$work/badplot.rc")" -eq 2 ] && grep -q "not 'jpeg'" "$work/badplot.err"
ok $? "a bad --plot value exits 2 with a message"

run badfn --function 'max(0,'
[ "$(cat "$work/badfn.rc")" -eq 2 ] && grep -q "column 7: expected" "$work/badfn.err" && [ ! -s "$work/badfn.out" ]
ok $? "a --function that does not parse exits 2 with the column"

# A full disk is a failure on every way out, --version and --help
# included (they used to exit 0 having written nothing).
if [ -w /dev/full ]; then
  fails=0
  for args in --version --help --list "--plot none --section 1"; do
    # shellcheck disable=SC2086 # ARGS are words
    TMPDIR=$work "$prog" $args >/dev/full 2>"$work/full.err"
    rc=$?
    [ $rc -eq 1 ] && grep -q "cannot write the output" "$work/full.err" || fails=$((fails + 1))
  done
  [ $fails -eq 0 ]
  ok $? "standard output on a full disk: exit 1 with a message (--version, --help, --list, a section)"
else
  n=$((n + 1))
  echo "ok $n - # SKIP /dev/full is not writable"
fi

exit 0
