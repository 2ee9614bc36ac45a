#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_exports.sh: the shared library exports exactly the functions
# the public headers declare: nothing internal leaks, nothing declared is
# missing.  TAP output.  Skipped when no shared library was built.
srcdir=${srcdir:-.}
so=lib/.libs/libnonsmooth.so
echo "1..2"
if [ ! -f "$so" ] || ! command -v nm >/dev/null 2>&1; then
  echo "ok 1 # SKIP no shared library (or no nm) in this build"
  echo "ok 2 # SKIP no shared library (or no nm) in this build"
  exit 0
fi
tmp=${TMPDIR:-/tmp}/ns-exports.$$
mkdir -p "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT
nm -D --defined-only "$so" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort -u >"$tmp/exported"
# A declaration is a name followed by its parameter list, outside comments
# ("(*" is a function-pointer type, not a function).
cat "$srcdir"/include/nonsmooth/*.h include/nonsmooth/version.h 2>/dev/null |
  sed -e 's|/\*.*\*/||g' -e '/\/\*/,/\*\//d' |
  grep -oE '\bns_[a-z0-9_]+ *\([^*]' | sed 's/ *(.$//' | sort -u >"$tmp/declared"
extra=$(comm -23 "$tmp/exported" "$tmp/declared" | tr '\n' ' ')
missing=$(comm -13 "$tmp/exported" "$tmp/declared" | tr '\n' ' ')
if [ -z "$extra" ]; then echo "ok 1 - no symbol beyond the public API is exported"
else echo "not ok 1 - exported but not declared in a public header: $extra"; fi
if [ -z "$missing" ]; then echo "ok 2 - every declared function is exported ($(wc -l <"$tmp/declared") functions)"
else echo "not ok 2 - declared but not exported: $missing"; fi
