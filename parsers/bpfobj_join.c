// SPDX-License-Identifier: MIT
/*
 * bpfobj_join.c — the object meets the log. Each program parsed from the
 * log is matched with a program of the object (by name when the log's
 * framing gives one, else by its func#N starts and instruction texts),
 * checked (func#N @M against the image, every instruction text the log
 * shows against the disassembly), and on success gains the object's
 * section, sleepable flag, subprogram names/linkage/roles/prototypes and
 * edges. A mismatch is a warning naming the first differing instruction;
 * the log program then stays as the log alone described it. Without a log,
 * one program per object program is created. No libbpf/libelf here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/bpfdis.h"
#include "parsers/bpfobj.h"
#include "parsers/bpfobj_priv.h"
#include "src/model/model.h"

struct bj_result {
	bool ok;
	uint32_t checked; /* instruction texts compared */
	char why[600];	  /* first difference */
};

/* the log line holding off (a line start or the "(xx)" inside it) */
static bool bj_line(const struct model *m, uint64_t off, uint32_t *insn, const char **text,
		    size_t *tl)
{
	const char *buf = m->log.buf;
	uint64_t start = off, end = off;

	if (!buf || off >= m->log.len)
		return false;
	while (start > 0 && buf[start - 1] != '\n' && off - start < 4096)
		start--;
	while (end < m->log.len && buf[end] != '\n')
		end++;
	if (end > start && buf[end - 1] == '\r')
		end--;
	return bpfdis_log_line(buf + start, (size_t)(end - start), insn, text, tl);
}

static int bj_cmp_insn(const struct model *m, const struct bpfobj_prog *op, uint64_t off,
		       uint32_t want, struct bj_result *r)
{
	char obj[160];
	const char *t;
	size_t tl;
	uint32_t insn;

	if (!bj_line(m, off, &insn, &t, &tl) || insn != want)
		return 0; /* not an instruction line after all: nothing to compare */
	r->checked++;
	if (insn >= op->ninsns) {
		snprintf(r->why, sizeof(r->why),
			 "first differing insn %u: log '%.*s' vs object: none (program '%s' has %u "
			 "insns)",
			 insn, (int)(tl > 200 ? 200 : tl), t, op->name, op->ninsns);
		return -1;
	}
	if (!bpfobj_insn_matches(op, insn, t, tl, obj, sizeof(obj))) {
		snprintf(r->why, sizeof(r->why), "first differing insn %u: log '%.*s' vs object '%s'",
			 insn, (int)(tl > 200 ? 200 : tl), t, obj);
		return -1;
	}
	return 0;
}

/* does log program lp fit object program op? */
static void bj_check(const struct model *m, const struct program *lp,
		     const struct bpfobj_prog *op, struct bj_result *r)
{
	uint32_t i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < lp->subprogs.n; i++) {
		const struct subprog *s = &lp->subprogs.v[i];

		if (s->start == IDX_NONE)
			continue;
		if (s->id >= op->nsubprogs || op->subprogs[s->id].start != s->start) {
			if (s->id >= op->nsubprogs)
				snprintf(r->why, sizeof(r->why),
					 "log has func#%u @%u, program '%s' has %u subprogs", s->id,
					 s->start, op->name, op->nsubprogs);
			else
				snprintf(r->why, sizeof(r->why),
					 "log has func#%u @%u, program '%s' has it @%u", s->id,
					 s->start, op->name, op->subprogs[s->id].start);
			return;
		}
	}
	if (lp->insn_line) {
		for (i = 0; i < lp->ninsns; i++)
			if (lp->insn_line[i] != UINT64_MAX &&
			    bj_cmp_insn(m, op, lp->insn_line[i], i, r))
				return;
	} else {
		/*
		 * Every step: an insn whose text equals the last text checked
		 * for it is not disassembled again.
		 */
		struct span *seen = calloc((size_t)op->ninsns + 1, sizeof(*seen));

		if (!seen) {
			snprintf(r->why, sizeof(r->why), "out of memory");
			return;
		}
		for (i = 0; i < lp->steps.n; i++) {
			const struct step *st = &lp->steps.v[i];
			uint32_t k = st->insn < op->ninsns ? st->insn : op->ninsns, insn;
			const char *t;
			size_t tl;

			if (!bj_line(m, st->off, &insn, &t, &tl) || insn != st->insn)
				continue;
			if (seen[k].len == tl && tl &&
			    !memcmp(m->log.buf + seen[k].off, t, tl))
				continue;
			if (bj_cmp_insn(m, op, st->off, st->insn, r)) {
				free(seen);
				return;
			}
			seen[k].off = (uint64_t)(t - m->log.buf);
			seen[k].len = (uint32_t)tl;
		}
		free(seen);
	}
	r->ok = true;
}

