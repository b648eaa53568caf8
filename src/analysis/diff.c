// SPDX-License-Identifier: MIT
/*
 * diff.c — the comparison of two explorations (see diff.h). Reads two
 * models, writes a struct diff_result; prints nothing.
 *
 * States are compared as parsed values (src/analysis/state.h) at every
 * step, in windows of DIFF_CHECK_EVERY steps: at a path's start by a
 * rebuild of both states; then a step whose two sides move the state alike
 * (the same delta, as text or as values, the same clobbered registers, the
 * same frame, no state print between) leaves the states as alike as they
 * were, and only the other steps take a rebuild. Two logs of one kernel's
 * format rebuild at path starts only; two kernels' formats parse their
 * deltas. VERISTEP_DIFF_REBUILD=1 rebuilds at every step, for the test
 * that both ways find the same.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "src/analysis/diff.h"
#include "src/analysis/sleep.h"
#include "src/rules/sleep_table.h"

#define DIFF_CHECK_EVERY 64

const char *diff_what_name(enum diff_what w)
{
	static const char *const names[] = {
#define _(k, s) [DIFF_##k] = s,
		DIFF_WHAT_NAMES(_)
#undef _
	};

	return (unsigned)w < sizeof(names) / sizeof(names[0]) ? names[w] : "?";
}

static bool span_eq(const struct model *ma, struct span a, const struct model *mb, struct span b)
{
	return a.len == b.len && !memcmp(ma->log.buf + a.off, mb->log.buf + b.off, a.len);
}

/* a scalar known to be one value, and that value */
static bool scalar_const(const struct regval *v, uint64_t *val)
{
	if (v->has & HAS_CONST) {
		*val = (uint64_t)v->smin;
		return true;
	}
	if ((v->has & (HAS_UMIN | HAS_UMAX)) == (HAS_UMIN | HAS_UMAX) && v->umin == v->umax) {
		*val = v->umin;
		return true;
	}
	return false;
}

#define BOTH(f) ((a->has & (f)) && (b->has & (f)))

/*
 * Equal as the verifier knows them? Fields one side does not print are
 * not compared (dialects print different subsets of the bounds); ids,
 * liveness and precision marks never are. A register one side does not
 * list (not initialised, dead in a 7.1+ pop, scratched but not printed)
 * is no difference.
 */
static bool regval_same(const struct model *ma, const struct regval *a, const struct model *mb,
			const struct regval *b)
{
	uint64_t ca = 0, cb = 0;
	bool ka, kb;

	/* one kernel printing a value the other omits (unset, or dead in 7.x) is no difference */
	if (a->kind == REG_NOT_INIT || b->kind == REG_NOT_INIT ||
	    ((a->marks | b->marks) & MARK_DEAD))
		return true;
	if (a->kind == REG_OPAQUE || b->kind == REG_OPAQUE)
		return a->kind == b->kind ? span_eq(ma, a->type, mb, b->type) : true;
	if (a->kind != b->kind)
		return false;
	if (a->kind == REG_SCALAR) {
		ka = scalar_const(a, &ca);
		kb = scalar_const(b, &cb);
		if (ka || kb)
			return ka == kb && ca == cb;
		if (BOTH(HAS_SMIN) && a->smin != b->smin)
			return false;
		if (BOTH(HAS_SMAX) && a->smax != b->smax)
			return false;
		if (BOTH(HAS_UMIN) && a->umin != b->umin)
			return false;
		if (BOTH(HAS_UMAX) && a->umax != b->umax)
			return false;
		if (BOTH(HAS_SMIN32) && a->smin32 != b->smin32)
			return false;
		if (BOTH(HAS_SMAX32) && a->smax32 != b->smax32)
			return false;
		if (BOTH(HAS_UMIN32) && a->umin32 != b->umin32)
			return false;
		if (BOTH(HAS_UMAX32) && a->umax32 != b->umax32)
			return false;
		if (BOTH(HAS_VAR_OFF) &&
		    (a->var_off_value != b->var_off_value || a->var_off_mask != b->var_off_mask))
			return false;
		return true;
	}
	/* a pointer: its type, offset, map and sizes */
	if (!span_eq(ma, a->type, mb, b->type))
		return false;
	if (BOTH(HAS_OFF) && a->off != b->off)
		return false;
	if (a->map.len && b->map.len && !span_eq(ma, a->map, mb, b->map))
		return false;
	if (BOTH(HAS_KS_VS) && (a->ks != b->ks || a->vs != b->vs))
		return false;
	if (BOTH(HAS_RANGE_R) && a->r != b->r)
		return false;
	if (a->fp_frame != b->fp_frame && a->fp_frame >= 0 && b->fp_frame >= 0)
		return false;
	return true;
}

#undef BOTH

/*
 * Slot bytes ("0000????", "mmmmmmmm"), equal up to dialect: 7.x prints 'p'
 * (STACK_POISON, a slot its liveness pass found dead) where older kernels
 * print '?' (STACK_INVALID); neither can be read.
 */
