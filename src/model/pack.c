// SPDX-License-Identifier: MIT
/*
 * pack.c — a program's packed form: its every field as varints, offsets as
 * differences from the one before, arrays as a count and their elements.
 * One description of the layout (pack_program()) both writes and reads it,
 * so the two directions cannot drift apart. A tiny program (two insns, one
 * path) packs into about 40 bytes; its expansion costs 456.
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
	/* a record: the mask of its fields that differ from their defaults, then those */
	struct pack_arena rec, *outer; /* writing: the fields, held until the mask is known */
	uint64_t mask;
	unsigned int bit;
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

/* a pointer into the rules table or the object, which outlive the model's programs */
static void cv_ptr(struct codec *c, const char **v)
{
	uint64_t x = (uint64_t)(uintptr_t)*v;

	cv_u64(c, &x);
	if (c->rd)
		*v = (const char *)(uintptr_t)x;
}

/*
 * Records: rec_begin(), fields given with their default, rec_end(). Only
 * the fields that differ from their default are written, after a mask
 * saying which: a tiny program's path, whose parent, fork and state are
 * none, is a mask byte and its step count.
 */
static void rec_begin(struct codec *c)
{
	c->bit = 0;
	if (c->rd) {
		cv_u64(c, &c->mask);
		return;
	}
	c->mask = 0;
	c->outer = c->out;
	c->rec.n = 0;
	c->out = &c->rec;
}

static void rec_end(struct codec *c)
{
	if (c->rd)
		return;
	c->out = c->outer;
	cv_u64(c, &c->mask);
	for (uint64_t i = 0; i < c->rec.n; i++)
		put_byte(c, c->rec.v[i]);
}

/* is the next field of the record there: writing, because it differs from its default */
static bool rec_has(struct codec *c, bool differs)
{
	bool has;

	if (c->bit >= 64) {
		c->err = c->err ? c->err : -E2BIG;
		return false;
	}
	if (c->rd) {
		has = c->mask >> c->bit & 1;
	} else {
		has = differs;
		c->mask |= (uint64_t)differs << c->bit;
	}
	c->bit++;
	return has;
}

#define REC_FIELD(name, type, cv)                                                                  \
	static void name(struct codec *c, type *v, type d)                                         \
	{                                                                                          \
		if (rec_has(c, *v != d))                                                           \
			cv(c, v);                                                                  \
		else if (c->rd)                                                                    \
			*v = d;                                                                    \
	}
REC_FIELD(f_u32, uint32_t, cv_u32)
REC_FIELD(f_u16, uint16_t, cv_u16)
REC_FIELD(f_u8, uint8_t, cv_u8)
REC_FIELD(f_ix, uint32_t, cv_ix)
REC_FIELD(f_i64, int64_t, cv_i64)
REC_FIELD(f_i32, int32_t, cv_i32)
REC_FIELD(f_i8, int8_t, cv_i8)
REC_FIELD(f_bool, bool, cv_bool)

/* an offset, there when it is not the last one again */
static void f_off(struct codec *c, uint64_t *v)
{
	if (rec_has(c, *v != c->off))
		cv_off(c, v);
	else if (c->rd)
		*v = c->off;
}

/*
 * Reading, the storage of an array of n elements, exact and zeroed (each
 * element takes a byte at least, so a count past what is left is a broken
 * form). Writing, nothing: the count went into a record.
 */
static void cv_alloc(struct codec *c, uint32_t n, uint32_t *vn, uint32_t *cap, void **v,
		     size_t elem)
{
	if (!c->rd || c->err)
		return;
	*v = NULL;
	*vn = *cap = 0;
	if (!n)
		return;
	if (n > (uint64_t)(c->end - c->in)) {
		c->err = -EINVAL;
		return;
	}
	*v = calloc(n, elem);
	if (!*v) {
		c->err = -ENOMEM;
		return;
	}
	*vn = *cap = n;
}

#define CV_ALLOC(c, cnt, vec)                                                                      \
	cv_alloc((c), (cnt), &(vec)->n, &(vec)->cap, (void **)&(vec)->v, sizeof(*(vec)->v))

