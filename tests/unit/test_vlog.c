// SPDX-License-Identifier: MIT
/*
 * test_vlog.c — the log parser, one line kind at a time, on inline
 * snippets of each kernel era (copied from the shapes the kernel prints),
 * plus framing, several programs in one file, truncation and odd input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/vlog_line.h"
#include "src/load.h"
#include "src/model/model.h"

#define PROCESSED "processed 9 insns (limit 1000000) max_states_per_insn 1 total_states 2 peak_states 3 mark_read 0\n"

static struct model *parse(const char *text)
{
	struct model *m = model_new();

	assert_non_null(m);
	assert_int_equal(load_log_mem(m, text, strlen(text), NULL), 0);
	return m;
}

static struct vlog_line classify(const char *s, bool live)
{
	struct vlog_line l;

	vlog_classify(s, 0, (uint32_t)strlen(s), live, false, &l);
	return l;
}

static void test_line_kinds(void **unused)
{
	struct vlog_line l;

	(void)unused;
	l = classify("func#2 @43", false);
	assert_int_equal(l.kind, LINE_FUNC_START);
	assert_int_equal(l.insn, 2);
	assert_int_equal(l.insn2, 43);
	l = classify("9: (79) r2 = *(u64 *)(r0 +0)          ; R0=map_value(map=arr,ks=4,vs=8) R2=scalar()", false);
	assert_int_equal(l.kind, LINE_INSN);
	assert_int_equal(l.insn, 9);
	assert_int_equal(l.opcode, 0x79);
	assert_int_equal(l.text_off, 3);
	assert_true(l.trailer_len > 0);
	l = classify("12: (67) r1 <<= 3                     ; frame1: R1=scalar(var_off=(0x0; 0xfffffffffffffff8)) cb", false);
	assert_int_equal(l.kind, LINE_INSN);
	l = classify("0: (85) call bpf_rcu_read_lock#65472          ;", false);
	assert_int_equal(l.kind, LINE_INSN);
	assert_int_equal(l.trailer_len, 0);
	l = classify("26: (85) call bpf_timer_set_callback#170 40: R1=map_ptr(map=timer_map,ks=4,vs=16) R10=fp0 async_cb", false);
	assert_int_equal(l.kind, LINE_INSN);
	assert_true(l.glued);
	assert_int_equal(l.insn2, 40);
	assert_int_equal(l.glue_pos, 40);
	l = classify("11: (55) if r2 != 0x1 goto pc+2 14: R0=map_value_or_null(id=1,off=0,ks=4,vs=8,imm=0)", false);
	assert_true(l.glued);
	assert_int_equal(l.insn2, 14);
	l = classify("6: R0=scalar()", false);
	assert_int_equal(l.kind, LINE_STATE);
	assert_int_equal(l.insn, 6);
	l = classify("34: safe", false);
	assert_int_equal(l.kind, LINE_SAFE);
	l = classify("from 11 to 15: R0=map_value(map=arr,ks=4,vs=8) R10=fp0", false);
	assert_int_equal(l.kind, LINE_POP);
	assert_int_equal(l.insn, 11);
	assert_int_equal(l.insn2, 15);
	l = classify("from 58 to 24 (speculative execution): safe", false);
	assert_int_equal(l.kind, LINE_POP);
	assert_true(l.safe);
	assert_true(l.speculative);
	l = classify("; if (!v) return 0; @ f1.bpf.c:10", false);
	assert_int_equal(l.kind, LINE_SOURCE);
	assert_true(l.src_at);
	l = classify("Func#2 ('helper_global') is global and assumed valid.", false);
	assert_int_equal(l.kind, LINE_GLOBAL);
	assert_int_equal(l.global_kind, VLOG_GLOBAL_CALL);
	assert_int_equal(l.name_len, 13);
	l = classify("Func#1 is global and valid. Skipping.", false);
	assert_int_equal(l.kind, LINE_GLOBAL);
	assert_int_equal(l.insn, 1);
	l = classify("Validating g_fn() func#3...", false);
	assert_int_equal(l.global_kind, VLOG_GLOBAL_VALIDATING);
	assert_int_equal(l.insn, 3);
	l = classify("Func#3 ('g_fn') is safe for any args that match its prototype", false);
	assert_int_equal(l.global_kind, VLOG_GLOBAL_SAFE);
	l = classify("mark_precise: frame0: last_idx 47 first_idx 43 subseq_idx -1 ", false);
	assert_int_equal(l.kind, LINE_PRECISION);
	l = classify("regs=10 stack=0 before 29: (bf) r5 = r3", false);
	assert_int_equal(l.kind, LINE_PRECISION);
	l = classify("frame 0: propagating r1,r4", false);
	assert_int_equal(l.kind, LINE_PRECISION);
	l = classify("(24,52) frame 0 insn 56 +written -8 ", false);
	assert_int_equal(l.kind, LINE_LIVENESS);
	l = classify("(0) live stack update done in 2 iterations", false);
	assert_int_equal(l.kind, LINE_LIVENESS);
	l = classify("SCC enter (1)", false);
	assert_int_equal(l.kind, LINE_SCC);
	l = classify("     19: .1234.67.. (85) call bpf_wq_set_callback_impl#66106", true);
	assert_int_equal(l.kind, LINE_LIVE_REGS);
	assert_int_equal(l.insn, 19);
	assert_int_equal(l.opcode, 0x85);
	l = classify("  1  11: 0.....6... (61) r7 = *(u32 *)(r0 +0)", true);
	assert_int_equal(l.kind, LINE_LIVE_REGS);
	assert_int_equal(l.insn, 11);
	assert_true(l.scc);
	l = classify("caller:", false);
	assert_int_equal(l.kind, LINE_CALL_BLOCK);
	l = classify("to caller at 24:", false);
	assert_int_equal(l.kind, LINE_CALL_BLOCK);
	assert_int_equal(l.insn, 24);
	l = classify(" frame1: R1=2 R2=scalar(smax=5) R10=fp0", false);
	assert_int_equal(l.kind, LINE_STATE);
	assert_int_equal(l.insn, IDX_NONE);
	l = classify(PROCESSED, false);
	assert_int_equal(l.kind, LINE_STATS);
	assert_true(l.stats_processed);
	l = classify("stack depth 40+0+0", false);
	assert_int_equal(l.kind, LINE_STATS);
	l = classify("libbpf: prog 'timer_global': -- BEGIN PROG LOAD LOG --", false);
	assert_int_equal(l.kind, LINE_LOADER);
	assert_true(l.frame_begin);
	assert_int_equal(l.name_len, 12);
	l = classify("-- END PROG LOAD LOG --", false);
	assert_true(l.frame_end);
	l = classify("arg#0 reference type('UNKNOWN ') size cannot be determined: -22", false);
	assert_int_equal(l.kind, LINE_NOTE);
	l = classify("func 'hid_device_event' arg0 has btf_id 36225 type STRUCT 'hid_bpf_ctx'", false);
	assert_int_equal(l.kind, LINE_BTF_ARG);
	assert_int_equal(l.name_off, 6);
	assert_int_equal(l.name_len, 16);
	assert_int_equal(l.insn, 0);
	assert_int_equal(l.insn2, 36225);
	assert_int_equal(l.text_len, 6);
	assert_int_equal(l.trailer_len, 11);
	l = classify("raw_tp 'sched_switch' arg1 has btf_id 120 type STRUCT 'task_struct'", false);
	assert_int_equal(l.kind, LINE_BTF_ARG);
	assert_int_equal(l.insn, 1);
	l = classify("func 'f' arg2 has btf_id 7 is_user 1 type UNION 'u'", false);
	assert_int_equal(l.kind, LINE_BTF_ARG);
	assert_int_equal(l.insn, 2);
	/* its siblings that refuse the access are error text, not this kind */
	l = classify("func 'f' arg0 type INT is not a struct", false);
	assert_int_equal(l.kind, LINE_UNKNOWN);
	l = classify("func 'f' arg0 has btf_id 7 type STRUCT 'x", false);
	assert_int_equal(l.kind, LINE_UNKNOWN);
	l = classify("func 'f' arg0 has btf_id 7 type STRUCT 'x' extra", false);
	assert_int_equal(l.kind, LINE_UNKNOWN);
	l = classify("topo_order[0] = spin_forever", false);
	assert_int_equal(l.kind, LINE_PRE);
	l = classify("subprog#0 spin_forever:", false);
	assert_int_equal(l.kind, LINE_PRE);
	assert_int_equal(l.name_len, 12);
	l = classify("R0 invalid mem access 'map_value_or_null'", false);
	assert_int_equal(l.kind, LINE_UNKNOWN);
	l = classify("4294967299: (b7) r0 = 0", false);
	assert_int_equal(l.kind, LINE_UNKNOWN);
}

