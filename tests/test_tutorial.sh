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
echo 1..44

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
# The standard errors printed beside them (from the fit's residuals) must
# be above the d bounds' effect: the fit, not d, limits the rate.
sed -n 's/^  d_\(H\|delta\)  *p = \([0-9.]*\), standard error \([0-9.e-]*\); d.s bounds move p by \([0-9.e+-]*\)$/\2 \3 \4/p' "$work/s3.out" |
  awk 'NF == 3 && $1 >= 1.8 && $1 <= 2.2 && $2 > $3 { n++ } END { exit n != 2 }'
ok $? "section 3: the measured rates of mollified H and of its derivative are in [1.8, 2.2], standard errors above the bounds' effect"

run s4 --section subgradient
[ "$(cat "$work/s4.rc")" -eq 0 ] && same s4 tutorial-s4.txt
ok $? "section 4 (subgradient) exits 0 and matches tests/golden/tutorial-s4.txt"

run s5 --section 5
[ "$(cat "$work/s5.rc")" -eq 0 ] && same s5 tutorial-s5.txt
ok $? "section 5 (in practice) exits 0 and matches tests/golden/tutorial-s5.txt"

run s6 --section summary
[ "$(cat "$work/s6.rc")" -eq 0 ] && same s6 tutorial-s6.txt
ok $? "section 6 (summary) exits 0 and matches tests/golden/tutorial-s6.txt"

# Section 7, several variables: by hand, relu(x + 2y - 1) at (1, 0) has
# f'(x; d) = f^o(x; d) = max(0, d1 + 2 d2) (1, 0, 2, 0, 0 for the five
# directions) and the Clarke segment from 0 to w = (1, 2); |x| + |y| has
# the square, a segment and a point; min(x, y) along (1, -1) has f' = -1,
# f^o = 1; the network relu(x) - relu(-x) + relu(y) - relu(-y) = x + y
# has the Clarke point (1, 1) while relu'(0) = 0 gives AD (0, 0) and
# relu'(0) = 1/2 (average) gives 1/2 + 1/2 = 1 in each partial.  The
# zeros are +0 in reverse mode (ns_mfn_ad_gradient): relu(-x) receives the
# adjoint -1; PyTorch and JAX write a literal +0 there (a select), whose
# negation is -0, and +0 + -0 = +0 for x; TensorFlow multiplies,
# -1 * 0 = -0, negated +0.  Either way (0, 0) prints without a sign.
run s7 --section several
[ "$(cat "$work/s7.rc")" -eq 0 ] && same s7 tutorial-s7.txt
ok $? "section 7 (several variables) exits 0 and matches tests/golden/tutorial-s7.txt"

run s5name --section practice
run s6num --section 6
cmp -s "$work/s5.out" "$work/s5name.out" && cmp -s "$work/s6.out" "$work/s6num.out"
ok $? "sections 5 and 6 by number and by name give the same output"

run all --pause
[ "$(cat "$work/all.rc")" -eq 0 ] && cat "$work/s1.out" "$work/s2.out" "$work/s3.out" "$work/s4.out" "$work/s5.out" "$work/s6.out" "$work/s7.out" |
  cmp -s - "$work/all.out"
ok $? "the full run with --pause and no terminal does not wait, and is sections 1 to 7"

pages_fit all
ok $? "every page fits 80x24"

# The text figures (gnuplot's dumb terminal) fit the pages too, for ReLU
# and for a function with jumps; skipped without gnuplot.
if command -v gnuplot >/dev/null 2>&1; then
  TMPDIR=$work "$prog" --plot dumb --color never </dev/null >"$work/dumb.out" 2>&1 &&
    TMPDIR=$work "$prog" --plot dumb --color never --function 'floor(x)' </dev/null >"$work/dumbfloor.out" 2>&1 &&
    [ "$(grep -c '+------------' "$work/dumb.out")" -ge 16 ] && pages_fit dumb && pages_fit dumbfloor
  ok $? "with text figures (--plot dumb) every page still fits 80x24"
