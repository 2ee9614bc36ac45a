#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/nocheck.sh: a build without Check, as Debian's nocheck builds do.
# Unpacks the release tarball TARBALL in a scratch directory, hides check.pc
# from pkg-config (every other .pc file stays visible), and checks that
# configure succeeds with a notice, that make and make install give the
# library, headers and programs, and that make check fails saying Check is
# needed.  make runs with the autotools and makeinfo replaced by false, as
# on a machine without them: the tarball must not need to regenerate
# anything.  TAP output; exit status 1 when a check fails.  Run by .ci/run
# after make distcheck:  tests/nocheck.sh nonsmooth-0.1.0.tar.gz
set -u
tarball=${1:?usage: tests/nocheck.sh TARBALL}
case $tarball in /*) ;; *) tarball=$(pwd)/$tarball ;; esac
jobs=${JOBS:-2}
scratch=$(mktemp -d) || exit 1
trap 'chmod -R u+w "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
fail=0
ok () { echo "ok $1 - $2"; }
notok () { echo "not ok $1 - $2"; fail=1; }
echo "1..5"

# A pkg-config directory with links to every .pc file of the default search
# path except check.pc; PKG_CONFIG_PATH points at an empty directory.
mkdir "$scratch/pc" "$scratch/empty"
for dir in $(pkg-config --variable pc_path pkg-config | tr ':' ' '); do
  [ -d "$dir" ] || continue
  for pc in "$dir"/*.pc; do
    [ -e "$pc" ] || continue
    name=$(basename "$pc")
    [ "$name" = check.pc ] || [ -e "$scratch/pc/$name" ] || ln -s "$pc" "$scratch/pc/$name"
  done
done
PKG_CONFIG_PATH=$scratch/empty
PKG_CONFIG_LIBDIR=$scratch/pc
export PKG_CONFIG_PATH PKG_CONFIG_LIBDIR
unset PKG_CONFIG_SYSROOT_DIR
if ! pkg-config --exists check && pkg-config --exists gsl; then
  ok 1 "pkg-config sees gsl but not check"
else
  notok 1 "pkg-config sees gsl but not check"
fi

tar -C "$scratch" -xzf "$tarball" || exit 1
cd "$scratch"/nonsmooth-*/ || exit 1
if ./configure --prefix=/usr >"$scratch/configure.log" 2>&1 &&
   grep -q "make check' needs Check" "$scratch/configure.log"; then
  ok 2 "configure succeeds without Check and says make check needs it"
else
  tail -n 20 "$scratch/configure.log"
  notok 2 "configure succeeds without Check and says make check needs it"
fi

# What a tarball build must never run.
noauto="ACLOCAL=false AUTOCONF=false AUTOHEADER=false AUTOMAKE=false MAKEINFO=false"
# shellcheck disable=SC2086 # NOAUTO is words
if make -j"$jobs" $noauto >"$scratch/make.log" 2>&1; then
  ok 3 "make builds the library and programs without the autotools or makeinfo"
else
  tail -n 20 "$scratch/make.log"
  notok 3 "make builds the library and programs without the autotools or makeinfo"
fi

missing=
# shellcheck disable=SC2086
if make install $noauto DESTDIR="$scratch/root" >"$scratch/install.log" 2>&1; then
  for f in lib/libnonsmooth.so lib/libnonsmooth.a lib/pkgconfig/nonsmooth.pc \
           include/nonsmooth/nonsmooth.h include/nonsmooth/version.h \
           bin/nonsmooth bin/nonsmooth-tutorial share/info/nonsmooth.info \
           share/man/man1/nonsmooth.1 share/man/man1/nonsmooth-tutorial.1 \
           share/doc/nonsmooth/examples/lesson1-relu.c; do
    [ -e "$scratch/root/usr/$f" ] || missing="$missing $f"
  done
else
  tail -n 20 "$scratch/install.log"
  missing=" (make install failed)"
fi
if [ -z "$missing" ]; then ok 4 "make install installs the library, headers, programs, manual, man pages and examples"
else notok 4 "not installed:$missing"; fi

# shellcheck disable=SC2086
if make -j"$jobs" $noauto check >"$scratch/check.log" 2>&1; then
  notok 5 "make check without Check succeeded"
elif grep -q "make check needs Check" "$scratch/check.log" &&
     ! grep -q "check.h" "$scratch/check.log"; then
  ok 5 "make check fails with the message that Check is needed"
else
  tail -n 20 "$scratch/check.log"
  notok 5 "make check fails, but without the message"
fi
exit $fail
