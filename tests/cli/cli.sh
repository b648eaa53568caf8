#!/bin/sh
# The command line contract of design.md: subcommands, usage errors, exit
# statuses, one-line errors, report and json on the bundled samples and on
# the shared corpus.
. "$(dirname "$0")/../lib.sh"

test_expect_success '--help prints the usage and exits 0' '
	"$VERISTEP" --help >help && grep -q "veristep report" help && grep -q -- "--prog" help
'
test_expect_success 'rules: the matrix, one release, JSON; exit 0' '
	"$VERISTEP" rules >rules.txt && grep -q "469d638d1520" rules.txt &&
	grep -q "^  bpf_timer callback .*prog flag .*never" rules.txt &&
	"$VERISTEP" rules --kernel 6.17 >k617 && "$VERISTEP" rules --kernel 6.18 >k618 &&
	grep -q "bpf_timer callback: a bpf_timer callback takes the program" k617 &&
	grep -q "bpf_timer callback: a bpf_timer callback is never sleepable" k618 &&
	"$VERISTEP" rules --json | grep -q "\"timer_cb\""
'
test_expect_success 'rules --kernel: the struct_ops members that may be sleepable, per release' '
	"$VERISTEP" rules --kernel 6.11 >k611 && "$VERISTEP" rules --kernel 6.12 >k612 &&
	"$VERISTEP" rules --kernel 6.1 >k61 &&
	grep -q "^  hid_bpf_ops: hid_rdesc_fixup, hid_hw_request, hid_hw_output_report \[" k611 &&
	grep -q "^  hid_bpf_ops: .*, hid_driver_probe \[" k612 &&
	grep -q "^  sched_ext_ops: init_task, " k612 && ! grep -q "sched_ext_ops" k611 &&
	grep -q "^  tcp_congestion_ops: every member but get_info (unsupported)" k612 &&
	! grep -q "^struct_ops members" k61
'
test_expect_success 'rules: a FILE, a bad --kernel, --json elsewhere are usage errors (exit 2)' '
	"$VERISTEP" rules x.log 2>err; test $? = 2 && grep -q "rules takes no FILE" err &&
	"$VERISTEP" rules --kernel six 2>err; test $? = 2 && grep -q "kernel" err &&
	"$VERISTEP" report --json x.log 2>err; test $? = 2 && grep -q "json goes with diff, rules or why" err
'
test_expect_success '-V prints the version' '
	"$VERISTEP" -V | grep -q "^veristep [0-9]"
'
test_expect_success 'no FILE is a usage error (exit 2)' '
	"$VERISTEP" report 2>err; test $? = 2 && grep -q "no FILE" err
'
test_expect_success 'an unknown option is a usage error (exit 2)' '
	"$VERISTEP" report --bogus x 2>err; test $? = 2
'
test_expect_success 'three FILEs is a usage error' '
	"$VERISTEP" json a b c 2>err; test $? = 2
'
test_expect_success 'a missing file is one line, exit 1' '
	expect_one_line_error "$VERISTEP" report /nonexistent/log.txt
'
test_expect_success 'a directory is one line, exit 1' '
	expect_one_line_error "$VERISTEP" report /tmp
'
test_expect_success 'two logs are refused' '
	printf "processed 0 insns (limit 1)\n" >a.log && cp a.log b.log &&
	expect_one_line_error "$VERISTEP" json a.log b.log
'
test_expect_success 'a log on stdin' '
	printf "0: R1=ctx() R10=fp0\n0: (b7) r0 = 0                        ; R0=0\n1: (95) exit\nprocessed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n" |
	"$VERISTEP" json - >out.json && json_str out.json verdict "accepted" &&
	json_has out.json processed_insns 2 && json_has out.json steps 2
'
test_expect_success 'a rejected log is data: exit 0, verdict and error in json' '
	printf "0: R1=ctx() R10=fp0\n0: (79) r0 = *(u64 *)(r1 +0)\ninvalid bpf_context access off=0 size=8\nprocessed 1 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n" >rej.log &&
	"$VERISTEP" json rej.log >out.json && json_str out.json verdict "rejected" &&
	json_str out.json error "invalid bpf_context access off=0 size=8" &&
	json_has out.json error_insn 0
