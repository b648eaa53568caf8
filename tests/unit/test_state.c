// SPDX-License-Identifier: MIT
/*
 * test_state.c — the register/stack grammar of each kernel era, and state
 * reconstruction checked against the kernel itself over the whole corpus:
 * every full state the log prints must equal the state rebuilt from the
 * previous full state plus the deltas printed since.
 */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "corpus.h"
#include "src/analysis/state.h"
#include "src/load.h"
#include "tests/unit/loop_log.h"

static bool span_eq(const char *buf, struct span s, const char *lit)
{
	return s.len == strlen(lit) && !memcmp(buf + s.off, lit, s.len);
}

static void parse_value(const char *text, struct regval *v)
{
	state_parse_value(text, 0, (uint32_t)strlen(text), v);
}

static void test_value_6_18(void **unused)
{
	const char *t;
	struct regval v;

	(void)unused;
	t = "scalar(id=1,smin=umin=6,umax=0x7fffffffffffffff,var_off=(0x0; 0x7fffffffffffffff))";
	parse_value(t, &v);
	assert_int_equal(v.kind, REG_SCALAR);
	assert_true(v.has & HAS_ID);
	assert_int_equal(v.id, 1);
	assert_int_equal(v.smin, 6);
	assert_int_equal(v.umin, 6);
	assert_int_equal(v.umax, 0x7fffffffffffffffull);
	assert_true(v.has & HAS_VAR_OFF);
	assert_int_equal(v.var_off_mask, 0x7fffffffffffffffull);

	t = "map_value(map=arr,ks=4,vs=8,off=16)";
	parse_value(t, &v);
	assert_int_equal(v.kind, REG_PTR);
	assert_true(span_eq(t, v.type, "map_value"));
	assert_true(span_eq(t, v.map, "arr"));
	assert_int_equal(v.ks, 4);
	assert_int_equal(v.vs, 8);
	assert_int_equal(v.off, 16);

	t = "P0";
	parse_value(t, &v);
	assert_int_equal(v.kind, REG_SCALAR);
	assert_true(v.marks & MARK_PRECISE);
	assert_true(v.has & HAS_CONST);
	assert_int_equal(v.smin, 0);

	t = "0xf4240";
	parse_value(t, &v);
	assert_true(v.has & HAS_CONST);
	assert_int_equal(v.umax, 1000000);

	t = "-128";
	parse_value(t, &v);
	assert_int_equal(v.smin, -128);

	t = "fp[0]-8";
	parse_value(t, &v);
	assert_int_equal(v.kind, REG_PTR);
	assert_int_equal(v.fp_frame, 0);
	assert_int_equal(v.off, -8);

	t = "scalar(id=8+2,smin=0x8000000000000002,smax=7)";
	parse_value(t, &v);
	assert_int_equal(v.id, 8);
	assert_int_equal(v.id_delta, 2);
	assert_int_equal(v.smax, 7);
	assert_int_equal((uint64_t)v.smin, 0x8000000000000002ull);

	t = "trusted_ptr_task_struct()";
	parse_value(t, &v);
	assert_int_equal(v.kind, REG_PTR);
	assert_true(span_eq(t, v.type, "trusted_ptr_task_struct"));

	t = "scalar(smin=smin32=-128,smax=smax32=127)";
	parse_value(t, &v);
	assert_int_equal(v.smin32, -128);
	assert_int_equal(v.smax32, 127);
	assert_int_equal(v.smin, -128);
}

static void test_value_5_x(void **unused)
{
	const char *t;
	struct regval v;

	(void)unused;
	t = "inv(id=0,umax_value=4294967295,var_off=(0x0; 0xffffffff))";
	parse_value(t, &v);
	assert_int_equal(v.kind, REG_SCALAR);
	assert_int_equal(v.umax, 4294967295ull);
	assert_int_equal(v.var_off_mask, 0xffffffffull);
	t = "invP0";
	parse_value(t, &v);
	assert_int_equal(v.kind, REG_SCALAR);
	assert_true(v.marks & MARK_PRECISE);
	assert_true(v.has & HAS_CONST);
	t = "inv2";
	parse_value(t, &v);
	assert_int_equal(v.smax, 2);
	t = "map_value_or_null(id=1,off=0,ks=4,vs=8,imm=0)";
	parse_value(t, &v);
	assert_int_equal(v.kind, REG_PTR);
	assert_int_equal(v.id, 1);
	assert_int_equal(v.vs, 8);
	t = "ctx(id=0,off=0,imm=0)";
	parse_value(t, &v);
	assert_true(span_eq(t, v.type, "ctx"));
	t = "inv(id=0,smin_value=-2147483648,s32_max_value=10)";
	parse_value(t, &v);
	assert_int_equal(v.smin, -2147483648ll);
	assert_int_equal(v.smax32, 10);
}

static void test_value_6_1(void **unused)
{
	const char *t = "scalar(umax=255,var_off=(0x0; 0xff))";
	struct regval v;

	(void)unused;
	parse_value(t, &v);
	assert_int_equal(v.umax, 255);
	t = "pkt(off=0,r=14,imm=0)";
	parse_value(t, &v);
	assert_int_equal(v.r, 14);
	assert_true(span_eq(t, v.type, "pkt"));
}

static void test_line(void **unused)
{
	const char *t = " frame1: R1_w=scalar() R2=fp[0]-8 R10=fp0 fp-8_w=mmmm???? fp-16=????scalar(id=3) refs=2,4 cb";
	struct state_line sl;

	(void)unused;
	state_parse_line(t, 0, (uint32_t)strlen(t), &sl);
	assert_int_equal(sl.frame, 1);
	assert_true(sl.cb);
	assert_false(sl.async_cb);
	assert_int_equal(sl.regs_set, (1u << 1) | (1u << 2) | (1u << 10));
	assert_true(sl.regs[1].marks & MARK_WRITTEN);
	assert_int_equal(sl.slots_set, 3);
	assert_true(span_eq(t, sl.slots[0].text, "mmmm????"));
	assert_int_equal(sl.slots[0].spill.kind, REG_NOT_INIT);
	assert_int_equal(sl.slots[1].spill.kind, REG_SCALAR);
	assert_int_equal(sl.slots[1].spill.id, 3);
	assert_int_equal(sl.nrefs, 2);
	assert_int_equal(sl.unparsed, 0);

	t = "R1=map_ptr(map=tmap,ks=4,vs=16) R10=fp0 async_cb";
	state_parse_line(t, 0, (uint32_t)strlen(t), &sl);
	assert_true(sl.async_cb);
	assert_int_equal(sl.frame, 0);
}

