// SPDX-License-Identifier: MIT
/*
 * test_why.c — the instruction semantics (vlog_insn_ops: what an insn reads
 * and writes, from its text) and the provenance walk (src/analysis/why.c)
 * on small logs held in memory.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <glob.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <stdlib.h>

#include "parsers/bpfobj.h"
#include "parsers/kbtf.h"
#include "tests/unit/corpus.h"
#include "parsers/vlog_insn.h"
#include "src/analysis/why.h"
#include "src/load.h"
#include "src/rules/helper_proto.h"
#include "views/canvas.h"
#include "views/ui.h"

#define R(n) (1u << (n))

static void ops(const char *text, uint16_t reads, uint16_t writes, uint8_t flags, int base,
		int off, int size)
{
	struct vlog_insn_ops o;

	vlog_insn_ops(text, (uint32_t)strlen(text), &o);
	if (o.reads != reads || o.writes != writes || o.flags != flags || o.base != base ||
	    (base >= 0 && (o.off != off || o.size != size)))
		fail_msg("%s: reads %#x writes %#x flags %#x base %d off %d size %d", text, o.reads,
			 o.writes, o.flags, o.base, o.off, o.size);
}

static void test_ops(void **state)
{
	(void)state;
	/* ALU and MOV */
	ops("(b7) r1 = 0", 0, R(1), VLOG_OPS_IMM | VLOG_OPS_MOV, -1, 0, 0);
	ops("(bf) r2 = r10", R(10), R(2), VLOG_OPS_MOV, -1, 0, 0);
	ops("(bc) w2 = w3", R(3), R(2), VLOG_OPS_MOV, -1, 0, 0);
	ops("(07) r2 += -4", R(2), R(2), VLOG_OPS_IMM, -1, 0, 0);
	ops("(0f) r0 += r1", R(0) | R(1), R(0), 0, -1, 0, 0);
	ops("(5f) r1 &= r2", R(1) | R(2), R(1), 0, -1, 0, 0);
	ops("(67) r1 <<= 56", R(1), R(1), VLOG_OPS_IMM, -1, 0, 0);
	ops("(c7) r1 s>>= 56", R(1), R(1), VLOG_OPS_IMM, -1, 0, 0);
	ops("(87) r1 = -r1", R(1), R(1), 0, -1, 0, 0);
	ops("(dc) r1 = be16 r1", R(1), R(1), 0, -1, 0, 0);
	ops("(bf) r1 = (s8)r2", R(2), R(1), VLOG_OPS_MOV, -1, 0, 0);
	ops("(18) r1 = 0xffff88815622be00", 0, R(1), VLOG_OPS_LD_IMM64 | VLOG_OPS_IMM, -1, 0, 0);
	ops("(18) r2 = map[id:5][0]+16", 0, R(2), VLOG_OPS_LD_IMM64 | VLOG_OPS_IMM, -1, 0, 0);
	/* loads and stores, r10 or not */
	ops("(61) r1 = *(u32 *)(r1 +0)", R(1), R(1), VLOG_OPS_MEM_LOAD, 1, 0, 4);
	ops("(79) r1 = *(u64 *)(r10 -16)", R(10), R(1), VLOG_OPS_MEM_LOAD, 10, -16, 8);
	ops("(91) r1 = *(s8 *)(r2 +3)", R(2), R(1), VLOG_OPS_MEM_LOAD, 2, 3, 1);
	ops("(63) *(u32 *)(r10 -4) = r1", R(10) | R(1), 0, VLOG_OPS_MEM_STORE, 10, -4, 4);
	ops("(7b) *(u64 *)(r4 +0) = r1", R(4) | R(1), 0, VLOG_OPS_MEM_STORE, 4, 0, 8);
	ops("(62) *(u32 *)(r10 -8) = 0", R(10), 0, VLOG_OPS_MEM_STORE | VLOG_OPS_IMM, 10, -8, 4);
	/* atomics */
	ops("(db) lock *(u64 *)(r1 +0) += r2", R(1) | R(2), 0,
	    VLOG_OPS_ATOMIC | VLOG_OPS_MEM_LOAD | VLOG_OPS_MEM_STORE, 1, 0, 8);
	ops("(db) r2 = atomic64_fetch_add((u64 *)(r10 -8), r2)", R(10) | R(2), R(2),
	    VLOG_OPS_ATOMIC | VLOG_OPS_MEM_LOAD | VLOG_OPS_MEM_STORE, 10, -8, 8);
	ops("(db) r0 = atomic64_cmpxchg((u64 *)(r1 +8), r0, r3)", R(0) | R(1) | R(3), R(0),
	    VLOG_OPS_ATOMIC | VLOG_OPS_MEM_LOAD | VLOG_OPS_MEM_STORE, 1, 8, 8);
	/* jumps, calls, exit, LD_ABS */
	ops("(25) if r1 > 0x40 goto pc+3", R(1), 0, VLOG_OPS_IMM, -1, 0, 0);
	ops("(2d) if r1 > r2 goto pc+3", R(1) | R(2), 0, 0, -1, 0, 0);
	ops("(a6) if w1 < 0x8 goto pc-4", R(1), 0, VLOG_OPS_IMM, -1, 0, 0);
	ops("(05) goto pc+1", 0, 0, 0, -1, 0, 0);
	ops("(85) call bpf_map_lookup_elem#1", 0x3e, 0x3f, VLOG_OPS_SCRATCH, -1, 0, 0);
	ops("(85) call pc+14", 0x3e, 0x3f, VLOG_OPS_SCRATCH, -1, 0, 0);
	ops("(95) exit", R(0), 0, 0, -1, 0, 0);
	ops("(30) r0 = *(u8 *)skb[12]", R(6), 0x3f, VLOG_OPS_SCRATCH | VLOG_OPS_MEM_LOAD, -1, 0, 0);
	/* what it cannot read is unknown, never a guess */
	ops("(61) r1 = something odd", 0, 0, VLOG_OPS_UNKNOWN, -1, 0, 0);
	ops("(b7)", 0, 0, VLOG_OPS_UNKNOWN, -1, 0, 0);
	ops("r1 = 0", 0, 0, VLOG_OPS_UNKNOWN, -1, 0, 0);
}

