// SPDX-License-Identifier: MIT
/*
 * state.c — the register/stack state grammar of every kernel era
 * (R1_w=inv(id=0,umax_value=3) ... R1=scalar(smin=umin=6) ... fp-8=mmmm????)
 * parsed into struct regval, and the state at a step rebuilt from the log:
 * the last full state printed for each frame, plus the "; " deltas since.
 *
 * Nothing is stored per step: the log text is re-read on demand.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/analysis/state.h"

#define STARTS(s, n, lit) ((n) >= sizeof(lit) - 1 && !memcmp((s), (lit), sizeof(lit) - 1))

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
}

/* a signed decimal or 0x-hex number; returns chars used (0 when none) */
static uint32_t parse_num(const char *s, uint32_t n, int64_t *sv, uint64_t *uv)
{
	uint32_t i = 0;
	bool neg = false;
	uint64_t v = 0;

	if (i < n && (s[i] == '-' || s[i] == '+')) {
		neg = s[i] == '-';
		i++;
	}
	if (i + 2 < n + 1 && i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		uint32_t st = i + 2;

		i = st;
		while (i < n) {
			char c = s[i];
			int d;

			if (is_digit(c))
				d = c - '0';
			else if (c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				break;
			v = v << 4 | (uint64_t)d;
			i++;
		}
		if (i == st)
			return 0;
	} else {
		uint32_t st = i;

		while (i < n && is_digit(s[i])) {
			v = v * 10 + (uint64_t)(s[i] - '0');
			i++;
		}
		if (i == st)
			return 0;
	}
	/* negate as unsigned: "-9223372036854775808" (and wrapped junk) is no UB */
	if (neg)
		v = (uint64_t)0 - v;
	if (uv)
		*uv = v;
	if (sv)
		*sv = (int64_t)v;
	return i;
}

static struct span mkspan(uint64_t off, uint32_t len)
{
	struct span s = { off, len };

	return s;
}

/* one "name=value" attribute of a value's parentheses; merged names "smin=umin=6" */
static void parse_attr(const char *buf, uint64_t off, uint32_t n, struct regval *v)
{
	const char *s = buf + off;
	const char *names[8];
	uint32_t nl[8], nn = 0, i = 0;
	int64_t sv = 0;
	uint64_t uv = 0;

	if (n == 11 && !memcmp(s, "non_own_ref", 11))
		return;
	/* collect names separated by '=' until the value */
	while (i < n && nn < 8) {
		uint32_t st = i;

		while (i < n && is_ident(s[i]))
			i++;
		if (i == st || i >= n || s[i] != '=')
			break;
		/* a name is followed by '='; a value starts with a digit, '-', '(' */
		names[nn] = s + st;
		nl[nn++] = i - st;
		i++;
		if (i < n && (is_digit(s[i]) || s[i] == '-' || s[i] == '('))
			break;
		if (i < n && !is_ident(s[i]))
			break;
		/* is what follows another name (ends in '=') or a value (map=NAME)? */
		{
			uint32_t j = i;

			while (j < n && is_ident(s[j]))
				j++;
			if (j >= n || s[j] != '=')
				break;
		}
	}
	if (!nn)
		return;
	if (nn == 1 && nl[0] == 3 && !memcmp(names[0], "map", 3)) {
		v->map = mkspan(off + i, n - i);
		return;
	}
	if (nn == 1 && nl[0] == 7 && !memcmp(names[0], "var_off", 7)) {
		/* var_off=(0x0; 0xff) */
		uint32_t k = i + 1, c;

		if (i < n && s[i] == '(') {
			c = parse_num(s + k, n - k, NULL, &v->var_off_value);
			k += c;
			while (k < n && (s[k] == ';' || s[k] == ' '))
				k++;
			if (c && parse_num(s + k, n - k, NULL, &v->var_off_mask))
				v->has |= HAS_VAR_OFF;
		}
		return;
	}
	if (!parse_num(s + i, n - i, &sv, &uv))
		return;
	for (uint32_t k = 0; k < nn; k++) {
		const char *nm = names[k];
		uint32_t len = nl[k];

#define IS(lit) (len == sizeof(lit) - 1 && !memcmp(nm, lit, sizeof(lit) - 1))
		if (IS("smin") || IS("smin_value")) {
			v->smin = sv;
			v->has |= HAS_SMIN;
		} else if (IS("smax") || IS("smax_value")) {
			v->smax = sv;
			v->has |= HAS_SMAX;
		} else if (IS("umin") || IS("umin_value")) {
			v->umin = uv;
			v->has |= HAS_UMIN;
		} else if (IS("umax") || IS("umax_value")) {
			v->umax = uv;
			v->has |= HAS_UMAX;
		} else if (IS("smin32") || IS("s32_min_value") || IS("s32_min")) {
			v->smin32 = (int32_t)sv;
			v->has |= HAS_SMIN32;
		} else if (IS("smax32") || IS("s32_max_value") || IS("s32_max")) {
			v->smax32 = (int32_t)sv;
			v->has |= HAS_SMAX32;
		} else if (IS("umin32") || IS("u32_min_value") || IS("u32_min")) {
			v->umin32 = (uint32_t)uv;
			v->has |= HAS_UMIN32;
		} else if (IS("umax32") || IS("u32_max_value") || IS("u32_max")) {
			v->umax32 = (uint32_t)uv;
			v->has |= HAS_UMAX32;
		} else if (IS("id")) {
			v->id = (uint32_t)uv;
			v->has |= HAS_ID;
			/* linked scalars: id=8+2 */
			{
				uint32_t c = parse_num(s + i, n - i, NULL, NULL);
				int64_t d;

				if (i + c < n && (s[i + c] == '+' || s[i + c] == '-') &&
				    parse_num(s + i + c, n - i - c, &d, NULL))
					v->id_delta = (int32_t)d;
			}
		} else if (IS("ref_obj_id")) {
			v->ref_obj_id = (uint32_t)uv;
			v->has |= HAS_REF_OBJ_ID;
		} else if (IS("off")) {
			v->off = sv;
			v->has |= HAS_OFF;
		} else if (IS("r")) {
			v->r = (uint32_t)uv;
			v->has |= HAS_RANGE_R;
		} else if (IS("ks")) {
			v->ks = (uint32_t)uv;
			v->has |= HAS_KS_VS;
		} else if (IS("vs")) {
			v->vs = (uint32_t)uv;
			v->has |= HAS_KS_VS;
		}
#undef IS
	}
}

/* split "a,b=(x; y),c" at top-level commas */
static void parse_attrs(const char *buf, uint64_t off, uint32_t n, struct regval *v)
{
	const char *s = buf + off;
	uint32_t i = 0, st = 0;
	int depth = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && s[i] == '(')
			depth++;
		else if (i < n && s[i] == ')')
			depth--;
		if (i == n || (s[i] == ',' && depth == 0)) {
			if (i > st)
				parse_attr(buf, off + st, i - st, v);
			st = i + 1;
		}
	}
}