static bool slot_text_same(const struct model *ma, struct span a, const struct model *mb,
			   struct span b)
{
	const char *x = ma->log.buf + a.off, *y = mb->log.buf + b.off;
	uint32_t i;

	if (a.len != b.len)
		return false;
	for (i = 0; i < a.len; i++) {
		char cx = x[i] == 'p' ? '?' : x[i], cy = y[i] == 'p' ? '?' : y[i];

		if (cx != cy)
			return false;
	}
	return true;
}

/*
 * 7.x poisons the bytes its liveness pass finds dead ('p'): what the other
 * kernel still shows there (a spill, misc bytes) is no difference. The
 * slot-byte prefixes are compared where neither side is poisoned or invalid.
 */
static bool poisoned_slot_same(const struct model *ma, struct span a, const struct model *mb,
			       struct span b)
{
	const char *x = ma->log.buf + a.off, *y = mb->log.buf + b.off;
	uint32_t i;

	if (!memchr(x, 'p', a.len) && !memchr(y, 'p', b.len))
		return false;
	for (i = 0; i < 8 && i < a.len && i < b.len; i++) {
		bool bx = strchr("?rm0difp", x[i]) != NULL, by = strchr("?rm0difp", y[i]) != NULL;

		if (!bx || !by)
			break; /* a spilled value from here on: the other side is poisoned */
		if (x[i] == 'p' || y[i] == 'p' || x[i] == '?' || y[i] == '?')
			continue;
		if (x[i] != y[i])
			return false;
	}
	return true;
}

static bool slot_same(const struct model *ma, const struct slotval *a, const struct model *mb,
		      const struct slotval *b)
{
	bool sa = a->spill.kind != REG_NOT_INIT, sb = b->spill.kind != REG_NOT_INIT;

	if (!a->used || !b->used || a->dead || b->dead)
		return true;
	if (sa != sb && poisoned_slot_same(ma, a->text, mb, b->text))
		return true;
	if (sa && sb)
		return regval_same(ma, &a->spill, mb, &b->spill);
	if (sa != sb)
		return false;
	return slot_text_same(ma, a->text, mb, b->text);
}

/* the first register or slot that differs; false when the states agree */
static bool state_differs(const struct model *ma, const struct vstate *a, const struct model *mb,
			  const struct vstate *b, struct diff_item *it)
{
	uint8_t f, nf = a->curframe < b->curframe ? a->curframe : b->curframe;
	int i;

	for (f = 0; f <= nf && f < MODEL_MAX_FRAMES; f++) {
		const struct frame_state *fa = &a->frames[f], *fb = &b->frames[f];

		if (!fa->known || !fb->known)
			continue;
		for (i = 0; i < STATE_NREGS; i++) {
			if (!regval_same(ma, &fa->regs[i], mb, &fb->regs[i])) {
				it->frame = f;
				it->reg = (int8_t)i;
				it->slot_off = 0;
				it->a = fa->regs[i];
				it->b = fb->regs[i];
				return true;
			}
		}
		for (i = 0; i < STATE_MAX_SLOTS; i++) {
			if (!slot_same(ma, &fa->slots[i], mb, &fb->slots[i])) {
				it->frame = f;
				it->reg = -1;
				it->slot_off = (int16_t)(-8 * (i + 1));
				it->a = fa->slots[i].spill;
				it->b = fb->slots[i].spill;
				it->a_slot = fa->slots[i].text;
				it->b_slot = fb->slots[i].text;
				return true;
			}
		}
	}
	return false;
}

/* the source text of the line in force at step k ("x = y;" of "; x = y; @ f.c:12") */
static struct span src_text(const struct model *m, const struct program *p, uint32_t k)
{
	uint32_t si = step_src(p, k);
	struct span s = { 0, 0 };
	const char *t;
	uint32_t i;

	if (si == IDX_NONE)
		return s;
	s = src_line(m, p, si);
	t = m->log.buf + s.off;
	/* drop "; " in front and " @ file:line" behind */
	while (s.len && (*t == ';' || *t == ' ')) {
		t++;
		s.off++;
		s.len--;
	}
	/* the last "@ " that starts the text or follows a blank */
	for (i = s.len; i >= 2; i--) {
		if (t[i - 1] == ' ' && t[i - 2] == '@' && (i == 2 || t[i - 3] == ' ')) {
			s.len = i == 2 ? 0 : i - 3;
			break;
		}
	}
	return s;
}

static uint32_t subprog_key(const struct model *m, const struct program *p, uint32_t insn,
			    const char **name)
{
	const struct subprog *sp = program_subprog_at(p, insn);

	*name = sp && sp->name ? strtab_get(&m->str, sp->name) : NULL;
	return sp ? sp->id : IDX_NONE;
}

