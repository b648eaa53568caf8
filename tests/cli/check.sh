#!/bin/sh
# check.sh — `veristep check`: GCC-style diagnostics and lint-style exit
# status (0 clean, 1 findings, 2 trouble), on the samples (always) and on
# the corpus seed (when the corpus is present).
. "$(dirname "$0")/../lib.sh"
S=$TOP/samples
SEED=$SHARED/corpus/async_timer_cb_global_rej

# check_rc WANT ARGS...: run check, keep stdout in out and stderr in err
check_rc() {
	want=$1
	shift
	"$VERISTEP" check "$@" >out 2>err
	rc=$?
	[ "$rc" = "$want" ] || { echo "exit $rc, want $want"; cat out err; return 1; }
}
# every stdout line is FILE:LINE[:COL]: error|note: TEXT, or the no-BTF form
gcc_style() {
	! grep -Ev '^[^: ]+:[0-9]+(:[0-9]+)?: (error|note): .|^[^:]+: [^:]+:( insn [0-9]+:)? (error|note): .' out
}

test_expect_success 'object alone: a predicted refusal, exit 1, file:line:col: error [veristep-KIND]' '
	check_rc 1 "$S/timer_global_rej.bpf.o" &&
	grep -E "^timer_global_rej\.bpf\.c:59:2: error: global functions that may sleep .*\[veristep-global-sleep\]$" out &&
	gcc_style && test ! -s err
'
test_expect_success 'the chain follows as note: lines at the insns it names' '
	check_rc 1 "$S/timer_global_rej.bpf.o" &&
	sed -n 2p out | grep -E "^timer_global_rej\.bpf\.c:[0-9]+: note: prog timer_global \(syscall, sleepable\)$" &&
	sed -n 3p out | grep -E "^timer_global_rej\.bpf\.c:72:2: note: bpf_timer_set_callback at insn 17 → on_timer" &&
	sed -n 4p out | grep -E "^timer_global_rej\.bpf\.c:59:2: note: call pull_user_word at insn 27" &&
	test "$(grep -c ": error: " out)" = 1
'
test_expect_success '--kernel 6.17: timer callbacks were sleepable then, exit 0, no output' '
	check_rc 0 --kernel 6.17 "$S/timer_global_rej.bpf.o" && test ! -s out && test ! -s err
'
test_expect_success 'an accepted object: exit 0, no output' '
	check_rc 0 "$S/wq_global_ok.bpf.o" && test ! -s out && test ! -s err
'
test_expect_success 'object and log: the log'"'"'s refusal, without a rules tag' '
	check_rc 1 "$S/timer_global_rej.bpf.o" "$S/timer_global_rej.log2" &&
	grep -E "^timer_global_rej\.bpf\.c:59:2: error: global functions .* context \[veristep-global-sleep\]$" out &&
	gcc_style
'
test_expect_success 'object and log of an accepted program: exit 0, no output' '
	check_rc 0 "$S/loop_syscall_ok.bpf.o" "$S/loop_syscall_ok.log2" && test ! -s out
'
test_expect_success 'a log alone: the position from its source lines' '
	check_rc 1 "$S/timer_global_rej.log2" &&
	grep -E "^timer_global_rej\.bpf\.c:59: error: .*\[veristep-global-sleep\]$" out && gcc_style
'
test_expect_success 'a missing file: exit 2 with one veristep: line' '
	check_rc 2 "$TMPD/no-such.bpf.o" && test ! -s out &&
	test "$(wc -l <err)" = 1 && grep "^veristep: .*no-such.bpf.o" err
'
test_expect_success 'bad usage: exit 2' '
	check_rc 2 && check_rc 2 --kernel nine "$S/wq_global_ok.bpf.o" &&
	check_rc 2 -p nosuchprog "$S/wq_global_ok.bpf.o"
'
test_expect_success 'getopt errors say veristep:, not the path the binary was run by' '
	"$VERISTEP" check --bogus "$S/wq_global_ok.bpf.o" 2>err; test $? = 2 &&
	head -1 err | grep "^veristep: unrecognized option" &&
	"$VERISTEP" -p 2>err; test $? = 2 && head -1 err | grep "^veristep: option requires"
'
test_expect_success 'control bytes of the log never reach the output' '
	esc=$(printf "\033") &&
	sed "81s/^global functions/global${esc}[31m functions/" "$S/timer_global_rej.log2" >bad.log &&
	grep -q "$esc" bad.log &&
	check_rc 1 "$S/timer_global_rej.bpf.o" bad.log &&
	! grep -q "$esc" out && grep -qF "global\\x1b[31m functions" out
'
if have_corpus; then
	test_expect_success 'corpus seed: exit 1 with prog.bpf.c:LINE:COL: error' '
		check_rc 1 "$SEED/prog.bpf.o" &&
		grep -E "^prog\.bpf\.c:[0-9]+:[0-9]+: error: .*\[veristep-[a-z-]+\]$" out && gcc_style
	'
	test_expect_success 'corpus seed with --kernel 6.17: exit 0' '
		check_rc 0 --kernel 6.17 "$SEED/prog.bpf.o" && test ! -s out
	'
	test_expect_success 'corpus: every object with its log2 agrees with the kernel verdict' '
		for d in "$SHARED"/corpus/*/; do
			[ -f "$d/prog.bpf.o" ] && [ -f "$d/log2.txt" ] && [ -f "$d/verdict.json" ] || continue
			if grep -q "\"loaded\": true" "$d/verdict.json"; then want=0; else want=1; fi
			case $(basename "$d") in struct_multi_prog) continue ;; esac
			check_rc $want "$d/prog.bpf.o" "$d/log2.txt" || { echo "in $d"; exit 1; }
			gcc_style || { echo "in $d"; exit 1; }
		done
	'
else
	test_skip 'corpus seed: exit 1 with prog.bpf.c:LINE:COL: error' 'no corpus (../shared is absent; VERISTEP_SHARED names another)'
	test_skip 'corpus seed with --kernel 6.17: exit 0' 'no corpus (../shared is absent; VERISTEP_SHARED names another)'
	test_skip 'corpus: every object with its log2 agrees with the kernel verdict' 'no corpus (../shared is absent; VERISTEP_SHARED names another)'
fi
test_done
