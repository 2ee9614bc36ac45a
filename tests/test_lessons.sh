#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_lessons.sh: each lesson program runs, exits 0, and prints
# exactly its golden output (tests/golden/<lesson>.txt, checked by hand).
srcdir=${srcdir:-.}
lessons="lesson1-relu lesson2-one-sided lesson3-ibp lesson4-heaviside-delta lesson5-subgradients
  lesson6-conventions lesson7-subgradient-method lesson8-several-variables"
n=0
for l in $lessons; do n=$((n + 1)); done
echo "1..$n"
i=0
for l in $lessons; do
  i=$((i + 1))
  out=$(./tutorials/$l 2>&1)
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "not ok $i - $l exited $rc"
  elif [ "$out" = "$(cat "$srcdir/tests/golden/$l.txt")" ]; then
    echo "ok $i - $l prints its golden output"
  else
    echo "not ok $i - $l differs from tests/golden/$l.txt:"
    printf '%s\n' "$out" | diff "$srcdir/tests/golden/$l.txt" - | sed 's/^/# /'
  fi
done
