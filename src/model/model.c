// SPDX-License-Identifier: MIT
/*
 * model.c — construction and teardown of the shared model, and small
 * look-ups every front end needs. No parsing and no printing here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "src/model/model.h"

const char *const line_kind_names[LINE__COUNT] = {
#define _(k, s) [LINE_##k] = s,
	LINE_KIND_INFO(_)
#undef _
};

struct model *model_new(void)
{
	struct model *m = calloc(1, sizeof(*m));

	return m;
}

struct program *model_add_program(struct model *m)
{
	struct program *p = calloc(1, sizeof(*p));
	struct prog_slot *sl;

	if (!p)
		return NULL;
	sl = vec_push(&m->progs);
	if (!sl) {
		free(p);
		return NULL;
	}
	sl->p = p;
	sl->pack = UINT64_MAX;
	p->idx = m->progs.n - 1;
	p->sleepable = -1;
	p->error_insn = IDX_NONE;
	p->error_step = IDX_NONE;
	p->stats.processed_insns = -1;
	p->stats.insn_limit = -1;
	p->stats.max_states_per_insn = -1;
	p->stats.total_states = -1;
	p->stats.peak_states = -1;
	p->stats.mark_read = -1;
	p->stats.verification_time_usec = -1;
	return p;
}

const struct program_cold program_cold_none = { .error_finding = IDX_NONE };

struct program_cold *program_cold_get(struct program *p)
{
	if (!p->cold) {
		p->cold = calloc(1, sizeof(*p->cold));
		if (p->cold)
			p->cold->error_finding = IDX_NONE;
	}
	return p->cold;
}

static void step_table_free(struct step_table *t)
{
	free(t->w);
	t->w = NULL;
	t->n = t->cap = 0;
	vec_free(&t->base);
	vec_free(&t->far);
}

static void step_table_shrink(struct step_table *t)
{
	vec_shrink_raw((void **)&t->w, t->n, &t->cap, sizeof(*t->w));
	vec_shrink(&t->base);
	vec_shrink(&t->far);
}

static uint64_t step_table_bytes(const struct step_table *t)
{
	return (uint64_t)t->cap * sizeof(*t->w) + vec_bytes(&t->base) + vec_bytes(&t->far);
}

static void src_table_free(struct src_table *t)
{
	free(t->rel);
	t->rel = NULL;
	t->n = t->cap = 0;
	vec_free(&t->base);
	vec_free(&t->far);
}

static void src_table_shrink(struct src_table *t)
{
	vec_shrink_raw((void **)&t->rel, t->n, &t->cap, sizeof(*t->rel));
	vec_shrink(&t->base);
	vec_shrink(&t->far);
}

static uint64_t src_table_bytes(const struct src_table *t)
{
	return (uint64_t)t->cap * sizeof(*t->rel) + vec_bytes(&t->base) + vec_bytes(&t->far);
}

void program_insn_tables_free(struct program *p)
{
	free(p->visits);
	free(p->insn_line);
	free(p->insns);
	p->visits = NULL;
	p->insn_line = NULL;
	p->insns = NULL;
}

void program_release(struct program *p)
{
	struct program_cold *c = p->cold;

	if (c) {
		vec_free(&c->edges);
		vec_free(&c->sleep_events);
		vec_free(&c->findings);
		vec_free(&c->diag.causal_path);
		vec_free(&c->ctx_args);
		vec_free(&c->unknown);
		vec_free(&c->named_funcs);
		src_table_free(&c->srcs);
		free(c);
		p->cold = NULL;
	}
	vec_free(&p->error);
	vec_free(&p->subprogs);
	vec_free(&p->ctx_runs);
	step_table_free(&p->steps);
	vec_free(&p->fstates);
	vec_free(&p->paths);
	vec_free(&p->units);
	program_insn_tables_free(p);
}

void program_shrink(struct program *p)
{
	struct program_cold *c = p->cold;

	if (c) {
		vec_shrink(&c->edges);
		vec_shrink(&c->sleep_events);
		vec_shrink(&c->findings);
		vec_shrink(&c->diag.causal_path);
		vec_shrink(&c->ctx_args);
		vec_shrink(&c->unknown);
		vec_shrink(&c->named_funcs);
		src_table_shrink(&c->srcs);
	}
	vec_shrink(&p->error);
	vec_shrink(&p->subprogs);
	vec_shrink(&p->ctx_runs);
	step_table_shrink(&p->steps);
	vec_shrink(&p->fstates);
	vec_shrink(&p->paths);
	vec_shrink(&p->units);
}

void program_free(struct program *p)
{
	if (p) {
		program_release(p);
		free(p);
	}
}

void model_pop_program(struct model *m)
{
	program_free(vec_last(&m->progs)->p);
	m->progs.n--;
}

void model_progs_shrink(struct model *m)
{
	vec_shrink(&m->progs);
	if (!m->packed.n) {
		free(m->packed.v);
		m->packed.v = NULL;
		m->packed.cap = 0;
	} else if (m->packed.n < m->packed.cap) {
		uint8_t *v = realloc(m->packed.v, m->packed.n);

		if (v) {
			m->packed.v = v;
			m->packed.cap = m->packed.n;
		}
	}
}

void model_progs_clear(struct model *m)
{
	for (uint32_t i = 0; i < m->progs.n; i++)
		program_free(m->progs.v[i].p);
	vec_free(&m->progs);
	free(m->packed.v);
	m->packed.v = NULL;
	m->packed.n = m->packed.cap = 0;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	model_progs_clear(m);
	vec_free(&m->warnings);
	vec_free(&m->warning_prog);
	if (m->log.map)
		munmap(m->log.map, m->log.map_len);
	free(m->log.heap);
	strtab_release(&m->str);
	free(m);
}

static void warn_v(struct model *m, uint32_t prog, const char *fmt, va_list ap)
{
	char buf[1024];
	uint32_t id, *slot, *pslot;

	if (m->warnings.n >= 1000)
		return;
	vsnprintf(buf, sizeof(buf), fmt, ap);
	id = strtab_intern_cstr(&m->str, buf);
	if (!id)
		return;
	/* both vectors grow together: a warning without its program is dropped */
	pslot = vec_push(&m->warning_prog);
	if (!pslot)
		return;
	slot = vec_push(&m->warnings);
	if (!slot) {
		m->warning_prog.n--;
		return;
	}
	*slot = id;
	*pslot = prog;
}

