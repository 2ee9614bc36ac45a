#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_manners.sh: the command-line manners of the nonsmooth explorer,
# as TAP: echoed input with its control characters escaped, numbers beyond
# the doubles refused alike at both ends, white space around a number
# accepted at both ends, integers printed in full, --output's extension,
# gnuplot's time limit (a stalled stand-in is stopped, with everything it
# started), the temporary directory removed on every way out (a signal
# included), and an unwritable TMPDIR named.  Paths from the command line
# and the environment are echoed escaped too; numbers are decimal only.
prog=./tutorials/nonsmooth
work=$(mktemp -d "${TMPDIR:-/tmp}/ns-test-manners-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0
echo 1..30

ok () {   # ok CONDITION-STATUS DESCRIPTION
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# run ARGS...: the explorer, output in $work/out and $work/err, status in $rc.
run () {
  "$prog" "$@" >"$work/out" 2>"$work/err"
  rc=$?
}

# run_env VAR=VALUE... -- ARGS...: run with those variables in the environment.
run_env () {
  set -- "$@"
  vars=
  while [ "$1" != -- ]; do vars="$vars $1"; shift; done
  shift
  # shellcheck disable=SC2086 # VAR=VALUE words without spaces
  env $vars "$prog" "$@" >"$work/out" 2>"$work/err"
  rc=$?
}

# Whether process PID has ended (gone, or a zombie no one has reaped yet).
ended () {
  st=$(ps -o stat= -p "$1" 2>/dev/null)
  [ -z "$st" ] || case $st in Z*) true ;; *) false ;; esac
}

esc=$(printf '\033')
tab=$(printf '\t')
ctl=$(printf '\001')

# Control characters in echoed input are escaped; the caret counts them.
run eval x "${esc}[31m"
[ $rc -eq 2 ] && grep -q "not '\\\\x1b\[31m'" "$work/err" && ! grep -q "$esc" "$work/err"
ok $? "an argument with ESC is echoed as \\x1b, never raw"
run eval "x${tab}+${ctl}" 1
[ $rc -eq 2 ] && grep -q '^  x\\t+\\x01$' "$work/err" && grep -q '^      \^ column 4' "$work/err" &&
  ! grep -q "$ctl" "$work/err"
ok $? "EXPR with a tab and a control byte: echoed escaped, caret under the escape"

# The tutorial escapes the same way, getopt's complaints included.
./tutorials/nonsmooth-tutorial --section "${esc}[2J" >"$work/out" 2>"$work/err"
[ $? -eq 2 ] && grep -q "no section '\\\\x1b\[2J'" "$work/err" && ! grep -q "$esc" "$work/err"
ok $? "nonsmooth-tutorial --section with ESC: echoed escaped"
./tutorials/nonsmooth-tutorial "--${esc}x" --function "x${tab}+${ctl}" >"$work/out" 2>"$work/err"
[ $? -eq 2 ] && grep -q "unrecognized option '--\\\\x1bx'" "$work/err" && ! grep -q "$esc" "$work/err"
ok $? "nonsmooth-tutorial: an unknown option with ESC is echoed escaped"

# 1e309 reads as infinity and 1e-400 as 0: both refused, with the same words.
for x in 1e309 1e-400 -1e-400; do
  run eval x "$x"
  [ $rc -eq 2 ] && grep -q "not '$x' (beyond the range of doubles)" "$work/err"
  ok $? "eval x $x: refused as beyond the range of doubles"
done
run diff 'abs(x)' --at 1e-400
[ $rc -eq 2 ] && grep -q "not '1e-400' (beyond the range of doubles)" "$work/err"
ok $? "--at 1e-400 refused like --at 1e309"
run eval 'x + 1e-400' 1
r1=$rc
grep -q "number '1e-400' out of range" "$work/err"
u=$?
run eval 'x + 1e309' 1
[ $u -eq 0 ] && [ $r1 -eq 2 ] && [ $rc -eq 2 ] && grep -q "number '1e309' out of range" "$work/err"
ok $? "in EXPR, 1e-400 and 1e309 are both parse errors"
run eval x 0e-500 1e-310
[ $rc -eq 0 ] && grep -q '^f(0) = 0' "$work/out" && grep -q '^f(1e-310) = 1e-310' "$work/out"
ok $? "0e-500 is 0 and the subnormal 1e-310 is read"

