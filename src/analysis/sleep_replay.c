// SPDX-License-Identifier: MIT
/*
 * sleep_replay.c — the dynamic side: replay the log's exploration and
 * carry the sleepable context along each path, since the log never
 * prints it (docs/sleepable-rules.md §7). A path starts from the context
 * after its parent step (a branch or a sync callback inherits); the first
 * path of an async callback unit starts fresh with its kind's flag; a
 * global's validation starts with the program's flag. Region depths
 * follow the lock/unlock calls along the steps.
 *
 * Also: sleep_analyze(), the entry point, which fills the model (roles and
 * edges from the log alone, might_sleep, contexts, edges' contexts,
 * sleep_events) for every program.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/bpfobj.h"
#include "src/analysis/sleep_priv.h"

#define MAX_EVENTS (1u << 20)

/* the context carried along a path (stored as struct ctx_run) */
struct ctx {
	int8_t sleepable; /* 1, 0, -1 */
	uint8_t region;
	uint32_t opened[REGION__COUNT]; /* the insn that opened each open region */
	uint32_t event;			/* the event that made this context, IDX_NONE */
};

static const struct ctx ctx_none = { 0, 0, { IDX_NONE, IDX_NONE, IDX_NONE, IDX_NONE }, IDX_NONE };

static bool ctx_eq(const struct ctx *a, const struct ctx *b)
{
	return a->sleepable == b->sleepable && a->region == b->region && a->event == b->event &&
	       !memcmp(a->opened, b->opened, sizeof(a->opened));
}

struct rp {
	const struct subprog *last_sp; /* run_step()'s last program_subprog_at() */
	struct model *m;
	const struct model *cm;
	const struct program *p;
	uint32_t pi;
	struct sleep_rules r;
	struct sleep_prog sp;
	struct sleep_iv *iv;
	uint32_t niv;
	struct sleep_ms *ms;
	uint8_t *sub_ctx;  /* per subprog index, from the steps */
	uint8_t *site_ctx; /* per subprog index: contexts at calls to it (globals) */
	uint8_t *edge_ctx; /* per edge */
	bool disagreed;
	int err;
};

static bool point(struct ctx c)
{
	return c.sleepable == 1 && !c.region;
}

static uint8_t bit_of(struct ctx c)
{
	if (c.sleepable < 0)
		return 0;
	return point(c) ? CTX_SLEEPABLE : CTX_NON_SLEEPABLE;
}

static const struct sleep_iv *iv_at(const struct rp *rp, uint32_t insn)
{
	static const struct sleep_iv none = { .kind = IV_UNKNOWN, .helper_id = -1 };

	return insn < rp->niv ? &rp->iv[insn] : &none;
}

/* an event with no data yet */
static struct sleep_event ev_blank(uint8_t cause)
{
	struct sleep_event e = { 0 };

	e.step = e.insn = e.subprog = e.at = e.callee = e.finding = IDX_NONE;
	e.cause = cause;
	e.call = STR_NONE;
	return e;
}

/* append t to p's events, worded by the one formatter; its index, IDX_NONE when not kept */
static uint32_t push_event(struct model *m, uint32_t pi, const struct sleep_event *t, int *err)
{
	struct program *p = model_prog(m, pi);
	struct program_cold *pc;
	struct sleep_event *e;
	char buf[1600];

	if (program_cold(p)->sleep_events.n >= MAX_EVENTS) {
		if (program_cold(p)->sleep_events.n == MAX_EVENTS)
			model_warn(m,
				   "more than %u sleepable-context events: the rest are not kept",
				   MAX_EVENTS);
		return IDX_NONE;
	}
	pc = program_cold_get(p);
	e = pc ? vec_push(&pc->sleep_events) : NULL;
	if (!e) {
		*err = -ENOMEM;
		return IDX_NONE;
	}
	*e = *t;
	sleep_event_format(m, p, e, buf, sizeof(buf));
	e->reason = strtab_intern_cstr(&m->str, buf);
	return pc->sleep_events.n - 1;
}

