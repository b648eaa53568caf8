// SPDX-License-Identifier: MIT
/*
 * pack.c — a program's packed form: its every field as varints, offsets as
 * differences from the one before, arrays as a count and their elements.
 * One description of the layout (pack_program()) both writes and reads it,
 * so the two directions cannot drift apart. A tiny program (two insns, one
 * path) packs into about 60 bytes; its expansion costs 456.
 *
 * The packed form holds the value of the program; the expansion model_prog()
 * builds from it is a cache a front end may drop (model_prog_drop()), with
 * the state checkpoints it grew (not packed: they are a cache too).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/model/model.h"

/*
 * A field added to one of these must be added to its cv_*() below (and to
 * tests/unit/test_pack.c): the sizes are the reminder.
 */
#define PACKED_SIZE(type, n)                                                                       \
	_Static_assert(sizeof(type) == (n), #type " changed: pack.c packs each of its fields")
PACKED_SIZE(struct program, 280);
PACKED_SIZE(struct program_cold, 216);
PACKED_SIZE(struct subprog, 28);
PACKED_SIZE(struct ctx_run, 28);
PACKED_SIZE(struct fstate, 32);
PACKED_SIZE(struct path, 40);
PACKED_SIZE(struct unit, 36);
PACKED_SIZE(struct stats, 40);
PACKED_SIZE(struct insn_fact, 16);
PACKED_SIZE(struct edge, 20);
PACKED_SIZE(struct sleep_event, 36);
PACKED_SIZE(struct sleep_finding, 560);
PACKED_SIZE(struct sleep_hop, 32);
PACKED_SIZE(struct ctx_arg, 32);
PACKED_SIZE(struct diagnostic, 40);
PACKED_SIZE(struct named_func, 8);
PACKED_SIZE(struct span, 16);
PACKED_SIZE(struct step, 16);

struct codec {
	bool rd;		 /* reading the packed form into the program */
	struct pack_arena *out;	 /* writing: appended here */
	const uint8_t *in, *end; /* reading */
	uint64_t off;		 /* the last offset written or read: offsets go as differences */
	int err;		 /* -ENOMEM, -E2BIG, or -EINVAL for a packed form cut short */
};

static void put_byte(struct codec *c, uint8_t b)
{
	struct pack_arena *a = c->out;

	if (c->err)
		return;
	if (a->n == a->cap) {
		uint64_t ncap = a->cap ? a->cap * 2 : 4096;
		uint8_t *v = realloc(a->v, ncap);

		if (!v) {
			c->err = -ENOMEM;
			return;
		}
		a->v = v;
		a->cap = ncap;
	}
	a->v[a->n++] = b;
}

/* an unsigned number, 7 bits a byte, low bits first */
static void cv_u64(struct codec *c, uint64_t *v)
{
	if (!c->rd) {
		uint64_t x = *v;

		while (x >= 0x80) {
			put_byte(c, (uint8_t)(x | 0x80));
			x >>= 7;
		}
		put_byte(c, (uint8_t)x);
		return;
	}
	uint64_t x = 0;

	for (unsigned int sh = 0;; sh += 7) {
		if (c->in == c->end || sh > 63) {
			c->err = c->err ? c->err : -EINVAL;
			*v = 0;
			return;
		}
		x |= (uint64_t)(*c->in & 0x7f) << sh;
		if (!(*c->in++ & 0x80))
			break;
	}
	*v = x;
}

/* the narrower fields through cv_u64 */
#define CV_UNSIGNED(name, type)                                                                    \
	static void name(struct codec *c, type *v)                                                 \
	{                                                                                          \
		uint64_t x = *v;                                                                   \
                                                                                                   \
		cv_u64(c, &x);                                                                     \
		if (c->rd)                                                                         \
			*v = (type)x;                                                              \
	}
CV_UNSIGNED(cv_u32, uint32_t)
CV_UNSIGNED(cv_u16, uint16_t)
CV_UNSIGNED(cv_u8, uint8_t)

/* a uint32_t whose usual value is IDX_NONE: one byte for it */
static void cv_ix(struct codec *c, uint32_t *v)
{
	uint32_t x = *v + 1;

	cv_u32(c, &x);
	if (c->rd)
		*v = x - 1;
}

/* signed: zigzag, small magnitudes in one byte */
static void cv_i64(struct codec *c, int64_t *v)
{
	uint64_t x = ((uint64_t)*v << 1) ^ (uint64_t)(*v >> 63);

	cv_u64(c, &x);
	if (c->rd)
		*v = (int64_t)(x >> 1) ^ -(int64_t)(x & 1);
}

#define CV_SIGNED(name, type)                                                                      \
	static void name(struct codec *c, type *v)                                                 \
	{                                                                                          \
		int64_t x = *v;                                                                    \
                                                                                                   \
		cv_i64(c, &x);                                                                     \
		if (c->rd)                                                                         \
			*v = (type)x;                                                              \
	}
CV_SIGNED(cv_i32, int32_t)
CV_SIGNED(cv_i8, int8_t)

static void cv_bool(struct codec *c, bool *v)
{
	uint8_t x = *v;

	cv_u8(c, &x);
	if (c->rd)
		*v = x != 0;
}

/* an offset into the log, as its difference from the last one */
static void cv_off(struct codec *c, uint64_t *v)
{
	int64_t d = (int64_t)(*v - c->off);

	cv_i64(c, &d);
	if (c->rd)
		*v = c->off + (uint64_t)d;
	c->off = *v;
}

/* the same, or UINT64_MAX (none) in one byte */
static void cv_off_opt(struct codec *c, uint64_t *v)
{
	bool some = *v != UINT64_MAX;

	cv_bool(c, &some);
	if (some)
		cv_off(c, v);
	else if (c->rd)
		*v = UINT64_MAX;
}

/* a pointer into the rules table or the object, which outlive the model's programs */
static void cv_ptr(struct codec *c, const char **v)
{
	uint64_t x = (uint64_t)(uintptr_t)*v;

	cv_u64(c, &x);
	if (c->rd)
		*v = (const char *)(uintptr_t)x;
}

/*
 * An array's length; reading, its storage, exact and zeroed (each element
 * takes at least a byte, so a count past what is left is a broken form).
 */
static void cv_array(struct codec *c, uint32_t *n, void **v, size_t elem)
{
	cv_u32(c, n);
	if (!c->rd || c->err)
		return;
	*v = NULL;
	if (!*n)
		return;
	if (*n > (uint64_t)(c->end - c->in)) {
		c->err = -EINVAL;
		*n = 0;
		return;
	}
	*v = calloc(*n, elem);
	if (!*v) {
		c->err = -ENOMEM;
		*n = 0;
	}
}

#define CV_VEC(c, vec)                                                                             \
	do {                                                                                       \
		cv_array((c), &(vec)->n, (void **)&(vec)->v, sizeof(*(vec)->v));                   \
		if ((c)->rd)                                                                       \
			(vec)->cap = (vec)->n;                                                     \
	} while (0)

static void cv_span(struct codec *c, struct span *s)
{
	cv_off(c, &s->off);
	cv_u32(c, &s->len);
}

static void cv_subprog(struct codec *c, struct subprog *s)
{
	cv_u32(c, &s->id);
	cv_u32(c, &s->start);
	cv_ix(c, &s->end);
	cv_u32(c, &s->name);
	cv_u8(c, &s->linkage);
	cv_u8(c, &s->contexts);
	cv_i8(c, &s->might_sleep);
	cv_u16(c, &s->roles);
	cv_u32(c, &s->btf_proto);
}

static void cv_ctx_run(struct codec *c, struct ctx_run *r)
{
	cv_u32(c, &r->step);
	cv_i8(c, &r->sleepable);
	cv_u8(c, &r->region);
	for (int k = 0; k < CTX_NREGIONS; k++)
		cv_ix(c, &r->opened_at[k]);
	cv_ix(c, &r->event);
}

static void cv_fstate(struct codec *c, struct fstate *f)
{
	cv_off(c, &f->off);
	cv_u32(c, &f->len);
	cv_u32(c, &f->step);
	cv_ix(c, &f->insn);
	cv_u32(c, &f->path);
	cv_u8(c, &f->frame);
	cv_u8(c, &f->kind);
}

static void cv_path(struct codec *c, struct path *pa)
{
	cv_off(c, &pa->off);
	cv_u32(c, &pa->first_step);
	cv_u32(c, &pa->nsteps);
	cv_ix(c, &pa->from_insn);
	cv_ix(c, &pa->to_insn);
	cv_ix(c, &pa->parent_step);
	cv_u32(c, &pa->unit);
	cv_ix(c, &pa->fstate);
	cv_u8(c, &pa->flags);
}

static void cv_unit(struct codec *c, struct unit *u)
{
	cv_u8(c, &u->kind);
	cv_u8(c, &u->safe);
	cv_u32(c, &u->name);
	cv_ix(c, &u->func_id);
	cv_u32(c, &u->start_insn);
	cv_u32(c, &u->first_path);
	cv_u32(c, &u->npaths);
	cv_u32(c, &u->first_step);
	cv_u32(c, &u->nsteps);
	cv_ix(c, &u->push_step);
}

static void cv_stats(struct codec *c, struct stats *s)
{
	cv_i64(c, &s->verification_time_usec);
	cv_i32(c, &s->processed_insns);
	cv_i32(c, &s->insn_limit);
	cv_i32(c, &s->max_states_per_insn);
	cv_i32(c, &s->total_states);
	cv_i32(c, &s->peak_states);
	cv_i32(c, &s->mark_read);
	cv_u32(c, &s->stack_depth);
}

static void cv_insn_fact(struct codec *c, struct insn_fact *f)
{
	cv_u8(c, &f->opcode);
	cv_u8(c, &f->kind);
	cv_u16(c, &f->text_len);
	cv_ix(c, &f->target);
	cv_u32(c, &f->name);
	cv_i32(c, &f->call_id);
}

/* the steps through their accessors: the step table packs them its own way */
static void cv_steps(struct codec *c, struct program *p, uint32_t n)
{
	for (uint32_t k = 0; k < n && !c->err; k++) {
		struct step s = c->rd ? (struct step){ 0 } : step_at(p, k);

		cv_u32(c, &s.insn);
		cv_u8(c, &s.frame);
		cv_u8(c, &s.flags);
		cv_u16(c, &s.tail);
		cv_off(c, &s.off);
		if (c->rd) {
			int rc = program_add_step(p, &s);

			if (rc)
				c->err = rc;
		}
	}
}

/* the per-insn tables; any of them may be absent (no log line showed an insn: no facts) */
static void cv_insn_tables(struct codec *c, struct program *p)
{
	uint32_t n = p->ninsns;
	uint8_t has = (p->visits ? 1 : 0) | (p->insn_line ? 2 : 0) | (p->insns ? 4 : 0);

	cv_u32(c, &n);
	cv_u8(c, &has);
	if (c->rd && n && !c->err) {
		if (n > (uint64_t)(c->end - c->in) || n > MODEL_MAX_INSNS) {
			c->err = -EINVAL;
			return;
		}
		if (((has & 1) && !(p->visits = malloc((size_t)n * sizeof(*p->visits)))) ||
		    ((has & 2) && !(p->insn_line = malloc((size_t)n * sizeof(*p->insn_line)))) ||
		    ((has & 4) && !(p->insns = malloc((size_t)n * sizeof(*p->insns))))) {
			c->err = -ENOMEM;
			return;
		}
		p->ninsns = n;
	}
	if (c->rd && !n)
		return;
	for (uint32_t i = 0; i < n && !c->err; i++) {
		if (p->visits)
			cv_u32(c, &p->visits[i]);
		if (p->insn_line)
			cv_off_opt(c, &p->insn_line[i]);
		if (p->insns)
			cv_insn_fact(c, &p->insns[i]);
	}
}

static void cv_edge(struct codec *c, struct edge *e)
{
	cv_u32(c, &e->from);
	cv_u32(c, &e->to);
	cv_ix(c, &e->insn);
	cv_u32(c, &e->via);
	cv_u8(c, &e->kind);
	cv_i8(c, &e->sleepable);
	cv_u8(c, &e->arg_reg);
}

static void cv_sleep_event(struct codec *c, struct sleep_event *e)
{
	cv_ix(c, &e->step);
	cv_ix(c, &e->insn);
	cv_ix(c, &e->subprog);
	cv_u8(c, &e->event);
	cv_u8(c, &e->cause);
	cv_u8(c, &e->region);
	cv_u8(c, &e->kind);
	cv_u32(c, &e->call);
	cv_ix(c, &e->at);
	cv_ix(c, &e->callee);
	cv_ix(c, &e->finding);
	cv_u32(c, &e->reason);
}

static void cv_finding(struct codec *c, struct sleep_finding *f)
{
	cv_u8(c, &f->kind);
	cv_ix(c, &f->insn);
	cv_ix(c, &f->subprog);
	cv_ptr(c, &f->call);
	cv_ix(c, &f->callee);
	cv_i8(c, &f->sleepable);
	cv_u8(c, &f->region);
	cv_ix(c, &f->region_insn);
	cv_u8(c, &f->root);
	cv_ix(c, &f->root_subprog);
	cv_u8(c, &f->nhops);
	if (f->nhops > SLEEP_MAX_HOPS) {
		c->err = -EINVAL;
		f->nhops = 0;
	}
	for (unsigned int h = 0; h < f->nhops; h++) {
		struct sleep_hop *o = &f->hops[h];

		cv_u8(c, &o->kind);
		cv_ix(c, &o->insn);
		cv_ix(c, &o->to);
		cv_ptr(c, &o->via);
		cv_i8(c, &o->sleepable);
	}
}

static void cv_ctx_arg(struct codec *c, struct ctx_arg *a)
{
	cv_u32(c, &a->func);
	cv_u32(c, &a->kind);
	cv_u32(c, &a->type);
	cv_u32(c, &a->btf_id);
	cv_u32(c, &a->arg);
	cv_off(c, &a->off);
}

static void cv_cold(struct codec *c, struct program *p)
{
	struct program_cold *pc = p->cold;
	uint32_t i, nsrc = pc->srcs.n;

	CV_VEC(c, &pc->edges);
	for (i = 0; i < pc->edges.n && !c->err; i++)
		cv_edge(c, &pc->edges.v[i]);
	CV_VEC(c, &pc->sleep_events);
	for (i = 0; i < pc->sleep_events.n && !c->err; i++)
		cv_sleep_event(c, &pc->sleep_events.v[i]);
	CV_VEC(c, &pc->findings);
	for (i = 0; i < pc->findings.n && !c->err; i++)
		cv_finding(c, &pc->findings.v[i]);
	cv_ix(c, &pc->error_finding);
	cv_u32(c, &pc->refused_errno);
	cv_bool(c, &pc->has_diag);
	cv_u32(c, &pc->diag.category);
	cv_u32(c, &pc->diag.title);
	cv_u32(c, &pc->diag.reason);
	cv_u32(c, &pc->diag.at);
	cv_u32(c, &pc->diag.suggestion);
	CV_VEC(c, &pc->diag.causal_path);
	for (i = 0; i < pc->diag.causal_path.n && !c->err; i++)
		cv_u32(c, &pc->diag.causal_path.v[i]);
	CV_VEC(c, &pc->ctx_args);
	for (i = 0; i < pc->ctx_args.n && !c->err; i++)
		cv_ctx_arg(c, &pc->ctx_args.v[i]);
	CV_VEC(c, &pc->unknown);
	for (i = 0; i < pc->unknown.n && !c->err; i++)
		cv_off(c, &pc->unknown.v[i]);
	cv_u64(c, &pc->unknown_lines);
	CV_VEC(c, &pc->named_funcs);
	for (i = 0; i < pc->named_funcs.n && !c->err; i++) {
		cv_u32(c, &pc->named_funcs.v[i].id);
		cv_u32(c, &pc->named_funcs.v[i].name);
	}
	/* the source lines through their accessors, as the steps */
	cv_u32(c, &nsrc);
	for (i = 0; i < nsrc && !c->err; i++) {
		uint64_t off = c->rd ? 0 : src_off(p, i);
		int rc;

		cv_off(c, &off);
		if (c->rd && !c->err && (rc = program_add_src(p, off)))
			c->err = rc;
	}
}

/*
 * The layout, once. The head (name, section, verdict, step count) comes
 * first, for model_prog_head(); reading, p is a fresh program that every
 * field is read into.
 */
static void pack_program(struct codec *c, struct program *p)
{
	uint32_t i, nsteps = p->steps.n;
	bool cold = p->cold != NULL;

	cv_u32(c, &p->name);
	cv_u32(c, &p->section);
	cv_u8(c, &p->verdict);
	cv_u32(c, &nsteps);
	cv_i8(c, &p->sleepable);
	cv_u8(c, &p->log_level);
	cv_bool(c, &p->insn_states_partial);
	cv_bool(c, &p->head_lost);
	cv_bool(c, &p->error_after);
	cv_u8(c, &p->not_verified);
	cv_u8(c, &p->sleep_rules_src);
	cv_u32(c, &p->dialect);
	cv_u32(c, &p->sleep_rules);
	cv_u64(c, &p->log.off);
	c->off = p->log.off;
	cv_u32(c, &p->log.len);
	CV_VEC(c, &p->error);
	for (i = 0; i < p->error.n && !c->err; i++)
		cv_span(c, &p->error.v[i]);
	cv_ix(c, &p->error_insn);
	cv_ix(c, &p->error_step);
	cv_stats(c, &p->stats);
	CV_VEC(c, &p->subprogs);
	for (i = 0; i < p->subprogs.n && !c->err; i++)
		cv_subprog(c, &p->subprogs.v[i]);
	CV_VEC(c, &p->ctx_runs);
	for (i = 0; i < p->ctx_runs.n && !c->err; i++)
		cv_ctx_run(c, &p->ctx_runs.v[i]);
	c->off = p->log.off;
	cv_steps(c, p, nsteps);
	CV_VEC(c, &p->fstates);
	for (i = 0; i < p->fstates.n && !c->err; i++)
		cv_fstate(c, &p->fstates.v[i]);
	CV_VEC(c, &p->paths);
	for (i = 0; i < p->paths.n && !c->err; i++)
		cv_path(c, &p->paths.v[i]);
	CV_VEC(c, &p->units);
	for (i = 0; i < p->units.n && !c->err; i++)
		cv_unit(c, &p->units.v[i]);
	cv_u32(c, &p->nlines);
	c->off = p->log.off;
	cv_insn_tables(c, p);
	cv_bool(c, &cold);
	if (c->rd && cold && !c->err && !program_cold_get(p))
		c->err = -ENOMEM;
	if (cold && !c->err) {
		c->off = p->log.off;
		cv_cold(c, p);
	}
}

int model_prog_pack(struct model *m, uint32_t i)
{
	struct prog_slot *sl = &m->progs.v[i];
	struct program *p = sl->p;
	struct codec c = { .out = &m->packed };
	uint64_t start = m->packed.n;

	if (!p || program_cold(p)->state_cache)
		return -EINVAL;
	if (sl->pack == UINT64_MAX) {
		pack_program(&c, p);
		if (c.err) {
			m->packed.n = start;
			return c.err;
		}
		sl->pack = start;
	}
	program_release(p);
	free(p);
	sl->p = NULL;
	return 0;
}

bool model_prog_worth_packing(const struct model *m, uint32_t i)
{
	const struct program *p = m->progs.v[i].p;

	return p && !program_cold(p)->state_cache && program_bytes(p) > p->log.len / 4;
}

void model_prog_drop(struct model *m, uint32_t i)
{
	struct prog_slot *sl = &m->progs.v[i];

	if (sl->p && sl->pack != UINT64_MAX) {
		program_release(sl->p);
		free(sl->p);
		sl->p = NULL;
	}
}

static void (*oom_hook)(void);

void model_on_oom(void (*hook)(void))
{
	oom_hook = hook;
}

static void expand_failed(int err)
{
	static const char enomem[] = "veristep: out of memory\n",
			  broken[] = "veristep: internal error: a packed program is broken\n";

	if (oom_hook)
		oom_hook();
	if (err == -ENOMEM) {
		if (write(2, enomem, sizeof(enomem) - 1) < 0)
			_exit(1);
	} else if (write(2, broken, sizeof(broken) - 1) < 0) {
		_exit(1);
	}
	_exit(1);
}

struct program *model_prog(const struct model *m, uint32_t i)
{
	struct prog_slot *sl = &m->progs.v[i];
	struct program *p;
	struct codec c = { .rd = true };

	if (sl->p)
		return sl->p;
	p = calloc(1, sizeof(*p));
	if (!p)
		expand_failed(-ENOMEM);
	c.in = m->packed.v + sl->pack;
	c.end = m->packed.v + m->packed.n;
	pack_program(&c, p);
	if (c.err)
		expand_failed(c.err);
	program_shrink(p);
	p->idx = i;
	sl->p = p;
	return p;
}

struct prog_head model_prog_head(const struct model *m, uint32_t i)
{
	const struct prog_slot *sl = &m->progs.v[i];
	struct prog_head h = { 0 };
	struct codec c = { .rd = true };

	if (sl->p) {
		h.name = sl->p->name;
		h.section = sl->p->section;
		h.verdict = sl->p->verdict;
		h.nsteps = sl->p->steps.n;
		return h;
	}
	c.in = m->packed.v + sl->pack;
	c.end = m->packed.v + m->packed.n;
	cv_u32(&c, &h.name);
	cv_u32(&c, &h.section);
	cv_u8(&c, &h.verdict);
	cv_u32(&c, &h.nsteps);
	if (c.err)
		expand_failed(c.err);
	return h;
}
