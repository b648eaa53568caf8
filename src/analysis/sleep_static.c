// SPDX-License-Identifier: MIT
/*
 * sleep_static.c — the object-alone prediction: walk every subprogram of
 * a program in every entry context the verifier would give it, the way
 * docs/sleepable-rules.md §2 and §4 describe, tracking atomic region
 * depths along the CFG, and list each call the rule set refuses.
 *
 * Entry contexts: main and globals start with the program's flag and no
 * region (globals once, not per call site: only reached ones from 6.8,
 * all before); static subprogs and sync callbacks inherit the caller's
 * context at the call; async callbacks start fresh with their kind's flag.
 * Each (subprog, entry) pair is walked once (memo); a static callee's exit
 * region depths flow back to its caller.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/bpfobj.h"
#include "src/analysis/sleep_priv.h"

#define NENTRY 512 /* in_sleepable x region byte */

/*
 * the test of a fallible opener's result (`if rX != 0 goto`): the branch
 * where it failed runs without what the call opened
 */
struct ftest {
	const char *opener; /* NULL: not such a test */
	bool fail_taken;    /* the jump is taken when the call failed */
};

struct walker {
	const struct model *m;
	const struct program *p;
	const struct bpfobj_prog *op;
	const struct sleep_rules *r;
	struct sleep_prog sp;
	struct sleep_iv *iv;
	uint32_t niv;
	struct sleep_ms *ms;
	uint8_t (*state)[NENTRY];
	uint64_t (*exits)[NENTRY][4];
	struct sleep_finding *out;
	uint32_t max, count;
	struct sleep_hop hops[SLEEP_MAX_HOPS];
	uint8_t nhops;
	uint8_t root;
	uint32_t root_sub;
	struct sleep_static_out *so;
	struct ftest *ft; /* per insn */
	int err;
};

int sleep_sub_idx(const struct program *p, uint32_t id)
{
	uint32_t k;

	for (k = 0; k < p->subprogs.n; k++)
		if (p->subprogs.v[k].id == id)
			return (int)k;
	return -1;
}

int sleep_sub_at_start(const struct program *p, uint32_t insn)
{
	uint32_t k;

	for (k = 0; k < p->subprogs.n; k++)
		if (p->subprogs.v[k].start == insn)
			return (int)k;
	return -1;
}

static unsigned entry_of(int sleepable, uint8_t region)
{
	return (sleepable == 1 ? 256u : 0u) + region;
}

static uint8_t ctx_bit(int sleepable, uint8_t region)
{
	if (sleepable < 0)
		return 0;
	return sleepable == 1 && !region ? CTX_SLEEPABLE : CTX_NON_SLEEPABLE;
}

/* the nearest earlier call in [start, i) opening a region that is open in `region` */
static uint32_t find_opener(const struct walker *w, uint32_t start, uint32_t i, uint8_t region)
{
	while (i-- > start) {
		const struct sleep_region_op *o;

		if (w->iv[i].kind != IV_HELPER && w->iv[i].kind != IV_KFUNC)
			continue;
		o = sleep_region_op_lookup(w->iv[i].name);
		if (o && o->delta > 0 && REGION_DEPTH(region, o->region))
			return i;
	}
	return IDX_NONE;
}

static void add_finding(struct walker *w, uint8_t kind, uint32_t insn, uint32_t sub,
			const char *call, uint32_t callee, int sleepable, uint8_t region)
{
	struct sleep_finding *f;
	uint32_t k, n = w->count < w->max ? w->count : w->max;

	for (k = 0; k < n; k++)
		if (w->out[k].insn == insn && w->out[k].kind == kind)
			return;
	if (w->count++ >= w->max)
		return;
	f = &w->out[w->count - 1];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->insn = insn;
	f->subprog = sub;
	f->call = call;
	f->callee = callee;
	f->sleepable = (int8_t)sleepable;
	f->region = region;
	f->region_insn = IDX_NONE;
	if (region && insn != IDX_NONE) {
		int si = sleep_sub_idx(w->p, sub);

		if (si >= 0)
			f->region_insn = find_opener(w, w->p->subprogs.v[si].start, insn, region);
		for (k = w->nhops; f->region_insn == IDX_NONE && k-- > 0;) {
			int ci = sleep_sub_idx(w->p, k ? w->hops[k - 1].to : w->root_sub);

			if (ci >= 0)
				f->region_insn = find_opener(w, w->p->subprogs.v[ci].start,
							     w->hops[k].insn, region);
		}
		/* opened in a static callee that returned with it open */
		if (f->region_insn == IDX_NONE)
			f->region_insn = find_opener(w, 0, w->niv, region);
	}
	f->root = w->root;
	f->root_subprog = w->root_sub;
	f->nhops = w->nhops;
	memcpy(f->hops, w->hops, sizeof(f->hops[0]) * w->nhops);
}