# Numbers are decimal, as in EXPR (which refuses 0x10): strtod's
# hexadecimal, inf and nan are refused, and inf is not 'beyond the range'.
run diff 'abs(x)' --range 0x1:0x2
r1=$rc
run eval x 0x10
[ $r1 -eq 2 ] && [ $rc -eq 2 ] && grep -q "not '0x10'$" "$work/err"
ok $? "hexadecimal numbers are refused in options as in EXPR"
run eval x inf
r1=$rc
grep -q "not 'inf'$" "$work/err"
u=$?
run eval x infinity
[ $r1 -eq 2 ] && [ $u -eq 0 ] && [ $rc -eq 2 ] && grep -q "not 'infinity'$" "$work/err"
ok $? "inf and infinity are refused without the 'beyond the range' hint"

# White space before and after a number alike.
run eval x ' 2.5' '2.5 ' "${tab}2.5${tab}"
[ $rc -eq 0 ] && [ "$(grep -c '^f(2.5) = 2.5' "$work/out")" -eq 3 ]
ok $? "' 2.5', '2.5 ' and a tab around 2.5 all read as 2.5"
run diff 'abs(x)' --order ' 2 ' --at '0 '
[ $rc -eq 0 ] && grep -q "f''(0+) *= 0" "$work/out"
ok $? "--order ' 2 ' and --at '0 ' are read"

# Integers in full.
run subdiff '30*abs(x) + 10' --at 0 --kind convex
[ $rc -eq 0 ] && grep -q '30\*abs(x) + 10' "$work/out" && grep -q '\[-30, 30\]' "$work/out" &&
  ! grep -q 'e+' "$work/out"
ok $? "x + 10 and [-30, 30], not 1e+01 and 3e+01"

# --output names the format by its extension.
run plot x --output "$work/y.jpg"
[ $rc -eq 2 ] && grep -q "unsupported extension '.jpg'" "$work/err" && ! ls "$work" | grep -q '^y'

ok $? "--output y.jpg is a usage error and writes nothing"
run plot x --terminal dumb --output "$work/y.png"
r1=$rc
run plot x --terminal dumb --output "$work/y.svg"
[ $r1 -eq 2 ] && [ $rc -eq 2 ] && grep -q "must end in .txt or have no extension" "$work/err" &&
  ! ls "$work" | grep -q '^y'
ok $? "--terminal dumb --output y.png (or .svg) is a usage error: no text under an image's name"

# No file named '-' or starting with '-' (it reads as standard output, or
# as an option to the next command given the name).
mkdir "$work/dash"
top=$(pwd)
(cd "$work/dash" && "$top/$prog" plot x --output - >"$work/out" 2>"$work/err")
r1=$?
grep -q "the text picture goes to standard output without --output" "$work/err"
u=$?
(cd "$work/dash" && "$top/$prog" plot x --output -x.png >"$work/out" 2>"$work/err")
r2=$?
[ $r1 -eq 2 ] && [ $u -eq 0 ] && [ $r2 -eq 2 ] && grep -q "may not start with '.' or '-'" "$work/err" &&
  [ -z "$(ls -A "$work/dash")" ]
ok $? "--output - and --output -x.png are usage errors and write nothing"

# Paths from the command line and the environment are echoed escaped.
run plot x --output "$work/no${esc}dir/y"
[ $rc -eq 1 ] && grep -q 'no\\x1bdir/y.dat' "$work/err" && ! grep -q "$esc" "$work/err"
ok $? "--output in a directory with ESC: the message escapes it"
run_env "NONSMOOTH_GNUPLOT=$work/no${esc}gnuplot" -- plot x --output "$work/g"
[ $rc -eq 0 ] && grep -q 'no\\x1bgnuplot) not found' "$work/err" && ! grep -q "$esc" "$work/err"
ok $? "a NONSMOOTH_GNUPLOT with ESC is echoed escaped"
TMPDIR="$work/no${esc}tmp" ./tutorials/nonsmooth-tutorial --section 4 --plot dumb \
  >"$work/out" 2>"$work/err"
grep -q 'in TMPDIR .*no\\x1btmp: No such file' "$work/err" && ! grep -q "$esc" "$work/err"
ok $? "nonsmooth-tutorial names an unusable TMPDIR, escaped"

# A stalled gnuplot: a stand-in that starts a long sleep and waits.
mkdir "$work/tmp"
cat >"$work/stall" <<SH
#!/bin/sh
sleep 120 &
echo \$! >"$work/child.pid"
wait
SH
chmod +x "$work/stall"
start=$(date +%s)
run_env TMPDIR="$work/tmp" NONSMOOTH_GNUPLOT="$work/stall" NONSMOOTH_GNUPLOT_TIMEOUT=0.5 -- plot 'abs(x)'
took=$(( $(date +%s) - start ))
[ $rc -eq 1 ] && grep -q "did not finish within 0.5 s and was stopped" "$work/err" &&
  [ $took -lt 20 ] && [ -z "$(ls -A "$work/tmp")" ] && ended "$(cat "$work/child.pid")"
