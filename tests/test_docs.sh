#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_docs.sh: the GNU manners of the programs and their pages, as
# TAP: --version (version, copyright, licence, no warranty) and the
# "Report bugs to" line of --help in both programs, with the address of
# AC_INIT; the man pages written by configure (version and date filled in,
# REPORTING BUGS and COPYRIGHT sections) and clean under `groff -ww -z`
# (skipped without groff); the lesson programs installed as examples.
srcdir=${srcdir:-.}
work=$(mktemp -d "${TMPDIR:-/tmp}/ns-test-docs-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0
echo 1..10

ok () {   # ok CONDITION-STATUS DESCRIPTION
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
skip () {   # skip DESCRIPTION
  n=$((n + 1))
  echo "ok $n # SKIP $1"
}

define () {   # define NAME: the string config.h defines NAME as
  sed -n "s/^#define $1 \"\\(.*\\)\"\$/\\1/p" config.h
}
version=$(define PACKAGE_VERSION)
bugs=$(define PACKAGE_BUGREPORT)
year=$(define NS_COPYRIGHT_YEAR)
case $bugs in *@*.*) ;; *) bugs= ;; esac

for prog in nonsmooth nonsmooth-tutorial; do
  ./tutorials/$prog --version >"$work/v" 2>&1
  [ $? -eq 0 ] && [ -n "$version" ] && [ -n "$year" ] &&
    [ "$(sed -n 1p "$work/v")" = "$prog (nonsmooth) $version" ] &&
    [ "$(sed -n 2p "$work/v")" = "Copyright (C) $year The nonsmooth authors." ] &&
    sed -n 3p "$work/v" | grep -q '^License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>\.$' &&
    grep -q '^There is NO WARRANTY, to the extent permitted by law\.$' "$work/v" &&
    [ "$(wc -l <"$work/v")" -eq 5 ]
  ok $? "$prog --version: version $version, copyright $year, GPLv3+, no warranty"
  ./tutorials/$prog --help >"$work/h" 2>&1
  [ $? -eq 0 ] && [ -n "$bugs" ] && [ "$(tail -n 1 "$work/h")" = "Report bugs to: <$bugs>" ]
  ok $? "$prog --help ends with 'Report bugs to: <$bugs>'"
done
./tutorials/nonsmooth plot --help >"$work/h" 2>&1
[ $? -eq 0 ] && [ "$(tail -n 1 "$work/h")" = "Report bugs to: <$bugs>" ]
ok $? "nonsmooth plot --help ends with the bug address too"

# The man pages, as configure wrote them into the build tree.
for page in doc/nonsmooth.1 doc/nonsmooth-tutorial.1; do
  th=$(grep '^\.TH ' "$page")
  [ -f "$page" ] && ! grep -q '@[A-Za-z_]*@' "$page" &&
    echo "$th" | grep -q " \"[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]\" \"nonsmooth $version\" " &&
    grep -q '^\.SH REPORTING BUGS$' "$page" && grep -q "^Report bugs to <$bugs>\\.\$" "$page" &&
    grep -q '^\.SH COPYRIGHT$' "$page" && grep -q "^Copyright \\\\(co $year The nonsmooth authors\\.\$" "$page"
  ok $? "$page: dated, version $version, REPORTING BUGS and COPYRIGHT sections"
  if command -v groff >/dev/null 2>&1; then
    LC_ALL=C groff -ww -z -man "$page" >"$work/groff" 2>&1
    rc=$?
    sed 's/^/# /' "$work/groff"
    [ $rc -eq 0 ] && [ ! -s "$work/groff" ]
    ok $? "$page: groff -ww -z -man is silent"
  else
    skip "groff is not installed (Debian: groff-base)"
  fi
done

# The lessons go to $(docdir)/examples, where `make install` puts them.
MAKEFLAGS= ${MAKE:-make} -s install-examplesDATA DESTDIR="$work/root" >"$work/install" 2>&1
found=$(find "$work/root" -path '*/doc/nonsmooth/examples/lesson*.c' | wc -l)
lessons=$(ls "$srcdir"/tutorials/lesson*.c | wc -l)
sed 's/^/# /' "$work/install"
[ "$found" -eq "$lessons" ] && [ "$lessons" -ge 7 ]
ok $? "make install puts the $lessons lesson programs in \$(docdir)/examples"

exit 0
