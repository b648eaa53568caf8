// SPDX-License-Identifier: MIT
/*
 * state.c — the state at a step rebuilt from the log: the last full
 * state printed for each frame, plus the "; " deltas since (the state
 * text is parsed by parsers/state_text.c, the one state grammar).
 *
 * Nothing is stored per step: the log text is re-read on demand.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/analysis/state.h"

/*
 * The next id of the list "2,4" (a span of buf) from *pos on, into *id;
 * false at its end. Non-digits separate ids.
 */
static bool ids_next(const char *buf, struct span ids, uint32_t *pos, uint32_t *id)
{
	uint32_t v = 0;
	bool digits = false;

	for (; *pos <= ids.len; (*pos)++) {
		char c = *pos < ids.len ? buf[ids.off + *pos] : ',';

		if (c >= '0' && c <= '9') {
			v = v * 10 + (uint32_t)(c - '0');
			digits = true;
		} else if (digits) {
			(*pos)++;
			*id = v;
			return true;
		}
	}
	return false;
}

/* does the id list hold id? */
static bool ids_have(const char *buf, struct span ids, uint32_t id)
{
	uint32_t pos = 0, v;

	while (ids_next(buf, ids, &pos, &v))
		if (v == id)
			return true;
	return false;
}

/* the first id of now that was not in before, 0 when none */
static uint32_t ids_new(const char *buf, struct span before, struct span now)
{
	uint32_t pos = 0, v;

	while (ids_next(buf, now, &pos, &v))
		if (v && !ids_have(buf, before, v))
			return v;
	return 0;
}

/*
 * The references of frame f are now `now` (was `before`): an irq flag set
 * by this print holds the id it added (its text has none); an iterator,
 * dynptr or irq flag whose reference is gone was released, and the kernel
 * does not print the invalid slot it leaves: clear it.
 */
static void refs_update(const char *buf, struct frame_state *f, struct span now, uint32_t n,
			uint64_t set_here)
{
	struct span before = f->refs_text;
	/*
	 * After every update each slot holding a reference has it in refs_text:
	 * with none listed before, only the slots this print sets can hold one
	 * (most prints of a long loop list no reference: no pass over 64 slots).
	 */
	uint64_t scan = before.len ? ~0ull : set_here;

	for (; scan; scan &= scan - 1) {
		uint32_t i = (uint32_t)__builtin_ctzll(scan);
		struct slotval *sv = &f->slots[i];

		if (!sv->used || !state_slot_kind_name(sv->kind))
			continue;
		if ((set_here & (1ull << i)) && sv->kind == SLOT_IRQ_FLAG && !sv->ref_id)
			sv->ref_id = ids_new(buf, before, now);
		else if (sv->ref_id && !ids_have(buf, now, sv->ref_id))
			memset(sv, 0, sizeof(*sv));
	}
	f->refs = n;
	f->refs_text = now;
}

/*
 * A dynptr takes two slots and the kernel prints it once, at its lower one
 * ("fp-24=dynptr_local(...)" covers fp-24 and fp-16): what fp-16 held before
 * is gone.
 */
static void clear_dynptr_upper(struct frame_state *f, const struct state_line *sl)
{
	/* the slots this print names, by their bits: most name none or one */
	for (uint64_t b = sl->slots_set & ~1ull; b; b &= b - 1) {
		uint32_t i = (uint32_t)__builtin_ctzll(b);

		if (f->slots[i].kind == SLOT_DYNPTR && f->slots[i].text.len != 8 &&
		    !(sl->slots_set & (1ull << (i - 1))))
			memset(&f->slots[i - 1], 0, sizeof(f->slots[i - 1]));
	}
}

static void apply_full(const char *buf, struct vstate *st, const struct state_line *sl)
{
	struct frame_state *f = &st->frames[sl->frame];
	uint32_t i;

	memset(f, 0, sizeof(*f));
	f->known = true;
	for (i = 0; i < STATE_NREGS; i++)
		if (sl->regs_set & (1u << i))
			f->regs[i] = sl->regs[i];
	for (i = 0; i < STATE_MAX_SLOTS; i++)
		if (sl->slots_set & (1ull << i))
			f->slots[i] = sl->slots[i];
	refs_update(buf, f, sl->refs, sl->nrefs, sl->slots_set);
	f->cb = sl->cb;
	f->async_cb = sl->async_cb;
	clear_dynptr_upper(f, sl);
}