static void walk(struct walker *w, int si, int sleepable, uint8_t region);

/* is the subprog being walked at frame 0 (its exit ends a verification)? */
static bool frame0(const struct walker *w)
{
	return !w->nhops || w->hops[w->nhops - 1].kind == EDGE_ASYNC_CALLBACK;
}

static bool push_hop(struct walker *w, uint8_t kind, uint32_t insn, uint32_t to, const char *via,
		     int sleepable)
{
	struct sleep_hop *h;

	if (w->nhops >= SLEEP_MAX_HOPS)
		return false;
	h = &w->hops[w->nhops++];
	h->kind = kind;
	h->insn = insn;
	h->to = to;
	h->via = via;
	h->sleepable = (int8_t)sleepable;
	return true;
}

/* callbacks consumed by the call at insn i: walk them in their context */
static void walk_callbacks(struct walker *w, uint32_t i, int sleepable, uint8_t region)
{
	uint32_t k;

	for (k = 0; k < w->op->nedges; k++) {
		const struct bpfobj_edge *e = &w->op->edges[k];
		const struct sleep_cb *cf = sleep_cb_lookup(e->via);
		int t = sleep_sub_idx(w->p, e->to);
		const char *via = cf ? cf->name : e->via;

		if (e->insn != i || e->kind == EDGE_CALL || t < 0)
			continue;
		if (e->kind == EDGE_CALLBACK) {
			if (!push_hop(w, EDGE_CALLBACK, i, e->to, via, sleepable))
				continue;
			walk(w, t, sleepable, region);
			w->nhops--;
		} else {
			uint8_t root = w->root;
			uint32_t root_sub = w->root_sub;
			int s = sleep_async_ctx(w->r, &w->sp, via);

			if (!push_hop(w, EDGE_ASYNC_CALLBACK, i, e->to, via, s))
				continue;
			w->root = UNIT_ASYNC_CB;
			w->root_sub = e->to;
			walk(w, t, s, 0);
			w->root = root;
			w->root_sub = root_sub;
			w->nhops--;
		}
	}
}

static void note_edge_ctx(struct walker *w, uint32_t insn, int sleepable, uint8_t region)
{
	uint32_t k;

	if (!w->so || !w->so->edge_ctx)
		return;
	for (k = 0; k < program_cold(w->p)->edges.n; k++)
		if (program_cold(w->p)->edges.v[k].insn == insn)
			w->so->edge_ctx[k] |= ctx_bit(sleepable, region);
}

struct work {
	uint32_t insn;
	uint8_t region;
};