/* a tiny 6.18-style log: deltas, a call clobbering R1-R5, a full state after it */
static void test_rebuild_small(void **unused)
{
	static const char log[] = "func#0 @0\n"
				  "0: R1=ctx() R10=fp0\n"
				  "0: (b7) r2 = 5                        ; R2=5\n"
				  "1: (bf) r3 = r2                       ; R2=5 R3=5\n"
				  "2: (85) call bpf_ktime_get_ns#5       ; R0=scalar()\n"
				  "3: (95) exit\n"
				  "processed 4 insns (limit 1000000) max_states_per_insn 0 total_states 0 "
				  "peak_states 0 mark_read 0\n";
	struct model *m = model_new();
	struct vstate *st = malloc(sizeof(*st));
	const struct program *p;
	uint16_t changed;

	(void)unused;
	assert_int_equal(load_log_mem(m, log, sizeof(log) - 1, NULL), 0);
	assert_int_equal(m->progs.n, 1);
	p = model_prog(m, 0);
	assert_int_equal(p->steps.n, 4);
	assert_int_equal(state_after(m, p, 1, st, &changed), 0);
	assert_int_equal(st->frames[0].regs[3].kind, REG_SCALAR);
	assert_int_equal(st->frames[0].regs[3].smax, 5);
	assert_int_equal(st->frames[0].regs[1].kind, REG_PTR);
	assert_int_equal(changed, (1u << 2) | (1u << 3));
	assert_int_equal(state_after(m, p, 2, st, &changed), 0);
	assert_int_equal(st->frames[0].regs[1].kind, REG_NOT_INIT);
	assert_int_equal(st->frames[0].regs[3].kind, REG_NOT_INIT);
	assert_int_equal(st->frames[0].regs[0].kind, REG_SCALAR);
	assert_int_equal(st->frames[0].regs[10].kind, REG_PTR);
	assert_int_equal(state_before(m, p, 0, st), 0);
	assert_int_equal(st->frames[0].regs[2].kind, REG_NOT_INIT);
	assert_int_equal(state_after(m, p, 9, st, NULL), -EINVAL);
	free(st);
	load_free(m);
}

static int want_log(const char *name)
{
	size_t n = strlen(name);

	return !strncmp(name, "log", 3) && ((n > 4 && !strcmp(name + n - 4, ".txt")) ||
					     (n > 7 && !strcmp(name + n - 7, ".txt.xz")));
}

static int want_log_public(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && !strcmp(name + n - 4, ".txt");
}

static bool value_text_eq(const struct model *m, const struct regval *a, const struct regval *b,
			  bool ignore_precise)
{
	const char *x = m->log.buf + a->text.off, *y = m->log.buf + b->text.off;
	uint32_t xl = a->text.len, yl = b->text.len;

	if (ignore_precise) {
		if ((a->marks & MARK_PRECISE) && xl && *x == 'P') {
			x++;
			xl--;
		}
		if ((b->marks & MARK_PRECISE) && yl && *y == 'P') {
			y++;
			yl--;
		}
		/* 5.x: invP0 */
		if (xl > 4 && !memcmp(x, "invP", 4) && yl > 3 && !memcmp(y, "inv", 3) && y[3] != 'P') {
			x += 4;
			xl -= 4;
			y += 3;
			yl -= 3;
		} else if (yl > 4 && !memcmp(y, "invP", 4) && xl > 3 && !memcmp(x, "inv", 3)) {
			y += 4;
			yl -= 4;
			x += 3;
			xl -= 3;
		}
	}
	/* compare with runs of blanks folded (pasted logs are sometimes re-spaced) */
	while (xl && yl) {
		if (*x == ' ' && *y == ' ') {
			while (xl && *x == ' ')
				x++, xl--;
			while (yl && *y == ' ')
				y++, yl--;
			continue;
		}
		if (*x != *y)
			return false;
		x++, xl--;
		y++, yl--;
	}
	return !xl && !yl;
}

/*
 * What a silent instruction may have written: its destination register,
 * the stack slot it stores to, R0-R5 for a call; a conditional jump
 * refines the registers it compares and every scalar linked to them by id.
 */