static uint16_t apply_delta(const char *buf, struct vstate *st, const struct state_line *sl)
{
	struct frame_state *f = &st->frames[sl->frame];
	uint16_t changed = sl->regs_set;

	for (uint32_t b = sl->regs_set; b; b &= b - 1)
		f->regs[__builtin_ctz(b)] = sl->regs[__builtin_ctz(b)];
	for (uint64_t b = sl->slots_set; b; b &= b - 1)
		f->slots[__builtin_ctzll(b)] = sl->slots[__builtin_ctzll(b)];
	/* every state print lists the references held (6.x deltas too): none listed, none held */
	refs_update(buf, f, sl->refs, sl->nrefs, sl->slots_set);
	clear_dynptr_upper(f, sl);
	return changed;
}

/*
 * A pop line that lists only live registers and slots (7.x; older kernels
 * list every initialised one, so nothing is missing there): what it lists
 * is the state; what it omits is dead, kept with its last known value
 * (from the state before: the branch that pushed the path, or the return).
 */
static void apply_live(const char *buf, struct vstate *st, const struct state_line *sl)
{
	struct frame_state *f = &st->frames[sl->frame];
	uint32_t i;

	f->known = true;
	for (i = 0; i < STATE_NREGS; i++)
		if (sl->regs_set & (1u << i))
			f->regs[i] = sl->regs[i];
		else if (f->regs[i].kind != REG_NOT_INIT)
			f->regs[i].marks |= MARK_DEAD;
	for (i = 0; i < STATE_MAX_SLOTS; i++)
		if (sl->slots_set & (1ull << i))
			f->slots[i] = sl->slots[i];
		else if (f->slots[i].used)
			f->slots[i].dead = 1;
	refs_update(buf, f, sl->refs, sl->nrefs, sl->slots_set);
	f->cb = sl->cb;
	f->async_cb = sl->async_cb;
	clear_dynptr_upper(f, sl);
}

/*
 * Is fs a "from X to Y:" line whose omitted items are dead rather than
 * unset: a branch's pop (the pushed state is the branch's), or the state
 * after a return (the caller's state is the one "to caller at" printed)?
 * A callback's first state is a new frame: what it omits was never set.
 */
static bool fstate_omits_dead(const struct program *p, const struct fstate *fs)
{
	const struct path *pa;

	if (fs->kind != FS_POP || fs->path >= p->paths.n)
		return false;
	pa = &p->paths.v[fs->path];
	if (pa->fstate != (uint32_t)(fs - p->fstates.v))
		return true;
	return pa->parent_step != IDX_NONE && pa->parent_step < p->steps.n &&
	       (step_flags(p, pa->parent_step) & STEP_BRANCH) &&
	       !(step_flags(p, pa->parent_step) & STEP_CALL);
}

/* the effect of step s on the state after it: its delta, and a helper call's clobbers (R0-R5) */
static uint16_t apply_step(const struct model *m, const struct program *p, struct vstate *st,
			   const struct step *s, struct state_line *tmp)
{
	const struct insn_fact *fact = program_insn(p, s->insn);
	uint16_t changed = 0;
	struct span tr;

	/* a BPF-to-BPF call clobbers nothing here: the callee block follows */
	if ((s->flags & STEP_CALL) && !(fact && fact->kind == INSN_CALL_SUBPROG)) {
		struct frame_state *f = &st->frames[s->frame];

		/* R0 is the call's result: unknown unless the trailer prints it (7.x omits dead R0) */
		for (int r = 0; r <= 5; r++) {
			if (f->regs[r].kind != REG_NOT_INIT)
				changed |= (uint16_t)(1u << r);
			memset(&f->regs[r], 0, sizeof(f->regs[r]));
		}
	}
	if (s->flags & STEP_EMPTY_DELTA) {
		/* ";" and nothing: no reference held any more */
		refs_update(m->log.buf, &st->frames[s->frame], (struct span){ 0, 0 }, 0, 0);
	} else if ((s->flags & STEP_HAS_DELTA) && (tr = step_trailer(m, s)).len) {
		/* (a step without a delta has no trailer: its line is not looked at) */
		state_scan_line(m->log.buf, tr.off, tr.len, tmp);
		changed |= apply_delta(m->log.buf, st, tmp);
		if (tmp->frame == s->frame)
			st->curframe = (uint8_t)tmp->frame;
	}
	return changed;
}