else
  n=$((n + 1)); echo "ok $n - with text figures every page fits 80x24 # SKIP gnuplot is not on PATH"
fi

# Without colour the text names none: no "in blue" where nothing is blue.
! grep -Eiw 'blue|green|red' "$work/all.out" | sed 's/^/# /' | grep -q .
ok $? "without colour (--color never, no plot) the text names no colour"

run abs --function 'abs(x)'
[ "$(cat "$work/abs.rc")" -eq 0 ] && cat "$golden/tutorial-abs.txt" "$golden/tutorial-abs-s34.txt" "$golden/tutorial-abs-s56.txt" \
    "$golden/tutorial-abs-s7.txt" >"$work/abs.want" &&
  diff -u "$work/abs.want" "$work/abs.out" | sed 's/^/# /' && cmp -s "$work/abs.want" "$work/abs.out" && pages_fit abs
ok $? "--function abs(x) matches tests/golden/tutorial-abs.txt, tutorial-abs-s34.txt, -s56.txt, -s7.txt"

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

# --function for twelve functions: every claim the tutorial prints about
# the chosen function at 0 (the focus point of each: a kink, or 0 when
# there is none) is checked against the library's own answer, asked
# through the explorer (tutorials/nonsmooth).  check_fn NAME EXPR
explorer=./tutorials/nonsmooth
check_fn () {
  fn=fn-$1 f=$2 bad=   # run sets $name: ours is $fn
  run "$fn" --function "$f"
  out=$work/$fn.out
  [ "$(cat "$work/$fn.rc")" -eq 0 ] || bad="$bad exit"
  pages_fit "$fn" || bad="$bad fit"
  sed -n '/^4\.3  /,/^The concave corner/p' "$out" >"$work/fn43"
  sed -n '/^6\.2  /,/^6\.3  /p' "$out" >"$work/fn62"
  # The explorer prints sets in UTF-8 on a pipe; the tutorial in ASCII.
  "$explorer" subdiff --at 0 -- "$f" 2>/dev/null | sed 's/∅/{}/g; s/∪/U/g' >"$work/fnsd"
  "$explorer" subdiff --at 0 --format csv -- "$f" >"$work/fnsd.csv" 2>/dev/null
  "$explorer" diff --at 0 -- "$f" >"$work/fndiff" 2>/dev/null
  [ -s "$work/fnsd" ] && [ -s "$work/fndiff" ] || bad="$bad explorer"
  # Frechet, limiting, Clarke: the same set, or a refusal on both sides.
  for kind in Frechet limiting Clarke; do
    want=$(sed -n "s/^  $kind *//p" "$work/fnsd")
    got=$(sed -n "s/^    $kind *//p" "$work/fn43" | head -n 1)
    case $want in
      undefined:*) case $got in *'('*')') ;; *) bad="$bad $kind:refusal" ;; esac ;;
      *) [ "$got" = "$want" ] || bad="$bad $kind:'$got'/'$want'" ;;
    esac
  done
  # Convex: a set only where the library certifies convexity.
  want=$(sed -n 's/^  convex *//p' "$work/fnsd")
  got=$(sed -n 's/^    convex *//p' "$work/fn43" | head -n 1)
  case $want in
    undefined:*) case $got in 'not certified convex;'*|'not convex;'*) ;; *) bad="$bad convex" ;; esac ;;
    *) [ "$got" = "$want" ] || bad="$bad convex:'$got'/'$want'" ;;
  esac
  # Three supporting lines only where the convex set is an interval.
  lines=$(awk -F, '$1 == "convex" && $4 == "ok" && $2 < $3 { print "yes" }' "$work/fnsd.csv")
  if grep -q 'three of them' "$out"; then [ "$lines" = yes ] || bad="$bad three"
  else [ "$lines" != yes ] || bad="$bad no-three"; fi
  # "(at the ...)" only where f'(0) does not exist; which word, below.
  if grep -q "^  f'(0) *does not exist" "$work/fndiff"; then kink=yes; else kink=no; fi
  label=$(sed -n 's/.*(at the \(kink\|jump\|singular point\))$/\1/p' "$out" | head -n 1)
  if [ -n "$label" ]; then [ $kink = yes ] || bad="$bad at-kink"
  else [ $kink = no ] || bad="$bad no-at-kink"; fi
  # 6.2's pointwise row: the derivative, a jump, an infinite slope or a corner.
  jump=$(sed -n 's/^  x = 0: jumps \[f\] = \([^,]*\),.*/\1/p' "$work/fndiff")
  pw=$(sed -n 's/^  pointwise  *//p' "$work/fn62")
  if [ $kink = no ]; then
    [ "$pw" = "$(sed -n "s/^  f'(0) *= //p" "$work/fndiff")" ] || bad="$bad pointwise"
  elif [ -n "$jump" ] && [ "$jump" != 0 ]; then
    [ "$pw" = "none: jump" ] || bad="$bad pointwise:jump"
    [ "$label" = jump ] || bad="$bad label:'$label'/jump"
  elif grep -q "^  f'(0[-+]) *= -\{0,1\}inf" "$work/fndiff"; then
    [ "$pw" = "none: infinite slope" ] || bad="$bad pointwise:inf"
    grep -q 'jump' "$work/fn62" && bad="$bad inf-is-not-a-jump"
    [ "$label" = "singular point" ] || bad="$bad label:'$label'/singular"
  else
    [ "$pw" = "none: corner" ] || bad="$bad pointwise:corner"
    [ "$label" = kink ] || bad="$bad label:'$label'/kink"
  fi
  # 6.2's distribution row: the explorer's T' on (-4, 4), in ASCII.
  want=$(sed -n "s/^  T' = //p" "$work/fndiff" |
         sed 's/δ/delta/g; s/Σ/sum/g; s/−/-/g')
  got=$(sed -n 's/^  distribution  *//p' "$work/fn62")
  [ "$got" = "$want" ] || bad="$bad distribution:'$got'/'$want'"
  # 6.2's framework rows: ns_ad_deriv under each preset (a zero printed
  # as 0 for people: the explorer's -0 is the same number).
  for p in PyTorch:pytorch TensorFlow:tensorflow JAX:jax SymPy:sympy; do
    want=$("$explorer" ad --at 0 --policy "${p#*:}" --format csv -- "$f" 2>/dev/null |
           awk -F, 'NR == 2 { print ($5 == "ok" ? ($4 == "-0" ? "0" : $4) : "undefined") }')
    got=$(sed -n "s/^  ${p%%:*}  *//p" "$work/fn62")
    [ "$got" = "$want" ] || bad="$bad ${p%%:*}:'$got'/'$want'"
  done
  # Floor is named only when it is the function.
  case $f in *floor*) ;; *) grep -qi floor "$out" && bad="$bad floor" ;; esac
  [ -z "$bad" ] || echo "# $f:$bad"
  [ -z "$bad" ]
}
for spec in relu:'relu(x)' abs:'abs(x)' heaviside:'heaviside(x)' floor:'floor(x)' \
            sign:'sign(x)' sqrtabs:'sqrt(abs(x))' negabs:'-abs(x)' xabs:'x*abs(x)' \
            maxsq:'max(x, x^2)' odd:'relu(x) - relu(-x)' exp:'exp(x)' \
            sum:'abs(x - 1) + 2*abs(x)'; do
  check_fn "${spec%%:*}" "${spec#*:}"
  ok $? "--function '${spec#*:}': every claim about it at 0 is the library's answer"