/* arrays of the rare part: their count, then their storage */
#define CV_VEC(c, vec)                                                                             \
	do {                                                                                       \
		uint32_t cnt_ = (vec)->n;                                                          \
                                                                                                   \
		cv_u32((c), &cnt_);                                                                \
		CV_ALLOC((c), cnt_, (vec));                                                        \
	} while (0)

static void cv_span(struct codec *c, struct span *s)
{
	cv_off(c, &s->off);
	cv_u32(c, &s->len);
}

/* the defaults of each element follow from the one before (prev, NULL for the first) */
static void cv_subprog(struct codec *c, struct subprog *s, const struct subprog *prev)
{
	rec_begin(c);
	f_u32(c, &s->id, prev ? prev->id + 1 : 0);
	f_u32(c, &s->start, prev && prev->end != IDX_NONE ? prev->end : 0);
	f_ix(c, &s->end, IDX_NONE);
	f_u8(c, &s->linkage, prev ? LINKAGE_STATIC : LINKAGE_MAIN);
	f_u16(c, &s->roles, prev ? ROLE_STATIC : ROLE_MAIN);
	f_u8(c, &s->contexts, 0);
	f_i8(c, &s->might_sleep, -1);
	f_u32(c, &s->name, STR_NONE);
	f_u32(c, &s->btf_proto, STR_NONE);
	rec_end(c);
}

static void cv_ctx_run(struct codec *c, struct ctx_run *r, const struct ctx_run *prev)
{
	rec_begin(c);
	f_u32(c, &r->step, 0);
	f_i8(c, &r->sleepable, prev ? prev->sleepable : -1);
	f_u8(c, &r->region, prev ? prev->region : 0);
	for (int k = 0; k < CTX_NREGIONS; k++)
		f_ix(c, &r->opened_at[k], prev ? prev->opened_at[k] : IDX_NONE);
	f_ix(c, &r->event, IDX_NONE);
	rec_end(c);
}

static void cv_fstate(struct codec *c, struct fstate *f, const struct fstate *prev)
{
	rec_begin(c);
	f_off(c, &f->off);
	f_u32(c, &f->len, 0);
	f_u32(c, &f->step, prev ? prev->step : 0);
	f_ix(c, &f->insn, IDX_NONE);
	f_u32(c, &f->path, prev ? prev->path : 0);
	f_u8(c, &f->frame, prev ? prev->frame : 0);
	f_u8(c, &f->kind, FS_INSN);
	rec_end(c);
}

static void cv_path(struct codec *c, struct path *pa, const struct path *prev)
{
	rec_begin(c);
	f_u32(c, &pa->nsteps, 0);
	f_off(c, &pa->off);
	f_u32(c, &pa->first_step, prev ? prev->first_step + prev->nsteps : 0);
	f_ix(c, &pa->from_insn, IDX_NONE);
	f_ix(c, &pa->to_insn, IDX_NONE);
	f_ix(c, &pa->parent_step, IDX_NONE);
	f_u32(c, &pa->unit, prev ? prev->unit : 0);
	f_ix(c, &pa->fstate, IDX_NONE);
	f_u8(c, &pa->flags, 0);
	rec_end(c);
}

static void cv_unit(struct codec *c, struct unit *u, const struct unit *prev)
{
	rec_begin(c);
	f_u32(c, &u->nsteps, 0);
	f_u32(c, &u->npaths, 1);
	f_u8(c, &u->kind, UNIT_MAIN);
	f_u8(c, &u->safe, 0);
	f_u32(c, &u->name, STR_NONE);
	f_ix(c, &u->func_id, IDX_NONE);
	f_u32(c, &u->start_insn, 0);
	f_u32(c, &u->first_path, prev ? prev->first_path + prev->npaths : 0);
	f_u32(c, &u->first_step, prev ? prev->first_step + prev->nsteps : 0);
	f_ix(c, &u->push_step, IDX_NONE);
	rec_end(c);
}

