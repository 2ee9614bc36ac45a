#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_html.sh: the projector page, nonsmooth-tutorial --html DIR, as
# TAP.  Checks the file itself (every page of the text run is a section,
# every figure an inline SVG, every exercise's answer in a <details>,
# nothing loaded from outside), then loads it in a real browser when
# Debian's chromium is installed: headless, --dump-dom and --screenshot,
# and checks the same in the DOM the browser built.  Without chromium (or
# gnuplot, for the figures) those tests skip with a message.
srcdir=${srcdir:-.}
prog=./tutorials/nonsmooth-tutorial
work=$(mktemp -d "${TMPDIR:-/tmp}/ns-test-html-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
work=$(cd "$work" && pwd -P)
n=0
failed=0
echo 1..8

ok () {   # ok CONDITION-STATUS DESCRIPTION
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
skip () {   # skip DESCRIPTION REASON
  n=$((n + 1))
  echo "ok $n - $1 # SKIP $2"
}

# The pages and figures of a text run: "N.P  " headings, and the figures
# a run with --plot none announces (one "(No plot" per figure).
"$prog" --plot none --color never </dev/null >"$work/text.out" 2>&1
pages=$(grep -c '^[0-9][0-9]*\.[0-9][0-9]*  ' "$work/text.out")
figures=$(grep -c '^(No plot: gnuplot is not used' "$work/text.out")
exercises=$(grep -c '^      \$ nonsmooth ' "$work/text.out")

"$prog" --html "$work/page" </dev/null >"$work/html.out" 2>"$work/html.err"
rc=$?
sed 's/^/# /' "$work/html.out" "$work/html.err"
html=$work/page/index.html
[ $rc -eq 0 ] && [ -s "$html" ] && [ "$(grep -c '^<section id="page-' "$html")" -eq "$pages" ]
ok $? "--html writes index.html with one section for each of the $pages pages"

have_gnuplot=0
command -v gnuplot >/dev/null 2>&1 && have_gnuplot=1
if [ $have_gnuplot -eq 1 ]; then
  [ "$(grep -c '^<svg' "$html")" -eq "$figures" ] && [ "$figures" -ge 8 ] &&
    grep -q "^$html: $pages pages, $figures figures\$" "$work/html.out"
  ok $? "all $figures figures (at least 8) are inline SVG"
else
  skip "all figures are inline SVG" "gnuplot is not on PATH"
fi

[ "$(grep -c '<details><summary>Answer</summary>' "$html")" -eq "$exercises" ] &&
  [ "$(grep -c '^<pre class="command">\$ nonsmooth ' "$html")" -eq "$exercises" ]
ok $? "the $exercises exercises with their commands and answers folded in <details>"

# Self-contained: no element loads anything (src=, href= other than the
# SVG's own #fragments, @import, url( of a file or site); the namespace
# URIs of xmlns attributes are names, not loads.
! grep -Eiq '<(script|link|img|iframe|object|embed)[ >]|src=|@import|url\( *[^#)]' "$html" &&
  ! grep -Eo 'href="[^"]*"' "$html" | grep -vq 'href="#'
ok $? "the page loads nothing: no script, link, image, import or external href"

grep -q "The derivatives of r(x) = max(0, x)" "$html" &&
  grep -q "Every number on this page was computed by the nonsmooth library" "$html"
ok $? "the page names the function and says where its numbers come from"

browser=
for b in chromium chromium-browser; do
  if command -v $b >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
  for i in 1 2 3; do skip "chromium loads the page" "chromium is not installed (apt-get install chromium)"; done
else
  # A fresh profile in $work; no network is needed, none is used.
  flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run
         --user-data-dir=$work/profile --virtual-time-budget=5000"
  HOME=$work timeout 120 $browser $flags --dump-dom "file://$html" >"$work/dom.html" 2>"$work/chromium.err"
  rc=$?
  [ $rc -eq 0 ] || sed 's/^/# chromium: /' "$work/chromium.err" | tail -n 20
  [ $rc -eq 0 ] && [ "$(grep -o '<section id="page-' "$work/dom.html" | wc -l)" -eq "$pages" ] &&
    [ "$(grep -o '<details>' "$work/dom.html" | wc -l)" -eq "$exercises" ]
  ok $? "chromium builds a DOM with all $pages sections and $exercises exercises"
  if [ $have_gnuplot -eq 1 ]; then
    [ "$(grep -o '<svg' "$work/dom.html" | wc -l)" -eq "$figures" ]
    ok $? "chromium's DOM holds all $figures figures as SVG elements"
  else
    skip "chromium's DOM holds the figures" "gnuplot is not on PATH"
  fi
  HOME=$work timeout 120 $browser $flags --window-size=1280,2000 \
    --screenshot="$work/shot.png" "file://$html" >/dev/null 2>"$work/shot.err"
  # A PNG file of some size: the page was rendered, not a blank error page.
  [ -s "$work/shot.png" ] && [ "$(head -c 8 "$work/shot.png" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ] &&
    [ "$(wc -c <"$work/shot.png")" -gt 20000 ]
  ok $? "chromium renders a screenshot of the page"
fi
exit $failed