/* an event at step k (or IDX_NONE) of kind `kind` from t's data */
static uint32_t add_event(struct rp *rp, uint32_t k, uint8_t kind, struct sleep_event t)
{
	const struct program *p = model_prog(rp->m, rp->pi);
	const struct subprog *s;

	t.step = k;
	t.insn = k == IDX_NONE ? IDX_NONE : step_insn(p, k);
	s = k == IDX_NONE ? NULL : program_subprog_at(p, t.insn);
	t.subprog = s ? s->id : IDX_NONE;
	t.event = kind;
	return push_event(rp->m, rp->pi, &t, &rp->err);
}

/* the context a unit starts with */
static struct ctx unit_init(struct rp *rp, const struct unit *u, const char **via)
{
	struct ctx c = ctx_none;

	c.sleepable = (int8_t)rp->sp.sleepable;
	*via = NULL;
	if (u->kind != UNIT_ASYNC_CB)
		return c;
	if (u->push_step != IDX_NONE)
		*via = iv_at(rp, step_insn(rp->p, u->push_step))->name;
	if (!*via && u->start_insn != IDX_NONE) {
		uint32_t i;

		for (i = 0; i < program_cold(rp->p)->edges.n; i++) {
			const struct edge *e = &program_cold(rp->p)->edges.v[i];
			int t = sleep_sub_idx(rp->p, e->to);

			if (e->kind == EDGE_ASYNC_CALLBACK && t >= 0 &&
			    rp->p->subprogs.v[t].start == u->start_insn)
				*via = iv_at(rp, e->insn)->name;
		}
	}
	c.sleepable = *via ? (int8_t)sleep_async_ctx(&rp->r, &rp->sp, *via) : -1;
	return c;
}

/* one step: check its call in context *c, then apply its effect */
static void run_step(struct rp *rp, uint32_t k, struct ctx *c)
{
	const struct program *p = rp->p;
	struct step st = step_at(p, k);
	const struct sleep_iv *v = iv_at(rp, st.insn);
	const struct subprog *s = rp->last_sp;
	int si;

	/* the subprog of the step before, most often: what the search would find */
	if (!s || st.insn < s->start || (s->end != IDX_NONE && st.insn >= s->end) ||
	    (s + 1 < p->subprogs.v + p->subprogs.n && st.insn >= s[1].start))
		s = rp->last_sp = program_subprog_at(p, st.insn);
	si = s ? (int)(s - p->subprogs.v) : -1;
	enum sleep_kind kd = SK_NONE;
	uint8_t before = c->region, after;
	int ci = -1;

	if (si >= 0 && st.insn == s->start && rp->sub_ctx)
		rp->sub_ctx[si] |= bit_of(*c);
	if (v->kind == IV_SUBCALL) {
		ci = sleep_sub_at_start(p, v->target);
		if (ci >= 0) {
			bool global = p->subprogs.v[ci].linkage == LINKAGE_GLOBAL;

			kd = sleep_check_call(&rp->r, &rp->sp, v, c->sleepable, c->region,
					      rp->ms ? rp->ms[ci].bit : -1, global);
			if (rp->site_ctx)
				rp->site_ctx[ci] |= bit_of(*c);
		}
	} else if (v->kind == IV_HELPER || v->kind == IV_KFUNC) {
		kd = sleep_check_call(&rp->r, &rp->sp, v, c->sleepable, c->region, -1, false);
	} else if (v->kind == IV_EXIT && !st.frame && c->region) {
		kd = SK_EXIT_REGION; /* the verifier checks regions at a frame-0 exit */
	}
	if (rp->edge_ctx &&
	    (v->kind == IV_SUBCALL || v->kind == IV_HELPER || v->kind == IV_KFUNC)) {
		uint32_t e;

		for (e = 0; e < program_cold(p)->edges.n; e++)
			if (program_cold(p)->edges.v[e].insn == st.insn)
				rp->edge_ctx[e] |= bit_of(*c);
	}
	{
		enum sleep_kind logk = SK_NONE;
		char *err = NULL;

		if (k == p->error_step) {
			err = program_error_text(rp->cm, p);
			logk = sleep_classify_error(err);
			free(err);
		}
		if (k == p->error_step && sleep_kind_is_sleep(logk)) {
			/* a global whose body we cannot see: take the kernel's word */
			bool blind =
				c->sleepable < 0 || (v->kind == IV_SUBCALL &&
						     (ci < 0 || !rp->ms || rp->ms[ci].bit < 0));

			if (kd != logk && !rp->disagreed && !blind) {
				model_warn_prog(
					rp->m, rp->pi,
					"%s: the %s rules predict %s at insn %u, the log says %s: "
					"the kernel's rules differ",
					strtab_get(&rp->m->str, p->name), rp->r.name,
					kd == SK_NONE ? "no refusal" : sleep_kind_name(kd), st.insn,
					sleep_kind_name(logk));
				rp->disagreed = true;
			}
			{
				struct sleep_event t = ev_blank(SEVC_REFUSAL);

				t.kind = (uint8_t)logk;
				add_event(rp, k, SEV_VIOLATION, t);
			}
		} else if (sleep_kind_is_sleep(kd) && k != p->error_step && !rp->disagreed) {
			model_warn_prog(
				rp->m, rp->pi,
				"%s: the %s rules refuse the call at insn %u (%s) but the kernel "
				"went on: it applied other rules (try --kernel)",
				strtab_get(&rp->m->str, p->name), rp->r.name, st.insn,
				sleep_kind_name(kd));
			rp->disagreed = true;
		}
	}
	if (v->kind == IV_HELPER || v->kind == IV_KFUNC) {
		after = sleep_region_apply(c->region, v->name);
		if (after != before) {
			struct ctx n = *c;
			const struct sleep_region_op *o = sleep_region_op_lookup(v->name);
			uint32_t ev = IDX_NONE;
			int g;

			n.region = after;
			for (g = 0; g < REGION__COUNT; g++) {
				if (!REGION_DEPTH(before, g) && REGION_DEPTH(after, g))
					n.opened[g] = st.insn;
				else if (!REGION_DEPTH(after, g))
					n.opened[g] = IDX_NONE;
			}
			if (point(*c) != point(n)) {
				struct sleep_event t =
					ev_blank(point(n) ? SEVC_REGION_CLOSE : SEVC_REGION_OPEN);

				t.call = strtab_intern_cstr(&rp->m->str, v->name);
				t.region = (uint8_t)o->region;
				ev = add_event(rp, k, point(n) ? SEV_SET : SEV_LOST, t);
			}
			if (ev != IDX_NONE)
				n.event = ev;
			*c = n;
		}
	}
}