static void test_helper_proto(void **state)
{
	const struct helper_proto *h;

	(void)state;
	h = helper_proto_lookup("bpf_map_lookup_elem");
	assert_non_null(h);
	assert_int_equal(h->nargs, 2);
	assert_string_equal(h->args[1], "key");
	assert_ptr_equal(helper_proto_lookup("map_lookup_elem"), h);
	assert_null(helper_proto_lookup("bpf_no_such_helper"));
	assert_null(helper_proto_lookup(NULL));
}

/*
 * The decoder against the bytes: every insn of every sample and fixture
 * object, disassembled as the kernel prints it, decodes to the registers
 * and offset its bytes hold.
 */
static void test_ops_vs_objects(void **state)
{
	glob_t g;
	uint32_t checked = 0;

	(void)state;
	assert_int_equal(glob("samples/*.bpf.o", 0, NULL, &g), 0);
	glob("tests/fixtures/why/*.bpf.o", GLOB_APPEND, NULL, &g);
	for (size_t f = 0; f < g.gl_pathc; f++) {
		struct model *m = model_new();
		char err[256], buf[256];
		char *files[] = { g.gl_pathv[f] };

		assert_int_equal(load_files(m, files, 1, NULL, err, sizeof(err)), 0);
		for (uint32_t pi = 0; m->obj && pi < m->obj->nprogs; pi++) {
			const struct bpfobj_prog *op = &m->obj->progs[pi];

			for (uint32_t i = 0; i < op->ninsns; i++) {
				const struct bpf_insn *b = &op->insns[i];
				struct vlog_insn_ops o;

				if (op->info[i].kind == BPFOBJ_INSN_LD64_HI ||
				    bpfobj_disasm(op, i, buf, sizeof(buf)) < 0)
					continue;
				vlog_insn_ops(buf, (uint32_t)strlen(buf), &o);
				if (!vlog_insn_ops_agree(&o, b->code, b->dst_reg, b->src_reg, b->off))
					fail_msg("%s insn %u '%s': dst %d src %d base %d off %d vs "
						 "bytes dst %u src %u off %d", g.gl_pathv[f], i, buf,
						 o.dst, o.src, o.base, o.off, b->dst_reg, b->src_reg,
						 b->off);
				checked++;
			}
		}
		load_free(m);
	}
	globfree(&g);
	assert_true(checked > 500);
}