/* one side of the walk: a unit's paths, in the order the log explored them */
struct side {
	const struct model *m;
	const struct program *p;
	uint32_t unit;
	uint32_t *paths; /* the unit's path indexes */
	uint32_t npaths;
	uint32_t pi; /* index into paths */
	uint32_t k;  /* the current step, IDX_NONE before the path's first */
};

static bool same_insn(const struct side *a, const struct side *b, bool two_builds)
{
	struct step sa = step_at(a->p, a->k), sb = step_at(b->p, b->k);
	const struct insn_fact *fa, *fb;
	const char *na, *nb;
	uint32_t ia, ib;

	if (!two_builds)
		return sa.insn == sb.insn && sa.frame == sb.frame;
	fa = program_insn(a->p, sa.insn);
	fb = program_insn(b->p, sb.insn);
	if (!fa || !fb || fa->opcode != fb->opcode || sa.frame != sb.frame)
		return false;
	ia = subprog_key(a->m, a->p, sa.insn, &na);
	ib = subprog_key(b->m, b->p, sb.insn, &nb);
	if (na && nb ? strcmp(na, nb) != 0 : ia != ib)
		return false;
	return span_eq(a->m, src_text(a->m, a->p, a->k), b->m, src_text(b->m, b->p, b->k));
}

static bool states_differ_at(const struct side *a, uint32_t ka, const struct side *b, uint32_t kb,
			     struct diff_item *it)
{
	struct vstate *sa = malloc(sizeof(*sa)), *sb = malloc(sizeof(*sb));
	bool d = false;

	if (sa && sb && !state_before(a->m, a->p, ka, sa) && !state_before(b->m, b->p, kb, sb))
		d = state_differs(a->m, sa, b->m, sb, it);
	free(sa);
	free(sb);
	return d;
}

static void set_div(struct diff_divergence *dv, enum diff_what w, const struct side *a, uint32_t ka,
		    const struct side *b, uint32_t kb)
{
	dv->what = (uint8_t)w;
	dv->unit = a->unit;
	dv->b_unit = b->unit;
	dv->a_step = ka;
	dv->b_step = kb;
	dv->a_path = ka != IDX_NONE    ? step_path(a->p, ka) :
		     a->pi < a->npaths ? a->paths[a->pi] :
					 IDX_NONE;
	dv->b_path = kb != IDX_NONE    ? step_path(b->p, kb) :
		     b->pi < b->npaths ? b->paths[b->pi] :
					 IDX_NONE;
}

/* two delta prints setting the same items to values no comparison tells apart */
static bool deltas_alike(const struct side *a, struct span ta, const struct side *b, struct span tb,
			 struct state_line *la, struct state_line *lb)
{
	state_parse_line(a->m->log.buf, ta.off, ta.len, la);
	state_parse_line(b->m->log.buf, tb.off, tb.len, lb);
	if (la->frame != lb->frame || la->regs_set != lb->regs_set ||
	    la->slots_set != lb->slots_set || la->unparsed || lb->unparsed)
		return false;
	for (int r = 0; r < STATE_NREGS; r++)
		if ((la->regs_set >> r & 1) && !regval_same(a->m, &la->regs[r], b->m, &lb->regs[r]))
			return false;
	for (int i = 0; i < STATE_MAX_SLOTS; i++)
		if ((la->slots_set >> i & 1) &&
		    !slot_same(a->m, &la->slots[i], b->m, &lb->slots[i]))
			return false;
	return true;
}

/* two prints (deltas or whole states) alike: the same text, or the same items alike */
static bool prints_alike(const struct side *a, struct span ta, const struct side *b, struct span tb,
			 struct state_line *tmp)
{
	return span_eq(a->m, ta, b->m, tb) || deltas_alike(a, ta, b, tb, tmp, tmp + 1);
}

/*
 * The state prints between step ka and the next (a 6.x level-2 log prints
 * "N: R.." every few steps) alike on both sides: as many, each of the same
 * kind (an instruction's state, whole or its changes, or 5.x's after a
 * branch: a pop's comes at a path's start), frame and path, the same items
 * with values alike. Applied after states alike, they leave them alike.
 */
static bool same_prints_between(const struct side *a, uint32_t ka, const struct side *b,
				uint32_t kb, struct state_line *tmp)
{
	const struct program *pa = a->p, *pb = b->p;
	uint32_t fa = state_fstates_upto(pa, ka), na = state_fstates_upto(pa, ka + 1) - fa;
	uint32_t fb = state_fstates_upto(pb, kb), nb = state_fstates_upto(pb, kb + 1) - fb;

	if (na != nb)
		return false;
	for (uint32_t j = 0; j < na; j++) {
		const struct fstate *x = &pa->fstates.v[fa + j], *y = &pb->fstates.v[fb + j];
		struct span tx = { x->off, x->len }, ty = { y->off, y->len };

		if (x->kind != y->kind || (x->kind != FS_INSN && x->kind != FS_POST) ||
		    x->frame != y->frame || x->path != step_path(pa, ka + 1) ||
		    y->path != step_path(pb, kb + 1) ||
		    fstate_is_partial(pa, x) != fstate_is_partial(pb, y))
			return false;
		if (!prints_alike(a, tx, b, ty, tmp))
			return false;
	}
	return true;
}