static struct bpfobj_priv *bj_priv(const struct model *m)
{
	return m->obj->priv;
}

static int bj_note(struct model *m, uint32_t prog, uint32_t objprog)
{
	struct bpfobj_priv *pv = bj_priv(m);

	while (pv->joined.n <= prog) {
		uint32_t *x = vec_push(&pv->joined);

		if (!x)
			return -ENOMEM;
		*x = BPFOBJ_NONE;
	}
	pv->joined.v[prog] = objprog;
	return 0;
}

const struct bpfobj_prog *bpfobj_joined(const struct model *m, uint32_t prog)
{
	const struct bpfobj_priv *pv;

	if (!m->obj)
		return NULL;
	pv = m->obj->priv;
	if (prog >= pv->joined.n || pv->joined.v[prog] >= m->obj->nprogs)
		return NULL;
	return &m->obj->progs[pv->joined.v[prog]];
}

/* make visits/insn_line cover every insn of the image */
static int bj_grow(struct program *p, uint32_t n)
{
	uint32_t *v;
	uint64_t *l;
	uint32_t i;

	if (n <= p->ninsns && (p->visits || !n))
		return 0;
	if (n > MODEL_MAX_INSNS)
		return -E2BIG;
	v = realloc(p->visits, (size_t)n * sizeof(*v));
	if (!v)
		return -ENOMEM;
	p->visits = v;
	l = realloc(p->insn_line, (size_t)n * sizeof(*l));
	if (!l)
		return -ENOMEM;
	p->insn_line = l;
	for (i = p->ninsns; i < n; i++) {
		v[i] = 0;
		l[i] = UINT64_MAX;
	}
	p->ninsns = n;
	return 0;
}