static void test_loc(void **state)
{
	struct why_loc l;
	char buf[32];

	(void)state;
	assert_int_equal(why_parse_loc("R10", &l), 0);
	assert_int_equal(l.kind, WHY_REG);
	assert_int_equal(l.n, 10);
	assert_int_equal(why_parse_loc("fp-8", &l), 0);
	assert_int_equal(l.kind, WHY_SLOT);
	assert_int_equal(l.n, -8);
	assert_int_equal(why_parse_loc("fp-4", &l), 0); /* byte -4 lives in the slot fp-8 */
	assert_int_equal(l.n, -8);
	assert_int_equal(why_parse_loc("fp-9", &l), 0);
	assert_int_equal(l.n, -16);
	assert_int_equal(why_parse_loc("R11", &l), -EINVAL);
	assert_int_equal(why_parse_loc("fp-0", &l), -EINVAL);
	assert_int_equal(why_parse_loc("fp-513", &l), -EINVAL);
	assert_int_equal(why_parse_loc("x1", &l), -EINVAL);
	assert_int_equal(why_parse_loc("fp-9", &l), 0);
	l.frame = 1;
	assert_string_equal(why_loc_text(&l, 0, buf, sizeof(buf)), "frame1 fp-16");
}

/* a 6.18-style level-2 log: ctx -> spill -> fill (through r3) -> add -> refused */
static const char log_spill[] =
	"0: R1=ctx() R10=fp0\n"
	"0: (61) r2 = *(u32 *)(r1 +0)          ; R2=scalar(smin=0,smax=umax=0xffffffff)\n"
	"1: (7b) *(u64 *)(r10 -16) = r2        ; R2=scalar(smin=0,smax=umax=0xffffffff) R10=fp0 fp-16=scalar(smin=0,smax=umax=0xffffffff)\n"
	"2: (b7) r2 = 0                        ; R2=0\n"
	"3: (bf) r3 = r10                      ; R3=fp0 R10=fp0\n"
	"4: (07) r3 += -16                     ; R3=fp-16\n"
	"5: (79) r4 = *(u64 *)(r3 +0)          ; R3=fp-16 R4=scalar(smin=0,smax=umax=0xffffffff)\n"
	"6: (bf) r5 = r4                       ; R4=scalar(smin=0,smax=umax=0xffffffff) R5=scalar(smin=0,smax=umax=0xffffffff)\n"
	"7: (0f) r5 += r2                      ; R5=scalar(smin=0,smax=umax=0xffffffff)\n"
	"8: (79) r0 = *(u64 *)(r5 +0)\n"
	"R5 invalid mem access 'scalar'\n"
	"processed 9 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 "
	"mark_read 0\n";