/* a 6.18 level-2 log with a sync callback, an async callback and a global */
static const char log_618[] =
	"func#0 @0\n"
	"func#1 @6\n"
	"func#2 @9\n"
	"Live regs before insn:\n"
	"      0: .......... (b7) r1 = 0\n"
	"      1: .1........ (85) call pc+4\n"
	"arg#0 reference type('UNKNOWN ') size cannot be determined: -22\n"
	"0: R1=ctx() R10=fp0\n"
	"; int prog(void *ctx) @ p.bpf.c:7\n"
	"0: (b7) r1 = 0                        ; R1=0\n"
	"1: (85) call pc+7\n"
	"Func#2 ('g') is global and assumed valid.\n"
	"2: R0=scalar()\n"
	"2: (55) if r0 != 0x0 goto pc+1       ; R0=0\n"
	"3: (95) exit\n"
	"\n"
	"from 2 to 4: R0=scalar(umin=1) R10=fp0\n"
	"4: R0=scalar(umin=1) R10=fp0\n"
	"4: (85) call bpf_timer_set_callback#170     ; R0=scalar()\n"
	"5: (95) exit\n"
	"\n"
	"from 4 to 6: R1=map_ptr(map=m,ks=4,vs=16) R10=fp0 async_cb\n"
	"6: R1=map_ptr(map=m,ks=4,vs=16) R10=fp0 async_cb\n"
	"6: (b7) r0 = 0                        ; R0=0 async_cb\n"
	"7: (95) exit\n"
	"Validating g() func#2...\n"
	"9: R1=scalar() R10=fp0\n"
	"9: (b7) r0 = 0                        ; R0=0\n"
	"10: (95) exit\n"
	"Func#2 ('g') is safe for any args that match its prototype\n"
	"verification time 162 usec\n"
	"stack depth 0+0+0\n" PROCESSED;

/* a struct_ops member reading its context: the argument's BTF type line, twice */
static const char log_struct_ops[] =
	"func#0 @0\n"
	"0: R1=ctx() R10=fp0\n"
	"0: (79) r6 = *(u64 *)(r1 +0)\n"
	"func 'hid_device_event' arg0 has btf_id 36225 type STRUCT 'hid_bpf_ctx'\n"
	"1: R1=ctx() R6_w=trusted_ptr_hid_bpf_ctx() R10=fp0\n"
	"1: (79) r7 = *(u64 *)(r1 +0)\n"
	"func 'hid_device_event' arg0 has btf_id 36225 type STRUCT 'hid_bpf_ctx'\n"
	"2: R7_w=trusted_ptr_hid_bpf_ctx()\n"
	"2: (b7) r0 = 0                        ; R0_w=0\n"
	"3: (95) exit\n"
	"verification time 12 usec\n"
	"stack depth 0\n"
	"processed 4 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n";

static void test_ctx_btf_arg(void **unused)
{
	struct model *m = parse(log_struct_ops);
	const struct program *p;

	(void)unused;
	p = model_prog(m, 0);
	assert_int_equal(p->verdict, VERDICT_ACCEPTED);
	assert_int_equal(program_cold(p)->unknown_lines, 0);
	assert_int_equal(m->line_counts[LINE_BTF_ARG], 2);
	assert_int_equal(p->steps.n, 4);
	assert_int_equal(program_cold(p)->ctx_args.n, 1); /* once per (func, arg) */
	assert_string_equal(strtab_get(&m->str, program_cold(p)->ctx_args.v[0].func),
			    "hid_device_event");
	assert_int_equal(program_cold(p)->ctx_args.v[0].arg, 0);
	assert_int_equal(program_cold(p)->ctx_args.v[0].btf_id, 36225);
	assert_string_equal(strtab_get(&m->str, program_cold(p)->ctx_args.v[0].kind), "STRUCT");
	assert_string_equal(strtab_get(&m->str, program_cold(p)->ctx_args.v[0].type), "hid_bpf_ctx");
	load_free(m);
}