/* the event at the start of a unit's first path */
static uint32_t unit_start_event(struct rp *rp, uint32_t k, const struct unit *u, struct ctx c,
				 const char *via, const struct ctx *pushed)
{
	const struct program *p = rp->p;

	if (u->kind == UNIT_ASYNC_CB && c.sleepable >= 0) {
		uint32_t pin = u->push_step != IDX_NONE ? step_insn(p, u->push_step) : IDX_NONE;
		bool was = pushed ? point(*pushed) : rp->sp.sleepable == 1;
		struct sleep_event t = ev_blank(SEVC_ASYNC_ENTRY);

		t.callee = program_subprog_at(p, u->start_insn) ?
				   program_subprog_at(p, u->start_insn)->id :
				   IDX_NONE;
		t.at = pin;
		t.call = via ? strtab_intern_cstr(&rp->m->str, via) : STR_NONE;
		if (c.sleepable == 1 && !was)
			return add_event(rp, k, SEV_SET, t);
		else if (c.sleepable == 0 && was)
			return add_event(rp, k, SEV_LOST, t);
	} else if (u->kind == UNIT_GLOBAL && rp->sp.sleepable == 0 && rp->site_ctx) {
		int si = u->start_insn != IDX_NONE ? sleep_sub_at_start(p, u->start_insn) : -1;

		if (si >= 0 && (rp->site_ctx[si] & CTX_SLEEPABLE)) {
			struct sleep_event t = ev_blank(SEVC_GLOBAL_ENTRY);

			t.callee = p->subprogs.v[si].id;
			return add_event(rp, k, SEV_LOST, t);
		}
	}
	return IDX_NONE;
}