static void test_walk(void **state)
{
	struct model *m = model_new();
	const struct program *p;
	struct why_result r;
	struct why_loc l;
	char via[128];
	static const struct {
		uint32_t insn;
		const char *what, *via;
	} want[] = {
		{ 7, "R5", "computed with R2" }, { 6, "R5", "copy of R4" },
		{ 5, "R4", "fill fp-16" },	 { 2, "R2", "origin: constant" },
		{ 1, "fp-16", "spill fp-16" },	 { 0, "R2", "origin: load from memory (ctx)" },
	};

	(void)state;
	assert_non_null(m);
	assert_int_equal(load_log_mem(m, log_spill, sizeof(log_spill) - 1, NULL), 0);
	p = model_prog(m, 0);
	assert_int_equal(why_error_loc(m, p, &l), 0);
	assert_int_equal(l.kind, WHY_REG);
	assert_int_equal(l.n, 5);
	assert_int_equal(why_compute(m, p, p->error_step, l, &r), 0);
	assert_int_equal(r.stop, WHY_STOP_ORIGIN);
	assert_int_equal(r.links.n, sizeof(want) / sizeof(want[0]));
	for (uint32_t i = 0; i < r.links.n; i++) {
		char loc[32];

		assert_int_equal(r.links.v[i].insn, want[i].insn);
		assert_string_equal(why_loc_text(&r.links.v[i].what, 0, loc, sizeof(loc)), want[i].what);
		assert_string_equal(why_via_text(m, p, &r.links.v[i], via, sizeof(via)), want[i].via);
	}
	why_result_release(&r);
	/* a step out of range, a frame the step does not have */
	assert_int_equal(why_compute(m, p, p->steps.n, l, &r), -EINVAL);
	l.frame = 3;
	assert_int_equal(why_compute(m, p, 2, l, &r), -EINVAL);
	/* R10 is its own origin; a register nothing wrote is uninitialized at the entry */
	assert_int_equal(why_parse_loc("R10", &l), 0);
	assert_int_equal(why_compute(m, p, 4, l, &r), 0);
	assert_int_equal(r.links.n, 1);
	assert_int_equal(r.links.v[0].via, WHY_VIA_FP);
	why_result_release(&r);
	assert_int_equal(why_parse_loc("R7", &l), 0);
	assert_int_equal(why_compute(m, p, 4, l, &r), 0);
	assert_int_equal(r.links.n, 1);
	assert_int_equal(r.links.v[0].via, WHY_VIA_UNINIT);
	why_result_release(&r);
	load_free(m);
}

/* the error's operand, by the kernel's wordings */
static void error_loc(const char *err, int kind, int n)
{
	char buf[1024];
	struct model *m = model_new();
	struct why_loc l;
	int len;

	len = snprintf(buf, sizeof(buf),
		       "0: R1=ctx() R10=fp0\n"
		       "0: (b7) r2 = 0                        ; R2=0\n"
		       "1: (85) call bpf_map_lookup_elem#1\n"
		       "%s\n"
		       "processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 "
		       "peak_states 0 mark_read 0\n",
		       err);
	assert_int_equal(load_log_mem(m, buf, (size_t)len, NULL), 0);
	if (kind < 0) {
		assert_int_equal(why_error_loc(m, model_prog(m, 0), &l), -ENOENT);
	} else {
		assert_int_equal(why_error_loc(m, model_prog(m, 0), &l), 0);
		if (l.kind != kind || l.n != n)
			fail_msg("%s: kind %d n %d", err, l.kind, l.n);
	}
	load_free(m);
}

static void test_error_loc(void **state)
{
	(void)state;
	error_loc("R1 type=ctx expected=fp, pkt, pkt_meta, map_key, map_value", WHY_REG, 1);
	error_loc("invalid indirect read from stack R4 off -16+0 size 8", WHY_REG, 4);
	error_loc("Possibly NULL pointer passed to helper arg2", WHY_REG, 2);
	error_loc("arg#0 pointer type STRUCT task_struct must point to scalar", WHY_REG, 1);
	error_loc("invalid read from stack off -12+0 size 4", WHY_SLOT, -16);
	error_loc("helper call might sleep in a non-sleepable prog", -1, 0);
	error_loc("RCU read lock region", -1, 0); /* "RCU" is not R<n> */
}

/* an access refused without a register named: the address register of the refused load */
static void test_error_loc_access(void **state)
{
	static const char log[] =
		"0: R1=ctx() R10=fp0\n"
		"0: (bf) r3 = r1                       ; R1=ctx() R3=ctx()\n"
		"1: (79) r0 = *(u64 *)(r3 +4096)\n"
		"invalid bpf_context access off=4096 size=8\n"
		"processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 "
		"peak_states 0 mark_read 0\n";
	struct model *m = model_new();
	struct why_result r;
	struct why_loc l;

	(void)state;
	assert_int_equal(load_log_mem(m, log, sizeof(log) - 1, NULL), 0);
	assert_int_equal(why_error_loc(m, model_prog(m, 0), &l), 0);
	assert_int_equal(l.kind, WHY_REG);
	assert_int_equal(l.n, 3);
	assert_int_equal(why_compute(m, model_prog(m, 0), model_prog(m, 0)->error_step, l, &r), 0);
	assert_int_equal(r.links.n, 2); /* r3 = r1, R1 is ctx at the entry */
	assert_int_equal(r.links.v[1].via, WHY_VIA_ENTRY_CTX);
	why_result_release(&r);
	load_free(m);
}