static void test_structure_618(void **unused)
{
	struct model *m = parse(log_618);
	const struct program *p;

	(void)unused;
	assert_int_equal(m->progs.n, 1);
	p = model_prog(m, 0);
	assert_int_equal(p->verdict, VERDICT_ACCEPTED);
	assert_int_equal(p->log_level, 2);
	assert_string_equal(strtab_get(&m->str, p->dialect), "6.18");
	assert_int_equal(p->subprogs.n, 3);
	assert_string_equal(strtab_get(&m->str, p->subprogs.v[2].name), "g");
	assert_int_equal(p->subprogs.v[2].linkage, LINKAGE_GLOBAL);
	assert_int_equal(p->steps.n, 10);
	assert_int_equal(p->paths.n, 4);
	assert_int_equal(p->units.n, 3);
	assert_int_equal(p->units.v[0].kind, UNIT_MAIN);
	assert_int_equal(p->units.v[1].kind, UNIT_ASYNC_CB);
	assert_int_equal(p->units.v[1].push_step, 4); /* the call at insn 4 */
	assert_int_equal(p->units.v[2].kind, UNIT_GLOBAL);
	assert_true(p->units.v[2].safe);
	assert_int_equal(p->paths.v[1].from_insn, 2);
	assert_int_equal(p->paths.v[1].parent_step, 2);
	assert_true(p->paths.v[2].flags & PATH_ASYNC_CB);
	assert_int_equal(p->stats.processed_insns, 9);
	assert_int_equal(p->stats.peak_states, 3);
	assert_int_equal(p->stats.verification_time_usec, 162);
	assert_string_equal(strtab_get(&m->str, p->stats.stack_depth), "0+0+0");
	assert_int_equal(program_cold(p)->unknown_lines, 0);
	assert_int_equal(m->line_counts[LINE_NOTE], 1);
	assert_int_equal(m->line_counts[LINE_LIVE_REGS], 3);
	assert_int_equal(p->visits[0], 1);
	assert_int_equal(program_srcs(p)->n, 1);
	assert_int_equal(step_src(p, 0), 0);
	assert_int_equal(step_src(p, 8), IDX_NONE); /* a global's path starts with none */
	load_free(m);
}

static void test_error_multiline(void **unused)
{
	static const char log[] = "0: R1=ctx() R10=fp0\n"
				  "0: (85) call pc+1\n"
				  "global functions that may sleep are not allowed in non-sleepable context,\n"
				  "i.e., in a RCU/IRQ/preempt-disabled section, or in\n"
				  "a non-sleepable BPF program context\n" PROCESSED;
	struct model *m = parse(log);
	const struct program *p = model_prog(m, 0);
	char *e = program_error_text(m, p);

	(void)unused;
	assert_int_equal(p->verdict, VERDICT_REJECTED);
	assert_string_equal(e, "global functions that may sleep are not allowed in non-sleepable "
			       "context, i.e., in a RCU/IRQ/preempt-disabled section, or in a "
			       "non-sleepable BPF program context");
	assert_int_equal(p->error_insn, 0);
	assert_int_equal(p->error_step, 0);
	assert_true(step_flags(p, 0) & STEP_ERROR);
	free(e);
	load_free(m);
}

static void test_diag_73(void **unused)
{
	static const char log[] =
		"0: R1=ctx() R10=fp0\n"
		"8: (85) call pc+5\n"
		"sleepable global function g() called in non-sleepable prog\n"
		"\n"
		"Verification failed: Execution Context Safety: Operation is not allowed in this context\n"
		"\n"
		"Reason:\n"
		"  The operation g() cannot be used in RCU read lock region\n"
		"  because it may sleep.\n"
		"\n"
		"At:\n"
		"  prog @ p.bpf.c:27:7\n"
		"\n"
		"Causal path:\n"
		"  prog @ p.bpf.c:26:2\n"
		"  Source context:\n"
		"\n"
		"Suggestion:\n"
		"  Move the call outside the critical section.\n"
		"\n" PROCESSED;
	struct model *m = parse(log);
	const struct program *p = model_prog(m, 0);
	const struct program_cold *c = program_cold(p);
	char *e = program_error_text(m, p);

	(void)unused;
	assert_string_equal(e, "sleepable global function g() called in non-sleepable prog");
	assert_true(c->has_diag);
	assert_string_equal(strtab_get(&m->str, c->diag.category), "Execution Context Safety");
	assert_string_equal(strtab_get(&m->str, c->diag.title),
			    "Operation is not allowed in this context");
	assert_string_equal(strtab_get(&m->str, c->diag.reason),
			    "The operation g() cannot be used in RCU read lock region because it "
			    "may sleep.");
	assert_string_equal(strtab_get(&m->str, c->diag.at), "prog @ p.bpf.c:27:7");
	assert_int_equal(c->diag.causal_path.n, 2);
	assert_string_equal(strtab_get(&m->str, c->diag.suggestion),
			    "Move the call outside the critical section.");
	assert_string_equal(strtab_get(&m->str, p->dialect), "7.3");
	free(e);
	load_free(m);
}

static void test_level1_glued(void **unused)
{
	static const char log[] =
		"0: R1=ctx() R10=fp0\n"
		"0: (b7) r1 = 0                        ; R1=0\n"
		"1: (85) call bpf_timer_set_callback#170 4: R1=map_ptr(map=m,ks=4,vs=16) R10=fp0 async_cb\n"
		"4: (85) call bpf_copy_from_user#148\n"
		"helper call might sleep in a non-sleepable prog\n" PROCESSED;
	struct model *m = parse(log);
	const struct program *p = model_prog(m, 0);

	(void)unused;
	assert_int_equal(p->log_level, 1);
	assert_int_equal(p->steps.n, 3);
	assert_true(step_flags(p, 1) & STEP_GLUED);
	assert_false(step_flags(p, 1) & STEP_HAS_DELTA);
	assert_int_equal(p->paths.n, 2);
	assert_int_equal(p->units.n, 2);
	assert_int_equal(p->units.v[1].kind, UNIT_ASYNC_CB);
	assert_int_equal(p->paths.v[1].from_insn, 1);
	assert_int_equal(p->paths.v[1].to_insn, 4);
	assert_true(p->paths.v[1].flags & PATH_IMPLICIT);
	assert_int_equal(p->error_insn, 4);
	assert_int_equal(p->verdict, VERDICT_REJECTED);
	load_free(m);
}