/* defaults: what a small accepted program prints (the limit is the kernel's) */
static void cv_stats(struct codec *c, struct stats *s)
{
	rec_begin(c);
	f_i32(c, &s->processed_insns, -1);
	f_i32(c, &s->insn_limit, 1000000);
	f_i32(c, &s->max_states_per_insn, 0);
	f_i32(c, &s->total_states, 0);
	f_i32(c, &s->peak_states, 0);
	f_i32(c, &s->mark_read, 0);
	f_i64(c, &s->verification_time_usec, -1);
	f_u32(c, &s->stack_depth, STR_NONE);
	rec_end(c);
}

/* the steps through their accessors: the step table packs them its own way */
static void cv_steps(struct codec *c, struct program *p, uint32_t n)
{
	struct step prev = { 0 };

	for (uint32_t k = 0; k < n && !c->err; k++) {
		struct step s = c->rd ? (struct step){ 0 } : step_at(p, k);

		cv_off(c, &s.off);
		rec_begin(c);
		f_u32(c, &s.insn, k ? prev.insn + 1 : 0);
		f_u8(c, &s.flags, 0);
		f_u16(c, &s.tail, 0);
		f_u8(c, &s.frame, prev.frame);
		rec_end(c);
		if (c->rd && !c->err) {
			int rc = program_add_step(p, &s);

			if (rc)
				c->err = rc;
		}
		prev = s;
	}
}