static void walk(struct walker *w, int si, int sleepable, uint8_t region)
{
	const struct subprog *s = &w->p->subprogs.v[si];
	unsigned ent = entry_of(sleepable, region);
	uint32_t start = s->start, end = s->end == IDX_NONE ? w->niv : s->end;
	uint64_t *seen;
	struct work *stack;
	size_t nstack = 0, cap;

	if (w->err || w->state[si][ent])
		return;
	w->state[si][ent] = 1;
	if (w->so && w->so->sub_ctx)
		w->so->sub_ctx[si] |= ctx_bit(sleepable, region);
	if (w->so && w->so->reached)
		w->so->reached[si] = true;
	if (end > w->niv)
		end = w->niv;
	if (start >= end)
		goto out;
	cap = (size_t)(end - start) * 4 + 16;
	seen = calloc((size_t)(end - start) * 4, sizeof(*seen));
	stack = malloc(cap * sizeof(*stack));
	if (!seen || !stack) {
		w->err = -ENOMEM;
		free(seen);
		free(stack);
		goto out;
	}
	stack[nstack++] = (struct work){ start, region };
	while (nstack) {
		struct work cur = stack[--nstack];
		uint32_t i = cur.insn, nexti[2], nn = 0, k;
		uint8_t R = cur.region, nextr[256];
		unsigned nr = 0;
		const struct bpf_insn *in;
		uint8_t cls, op;

		if (i < start || i >= end)
			continue;
		if (seen[(i - start) * 4 + (R >> 6)] & (1ull << (R & 63)))
			continue;
		seen[(i - start) * 4 + (R >> 6)] |= 1ull << (R & 63);
		in = &w->op->insns[i];
		cls = in->code & 7;
		op = in->code & 0xf0;
		if (in->code == (BPF_LD | BPF_IMM | BPF_DW)) {
			nexti[nn++] = i + 2;
		} else if ((cls == BPF_JMP || cls == BPF_JMP32) && op == BPF_CALL) {
			const struct sleep_iv *v = &w->iv[i];
			enum sleep_kind kd;

			nexti[nn++] = i + 1;
			if (v->kind == IV_SUBCALL) {
				int t = sleep_sub_at_start(w->p, v->target);
				const struct subprog *c = t >= 0 ? &w->p->subprogs.v[t] : NULL;
				bool global = c && c->linkage == LINKAGE_GLOBAL;

				note_edge_ctx(w, i, sleepable, R);
				kd = sleep_check_call(w->r, &w->sp, v, sleepable, R,
						      c ? w->ms[t].bit : -1, global);
				if (kd != SK_NONE)
					add_finding(w, kd, i, s->id, NULL, c ? c->id : IDX_NONE,
						    sleepable, R);
				if (c && global) {
					w->so->reached[t] = true;
				} else if (c && push_hop(w, EDGE_CALL, i, c->id, NULL, sleepable)) {
					unsigned ce = entry_of(sleepable, R);

					walk(w, t, sleepable, R);
					w->nhops--;
					for (k = 0; k < 256; k++)
						if (w->exits[t][ce][k >> 6] & (1ull << (k & 63)))
							nextr[nr++] = (uint8_t)k;
				}
			} else {
				kd = sleep_check_call(w->r, &w->sp, v, sleepable, R, -1, false);
				if (kd != SK_NONE)
					add_finding(w, kd, i, s->id, v->name, IDX_NONE, sleepable,
						    R);
				note_edge_ctx(w, i, sleepable, R);
				walk_callbacks(w, i, sleepable, R);
				nextr[nr++] = sleep_region_apply(R, v->name);
			}
		} else if ((cls == BPF_JMP || cls == BPF_JMP32) && op == BPF_EXIT) {
			w->exits[si][ent][R >> 6] |= 1ull << (R & 63);
			/*
			 * the verifier checks regions at an exit of frame 0 only (the
			 * program, a global, an async callback); a static subprog or a
			 * sync callback hands them back to its caller
			 */
			if (R && frame0(w))
				add_finding(w, SK_EXIT_REGION, i, s->id, NULL, IDX_NONE, sleepable,
					    R);
		} else if ((cls == BPF_JMP || cls == BPF_JMP32) && op == BPF_JA) {
			nexti[nn++] = i + 1 + (cls == BPF_JMP32 ? in->imm : in->off);
		} else if ((cls == BPF_JMP || cls == BPF_JMP32) && w->ft[i].opener &&
			   sleep_region_undo(R, w->ft[i].opener) != R) {
			/* the test of a res_spin_lock: on its failure branch nothing is held */
			uint32_t taken = (uint32_t)((int64_t)i + 1 + in->off);
			uint8_t failr = sleep_region_undo(R, w->ft[i].opener);

			if (nstack + 2 > cap) {
				struct work *ns = realloc(stack, (cap * 2 + 2) * sizeof(*stack));

				if (!ns) {
					w->err = -ENOMEM;
					goto done;
				}
				stack = ns;
				cap = cap * 2 + 2;
			}
			stack[nstack++] = (struct work){ taken, w->ft[i].fail_taken ? failr : R };
			stack[nstack++] = (struct work){ i + 1, w->ft[i].fail_taken ? R : failr };
			continue;
		} else if (cls == BPF_JMP || cls == BPF_JMP32) {
			nexti[nn++] = i + 1;
			nexti[nn++] = (uint32_t)((int64_t)i + 1 + in->off);
		} else {
			nexti[nn++] = i + 1;
		}
		if (!nr)
			nextr[nr++] = R;
		for (k = 0; k < nn; k++) {
			unsigned j;

			for (j = 0; j < nr; j++) {
				if (nstack == cap) {
					struct work *ns = realloc(stack, cap * 2 * sizeof(*stack));

					if (!ns) {
						w->err = -ENOMEM;
						goto done;
					}
					stack = ns;
					cap *= 2;
				}
				stack[nstack++] = (struct work){ nexti[k], nextr[j] };
			}
		}
	}
done:
	free(seen);
	free(stack);
out:
	w->state[si][ent] = 2;
}

