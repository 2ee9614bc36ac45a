#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_relu0.sh: the explorer's relu0 command end to end, as TAP:
# a small run in text and JSON (valid JSON, the same bytes twice, the shape
# of the issue), MNIST IDX files written here, gnuplot's dumb figures, and
# a table of bad command lines with exit status 2 and their messages.
srcdir=${srcdir:-.}
prog=./tutorials/nonsmooth
jsoncheck=./tests/test_jsoncheck
work=$(mktemp -d "${TMPDIR:-/tmp}/ns-test-relu0-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0
echo 1..25

ok () {   # ok CONDITION-STATUS DESCRIPTION
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

small="--batches 3 --epochs 2 --seeds 2 --train 64 --test 20 --hidden 8"
"$prog" relu0 $small >"$work/a.txt" 2>"$work/a.err"
ok $? "a small run in text exits 0"
grep -q "^Bifurcation: 3 mini-batches" "$work/a.txt" && grep -q "final accuracy" "$work/a.txt"
ok $? "the text has the bifurcation and training tables"
! grep -qi nan "$work/a.txt"
ok $? "the text prints no nan"
"$prog" relu0 $small --format json >"$work/a.json" 2>>"$work/a.err"
ok $? "a small run in JSON exits 0"
"$jsoncheck" "$work/a.json" 2>&1 | sed 's/^/# /'
"$jsoncheck" "$work/a.json" >/dev/null 2>&1
ok $? "the JSON parses"
"$prog" relu0 $small --format=json >"$work/b.json" 2>>"$work/a.err"
cmp -s "$work/a.json" "$work/b.json"
ok $? "a second run gives the same bytes"
grep -q '"bifurcation": \[' "$work/a.json" && grep -q '{"bits": 16, "bias_init": 0, "batches": \[{"differ": ' "$work/a.json" \
  && grep -q '{"bits": 32, "relu0": 1, "bias_init": 0, "seed": 2, "epochs": \[{"epoch": 1, "loss": ' "$work/a.json"
ok $? "the JSON has the issue's shape"
test ! -s "$work/a.err"
ok $? "nothing on standard error"
"$prog" relu0 --precision 64 --batches 2 --epochs 1 --seeds 1 --train 64 --test 10 --relu0 0,0.5,1 \
  --bias 0 --format json >"$work/c.json"
ok $? "--precision 64 --relu0 0,0.5,1 exits 0"
[ "$(grep -c '"relu0": 0.5' "$work/c.json")" -eq 1 ] && ! grep -q '"bits": 16' "$work/c.json"
ok $? "one precision, three values of relu'(0)"

# An IDX pair: 80 images of 2x2 pixels (bytes i mod 7) and labels i mod 10.
{ printf '\000\000\010\003\000\000\000\120\000\000\000\002\000\000\000\002'
  i=0; while [ $i -lt 320 ]; do printf "\\$(printf %03o $((i % 7)))"; i=$((i + 1)); done
} >"$work/img"
{ printf '\000\000\010\001\000\000\000\120'
  i=0; while [ $i -lt 80 ]; do printf "\\$(printf %03o $((i % 10)))"; i=$((i + 1)); done
} >"$work/lab"
"$prog" relu0 --idx-images "$work/img" --idx-labels "$work/lab" --batches 2 --epochs 1 \
  --seeds 1 --train 64 --test 16 --precision 32 >"$work/idx.txt" 2>"$work/idx.err"
ok $? "IDX files written here are read"
grep -q "64 training and 16 test examples of 4 pixels" "$work/idx.txt"
ok $? "their sizes are reported"
head -c 100 "$work/img" >"$work/short"
"$prog" relu0 --idx-images "$work/short" --idx-labels "$work/lab" --batches 2 >/dev/null 2>"$work/e"
[ $? -eq 1 ] && grep -q "truncated" "$work/e"
ok $? "a truncated IDX file: exit 1, 'truncated'"
"$prog" relu0 --idx-images "$work/lab" --idx-labels "$work/lab" >/dev/null 2>"$work/e"
[ $? -eq 1 ] && grep -q "magic" "$work/e"
ok $? "labels given as images: exit 1, 'magic'"

# Huge counts: every option is within its range, their product is days of
# CPU time (about 1.4e18 multiply-adds); refused at once, before the
# million images are made.
"$prog" relu0 --hidden 1024,1024,1024 --train 1000000 --epochs 1000 --seeds 100 \
  >"$work/o" 2>"$work/e"
[ $? -eq 1 ] && [ ! -s "$work/o" ] && grep -q "multiply-adds, more than" "$work/e"
ok $? "a configuration of days: exit 1, 'multiply-adds, more than'"
"$prog" relu0 --idx-images "$work/img" --idx-labels "$work/lab" --batches 100000 \
  --epochs 1000 --seeds 100 --hidden 1024,1024,1024 >/dev/null 2>"$work/e"
[ $? -eq 1 ] && grep -q "multiply-adds, more than" "$work/e"
ok $? "the same with IDX files: exit 1"

# gnuplot's text figures, when gnuplot runs here.
if "$prog" relu0 $small --plot dumb >"$work/p.txt" 2>"$work/p.err"; then
  if grep -q "not found" "$work/p.err"; then
    ok 0 "--plot dumb without gnuplot exits 0 # SKIP gnuplot not found"
  else
    grep -q "Mean test accuracy per epoch" "$work/p.txt"
    ok $? "--plot dumb draws the accuracy figure"
  fi
else
  ok 1 "--plot dumb exits 0"
fi
ls "${TMPDIR:-/tmp}" >/dev/null

# Bad command lines: exit 2, nothing on standard output, the message.
bad () {   # bad MESSAGE-WORDS ARGS...
  words=$1
  shift
  "$prog" relu0 "$@" >"$work/o" 2>"$work/e"
  st=$?
  [ $st -eq 2 ] && [ ! -s "$work/o" ] && grep -q -- "$words" "$work/e"
  ok $? "relu0 $*: exit 2, '$words'"
}
bad "--precision must be 16, 32, 64 or all" --precision 8
bad "--batches must be an integer 1..100000" --batches 0
bad "--relu0 must be a comma-separated list" --relu0 0,,1
bad "--relu0 must be a comma-separated list" --relu0 2
bad "--idx-images and --idx-labels go together" --idx-images x
bad "unrecognized option '--bogus'" --bogus
bad "relu0 takes no EXPR" 'max(0, x)'
bad "with --format json use png, svg or none" --format json --plot dumb