static bool calls_subprog(const struct program *p, uint32_t insn)
{
	const struct insn_fact *f = program_insn(p, insn);

	return f && f->kind == INSN_CALL_SUBPROG;
}

/*
 * Does step ka of a take the state before it to the one before ka + 1 as
 * step kb of b does? Then states alike before are alike after. What a step
 * does to the state (src/analysis/state.c, apply_step()): a helper or kfunc
 * call clears R0-R5, its delta sets what it lists, a frame change or a
 * state print between two steps brings in more.
 */
static bool same_move(const struct side *a, uint32_t ka, const struct side *b, uint32_t kb,
		      struct state_line *tmp)
{
	const uint8_t moves = STEP_CALL | STEP_EMPTY_DELTA | STEP_HAS_DELTA;
	const struct program *pa = a->p, *pb = b->p;
	struct step sa, sb;
	struct span ta, tb;

	if (ka + 1 >= pa->steps.n || kb + 1 >= pb->steps.n)
		return false;
	sa = step_at(pa, ka);
	sb = step_at(pb, kb);
	if ((sa.flags & moves) != (sb.flags & moves) || sa.frame != sb.frame ||
	    step_frame(pa, ka + 1) != sa.frame || step_frame(pb, kb + 1) != sb.frame)
		return false;
	/* a helper's or kfunc's call clobbers R0-R5, a subprog's does not */
	if ((sa.flags & STEP_CALL) && calls_subprog(pa, sa.insn) != calls_subprog(pb, sb.insn))
		return false;
	if (sa.flags & STEP_HAS_DELTA) {
		ta = step_trailer(a->m, &sa);
		tb = step_trailer(b->m, &sb);
		if (!ta.len || !tb.len) {
			if (ta.len != tb.len)
				return false;
		} else if (!prints_alike(a, ta, b, tb, tmp)) {
			return false;
		}
	}
	return same_prints_between(a, ka, b, kb, tmp);
}

/*
 * The first of the n steps after (ka0, kb0) whose state differs, the states
 * at (ka0, kb0) alike: a step moved alike on both sides needs no rebuild.
 */
static bool scan_states(const struct side *a, uint32_t ka0, const struct side *b, uint32_t kb0,
			uint32_t n, struct diff_divergence *dv)
{
	const char *every = getenv("VERISTEP_DIFF_REBUILD");
	struct state_line *tmp = every && *every == '1' ? NULL : malloc(2 * sizeof(*tmp));
	uint32_t i;

	for (i = 1; i <= n; i++) {
		if (tmp && same_move(a, ka0 + i - 1, b, kb0 + i - 1, tmp))
			continue;
		if (states_differ_at(a, ka0 + i, b, kb0 + i, &dv->item)) {
			free(tmp);
			set_div(dv, DIFF_STATE, a, ka0 + i, b, kb0 + i);
			return true;
		}
	}
	free(tmp);
	return false;
}

/* the two paths at a->pi, b->pi agree on where they start? */
static enum diff_what compare_path_heads(const struct side *a, const struct side *b,
					 bool two_builds)
{
	const struct path *x = &a->p->paths.v[a->paths[a->pi]];
	const struct path *y = &b->p->paths.v[b->paths[b->pi]];

	if ((x->flags & PATH_SAFE) != (y->flags & PATH_SAFE))
		return DIFF_PRUNE;
	if (!two_builds && (x->from_insn != y->from_insn || x->to_insn != y->to_insn))
		return DIFF_INSN;
	if (!x->nsteps != !y->nsteps)
		return DIFF_PRUNE;
	return DIFF_NONE;
}

