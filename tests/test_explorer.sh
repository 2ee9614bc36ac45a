#!/bin/sh
# tests/test_explorer.sh: the nonsmooth explorer end to end, as TAP.  Runs
# every command in text and JSON on the seed functions (relu, abs,
# heaviside, floor) and compares with the golden files in
# $srcdir/tests/golden (checked by hand against closed forms), checks that
# every JSON output is one valid JSON value (tests/test_jsoncheck), the exit
# statuses, and a table of bad inputs with their messages.
srcdir=${srcdir:-.}
prog=./tutorials/nonsmooth
jsoncheck=./tests/test_jsoncheck
golden=$srcdir/tests/golden
work=$(mktemp -d "${TMPDIR:-/tmp}/ns-test-explorer-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
n=0
echo 1..44

ok () {   # ok CONDITION-STATUS DESCRIPTION
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# all_commands EXPR FORMAT: every command of this increment on EXPR.
all_commands () {
  "$prog" eval "$1" -1 0 2.5 --format "$2"
  "$prog" diff "$1" --at 0 --at 1 --format "$2"
  "$prog" pair "$1" --format "$2"
  "$prog" verify "$1" --format "$2"
  "$prog" subdiff "$1" --at 0 --format "$2"
}

for seed in relu:'max(0, x)' abs:'abs(x)' heaviside:'heaviside(x)' floor:'floor(x)'; do
  name=${seed%%:*}
  expr=${seed#*:}
  for fmt in txt json; do
    [ $fmt = txt ] && format=text || format=json
    all_commands "$expr" $format >"$work/$name.$fmt" 2>"$work/$name.$fmt.err"
    diff -u "$golden/explorer-$name.$fmt" "$work/$name.$fmt" | sed 's/^/# /'
    cmp -s "$golden/explorer-$name.$fmt" "$work/$name.$fmt"
    ok $? "$name in $format matches tests/golden/explorer-$name.$fmt"
  done
  "$jsoncheck" "$work/$name.json" 2>&1 | sed 's/^/# /'
  "$jsoncheck" "$work/$name.json" 2>/dev/null
  ok $? "$name: every JSON output parses"
done

# status EXPECTED ARGS...: the exit status of the program.
status () {
  expected=$1; shift
  "$prog" "$@" >"$work/out" 2>"$work/err"
  rc=$?
  [ "$rc" -eq "$expected" ] || echo "# '$*' exited $rc, expected $expected"
  [ "$rc" -eq "$expected" ]
}

status 0 verify 'abs(x-0.3)' --order 2 --bump 0.2,0.5
ok $? "verify exits 0 when the routes agree (abs(x-0.3), order 2, moved bump)"
status 1 subdiff 'heaviside(x)' --at 0 --kind clarke && grep -q 'not Lipschitz' "$work/err"
ok $? "the Clarke set at a jump exits 1 and says why"
status 1 eval 'log(x)' -1 && grep -q 'outside the domain' "$work/err"
ok $? "log of a negative number exits 1 and says why"
status 1 pair 'log(abs(x))'
ok $? "a pairing the library cannot compute exits 1"
status 0 eval --format json -- '-x' -0 && [ "$(cat "$work/out")" = '{"expr": "-x", "points": [{"x": -0, "value": 0, "abserr": 0}]}' ]
ok $? "options before EXPR, '--', and -0 prints as -0"
status 0 eval 'x' -0 --format csv && printf 'x,value,abserr,status\n-0,-0,0,ok\n' | cmp -s - "$work/out"
ok $? "CSV output, 17 digits, -0 kept"
status 0 eval 'x/3' 1 --format=json && grep -q '"value": 0.33333333333333331' "$work/out"
ok $? "JSON numbers have 17 significant digits"
status 0 --help && grep -q '^  subdiff' "$work/out" && ! grep -q -E '^  (ad|plot|minimize) ' "$work/out"
ok $? "--help lists the commands that exist, and only those"
version=$(sed -n 's/^#define NS_VERSION "\(.*\)"$/\1/p' include/nonsmooth/version.h)
status 0 --version && [ "$(cat "$work/out")" = "nonsmooth (nonsmooth) $version" ]
ok $? "--version prints the library version $version"
cmds_ok=0
for c in eval diff pair verify subdiff; do
  status 0 $c --help && grep -q "^Usage: nonsmooth $c" "$work/out" || cmds_ok=1
done
ok $cmds_ok "COMMAND --help for every command"

# The bad-input table: exit status, then a pattern the message must contain.
bad () {   # bad DESCRIPTION PATTERN ARGS...
  desc=$1; pattern=$2; shift 2
  status 2 "$@" && grep -q -e "$pattern" "$work/err" && [ ! -s "$work/out" ]
  ok $? "bad input exits 2: $desc"
}
bad "no command" "missing COMMAND"
bad "unknown command" "unknown command 'integrate'" integrate 'x'
bad "unknown option" "unrecognized option '--frobnicate'" eval x 1 --frobnicate
bad "option of another command" "unrecognized option '--bump'" eval x 1 --bump 0,1
bad "bad --format" "must be text, json or csv" eval x 1 --format xml
bad "bad --order" "integer 0..16" diff x --order 17
bad "non-numeric --order" "not 'two'" pair x --order two
bad "bad --bump radius" "R > 0" pair x --bump 0,-1
bad "--bump without comma" "must be C,R" verify x --bump 1
bad "bad --kind" "--kind must be" subdiff x --at 0 --kind proximal
bad "missing option argument" "requires an argument" diff x --at
bad "non-numeric X" "not 'one'" eval x one
bad "NaN X" "not 'nan'" eval x nan
bad "missing EXPR" "missing EXPR" diff
bad "missing X" "missing X" eval 'x'
bad "subdiff without --at" "exactly one --at" subdiff 'abs(x)'
bad "extra argument" "unexpected argument '3'" pair x 3
bad "bad --range" "finite A < B" diff x --range 2:1

# Parse errors: the expression, a caret under the column, the message.
status 2 eval 'max(0,' 1
diff -u "$golden/explorer-errors.txt" "$work/err" | sed 's/^/# /'
cmp -s "$golden/explorer-errors.txt" "$work/err"
ok $? "a parse error shows the expression and a caret (tests/golden/explorer-errors.txt)"
status 2 diff 'relu(x' && grep -q '^        \^ column 7' "$work/err"
ok $? "parse error at the end: caret under column 7"
status 2 subdiff 'abs(x) + * 2' --at 0 && grep -q '^           \^ column 10' "$work/err"
ok $? "parse error in the middle: caret under column 10"
status 2 eval 'frob(x)' 1 && grep -q 'column 1' "$work/err"
ok $? "unknown function: a parse error at column 1"

exit 0