static int rp_init(struct rp *rp, const struct model *m, uint32_t pi)
{
	const struct program *p = model_prog(m, pi);

	rp->cm = m;
	rp->p = p;
	rp->pi = pi;
	sleep_program_rules(m, p, &rp->r);
	sleep_prog_facts(m, pi, &rp->sp);
	rp->iv = sleep_iv_build(m, pi, &rp->niv);
	rp->ms = calloc(p->subprogs.n + 1, sizeof(*rp->ms));
	if (!rp->iv || !rp->ms)
		return -ENOMEM;
	sleep_might_sleep(m, pi, &rp->r, rp->iv, rp->niv, rp->ms, true);
	/* the model's bits may know more (from the log's own error) */
	for (uint32_t k = 0; k < p->subprogs.n; k++)
		if (rp->ms[k].bit < 0 && p->subprogs.v[k].might_sleep >= 0)
			rp->ms[k].bit = p->subprogs.v[k].might_sleep;
	return 0;
}

static void rp_release(struct rp *rp)
{
	free(rp->iv);
	free(rp->ms);
}

/* append c as the context from step k on, unless it is the one in force */
static int push_run(struct program *p, uint32_t k, const struct ctx *c)
{
	struct ctx_run *run;

	if (p->ctx_runs.n) {
		const struct ctx_run *l = &p->ctx_runs.v[p->ctx_runs.n - 1];
		struct ctx prev = { l->sleepable, l->region, { 0 }, l->event };

		memcpy(prev.opened, l->opened_at, sizeof(prev.opened));
		if (ctx_eq(&prev, c))
			return 0;
	}
	run = vec_push(&p->ctx_runs);
	if (!run)
		return -ENOMEM;
	run->step = k;
	run->sleepable = c->sleepable;
	run->region = c->region;
	memcpy(run->opened_at, c->opened, sizeof(run->opened_at));
	run->event = c->event;
	return 0;
}

/*
 * The contexts after steps, for the paths they push: one index per step
 * into a list of distinct contexts (consecutive equal ones are shared).
 */
struct after_list {
	VEC(struct ctx) vals;
	uint32_t *at; /* per step */
};

static int after_set(struct after_list *a, uint32_t k, const struct ctx *c)
{
	if (!a->vals.n || !ctx_eq(&a->vals.v[a->vals.n - 1], c)) {
		struct ctx *n = vec_push(&a->vals);

		if (!n)
			return -ENOMEM;
		*n = *c;
	}
	a->at[k] = a->vals.n - 1;
	return 0;
}