static bool uses_async_prim(const struct walker *w, const char **what)
{
	uint32_t i;

	for (i = 0; i < w->niv; i++) {
		const struct sleep_async_prim *a;

		if (w->iv[i].kind != IV_HELPER && w->iv[i].kind != IV_KFUNC)
			continue;
		a = sleep_async_prim_lookup(w->iv[i].name);
		if (a) {
			*what = sleep_async_word(a->async);
			return true;
		}
	}
	return false;
}

/*
 * Where a refusal comes in the verifier's order: load-time checks first, then
 * the units in the order bpf_check() verifies them (global functions before
 * the main program before 6.8, after it from 6.8 with lazy globals), the
 * main program's path before the async callbacks it pushed (they are popped
 * when its path is done). Within a unit the walk's order is kept.
 */
static int verifier_rank(const struct sleep_finding *f, bool lazy_globals)
{
	if (f->insn == IDX_NONE)
		return 0;
	switch (f->root) {
	case UNIT_MAIN:
		return lazy_globals ? 1 : 2;
	case UNIT_ASYNC_CB:
		return lazy_globals ? 2 : 3;
	default: /* UNIT_GLOBAL */
		return lazy_globals ? 3 : 1;
	}
}

/* order the findings as the verifier meets them (stable): the first is where the load stops */
static void verifier_order(struct sleep_finding *f, uint32_t n, const struct sleep_rules *r)
{
	bool lazy = sleep_rules_has(r, SF_LAZY_GLOBALS);
	uint32_t i, j;

	for (i = 1; i < n; i++) {
		struct sleep_finding t = f[i];
		int rank = verifier_rank(&t, lazy);

		for (j = i; j > 0 && verifier_rank(&f[j - 1], lazy) > rank; j--)
			f[j] = f[j - 1];
		f[j] = t;
	}
}

/*
 * For each call to a fallible opener, the conditional jump that tests its
 * result: straight-line code after the call, R0 or a register copied from
 * it compared with 0. Not found (anything else first): the call is taken
 * as opening on every path.
 */
static void find_tests(struct walker *w)
{
	for (uint32_t i = 0; i < w->niv; i++) {
		const struct sleep_region_op *o;
		uint16_t mask = 1; /* registers holding the result: R0 */

		if (w->iv[i].kind != IV_KFUNC && w->iv[i].kind != IV_HELPER)
			continue;
		o = sleep_region_op_lookup(w->iv[i].name);
		if (!o || !o->fallible)
			continue;
		for (uint32_t j = i + 1, n = 0; j < w->niv && n < 16; j++, n++) {
			const struct bpf_insn *in = &w->op->insns[j];
			uint8_t cls = in->code & 7, op = in->code & 0xf0;

			if (cls == BPF_ALU || cls == BPF_ALU64) {
				bool mov = op == BPF_MOV && (in->code & BPF_X) && in->off == 0;

				bool shift = !(in->code & BPF_X) && in->imm > 0 && in->imm <= 32 &&
					     (op == BPF_LSH || op == BPF_RSH || op == BPF_ARSH);

				if (mov && (mask & (1u << in->src_reg)))
					mask |= (uint16_t)(1u << in->dst_reg);
				else if (shift)
					continue; /* the 32-bit zero-extension: 0 stays 0, errors stay not 0 */
				else
					mask &= (uint16_t) ~(1u << in->dst_reg);
				continue;
			}
			if (cls == BPF_LDX) {
				mask &= (uint16_t) ~(1u << in->dst_reg);
				continue;
			}
			if (cls == BPF_ST || cls == BPF_STX)
				continue;
			if ((cls == BPF_JMP || cls == BPF_JMP32) && !(in->code & BPF_X) &&
			    in->imm == 0 && (mask & (1u << in->dst_reg)) &&
			    (op == BPF_JNE || op == BPF_JEQ || op == BPF_JSLT || op == BPF_JSGE)) {
				w->ft[j].opener = w->iv[i].name;
				w->ft[j].fail_taken = op == BPF_JNE || op == BPF_JSLT;
			}
			break; /* a jump, call, exit or 64-bit load ends the straight line */
		}
	}
}