static void test_dialect_510(void **unused)
{
	static const char log[] =
		"func#0 @0\n"
		"0: R1=ctx(id=0,off=0,imm=0) R10=fp0\n"
		"0: (b7) r0 = 0\n"
		"1: R0_w=inv0 R1=ctx(id=0,off=0,imm=0) R10=fp0\n"
		"1: (15) if r1 == 0x0 goto pc+1\n"
		" R0_w=inv0 R1=ctx(id=0,off=0,imm=0) R10=fp0\n"
		"2: R0_w=inv0 R1=ctx(id=0,off=0,imm=0) R10=fp0\n"
		"2: (95) exit\n"
		"3: R0_w=inv0 R1=inv0 R10=fp0\n"
		"3: (95) exit\n" PROCESSED;
	struct model *m = parse(log);
	const struct program *p = model_prog(m, 0);

	(void)unused;
	assert_string_equal(strtab_get(&m->str, p->dialect), "5.x");
	assert_false(p->insn_states_partial);
	assert_int_equal(p->steps.n, 4);
	/* the state line after an exit starts a popped path (no "from" at level 2) */
	assert_int_equal(p->paths.n, 2);
	assert_int_equal(p->paths.v[1].parent_step, 1);
	assert_int_equal(p->fstates.v[2].kind, FS_POST);
	load_free(m);
}

static void test_framing_and_many(void **unused)
{
	static const char log[] = "libbpf: loading prog.bpf.o\n"
				  "libbpf: prog 'a': -- BEGIN PROG LOAD LOG --\n"
				  "0: R1=ctx() R10=fp0\n"
				  "0: (95) exit\n" PROCESSED
				  "-- END PROG LOAD LOG --\n"
				  "libbpf: prog 'a': failed to load: -22\n"
				  "libbpf: prog 'b': -- BEGIN PROG LOAD LOG --\n"
				  "0: R1=ctx() R10=fp0\r\n"
				  "0: (b7) r0 = 0                        ; R0=0\r\n"
				  "1: (95) exit\r\n"
				  "-- END PROG LOAD LOG --\n"
				  "0: R1=ctx() R10=fp0\n"
				  "0: (95) exit\n"
				  "R0 !read_ok\n" PROCESSED "Error: failed to load object file\n";
	struct model *m = parse(log);

	(void)unused;
	assert_int_equal(m->progs.n, 3);
	assert_string_equal(strtab_get(&m->str, model_prog(m, 0)->name), "a");
	assert_int_equal(model_prog(m, 0)->verdict, VERDICT_ACCEPTED);
	assert_string_equal(strtab_get(&m->str, model_prog(m, 1)->name), "b");
	assert_int_equal(model_prog(m, 1)->verdict, VERDICT_TRUNCATED);
	assert_int_equal(model_prog(m, 1)->steps.n, 2);
	assert_int_equal(model_prog(m, 2)->name, STR_NONE);
	assert_int_equal(model_prog(m, 2)->verdict, VERDICT_REJECTED);
	assert_int_equal(m->noise_lines, 1);
	load_free(m);
}

static void test_rotated_and_nul(void **unused)
{
	static const char rot[] = "('helper_global') is global and assumed valid.\n"
				  "41: R0=scalar() async_cb\n"
				  "41: (95) exit\n" PROCESSED;
	static const char nul[] = "0: R1=ctx() R10=fp0\n0: (95) exit\n" PROCESSED "\0stale text\n";
	struct model *m = parse(rot);
	struct model *m2 = model_new();

	(void)unused;
	assert_int_equal(model_prog(m, 0)->verdict, VERDICT_TRUNCATED);
	assert_int_equal(m->warnings.n, 1);
	assert_int_equal(load_log_mem(m2, nul, sizeof(nul) - 1, NULL), 0);
	assert_int_equal(m2->progs.n, 1);
	assert_int_equal(model_prog(m2, 0)->verdict, VERDICT_ACCEPTED);
	assert_int_equal(program_cold(model_prog(m2, 0))->unknown_lines, 0);
	load_free(m);
	load_free(m2);
}

static void test_callee_frames(void **unused)
{
	static const char log[] = "0: R1=ctx() R10=fp0\n"
				  "0: (85) call pc+2\n"
				  "caller:\n"
				  " R10=fp0\n"
				  "callee:\n"
				  " frame1: R10=fp0\n"
				  "3: frame1: R10=fp0\n"
				  "3: (b7) r0 = 1                        ; frame1: R0=1\n"
				  "4: (95) exit\n"
				  "returning from callee:\n"
				  " frame1: R0=1 R10=fp0\n"
				  "to caller at 1:\n"
				  " R0=1 R10=fp0\n"
				  "1: (95) exit\n" PROCESSED;
	struct model *m = parse(log);
	const struct program *p = model_prog(m, 0);

	(void)unused;
	assert_int_equal(p->steps.n, 4);
	assert_int_equal(step_frame(p, 0), 0);
	assert_int_equal(step_frame(p, 1), 1);
	assert_int_equal(step_frame(p, 2), 1);
	assert_int_equal(step_frame(p, 3), 0);
	assert_int_equal(p->fstates.v[1].kind, FS_CALLER);
	assert_int_equal(p->fstates.v[2].kind, FS_CALLEE);
	assert_int_equal(p->fstates.v[2].frame, 1);
	assert_int_equal(p->fstates.v[5].kind, FS_RET_CALLER);
	assert_int_equal(p->fstates.v[5].insn, 1);
	load_free(m);
}

static void test_bad_input(void **unused)
{
	static const char junk[] = "\x01\x02\xff garbage\n\n\n12345678901234567890: (b7)\n from \n";
	struct model *m = parse(junk);

	(void)unused;
	assert_int_equal(m->progs.n, 0);
	load_free(m);
	m = parse("");
	assert_int_equal(m->progs.n, 0);
	load_free(m);
	m = parse("0: R1=ctx() R10=fp0\n0: (b7) r0 = 0 ; R0=0\n1: (95) ex");
	assert_int_equal(m->progs.n, 1);
	assert_int_equal(model_prog(m, 0)->verdict, VERDICT_TRUNCATED);
	load_free(m);
}

