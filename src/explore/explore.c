// SPDX-License-Identifier: MIT
/*
 * explore.c — the exploration cursor (see explore.h). Owns a per-insn
 * index of visits built on first use with one counting pass over the
 * steps; every move after that is an index look-up or a scan bounded by
 * one path. No printing, no curses, no state rebuilding (src/analysis/state.c).
 */
#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/explore/explore.h"

int explore_init(struct explore *x, const struct model *m, uint32_t prog)
{
	memset(x, 0, sizeof(*x));
	if (!m || prog >= m->progs.n)
		return -EINVAL;
	x->m = m;
	x->p = model_prog(m, prog);
	x->prog = prog;
	x->step = x->p->steps.n ? 0 : IDX_NONE;
	return 0;
}

void explore_release(struct explore *x)
{
	free(x->vis);
	free(x->iflags);
	x->vis = NULL;
	x->iflags = NULL;
}

uint32_t explore_nsteps(const struct explore *x)
{
	return x->p ? x->p->steps.n : 0;
}

const struct step *explore_cur(const struct explore *x, struct step *buf)
{
	if (!x->p || x->step == IDX_NONE || x->step >= x->p->steps.n)
		return NULL;
	*buf = step_at(x->p, x->step);
	return buf;
}

uint32_t explore_initial_step(const struct explore *x)
{
	const struct program *p = x->p;

	if (!p || !p->steps.n)
		return IDX_NONE;
	if (p->verdict == VERDICT_REJECTED || p->verdict == VERDICT_TRUNCATED) {
		if (p->error_step != IDX_NONE && p->error_step < p->steps.n)
			return p->error_step;
		return p->steps.n - 1;
	}
	return 0;
}

int explore_goto(struct explore *x, uint32_t k)
{
	if (!x->p || k >= x->p->steps.n)
		return -ENOENT;
	x->step = k;
	return 0;
}

int explore_next(struct explore *x)
{
	if (x->step == IDX_NONE)
		return -ENOENT;
	return explore_goto(x, x->step + 1);
}

int explore_prev(struct explore *x)
{
	if (x->step == IDX_NONE || x->step == 0)
		return -ENOENT;
	return explore_goto(x, x->step - 1);
}

int explore_first(struct explore *x)
{
	return explore_goto(x, 0);
}

int explore_last(struct explore *x)
{
	if (!x->p || !x->p->steps.n)
		return -ENOENT;
	return explore_goto(x, x->p->steps.n - 1);
}

static uint32_t cur_path(const struct explore *x)
{
	struct step s;

	return explore_cur(x, &s) ? step_path(x->p, x->step) : IDX_NONE;
}

static int goto_path(struct explore *x, uint32_t pi)
{
	const struct path *pa = &x->p->paths.v[pi];

	if (!pa->nsteps || pa->first_step >= x->p->steps.n)
		return -ENOENT;
	return explore_goto(x, pa->first_step);
}

int explore_next_path(struct explore *x)
{
	uint32_t pi = cur_path(x);

	if (pi == IDX_NONE)
		return -ENOENT;
	for (pi++; pi < x->p->paths.n; pi++)
		if (!goto_path(x, pi))
			return 0;
	return -ENOENT;
}

int explore_prev_path(struct explore *x)
{
	uint32_t pi = cur_path(x);

	if (pi == IDX_NONE || pi >= x->p->paths.n)
		return -ENOENT;
	/* like a text editor's "previous paragraph": first the start of this one */
	if (x->p->paths.v[pi].first_step < x->step)
		return goto_path(x, pi);
	while (pi-- > 0)
		if (!goto_path(x, pi))
			return 0;
	return -ENOENT;
}

int explore_back(struct explore *x)
{
	uint32_t pi = cur_path(x);
	const struct path *pa;

	if (pi == IDX_NONE || pi >= x->p->paths.n)
		return -ENOENT;
	pa = &x->p->paths.v[pi];
	if (pa->parent_step != IDX_NONE)
		return explore_goto(x, pa->parent_step);
	if (pa->unit < x->p->units.n && x->p->units.v[pa->unit].push_step != IDX_NONE)
		return explore_goto(x, x->p->units.v[pa->unit].push_step);
	return -ENOENT;
}

/* the next step after the cursor in the same path with frame < limit */
static int next_in_path_below(struct explore *x, unsigned int limit)
{
	uint32_t pi = step_path(x->p, x->step), k, end;

	end = x->p->paths.v[pi].first_step + x->p->paths.v[pi].nsteps;
	for (k = x->step + 1; k < x->p->steps.n && k < end; k++)
		if (step_frame(x->p, k) < limit)
			return explore_goto(x, k);
	return -ENOENT;
}

