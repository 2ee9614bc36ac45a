#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_manual.sh: the manual has an entry for every public function
# (@deftypefun or @deftypefunx) and every public type (@deftp or @deftpx)
# the headers declare.  TAP output.
srcdir=${srcdir:-.}
echo "1..2"
tmp=${TMPDIR:-/tmp}/ns-manual.$$
mkdir -p "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT
# The headers without their comments.
cat "$srcdir"/include/nonsmooth/*.h include/nonsmooth/version.h 2>/dev/null |
  sed -e 's|/\*.*\*/||g' -e '/\/\*/,/\*\//d' >"$tmp/headers"
# Functions: a name followed by its parameter list ("(*" is a pointer type).
grep -oE '\bns_[a-z0-9_]+ *\([^*]' "$tmp/headers" | sed 's/ *(.$//' | sort -u >"$tmp/functions"
# Types: the name a typedef introduces, after "}", after "typedef struct x",
# or inside "(*...)" for a function-pointer type.
grep -oE '\} *ns_[a-z0-9_]+;|typedef [a-z_ ]+ ns_[a-z0-9_]+;|\(\*ns_[a-z0-9_]+\)' "$tmp/headers" |
  grep -oE 'ns_[a-z0-9_]+' | sort -u >"$tmp/types"
cat "$srcdir"/doc/*.texi | grep -E '^@deftypefunx? ' | grep -oE '\bns_[a-z0-9_]+ \(' |
  sed 's/ ($//' | sort -u >"$tmp/docfunctions"
cat "$srcdir"/doc/*.texi | grep -E '^@deftpx? ' | grep -oE 'ns_[a-z0-9_]+ *$' |
  sed 's/ *$//' | sort -u >"$tmp/doctypes"
missing=$(comm -23 "$tmp/functions" "$tmp/docfunctions" | tr '\n' ' ')
if [ -s "$tmp/functions" ] && [ -z "$missing" ]; then
  echo "ok 1 - every public function has a @deftypefun ($(wc -l <"$tmp/functions") functions)"
else
  echo "not ok 1 - public functions without a @deftypefun: $missing"
fi
missing=$(comm -23 "$tmp/types" "$tmp/doctypes" | tr '\n' ' ')
if [ -s "$tmp/types" ] && [ -z "$missing" ]; then
  echo "ok 2 - every public type has a @deftp ($(wc -l <"$tmp/types") types)"
else
  echo "not ok 2 - public types without a @deftp: $missing"
fi