static void set_const(struct regval *v, int64_t sv, uint64_t uv)
{
	v->kind = REG_SCALAR;
	v->smin = v->smax = sv;
	v->umin = v->umax = uv;
	v->smin32 = v->smax32 = (int32_t)sv;
	v->umin32 = v->umax32 = (uint32_t)uv;
	v->var_off_value = uv;
	v->var_off_mask = 0;
	v->has |= HAS_CONST;
}

void state_parse_value(const char *buf, uint64_t off, uint32_t len, struct regval *v)
{
	const char *s = buf + off;
	uint32_t i = 0, n = len, c;
	int64_t sv;
	uint64_t uv;

	memset(v, 0, sizeof(*v));
	v->fp_frame = -1;
	v->text = mkspan(off, len);
	if (!n) {
		v->kind = REG_OPAQUE;
		return;
	}
	if (s[0] == 'P' && n > 1 && (is_digit(s[1]) || s[1] == '-' || STARTS(s + 1, n - 1, "scalar") ||
				     STARTS(s + 1, n - 1, "inv"))) {
		v->marks |= MARK_PRECISE;
		i = 1;
	}
	/* a constant */
	c = parse_num(s + i, n - i, &sv, &uv);
	if (c && i + c == n) {
		v->type = mkspan(off + i, 0);
		set_const(v, sv, uv);
		return;
	}
	/* 5.x "inv": inv0, invP0, inv(id=0,...), invP(...) */
	if (STARTS(s + i, n - i, "inv") && (n - i == 3 || !is_ident(s[i + 3]) || is_digit(s[i + 3]) ||
					    s[i + 3] == 'P')) {
		v->type = mkspan(off + i, 3);
		v->kind = REG_SCALAR;
		i += 3;
		if (i < n && s[i] == 'P') {
			v->marks |= MARK_PRECISE;
			i++;
		}
		c = parse_num(s + i, n - i, &sv, &uv);
		if (c && i + c == n) {
			set_const(v, sv, uv);
			return;
		}
		if (i < n && s[i] == '(' && s[n - 1] == ')')
			parse_attrs(buf, off + i + 1, n - i - 2, v);
		return;
	}
	/* fp-8, fp0, fp[1]-16 */
	if (STARTS(s + i, n - i, "fp") && i + 2 < n &&
	    (s[i + 2] == '-' || is_digit(s[i + 2]) || s[i + 2] == '[')) {
		uint32_t k = i + 2;

		v->kind = REG_PTR;
		v->type = mkspan(off + i, 2);
		if (s[k] == '[') {
			k++;
			c = parse_num(s + k, n - k, &sv, NULL);
			if (c)
				v->fp_frame = (int8_t)(sv & 0x7f);
			k += c;
			if (k < n && s[k] == ']')
				k++;
		}
		c = parse_num(s + k, n - k, &sv, NULL);
		if (c) {
			v->off = sv;
			v->has |= HAS_OFF;
		}
		if (k + c != n)
			v->kind = REG_OPAQUE;
		return;
	}
	/* TYPE(attrs) */
	{
		uint32_t st = i;

		while (i < n && is_ident(s[i]))
			i++;
		if (i == st) {
			v->kind = REG_OPAQUE;
			return;
		}
		v->type = mkspan(off + st, i - st);
		v->kind = (i - st == 6 && !memcmp(s + st, "scalar", 6)) ? REG_SCALAR : REG_PTR;
		if (i == n)
			return;
		if (s[i] != '(' || s[n - 1] != ')') {
			v->kind = REG_OPAQUE;
			return;
		}
		parse_attrs(buf, off + i + 1, n - i - 2, v);
	}
}