/* each instruction's text is parsed once into facts kept per insn index */
static void test_insn_facts(void **unused)
{
	static const char log[] =
		"func#0 @0\n"
		"func#1 @7\n"
		"0: R1=ctx() R10=fp0\n"
		"0: (b7) r1 = 5\t; R1=5\n"
		"1: (85) call bpf_ktime_get_ns#5       ; R0=scalar()\n"
		"2: (85) call bpf_rcu_read_lock#84471\n"
		"3: (85) call pc+3\n"
		"caller:\n R10=fp0\ncallee:\n frame1: R1=5 R10=fp0\n"
		"7: frame1: R1=5 R10=fp0\n"
		"7: (95) exit\n"
		"returning from callee:\n frame1: R0=scalar() R10=fp0\n"
		"to caller at 4:\n R0=scalar() R10=fp0\n"
		"4: (55) if r0 != 0x0 goto pc-5         ; R0=scalar()\n"
		"5: (05) goto pc+0\n"
		"6: (95) exit\n"
		"processed 9 insns (limit 1000000) max_states_per_insn 0 total_states 0 "
		"peak_states 0 mark_read 0\n";
	struct model *m = model_new();
	const struct program *p;
	const struct insn_fact *f;
	struct step st;
	struct span t;

	(void)unused;
	assert_int_equal(load_log_mem(m, log, sizeof(log) - 1, NULL), 0);
	p = model_prog(m, 0);
	f = program_insn(p, 0);
	assert_non_null(f);
	assert_int_equal(f->kind, INSN_PLAIN);
	assert_int_equal(insn_class(f->opcode), INSN_CLASS_ALU64);
	f = program_insn(p, 1);
	assert_int_equal(f->kind, INSN_CALL_HELPER);
	assert_int_equal(f->call_id, 5);
	assert_string_equal(strtab_get(&m->str, f->name), "bpf_ktime_get_ns");
	f = program_insn(p, 2);
	assert_int_equal(f->kind, INSN_CALL_KFUNC);
	assert_int_equal(f->call_id, 84471);
	assert_string_equal(strtab_get(&m->str, f->name), "bpf_rcu_read_lock");
	f = program_insn(p, 3);
	assert_int_equal(f->kind, INSN_CALL_SUBPROG);
	assert_int_equal(f->target, 7);
	assert_non_null(program_call_subprog(p, 3));
	assert_int_equal(program_call_subprog(p, 3)->id, 1);
	assert_null(program_call_subprog(p, 1));
	f = program_insn(p, 4);
	assert_int_equal(f->kind, INSN_COND_JUMP);
	assert_int_equal(f->target, 0);
	assert_int_equal(insn_class(f->opcode), INSN_CLASS_JMP);
	f = program_insn(p, 5);
	assert_int_equal(f->kind, INSN_JA);
	assert_int_equal(f->target, 6);
	assert_int_equal(program_insn(p, 6)->kind, INSN_EXIT);
	assert_int_equal(program_insn(p, 7)->kind, INSN_EXIT);
	assert_string_equal(insn_kind_name(INSN_CALL_KFUNC), "kfunc call");
	/* the delta of a step, after a tab or blanks before ';' */
	st = step_at(p, 0);
	t = step_trailer(m, &st);
	assert_int_equal(t.len, 4);
	assert_memory_equal(m->log.buf + t.off, "R1=5", 4);
	st = step_at(p, 2);
	t = step_trailer(m, &st);
	assert_int_equal(t.len, 0);
	assert_true(sizeof(*p->steps.w) == 8); /* a step is kept in 8 bytes */
	load_free(m);
}

/*
 * An unclassified line right before "processed" is counted as unknown, not
 * glued to the error: the error text stays what the kernel wrote.
 */
static void test_error_not_unknown(void **unused)
{
	static const char log[] = "0: R1=ctx() R10=fp0\n"
				  "0: (85) call bpf_copy_from_user#148\n"
				  "helper call might sleep in a non-sleepable prog\n"
				  "   some indented text nobody classified\n"
				  "4294967299: (b7) r0 = 0\n"
				  "\tmore pasted text\n" PROCESSED;
	struct model *m = parse(log);
	const struct program *p = model_prog(m, 0);
	char *e = program_error_text(m, p);

	(void)unused;
	assert_int_equal(p->verdict, VERDICT_REJECTED);
	assert_string_equal(e, "helper call might sleep in a non-sleepable prog");
	assert_int_equal(p->error.n, 1);
	assert_int_equal(program_cold(p)->unknown_lines, 3);
	assert_int_equal(program_cold(p)->unknown.n, 3);
	assert_int_equal(p->error_step, 0);
	free(e);
	load_free(m);
}

/*
 * The kernel's mid-log messages (issue 14.5): notes when the log goes on
 * after them, the error's first line when they end the program.
 */
static void test_kernel_notes(void **unused)
{
	static const char log[] = "0: R1=ctx() R10=fp0\n"
				  "0: (85) call pc+1\n"
				  "R1 is not a scalar\n"
				  "caller:\n"
				  " R10=fp0\n"
				  "callee:\n"
				  " frame1: R1=1 R10=fp0\n"
				  "2: frame1: R1=1 R10=fp0\n"
				  "2: (95) exit\n"
				  "frame0 bpf_loop iteration limit reached\n"
				  "1: R0=scalar() R10=fp0\n"
				  "1: (85) call pc+2\n"
				  "Global function pick() doesn't return scalar. Only those are supported.\n"
				  "Caller passes invalid args into func#2 ('pick')\n" PROCESSED;
	struct model *m;
	const struct program *p;
	char *e;

	(void)unused;
	assert_true(vlog_is_kernel_note("frame12 bpf_loop iteration limit reached", 40));
	assert_true(vlog_is_kernel_note("R1 is not a scalar ", 19));
	assert_true(vlog_is_kernel_note("reg type unsupported for arg#0 function hello#4", 47));
	assert_false(vlog_is_kernel_note("frame bpf_loop iteration limit reached", 38));
	assert_false(vlog_is_kernel_note("R1 is not a scalar, really", 26));
	assert_false(vlog_is_kernel_note("reg type unsupported for arg#0 function #4", 42));
	m = parse(log);
	p = model_prog(m, 0);
	e = program_error_text(m, p);
	assert_int_equal(p->verdict, VERDICT_REJECTED);
	assert_string_equal(e, "Global function pick() doesn't return scalar. Only those are "
			       "supported. Caller passes invalid args into func#2 ('pick')");
	assert_int_equal(program_cold(p)->unknown_lines, 0);
	assert_int_equal(m->line_counts[LINE_NOTE], 2);
	free(e);
	load_free(m);
}