static bool insn_may_write(const struct model *m, const struct step *st, uint32_t item,
			   const struct frame_state *fr)
{
	const char *t = m->log.buf + st->off;
	uint32_t slen = step_text(m, st).len;
	const char *txt = memchr(t, ')', slen);
	uint32_t n;

	if (!txt)
		return false;
	txt += 2;
	n = (uint32_t)(t + slen - txt);
	/* a call clobbers R0-R5, and a helper writes the memory its arguments point to */
	if (st->flags & STEP_CALL)
		return item <= 5 || item >= STATE_NREGS || memmem(txt, n, "call pc", 7);
	if (item < STATE_NREGS) {
		char reg[8];
		int rl = snprintf(reg, sizeof(reg), "r%u", item);

		if (st->flags & STEP_BRANCH) {
			const char *g = memmem(txt, n, " goto", 5);
			uint32_t cn = g ? (uint32_t)(g - txt) : n;
			uint32_t id = fr->regs[item].id;

			for (const char *q = txt; (q = memmem(q, cn - (uint32_t)(q - txt), reg, rl));
			     q++)
				if (!(q[rl] >= '0' && q[rl] <= '9'))
					return true;
			/* linked scalars: same id as a compared register */
			if (id) {
				for (uint32_t r = 0; r < STATE_NREGS; r++) {
					char rr[8];
					int l2 = snprintf(rr, sizeof(rr), "r%u", r);
					const char *q = memmem(txt, cn, rr, l2);

					if (q && !(q[l2] >= '0' && q[l2] <= '9') &&
					    fr->regs[r].id == id)
						return true;
				}
			}
			return false;
		}
		/* "rA = rN": a register move links the source too (it gets an id) */
		{
			const char *eq = memmem(txt, n, " = ", 3);

			if (eq && (uint32_t)(t + slen - (eq + 3)) >= (uint32_t)rl &&
			    !memcmp(eq + 3, reg, rl) && (eq + 3 + rl == t + slen ||
							  eq[3 + rl] == ' '))
				return true;
		}
		/* "rN = ...", "rN += ...", "wN = ...", "rN = *(u32 *)(...)" */
		return n > (uint32_t)rl && (txt[0] == 'r' || txt[0] == 'w') &&
		       !memcmp(txt + 1, reg + 1, rl - 1) && txt[rl] == ' ';
	}
	/* a store through r10: *(u32 *)(r10 -4) = ... */
	{
		const char *q = memmem(txt, n, "(r10 -", 6);
		long off;

		if (!q || txt[0] != '*')
			return false;
		off = strtol(q + 6, NULL, 10);
		return (uint32_t)((off - 1) / 8) + STATE_NREGS == item ||
		       (uint32_t)((off + 7) / 8 - 1) + STATE_NREGS == item;
	}
}

struct recon_totals {
	uint64_t files, compared, regs_equal, explained, precision_only, unexplained;
};

/*
 * Compare frame f of the rebuilt state with the kernel's full state. A
 * difference is "explained" when the instruction just before printed no
 * delta (the kernel printed this full state instead) and it could have
 * written that register or slot; differences in the precise mark alone
 * come from backtracking, not from an instruction.
 */
static void compare_fstate(const struct model *m, const struct program *p, uint32_t fsi,
			   struct recon_totals *t, const char *file)
{
	const struct fstate *fs = &p->fstates.v[fsi];
	struct vstate *st = malloc(sizeof(*st));
	struct state_line *sl = malloc(sizeof(*sl));
	struct step prev_step;
	const struct step *prev;
	const struct frame_state *fr;
	bool prev_silent, partial;
	uint32_t r;

	/* a path's first state has nothing printed before it in that path */
	if (p->paths.v[fs->path].fstate == fsi)
		goto out;
	if (state_rebuild_excluding(m, p, fs->step, fsi, st))
		goto out;
	state_parse_line(m->log.buf, fs->off, fs->len, sl);
	fr = &st->frames[fs->frame];
	if (!fr->known)
		goto out; /* nothing printed before it for this frame: nothing to compare */
	partial = fstate_is_partial(p, fs);
	prev = fs->step ? (prev_step = step_at(p, fs->step - 1), &prev_step) : NULL;
	prev_silent = prev && step_path(p, fs->step - 1) == fs->path && !(prev->flags & STEP_HAS_DELTA);
	t->compared++;
	for (r = 0; r < STATE_NREGS + STATE_MAX_SLOTS; r++) {
		bool in_k, in_r, eq;
		const struct regval *kv, *rv;

		if (r < STATE_NREGS) {
			in_k = sl->regs_set & (1u << r);
			if (partial && !in_k)
				continue; /* a 6.x state line lists only what changed */
			in_r = fr->regs[r].kind != REG_NOT_INIT;
			kv = &sl->regs[r];
			rv = &fr->regs[r];
			eq = in_k == in_r && (!in_k || value_text_eq(m, kv, rv, false));
			if (!eq && in_k && in_r && value_text_eq(m, kv, rv, true)) {
				t->precision_only++;
				continue;
			}
		} else {
			uint32_t s = r - STATE_NREGS;
			const struct slotval *ks = &sl->slots[s], *rs = &fr->slots[s];

			in_k = (sl->slots_set >> s) & 1; /* entries without their bit are not written */
			if (partial && !in_k)
				continue;
			in_r = rs->used;
			eq = in_k == in_r &&
			     (!in_k || (ks->text.len == rs->text.len &&
					!memcmp(m->log.buf + ks->text.off, m->log.buf + rs->text.off,
						ks->text.len)));
			if (!eq && in_k && in_r && ks->spill.kind && rs->spill.kind &&
			    value_text_eq(m, &ks->spill, &rs->spill, true)) {
				t->precision_only++;
				continue;
			}
		}
		if (eq) {
			t->regs_equal++;
			continue;
		}
		if (prev_silent && insn_may_write(m, prev, r, fr)) {
			t->explained++;
			if (getenv("VERISTEP_TEST_VERBOSE"))
				fprintf(stderr, "# %s: insn %u printed no delta; %s%d differs at the full state of insn %u\n",
					file, prev->insn, r < STATE_NREGS ? "R" : "fp-",
					r < STATE_NREGS ? (int)r : (int)(8 * (r - STATE_NREGS + 1)),
					fs->insn);
			continue;
		}
		t->unexplained++;
		if (getenv("VERISTEP_TEST_VERBOSE") || t->unexplained <= 20) {
			char a[160], b[160];

			fprintf(stderr, "# MISMATCH %s: full state of insn %u (line offset %llu) %s%d: kernel '%s' rebuilt '%s'\n",
				file, fs->insn, (unsigned long long)fs->off,
				r < STATE_NREGS ? "R" : "fp-",
				r < STATE_NREGS ? (int)r : (int)(8 * (r - STATE_NREGS + 1)),
				r < STATE_NREGS ? state_format_value(m, &sl->regs[r], a, sizeof(a))
						: "(slot)",
				r < STATE_NREGS ? state_format_value(m, &fr->regs[r], b, sizeof(b))
						: "(slot)");
		}
	}
out:
	free(st);
	free(sl);
}