int explore_step_over(struct explore *x)
{
	struct step s;

	if (!explore_cur(x, &s))
		return -ENOENT;
	if (!(s.flags & STEP_CALL))
		return explore_next(x);
	return next_in_path_below(x, s.frame + 1u);
}

int explore_step_out(struct explore *x)
{
	struct step s;

	if (!explore_cur(x, &s) || s.frame == 0)
		return -ENOENT;
	return next_in_path_below(x, s.frame);
}

int explore_error(struct explore *x)
{
	uint32_t insn;

	if (!x->p)
		return -ENOENT;
	if (x->p->error_step != IDX_NONE)
		return explore_goto(x, x->p->error_step);
	/* an error after the exploration has no step: the last visit of the insn it names */
	insn = x->p->error_insn;
	if (!x->p->error_after || insn == IDX_NONE)
		return -ENOENT;
	if (!explore_insn_visits(x, insn))
		return -ESRCH;
	return explore_goto(x, x->vis[insn].last);
}

uint32_t explore_ninsns(struct explore *x)
{
	uint32_t i, n;

	if (!x->p)
		return 0;
	if (x->ninsns)
		return x->ninsns;
	n = x->p->ninsns;
	for (i = 0; i < x->p->steps.n; i++)
		if (step_insn(x->p, i) >= n)
			n = step_insn(x->p, i) + 1;
	if (x->p->error_insn != IDX_NONE && x->p->error_insn < MODEL_MAX_INSNS &&
	    x->p->error_insn >= n)
		n = x->p->error_insn + 1;
	x->ninsns = n;
	return n;
}

/* build the per-insn index: one pass over the steps */
static int build_index(struct explore *x)
{
	const struct program *p = x->p;
	uint32_t n, i;

	if (x->vis)
		return 0;
	if (!p)
		return -ENOENT;
	n = explore_ninsns(x);
	x->vis = malloc(((size_t)n + 1) * sizeof(*x->vis));
	x->iflags = calloc((size_t)n + 1, 1);
	if (!x->vis || !x->iflags) {
		explore_release(x);
		return -ENOMEM;
	}
	for (i = 0; i <= n; i++)
		x->vis[i] = (struct explore_visits){ 0, IDX_NONE, IDX_NONE };
	for (i = 0; i < p->steps.n; i++) {
		uint32_t insn = step_insn(p, i);
		uint8_t fl = step_flags(p, i);
		struct explore_visits *v;

		if (insn >= n)
			continue;
		v = &x->vis[insn];
		if (!v->n++)
			v->first = i;
		v->last = i;
		x->iflags[insn] |= XI_VISITED;
		if (fl & STEP_BRANCH)
			x->iflags[insn] |= XI_BRANCH;
		if (fl & STEP_PRUNED)
			x->iflags[insn] |= XI_PRUNED;
		if (fl & STEP_ERROR)
			x->iflags[insn] |= XI_ERROR;
		if (fl & STEP_CALL)
			x->iflags[insn] |= XI_CALL;
		if (fl & STEP_EXIT)
			x->iflags[insn] |= XI_EXIT;
	}
	if (p->error_insn < n)
		x->iflags[p->error_insn] |= XI_ERROR;
	return 0;
}

unsigned int explore_insn_flags(struct explore *x, uint32_t insn)
{
	if (build_index(x) || insn >= x->ninsns)
		return 0;
	return x->iflags[insn];
}

uint32_t explore_insn_visits(struct explore *x, uint32_t insn)
{
	if (build_index(x) || insn >= x->ninsns)
		return 0;
	return x->vis[insn].n;
}

uint32_t explore_insn_first_step(struct explore *x, uint32_t insn)
{
	if (!explore_insn_visits(x, insn))
		return IDX_NONE;
	return x->vis[insn].first;
}

int explore_goto_insn(struct explore *x, uint32_t insn)
{
	uint32_t k = explore_insn_first_step(x, insn);

	if (k == IDX_NONE)
		return -ENOENT;
	return explore_goto(x, k);
}

/*
 * the first visit of insn after step k, IDX_NONE when none: a walk over
 * the steps between, stopped at its last visit (at most the program's
 * steps: 3 ms for a million)
 */
static uint32_t visit_after(const struct explore *x, uint32_t insn, uint32_t k)
{
	const struct explore_visits *v = &x->vis[insn];

	if (k != IDX_NONE && k >= v->last)
		return IDX_NONE;
	if (k == IDX_NONE || k < v->first)
		return v->first;
	for (uint32_t s = k + 1; s < v->last; s++)
		if (step_insn(x->p, s) == insn)
			return s;
	return v->last;
}

