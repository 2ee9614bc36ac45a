#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_exports.sh: the shared library exports exactly the functions
# the public headers declare (nothing internal leaks, nothing declared is
# missing), each bound to the version node of lib/nonsmooth.map; every
# global the static library defines is named ns_, so linking it into a
# program cannot clash with the program's own names.  TAP output.  A check
# is skipped when its library was not built (--disable-shared or
# --disable-static) or the tool is missing.
srcdir=${srcdir:-.}
so=lib/.libs/libnonsmooth.so
ar=lib/.libs/libnonsmooth.a
echo "1..4"
tmp=${TMPDIR:-/tmp}/ns-exports.$$
mkdir -p "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$so" ] || ! command -v nm >/dev/null 2>&1; then
  echo "ok 1 # SKIP no shared library (or no nm) in this build"
  echo "ok 2 # SKIP no shared library (or no nm) in this build"
else
  nm -D --defined-only "$so" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sed 's/@.*//' | sort -u >"$tmp/exported"
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
fi

# The version node: every exported ns_ symbol carries the first node named
# in the map (the only one before the second release); objdump -T prints it
# in the column before the name.
node=$(sed -e 's|/\*.*\*/||g' -e '/\/\*/,/\*\//d' "$srcdir/lib/nonsmooth.map" |
       sed -n 's/^\([A-Z][A-Z0-9_.]*\) *{.*/\1/p' | head -n 1)
if [ ! -f "$so" ] || ! command -v objdump >/dev/null 2>&1; then
  echo "ok 3 # SKIP no shared library (or no objdump) in this build"
elif [ "${NS_LD_VERSION_SCRIPT:-yes}" = no ]; then
  echo "ok 3 # SKIP the linker takes no version script (configure)"
elif [ -z "$node" ]; then
  echo "not ok 3 - no version node found in lib/nonsmooth.map"
else
  objdump -T "$so" | awk '$NF ~ /^ns_/ && $0 !~ /\*UND\*/ {print $(NF-1), $NF}' >"$tmp/versions"
  total=$(wc -l <"$tmp/versions")
  wrong=$(awk -v node="$node" '$1 != node {print $2 "@" $1}' "$tmp/versions" | tr '\n' ' ')
  if [ "$total" -gt 0 ] && [ -z "$wrong" ]; then
    echo "ok 3 - all $total exported functions carry the version node $node"
  else
    echo "not ok 3 - symbols without the version node $node (of $total): $wrong"
  fi
fi

# The static library: every defined global (any section: code, data,
# read-only, bss, common, weak) is ns_.
if [ ! -f "$ar" ] || ! command -v nm >/dev/null 2>&1; then
  echo "ok 4 # SKIP no static library (or no nm) in this build"
else
  bad=$(nm --defined-only "$ar" 2>/dev/null | awk 'NF == 3 && $2 ~ /^[A-TV-Z]$/ && $3 !~ /^ns_/ {print $3}' |
        sort -u | tr '\n' ' ')
  count=$(nm --defined-only "$ar" 2>/dev/null | awk 'NF == 3 && $2 ~ /^[A-TV-Z]$/' | wc -l)
  if [ "$count" -gt 0 ] && [ -z "$bad" ]; then
    echo "ok 4 - all $count globals defined in the static library are ns_"
  else
    echo "not ok 4 - globals of the static library without the ns_ prefix: $bad"
  fi
fi