/* every log of the shared corpus (corpus, corpus-kernels, corpus-public), sorted */
static void corpus_log_list(const char *root, struct file_list *l)
{
	const char *dirs[] = { "corpus", "corpus-kernels", "corpus-public" };
	char path[4096];

	for (size_t d = 0; d < 3; d++) {
		if (snprintf(path, sizeof(path), "%s/%s", root, dirs[d]) >= (int)sizeof(path))
			continue;
		file_list_walk(l, path, d == 2 ? want_log_public : want_log);
	}
	file_list_sort(l);
}

/*
 * the model of log i of the list, NULL to skip it: the 760 MB log is the
 * benchmark's (its 16 MB heads and tails are here); an empty log (5.x, a
 * load that passed at level 1) is refused by load_files
 */
static struct model *corpus_log_load(const struct file_list *l, size_t i)
{
	char plain[4096];
	const char *f = corpus_plain(l->v[i], plain, sizeof(plain));
	struct model *m;
	struct stat stt;

	if (!f || stat(f, &stt) || !stt.st_size || stt.st_size > (64 << 20))
		return NULL;
	m = corpus_load(f);
	assert_non_null(m);
	return m;
}

static void test_rebuild_corpus(void **unused)
{
	const char *root = corpus_root();
	struct file_list l = { 0 };
	struct recon_totals t = { 0 };

	(void)unused;
	if (!root) {
		SKIP_NO_SHARED();
		return;
	}
	corpus_log_list(root, &l);
	for (size_t i = 0; i < l.n; i++) {
		struct model *m = corpus_log_load(&l, i);

		if (!m)
			continue;
		t.files++;
		for (uint32_t pi = 0; pi < m->progs.n; pi++) {
			const struct program *p = model_prog(m, pi);

			for (uint32_t k = 0; k < p->fstates.n; k++) {
				const struct fstate *fs = &p->fstates.v[k];

				if (fs->kind != FS_INSN || fs->step >= p->steps.n)
					continue;
				compare_fstate(m, p, k, &t, l.v[i]);
			}
		}
		load_free(m);
	}
	fprintf(stderr,
		"# state reconstruction: %llu files, %llu full states compared, %llu regs/slots equal, "
		"%llu differ only in the precise mark (set by backtracking), %llu differ after an "
		"instruction that printed no delta, %llu unexplained\n",
		(unsigned long long)t.files, (unsigned long long)t.compared,
		(unsigned long long)t.regs_equal, (unsigned long long)t.precision_only,
		(unsigned long long)t.explained, (unsigned long long)t.unexplained);
	assert_true(t.files > 100);
	assert_true(t.compared > 1000);
	assert_int_equal(t.unexplained, 0);
	file_list_free(&l);
}

static bool frames_equal(const struct model *m, const struct vstate *a, const struct vstate *b)
{
	for (int f = 0; f <= a->curframe; f++) {
		for (int r = 0; r < STATE_NREGS; r++) {
			const struct regval *x = &a->frames[f].regs[r], *y = &b->frames[f].regs[r];

			if ((x->kind == REG_NOT_INIT) != (y->kind == REG_NOT_INIT))
				return false;
			if (x->kind != REG_NOT_INIT &&
			    (x->text.len != y->text.len ||
			     memcmp(m->log.buf + x->text.off, m->log.buf + y->text.off, x->text.len)))
				return false;
		}
		for (int i = 0; i < STATE_MAX_SLOTS; i++) {
			const struct slotval *x = &a->frames[f].slots[i], *y = &b->frames[f].slots[i];

			if (x->used != y->used)
				return false;
			if (x->used && (x->text.len != y->text.len ||
					memcmp(m->log.buf + x->text.off, m->log.buf + y->text.off,
					       x->text.len)))
				return false;
		}
	}
	return a->curframe == b->curframe;
}

/* checkpointed rebuilds give the same state as a walk from the last full state */
static void test_checkpoints(void **unused)
{
	const char *root = corpus_root();
	const char *logs[] = {
		"corpus-kernels/7.3.4+deb13-amd64/big_complexity_limit_rej/log2.capped.txt.xz",
		"corpus/big_many_states_pruning_ok/log2.txt",
	};
	char path[4096], plain[4096];
	unsigned checked = 0;

	(void)unused;
	if (!root) {
		SKIP_NO_SHARED();
		return;
	}
	for (size_t i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		struct vstate *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
		const struct program *p;
		struct model *m;
		const char *f;
		uint32_t seed = 12345;

		snprintf(path, sizeof(path), "%s/%s", root, logs[i]);
		f = corpus_plain(path, plain, sizeof(plain));
		assert_non_null(f);
		m = corpus_load(f);
		assert_non_null(m);
		p = model_prog(m, 0);
		assert_true(p->steps.n > 5000);
		/* backwards first (each rebuild leaves checkpoints), then at random */
		for (int n = 0; n < 140; n++) {
			uint32_t k;

			seed = seed * 1103515245u + 12345u;
			k = n < 40 ? p->steps.n - 1 - (uint32_t)n * (p->steps.n / 41)
				    : (seed >> 8) % p->steps.n;
			assert_int_equal(state_after(m, p, k, a, NULL), 0);
			assert_int_equal(state_rebuild_nocache(m, p, k + 1 < p->steps.n ? k + 1 : k, b),
					 0);
			if (k + 1 < p->steps.n && step_path(p, k + 1) == step_path(p, k) &&
			    step_frame(p, k + 1) == step_frame(p, k)) {
				/* state after k == state before k+1 when no full state sits between */
				if (state_fstates_upto(p, k + 1) == state_fstates_upto(p, k)) {
					if (!frames_equal(m, a, b))
						fprintf(stderr, "# %s: step %u differs\n", logs[i], k);
					assert_true(frames_equal(m, a, b));
					checked++;
				}
			}
		}
		assert_true(state_cache_bytes(p) > 0);
		assert_true(state_cache_bytes(p) < m->log.len / 20);
		load_free(m);
		free(a);
		free(b);
	}
	fprintf(stderr, "# checkpoints: %u states compared\n", checked);
	assert_true(checked > 100);
}