/* walk one path pair in lockstep; true when a divergence was found */
static bool diff_path(struct side *a, struct side *b, bool two_builds, struct diff_result *r)
{
	const struct path *x = &a->p->paths.v[a->paths[a->pi]];
	const struct path *y = &b->p->paths.v[b->paths[b->pi]];
	struct diff_divergence *dv = &r->div;
	uint32_t i, n = x->nsteps < y->nsteps ? x->nsteps : y->nsteps, anchor = 0, since = 0;
	enum diff_what w = compare_path_heads(a, b, two_builds);

	if (w != DIFF_NONE) {
		set_div(dv, w, a, x->nsteps ? x->first_step : IDX_NONE, b,
			y->nsteps ? y->first_step : IDX_NONE);
		return true;
	}
	for (i = 0; i < n; i++) {
		uint32_t ka = x->first_step + i, kb = y->first_step + i;

		a->k = ka;
		b->k = kb;
		if (!same_insn(a, b, two_builds))
			w = DIFF_INSN;
		else if ((step_flags(a->p, ka) & STEP_PRUNED) !=
			 (step_flags(b->p, kb) & STEP_PRUNED))
			w = DIFF_PRUNE;
		if (i == 0) {
			/* the path's first state: where the pop put it */
			if (w == DIFF_NONE && states_differ_at(a, ka, b, kb, &dv->item)) {
				set_div(dv, DIFF_STATE, a, ka, b, kb);
				return true;
			}
		} else if (w != DIFF_NONE || ++since >= DIFF_CHECK_EVERY) {
			/* a state that differs before this point comes first */
			if (scan_states(a, x->first_step + anchor, b, y->first_step + anchor,
					i - anchor - (w != DIFF_NONE), dv))
				return true;
			anchor = i;
			since = 0;
		}
		if (w != DIFF_NONE) {
			set_div(dv, w, a, ka, b, kb);
			return true;
		}
		r->steps_compared++;
	}
	if (n && n - 1 > anchor &&
	    scan_states(a, x->first_step + anchor, b, y->first_step + anchor, n - 1 - anchor, dv))
		return true;
	if (x->nsteps != y->nsteps) {
		/* one path goes on where the other ended (exit, prune, error, the log's end) */
		uint32_t ka = x->nsteps > n ? x->first_step + n : IDX_NONE;
		uint32_t kb = y->nsteps > n ? y->first_step + n : IDX_NONE;
		const struct program *pe = ka == IDX_NONE ? a->p : b->p;
		uint32_t last = (ka == IDX_NONE ? x->first_step : y->first_step) + n - 1;

		if (n && (step_flags(pe, last) & STEP_ERROR)) {
			/* the shorter one stopped with its error at the last step both took */
			set_div(dv, DIFF_END, a, x->first_step + n - 1, b, y->first_step + n - 1);
			return true;
		}
		set_div(dv, n && (step_flags(pe, last) & STEP_PRUNED) ? DIFF_PRUNE : DIFF_END, a,
			ka, b, kb);
		return true;
	}
	return false;
}

/* the paths of unit u, in order; NULL when there are none (free it) */
static uint32_t *unit_paths(const struct program *p, uint32_t u, uint32_t *n)
{
	uint32_t *v = malloc(((size_t)p->paths.n + 1) * sizeof(*v)), i;

	*n = 0;
	for (i = 0; v && i < p->paths.n; i++)
		if (p->paths.v[i].unit == u)
			v[(*n)++] = i;
	return v;
}

/* do units x (of pa) and y (of pb) stand for the same code: kind and start (or subprog)? */
static bool same_unit(const struct model *ma, const struct program *pa, const struct unit *x,
		      const struct model *mb, const struct program *pb, const struct unit *y,
		      bool two_builds)
{
	const char *nx, *ny;

	if (x->kind != y->kind)
		return false;
	if (!two_builds)
		return x->start_insn == y->start_insn;
	subprog_key(ma, pa, x->start_insn, &nx);
	subprog_key(mb, pb, y->start_insn, &ny);
	return nx && ny && !strcmp(nx, ny);
}

/*
 * Pair the units one to one: the i-th unit of A of some kind and start with
 * the i-th of B of the same (a kernel may explore one callback twice).
 * pair[u] is B's unit for A's unit u, or IDX_NONE; b_used[j] marks B's.
 */
static void pair_units(const struct model *ma, const struct program *pa, const struct model *mb,
		       const struct program *pb, bool two_builds, uint32_t *pair, bool *b_used)
{
	uint32_t u, j;

	for (u = 0; u < pa->units.n; u++) {
		pair[u] = IDX_NONE;
		for (j = 0; j < pb->units.n; j++) {
			if (b_used[j] || !same_unit(ma, pa, &pa->units.v[u], mb, pb,
						    &pb->units.v[j], two_builds))
				continue;
			pair[u] = j;
			b_used[j] = true;
			break;
		}
	}
}

/* where a divergence stands in the exploration order, to pick the first one */
static uint32_t div_pos(const struct diff_divergence *dv)
{
	return dv->a_step < dv->b_step ? dv->a_step : dv->b_step;
}

static void keep_first(struct diff_result *r, const struct diff_divergence *dv)
{
	if (!r->has_div || div_pos(dv) < div_pos(&r->div)) {
		r->div = *dv;
		r->has_div = true;
	}
}

/*
 * Units pair by kind and start (kernels order them differently), the paths
 * of a unit pair in order; of the divergences found in each unit pair, the
 * first in the exploration's order is the first divergence.
 */
static void diff_exploration(const struct model *ma, const struct program *pa,
			     const struct model *mb, const struct program *pb, bool two_builds,
			     struct diff_result *r)
{
	uint32_t *pair = calloc(pa->units.n + 1, sizeof(*pair));
	bool *b_used = calloc(pb->units.n + 1, sizeof(*b_used));
	struct diff_result t;
	uint32_t u, j;

