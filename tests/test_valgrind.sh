#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_valgrind.sh: a subset of the explorer's commands
# (tests/test_explorer.sh) under valgrind's memcheck, so that reads of
# unset values (an eval rule returning NS_EDOM without its bound, issue
# 12), invalid accesses and definite leaks fail `make check`.  The subset:
# eval outside the domain of log, 1/x, sqrt and x^-2; every command on
# max(0, x); pair and verify of the singular log|x| (D^2, principal values
# and QAGS ends) and of |x|'' against a mollifier; ad, minimize and subdiff
# in JSON; diff at points of the plane and plot in two variables (the
# restriction to each grid edge, Clarke sets); a parse error.  The whole
# explorer suite under valgrind takes
# minutes; these take about half a minute.  Skipped without valgrind.
# TAP output; the program's own exit status (0, 1 or 2) is not judged.
prog=./tutorials/nonsmooth
# make check sets NS_VALGRIND (empty in sanitizer builds); by hand, the
# valgrind on PATH.
vg=${NS_VALGRIND-$(command -v valgrind 2>/dev/null)}
set -- \
  "eval|log(x)|-1|0|2.5" \
  "eval|1/x|0|1" \
  "eval|sqrt(x)|-1|4" \
  "eval|x^-2|0|2" \
  "eval|max(0, x)|-1|0|2.5" \
  "diff|max(0, x)|--at|0|--at|1" \
  "pair|max(0, x)" \
  "verify|max(0, x)" \
  "subdiff|max(0, x)|--at|0|--format|json" \
  "pair|log(abs(x))|--order|2" \
  "verify|log(abs(x))|--order|1" \
  "verify|abs(x)|--order|2|--test|mollifier,0.25" \
  "ad|max(0, x)|--at|0|--policy|all|--format|json" \
  "minimize|abs(x-1) + 2*abs(x)|--x0|1.5|--steps|6" \
  "diff|min(x, y)|--at|0,0|--at|1,2|--dir|1,-1|--format|json" \
  "diff|abs(x) + abs(y)|--at|0,1|--format|csv" \
  "plot|abs(x) + abs(y)|--range|-1:1|--at|0,0|--at|0,1|--terminal|none|--format|json" \
  "eval|log(" 
echo "1..$#"
if [ -z "$vg" ] || [ ! -x ./libtool ]; then
  n=0
  for c in "$@"; do n=$((n + 1)); echo "ok $n # SKIP no valgrind (or a sanitizer build, or no ./libtool)"; done
  exit 0
fi
n=0
for c in "$@"; do
  n=$((n + 1))
  # Split the command at '|' into the positional parameters of a subshell.
  log=${TMPDIR:-/tmp}/ns-valgrind.$$.$n
  (
    IFS='|'
    # shellcheck disable=SC2086 # the split is wanted
    set -- $c
    ./libtool --mode=execute "$vg" -q --error-exitcode=99 --leak-check=full \
      --errors-for-leak-kinds=definite "$prog" "$@" >/dev/null 2>"$log"
  )
  rc=$?
  if [ $rc -ne 99 ]; then
    echo "ok $n - valgrind clean: nonsmooth $(echo "$c" | tr '|' ' ')"
  else
    echo "not ok $n - valgrind reports errors: nonsmooth $(echo "$c" | tr '|' ' ')"
    sed 's/^/# /' "$log" | head -n 40
  fi
  rm -f "$log"
done
