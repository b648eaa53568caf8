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

# a log paired with another program's object: said, when the two contradict
# each other (issue: wrong pairings joined silently)
C=$SHARED/corpus
belongs() { # OBJ_CASE LOG_CASE: the warning that the two may not belong together
	"$VERISTEP" report "$C/$1/prog.bpf.o" "$C/$2/log2.txt" >/dev/null 2>err &&
	grep "may not belong together" err
}
if have_corpus; then
	test_expect_success 'wrong object: a global of the object explored inside its caller' '
		belongs async_timer_cb_global_rej async_timer_cb_static_mixed_rej | grep -q "makes read_user_global() global, the log explores it inside its caller"
	'
	test_expect_success 'wrong object: a static of the object validated as global' '
		belongs async_timer_cb_static_mixed_rej async_timer_cb_global_rej | grep -q "makes read_user() static, the log validates it as a global"
	'
	test_expect_success 'wrong object: accepted log, the object refused at load' '
		belongs async_wq_from_kprobe_rej async_wq_from_tc_ok | grep -q "predicts a refusal at load"
	'
	test_expect_success 'every right pairing of the corpus (6.18 and other kernels): no such warning' '
		for d in "$C"/* "$SHARED"/corpus-kernels/*/*; do
			[ -d "$d" ] || continue
			o=$C/$(basename "$d")/prog.bpf.o
			[ -f "$o" ] || continue
			for l in "$d"/log1.txt "$d"/log2.txt; do
				[ -f "$l" ] || continue
				"$VERISTEP" report "$o" "$l" >/dev/null 2>err
				if grep -q "may not belong" err; then echo "flagged: $l"; cat err; exit 1; fi
			done
		done
	'
else
	test_skip 'wrong object pairings' 'no shared corpus'
fi
test_done
