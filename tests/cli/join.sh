#!/bin/sh
# join.sh — a bare log that fits several programs of the object (issue 14.1):
# twin_sections.bpf.o holds twin_sleepable (syscall) and twin_tc (tc) with
# byte-identical instructions; twin_tc.log2 is twin_tc's log. The join uses
# the source lines the log prints, then -p NAME, and when nothing tells
# them apart it says so and names both, never picking one silently.
. "$(dirname "$0")/../lib.sh"

fx=$TOP/tests/fixtures/twin
obj=$fx/twin_sections.bpf.o
log=$fx/twin_tc.log2

test_expect_success 'the source lines tell the twins apart' "
	\"\$VERISTEP\" report '$obj' '$log' >out 2>err &&
	grep -q '^program 0: twin_tc  SEC(\"tc\")  non-sleepable' out &&
	! grep -q 'warning' err
"
# the same log without its source annotations: nothing tells them apart
sed 's/ @ twin_sections\.bpf\.c:[0-9]*$//' "$log" >"$TMPD/bare.log2"
test_expect_success 'a log fitting both is left alone, with both named' "
	\"\$VERISTEP\" report '$obj' bare.log2 >out 2>err &&
	grep -q 'the log fits 2 programs of the object (twin_sleepable, twin_tc)' err &&
	grep -q 'name one with -p NAME' err &&
	grep -q '^program 0: (unnamed)' out
"
test_expect_success '-p NAME picks the twin (tc)' "
	\"\$VERISTEP\" report -p twin_tc '$obj' bare.log2 >out 2>err &&
	grep -q '^program 0: twin_tc  SEC(\"tc\")  non-sleepable' out &&
	! grep -q 'fits 2 programs' err
"
test_expect_success '-p NAME picks the twin (syscall), and json agrees' "
	\"\$VERISTEP\" json -p twin_sleepable '$obj' bare.log2 >out.json 2>err &&
	grep -q '\"name\":[[:space:]]*\"twin_sleepable\"' out.json &&
	grep -q '\"section\":[[:space:]]*\"syscall\"' out.json
"
test_done