done

run smooth --function 'x^2' --section 2
[ "$(cat "$work/smooth.rc")" -eq 0 ] && grep -q 'has no kinks in \[-4, 4\]' "$work/smooth.out"
ok $? "--function x^2: the pointwise section says there is no kink"

run smooth5 --function 'x^2' --section practice
[ "$(cat "$work/smooth5.rc")" -eq 0 ] && grep -q 'has no kink in \[-4, 4\]; every preset returns the same number' "$work/smooth5.out" &&
  grep -q 'about ReLU: run without' "$work/smooth5.out" && ! grep -q 'Keras table' "$work/smooth5.out"
ok $? "--function x^2: section 5 says the presets agree and that the Keras table is ReLU's"

# relu(x) - relu(-x) = x has no kink, yet pytorch gives 0 and right 2 at 0
# (section 5.3 of the default run): the page must not claim agreement.
run odd5 --function 'relu(x) - relu(-x)' --section practice
[ "$(cat "$work/odd5.rc")" -eq 0 ] && grep -q 'yet the presets differ' "$work/odd5.out" &&
  ! grep -q 'every preset returns the same' "$work/odd5.out" && pages_fit odd5
ok $? "--function 'relu(x) - relu(-x)': section 5 says the presets differ, though f has no kink"

run keep --section 1 --output-dir "$work/kept"
test -f "$(sed -n 's#^  gnuplot \(.*\.gp\)$#\1#p' "$work/keep.raw")" &&
  grep -q "^0 0" "$(sed -n 's#^  gnuplot \(.*\)\.gp$#\1.dat#p' "$work/keep.raw")" &&
  test -f "$work/kept/s1-graph.gp"