bool fstate_is_partial(const struct program *p, const struct fstate *fs)
{
	const struct path *pa;

	if (!(fs->kind == FS_INSN || fs->kind == FS_POST) || !p->insn_states_partial)
		return false;
	/* the first state of a unit (main, or a global validated alone) lists every register */
	pa = fs->path < p->paths.n ? &p->paths.v[fs->path] : NULL;
	if (pa && pa->from_insn == IDX_NONE && pa->fstate == (uint32_t)(fs - p->fstates.v))
		return false;
	return true;
}

/* index of the first fstate with step > k (fstates are in step order) */
static uint32_t fstates_upto(const struct program *p, uint32_t k)
{
	uint32_t lo = 0, hi = p->fstates.n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (p->fstates.v[mid].step <= k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Checkpoints: a long path (a million steps without a full state, as in a
 * complexity-limit log) would make every rebuild walk back to its start.
 * The first rebuild that walks past a multiple of CK_EVERY remembers the
 * state there; later ones start from the nearest checkpoint. A checkpoint
 * keeps spans into the log, not parsed values: 24 bytes a set register or used slot, and
 * 24 a frame (state_warm() takes them all ahead of need).
 */
#define CK_EVERY 512u

struct ck_frame {
	uint8_t known, cb, async_cb;
	uint8_t nitems; /* its set registers and used slots, in items[] after the frames */
	uint32_t refs;
	struct span refs_text;
};

/* a set register (idx < STATE_NREGS) or a used slot (STATE_NREGS + its index) */
struct ck_item {
	uint64_t off;
	uint32_t len;
	uint32_t ref; /* a slot's slotval.ref_id */
	uint8_t idx;
	uint8_t marks;
};

/* only what is set: a frame of a few registers and slots is ~200 bytes (every slot: 1.5 KB) */
struct ckpt {
	uint8_t nframes;
	struct ck_frame frames[]; /* then the items of frame 0, 1, ... */
};

static struct ck_item *ck_items(const struct ckpt *ck)
{
	return (struct ck_item *)(void *)&((struct ckpt *)ck)->frames[ck->nframes];
}

struct state_cache {
	uint32_t n;
	struct ckpt **v; /* by step / CK_EVERY */
	uint64_t bytes;
};

void state_cache_free(struct program *p)
{
	struct state_cache *c = program_cold(p)->state_cache;

	if (!c)
		return;
	for (uint32_t i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
	free(c);
	p->cold->state_cache = NULL;
}

uint64_t state_cache_bytes(const struct program *p)
{
	const struct state_cache *c = program_cold(p)->state_cache;

	return c ? c->bytes + (uint64_t)c->n * sizeof(*c->v) : 0;
}

static struct ckpt *ck_get(const struct program *p, uint32_t s)
{
	const struct state_cache *c = program_cold(p)->state_cache;

	if (!c || s % CK_EVERY || s / CK_EVERY >= c->n)
		return NULL;
	return c->v[s / CK_EVERY];
}

static void ck_item_save(struct ck_item **it, const struct span *t, uint8_t marks, uint8_t idx,
			 uint32_t ref)
{
	**it = (struct ck_item){
		.off = t->off, .len = t->len ? t->len : 1, .ref = ref, .idx = idx, .marks = marks
	};
	(*it)++;
}

static void ck_save(struct program *p, uint32_t s, const struct vstate *st, uint8_t nframes)
{
	struct state_cache *c = program_cold(p)->state_cache;
	struct ckpt *ck;
	struct ck_item *it;
	uint32_t idx = s / CK_EVERY, nitems = 0;
	size_t size;

	if (!c) {
		/* the cache hangs off the program's cold part */
		struct program_cold *cold = program_cold_get(p);

		c = cold ? calloc(1, sizeof(*c)) : NULL;
		if (!c)
			return;
		cold->state_cache = c;
	}
	if (idx >= c->n) {
		uint32_t nn = idx + 64;
		struct ckpt **nv = realloc(c->v, (size_t)nn * sizeof(*nv));

		if (!nv)
			return;
		memset(nv + c->n, 0, (size_t)(nn - c->n) * sizeof(*nv));
		c->v = nv;
		c->n = nn;
	}
	if (c->v[idx])
		return;
	for (uint8_t f = 0; f < nframes; f++) {
		const struct frame_state *fr = &st->frames[f];

		for (int r = 0; r < STATE_NREGS; r++)
			nitems += fr->regs[r].kind != REG_NOT_INIT;
		for (int i = 0; i < STATE_MAX_SLOTS; i++)
			nitems += fr->slots[i].used;
	}
	size = sizeof(*ck) + (size_t)nframes * sizeof(struct ck_frame) +
	       (size_t)nitems * sizeof(struct ck_item);
	ck = calloc(1, size);
	if (!ck)
		return;
	ck->nframes = nframes;
	it = ck_items(ck);
	for (uint8_t f = 0; f < nframes; f++) {
		const struct frame_state *fr = &st->frames[f];
		struct ck_frame *cf = &ck->frames[f];
		const struct ck_item *first = it;

		cf->known = fr->known;
		cf->cb = fr->cb;
		cf->async_cb = fr->async_cb;
		cf->refs = fr->refs;
		cf->refs_text = fr->refs_text;
		for (int r = 0; r < STATE_NREGS; r++)
			if (fr->regs[r].kind != REG_NOT_INIT)
				ck_item_save(&it, &fr->regs[r].text, fr->regs[r].marks, (uint8_t)r,
					     0);
		for (int i = 0; i < STATE_MAX_SLOTS; i++)
			if (fr->slots[i].used)
				ck_item_save(&it, &fr->slots[i].text, fr->slots[i].dead,
					     (uint8_t)(STATE_NREGS + i), fr->slots[i].ref_id);
		cf->nitems = (uint8_t)(it - first);
	}
	c->v[idx] = ck;
	c->bytes += size;
}

static void ck_restore(const struct model *m, const struct ckpt *ck, struct vstate *out)
{
	const struct ck_item *it = ck_items(ck);

	for (uint8_t f = 0; f < ck->nframes; f++) {
		const struct ck_frame *cf = &ck->frames[f];
		struct frame_state *fr = &out->frames[f];

		memset(fr, 0, sizeof(*fr));
		fr->known = cf->known;
		fr->cb = cf->cb;
		fr->async_cb = cf->async_cb;
		fr->refs = cf->refs;
		fr->refs_text = cf->refs_text;
		for (const struct ck_item *end = it + cf->nitems; it < end; it++) {
			if (it->idx < STATE_NREGS) {
				state_parse_value(m->log.buf, it->off, it->len, &fr->regs[it->idx]);
				fr->regs[it->idx].marks |= it->marks;
			} else {
				int i = it->idx - STATE_NREGS;

				state_parse_slot(m->log.buf, it->off, it->len,
						 (int16_t)(-8 * (i + 1)), &fr->slots[i]);
				fr->slots[i].dead = it->marks;
				fr->slots[i].ref_id = it->ref;
			}
		}
	}
}

enum ev_kind { EV_STEP, EV_FS, EV_CK };

/* a run of n steps from idx (EV_STEP), or one full state or checkpoint */
struct ev {
	uint32_t idx, n;
	uint8_t kind;
};

struct evs {
	struct ev *v;
	uint32_t n, cap;
};

static int ev_push(struct evs *e, uint32_t idx, uint8_t kind)
{
	if (e->n == e->cap) {
		uint32_t ncap = e->cap ? e->cap * 2 : 1024;
		struct ev *nv;

		if (ncap < e->cap)
			return -E2BIG;
		nv = realloc(e->v, (size_t)ncap * sizeof(*nv));
		if (!nv)
			return -ENOMEM;
		e->v = nv;
		e->cap = ncap;
	}
	e->v[e->n++] = (struct ev){ .idx = idx, .n = 1, .kind = kind };
	return 0;
}

/*
 * the walk back meets steps one by one, last first: the step just before
 * a run extends it (a million steps of one path are one event, not 8 MB)
 */
static int ev_push_step(struct evs *e, uint32_t s)
{
	struct ev *last = e->n ? &e->v[e->n - 1] : NULL;

	if (last && last->kind == EV_STEP && last->idx == s + 1 && last->n < UINT32_MAX) {
		last->idx = s;
		last->n++;
		return 0;
	}
	return ev_push(e, s, EV_STEP);
}

/*
 * Rebuild into out the state before step k (after it when `after`),
 * using only fstates with index < fs_limit (the state test leaves out the
 * one it checks against). Checkpoints before that full state stay valid.
 */
static int rebuild(const struct model *m, const struct program *p, uint32_t k, bool after,
		   uint32_t fs_limit, bool use_ck, struct vstate *out, uint16_t *changed)
{
	struct evs evs = { 0 };
	uint32_t need, path, pos, qpos, fsi, qpath, next_ck = IDX_NONE, qfirst, chased = 0;
	struct state_line *tmp;
	uint8_t curframe;
	int rc = 0;

	if (k >= p->steps.n)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	if (changed)
		*changed = 0;
	tmp = malloc(sizeof(*tmp));
	if (!tmp)
		return -ENOMEM;
	curframe = step_frame(p, k);
	need = (1u << (curframe + 1)) - 1;
	path = qpath = step_path(p, k);
	qfirst = p->paths.v[qpath].first_step;
	/* position: items strictly before (k, after) */
	pos = qpos = after ? k + 1 : k;
	fsi = fstates_upto(p, pos);
	if (fsi > fs_limit)
		fsi = fs_limit;
	for (;;) {
		const struct path *pa = &p->paths.v[path];
		uint32_t s = pos;

		/* walk back through this path: fstates at step s come before step s */
		while (need) {
			const struct ckpt *ck;

			if (use_ck && path == qpath && s > pa->first_step && s < pos &&
			    (ck = ck_get(p, s)) && ck->nframes > curframe) {
				rc = ev_push(&evs, s, EV_CK);
				need = 0;
				break;
			}
			while (need && fsi > 0 && p->fstates.v[fsi - 1].step >= s &&
			       p->fstates.v[fsi - 1].step <= pos) {
				const struct fstate *fs = &p->fstates.v[fsi - 1];

				fsi--;
				if (fs->path != path || !(need & (1u << fs->frame)))
					continue;
				rc = ev_push(&evs, fsi, EV_FS);
				/*
				 * a pop that omits dead items: the state before it gives their
				 * last values, once (a chain of such pops back through every
				 * ancestor path would make each rebuild as long as the log)
				 */
				if (fstate_omits_dead(p, fs) && !(chased & (1u << fs->frame)))
					chased |= 1u << fs->frame;
				else if (!fstate_is_partial(p, fs))
					need &= ~(1u << fs->frame);
			}
			if (rc || s == pa->first_step || s == 0)
				break;
			s--;
			if (need & (1u << step_frame(p, s)))
				rc = ev_push_step(&evs, s);
		}
		if (rc)
			goto out;
		if (!need || pa->parent_step == IDX_NONE)
			break;
		/* the frames this path did not print come from the state before its branch */
		pos = pa->parent_step;
		path = step_path(p, pos);
		fsi = fstates_upto(p, pos);
		if (fsi > fs_limit)
			fsi = fs_limit;
	}
	/* apply forward, leaving checkpoints in the query's path on the way */
	while (evs.n--) {
		const struct ev run = evs.v[evs.n];

		for (uint32_t j = 0; j < run.n; j++) {
			const struct ev one = { .idx = run.idx + j, .n = 1, .kind = run.kind },
					*e = &one;
			uint32_t at; /* this event belongs to the state before step `at` or later */

			if (e->kind == EV_FS)
				at = p->fstates.v[e->idx].step;
			else if (e->kind == EV_STEP)
				at = e->idx + 1;
			else
				at = e->idx;
			if (use_ck && e->kind != EV_CK) {
				bool in_q = e->kind == EV_STEP ? step_path(p, e->idx) == qpath :
								 p->fstates.v[e->idx].path == qpath;

				if (in_q && next_ck == IDX_NONE) {
					next_ck = (at > qfirst ? at - 1 : qfirst) / CK_EVERY *
						  CK_EVERY;
					while (next_ck <= qfirst)
						next_ck += CK_EVERY;
				}
				/* the state before next_ck is complete once every event before it applied */
				while (in_q && next_ck != IDX_NONE && next_ck < at &&
				       next_ck < qpos) {
					if (step_path(p, next_ck) == qpath &&
					    step_frame(p, next_ck) <= curframe &&
					    !ck_get(p, next_ck))
						ck_save((struct program *)p, next_ck, out,
							(uint8_t)(step_frame(p, next_ck) + 1));
					next_ck += CK_EVERY;
				}
			}
			if (e->kind == EV_CK) {
				ck_restore(m, ck_get(p, e->idx), out);
				next_ck = e->idx + CK_EVERY;
			} else if (e->kind == EV_FS) {
				const struct fstate *fs = &p->fstates.v[e->idx];

				state_scan_line(m->log.buf, fs->off, fs->len, tmp);
				tmp->frame = fs->frame;
				if (fstate_is_partial(p, fs))
					apply_delta(m->log.buf, out, tmp);
				else if (fstate_omits_dead(p, fs))
					apply_live(m->log.buf, out, tmp);
				else
					apply_full(m->log.buf, out, tmp);
			} else {
				struct step es = step_at(p, e->idx);
				uint16_t c = apply_step(m, p, out, &es, tmp);

				if (changed && after && e->idx == k)
					*changed = c;
			}
		}
	}
	out->curframe = curframe;
	for (uint32_t f = curframe + 1u; f < MODEL_MAX_FRAMES; f++)
		memset(&out->frames[f], 0, sizeof(out->frames[f]));
	/* the replay kept values as text: parse those the state ends with, once */
	for (uint32_t f = 0; f <= curframe; f++) {
		struct frame_state *fr = &out->frames[f];

		for (int r = 0; r < STATE_NREGS; r++)
			state_value_finish(m->log.buf, &fr->regs[r]);
		for (int i = 0; i < STATE_MAX_SLOTS; i++)
			if (fr->slots[i].used)
				state_value_finish(m->log.buf, &fr->slots[i].spill);
	}
out:
	free(evs.v);
	free(tmp);
	return rc;
}

uint32_t state_fstates_upto(const struct program *p, uint32_t k)
{
	return fstates_upto(p, k);
}

int state_before(const struct model *m, const struct program *p, uint32_t k, struct vstate *out)
{
	return rebuild(m, p, k, false, UINT32_MAX, true, out, NULL);
}

int state_warm(const struct model *m, const struct program *p, struct state_warm *w,
	       uint32_t budget)
{
	while (w->path < p->paths.n) {
		const struct path *pa = &p->paths.v[w->path];
		uint64_t end = (uint64_t)pa->first_step + pa->nsteps, far;
		uint32_t t;
		struct vstate *vs;
		int rc;

		/* a path of fewer steps than one interval replays no more than that */
		if (pa->nsteps <= CK_EVERY || end > p->steps.n || (uint64_t)w->step + 1 >= end) {
			w->path++;
			w->step = 0;
			continue;
		}
		if (w->step < pa->first_step)
			w->step = pa->first_step;
		/* the next query replays from the checkpoint the last one left */
		far = (uint64_t)w->step + (budget > CK_EVERY ? budget : CK_EVERY);
		t = (uint32_t)(far >= end - 1 ? end - 1 : far / CK_EVERY * CK_EVERY + 1);
		vs = malloc(sizeof(*vs));
		if (!vs)
			return -ENOMEM;
		rc = state_before(m, p, t, vs);
		free(vs);
		if (rc)
			return rc;
		w->step = t;
		return 1;
	}
	return 0;
}

int state_after(const struct model *m, const struct program *p, uint32_t k, struct vstate *out,
		uint16_t *changed)
{
	return rebuild(m, p, k, true, UINT32_MAX, true, out, changed);
}

int state_rebuild_excluding(const struct model *m, const struct program *p, uint32_t k,
			    uint32_t fs_limit, struct vstate *out)
{
	return rebuild(m, p, k, false, fs_limit, true, out, NULL);
}

int state_rebuild_nocache(const struct model *m, const struct program *p, uint32_t k,
			  struct vstate *out)
{
	return rebuild(m, p, k, false, UINT32_MAX, false, out, NULL);
}

char *state_format_value(const struct model *m, const struct regval *v, char *buf, size_t n)
{
	uint32_t len = v->text.len;

	if (!n)
		return buf;
	if (v->kind == REG_NOT_INIT) {
		snprintf(buf, n, "-");
		return buf;
	}
	if (v->marks & MARK_DEAD) {
		snprintf(buf, n, "dead (was %.*s)", (int)len, m->log.buf + v->text.off);
		return buf;
	}
	if (len >= n)
		len = (uint32_t)n - 1;
	memcpy(buf, m->log.buf + v->text.off, len);
	buf[len] = '\0';
	return buf;
}

char *state_format_slot(const struct model *m, const struct slotval *sv, char *buf, size_t n)
{
	if (!n)
		return buf;
	if (!sv->used)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%s%.*s%s", sv->dead ? "dead (was " : "", (int)sv->text.len,
			 m->log.buf + sv->text.off, sv->dead ? ")" : "");
	return buf;
}