/* the last visit of insn before step k, IDX_NONE when none */
static uint32_t visit_before(const struct explore *x, uint32_t insn, uint32_t k)
{
	const struct explore_visits *v = &x->vis[insn];

	if (k <= v->first)
		return IDX_NONE;
	if (k > v->last)
		return v->last;
	for (uint32_t s = k - 1; s > v->first; s--)
		if (step_insn(x->p, s) == insn)
			return s;
	return v->first;
}

int explore_goto_insn_near(struct explore *x, uint32_t insn)
{
	uint32_t k;

	if (!explore_insn_visits(x, insn))
		return -ENOENT;
	if (x->step == IDX_NONE)
		return explore_goto_insn(x, insn);
	k = visit_after(x, insn, x->step);
	return explore_goto(x, k != IDX_NONE ? k : x->vis[insn].first);
}

int explore_next_visit(struct explore *x)
{
	struct step s;
	uint32_t k;

	if (!explore_cur(x, &s) || explore_insn_visits(x, s.insn) < 2)
		return -ENOENT;
	k = visit_after(x, s.insn, x->step);
	return explore_goto(x, k != IDX_NONE ? k : x->vis[s.insn].first); /* wrap */
}

int explore_prev_visit(struct explore *x)
{
	struct step s;
	uint32_t k;

	if (!explore_cur(x, &s) || explore_insn_visits(x, s.insn) < 2)
		return -ENOENT;
	k = visit_before(x, s.insn, x->step);
	return explore_goto(x, k != IDX_NONE ? k : x->vis[s.insn].last); /* wrap */
}

/* ---- search ---- */

static bool has_upper(const char *s)
{
	for (; *s; s++)
		if (isupper((unsigned char)*s))
			return true;
	return false;
}

static uint64_t line_end(const struct model *m, uint64_t off)
{
	const char *e;

	if (off >= m->log.len)
		return m->log.len;
	e = memchr(m->log.buf + off, '\n', m->log.len - off);
	return e ? (uint64_t)(e - m->log.buf) : m->log.len;
}

int explore_step_chunk(const struct explore *x, uint32_t k, uint64_t *off, uint64_t *len)
{
	const struct program *p = x->p;
	const struct model *m = x->m;
	uint64_t start, end, plo, phi, at;

	if (!p || k >= p->steps.n || (at = step_off(p, k)) >= m->log.len)
		return -EINVAL;
	plo = p->log.off;
	phi = p->log.off + p->log.len;
	if (phi > m->log.len || phi <= plo)
		phi = m->log.len;
	start = k ? line_end(m, step_off(p, k - 1)) + 1 : plo;
	if (start > at) /* not in log order: the step's line alone */
		start = at;
	end = k + 1 == p->steps.n && phi > at ? phi : line_end(m, at);
	if (end > m->log.len)
		end = m->log.len;
	*off = start;
	*len = end - start;
	return 0;
}

bool explore_step_matches(const struct explore *x, struct explore_search *s, uint32_t k)
{
	uint64_t off, len;

	if (!s->compiled || explore_step_chunk(x, k, &off, &len))
		return false;
	if (len > EXPLORE_SEARCH_MAX_CHUNK)
		len = EXPLORE_SEARCH_MAX_CHUNK;
	/* regexec wants a C string: the log is not NUL-terminated (a mapping) */
	if (len + 1 > s->cap) {
		char *b = realloc(s->buf, len + 1);

		if (!b)
			return false;
		s->buf = b;
		s->cap = len + 1;
	}
	memcpy(s->buf, x->m->log.buf + off, len);
	s->buf[len] = 0;
	return regexec((const regex_t *)s->re, s->buf, 0, NULL, 0) == 0;
}

void explore_search_release(struct explore_search *s)
{
	if (s->compiled)
		regfree((regex_t *)s->re);
	free(s->re);
	free(s->hits);
	free(s->buf);
	s->re = NULL;
	s->hits = NULL;
	s->buf = NULL;
	s->cap = 0;
	s->compiled = false;
}

const char *explore_search_error(const struct explore_search *s)
{
	return s->err;
}