/* the same state to the last mark: texts, marks, dead slots, references */
static bool states_identical(const struct model *m, const struct vstate *a, const struct vstate *b)
{
	if (!frames_equal(m, a, b))
		return false;
	for (int f = 0; f <= a->curframe; f++) {
		const struct frame_state *x = &a->frames[f], *y = &b->frames[f];

		if (x->refs != y->refs || x->known != y->known)
			return false;
		for (int r = 0; r < STATE_NREGS; r++)
			if (x->regs[r].kind != REG_NOT_INIT && x->regs[r].marks != y->regs[r].marks)
				return false;
		for (int i = 0; i < STATE_MAX_SLOTS; i++)
			if (x->slots[i].used && (x->slots[i].dead != y->slots[i].dead ||
						 x->slots[i].ref_id != y->slots[i].ref_id))
				return false;
	}
	return true;
}

/*
 * a loop the verifier walks 1,500 times on one path (a delta log, as the
 * complexity-limit one): state_warm() leaves every checkpoint a later
 * query needs, in budgeted calls, each small, and the states are those of
 * a walk from the path's start
 */
static void test_warm(void **unused)
{
	size_t len = 0;
	char *log = loop_log(1500, &len);
	struct vstate *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	struct state_warm w = { 0 };
	struct model *m = model_new();
	const struct program *p;
	uint32_t calls = 0, seed = 7, nck;
	uint64_t bytes;
	int rc;

	(void)unused;
	assert_non_null(log);
	assert_int_equal(load_log_mem(m, log, len, NULL), 0);
	p = model_prog(m, 0);
	assert_int_equal(p->steps.n, 4501);
	assert_int_equal(p->paths.n, 1);
	assert_true(p->insn_states_partial);
	while ((rc = state_warm(m, p, &w, 1024)) == 1)
		calls++;
	assert_int_equal(rc, 0);
	/* 4,500 steps at 1,024 a call */
	assert_in_range(calls, 4, 6);
	bytes = state_cache_bytes(p);
	nck = p->steps.n / 512;
	/* a checkpoint holds what is set (R1, R2, R10 and up to 4 slots), not every slot */
	assert_true(bytes > 0);
	assert_true(bytes < (uint64_t)nck * 400 + 64 * sizeof(void *) + 64);
	for (int n = 0; n < 200; n++) {
		uint32_t k;

		seed = seed * 1103515245u + 12345u;
		k = (seed >> 8) % p->steps.n;
		assert_int_equal(state_before(m, p, k, a), 0);
		assert_int_equal(state_rebuild_nocache(m, p, k, b), 0);
		assert_true(states_identical(m, a, b));
	}
	/* the iterator and its reference, through every checkpoint */
	assert_int_equal(state_before(m, p, p->steps.n - 1, a), 0);
	assert_int_equal(a->frames[0].slots[4].kind, SLOT_ITER);
	assert_int_equal(a->frames[0].slots[4].ref_id, 2);
	assert_int_equal(a->frames[0].refs, 1);
	/* the warm left nothing for the queries to add */
	assert_true(state_cache_bytes(p) == bytes);
	/* and a warm program is left alone */
	assert_int_equal(state_warm(m, p, &w, 1024), 0);
	/* after a slice, a budget past the end is one slice to the end of the path */
	state_cache_free((struct program *)p);
	w = (struct state_warm){ 0 };
	assert_int_equal(state_warm(m, p, &w, 1024), 1);
	assert_int_equal(state_warm(m, p, &w, UINT32_MAX), 1);
	assert_int_equal(state_warm(m, p, &w, UINT32_MAX), 0);
	assert_true(state_cache_bytes(p) == bytes);
	load_free(m);
	free(log);
	free(a);
	free(b);
}

/*
 * every corpus log: after the idle checkpoints of every program, the
 * state at steps spread over it is the one a walk without checkpoints
 * gives, to the last mark
 */
static void test_warm_corpus(void **unused)
{
	const char *root = corpus_root();
	struct file_list l = { 0 };
	struct vstate *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	unsigned long compared = 0, differ = 0, warmed = 0;

	(void)unused;
	if (!root) {
		SKIP_NO_SHARED();
		free(a);
		free(b);
		return;
	}
	corpus_log_list(root, &l);
	for (size_t i = 0; i < l.n; i++) {
		struct model *m = corpus_log_load(&l, i);

		if (!m)
			continue;
		for (uint32_t pi = 0; pi < m->progs.n; pi++) {
			const struct program *p = model_prog(m, pi);
			struct state_warm w = { 0 };
			/* a walk without checkpoints through 160,000 steps is slow: fewer there */
			uint32_t n = p->steps.n > 50000 ? 40 : 150;
			uint32_t stride = p->steps.n > n ? p->steps.n / n : 1;
			int rc;

			while ((rc = state_warm(m, p, &w, 4096)) == 1)
				;
			assert_int_equal(rc, 0);
			warmed += state_cache_bytes(p) > 0;
			for (uint32_t k = 0; k < p->steps.n; k += stride) {
				assert_int_equal(state_before(m, p, k, a), 0);
				assert_int_equal(state_rebuild_nocache(m, p, k, b), 0);
				compared++;
				if (!states_identical(m, a, b)) {
					if (differ++ < 5)
						fprintf(stderr, "# %s: program %u, step %u differs\n",
							l.v[i], pi, k);
				}
			}
		}
		load_free(m);
	}
	fprintf(stderr, "# warm: %lu states compared, %lu programs with checkpoints\n", compared,
		warmed);
	assert_true(compared > 5000);
	assert_true(warmed > 5);
	assert_int_equal(differ, 0);
	file_list_free(&l);
	free(a);
	free(b);
}

/* ---- the same log, pasted differently, gives the same states --------------------------- */

enum variant { VAR_TABS, VAR_CRLF, VAR_PREFIX };