/* end of one item: a space outside parentheses */
static uint32_t item_end(const char *s, uint32_t i, uint32_t n)
{
	int depth = 0;

	for (; i < n; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')')
			depth--;
		else if (s[i] == ' ' && depth <= 0)
			break;
	}
	return i;
}

/* "R1_w" / "fp-8_r": strip a 5.x-6.17 liveness suffix; returns the marks */
static uint8_t strip_suffix(const char *s, uint32_t *n)
{
	static const struct {
		const char *sfx;
		uint8_t marks;
	} sfx[] = {
		{ "_rw", MARK_READ | MARK_WRITTEN },
		{ "_w", MARK_WRITTEN },
		{ "_r", MARK_READ },
		{ "_D", MARK_DONE },
	};
	size_t k;

	for (k = 0; k < sizeof(sfx) / sizeof(sfx[0]); k++) {
		uint32_t l = (uint32_t)strlen(sfx[k].sfx);

		if (*n > l && !memcmp(s + *n - l, sfx[k].sfx, l)) {
			*n -= l;
			return sfx[k].marks;
		}
	}
	return 0;
}

void state_parse_line(const char *buf, uint64_t off, uint32_t len, struct state_line *out)
{
	const char *s = buf + off;
	uint32_t i = 0, n = len;

	memset(out, 0, sizeof(*out));
	while (i < n && s[i] == ' ')
		i++;
	if (STARTS(s + i, n - i, "frame") && i + 5 < n && is_digit(s[i + 5])) {
		int64_t f = 0;
		uint32_t c = parse_num(s + i + 5, n - i - 5, &f, NULL);

		out->frame = (f >= 0 && f < MODEL_MAX_FRAMES) ? (int)f : MODEL_MAX_FRAMES - 1;
		i += 5 + c;
		if (i < n && s[i] == ':')
			i++;
	}
	while (i < n) {
		uint32_t e, eq, name_n;
		const char *t;

		while (i < n && s[i] == ' ')
			i++;
		if (i >= n)
			break;
		e = item_end(s, i, n);
		t = s + i;
		if (e - i == 2 && !memcmp(t, "cb", 2)) {
			out->cb = true;
		} else if (e - i == 8 && !memcmp(t, "async_cb", 8)) {
			out->async_cb = true;
		} else if (STARTS(t, e - i, "refs=")) {
			out->nrefs = 1;
			for (uint32_t k = i; k < e; k++)
				out->nrefs += s[k] == ',';
		} else {
			for (eq = i; eq < e && s[eq] != '='; eq++)
				;
			name_n = eq - i;
			if (eq >= e) {
				out->unparsed++;
			} else {
				uint8_t marks = strip_suffix(t, &name_n);
				int64_t num = 0;

				if (name_n >= 2 && t[0] == 'R' &&
				    parse_num(t + 1, name_n - 1, &num, NULL) == name_n - 1 && num >= 0 &&
				    num < STATE_NREGS) {
					struct regval *v = &out->regs[num];

					state_parse_value(buf, off + eq + 1, e - eq - 1, v);
					v->marks |= marks;
					out->regs_set |= (uint16_t)(1u << num);
				} else if (name_n >= 3 && t[0] == 'f' && t[1] == 'p' &&
					   parse_num(t + 2, name_n - 2, &num, NULL) == name_n - 2 &&
					   num < 0 && num >= -8 * STATE_MAX_SLOTS) {
					uint32_t slot = (uint32_t)((-num - 1) / 8);
					struct slotval *sl = &out->slots[slot];
					uint32_t vo = eq + 1, vn = e - eq - 1, k = 0;

					sl->used = 1;
					sl->off = (int16_t)num;
					sl->text = mkspan(off + vo, vn);
					/* 8 slot chars (mmmm????; 7.x: p, STACK_POISON), or a spill with ? or p bytes above it */
					while (k < vn && k < 8 && strchr("?rm0difp:", s[vo + k]))
						k++;
					if (!(k == 8 && vn == 8)) {
						k = 0;
						while (k < vn && (s[vo + k] == '?' || s[vo + k] == 'p'))
							k++;
						if (k < vn)
							state_parse_value(buf, off + vo + k, vn - k,
									  &sl->spill);
					}
					out->slots_set |= 1ull << slot;
				} else {
					out->unparsed++;
				}
			}
		}
		i = e;
	}
}