/* the per-insn tables; any of them may be absent (no log line showed an insn: no facts) */
static void cv_insn_tables(struct codec *c, struct program *p, uint32_t n, uint8_t has)
{
	if (c->rd && n && !c->err) {
		if (n > (uint64_t)(c->end - c->in) || n > MODEL_MAX_INSNS) {
			c->err = -EINVAL;
			return;
		}
		if (((has & 1) && !(p->visits = calloc(n, sizeof(*p->visits)))) ||
		    ((has & 2) && !(p->insn_line = calloc(n, sizeof(*p->insn_line)))) ||
		    ((has & 4) && !(p->insns = calloc(n, sizeof(*p->insns))))) {
			c->err = -ENOMEM;
			return;
		}
		p->ninsns = n;
	}
	for (uint32_t i = 0; i < n && !c->err; i++) {
		struct insn_fact *f = p->insns ? &p->insns[i] : NULL;
		uint64_t *line = p->insn_line ? &p->insn_line[i] : NULL;
		bool seen = !c->rd && line && *line != UINT64_MAX;

		rec_begin(c);
		if (p->visits)
			f_u32(c, &p->visits[i], 1);
		if (line) {
			f_bool(c, &seen, true);
			if (seen)
				f_off(c, line);
			else if (c->rd)
				*line = UINT64_MAX;
		}
		if (f) {
			f_u8(c, &f->opcode, 0);
			f_u16(c, &f->text_len, 0);
			f_u8(c, &f->kind, INSN_PLAIN);
			f_ix(c, &f->target, IDX_NONE);
			f_u32(c, &f->name, STR_NONE);
			f_i32(c, &f->call_id, -1);
		}
		rec_end(c);
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

static struct prog_head head_of(const struct program *p)
{
	return (struct prog_head){ p->name, p->section, p->verdict, p->steps.n };
}

/* the head, first, for model_prog_head() */
static void cv_head(struct codec *c, struct prog_head *h)
{
	rec_begin(c);
	f_u32(c, &h->nsteps, 0);
	f_u8(c, &h->verdict, VERDICT_ACCEPTED);
	f_u32(c, &h->name, STR_NONE);
	f_u32(c, &h->section, STR_NONE);
	rec_end(c);
}

/*
 * The layout, once. Reading, p is a fresh program that every field is read
 * into. The counts sit in a record with the usual ones as defaults (one
 * subprog, path, unit and context run; no error line, no full state).
 */
static void pack_program(struct codec *c, struct program *p)
{
	struct prog_head h = head_of(p);
	uint32_t i, nerr = p->error.n, nsub = p->subprogs.n, nrun = p->ctx_runs.n,
		    nfs = p->fstates.n, npath = p->paths.n, nunit = p->units.n, ninsns = p->ninsns;
	uint8_t has = (p->visits ? 1 : 0) | (p->insn_line ? 2 : 0) | (p->insns ? 4 : 0);
	bool cold = p->cold != NULL;

	cv_head(c, &h);
	p->name = h.name;
	p->section = h.section;
	p->verdict = h.verdict;
	cv_u64(c, &p->log.off);
	cv_u32(c, &p->log.len);
	rec_begin(c);
	f_u32(c, &p->dialect, STR_NONE);
	f_u32(c, &p->sleep_rules, STR_NONE);
	f_u32(c, &p->nlines, 0);
	f_u32(c, &ninsns, 0);
	f_u8(c, &p->log_level, 2);
	f_u8(c, &p->sleep_rules_src, 0);
	f_bool(c, &p->insn_states_partial, false);
	f_u32(c, &nsub, 1);
	f_u32(c, &npath, 1);
	f_u32(c, &nunit, 1);
	f_u32(c, &nrun, 1);
	f_u32(c, &nfs, 0);
	f_u32(c, &nerr, 0);
	f_ix(c, &p->error_insn, IDX_NONE);
	f_ix(c, &p->error_step, IDX_NONE);
	f_i8(c, &p->sleepable, -1);
	f_bool(c, &p->head_lost, false);
	f_bool(c, &p->error_after, false);
	f_u8(c, &p->not_verified, NOT_VERIFIED_NO);
	f_u8(c, &has, 7);
	f_bool(c, &cold, false);
	rec_end(c);
	c->off = p->log.off;
	cv_stats(c, &p->stats);
	CV_ALLOC(c, nerr, &p->error);
	for (i = 0; i < p->error.n && !c->err; i++)
		cv_span(c, &p->error.v[i]);
	CV_ALLOC(c, nsub, &p->subprogs);
	for (i = 0; i < p->subprogs.n && !c->err; i++)
		cv_subprog(c, &p->subprogs.v[i], i ? &p->subprogs.v[i - 1] : NULL);
	CV_ALLOC(c, nrun, &p->ctx_runs);
	for (i = 0; i < p->ctx_runs.n && !c->err; i++)
		cv_ctx_run(c, &p->ctx_runs.v[i], i ? &p->ctx_runs.v[i - 1] : NULL);
	c->off = p->log.off;
	cv_steps(c, p, h.nsteps);
	c->off = p->log.off;
	CV_ALLOC(c, nfs, &p->fstates);
	for (i = 0; i < p->fstates.n && !c->err; i++)
		cv_fstate(c, &p->fstates.v[i], i ? &p->fstates.v[i - 1] : NULL);
	c->off = p->log.off;
	CV_ALLOC(c, npath, &p->paths);
	for (i = 0; i < p->paths.n && !c->err; i++)
		cv_path(c, &p->paths.v[i], i ? &p->paths.v[i - 1] : NULL);
	CV_ALLOC(c, nunit, &p->units);
	for (i = 0; i < p->units.n && !c->err; i++)
		cv_unit(c, &p->units.v[i], i ? &p->units.v[i - 1] : NULL);
	c->off = p->log.off;
	cv_insn_tables(c, p, ninsns, has);
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
		free(c.rec.v);
		if (c.err) {
			m->packed.n = start;
			return c.err;
		}
		sl->pack = start;
	}
	model_prog_drop(m, i);
	return 0;
}

bool model_prog_worth_packing(const struct model *m, uint32_t i)
{
	const struct program *p = m->progs.v[i].p;

	return p && program_bytes(p) > p->log.len / 4;
}

void model_prog_drop(struct model *m, uint32_t i)
{
	struct prog_slot *sl = &m->progs.v[i];

	if (sl->p && sl->pack != UINT64_MAX) {
		program_free(sl->p);
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
	const char *msg = err == -ENOMEM ? enomem : broken;

	if (oom_hook)
		oom_hook();
	if (write(2, msg, strlen(msg)) < 0) {
		/* nothing more to say */
	}
	_exit(1);
}

/* the slow half of model_prog(): a packed program, expanded */
struct program *model_prog_expand(const struct model *m, uint32_t i)
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

	if (sl->p)
		return head_of(sl->p);
	c.in = m->packed.v + sl->pack;
	c.end = m->packed.v + m->packed.n;
	cv_head(&c, &h);
	if (c.err)
		expand_failed(c.err);
	return h;
}
