#!/bin/sh
# Copyright (C) 2026 The nonsmooth authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/test_exercises.sh: every exercise of nonsmooth-tutorial, as TAP.
# Takes the commands from the tutorial's own output (the "$ nonsmooth ..."
# lines of its exercise pages), checks that the manual shows each one, runs
# each with the explorer of the build tree and checks the answer that
# doc/tutorial.texi states.  The reference values are derived by hand there
# (closed forms: exp(-1), exp(-4/3), sums of subdifferentials, the chain
# rule), not copied from the program's output.
srcdir=${srcdir:-.}
tutorial=./tutorials/nonsmooth-tutorial
explorer=./tutorials/nonsmooth
manual=$srcdir/doc/tutorial.texi
work=$(mktemp -d "${TMPDIR:-/tmp}/ns-test-exercises-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0
failed=0
count=14
echo 1..$((count * 2 + 1))

ok () {   # ok CONDITION-STATUS DESCRIPTION
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

"$tutorial" --plot none --color never </dev/null >"$work/tutorial.out" 2>&1
sed -n 's/^      \$ \(nonsmooth .*\)$/\1/p' "$work/tutorial.out" >"$work/commands"
[ "$(wc -l <"$work/commands")" -eq $count ]
ok $? "the tutorial prints $count exercise commands"

# within V REF ERR: |V - REF| <= ERR (awk's doubles; REF a double expression)
within () {
  awk -v v="$1" -v e="$3" "BEGIN { r = $2; d = v - r; if (d < 0) d = -d; exit !(d <= e) }"
}

# pairing OUT: "VALUE ERR" of the first "<T..., phi> = V ± E" line
pairing () {
  sed -n 's/^<T[^>]*> = \([-0-9.e+]*\) ± \([0-9.e+-]*\) .*/\1 \2/p' "$1" | head -n 1
}

# check OUT COMMAND: the stated answer of the exercise that runs COMMAND
check () {
  out=$1
  case $2 in
    "nonsmooth eval 'relu(x) - relu(-x)' -2 0.5 3")
      # r(x) - r(-x) = x: each "f(X) = V ± E" has |V - X| <= E.
      sed -n 's/^f(\([-0-9.]*\)) = \([-0-9.e]*\) ± \([0-9.e+-]*\)$/\1 \2 \3/p' "$out" >"$out.v"
      [ "$(wc -l <"$out.v")" -eq 3 ] &&
        awk '{ d = $2 - $1; if (d < 0) d = -d; if (d > $3) bad = 1 } END { exit bad }' "$out.v" ;;
    "nonsmooth diff 'abs(x)' --range -4:4")
      [ "$(grep -c '^  x = ' "$out")" -eq 1 ] && grep -qF "  x = 0: jumps [f] = 0, [f'] = 2" "$out" ;;
    "nonsmooth diff 'max(x, x^2)' --at 0 --at 1")
      # f'(0-) = 0, f'(0+) = 1, f'(1-) = 1, f'(1+) = 2, in this order.
      [ "$(sed -n "s/^  f'([01][-+]) *= \([0-9]*\)$/\1/p" "$out" | tr '\n' ' ')" = "0 1 1 2 " ] &&
        [ "$(grep -c "^  f'([01]) *does not exist" "$out")" -eq 2 ] ;;
    "nonsmooth diff 'x*abs(x)' --at 0")
      grep -q "^  f'(0) *= 0$" "$out" ;;
    "nonsmooth pair 'heaviside(x)' --bump 0,1")
      set -- $(pairing "$out") && [ $# -eq 2 ] && within "$1" "exp(-1)" "$2" ;;
    "nonsmooth pair 'max(0, x)' --order 2 --bump 0.5,1")
      set -- $(pairing "$out") && [ $# -eq 2 ] && within "$1" "exp(-4/3)" "$2" ;;
    "nonsmooth pair 'abs(x)' --bump 0,1")
      set -- $(pairing "$out") && [ $# -eq 2 ] && within "$1" 0 "$2" ;;
    "nonsmooth subdiff 'abs(x - 1) + 2*abs(x)' --at 0")
      grep -q '^  convex  *\[-3, 1\]$' "$out" ;;
    "nonsmooth subdiff '-abs(x)' --at 0 --kind all")
      grep -q '^  Frechet  *\(∅\|{}\)$' "$out" && grep -q '^  limiting  *{-1} \(∪\|U\) {1}$' "$out" &&
        grep -q '^  Clarke  *\[-1, 1\]$' "$out" && grep -q '^  convex .*not convex' "$out" ;;
    "nonsmooth minimize 'abs(x)' --x0 1 --step const:0.3 --steps 6")
      # x_k = 1, 0.7, 0.4, 0.1, -0.2, 0.1, -0.2; f(x_4) = 0.2 > f(x_3) = 0.1;
      # best 0.1 at the end.
      awk 'BEGIN { split("1 0.7 0.4 0.1 -0.2 0.1 -0.2", x, " ") }
           $1 ~ /^[0-6]$/ && NF == 5 { k = $1 + 1; seen++
             d = $2 - x[k]; if (d < 0) d = -d; if (d > 1e-12) bad = 1
             f[k] = $3; best = $5 }
           END { if (seen != 7 || !(f[5] > f[4]) || best - 0.1 > 1e-12 || 0.1 - best > 1e-12) bad = 1
                 exit bad }' "$out" ;;
    "nonsmooth ad 'relu(x) - relu(-x)' --at 0 --policy all")
      # 2c with c = relu'(0): PyTorch, TensorFlow, JAX c = 0; SymPy c = 1/2.
      grep -q '^at x = 0: Clarke set {1}$' "$out" &&
        grep -q '^  pytorch  *0  *0  *NO$' "$out" && grep -q '^  tensorflow  *0  *0  *NO$' "$out" &&
        grep -q '^  jax  *0  *0  *NO$' "$out" && grep -q '^  sympy  *0  *1  *yes$' "$out" ;;
    "nonsmooth diff 'sign(x)' --range -1:1")
      grep -qF "  x = 0: jumps [f] = 2" "$out" && grep -q "^  T' = 2 \(δ\|delta\)(x)$" "$out" ;;
    "nonsmooth diff 'min(x, y)' --at 0,0 --dir 1,-2")
      # min(t, -2t) = -2t; the segment [(1, 0), (0, 1)] has support max(1, -2) = 1.
      grep -q "^    f'(x; d)     = -2 ± " "$out" && grep -q "^    f°(x; d)     = 1 ± " "$out" ;;
    "nonsmooth diff 'relu(x)*relu(y)' --at 0,0")
      # |f(h)| <= |h|^2: differentiable, gradient (0, 0).
      grep -q '^  grad f(x)      = (0, 0) ± ' "$out" ;;
    *)
      echo "# no stated answer for: $2"
      return 1 ;;
  esac
}

i=0
while IFS= read -r cmd; do
  i=$((i + 1))
  grep -qxF "$cmd" "$manual"
  ok $? "exercise $i: the manual shows: $cmd"
  eval "$explorer ${cmd#nonsmooth }" >"$work/ex$i.out" 2>&1
  rc=$?
  sed 's/^/# /' "$work/ex$i.out"
  [ $rc -eq 0 ] && check "$work/ex$i.out" "$cmd"
  ok $? "exercise $i: the answer holds: $cmd"
done <"$work/commands"
while [ $n -lt $((count * 2 + 1)) ]; do ok 1 "missing exercise"; done
exit $failed