/* ---- rebuilding the state at a step ------------------------------------------------ */

static void apply_full(struct vstate *st, const struct state_line *sl)
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
	f->refs = sl->nrefs;
	f->cb = sl->cb;
	f->async_cb = sl->async_cb;
}

static uint16_t apply_delta(struct vstate *st, const struct state_line *sl)
{
	struct frame_state *f = &st->frames[sl->frame];
	uint16_t changed = sl->regs_set;
	uint32_t i;

	for (i = 0; i < STATE_NREGS; i++)
		if (sl->regs_set & (1u << i))
			f->regs[i] = sl->regs[i];
	for (i = 0; i < STATE_MAX_SLOTS; i++)
		if (sl->slots_set & (1ull << i))
			f->slots[i] = sl->slots[i];
	if (sl->nrefs)
		f->refs = sl->nrefs;
	return changed;
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
	tr = step_trailer(m, s);
	if (tr.len) {
		state_parse_line(m->log.buf, tr.off, tr.len, tmp);
		changed |= apply_delta(st, tmp);
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
 * keeps spans into the log, not parsed values: about 1 KB a frame.
 */
#define CK_EVERY 512u

struct ck_item {
	uint64_t off;
	uint32_t len; /* 0: not set */
	uint8_t marks;
};

struct ck_frame {
	uint8_t known, cb, async_cb;
	uint32_t refs;
	struct ck_item regs[STATE_NREGS];
	struct ck_item slots[STATE_MAX_SLOTS];
};

struct ckpt {
	uint8_t nframes;
	struct ck_frame frames[];
};

struct state_cache {
	uint32_t n;
	struct ckpt **v; /* by step / CK_EVERY */
	uint64_t bytes;
};

void state_cache_free(struct program *p)
{
	struct state_cache *c = p->state_cache;

	if (!c)
		return;
	for (uint32_t i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
	free(c);
	p->state_cache = NULL;
}

uint64_t state_cache_bytes(const struct program *p)
{
	const struct state_cache *c = p->state_cache;

	return c ? c->bytes + (uint64_t)c->n * sizeof(*c->v) : 0;
}

static struct ckpt *ck_get(const struct program *p, uint32_t s)
{
	const struct state_cache *c = p->state_cache;

	if (!c || s % CK_EVERY || s / CK_EVERY >= c->n)
		return NULL;
	return c->v[s / CK_EVERY];
}

static void ck_item_save(struct ck_item *it, const struct span *t, uint8_t marks, bool set)
{
	it->off = set ? t->off : 0;
	it->len = set ? (t->len ? t->len : 1) : 0;
	it->marks = marks;
}

static void ck_save(struct program *p, uint32_t s, const struct vstate *st, uint8_t nframes)
{
	struct state_cache *c = p->state_cache;
	struct ckpt *ck;
	uint32_t idx = s / CK_EVERY;
	size_t size = sizeof(*ck) + (size_t)nframes * sizeof(struct ck_frame);

	if (!c) {
		c = calloc(1, sizeof(*c));
		if (!c)
			return;
		p->state_cache = c;
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
	ck = calloc(1, size);
	if (!ck)
		return;
	ck->nframes = nframes;
	for (uint8_t f = 0; f < nframes; f++) {
		const struct frame_state *fr = &st->frames[f];
		struct ck_frame *cf = &ck->frames[f];

		cf->known = fr->known;
		cf->cb = fr->cb;
		cf->async_cb = fr->async_cb;
		cf->refs = fr->refs;
		for (int r = 0; r < STATE_NREGS; r++)
			ck_item_save(&cf->regs[r], &fr->regs[r].text, fr->regs[r].marks,
				     fr->regs[r].kind != REG_NOT_INIT);
		for (int i = 0; i < STATE_MAX_SLOTS; i++)
			ck_item_save(&cf->slots[i], &fr->slots[i].text, 0, fr->slots[i].used);
	}
	c->v[idx] = ck;
	c->bytes += size;
}

static void ck_restore(const struct model *m, const struct ckpt *ck, struct vstate *out)
{
	for (uint8_t f = 0; f < ck->nframes; f++) {
		const struct ck_frame *cf = &ck->frames[f];
		struct frame_state *fr = &out->frames[f];

		memset(fr, 0, sizeof(*fr));
		fr->known = cf->known;
		fr->cb = cf->cb;
		fr->async_cb = cf->async_cb;
		fr->refs = cf->refs;
		for (int r = 0; r < STATE_NREGS; r++) {
			if (!cf->regs[r].len)
				continue;
			state_parse_value(m->log.buf, cf->regs[r].off, cf->regs[r].len, &fr->regs[r]);
			fr->regs[r].marks |= cf->regs[r].marks;
		}
		for (int i = 0; i < STATE_MAX_SLOTS; i++) {
			const struct ck_item *it = &cf->slots[i];
			struct slotval *sl = &fr->slots[i];
			uint32_t k = 0;
			const char *t = m->log.buf + it->off;

			if (!it->len)
				continue;
			sl->used = 1;
			sl->off = (int16_t)(-8 * (i + 1));
			sl->text.off = it->off;
			sl->text.len = it->len;
			if (!(it->len == 8 && strspn(t, "?rm0difp:") >= 8)) {
				while (k < it->len && (t[k] == '?' || t[k] == 'p'))
					k++;
				if (k < it->len)
					state_parse_value(m->log.buf, it->off + k, it->len - k, &sl->spill);
			}
		}
	}
}

enum ev_kind { EV_STEP, EV_FS, EV_CK };

struct ev {
	uint32_t idx;
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
	e->v[e->n].idx = idx;
	e->v[e->n++].kind = kind;
	return 0;
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
	uint32_t need, path, pos, qpos, fsi, qpath, next_ck = IDX_NONE, qfirst;
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
	curframe = p->steps.v[k].frame;
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
				if (!fstate_is_partial(p, fs))
					need &= ~(1u << fs->frame);
			}
			if (rc || s == pa->first_step || s == 0)
				break;
			s--;
			if (need & (1u << p->steps.v[s].frame))
				rc = ev_push(&evs, s, EV_STEP);
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
		const struct ev *e = &evs.v[evs.n];
		uint32_t at; /* this event belongs to the state before step `at` or later */

		if (e->kind == EV_FS)
			at = p->fstates.v[e->idx].step;
		else if (e->kind == EV_STEP)
			at = e->idx + 1;
		else
			at = e->idx;
		if (use_ck && e->kind != EV_CK) {
			const struct step *es = e->kind == EV_STEP ? &p->steps.v[e->idx] : NULL;
			bool in_q = es ? step_path(p, e->idx) == qpath : p->fstates.v[e->idx].path == qpath;

			if (in_q && next_ck == IDX_NONE) {
				next_ck = (at > qfirst ? at - 1 : qfirst) / CK_EVERY * CK_EVERY;
				while (next_ck <= qfirst)
					next_ck += CK_EVERY;
			}
			/* the state before next_ck is complete once every event before it applied */
			while (in_q && next_ck != IDX_NONE && next_ck < at && next_ck < qpos) {
				if (step_path(p, next_ck) == qpath &&
				    p->steps.v[next_ck].frame <= curframe && !ck_get(p, next_ck))
					ck_save((struct program *)p, next_ck, out,
						(uint8_t)(p->steps.v[next_ck].frame + 1));
				next_ck += CK_EVERY;
			}
		}
		if (e->kind == EV_CK) {
			ck_restore(m, ck_get(p, e->idx), out);
			next_ck = e->idx + CK_EVERY;
		} else if (e->kind == EV_FS) {
			const struct fstate *fs = &p->fstates.v[e->idx];

			state_parse_line(m->log.buf, fs->off, fs->len, tmp);
			tmp->frame = fs->frame;
			if (fstate_is_partial(p, fs))
				apply_delta(out, tmp);
			else
				apply_full(out, tmp);
		} else {
			uint16_t c = apply_step(m, p, out, &p->steps.v[e->idx], tmp);

			if (changed && after && e->idx == k)
				*changed = c;
		}
	}
	out->curframe = curframe;
	for (uint32_t f = curframe + 1u; f < MODEL_MAX_FRAMES; f++)
		memset(&out->frames[f], 0, sizeof(out->frames[f]));
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
	if (len >= n)
		len = (uint32_t)n - 1;
	memcpy(buf, m->log.buf + v->text.off, len);
	buf[len] = '\0';
	return buf;
}