int sleep_replay(struct model *m, uint32_t pi, const struct sleep_rules *r)
{
	struct program *p = model_prog(m, pi);
	struct rp rp = { 0 };
	struct after_list after = { 0 };
	struct ctx *unit_last = NULL;
	uint32_t pa, k;
	int rc;

	(void)r;
	p->ctx_runs.n = 0;
	if (!p->steps.n)
		return 0;
	rc = rp_init(&rp, m, pi);
	rp.m = m;
	after.at = malloc(sizeof(*after.at) * p->steps.n);
	unit_last = calloc(p->units.n + 1, sizeof(*unit_last));
	rp.sub_ctx = calloc(p->subprogs.n + 1, 1);
	rp.site_ctx = calloc(p->subprogs.n + 1, 1);
	rp.edge_ctx = calloc(program_cold(p)->edges.n + 1, 1);
	if (rc || !after.at || !unit_last || !rp.sub_ctx || !rp.site_ctx || !rp.edge_ctx) {
		rc = -ENOMEM;
		goto out;
	}
	for (k = 0; k <= p->units.n; k++)
		unit_last[k] = ctx_none;
	for (pa = 0; pa < p->paths.n && !rp.err; pa++) {
		const struct path *P = &p->paths.v[pa];
		const struct unit *u = &p->units.v[P->unit];
		struct ctx c;
		const char *via;

		if (!P->nsteps)
			continue;
		if (pa == u->first_path) {
			uint32_t ev;

			c = unit_init(&rp, u, &via);
			ev = unit_start_event(&rp, P->first_step, u, c, via,
					      u->push_step != IDX_NONE &&
							      u->push_step < P->first_step ?
						      &after.vals.v[after.at[u->push_step]] :
						      NULL);
			if (ev != IDX_NONE)
				c.event = ev;
		} else if (P->parent_step != IDX_NONE && P->parent_step < P->first_step) {
			c = after.vals.v[after.at[P->parent_step]];
			/* "from X to X+1" after a res_spin_lock at X: the branch where it failed */
			if (P->from_insn != IDX_NONE && P->to_insn == P->from_insn + 1 &&
			    step_insn(p, P->parent_step) == P->from_insn) {
				const struct sleep_iv *v = iv_at(&rp, P->from_insn);
				uint8_t undone = v->kind == IV_KFUNC || v->kind == IV_HELPER ?
							 sleep_region_undo(c.region, v->name) :
							 c.region;

				for (int g = 0; g < REGION__COUNT; g++)
					if (!REGION_DEPTH(undone, g))
						c.opened[g] = IDX_NONE;
				c.region = undone;
			}
		} else {
			c = unit_last[P->unit];
		}
		for (k = P->first_step; k < P->first_step + P->nsteps && k < p->steps.n; k++) {
			/* the context after step k is set once run_step() gave it */
			if (push_run(p, k, &c)) {
				rp.err = -ENOMEM;
				break;
			}
			run_step(&rp, k, &c);
			if (after_set(&after, k, &c)) {
				rp.err = -ENOMEM;
				break;
			}
		}
		unit_last[P->unit] = c;
	}
	rc = rp.err;
	/* write back what the steps showed */
	for (k = 0; k < p->subprogs.n; k++) {
		struct subprog *s = &p->subprogs.v[k];

		s->contexts = rp.sub_ctx[k];
		if (s->linkage == LINKAGE_GLOBAL && !s->contexts && p->units.n) {
			/* never validated in this log: nothing explored */
			s->contexts = 0;
		}
	}
	for (k = 0; p->cold && k < p->cold->edges.n; k++) {
		struct edge *e = &p->cold->edges.v[k];

		if (e->kind == EDGE_CALLBACK && rp.edge_ctx[k])
			e->sleepable = rp.edge_ctx[k] == CTX_SLEEPABLE	   ? 1 :
				       rp.edge_ctx[k] == CTX_NON_SLEEPABLE ? 0 :
									     -1;
	}
out:
	vec_free(&after.vals);
	free(after.at);
	free(unit_last);
	free(rp.sub_ctx);
	free(rp.site_ctx);
	free(rp.edge_ctx);
	rp_release(&rp);
	return rc;
}

/* ---- the context at a step: the runs the replay stored ---------------------------------- */

const struct ctx_run *sleep_step_context(const struct program *p, uint32_t step)
{
	uint32_t lo = 0, hi = p->ctx_runs.n;

	if (step >= p->steps.n || !hi || p->ctx_runs.v[0].step > step)
		return NULL;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (p->ctx_runs.v[mid].step <= step)
			lo = mid;
		else
			hi = mid;
	}
	return &p->ctx_runs.v[lo];
}

int sleep_context_at(const struct model *m, const struct program *p, uint32_t step, int *sleepable,
		     uint8_t *region, uint32_t *event)
{
	const struct ctx_run *run = sleep_step_context(p, step);

	(void)m;
	if (!run)
		return -EINVAL;
	*sleepable = run->sleepable;
	*region = run->region;
	*event = run->event;
	return 0;
}

uint32_t sleep_region_opener(const struct model *m, const struct program *p, uint32_t k,
			     uint8_t region)
{
	const struct ctx_run *run = sleep_step_context(p, k);
	uint32_t at = IDX_NONE;
	int g;

	(void)m;
	/* the innermost: the region opened last */
	for (g = 0; run && g < REGION__COUNT; g++)
		if (REGION_DEPTH(region, g) && run->opened_at[g] != IDX_NONE &&
		    (at == IDX_NONE || run->opened_at[g] > at))
			at = run->opened_at[g];
	return at;
}

/* ---- from the log alone: edges and roles ----------------------------------------------- */