/*
 * a copy of log in one variant: the padding before an instruction's "; "
 * turned into one tab, CRLF line ends, or a dmesg-style collector prefix
 */
static char *log_variant(const char *log, size_t len, enum variant v, size_t *outlen)
{
	char *o = malloc(len * 3 + 64), *w = o;
	size_t i = 0;

	assert_non_null(o);
	while (i < len) {
		const char *nl = memchr(log + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - log) : len, j;

		if (v == VAR_PREFIX)
			w += sprintf(w, "[ 1234.567890] ");
		for (j = i; j < e; j++) {
			if (v == VAR_TABS && log[j] == ' ' && j + 1 < e && log[j + 1] == ' ' &&
			    log[i] >= '0' && log[i] <= '9') {
				size_t k = j;

				while (k < e && log[k] == ' ')
					k++;
				if (k < e && log[k] == ';') {
					*w++ = '\t';
					j = k - 1;
					continue;
				}
			}
			*w++ = log[j];
		}
		if (nl) {
			if (v == VAR_CRLF)
				*w++ = '\r';
			*w++ = '\n';
		}
		i = e + 1;
	}
	*outlen = (size_t)(w - o);
	return o;
}

static bool text_eq2(const struct model *ma, struct span a, const struct model *mb, struct span b)
{
	return a.len == b.len && !memcmp(ma->log.buf + a.off, mb->log.buf + b.off, a.len);
}

/* the register and slot texts of two states from two models; the first difference in *why */
static bool vstates_same(const struct model *ma, const struct vstate *a, const struct model *mb,
			 const struct vstate *b, char *why, size_t n)
{
	if (a->curframe != b->curframe) {
		snprintf(why, n, "curframe %d vs %d", a->curframe, b->curframe);
		return false;
	}
	for (int f = 0; f <= a->curframe; f++) {
		for (int r = 0; r < STATE_NREGS; r++) {
			const struct regval *x = &a->frames[f].regs[r], *y = &b->frames[f].regs[r];

			if (x->kind != y->kind || (x->kind != REG_NOT_INIT && !text_eq2(ma, x->text, mb, y->text))) {
				snprintf(why, n, "frame %d R%d: kind %d vs %d", f, r, x->kind, y->kind);
				return false;
			}
		}
		for (int i = 0; i < STATE_MAX_SLOTS; i++) {
			const struct slotval *x = &a->frames[f].slots[i], *y = &b->frames[f].slots[i];

			if (x->used != y->used || (x->used && !text_eq2(ma, x->text, mb, y->text))) {
				snprintf(why, n, "frame %d slot %d", f, i);
				return false;
			}
		}
	}
	return true;
}

/* state_after of every step of a's programs equals b's */
static void assert_same_states(const char *what, const struct model *ma, const struct model *mb)
{
	struct vstate *x = malloc(sizeof(*x)), *y = malloc(sizeof(*y));
	char why[128];

	assert_non_null(x);
	assert_non_null(y);
	assert_int_equal(ma->progs.n, mb->progs.n);
	for (uint32_t pi = 0; pi < ma->progs.n; pi++) {
		const struct program *pa = model_prog(ma, pi), *pb = model_prog(mb, pi);

		assert_int_equal(pa->steps.n, pb->steps.n);
		for (uint32_t k = 0; k < pa->steps.n; k++) {
			assert_int_equal(step_flags(pa, k), step_flags(pb, k));
			assert_int_equal(state_after(ma, pa, k, x, NULL), 0);
			assert_int_equal(state_after(mb, pb, k, y, NULL), 0);
			if (!vstates_same(ma, x, mb, y, why, sizeof(why)))
				fail_msg("%s: step %u: %s", what, k, why);
		}
	}
	free(x);
	free(y);
}

/*
 * The delta after a tab before ';' is applied as the one after spaces
 * (the classifier once accepted the tab and the rebuild did not: R0 showed
 * "-" instead of 7); CRLF line ends and a collector prefix change nothing.
 */
static void test_pasted_variants(void **unused)
{
	static const char tiny[] = "func#0 @0\n"
				   "0: R1=ctx() R10=fp0\n"
				   "0: (b7) r0 = 7\t; R0=7\n"
				   "1: (95) exit\n"
				   "processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 "
				   "peak_states 0 mark_read 0\n";
	static const char *const samples[] = {
		"samples/global_both_ctx_rej.log2", "samples/loop_xdp_rej.log2",
		"samples/spin_lock_rej.log2",	    "samples/timer_then_wq_ok.log2",
		"samples/null_deref_rej.log2",	    "samples/null_deref_rej.log1",
	};
	struct model *m = model_new();
	struct vstate *st = malloc(sizeof(*st));
	int compared = 0;

	(void)unused;
	assert_int_equal(load_log_mem(m, tiny, sizeof(tiny) - 1, NULL), 0);
	assert_int_equal(model_prog(m, 0)->steps.n, 2);
	assert_int_equal(state_after(m, model_prog(m, 0), 0, st, NULL), 0);
	assert_int_equal(st->frames[0].regs[0].kind, REG_SCALAR);
	assert_int_equal(st->frames[0].regs[0].smin, 7);
	assert_int_equal(st->frames[0].regs[0].smax, 7);
	free(st);
	load_free(m);

	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		size_t len = 0, vlen = 0;
		char *log = corpus_slurp(samples[i], &len);
		struct model *clean = model_new();

		assert_non_null(log);
		assert_int_equal(load_log_mem(clean, log, len, NULL), 0);
		for (int v = VAR_TABS; v <= VAR_PREFIX; v++) {
			char *alt = log_variant(log, len, (enum variant)v, &vlen), what[160];
			struct model *ma = model_new();

			assert_int_equal(load_log_mem(ma, alt, vlen, NULL), 0);
			snprintf(what, sizeof(what), "%s (%s)", samples[i],
				 v == VAR_TABS ? "tabs" : v == VAR_CRLF ? "CRLF" : "prefix");
			assert_same_states(what, clean, ma);
			compared++;
			load_free(ma);
			free(alt);
		}
		load_free(clean);
		free(log);
	}
	assert_int_equal(compared, 18);
}