/* the rows of a drawn screen that hold s, counted */
static int screen_count(struct ui *ui, const char *s)
{
	struct canvas *c = canvas_new(40, 132);
	char *d, *q;
	int n = 0;

	ui_draw(ui, c);
	d = canvas_dump(c);
	for (q = d; (q = strstr(q, s)); q += strlen(s))
		n++;
	free(d);
	canvas_free(c);
	return n;
}

/* the TUI: y marks the chain, < and > walk it, Y selects, a state row click selects */
/* a call's arguments: a kfunc's names from the object's BTF, a helper's from the table */
static void test_call_args(void **state)
{
	static char *files[] = { (char *)"samples/wq_from_tc_ok.bpf.o",
				 (char *)"samples/wq_from_tc_ok.log2" };
	char names[HELPER_MAX_ARGS][32], buf[512], e[256];
	struct model *m = model_new();
	const struct program *p;
	const char *callee;
	uint32_t i, k, nk = 0;

	(void)state;
	assert_int_equal(load_files(m, files, 2, NULL, e, sizeof(e)), 0);
	p = model_prog(m, 0);
	for (i = 0; i < p->ninsns; i++) {
		const struct insn_fact *f = program_insn(p, i);

		if (!f || f->kind != INSN_CALL_KFUNC ||
		    strcmp(strtab_get(&m->str, f->name), "bpf_wq_init"))
			continue;
		/*
		 * extern int bpf_wq_init(struct bpf_wq *wq, void *p__map, unsigned int flags):
		 * clang keeps the types of an extern's parameters, not their names
		 */
		assert_int_equal(why_call_args(m, p, i, names, &callee), 3);
		assert_string_equal(callee, "bpf_wq_init");
		assert_string_equal(names[0], "struct bpf_wq *");
		assert_string_equal(names[1], "void *");
		assert_string_equal(names[2], "unsigned int");
		for (k = 0; k < p->steps.n && step_insn(p, k) != i; k++)
			;
		assert_true(k < p->steps.n);
		assert_non_null(why_call_text(m, p, k, buf, sizeof(buf)));
		assert_non_null(strstr(buf, "bpf_wq_init(struct bpf_wq *: R1="));
		assert_non_null(strstr(buf, ", void *: R2=map_ptr("));
		nk++;
	}
	assert_int_equal(nk, 1);
	load_free(m);
	/* without the object a kfunc's names are unknown */
	m = model_new();
	assert_int_equal(load_files(m, files + 1, 1, NULL, e, sizeof(e)), 0);
	p = model_prog(m, 0);
	for (i = 0; i < p->ninsns; i++) {
		const struct insn_fact *f = program_insn(p, i);

		if (f && f->kind == INSN_CALL_KFUNC)
			assert_int_equal(why_call_args(m, p, i, names, &callee), -1);
	}
	load_free(m);
}

/* a kfunc's parameter names from this machine's kernel BTF, only when the log's id names it */
static void test_kernel_btf(void **state)
{
	const char *path = getenv("VERISTEP_VMLINUX");
	struct btf *b = btf__parse(path && *path ? path : "/sys/kernel/btf/vmlinux", NULL);
	char buf[256];
	int id;

	(void)state;
	if (libbpf_get_error(b))
		SKIP_BECAUSE("no kernel BTF on this machine (/sys/kernel/btf/vmlinux)");
	id = btf__find_by_name_kind(b, "bpf_wq_init", BTF_KIND_FUNC);
	btf__free(b);
	if (id <= 0)
		SKIP_BECAUSE("this kernel has no bpf_wq_init kfunc");
	/* int bpf_wq_init(struct bpf_wq *wq, void *p__map, unsigned int flags) */
	assert_string_equal(kbtf_kfunc_params("bpf_wq_init", id, buf, sizeof(buf)),
			    "wq,p__map,flags");
	/* a log of another build numbers it otherwise: its names are not taken */
	assert_null(kbtf_kfunc_params("bpf_wq_init", id + 1, buf, sizeof(buf)));
	assert_null(kbtf_kfunc_params("bpf_wq_start", id, buf, sizeof(buf)));
	assert_null(kbtf_kfunc_params("bpf_wq_init", id, buf, 8)); /* too long for buf */
}