/*
 * The sweep of verifier.c and btf.c for the prototype checks that print and
 * go on (issue 14.5): each line as the kernel prints it, a near miss of each
 * stays unknown, and in a log that goes on after them they are notes. The
 * main program's prototype is checked before its insn 0 and the result
 * ignored, so a global's "Global function ..." check is mid-log there (a
 * 6.18 log of a main returning void has it; this is the 7.x wording).
 * "REG INVARIANTS VIOLATION" (6.8+, "verifier bug: " and "(1)" added in
 * 6.17) resets the register and goes on; its text is the kernel's format
 * with made-up values, as is "propagate_backedges: too many iterations"
 * (6.17+, level 2).
 */
static void test_kernel_notes_sweep(void **unused)
{
	static const char *const known[] = {
		"arg#0 expects pointer to ctx",
		"dereference of modified ctx ptr R1 off=8 disallowed",
		"negative offset ctx ptr R1 off=-8 disallowed",
		"arg#0 type tag is not supported in static functions",
		"arg#1 expected pointer to ctx, but got ptr",
		"Unrecognized arg#2 type struct",
		"Function f has 6 > 5 args",
		"Global function main_ptr() return value not void or scalar. Only those are "
		"supported.",
		"REG INVARIANTS VIOLATION (true_reg1): range bounds violation u64=[0x5, 0x4] "
		"s64=[0x5, 0x4] u32=[0x5, 0x4] s32=[0x5, 0x4] var_off=(0x4, 0x1)",
		"verifier bug: REG INVARIANTS VIOLATION (s32_range): const tnum out of sync "
		"with range bounds u64=[0x0, 0x1] s64=[0x0, 0x1] u32=[0x0, 0x1] s32=[0x0, 0x1] "
		"var_off=(0x1, 0x0)(1)",
		"propagate_backedges: too many iterations",
	};
	static const char *const unknown[] = {
		"arg#0 expects pointer to ctx, really",
		"dereference of modified ctx ptr R1 off= disallowed",
		"negative offset ctx ptr R1 off=8 disallowed",
		"arg# type tag is not supported in static functions",
		"Unrecognized arg#2 type",
		"REG INVARIANTS VIOLATION (true_reg1): ",
		"REG INVARIANTS VIOLATION (): range bounds violation",
		"propagate_backedges: too many iterations.",
	};
	static const char log[] =
		"func#0 @0\n"
		"Global function main_ptr() return value not void or scalar. Only those are "
		"supported.\n"
		"0: R1=ctx() R10=fp0\n"
		"0: (bf) r6 = r1\n"
		"1: (85) call pc+3\n"
		"arg#0 expects pointer to ctx\n"
		"caller:\n"
		" R10=fp0\n"
		"callee:\n"
		" frame1: R1=fp-8 R10=fp0\n"
		"5: frame1: R1=fp-8 R10=fp0\n"
		"5: (95) exit\n"
		"2: (bf) r1 = r6\n"
		"3: (85) call pc+2\n"
		"dereference of modified ctx ptr R1 off=8 disallowed\n"
		"arg#0 type tag is not supported in static functions\n"
		"Unrecognized arg#1 type struct\n"
		"verifier bug: REG INVARIANTS VIOLATION (true_reg1): range bounds violation "
		"u64=[0x5, 0x4] s64=[0x5, 0x4] u32=[0x5, 0x4] s32=[0x5, 0x4] var_off=(0x4, 0x1)(1)\n"
		"propagate_backedges: too many iterations\n"
		"4: (95) exit\n" PROCESSED;
	struct model *m;
	const struct program *p;
	size_t k;

	(void)unused;
	for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
		assert_true(vlog_is_kernel_note(known[k], (uint32_t)strlen(known[k])));
	for (k = 0; k < sizeof(unknown) / sizeof(unknown[0]); k++)
		assert_false(vlog_is_kernel_note(unknown[k], (uint32_t)strlen(unknown[k])));
	m = parse(log);
	p = model_prog(m, 0);
	assert_int_equal(p->verdict, VERDICT_ACCEPTED);
	assert_int_equal(program_cold(p)->unknown_lines, 0);
	assert_int_equal(m->line_counts[LINE_NOTE], 7);
	load_free(m);
}

/*
 * The per-insn tables (visits, insn_line, insns) hold the program's insns,
 * not the capacity they grew to: many tiny programs each kept spare rows.
 */
static void test_insn_tables_exact(void **unused)
{
	static const char log[] = "0: R1=ctx() R10=fp0\n"
				  "0: (b7) r0 = 0                        ; R0_w=0\n"
				  "1: (95) exit\n" PROCESSED
				  "func#0 @0\n"
				  "func#1 @6\n"
				  "0: R1=ctx() R10=fp0\n"
				  "0: (b7) r0 = 0\n"
				  "1: (95) exit\n" PROCESSED
				  "0: R1=ctx() R10=fp0\n"
				  "0: (05) goto pc+8\n"
				  "9: (95) exit\n" PROCESSED
				  "0: R1=ctx() R10=fp0\n"
				  "0: (95) exit\n" PROCESSED;
	static const uint32_t want[] = { 2, 7, 10, 1 };
	struct model *m = parse(log);
	uint32_t i;

	(void)unused;
	assert_int_equal(m->progs.n, 4);
	for (i = 0; i < 4; i++) {
		const struct program *p = model_prog(m, i);

		assert_int_equal(p->ninsns, want[i]); /* one past the highest insn (a subprog start) */
		assert_int_equal(p->visits[want[i] - 1], i == 1 ? 0 : 1);
	}
	assert_int_equal(model_prog(m, 2)->visits[5], 0);
	assert_int_equal(model_prog(m, 2)->insn_line[5], UINT64_MAX);
	assert_null(program_insn(model_prog(m, 2), 5));
	assert_non_null(program_insn(model_prog(m, 2), 9));
	assert_int_equal(program_insn(model_prog(m, 2), 0)->target, 9);
	load_free(m);
}

/*
 * What few programs have lives behind program.cold, allocated when the log
 * shows some of it: tiny programs have none, and every reader still sees
 * an empty one (no error finding, no diagnostic).
 */