ok $? "--plot none --output-dir DIR writes the data and the script it names in DIR"

# A default run keeps nothing: with --plot none no file is written, and a
# text plot's temporary directory is removed once the picture is shown.
mkdir "$work/tmp1" "$work/tmp2"
TMPDIR=$work/tmp1 "$prog" --color never --plot none </dev/null >/dev/null 2>&1 &&
  [ -z "$(ls -A "$work/tmp1")" ] &&
  { ! command -v gnuplot >/dev/null ||
    { TMPDIR=$work/tmp2 "$prog" --color never --plot dumb --section 1 </dev/null >"$work/dumb.out" 2>&1 &&
      [ -z "$(ls -A "$work/tmp2")" ] && ! grep -q 'nonsmooth-tutorial-' "$work/dumb.out"; }; }
ok $? "a run without --output-dir leaves no temporary directory behind"

run png --plot png
[ "$(cat "$work/png.rc")" -eq 2 ] && grep -q "output-dir" "$work/png.err"
ok $? "--plot png without --output-dir is a usage error (the picture would not be kept)"

run part1 --part 1
run part2 --part 2
[ "$(cat "$work/part1.rc")" -eq 0 ] && [ "$(cat "$work/part2.rc")" -eq 0 ] &&
  cat "$work/s1.out" "$work/s2.out" "$work/s3.out" | cmp -s - "$work/part1.out" &&
  cat "$work/s4.out" "$work/s5.out" "$work/s6.out" "$work/s7.out" | cmp -s - "$work/part2.out"
ok $? "--part 1 is sections 1 to 3, --part 2 sections 4 to 7"

run part3 --part 3
run partsec --part 1 --section 2
[ "$(cat "$work/part3.rc")" -eq 2 ] && [ "$(cat "$work/partsec.rc")" -eq 2 ]
ok $? "--part 3, and --part with --section, are usage errors"

run list --list
[ "$(cat "$work/list.rc")" -eq 0 ] && [ "$(wc -l <"$work/list.out")" -eq 7 ] &&
  grep -q '^3  distributional  ' "$work/list.out" && grep -q '^4  subgradient     ' "$work/list.out" &&
  grep -q '^5  practice        ' "$work/list.out" && grep -q '^6  summary         ' "$work/list.out" &&
  grep -q '^7  several         ' "$work/list.out"
ok $? "--list shows the seven sections"

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