static int is_log2_txt(const char *name)
{
	return !strcmp(name, "log2.txt");
}

/* the state before the first visit of insn, into st */
static const struct frame_state *before_insn(const struct model *m, uint32_t insn,
					     struct vstate *st)
{
	const struct program *p = model_prog(m, 0);

	for (uint32_t k = 0; k < p->steps.n; k++)
		if (step_insn(p, k) == insn) {
			assert_int_equal(state_before(m, p, k, st), 0);
			return &st->frames[step_frame(p, k)];
		}
	fail_msg("insn %u is never visited", insn);
	return NULL;
}

static bool refs_are(const struct model *m, const struct frame_state *f, const char *ids)
{
	return f->refs_text.len == strlen(ids) &&
	       !memcmp(m->log.buf + f->refs_text.off, ids, f->refs_text.len);
}

/* state_scan_line + state_value_finish give what state_parse_line gives, on text t[off, off+len) */
static void scan_equals_parse(const char *t, uint64_t off, uint32_t len, struct state_line *a,
			      struct state_line *b)
{
	memset(a, 0, sizeof(*a));
	memset(b, 0, sizeof(*b));
	state_parse_line(t, off, len, a);
	state_scan_line(t, off, len, b);
	assert_memory_equal(a, b, offsetof(struct state_line, regs));
	for (uint32_t i = 0; i < STATE_NREGS; i++) {
		if (!(a->regs_set & (1u << i)))
			continue;
		assert_int_equal(b->regs[i].kind, REG_UNPARSED);
		state_value_finish(t, &b->regs[i]);
		assert_memory_equal(&a->regs[i], &b->regs[i], sizeof(a->regs[i]));
	}
	for (uint32_t i = 0; i < STATE_MAX_SLOTS; i++) {
		if (!(a->slots_set & (1ull << i)))
			continue;
		state_value_finish(t, &b->slots[i].spill);
		assert_memory_equal(&a->slots[i], &b->slots[i], sizeof(a->slots[i]));
	}
}

/*
 * The replay scans each print without parsing its values and parses only
 * the values the state ends with: the same values as a full parse, on
 * every state print and delta of every sample and fixture log, and on
 * the odd spellings (P marks, liveness suffixes, spills, parentheses out
 * of balance).
 */
static void test_scan_equals_parse(void **unused)
{
	static const char *odd[] = {
		"R1_w=P0 R2_rw=invP(id=0,umax_value=3) R3_D=scalar(smin=1,var_off=(0x0; 0x7)) refs=2,4",
		"frame1: R1=ctx() fp-8=????scalar(id=1) fp-16_w=mmmm???? fp-24=P-5 cb",
		"R1=x)(a b) R2=((( R3= fp-8= fp-16=????P3 async_cb",
		" R0=map_value(map=arr,ks=4,vs=8,off=0,imm=0) R10=fp0 fp-32=iter_num(ref_id=2,state=active,depth=0)",
	};
	struct state_line *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	glob_t g;
	uint64_t prints = 0;

	(void)unused;
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
		scan_equals_parse(odd[i], 0, (uint32_t)strlen(odd[i]), a, b);
	assert_int_equal(glob("samples/*.log[12]", 0, NULL, &g), 0);
	glob("tests/fixtures/*/*.log*", GLOB_APPEND, NULL, &g);
	for (size_t f = 0; f < g.gl_pathc; f++) {
		struct model *m = model_new();
		char *files[1] = { g.gl_pathv[f] }, err[256];

		if (load_files(m, files, 1, NULL, err, sizeof(err))) {
			load_free(m);
			continue;
		}
		for (uint32_t pi = 0; pi < m->progs.n; pi++) {
			const struct program *p = model_prog(m, pi);

			for (uint32_t k = 0; k < p->fstates.n; k++, prints++)
				scan_equals_parse(m->log.buf, p->fstates.v[k].off, p->fstates.v[k].len, a, b);
			for (uint32_t k = 0; k < p->steps.n; k++) {
				struct step st = step_at(p, k);
				struct span tr = step_trailer(m, &st);

				if (tr.len) {
					scan_equals_parse(m->log.buf, tr.off, tr.len, a, b);
					prints++;
				}
			}
		}
		load_free(m);
	}
	globfree(&g);
	assert_true(prints > 1000);
	free(a);
	free(b);
}

/*
 * Special slots (a 6.18 log recorded from tests/fixtures/slots): a dynptr, an
 * iterator and an irq flag are named, hold their reference (refs=), and are
 * gone once released: the kernel prints neither the invalid slot nor the
 * released id (the release call's trailer is a bare ";"), so the rebuild
 * drops the slot whose reference went. A dynptr printed at fp-24 covers
 * fp-16 too: what fp-16 held before is not shown.
 */