	if (!pair || !b_used)
		goto out;
	pair_units(ma, pa, mb, pb, two_builds, pair, b_used);
	for (u = 0; u < pa->units.n; u++) {
		struct side a = { ma, pa, u, NULL, 0, 0, IDX_NONE };
		struct side b = { mb, pb, IDX_NONE, NULL, 0, 0, IDX_NONE };
		bool found = false;

		memset(&t, 0, sizeof(t));
		b.unit = pair[u];
		a.paths = unit_paths(pa, u, &a.npaths);
		if (b.unit != IDX_NONE)
			b.paths = unit_paths(pb, b.unit, &b.npaths);
		if (!a.paths || (b.unit != IDX_NONE && !b.paths)) {
			free(a.paths);
			free(b.paths);
			goto out;
		}
		for (; a.pi < a.npaths && b.pi < b.npaths && !found; a.pi++, b.pi++)
			found = diff_path(&a, &b, two_builds, &t);
		if (found) {
			a.pi--;
			b.pi--;
		}
		if (!found && a.npaths != b.npaths) {
			/* one explored more paths of this unit (or the unit at all) */
			uint32_t ka =
				a.pi < a.npaths ? pa->paths.v[a.paths[a.pi]].first_step : IDX_NONE;
			uint32_t kb =
				b.pi < b.npaths ? pb->paths.v[b.paths[b.pi]].first_step : IDX_NONE;

			set_div(&t.div, DIFF_END, &a, ka, &b, kb);
			found = true;
		}
		r->steps_compared += t.steps_compared;
		if (found)
			keep_first(r, &t.div);
		free(a.paths);
		free(b.paths);
	}
	for (j = 0; j < pb->units.n; j++) {
		struct side a = { ma, pa, IDX_NONE, NULL, 0, 0, IDX_NONE };
		struct side b = { mb, pb, j, NULL, 0, 0, IDX_NONE };
		const struct unit *y = &pb->units.v[j];

		if (b_used[j])
			continue;
		/* a unit only B explored */
		memset(&t, 0, sizeof(t));
		set_div(&t.div, DIFF_END, &a, IDX_NONE, &b, y->nsteps ? y->first_step : IDX_NONE);
		t.div.b_path = y->first_path;
		keep_first(r, &t.div);
	}
out:
	free(pair);
	free(b_used);
}

/* the error texts, equal once addresses and runs of blanks are masked */
static bool errors_differ(const struct model *ma, const struct program *pa, const struct model *mb,
			  const struct program *pb)
{
	char *ea = program_error_text(ma, pa), *eb = program_error_text(mb, pb);
	const char *x = ea, *y = eb;
	bool d = false;

	if (!ea || !eb) {
		d = !!ea != !!eb;
		goto out;
	}
	while (*x || *y) {
		if (x[0] == '0' && x[1] == 'x' && y[0] == '0' && y[1] == 'x') {
			x += 2;
			y += 2;
			while ((*x >= '0' && *x <= '9') || (*x >= 'a' && *x <= 'f'))
				x++;
			while ((*y >= '0' && *y <= '9') || (*y >= 'a' && *y <= 'f'))
				y++;
			continue;
		}
		if (*x == ' ' && *y == ' ') {
			while (*x == ' ')
				x++;
			while (*y == ' ')
				y++;
			continue;
		}
		if (*x != *y) {
			d = true;
			break;
		}
		x++;
		y++;
	}
out:
	free(ea);
	free(eb);
	return d;
}

static const struct subprog *find_subprog(const struct model *mf, const struct subprog *want,
					  const struct model *m, const struct program *p,
					  uint32_t *idx)
{
	const char *name = want->name ? strtab_get(&mf->str, want->name) : NULL;
	uint32_t i;

	for (i = 0; i < p->subprogs.n; i++) {
		const struct subprog *sp = &p->subprogs.v[i];

		if (name ? sp->name && !strcmp(name, strtab_get(&m->str, sp->name)) :
			   !sp->name && sp->id == want->id) {
			*idx = i;
			return sp;
		}
	}
	*idx = IDX_NONE;
	return NULL;
}

/* do A's and B's rule sets put rule f in different eras? */
static bool rule_differs(const struct sleep_rules *ra, const struct sleep_rules *rb,
			 enum sleep_feature f)
{
	return sleep_rule_era(f, ra->ver, ra->patch) != sleep_rule_era(f, rb->ver, rb->patch);
}

/*
 * The rule that gives subprogram s its context and changed between the two
 * rule sets: the callback rule of a registration that reaches it, or for
 * a global the rules on globals that may sleep; -1 when none changed.
 */
