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
		snprintf(r->why, sizeof(r->why),
			 "first differing insn %u: log '%.*s' vs object '%s'", insn,
			 (int)(tl > 200 ? 200 : tl), t, obj);
		return -1;
	}
	return 0;
}

/* does log program lp fit object program op? */
static void bj_check(const struct model *m, const struct program *lp, const struct bpfobj_prog *op,
		     struct bj_result *r)
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
			struct step st = step_at(lp, i);
			uint32_t k = st.insn < op->ninsns ? st.insn : op->ninsns, insn;
			const char *t;
			size_t tl;

			if (!bj_line(m, st.off, &insn, &t, &tl) || insn != st.insn)
				continue;
			if (seen[k].len == tl && tl && !memcmp(m->log.buf + seen[k].off, t, tl))
				continue;
			if (bj_cmp_insn(m, op, st.off, st.insn, r)) {
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

/* make the per-insn tables (visits, insn_line, insns) cover every insn of the image */
static int bj_grow(struct program *p, uint32_t n)
{
	uint32_t *v;
	uint64_t *l;
	struct insn_fact *f;
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
	/* the facts exist once a log line showed an insn: no log, no table (program_insn()) */
	f = p->insns;
	if (f) {
		f = realloc(p->insns, (size_t)n * sizeof(*f));
		if (!f)
			return -ENOMEM;
		p->insns = f;
	}
	for (i = p->ninsns; i < n; i++) {
		v[i] = 0;
		l[i] = UINT64_MAX;
		if (f)
			f[i] = (struct insn_fact){ .kind = INSN_UNSEEN,
						   .target = IDX_NONE,
						   .name = STR_NONE,
						   .call_id = -1 };
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
	struct program *p = model_prog(m, pi);
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
		s->linkage = os->linkage < LINKAGE__COUNT ? os->linkage : LINKAGE_UNKNOWN;
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
		struct program_cold *pc = program_cold_get(p);
		struct edge *e = NULL;

		if (!pc)
			return -ENOMEM;
		for (k = 0; k < pc->edges.n; k++) {
			struct edge *x = &pc->edges.v[k];

			if (x->from == oe->from && x->to == oe->to && x->insn == oe->insn &&
			    x->kind == oe->kind)
				e = x;
		}
		if (!e) {
			e = vec_push(&pc->edges);
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
			if (oe->kind == EDGE_CALLBACK)
				s->roles |= ROLE_CALLBACK;
			else if (oe->kind == EDGE_ASYNC_CALLBACK)
				s->roles |= ROLE_ASYNC_CALLBACK;
		}
	}
	rc = bj_grow(p, op->ninsns);
	if (!rc)
		rc = bj_note(m, pi, (uint32_t)(op - m->obj->progs));
	return rc;
}

/* "; text" of the log (the kernel trims the line's leading blanks) equals src? */
static bool src_text_eq(const char *t, uint32_t n, const char *src)
{
	size_t sl;

	if (n && *t == ';') {
		t++;
		n--;
	}
	while (n && (*t == ' ' || *t == '\t')) {
		t++;
		n--;
	}
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\r'))
		n--;
	while (*src == ' ' || *src == '\t')
		src++;
	sl = strlen(src);
	while (sl && (src[sl - 1] == ' ' || src[sl - 1] == '\t' || src[sl - 1] == '\r' ||
		      src[sl - 1] == '\n'))
		sl--;
	return sl == n && !memcmp(t, src, n);
}

enum src_verdict { SRC_AGREE, SRC_TEXT, SRC_PLACE };

/*
 * Does the log's source line sp agree with the object's line info l? What
 * differs (the text, or the file:line after " @ "), and the log's words
 * for it in *said. A line the object has no info for agrees.
 */
static enum src_verdict src_compare(const struct model *m, struct span sp,
				    const struct bpfobj_line *l, struct span *said)
{
	const char *t = m->log.buf + sp.off, *at, *colon, *base;
	size_t bl;

	if (!l)
		return SRC_AGREE;
	at = memmem(t, sp.len, " @ ", 3);
	if (!at) {
		/* before 6.2 the kernel printed the line's text alone: "; x++;" */
		if (!l->src || !*l->src || src_text_eq(t, sp.len, l->src))
			return SRC_AGREE;
		*said = sp;
		return SRC_TEXT;
	}
	if (!l->line || !l->file)
		return SRC_AGREE;
	/* the text before " @ " is the line's text too (empty for a compiler-made line) */
	if (l->src && *l->src && at > t + 2 && !src_text_eq(t, (uint32_t)(at - t), l->src)) {
		*said = (struct span){ sp.off, (uint32_t)(at - t) };
		return SRC_TEXT;
	}
	at += 3;
	colon = memrchr(at, ':', (size_t)(t + sp.len - at));
	if (!colon)
		return SRC_AGREE;
	base = strrchr(l->file, '/');
	base = base ? base + 1 : l->file;
	bl = strlen(base);
	if ((size_t)(colon - at) >= bl && !memcmp(colon - bl, base, bl) &&
	    strtoul(colon + 1, NULL, 10) == l->line)
		return SRC_AGREE;
	*said = (struct span){ (uint64_t)(at - m->log.buf), (uint32_t)(t + sp.len - at) };
	return SRC_PLACE;
}

/* the first source line of the log that disagrees with the object's */
struct src_first {
	uint32_t step;
	enum src_verdict verdict;
	struct span said;
	const struct bpfobj_line *l;
};

/*
 * Does the log's source annotation of each step ("; x++; @ prog.bpf.c:26")
 * agree with op's line info? Counts the steps that disagree; the first
 * into *first when it is not NULL.
 */
static uint32_t bj_src_mismatches(const struct model *m, const struct program *lp,
				  const struct bpfobj_prog *op, struct src_first *first)
{
	uint32_t bad = 0, last = IDX_NONE;

	for (uint32_t k = 0; k < lp->steps.n; k++) {
		uint32_t si = step_src(lp, k);
		const struct bpfobj_line *l;
		enum src_verdict v;
		struct span said;

		if (si == IDX_NONE || si == last)
			continue;
		last = si;
		l = bpfobj_line_at(op, step_insn(lp, k));
		v = src_compare(m, src_line(m, lp, si), l, &said);
		if (v == SRC_AGREE)
			continue;
		if (first && !bad)
			*first = (struct src_first){ k, v, said, l };
		bad++;
	}
	return bad;
}

/*
 * The program the log was joined to: its source lines, as the kernel
 * printed them from the loaded program's line info ("; x++; @
 * prog.bpf.c:26"), must be the object's. Another build of the same code
 * (same instructions, other line numbers) or another program of the same
 * shape is not the object the log came from: say so.
 */
static void bj_warn_src(struct model *m, uint32_t pi, const struct bpfobj_prog *op)
{
	const struct program *lp = model_prog(m, pi);
	struct src_first f;
	uint32_t bad = bj_src_mismatches(m, lp, op, &f);
	const char *said;

	if (!bad)
		return;
	said = m->log.buf + f.said.off;
	if (f.verdict == SRC_TEXT)
		model_warn_prog(
			m, pi,
			"program '%s': %u source line%s of the log disagree%s with the "
			"object's line info (the first at step %u, insn %u: the log says "
			"\"%.*s\", the object \"%s\"): the log and the object may not belong "
			"together",
			op->name ? op->name : "?", bad, bad == 1 ? "" : "s", bad == 1 ? "s" : "",
			f.step + 1, step_insn(lp, f.step), (int)(f.said.len > 80 ? 80 : f.said.len),
			said, f.l->src);
	else
		model_warn_prog(
			m, pi,
			"program '%s': %u source line%s of the log disagree%s with the "
			"object's line info (the first at step %u, insn %u: the log says %.*s, "
			"the object %s:%u): the log and the object may not belong together",
			op->name ? op->name : "?", bad, bad == 1 ? "" : "s", bad == 1 ? "s" : "",
			f.step + 1, step_insn(lp, f.step), (int)f.said.len, said,
			strrchr(f.l->file, '/') ? strrchr(f.l->file, '/') + 1 : f.l->file,
			f.l->line);
}

static int bj_one(struct model *m, uint32_t pi, const char *hint)
{
	const struct program *lp = model_prog(m, pi);
	const struct bpfobj *obj = m->obj;
	const struct bpfobj_prog *op = NULL;
	struct bj_result r, first = { 0 };
	uint32_t i, nok = 0, best = 0, *cand, nc = 0, minbad = UINT32_MAX;
	uint32_t *bad;
	char names[400];
	size_t nl = 0;

	if (lp->name != STR_NONE) {
		const char *nm = strtab_get(&m->str, lp->name);

		op = bpfobj_prog_by_name(obj, nm);
		if (!op) {
			model_warn_prog(m, pi,
					"%s: no program '%s' in the object: using the log alone",
					obj->name, nm);
			return 0;
		}
		bj_check(m, lp, op, &r);
		if (!r.ok) {
			model_warn_prog(
				m, pi,
				"%s: program '%s' does not match the log (%s): using the log "
				"alone",
				obj->name, nm, r.why);
			return 0;
		}
		bj_warn_src(m, pi, op);
		return bj_fill(m, pi, op);
	}
	cand = calloc((size_t)obj->nprogs + 1, sizeof(*cand));
	bad = calloc((size_t)obj->nprogs + 1, sizeof(*bad));
	if (!cand || !bad) {
		free(cand);
		free(bad);
		return -ENOMEM;
	}
	for (i = 0; i < obj->nprogs; i++) {
		bj_check(m, lp, &obj->progs[i], &r);
		if (!r.ok) {
			if (i == 0)
				first = r;
			continue;
		}
		/* the candidates the log says most about */
		if (!nok || r.checked > best) {
			best = r.checked;
			nc = 0;
		}
		if (r.checked == best)
			cand[nc++] = i;
		nok++;
	}
	if (!nok) {
		model_warn_prog(
			m, pi,
			"%s: no program of the object matches the log (%s%s): using the log "
			"alone",
			obj->name, obj->nprogs > 1 ? "first program: " : "", first.why);
		goto out;
	}
	/* then the source lines the log prints: they differ between twins */
	for (i = 0; i < nc; i++) {
		bad[i] = bj_src_mismatches(m, lp, &obj->progs[cand[i]], NULL);
		if (bad[i] < minbad)
			minbad = bad[i];
	}
	for (i = 0, nok = 0; i < nc; i++)
		if (bad[i] == minbad)
			cand[nok++] = cand[i];
	nc = nok;
	/* then the program the user named (-p) */
	for (i = 0; nc > 1 && hint && i < nc; i++)
		if (obj->progs[cand[i]].name && !strcmp(obj->progs[cand[i]].name, hint)) {
			cand[0] = cand[i];
			nc = 1;
		}
	if (nc == 1) {
		const struct bpfobj_prog *one = &obj->progs[cand[0]];

		free(cand);
		free(bad);
		bj_warn_src(m, pi, one);
		return bj_fill(m, pi, one);
	}
	/* never pick one silently */
	names[0] = '\0';
	for (i = 0; i < nc && nl < sizeof(names) - 1; i++) {
		int w = snprintf(names + nl, sizeof(names) - nl, "%s%s", i ? ", " : "",
				 obj->progs[cand[i]].name ? obj->progs[cand[i]].name : "?");

		if (w < 0)
			break;
		nl += (size_t)w;
	}
	model_warn_prog(m, pi,
			"%s: the log fits %u programs of the object (%s)%s: using the log alone; "
			"name one with -p NAME",
			obj->name, nc, names,
			best ? "" : " and shows no instruction to tell them apart");
out:
	free(cand);
	free(bad);
	return 0;
}

int bpfobj_join(struct model *m, char *err, size_t errlen)
{
	return bpfobj_join_hint(m, NULL, err, errlen);
}

int bpfobj_join_hint(struct model *m, const char *prog, char *err, size_t errlen)
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
			rc = bj_one(m, i, prog);
	}
	if (rc)
		snprintf(err, errlen, "%s: joining object and log: %s", m->obj->name,
			 rc == -ENOMEM ? "out of memory" : strerror(-rc));
	return rc;
}