static void test_tui(void **state)
{
	static char *files[] = { (char *)"tests/fixtures/why/why_mask_rej.log2" };
	struct model *m = model_new();
	struct ui *ui;
	uint32_t err;
	char e[256];

	(void)state;
	assert_int_equal(load_files(m, files, 1, NULL, e, sizeof(e)), 0);
	ui = ui_new(m, NULL);
	assert_non_null(ui);
	err = ui->x.step;
	assert_int_equal(err, model_prog(m, 0)->error_step);
	assert_int_equal(screen_count(ui, "◆"), 0);
	ui_action(ui, ACT_WHY);
	assert_non_null(ui->why);
	assert_int_equal(ui->why->links.n, 7);
	assert_non_null(strstr(ui->msg, "R0: 7 links"));
	/* the seven links sit on seven insns of the code pane, all on screen here */
	ui_action(ui, ACT_CANCEL); /* the message names the mark too */
	assert_int_equal(screen_count(ui, "◆"), 7);
	/* < walks back: the add, ..., the lookup; > comes forward to the error again */
	ui_action(ui, ACT_WHY_OLDER);
	assert_int_equal(ui->x.step, ui->why->links.v[0].step);
	assert_non_null(strstr(ui->msg, "computed with R1"));
	for (int i = 0; i < 6; i++)
		ui_action(ui, ACT_WHY_OLDER);
	assert_int_equal(step_insn(model_prog(m, 0), ui->x.step), 7); /* the lookup */
	ui_action(ui, ACT_WHY_OLDER);
	assert_non_null(strstr(ui->msg, "oldest"));
	for (int i = 0; i < 7; i++)
		ui_action(ui, ACT_WHY_NEWER);
	assert_int_equal(ui->x.step, err);
	/* y again at the same step clears */
	ui_action(ui, ACT_WHY);
	assert_null(ui->why);
	assert_int_equal(screen_count(ui, "◆"), 0);
	/* Y selects the registers the frame holds: R0, R1, R2, R3, R6, R10, fp-8 */
	ui_action(ui, ACT_WHY_SELECT);
	assert_int_equal(ui->why_sel, 0);
	ui_action(ui, ACT_WHY_SELECT);
	assert_int_equal(ui->why_sel, 1);
	ui_action(ui, ACT_WHY_SELECT);
	ui_action(ui, ACT_WHY_SELECT);
	ui_action(ui, ACT_WHY_SELECT);
	assert_int_equal(ui->why_sel, 6);
	ui_action(ui, ACT_WHY);
	assert_non_null(ui->why);
	assert_int_equal(ui->why->what.n, 6);
	assert_int_equal(ui->why->links.n, 2); /* r6 = r1, and R1 is ctx at the entry */
	assert_int_equal(ui->why->links.v[0].via, WHY_VIA_COPY);
	assert_int_equal(ui->why->links.v[1].via, WHY_VIA_ENTRY_CTX);
	ui_action(ui, ACT_WHY_OLDER);
	assert_int_equal(step_insn(model_prog(m, 0), ui->x.step), 0);
	/* a click on the state pane's R1 row (step 1: R1 and R10 only) selects R1 */
	{
		struct view *v = &ui->panes[PANE_STATE];
		int row = -1;

		screen_count(ui, "R1");
		for (int k = 0; k < VIEW_MAX_ROWS; k++)
			if (v->row_item[k] == 1)
				row = k;
		assert_true(row >= 0);
		v->ops->click(v, ui, row, 1);
		assert_int_equal(ui->why_sel, 1);
	}
	ui_free(ui);
	load_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ops),
		cmocka_unit_test(test_helper_proto),
		cmocka_unit_test(test_ops_vs_objects),
		cmocka_unit_test(test_loc),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_error_loc),
		cmocka_unit_test(test_error_loc_access),
		cmocka_unit_test(test_call_args),
		cmocka_unit_test(test_kernel_btf),
		cmocka_unit_test(test_tui),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