'
test_expect_success 'steps are 1-based everywhere: error_step is the last step, as in the report' '
	printf "0: R1=ctx() R10=fp0\n0: (b7) r0 = 0                        ; R0=0\n1: (79) r0 = *(u64 *)(r1 +0)\ninvalid bpf_context access off=0 size=8\nprocessed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n" >rej2.log &&
	"$VERISTEP" json rej2.log >out.json && json_has out.json steps 2 &&
	json_has out.json error_step 2 && json_has out.json error_insn 1 &&
	"$VERISTEP" report rej2.log >out && grep -q "error at: insn 1 .*, step 2 of 2" out
'
test_expect_success 'an error of a pass after the exploration has no step; one at an exit has' '
	printf "0: R1=ctx() R10=fp0\n0: (85) call bpf_task_acquire#12345\n1: (b7) r0 = 0                        ; R0=0\n2: (95) exit\ninvalid kernel function call not eliminated in verifier pass\nprocessed 3 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n" >fixup.log &&
	"$VERISTEP" json fixup.log >out.json && json_str out.json verdict rejected &&
	json_has out.json error_step null && json_has out.json error_insn null &&
	json_has out.json error_after_exploration true &&
	"$VERISTEP" report fixup.log >out && grep -q "^error at: no step: raised after the exploration" out &&
	sed "s/in verifier pass/in verifier pass at insn 0/" fixup.log >fixup_insn.log &&
	"$VERISTEP" json fixup_insn.log >out.json && json_has out.json error_insn 0 &&
	json_has out.json error_step null &&
	"$VERISTEP" report fixup_insn.log >out && grep -q "^error at: insn 0, no step: raised after" out &&
	printf "0: R1=ctx() R10=fp0\n0: (b7) r1 = 0                        ; R1=0\n1: (95) exit\nR0 !read_ok\nprocessed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n" >exit.log &&
	"$VERISTEP" json exit.log >out.json && json_has out.json error_step 2 &&
	! grep -q error_after_exploration out.json
'
test_expect_success '-p selects a program; an unknown name is an error' '
	printf "libbpf: prog '\''a'\'': -- BEGIN PROG LOAD LOG --\nprocessed 0 insns (limit 1)\n-- END PROG LOAD LOG --\nlibbpf: prog '\''b'\'': -- BEGIN PROG LOAD LOG --\nprocessed 3 insns (limit 1)\n-- END PROG LOAD LOG --\n" >two.log &&
	"$VERISTEP" json -p b two.log >out.json && json_str out.json name "b" &&
	! json_str out.json name "a" &&
	expect_one_line_error "$VERISTEP" json -p nosuch two.log
'
test_expect_success 'json output is deterministic' '
	"$VERISTEP" json rej.log >1.json && "$VERISTEP" json rej.log >2.json && cmp 1.json 2.json