static void test_cold_part(void **unused)
{
	static const char log[] = "0: R1=ctx() R10=fp0\n"
				  "0: (b7) r0 = 0                        ; R0_w=0\n"
				  "1: (95) exit\n" PROCESSED
				  "0: R1=ctx() R10=fp0\n"
				  "some pasted text nobody classified\n"
				  "0: (95) exit\n" PROCESSED;
	struct model *m = parse(log);
	const struct program *p = model_prog(m, 0);

	(void)unused;
	assert_int_equal(m->progs.n, 2);
	assert_null(p->cold);
	assert_int_equal(program_cold(p)->error_finding, IDX_NONE);
	assert_false(program_cold(p)->has_diag);
	assert_int_equal(program_cold(p)->unknown_lines, 0);
	assert_int_equal(program_cold(p)->edges.n + program_cold(p)->sleep_events.n, 0);
	p = model_prog(m, 1);
	assert_non_null(p->cold); /* an unknown line, kept */
	assert_int_equal(program_cold(p)->unknown_lines, 1);
	assert_int_equal(program_cold(p)->unknown.n, 1);
	assert_int_equal(program_cold(p)->error_finding, IDX_NONE);
	assert_int_equal(m->line_counts[LINE_INSN], 3); /* the model's counts: the whole log */
	assert_int_equal(m->line_counts[LINE_UNKNOWN], 1);
	load_free(m);
}

/* the kernel's counters are 32-bit: a count past INT32_MAX is none it printed */
static void test_stats_32bit(void **unused)
{
	static const char log[] = "0: R1=ctx() R10=fp0\n"
				  "0: (95) exit\n"
				  "verification time 5000000000 usec\n"
				  "processed 2147483647 insns (limit 1000000) max_states_per_insn 2147483648 "
				  "total_states 4294967296 peak_states 0 mark_read 99999999999\n";
	struct model *m = parse(log);
	const struct program *p = model_prog(m, 0);

	(void)unused;
	assert_int_equal(p->stats.processed_insns, INT32_MAX);
	assert_int_equal(p->stats.insn_limit, 1000000);
	assert_int_equal(p->stats.max_states_per_insn, -1);
	assert_int_equal(p->stats.total_states, -1);
	assert_int_equal(p->stats.peak_states, 0);
	assert_int_equal(p->stats.mark_read, -1);
	assert_int_equal(p->stats.verification_time_usec, 5000000000ll); /* 64-bit in the kernel */
	assert_int_equal(p->nlines, 4);
	load_free(m);
}

/*
 * Steps are packed in 8 bytes (struct step_table): every field comes back
 * as it went in, at the bit boundaries and through each escape to
 * steps.far: a tail past the packed field, a line 32 MiB or more after its
 * block's first, a line before it, and offsets past 4 GiB.
 */
static void test_step_packing(void **unused)
{
	const uint64_t G4 = 1ull << 32, M32 = 32ull << 20;
	struct step want[3 * STEP_BLOCK], s;
	struct program p;
	uint32_t k, nfar = 0;

	(void)unused;
	memset(&p, 0, sizeof(p));
	for (k = 0; k < 3 * STEP_BLOCK; k++) {
		struct step *w = &want[k];

		w->off = (k / STEP_BLOCK ? 5 * G4 : 1000) + 100ull * (k % STEP_BLOCK);
		w->insn = k % 2 ? MODEL_MAX_INSNS - 1 : k;
		w->frame = (uint8_t)(k % MODEL_MAX_FRAMES);
		w->flags = k % 3 ? 0xff : STEP_HAS_DELTA;
		w->tail = (uint16_t)(k % 200);
	}
	/* block 0 */
	want[1].tail = STEP_TAIL_MAX;		 /* the largest tail kept in the word */
	want[2].tail = STEP_TAIL_MAX + 1;	 /* far */
	want[3].tail = UINT16_MAX;		 /* far */
	want[4].off = want[0].off + M32 - 2;	 /* the largest offset kept in the word */
	want[5].off = want[0].off + M32 - 1;	 /* far: the escape value itself */
	want[6].off = want[0].off + M32;	 /* far */
	want[7].off = want[0].off - 1;		 /* far: before the block's first line */
	want[8].off = 0;			 /* far */
	/* block 1 starts past 4 GiB; its first step is its base */
	want[STEP_BLOCK + 1].off = 9 * G4;	 /* far, past 32 GiB */
	want[STEP_BLOCK + 2].off = 4 * G4;	 /* far, before the base */
	/* block 2 starts on a huge line: every later line is far from it */
	want[2 * STEP_BLOCK].off = 7 * G4;
	for (k = 2 * STEP_BLOCK + 1; k < 3 * STEP_BLOCK; k++)
		want[k].off = 7 * G4 + M32 + k;
	for (k = 0; k < 3 * STEP_BLOCK; k++)
		assert_int_equal(program_add_step(&p, &want[k]), 0);
	for (k = 0; k < 3 * STEP_BLOCK; k++) {
		s = step_at(&p, k);
		assert_int_equal(s.off, want[k].off);
		assert_int_equal(s.insn, want[k].insn);
		assert_int_equal(s.frame, want[k].frame);
		assert_int_equal(s.flags, want[k].flags);
		assert_int_equal(s.tail, want[k].tail);
		assert_int_equal(step_off(&p, k), want[k].off);
		assert_int_equal(step_insn(&p, k), want[k].insn);
		assert_int_equal(step_frame(&p, k), want[k].frame);
		assert_int_equal(step_flags(&p, k), want[k].flags);
		nfar += step_far_at(&p, k)->k == k;
	}
	/* the escapes, and only they, went to far: 6 + 2 + the rest of block 2 */
	assert_int_equal(p.steps.far.n, 6 + 2 + STEP_BLOCK - 1);
	assert_int_equal(nfar, p.steps.far.n);
	assert_int_equal(p.steps.base.n, 3);
	/* flags change in place, a far step's too */
	step_add_flags(&p, 6, STEP_PRUNED);
	step_add_flags(&p, 10, STEP_ERROR);
	assert_int_equal(step_flags(&p, 6), want[6].flags | STEP_PRUNED);
	assert_int_equal(step_at(&p, 6).off, want[6].off);
	assert_int_equal(step_at(&p, 10).flags, want[10].flags | STEP_ERROR);
	assert_int_equal(step_at(&p, 10).insn, want[10].insn);
	/* out of range fields are refused, not cut */
	s = want[0];
	s.insn = MODEL_MAX_INSNS;
	assert_int_equal(program_add_step(&p, &s), -EINVAL);
	s = want[0];
	s.frame = MODEL_MAX_FRAMES;
	assert_int_equal(program_add_step(&p, &s), -EINVAL);
	assert_int_equal(p.steps.n, 3 * STEP_BLOCK);
	program_release(&p);
}

/*
 * The same escapes through the parser: a delta starting past the packed
 * tail field, and 33 MB of lines between two steps of one block; the
 * report of every step is what the log says.
 */