static int bj_sub_cmp(const void *a, const void *b)
{
	const struct subprog *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static uint32_t bj_intern(struct model *m, const char *s)
{
	return s && s[0] ? strtab_intern_cstr(&m->str, s) : STR_NONE;
}

/* program p (index pi in m->progs) takes what object program op knows */
static int bj_fill(struct model *m, uint32_t pi, const struct bpfobj_prog *op)
{
	struct program *p = &m->progs.v[pi];
	uint32_t i, k;
	int rc;

	p->section = bj_intern(m, op->section);
	p->sleepable = op->sleepable ? 1 : 0;
	if (p->name == STR_NONE)
		p->name = bj_intern(m, op->name);
	for (i = 0; i < op->nsubprogs; i++) {
		const struct bpfobj_subprog *os = &op->subprogs[i];
		struct subprog *s = NULL;

		for (k = 0; k < p->subprogs.n; k++)
			if (p->subprogs.v[k].id == os->id)
				s = &p->subprogs.v[k];
		if (!s) {
			s = vec_push(&p->subprogs);
			if (!s)
				return -ENOMEM;
			s->id = os->id;
			s->might_sleep = -1;
		}
		s->start = os->start;
		s->end = os->end;
		s->name = bj_intern(m, os->name);
		s->btf_proto = bj_intern(m, os->proto);
		s->linkage = os->linkage == BPFOBJ_LINK_MAIN	 ? LINKAGE_MAIN
			     : os->linkage == BPFOBJ_LINK_GLOBAL ? LINKAGE_GLOBAL
			     : os->linkage == BPFOBJ_LINK_STATIC ? LINKAGE_STATIC
								 : LINKAGE_UNKNOWN;
		if (s->linkage == LINKAGE_MAIN)
			s->roles |= ROLE_MAIN;
		else if (s->linkage == LINKAGE_GLOBAL)
			s->roles |= ROLE_GLOBAL;
		else if (s->linkage == LINKAGE_STATIC)
			s->roles |= ROLE_STATIC;
	}
	if (p->subprogs.n > 1)
		qsort(p->subprogs.v, p->subprogs.n, sizeof(*p->subprogs.v), bj_sub_cmp);
	for (i = 0; i < op->nedges; i++) {
		const struct bpfobj_edge *oe = &op->edges[i];
		struct edge *e = NULL;

		for (k = 0; k < p->edges.n; k++) {
			struct edge *x = &p->edges.v[k];

			if (x->from == oe->from && x->to == oe->to && x->insn == oe->insn &&
			    x->kind == oe->kind)
				e = x;
		}
		if (!e) {
			e = vec_push(&p->edges);
			if (!e)
				return -ENOMEM;
		}
		e->from = oe->from;
		e->to = oe->to;
		e->insn = oe->insn;
		e->via = bj_intern(m, oe->via);
		e->kind = oe->kind;
		e->sleepable = oe->sleepable;
		e->arg_reg = oe->arg_reg;
		for (k = 0; k < p->subprogs.n; k++) {
			struct subprog *s = &p->subprogs.v[k];

			if (s->id != oe->to)
				continue;
			if (oe->kind == BPFOBJ_EDGE_CALLBACK)
				s->roles |= ROLE_CALLBACK;
			else if (oe->kind == BPFOBJ_EDGE_ASYNC_CALLBACK)
				s->roles |= ROLE_ASYNC_CALLBACK;
		}
	}
	rc = bj_grow(p, op->ninsns);
	if (!rc)
		rc = bj_note(m, pi, (uint32_t)(op - m->obj->progs));
	return rc;
}

static int bj_one(struct model *m, uint32_t pi)
{
	const struct program *lp = &m->progs.v[pi];
	const struct bpfobj *obj = m->obj;
	const struct bpfobj_prog *op = NULL;
	struct bj_result r, first = { 0 };
	uint32_t i, nok = 0;

	if (lp->name != STR_NONE) {
		const char *nm = strtab_get(&m->str, lp->name);

		op = bpfobj_prog_by_name(obj, nm);
		if (!op) {
			model_warn(m, "%s: no program '%s' in the object: using the log alone",
				   obj->name, nm);
			return 0;
		}
		bj_check(m, lp, op, &r);
		if (!r.ok) {
			model_warn(m, "%s: program '%s' does not match the log (%s): using the log "
				   "alone",
				   obj->name, nm, r.why);
			return 0;
		}
		return bj_fill(m, pi, op);
	}
	for (i = 0; i < obj->nprogs; i++) {
		bj_check(m, lp, &obj->progs[i], &r);
		if (!r.ok) {
			if (i == 0)
				first = r;
			continue;
		}
		/* prefer the candidate the log says most about */
		if (!op || r.checked > first.checked) {
			op = &obj->progs[i];
			first = r;
		}
		nok++;
	}
	if (!op) {
		model_warn(m, "%s: no program of the object matches the log (%s%s): using the log "
			   "alone",
			   obj->name, obj->nprogs > 1 ? "first program: " : "", first.why);
		return 0;
	}
	if (nok > 1 && !first.checked) {
		model_warn(m, "%s: the log shows no instruction to tell %u programs apart: "
			   "using the log alone",
			   obj->name, nok);
		return 0;
	}
	return bj_fill(m, pi, op);
}

int bpfobj_join(struct model *m, char *err, size_t errlen)
{
	uint32_t i, nlog;
	int rc = 0;

	if (errlen)
		err[0] = '\0';
	if (!m->obj)
		return 0;
	nlog = m->progs.n;
	if (!nlog) {
		for (i = 0; i < m->obj->nprogs && !rc; i++) {
			struct program *p = model_add_program(m);

			if (!p) {
				rc = -ENOMEM;
				break;
			}
			p->verdict = VERDICT_UNKNOWN;
			p->name = bj_intern(m, m->obj->progs[i].name);
			rc = bj_fill(m, m->progs.n - 1, &m->obj->progs[i]);
		}
	} else {
		for (i = 0; i < nlog && !rc; i++)
			rc = bj_one(m, i);
	}
	if (rc)
		snprintf(err, errlen, "%s: joining object and log: %s", m->obj->name,
			 rc == -ENOMEM ? "out of memory" : strerror(-rc));
	return rc;
}