static void test_special_slots(void **unused)
{
	struct model *m = model_new();
	struct vstate *st = malloc(sizeof(*st));
	char *files[1] = { "tests/fixtures/slots/slots.log2" }, err[256], buf[128];
	const struct frame_state *f;

	(void)unused;
	assert_int_equal(load_files(m, files, 1, NULL, err, sizeof(err)), 0);
	/* after bpf_iter_num_new (insn 14): the iterator at fp-32, ref 2; the dynptr at fp-24 */
	f = before_insn(m, 15, st);
	assert_int_equal(f->slots[3].kind, SLOT_ITER);
	assert_int_equal(f->slots[3].ref_id, 2);
	assert_string_equal(state_slot_kind_name(f->slots[3].kind), "iterator");
	assert_int_equal(f->slots[2].kind, SLOT_DYNPTR);
	assert_string_equal(state_slot_kind_name(f->slots[2].kind), "dynptr");
	assert_false(f->slots[1].used);
	assert_int_equal(f->refs, 1);
	assert_true(refs_are(m, f, "2"));
	/* after bpf_iter_num_destroy (insn 28, "call ... ;"): no iterator, no reference */
	f = before_insn(m, 29, st);
	assert_false(f->slots[3].used);
	assert_int_equal(f->refs, 0);
	assert_int_equal(f->slots[2].kind, SLOT_DYNPTR); /* a local dynptr holds no reference */
	/* after bpf_local_irq_save (insn 32): "fp-8=ffffffff refs=4" is the irq flag holding 4 */
	f = before_insn(m, 33, st);
	assert_int_equal(f->slots[0].kind, SLOT_IRQ_FLAG);
	assert_string_equal(state_slot_kind_name(f->slots[0].kind), "irq flag");
	assert_int_equal(f->slots[0].ref_id, 4);
	assert_true(refs_are(m, f, "4"));
	assert_string_equal(state_format_slot(m, &f->slots[0], buf, sizeof(buf)), "ffffffff");
	/* the refs carried through the steps' trailers ("R2=4 refs=4") */
	f = before_insn(m, 46, st);
	assert_true(refs_are(m, f, "4"));
	assert_int_equal(f->slots[0].kind, SLOT_IRQ_FLAG);
	/* after bpf_local_irq_restore (insn 46, "call ... ;"): the flag is gone */
	f = before_insn(m, 47, st);
	assert_false(f->slots[0].used);
	assert_int_equal(f->refs, 0);
	/* the old spelling: eight slot-type chars */
	{
		static const char t[] = "fp-8=ffffffff fp-16=dddddddd fp-24=iiiiiiii fp-32=mmmm????";
		struct state_line *sl = malloc(sizeof(*sl));

		memset(sl, 0, sizeof(*sl));
		state_parse_line(t, 0, sizeof(t) - 1, sl);
		assert_int_equal(sl->slots[0].kind, SLOT_IRQ_FLAG);
		assert_int_equal(sl->slots[1].kind, SLOT_DYNPTR);
		assert_int_equal(sl->slots[2].kind, SLOT_ITER);
		assert_int_equal(sl->slots[3].kind, SLOT_BYTES);
		assert_null(state_slot_kind_name(sl->slots[3].kind));
		free(sl);
	}
	free(st);
	load_free(m);
}

/*
 * 7.x pop lines list only live registers and slots: "from 8 to 11: R6=1
 * R7=ctx() R10=fp0" where 6.18 printed "R0=0 ... fp-8=mmmm????". R0 and
 * fp-8 are dead there: shown as dead with their last known value (from
 * before the branch), never as unset nor as a plain value. The 6.18 logs
 * list every initialised register at a pop: nothing there is dead.
 */
static void test_dead_in_pops(void **unused)
{
	const char *root = corpus_root();
	struct vstate *st = malloc(sizeof(*st));
	char path[4200], buf[256];
	const struct frame_state *f;
	struct model *m;
	struct file_list l = { 0 };
	uint32_t checked = 0;

	(void)unused;
	if (!root) {
		free(st);
		SKIP_NO_SHARED();
	}
	snprintf(path, sizeof(path),
		 "%s/corpus-kernels/7.3.4+deb13-amd64/reject_helper_arg_type/log2.txt", root);
	m = corpus_load(path);
	if (!m) {
		free(st);
		SKIP_BECAUSE("corpus-kernels/7.3.4+deb13-amd64/reject_helper_arg_type is absent");
	}
	f = before_insn(m, 11, st);
	assert_true(f->regs[0].marks & MARK_DEAD);
	assert_string_equal(state_format_value(m, &f->regs[0], buf, sizeof(buf)),
			    "dead (was map_value_or_null(id=1,map=table,ks=4,vs=8))");
	assert_true(f->slots[0].dead);
	assert_string_equal(state_format_slot(m, &f->slots[0], buf, sizeof(buf)),
			    "dead (was mmmm\?\?\?\?)");
	assert_false(f->regs[6].marks & MARK_DEAD);
	assert_string_equal(state_format_value(m, &f->regs[6], buf, sizeof(buf)), "1");
	/* the next step's delta sets R1: R0 stays dead */
	f = before_insn(m, 13, st);
	assert_true(f->regs[0].marks & MARK_DEAD);
	assert_false(f->regs[1].marks & MARK_DEAD);
	load_free(m);

	snprintf(path, sizeof(path), "%s/corpus", root);
	file_list_walk(&l, path, is_log2_txt);
	file_list_sort(&l);
	for (size_t i = 0; i < l.n; i++) {
		const struct program *p;

		if (strstr(l.v[i], "big_"))
			continue;
		m = corpus_load(l.v[i]);
		if (!m)
			continue;
		for (uint32_t pi = 0; pi < m->progs.n; pi++) {
			p = model_prog(m, pi);
			for (uint32_t k = 0; k < p->steps.n; k++) {
				assert_int_equal(state_before(m, p, k, st), 0);
				for (int fi = 0; fi <= st->curframe; fi++)
					for (int r = 0; r < STATE_NREGS; r++)
						if (st->frames[fi].regs[r].marks & MARK_DEAD)
							fail_msg("%s: step %u: frame%d R%d dead in a 6.18 log",
								 l.v[i], k + 1, fi, r);
				checked++;
			}
		}
		load_free(m);
	}
	file_list_free(&l);
	assert_true(checked > 100);
	free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_6_18),
		cmocka_unit_test(test_value_5_x),
		cmocka_unit_test(test_value_6_1),
		cmocka_unit_test(test_line),
		cmocka_unit_test(test_rebuild_small),
		cmocka_unit_test(test_pasted_variants),
		cmocka_unit_test(test_rebuild_corpus),
		cmocka_unit_test(test_checkpoints),
		cmocka_unit_test(test_special_slots),
		cmocka_unit_test(test_scan_equals_parse),
		cmocka_unit_test(test_dead_in_pops),
		cmocka_unit_test(test_warm),
		cmocka_unit_test(test_warm_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