static int16_t changed_rule(const struct model *m, const struct program *p, const struct subprog *s,
			    const struct sleep_rules *ra, const struct sleep_rules *rb)
{
	static const enum sleep_feature global_rules[] = {
		SF_GLOBAL_MIGHT_SLEEP,
		SF_LAZY_GLOBALS,
		SF_PER_STATE_SLEEPABLE,
	};
	uint32_t i;

	for (i = 0; i < program_cold(p)->edges.n; i++) {
		const struct edge *e = &program_cold(p)->edges.v[i];
		const struct sleep_cb *cb;

		if (e->to != s->id || e->kind == EDGE_CALL || !e->via)
			continue;
		cb = sleep_cb_lookup(strtab_get(&m->str, e->via));
		if (cb && rule_differs(ra, rb, (enum sleep_feature)cb->rule))
			return cb->rule;
	}
	if (s->linkage == LINKAGE_GLOBAL)
		for (i = 0; i < sizeof(global_rules) / sizeof(global_rules[0]); i++)
			if (rule_differs(ra, rb, global_rules[i]))
				return (int16_t)global_rules[i];
	return -1;
}

static void diff_contexts(const struct model *ma, const struct program *pa, const struct model *mb,
			  const struct program *pb, struct diff_result *r)
{
	struct sleep_rules ra, rb;
	bool rules = pa->sleep_rules && pb->sleep_rules &&
		     !sleep_rules_parse(strtab_get(&ma->str, pa->sleep_rules), &ra) &&
		     !sleep_rules_parse(strtab_get(&mb->str, pb->sleep_rules), &rb);
	uint32_t i, j;

	for (i = 0; i < pa->subprogs.n && r->nctx < DIFF_MAX_CTX; i++) {
		const struct subprog *sa = &pa->subprogs.v[i];
		const struct subprog *sb = find_subprog(ma, sa, mb, pb, &j);

		if (sb && sa->contexts == sb->contexts)
			continue;
		if (!sb && !sa->contexts)
			continue;
		r->ctx[r->nctx++] =
			(struct diff_ctx){ i, j, sa->contexts, sb ? sb->contexts : 0,
					   rules ? changed_rule(ma, pa, sa, &ra, &rb) : -1 };
	}
	for (j = 0; j < pb->subprogs.n && r->nctx < DIFF_MAX_CTX; j++) {
		const struct subprog *sb = &pb->subprogs.v[j];

		if (!sb->contexts || find_subprog(mb, sb, ma, pa, &i))
			continue;
		r->ctx[r->nctx++] = (struct diff_ctx){ IDX_NONE, j, 0, sb->contexts, -1 };
	}
}

static uint32_t absdiff(uint32_t a, uint32_t b)
{
	return a > b ? a - b : b - a;
}

static void diff_hot(const struct program *pa, const struct program *pb, struct diff_result *r)
{
	/* an insn past one program's tables: no visit there */
	uint32_t n = pa->ninsns > pb->ninsns ? pa->ninsns : pb->ninsns, i, j;

	if (!pa->visits || !pb->visits)
		return;
	for (i = 0; i < n; i++) {
		uint32_t va = i < pa->ninsns ? pa->visits[i] : 0;
		uint32_t vb = i < pb->ninsns ? pb->visits[i] : 0;
		uint32_t d = absdiff(va, vb);

		if (!d)
			continue;
		if (r->nhot == DIFF_MAX_HOT &&
		    d <= absdiff(r->hot[r->nhot - 1].a_visits, r->hot[r->nhot - 1].b_visits))
			continue;
		if (r->nhot < DIFF_MAX_HOT)
			r->nhot++;
		/* insert, largest change first, lower insn first among equals */
		for (j = r->nhot - 1; j > 0; j--) {
			const struct diff_hot *h = &r->hot[j - 1];

			if (absdiff(h->a_visits, h->b_visits) >= d)
				break;
			r->hot[j] = r->hot[j - 1];
		}
		r->hot[j] = (struct diff_hot){ i, va, vb };
	}
}

int diff_programs(const struct model *ma, const struct program *pa, const struct model *mb,
		  const struct program *pb, bool two_builds, struct diff_result *out)
{
	memset(out, 0, sizeof(*out));
	out->two_builds = two_builds;
	out->verdict_changed = pa->verdict != pb->verdict;
	out->error_changed = errors_differ(ma, pa, mb, pb);
	out->div.a_step = out->div.b_step = IDX_NONE;
	/* a side without a log (the load failed before the verifier) has no exploration */
	if ((pa->verdict == VERDICT_UNKNOWN) != (pb->verdict == VERDICT_UNKNOWN))
		return 0;
	/*
	 * a level-1 log of an accepted program shows no step, and a rotated
	 * log starts anywhere: nothing to walk in step
	 */
	if (pa->steps.n && pb->steps.n && !pa->head_lost && !pb->head_lost)
		diff_exploration(ma, pa, mb, pb, two_builds, out);
	diff_contexts(ma, pa, mb, pb, out);
	if (!two_builds)
		diff_hot(pa, pb, out);
	return 0;
}