void model_warn(struct model *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	warn_v(m, IDX_NONE, fmt, ap);
	va_end(ap);
}

void model_warn_prog(struct model *m, uint32_t prog, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	warn_v(m, prog, fmt, ap);
	va_end(ap);
}

bool model_warning_about(const struct model *m, uint32_t w, uint32_t prog)
{
	uint32_t about = w < m->warning_prog.n ? m->warning_prog.v[w] : IDX_NONE;

	return about == IDX_NONE || about == prog;
}

int program_add_step(struct program *p, const struct step *s)
{
	struct step_table *t = &p->steps;
	uint32_t k = t->n;
	uint64_t w, rel;
	int rc;

	if (s->insn >= MODEL_MAX_INSNS || s->frame >= MODEL_MAX_FRAMES)
		return -EINVAL;
	rc = vec_grow_raw((void **)&t->w, &t->cap, k + 1, sizeof(*t->w));
	if (rc)
		return rc;
	if (t->base.n <= k >> STEP_BLOCK_SHIFT) { /* the block's first step */
		uint64_t *b = vec_push(&t->base);

		if (!b)
			return -ENOMEM;
		*b = s->off;
	}
	w = s->insn | (uint64_t)s->frame << STEP_FRAME_SHIFT |
	    (uint64_t)s->flags << STEP_FLAGS_SHIFT;
	rel = s->off - t->base.v[k >> STEP_BLOCK_SHIFT]; /* huge for a line before the base */
	if (rel >= STEP_REL_FAR || s->tail > STEP_TAIL_MAX) {
		struct step_far *f = vec_push(&t->far);

		if (!f)
			return -ENOMEM;
		f->off = s->off;
		f->k = k;
		f->tail = s->tail;
		w |= (uint64_t)STEP_REL_FAR << STEP_REL_SHIFT;
	} else {
		w |= (uint64_t)s->tail << STEP_TAIL_SHIFT | rel << STEP_REL_SHIFT;
	}
	t->w[k] = w;
	t->n = k + 1;
	return 0;
}