static int add_edge(struct model *m, struct program *p, uint32_t from, uint32_t to, uint32_t insn,
		    uint8_t kind, const char *via)
{
	const struct program_cold *c = program_cold(p);
	struct program_cold *pc;
	struct edge *e;
	uint32_t i;

	for (i = 0; i < c->edges.n; i++)
		if (c->edges.v[i].from == from && c->edges.v[i].to == to &&
		    c->edges.v[i].insn == insn && c->edges.v[i].kind == kind)
			return 0;
	pc = program_cold_get(p);
	e = pc ? vec_push(&pc->edges) : NULL;
	if (!e)
		return -ENOMEM;
	e->from = from;
	e->to = to;
	e->insn = insn;
	e->kind = kind;
	e->via = via ? strtab_intern_cstr(&m->str, via) : STR_NONE;
	e->sleepable = -1;
	return 0;
}

static int log_graph(struct model *m, uint32_t pi, const struct sleep_iv *iv, uint32_t niv)
{
	struct program *p = model_prog(m, pi);
	uint32_t i;
	int rc = 0;

	for (i = 0; i < niv && !rc; i++) {
		const struct subprog *f = program_subprog_at(p, i);
		int t;

		if (iv[i].kind != IV_SUBCALL || !f)
			continue;
		t = sleep_sub_at_start(p, iv[i].target);
		if (t >= 0) {
			uint32_t to = p->subprogs.v[t].id, fid = f->id;

			rc = add_edge(m, p, fid, to, i, EDGE_CALL, NULL);
			if (p->subprogs.v[t].linkage != LINKAGE_GLOBAL) {
				p->subprogs.v[t].roles |= ROLE_STATIC;
				if (p->subprogs.v[t].linkage == LINKAGE_UNKNOWN)
					p->subprogs.v[t].linkage = LINKAGE_STATIC;
			}
		}
	}
	for (i = 0; i < p->units.n && !rc; i++) {
		const struct unit *u = &p->units.v[i];
		const struct subprog *f;
		int t;

		if (u->kind != UNIT_ASYNC_CB || u->push_step == IDX_NONE)
			continue;
		f = program_subprog_at(p, step_insn(p, u->push_step));
		t = sleep_sub_at_start(p, u->start_insn);
		if (!f || t < 0)
			continue;
		p->subprogs.v[t].roles |= ROLE_ASYNC_CALLBACK;
		rc = add_edge(m, p, f->id, p->subprogs.v[t].id, step_insn(p, u->push_step),
			      EDGE_ASYNC_CALLBACK,
			      step_insn(p, u->push_step) < niv ?
				      iv[step_insn(p, u->push_step)].name :
				      NULL);
	}
	for (i = 0; i < p->paths.n && !rc; i++) {
		const struct path *P = &p->paths.v[i];
		const struct subprog *f;
		int t;

		if (!(P->flags & PATH_CB) || P->from_insn == IDX_NONE)
			continue;
		t = sleep_sub_at_start(p, P->to_insn);
		f = program_subprog_at(p, P->from_insn);
		if (t < 0 || !f)
			continue;
		p->subprogs.v[t].roles |= ROLE_CALLBACK;
		rc = add_edge(m, p, f->id, p->subprogs.v[t].id, P->from_insn, EDGE_CALLBACK,
			      P->from_insn < niv ? iv[P->from_insn].name : NULL);
	}
	return rc;
}

/* what the log proves about the program's flag when nothing else tells */
static void infer_sleepable(struct model *m, uint32_t pi, const struct sleep_iv *iv, uint32_t niv)
{
	struct program *p = model_prog(m, pi);
	enum sleep_kind logk = SK_NONE;
	char *err = program_error_text(m, p);
	uint32_t k;

	logk = sleep_classify_error(err);
	free(err);
	if (p->error_step != IDX_NONE &&
	    p->units.v[p->paths.v[step_path(p, p->error_step)].unit].kind == UNIT_MAIN &&
	    (logk == SK_HELPER_NONSLEEP || logk == SK_KFUNC_NONSLEEP)) {
		p->sleepable = 0;
		return;
	}
	for (k = 0; k < p->steps.n; k++) {
		struct step st = step_at(p, k);
		const struct sleep_call *sc;

		if (k == p->error_step || st.insn >= niv ||
		    (iv[st.insn].kind != IV_HELPER && iv[st.insn].kind != IV_KFUNC))
			continue;
		if (p->units.v[p->paths.v[step_path(p, k)].unit].kind != UNIT_MAIN)
			continue;
		sc = sleep_call_lookup(iv[st.insn].name);
		if (sc && !(sc->flags & SCF_COND_SLEEPABLE_PROG)) {
			p->sleepable = 1; /* a sleeping call the kernel let through */
			return;
		}
	}
}