int sleep_static_run(const struct model *m, uint32_t pi, const struct sleep_rules *r,
		     struct sleep_finding *out, uint32_t max, struct sleep_static_out *so)
{
	const struct program *p = model_prog(m, pi);
	struct walker w = { 0 };
	struct sleep_static_out local = { 0 };
	bool *reached = NULL;
	const char *msg, *what;
	uint32_t k;
	bool more;
	int si;

	w.op = bpfobj_joined(m, pi);
	if (!w.op)
		return -ENOENT;
	w.m = m;
	w.p = p;
	w.r = r;
	w.out = out;
	w.max = max;
	w.root = UNIT_MAIN;
	sleep_prog_facts(m, pi, &w.sp);
	if (!so)
		so = &local;
	if (!so->reached) {
		reached = calloc(p->subprogs.n + 1, sizeof(*reached));
		so->reached = reached;
	}
	w.so = so;
	w.iv = sleep_iv_build(m, pi, &w.niv);
	w.ms = calloc(p->subprogs.n + 1, sizeof(*w.ms));
	w.state = calloc(p->subprogs.n + 1, sizeof(*w.state));
	w.exits = calloc(p->subprogs.n + 1, sizeof(*w.exits));
	w.ft = calloc(w.niv + 1, sizeof(*w.ft));
	if (!w.iv || !w.ms || !w.state || !w.exits || !w.ft || !so->reached) {
		w.err = -ENOMEM;
		goto out;
	}
	find_tests(&w);
	sleep_might_sleep(m, pi, r, w.iv, w.niv, w.ms, true);

	/* program-level refusals come before any instruction */
	if (w.sp.sleepable == 1 && w.sp.prog_type &&
	    !sleep_type_may_sleep(w.sp.prog_type, w.sp.attach_type, r, &msg))
		add_finding(&w, SK_PROG_NOT_SLEEPABLE, IDX_NONE, 0, NULL, IDX_NONE, 1, 0);
	else if (w.sp.sleepable == 1 && w.sp.prog_type == BPF_PROG_TYPE_STRUCT_OPS &&
		 w.op->section && strchr(w.op->section, '/')) {
		/* struct_ops.s/MEMBER: the member's own check_member (its type from the table) */
		const char *member = strchr(w.op->section, '/') + 1, *st;

		if (sleep_struct_ops_member(NULL, member, r, &st) == 0)
			add_finding(&w, SK_STRUCT_OPS_MEMBER, IDX_NONE, 0, member, IDX_NONE, 1, 0);
	}
	if (sleep_type_no_timer(w.sp.prog_type) && !sleep_rules_has(r, SF_TRACING_TIMER_OK) &&
	    uses_async_prim(&w, &what))
		add_finding(&w, SK_TRACING_ASYNC, IDX_NONE, 0, what, IDX_NONE, w.sp.sleepable, 0);

	si = sleep_sub_idx(p, 0);
	if (si >= 0)
		walk(&w, si, w.sp.sleepable, 0);
	/* globals: once each, with the program's flag (only the called ones from 6.8) */
	do {
		more = false;
		for (k = 0; k < p->subprogs.n; k++) {
			const struct subprog *s = &p->subprogs.v[k];

			if (s->linkage != LINKAGE_GLOBAL || w.state[k][entry_of(w.sp.sleepable, 0)])
				continue;
			if (sleep_rules_has(r, SF_LAZY_GLOBALS) && !so->reached[k])
				continue;
			w.root = UNIT_GLOBAL;
			w.root_sub = s->id;
			w.nhops = 0;
			walk(&w, (int)k, w.sp.sleepable, 0);
			more = true;
		}
	} while (more && !w.err);
	verifier_order(w.out, w.count < w.max ? w.count : w.max, r);
out:
	free(w.iv);
	free(w.ms);
	free(w.state);
	free(w.exits);
	free(w.ft);
	if (reached) {
		free(reached);
		so->reached = NULL;
	}
	return w.err ? w.err : (int)w.count;
}

int sleep_predict(const struct model *m, uint32_t pi, const struct sleep_rules *r,
		  struct sleep_finding *out, uint32_t max)
{
	if (pi >= m->progs.n)
		return -EINVAL;
	return sleep_static_run(m, pi, r, out, max, NULL);
}