int explore_search_start(struct explore *x, struct explore_search *s, const char *needle, int dir)
{
	size_t n = strlen(needle);
	uint32_t ns = explore_nsteps(x);
	int rc;

	memset(s, 0, sizeof(*s));
	if (!n || n >= sizeof(s->needle)) {
		snprintf(s->err, sizeof(s->err), n ? "pattern too long" : "empty pattern");
		return -EINVAL;
	}
	memcpy(s->needle, needle, n + 1);
	s->icase = !has_upper(needle);
	s->dir = dir < 0 ? -1 : 1;
	s->re = calloc(1, sizeof(regex_t));
	if (!s->re)
		return -ENOMEM;
	rc = regcomp((regex_t *)s->re, needle,
		     REG_EXTENDED | REG_NEWLINE | (s->icase ? REG_ICASE : 0));
	if (rc) {
		regerror(rc, (regex_t *)s->re, s->err, sizeof(s->err));
		free(s->re);
		s->re = NULL;
		return -EINVAL;
	}
	s->compiled = true;
	if (!ns || x->step == IDX_NONE)
		return -ENOENT;
	s->hits = calloc((ns + 63) / 64, sizeof(uint64_t));
	if (!s->hits) {
		explore_search_release(s);
		return -ENOMEM;
	}
	s->next = 0;
	s->left = ns;
	return 0;
}

static bool hit(const struct explore_search *s, uint32_t k)
{
	return s->hits[k / 64] >> (k % 64) & 1;
}

uint32_t explore_search_rank(const struct explore_search *s, uint32_t k)
{
	uint32_t w, r = 0;

	if (!s->hits || s->left || !hit(s, k))
		return 0;
	for (w = 0; w < k / 64; w++)
		r += (uint32_t)__builtin_popcountll(s->hits[w]);
	r += (uint32_t)__builtin_popcountll(s->hits[k / 64] & ((2ull << (k % 64)) - 1));
	return r;
}

int explore_search_run(struct explore *x, struct explore_search *s, uint32_t budget)
{
	uint32_t ns = explore_nsteps(x), done = 0, i, k;

	if (!ns || !s->compiled || !s->hits || x->step >= ns)
		return 0;
	while (s->left) {
		if (budget && done++ >= budget)
			return -EAGAIN;
		k = s->next++;
		s->left--;
		if (explore_step_matches(x, s, k)) {
			s->hits[k / 64] |= 1ull << (k % 64);
			s->nhits++;
		}
	}
	if (!s->nhits)
		return 0;
	/* the next match from the cursor, the current step last */
	for (i = 1, k = x->step; i <= ns; i++) {
		k = s->dir > 0 ? (k + 1 == ns ? 0 : k + 1) : (k == 0 ? ns - 1 : k - 1);
		if (!(k % 64) && s->dir > 0 && !s->hits[k / 64] && ns - k >= 64 && i + 63 <= ns) {
			k += 63; /* skip an empty word */
			i += 63;
			continue;
		}
		if (hit(s, k)) {
			x->step = k;
			return 1;
		}
	}
	return 0;
}

int explore_call_stack(const struct explore *x, uint32_t *subprogs, uint32_t *call_steps, int max,
		       uint32_t budget)
{
	const struct program *p = x->p;
	const struct subprog *sp;
	uint32_t k, scanned = 0;
	int f, n;

	if (!p || x->step == IDX_NONE || x->step >= p->steps.n || max <= 0)
		return 0;
	k = x->step;
	f = step_frame(p, k);
	if (f >= max)
		f = max - 1;
	n = f + 1;
	sp = program_subprog_at(p, step_insn(p, k));
	subprogs[f] = sp ? sp->id : IDX_NONE;
	call_steps[f] = IDX_NONE;
	while (f > 0) {
		uint32_t found = IDX_NONE;

		/* walk back through this path, then the path that pushed it */
		while (scanned < budget || !budget) {
			const struct path *pa;

			if (step_frame(p, k) == f - 1 && k != x->step) {
				found = k;
				break;
			}
			scanned++;
			if (step_path(p, k) < p->paths.n) {
				pa = &p->paths.v[step_path(p, k)];
				if (k == pa->first_step) {
					if (pa->parent_step == IDX_NONE || pa->parent_step >= k)
						break;
					k = pa->parent_step;
					continue;
				}
			}
			if (k == 0)
				break;
			k--;
		}
		call_steps[f] = found;
		f--;
		if (found == IDX_NONE) {
			for (; f >= 0; f--) {
				subprogs[f] = IDX_NONE;
				call_steps[f] = IDX_NONE;
			}
			break;
		}
		sp = program_subprog_at(p, step_insn(p, found));
		subprogs[f] = sp ? sp->id : IDX_NONE;
		call_steps[f] = IDX_NONE;
	}
	return n;
}