const struct step_far *step_far_at(const struct program *p, uint32_t k)
{
	static const struct step_far none = { UINT64_MAX, IDX_NONE, 0 };
	uint32_t lo = 0, hi = p->steps.far.n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (p->steps.far.v[mid].k < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->steps.far.n && p->steps.far.v[lo].k == k ? &p->steps.far.v[lo] : &none;
}

int program_add_src(struct program *p, uint64_t off)
{
	struct program_cold *c = program_cold_get(p);
	struct src_table *t;
	uint32_t i;
	uint64_t rel;
	int rc;

	if (!c)
		return -ENOMEM;
	t = &c->srcs;
	i = t->n;
	rc = vec_grow_raw((void **)&t->rel, &t->cap, i + 1, sizeof(*t->rel));
	if (rc)
		return rc;
	if (t->base.n <= i >> SRC_BLOCK_SHIFT) { /* the block's first line */
		uint64_t *b = vec_push(&t->base);

		if (!b)
			return -ENOMEM;
		*b = off;
	}
	rel = off - t->base.v[i >> SRC_BLOCK_SHIFT]; /* huge for a line before the base */
	if (rel >= SRC_REL_FAR) {
		struct src_far *f = vec_push(&t->far);

		if (!f)
			return -ENOMEM;
		f->off = off;
		f->i = i;
		rel = SRC_REL_FAR;
	}
	t->rel[i] = (uint32_t)rel;
	t->n = i + 1;
	return 0;
}

uint64_t src_far_off(const struct program *p, uint32_t i)
{
	const struct src_table *t = program_srcs(p);
	uint32_t lo = 0, hi = t->far.n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (t->far.v[mid].i < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->far.n && t->far.v[lo].i == i ? t->far.v[lo].off : UINT64_MAX;
}

struct span src_line(const struct model *m, const struct program *p, uint32_t i)
{
	return model_line_at(m, src_off(p, i));
}

uint32_t step_path(const struct program *p, uint32_t k)
{
	uint32_t lo = 0, hi = p->paths.n;

	/* the last path whose first step is <= k (empty "safe" paths share it) */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (p->paths.v[mid].first_step <= k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : IDX_NONE;
}

uint32_t step_src(const struct program *p, uint32_t k)
{
	uint64_t off = step_off(p, k);
	uint32_t lo = 0, hi = program_srcs(p)->n, path;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (src_off(p, mid) < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return IDX_NONE;
	/* a popped path starts without a source line in force */
	path = step_path(p, k);
	if (path != IDX_NONE && src_off(p, lo - 1) < p->paths.v[path].off)
		return IDX_NONE;
	return lo - 1;
}

struct span step_src_at(const struct model *m, const struct program *p, uint32_t k)
{
	uint32_t si = k < p->steps.n ? step_src(p, k) : IDX_NONE;
	struct span sp = { 0, 0 }, s;
	const char *t, *at;

	if (si == IDX_NONE)
		return sp;
	s = src_line(m, p, si);
	t = m->log.buf + s.off;
	at = memmem(t, s.len, " @ ", 3);
	if (!at)
		return sp;
	at += 3;
	sp.off = (uint64_t)(at - m->log.buf);
	sp.len = (uint32_t)(t + s.len - at);
	while (sp.len && (at[sp.len - 1] == ' ' || at[sp.len - 1] == '\r'))
		sp.len--;
	return sp;
}

uint32_t program_path_chain(const struct program *p, uint32_t k, uint32_t *chain, uint32_t max)
{
	uint32_t n = 0;

	while (k != IDX_NONE && n < max) {
		uint32_t pi = step_path(p, k);

		chain[n++] = pi;
		k = p->paths.v[pi].parent_step;
	}
	return n;
}

struct span step_text(const struct model *m, const struct step *s)
{
	struct span t = model_line_at(m, s->off);

	if ((s->flags & STEP_GLUED) && s->tail && s->tail < t.len)
		t.len = s->tail;
	return t;
}

struct span step_trailer(const struct model *m, const struct step *s)
{
	struct span t = model_line_at(m, s->off);

	if (!(s->flags & STEP_HAS_DELTA) || !s->tail || s->tail > t.len)
		return (struct span){ t.off + t.len, 0 };
	return (struct span){ t.off + s->tail, t.len - s->tail };
}

const struct insn_fact *program_insn(const struct program *p, uint32_t i)
{
	if (!p->insns || i >= p->ninsns || p->insns[i].kind == INSN_UNSEEN)
		return NULL;
	return &p->insns[i];
}

const struct subprog *program_call_subprog(const struct program *p, uint32_t i)
{
	const struct insn_fact *f = program_insn(p, i);
	const struct subprog *sp;

	if (!f || f->kind != INSN_CALL_SUBPROG || f->target == IDX_NONE)
		return NULL;
	sp = program_subprog_at(p, f->target);
	return sp && sp->start == f->target ? sp : NULL;
}

const char *program_callee_name(const struct model *m, const struct program *p, uint32_t insn,
				char *buf, size_t n)
{
	const struct insn_fact *f = program_insn(p, insn);
	const struct subprog *sp = program_call_subprog(p, insn);

	if (!n || !f)
		return NULL;
	if (sp && sp->name)
		snprintf(buf, n, "%s", strtab_get(&m->str, sp->name));
	else if (sp)
		snprintf(buf, n, "func#%u", sp->id);
	else if ((f->kind == INSN_CALL_HELPER || f->kind == INSN_CALL_KFUNC) && f->name)
		snprintf(buf, n, "%s", strtab_get(&m->str, f->name));
	else
		return NULL;
	return buf;
}

const char *program_call_label(const struct model *m, const struct program *p, uint32_t insn,
			       char *buf, size_t n)
{
	const struct subprog *sp = program_call_subprog(p, insn);
	char name[128];

	if (!sp || !n || !program_callee_name(m, p, insn, name, sizeof(name)))
		return NULL;
	snprintf(buf, n, "%s() %s%s", name, model_linkage_name(sp->linkage, NAME_TEXT),
		 sp->might_sleep == 1 ? " · may sleep" : "");
	return buf;
}

const char *insn_kind_name(enum insn_kind k)
{
	static const char *const names[INSN__COUNT] = {
#define _(k, s) [INSN_##k] = s,
		INSN_KIND_INFO(_)
#undef _
	};

	return (unsigned)k < INSN__COUNT ? names[k] : "?";
}

const struct subprog *program_subprog_at(const struct program *p, uint32_t insn)
{
	const struct subprog *best = NULL;
	uint32_t lo = 0, hi = p->subprogs.n;

	/*
	 * subprogs are sorted by start (the parser and the join sort them): the
	 * last one starting at or before insn, in log time (analyses call this
	 * per step, and a hostile log can list 2^20 subprogs)
	 */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (p->subprogs.v[mid].start <= insn)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo)
		best = &p->subprogs.v[lo - 1];
	if (best && best->end != IDX_NONE && insn >= best->end)
		return NULL;
	return best;
}

const struct subprog *program_subprog_by_id(const struct program *p, uint32_t id)
{
	uint32_t i;

	for (i = 0; i < p->subprogs.n; i++)
		if (p->subprogs.v[i].id == id)
			return &p->subprogs.v[i];
	return NULL;
}

struct span model_line_head(const struct model *m, uint64_t off, uint64_t max)
{
	struct span s = { off, 0 };
	const char *b = m->log.buf, *nl;
	size_t rem, look, len;
	bool ended = true; /* the line's end is within the bytes looked at */

	if (off >= m->log.len)
		return s;
	rem = m->log.len - off;
	look = max < rem ? (size_t)max + 1 : rem;
	nl = memchr(b + off, '\n', look);
	if (nl)
		len = (size_t)(nl - (b + off));
	else if (look == rem)
		len = rem;
	else
		len = (size_t)max, ended = false;
	if (ended && len && b[off + len - 1] == '\r')
		len--;
	if (len > max)
		len = (size_t)max;
	s.len = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len; /* as the parser cuts it */
	return s;
}

struct span model_line_at(const struct model *m, uint64_t off)
{
	return model_line_head(m, off, UINT64_MAX);
}

char *program_error_text(const struct model *m, const struct program *p)
{
	size_t total = 1, at = 0;
	uint32_t i;
	char *out;

	if (!p->error.n)
		return NULL;
	for (i = 0; i < p->error.n; i++)
		total += p->error.v[i].len + 1;
	out = malloc(total);
	if (!out)
		return NULL;
	for (i = 0; i < p->error.n; i++) {
		const struct span *s = &p->error.v[i];
		const char *t = m->log.buf + s->off;
		uint32_t len = s->len;

		while (len && (*t == ' ' || *t == '\t')) {
			t++;
			len--;
		}
		while (len && (t[len - 1] == ' ' || t[len - 1] == '\t'))
			len--;
		if (!len)
			continue;
		if (at)
			out[at++] = ' ';
		memcpy(out + at, t, len);
		at += len;
	}
	out[at] = '\0';
	return out;
}

uint64_t program_bytes(const struct program *p)
{
	const struct program_cold *c = p->cold;
	uint64_t b = sizeof(*p);

	b += vec_bytes(&p->error) + vec_bytes(&p->subprogs) + vec_bytes(&p->ctx_runs) +
	     step_table_bytes(&p->steps) + vec_bytes(&p->fstates) + vec_bytes(&p->paths) +
	     vec_bytes(&p->units);
	b += (uint64_t)p->ninsns * (sizeof(*p->visits) + sizeof(*p->insn_line) + sizeof(*p->insns));
	if (c)
		b += sizeof(*c) + vec_bytes(&c->edges) + vec_bytes(&c->sleep_events) +
		     vec_bytes(&c->findings) + vec_bytes(&c->diag.causal_path) +
		     vec_bytes(&c->ctx_args) + vec_bytes(&c->unknown) + vec_bytes(&c->named_funcs) +
		     src_table_bytes(&c->srcs);
	return b;
}

uint64_t model_bytes(const struct model *m)
{
	uint64_t b = sizeof(*m) + strtab_bytes(&m->str) + vec_bytes(&m->progs) + m->packed.cap +
		     vec_bytes(&m->warnings) + vec_bytes(&m->warning_prog) +
		     (m->log.heap ? m->log.len : 0);
	uint32_t i;

	for (i = 0; i < m->progs.n; i++)
		if (m->progs.v[i].p)
			b += program_bytes(m->progs.v[i].p);
	return b;
}

#define NAME_ROW(k, j, t) { j, t },
#define NAME_FN(fn, type, info, count)                                                             \
	const char *fn(type v, enum name_style st)                                                 \
	{                                                                                          \
		static const char *const names[][2] = { info(NAME_ROW) };                          \
                                                                                                   \
		return (unsigned)v < (count) ? names[v][st == NAME_TEXT] : "?";                    \
	}

static const char *verdict_name_st(enum verdict v, enum name_style st);

const char *verdict_name(enum verdict v)
{
	return verdict_name_st(v, NAME_JSON);
}

/* macros that define functions, not statements: the end of the file */
/* clang-format off */
NAME_FN(model_linkage_name, unsigned int, LINKAGE_INFO, LINKAGE__COUNT)
NAME_FN(model_role_name, enum subprog_role_bit, ROLE_INFO, ROLE__COUNT)
NAME_FN(model_edge_kind_name, unsigned int, EDGE_KIND_INFO, EDGE__COUNT)
NAME_FN(model_event_name, unsigned int, SLEEP_EVENT_INFO, SEV__COUNT)
NAME_FN(model_unit_kind_name, unsigned int, UNIT_KIND_INFO, UNIT__COUNT)
static NAME_FN(verdict_name_st, enum verdict, VERDICT_INFO, VERDICT__COUNT)