static void test_step_far_lines(void **unused)
{
	const size_t big = 33u << 20;
	const char *head = "0: R1=ctx() R10=fp0\n"
			   "0: (b7) r0 = 0                        ; R0_w=0\n"
			   "1: (b7) r2 = 1";
	const char *mid = "                        ; R2_w=1\n"
			  "2: (b7) r3 = 3                        ; R3_w=3\n";
	const char *tail = "3: (b7) r4 = 4                        ; R4_w=4\n"
			   "4: (95) exit\n" PROCESSED;
	const char *delta[] = { "R0_w=0", "R2_w=1", "R3_w=3", "R4_w=4" };
	size_t hl = strlen(head), ml = strlen(mid), tl = strlen(tail), at;
	char *log = malloc(hl + 300 + ml + big + tl), *t;
	struct model *m = model_new();
	const struct program *p;
	struct step st;
	struct span tr;
	uint64_t off[5], from;

	(void)unused;
	assert_non_null(log);
	assert_non_null(m);
	memcpy(log, head, hl);
	memset(log + hl, ' ', 300); /* insn 1's delta starts 300 bytes after its line */
	memcpy(log + hl + 300, mid, ml);
	at = hl + 300 + ml;
	/* a 33 MB "unknown" text between insn 2 and 3 */
	memset(log + at, 'x', big - 1);
	log[at + big - 1] = '\n';
	memcpy(log + at + big, tail, tl);
	assert_int_equal(load_log_mem(m, log, hl + 300 + ml + big + tl, NULL), 0);
	p = model_prog(m, 0);
	assert_int_equal(p->steps.n, 5);
	for (uint32_t k = 0; k < 5; k++) {
		char pre[8];

		snprintf(pre, sizeof(pre), "%u: (", k);
		from = k ? off[k - 1] + 1 : 0;
		t = memmem(m->log.buf + from, m->log.len - from, pre, strlen(pre));
		assert_non_null(t);
		off[k] = (uint64_t)(t - m->log.buf);
		st = step_at(p, k);
		assert_int_equal(st.off, off[k]);
		assert_int_equal(st.insn, k);
		tr = step_trailer(m, &st);
		if (k == 4) {
			assert_int_equal(tr.len, 0);
			continue;
		}
		assert_int_equal(tr.len, strlen(delta[k]));
		assert_memory_equal(m->log.buf + tr.off, delta[k], tr.len);
	}
	/* insn 1 (its tail) and insns 3 and 4 (past the huge line) are far */
	assert_int_equal(p->steps.far.n, 3);
	load_free(m);
	free(log);
}

/*
 * Source lines are kept in 4 bytes (struct src_table): an offset 4 GiB or
 * more past its block's first, or before it, goes to srcs.far, and every
 * offset comes back as it went in.
 */
static void test_src_packing(void **unused)
{
	const uint64_t G4 = 1ull << 32;
	uint64_t want[2 << SRC_BLOCK_SHIFT];
	struct program p;
	uint32_t i, n = 2 << SRC_BLOCK_SHIFT;

	(void)unused;
	memset(&p, 0, sizeof(p));
	for (i = 0; i < n; i++)
		want[i] = (i >> SRC_BLOCK_SHIFT ? 3 * G4 : 500) + 40ull * i;
	want[1] = want[0] + G4 - 2; /* the largest kept in 4 bytes */
	want[2] = want[0] + G4 - 1; /* far: the escape value itself */
	want[3] = want[0] + G4;	    /* far */
	want[4] = want[0] - 1;	    /* far: before the block's first */
	want[(1 << SRC_BLOCK_SHIFT) + 1] = 11 * G4; /* far, past 32 GiB */
	for (i = 0; i < n; i++)
		assert_int_equal(program_add_src(&p, want[i]), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(src_off(&p, i), want[i]);
	assert_int_equal(program_srcs(&p)->far.n, 4);
	assert_int_equal(program_srcs(&p)->base.n, 2);
	assert_true(sizeof(*program_srcs(&p)->rel) == 4);
	program_release(&p);
}

/*
 * model_line_head(): a line as model_line_at() cuts it ('\n', "\r\n", a
 * final '\r', the end of the log), cut at max bytes; a '\r' inside the
 * cut line is text
 */
static void test_line_head(void **unused)
{
	static const char log[] = "abc\r\nabcdef\nab\rcd\nxy\r";
	struct model m = { .log = { .buf = log, .len = sizeof(log) - 1 } };
	const struct {
		uint64_t off, max;
		uint32_t len;
	} cases[] = {
		{ 0, UINT64_MAX, 3 }, { 0, 3, 3 },  { 0, 4, 3 },	    { 0, 2, 2 },
		{ 5, 6, 6 },	      { 5, 5, 5 },  { 5, 0, 0 },	    { 12, 3, 3 },
		{ 12, 2, 2 },	      { 12, 5, 5 }, { 18, UINT64_MAX, 2 }, { 18, 2, 2 },
		{ 18, 1, 1 },	      { 21, 9, 0 },
	};

	(void)unused;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct span h = model_line_head(&m, cases[i].off, cases[i].max);
		struct span l = model_line_at(&m, cases[i].off);

		assert_int_equal(h.off, cases[i].off);
		assert_int_equal(h.len, cases[i].len);
		/* the head is the line cut at max */
		assert_int_equal(h.len, l.len < cases[i].max ? l.len : cases[i].max);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_head),
		cmocka_unit_test(test_line_kinds),
		cmocka_unit_test(test_structure_618),
		cmocka_unit_test(test_ctx_btf_arg),
		cmocka_unit_test(test_error_multiline),
		cmocka_unit_test(test_diag_73),
		cmocka_unit_test(test_level1_glued),
		cmocka_unit_test(test_dialect_510),
		cmocka_unit_test(test_framing_and_many),
		cmocka_unit_test(test_rotated_and_nul),
		cmocka_unit_test(test_callee_frames),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_insn_facts),
		cmocka_unit_test(test_error_not_unknown),
		cmocka_unit_test(test_kernel_notes),
		cmocka_unit_test(test_kernel_notes_sweep),
		cmocka_unit_test(test_step_packing),
		cmocka_unit_test(test_step_far_lines),
		cmocka_unit_test(test_src_packing),
		cmocka_unit_test(test_insn_tables_exact),
		cmocka_unit_test(test_cold_part),
		cmocka_unit_test(test_stats_32bit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