/* ---- the entry point --------------------------------------------------------------- */

int sleep_analyze_prog(struct model *m, uint32_t pi, const char *kernel)
{
	struct program *p = model_prog(m, pi);
	struct sleep_rules r;
	struct sleep_prog sp;
	struct sleep_iv *iv;
	struct sleep_ms *ms = NULL;
	bool joined = bpfobj_joined(m, pi) != NULL;
	uint32_t niv, k;
	int rc = 0;

	sleep_rules_for(m, p, kernel, &r);
	p->sleep_rules = strtab_intern_cstr(&m->str, r.name);
	p->sleep_rules_src = r.source;
	iv = sleep_iv_build(m, pi, &niv);
	if (!iv)
		return -ENOMEM;
	if (!joined) {
		rc = log_graph(m, pi, iv, niv);
		if (p->sleepable < 0 && p->steps.n)
			infer_sleepable(m, pi, iv, niv);
	}
	sleep_prog_facts(m, pi, &sp);
	ms = calloc(p->subprogs.n + 1, sizeof(*ms));
	if (rc || !ms) {
		rc = rc ? rc : -ENOMEM;
		goto out;
	}
	/*
	 * the bit shown: for a global the kernel's summary (what its callers are
	 * checked against), for any other subprog whether it sleeps in its own
	 * context (never through an async callback)
	 */
	sleep_might_sleep(m, pi, &r, iv, niv, ms, false);
	for (k = 0; k < p->subprogs.n; k++)
		if (p->subprogs.v[k].linkage != LINKAGE_GLOBAL)
			p->subprogs.v[k].might_sleep = ms[k].bit;
	sleep_might_sleep(m, pi, &r, iv, niv, ms, true);
	for (k = 0; k < p->subprogs.n; k++)
		if (p->subprogs.v[k].linkage == LINKAGE_GLOBAL)
			p->subprogs.v[k].might_sleep = ms[k].bit;
	/* a log refusing a call to a global for sleeping proves its bit */
	if (p->error_step != IDX_NONE) {
		char *err = program_error_text(m, p);
		uint32_t ins = step_insn(p, p->error_step);

		if (sleep_classify_error(err) == SK_GLOBAL_SLEEP && ins < niv &&
		    iv[ins].kind == IV_SUBCALL) {
			int t = sleep_sub_at_start(p, iv[ins].target);

			if (t >= 0)
				p->subprogs.v[t].might_sleep = 1;
		}
		free(err);
	}
	for (k = 0; p->cold && k < p->cold->edges.n; k++) {
		struct edge *e = &p->cold->edges.v[k];
		const char *via = e->via ? strtab_get(&m->str, e->via) : NULL;

		if (e->kind == EDGE_ASYNC_CALLBACK)
			e->sleepable = (int8_t)sleep_async_ctx(&r, &sp, via);
	}
	if (joined) {
		struct sleep_static_out so = { 0 };
		struct sleep_finding *f = calloc(64, sizeof(*f));
		int n;

		so.sub_ctx = calloc(p->subprogs.n + 1, 1);
		so.edge_ctx = calloc(program_cold(p)->edges.n + 1, 1);
		so.reached = calloc(p->subprogs.n + 1, sizeof(bool));
		if (!f || !so.sub_ctx || !so.edge_ctx || !so.reached) {
			rc = -ENOMEM;
		} else {
			n = sleep_static_run(m, pi, &r, f, 64, &so);
			if (n < 0)
				rc = n;
			/* the predictions, kept as data for report, dot and the TUI */
			if (p->cold)
				p->cold->findings.n = 0;
			for (k = 0; !rc && k < (uint32_t)n && k < 64; k++) {
				struct program_cold *pc = program_cold_get(p);
				struct sleep_finding *nf = pc ? vec_push(&pc->findings) : NULL;

				if (!nf)
					rc = -ENOMEM;
				else
					*nf = f[k];
			}
			for (k = 0; !rc && k < p->subprogs.n; k++)
				p->subprogs.v[k].contexts = so.sub_ctx[k];
			for (k = 0; !rc && p->cold && k < p->cold->edges.n; k++) {
				struct edge *e = &p->cold->edges.v[k];

				if (e->kind == EDGE_CALLBACK && so.edge_ctx[k])
					e->sleepable = so.edge_ctx[k] == CTX_SLEEPABLE	   ? 1 :
						       so.edge_ctx[k] == CTX_NON_SLEEPABLE ? 0 :
											     -1;
			}
			/* the object alone: the events are predictions */
			for (k = 0;
			     !rc && p->verdict == VERDICT_UNKNOWN && k < (uint32_t)n && k < 64;
			     k++) {
				struct sleep_event t = ev_blank(SEVC_PREDICTED);

				if (!sleep_kind_is_sleep(f[k].kind))
					continue;
				t.insn = f[k].insn;
				t.subprog = f[k].insn == IDX_NONE ? IDX_NONE : f[k].subprog;
				t.event = SEV_VIOLATION;
				t.kind = f[k].kind;
				t.finding = k; /* p->findings holds f in order */
				push_event(m, pi, &t, &rc);
			}
		}
		free(f);
		free(so.sub_ctx);
		free(so.edge_ctx);
		free(so.reached);
	}
	if (!rc && p->steps.n)
		rc = sleep_replay(m, pi, &r);
	if (!rc && p->verdict == VERDICT_REJECTED && p->error_step == IDX_NONE) {
		/* refused before any instruction (the load flag): a program-level violation */
		char *err = program_error_text(m, p);
		enum sleep_kind ek = sleep_classify_error(err);

		free(err);
		if (sleep_kind_is_sleep(ek)) {
			struct sleep_event t = ev_blank(SEVC_LOAD);

			t.event = SEV_VIOLATION;
			t.kind = (uint8_t)ek;
			push_event(m, pi, &t, &rc);
			if (rc)
				goto out;
		}
	}
	/* the log's refusal, once, as data (after the replay: it reads the step contexts) */
	if (p->cold)
		p->cold->error_finding = IDX_NONE;
	if (!rc && p->error.n) {
		struct sleep_finding ef;

		if (sleep_error_finding(m, p, &ef)) {
			struct program_cold *pc = program_cold_get(p);
			struct sleep_finding *nf = pc ? vec_push(&pc->findings) : NULL;

			if (!nf) {
				rc = -ENOMEM;
				goto out;
			}
			*nf = ef;
			pc->error_finding = pc->findings.n - 1;
		}
	}
	/* the violation at the error names its chain (an error finding: the cold part is there) */
	for (k = 0;
	     !rc && p->cold && p->cold->error_finding != IDX_NONE && k < p->cold->sleep_events.n;
	     k++) {
		struct sleep_event *e = &p->cold->sleep_events.v[k];
		char msg[1600];

		if (e->event != SEV_VIOLATION || e->step == IDX_NONE || e->step != p->error_step)
			continue;
		e->finding = p->cold->error_finding;
		sleep_event_format(m, p, e, msg, sizeof(msg));
		e = &p->cold->sleep_events.v[k];
		e->reason = strtab_intern_cstr(&m->str, msg);
	}
out:
	free(iv);
	free(ms);
	return rc;
}

int sleep_analyze(struct model *m, const char *kernel)
{
	struct sleep_rules r;
	uint32_t i;
	int rc = 0;

	if (kernel && sleep_rules_parse(kernel, &r))
		return -EINVAL;
	for (i = 0; i < m->progs.n && !rc; i++)
		rc = sleep_analyze_prog(m, i, kernel);
	return rc;
}