bool diff_any(const struct program *pa, const struct program *pb, const struct diff_result *r)
{
	return r->verdict_changed || r->error_changed || r->has_div || r->nctx ||
	       pa->stats.processed_insns != pb->stats.processed_insns ||
	       pa->stats.total_states != pb->stats.total_states ||
	       pa->stats.peak_states != pb->stats.peak_states;
}

/* ---- alignment for a cursor on both sides ---- */

int diff_align_build(const struct model *ma, const struct program *pa, const struct model *mb,
		     const struct program *pb, bool two_builds, struct diff_align *al)
{
	uint32_t *pair = calloc(pa->units.n + 1, sizeof(*pair));
	bool *b_used = calloc(pb->units.n + 1, sizeof(*b_used));
	uint32_t u, i;
	int rc = -ENOMEM;

	memset(al, 0, sizeof(*al));
	al->two_builds = two_builds;
	al->na = pa->paths.n;
	al->nb = pb->paths.n;
	al->a_to_b = malloc(((size_t)al->na + 1) * sizeof(uint32_t));
	al->b_to_a = malloc(((size_t)al->nb + 1) * sizeof(uint32_t));
	if (!pair || !b_used || !al->a_to_b || !al->b_to_a)
		goto out;
	for (i = 0; i < al->na; i++)
		al->a_to_b[i] = IDX_NONE;
	for (i = 0; i < al->nb; i++)
		al->b_to_a[i] = IDX_NONE;
	pair_units(ma, pa, mb, pb, two_builds, pair, b_used);
	for (u = 0; u < pa->units.n; u++) {
		uint32_t *xa, *xb, nxa, nxb;

		if (pair[u] == IDX_NONE)
			continue;
		xa = unit_paths(pa, u, &nxa);
		xb = unit_paths(pb, pair[u], &nxb);
		for (i = 0; xa && xb && i < nxa && i < nxb; i++) {
			al->a_to_b[xa[i]] = xb[i];
			al->b_to_a[xb[i]] = xa[i];
		}
		free(xa);
		free(xb);
		if (!xa || !xb)
			goto out;
	}
	rc = 0;
out:
	free(pair);
	free(b_used);
	if (rc)
		diff_align_free(al);
	return rc;
}

void diff_align_free(struct diff_align *al)
{
	free(al->a_to_b);
	free(al->b_to_a);
	memset(al, 0, sizeof(*al));
}

uint32_t diff_align_step(const struct diff_align *al, const struct model *ma,
			 const struct program *pa, const struct model *mb, const struct program *pb,
			 bool from_b, uint32_t k, bool *same)
{
	const struct program *px = from_b ? pb : pa, *py = from_b ? pa : pb;
	const uint32_t *map = from_b ? al->b_to_a : al->a_to_b;
	uint32_t pi = k < px->steps.n ? step_path(px, k) : IDX_NONE, pj, off, ky;
	const struct path *x, *y;
	bool agree = false;

	if (same)
		*same = false;
	if (pi == IDX_NONE || pi >= (from_b ? al->nb : al->na) || map[pi] == IDX_NONE)
		return IDX_NONE;
	pj = map[pi];
	x = &px->paths.v[pi];
	y = &py->paths.v[pj];
	if (!y->nsteps)
		return IDX_NONE;
	off = k - x->first_step;
	ky = y->first_step + (off < y->nsteps ? off : y->nsteps - 1);
	if (off < y->nsteps) {
		struct side sa = { ma, pa, 0, NULL, 0, 0, from_b ? ky : k };
		struct side sb = { mb, pb, 0, NULL, 0, 0, from_b ? k : ky };

		agree = same_insn(&sa, &sb, al->two_builds);
	}
	if (same)
		*same = agree;
	return ky;
}

/* does step j of A begin a run of steps where the sides disagree? */
static bool starts_disagreement(const struct diff_align *al, const struct model *ma,
				const struct program *pa, const struct model *mb,
				const struct program *pb, uint32_t j)
{
	bool same;

	diff_align_step(al, ma, pa, mb, pb, false, j, &same);
	if (same)
		return false;
	if (!j || pa->paths.v[step_path(pa, j)].first_step == j)
		return true;
	diff_align_step(al, ma, pa, mb, pb, false, j - 1, &same);
	return same;
}

uint32_t diff_align_next(const struct diff_align *al, const struct model *ma,
			 const struct program *pa, const struct model *mb, const struct program *pb,
			 uint32_t k, int dir)
{
	uint32_t j = k;

	if (!pa->steps.n)
		return IDX_NONE;
	for (;;) {
		if (dir > 0 ? j + 1 >= pa->steps.n || j == IDX_NONE : j == 0 || j > pa->steps.n)
			return IDX_NONE;
		j = dir > 0 ? j + 1 : j - 1;
		if (starts_disagreement(al, ma, pa, mb, pb, j))
			return j;
	}
}