'
if ls "$TOP"/samples/*.log2 >/dev/null 2>&1; then
	test_expect_success 'report on every sample log' '
		for f in "$TOP"/samples/*.log2; do "$VERISTEP" report "$f" >out || exit 1;
			grep -q "^verdict: \(accepted\|rejected\)" out || { echo "$f"; exit 1; }; done
	'
else
	test_skip 'report on every sample log' 'no samples/*.log2 yet'
fi
if have_corpus; then
	test_expect_success 'report of the seed case names the error, insn and source' '
		d="$SHARED/corpus/async_timer_cb_global_rej" &&
		"$VERISTEP" report "$d/prog.bpf.o" "$d/log2.txt" >out &&
		grep -q "^verdict: rejected" out &&
		grep -q "^error: global functions that may sleep are not allowed" out &&
		grep -q "^error at: insn 44 in timer_cb" out &&
		grep -q "read_user_global(uaddr + 16); @ prog.bpf.c:33" out &&
		grep -q "from 26 to 40 async_cb" out
	'
	test_expect_success 'report: the refused call names its callee; the path lists each jump and its outcome' '
		"$VERISTEP" report "$SHARED/corpus/async_timer_cb_global_rej/log2.txt" >out &&
		grep -qx "  → read_user_global() global · may sleep" out &&
		grep -q "^path to the error (2 conditional jumps):" out &&
		grep -qx "    insn 9: if r0 != 0x0 goto pc+22: fall-through (R0=0)" out &&
		grep -q "^    insn 17: if r6 == 0x0 goto pc+14: fall-through (R6=map_value(" out &&
		"$VERISTEP" report "$SHARED/corpus/reject_invalid_mem_access/log2.txt" >out &&
		grep -qx "    insn 11: if r2 != 0x1 goto pc+2: taken, explored as path 2" out
	'
	test_expect_success 'FILE order does not matter (object told by its magic)' '
		d="$SHARED/corpus/async_timer_cb_global_rej" &&
		"$VERISTEP" json "$d/prog.bpf.o" "$d/log2.txt" >a.json &&
		"$VERISTEP" json "$d/log2.txt" "$d/prog.bpf.o" >b.json && cmp a.json b.json
	'
	test_expect_success 'a wrong object is reported and the log still answers' '
		"$VERISTEP" json "$SHARED/corpus/reject_infinite_loop/prog.bpf.o" \
			"$SHARED/corpus/async_timer_cb_global_rej/log2.txt" >out.json 2>err &&
		grep -q "does not match\|no program of the object matches" out.json &&
		json_str out.json verdict rejected && json_has out.json error_insn 44
	'
	test_expect_success 'an object alone lists its programs, subprogs and edges' '
		"$VERISTEP" report "$SHARED/corpus/struct_multi_prog/prog.bpf.o" >out &&
		grep -q "^program 3: xdp_hasher  SEC(\"xdp\")  non-sleepable" out &&
		grep -q "func#1 @3 read_user_global global" out &&
		"$VERISTEP" json "$SHARED/corpus/struct_multi_prog/prog.bpf.o" >out.json &&
		json_str out.json verdict unknown && json_str out.json kind call
	'
	test_expect_success 'the libbpf-framed capture names the program' '
		"$VERISTEP" json "$SHARED/corpus/async_timer_cb_global_rej/libbpf_default.txt" >out.json &&
		json_str out.json name "timer_global" && json_str out.json verdict "rejected"
	'
else
	test_skip 'report of the seed case' 'no corpus (../shared is absent; VERISTEP_SHARED names another)'
	test_skip 'FILE order' 'no corpus (../shared is absent; VERISTEP_SHARED names another)'
	test_skip 'libbpf framing' 'no corpus (../shared is absent; VERISTEP_SHARED names another)'
fi
# a loop the verifier unrolled: the same jump with the same outcome many times is one line
test_expect_success 'report: a jump taken the same way in a row is one line with its count' '
	printf "%s\n" "func#0 @0" "0: R1=ctx() R10=fp0" "0: (b7) r1 = 0                        ; R1_w=0" \
		"1: (07) r1 += 1                       ; R1_w=1" "2: (55) if r1 != 0x4 goto pc-2" \
		"1: (07) r1 += 1                       ; R1_w=2" "2: (55) if r1 != 0x4 goto pc-2" \
		"1: (07) r1 += 1                       ; R1_w=3" "2: (55) if r1 != 0x4 goto pc-2" \
		"1: (07) r1 += 1                       ; R1_w=4" "2: (55) if r1 != 0x4 goto pc-2" \
		"3: (95) exit" "R0 !read_ok" \
		"processed 10 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0" \
		>loop.log &&
	"$VERISTEP" report loop.log >out &&
	grep -q "^path to the error (4 conditional jumps):" out &&
	grep -qx "    insn 2: if r1 != 0x4 goto pc-2: taken  (3 times in a row, the last at step 7)" out &&
	grep -qx "    insn 2: if r1 != 0x4 goto pc-2: fall-through" out &&
	[ "$(grep -c "insn 2: if" out)" = 2 ]
'
test_done