ok $? "a stalled gnuplot is stopped after NONSMOOTH_GNUPLOT_TIMEOUT, with what it started; exit 1"
run_env NONSMOOTH_GNUPLOT_TIMEOUT=soon -- plot x
r1=$rc
grep -q "NONSMOOTH_GNUPLOT_TIMEOUT must be a number of seconds, > 0 and at most 1000000, not 'soon'" \
  "$work/err"
u=$?
run_env NONSMOOTH_GNUPLOT_TIMEOUT=1e10 -- plot x
[ $r1 -eq 2 ] && [ $u -eq 0 ] && [ $rc -eq 2 ] && grep -q "at most 1000000, not '1e10'" "$work/err"
ok $? "a bad NONSMOOTH_GNUPLOT_TIMEOUT (soon, 1e10) is a usage error that states the limits"

# Stopped by a signal while gnuplot runs: gnuplot's group killed, the
# temporary directory removed, and the program dies of the signal.
rm -f "$work/child.pid"
TMPDIR="$work/tmp" NONSMOOTH_GNUPLOT="$work/stall" "$prog" plot 'abs(x)' >/dev/null 2>&1 &
pid=$!
i=0
while [ ! -s "$work/child.pid" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
kill -TERM $pid
wait $pid 2>/dev/null
rc=$?
sleep 0.2
[ $rc -eq 143 ] && [ -s "$work/child.pid" ] && ended "$(cat "$work/child.pid")" &&
  [ -z "$(ls -A "$work/tmp")" ]
ok $? "SIGTERM during gnuplot: gnuplot's group killed, the temporary directory removed"

# The other signals that end a program by default: a closed pipe, a stray
# alarm or user signal.
for sig in PIPE USR1; do
  rm -f "$work/child.pid"
  TMPDIR="$work/tmp" NONSMOOTH_GNUPLOT="$work/stall" "$prog" plot 'abs(x)' >/dev/null 2>&1 &
  pid=$!
  i=0
  while [ ! -s "$work/child.pid" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  kill -$sig $pid
  wait $pid 2>/dev/null
  rc=$?
  sleep 0.2
  [ $rc -gt 128 ] && [ "$(kill -l $rc)" = $sig ] && [ -s "$work/child.pid" ] &&
    ended "$(cat "$work/child.pid")" && [ -z "$(ls -A "$work/tmp")" ]
  ok $? "SIG$sig during gnuplot: gnuplot's group killed, the temporary directory removed"
done

# gnuplot missing or failing: the temporary directory goes all the same.
run_env TMPDIR="$work/tmp" NONSMOOTH_GNUPLOT="$work/no-such-gnuplot" -- plot 'abs(x)'
[ $rc -eq 0 ] && grep -q "not found; give --output FILE to keep" "$work/err" &&
  [ -z "$(ls -A "$work/tmp")" ]
ok $? "no gnuplot: the temporary directory is removed; exit 0"
printf '#!/bin/sh\necho "line 1: nonsense" >&2\nexit 1\n' >"$work/fail"
chmod +x "$work/fail"
run_env TMPDIR="$work/tmp" NONSMOOTH_GNUPLOT="$work/fail" -- plot 'abs(x)'
[ $rc -eq 1 ] && grep -q "nonsense" "$work/err" && [ -z "$(ls -A "$work/tmp")" ]
ok $? "a failing gnuplot: its message shown, the temporary directory removed; exit 1"

# Under LC_ALL=C (build daemons, cron) gnuplot, told "set encoding utf8",
# warned "iconv failed to convert degree sign" on every plot; it runs in
# C.UTF-8 now.  Needs the real gnuplot and the C.UTF-8 locale.
gp=$(sed -n 's/^#define NS_GNUPLOT "\(.*\)"$/\1/p' config.h)
if [ -x "$gp" ] && locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$'; then
  run_env LC_ALL=C TMPDIR="$work/tmp" -- plot 'heaviside(x)' --order 1
  [ $rc -eq 0 ] && [ ! -s "$work/err" ] && grep -q 'x = 0: 1' "$work/out"
  ok $? "LC_ALL=C: gnuplot draws the plot without a warning"
else
  n=$((n + 1))
  echo "ok $n - # SKIP gnuplot ($gp) or the C.UTF-8 locale is missing"
fi

# An unwritable TMPDIR is named.
run_env TMPDIR="$work/no/such/dir" -- plot x
[ $rc -eq 1 ] && grep -q "in TMPDIR $work/no/such/dir: No such file or directory" "$work/err"
ok $? "a TMPDIR that cannot hold a directory is named in the message"

exit 0
