// SPDX-License-Identifier: MIT
/*
 * state_text.c — the register/stack state grammar of every kernel era
 * (R1_w=inv(id=0,umax_value=3) ... R1=scalar(smin=umin=6) ... fp-8=mmmm????)
 * parsed into struct regval and struct state_line. Reads only the span it
 * is given: no strtol, no NUL expected.
 */
#include <stddef.h>
#include <string.h>

#include "parsers/state_text.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
	if (s[0] == 'P' && n > 1 &&
	    (is_digit(s[1]) || s[1] == '-' || STARTS(s + 1, n - 1, "scalar") ||
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
	if (STARTS(s + i, n - i, "inv") &&
	    (n - i == 3 || !is_ident(s[i + 3]) || is_digit(s[i + 3]) || s[i + 3] == 'P')) {
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

/*
 * End of one item: a space outside parentheses. Values are long (60 bytes
 * of "scalar(smin=...,var_off=(0x0; 0xffffffff))" is common): 16 bytes at
 * a time where SSE2 is there, looking only at parentheses and spaces.
 */
static uint32_t item_end(const char *s, uint32_t i, uint32_t n)
{
	int depth = 0;

#ifdef __SSE2__
	const __m128i lp = _mm_set1_epi8('('), rp = _mm_set1_epi8(')'), sp = _mm_set1_epi8(' ');

	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, lp), _mm_cmpeq_epi8(x, rp)),
				     _mm_cmpeq_epi8(x, sp)));

		for (; m; m &= m - 1) {
			uint32_t at = i + (uint32_t)__builtin_ctz(m);

			if (s[at] == '(')
				depth++;
			else if (s[at] == ')')
				depth--;
			else if (depth <= 0)
				return at;
		}
	}
#endif
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
	uint32_t l = *n;

	if (l > 3 && !memcmp(s + l - 3, "_rw", 3)) {
		*n -= 3;
		return MARK_READ | MARK_WRITTEN;
	}
	if (l > 2 && s[l - 2] == '_') {
		uint8_t marks = s[l - 1] == 'w' ? MARK_WRITTEN :
				s[l - 1] == 'r' ? MARK_READ :
				s[l - 1] == 'D' ? MARK_DONE :
						  0;

		if (marks)
			*n -= 2;
		return marks;
	}
	return 0;
}

/* a value kept as its text: state_value_finish() parses it when it is needed */
static void value_unparsed(uint64_t off, uint32_t len, struct regval *v)
{
	v->kind = REG_UNPARSED;
	v->marks = 0;
	v->has = 0;
	v->text = mkspan(off, len);
}

static void slot_parse(const char *buf, uint64_t off, uint32_t len, int16_t fp_off,
		       struct slotval *out, bool values);

static void parse_line(const char *buf, uint64_t off, uint32_t len, struct state_line *out,
		       bool values)
{
	const char *s = buf + off;
	uint32_t i = 0, n = len;

	/* the entries are written whole when their bit is set (state_parse_value, _slot) */
	memset(out, 0, offsetof(struct state_line, regs));
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
			out->refs = mkspan(off + i + 5, e - i - 5);
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
				    parse_num(t + 1, name_n - 1, &num, NULL) == name_n - 1 &&
				    num >= 0 && num < STATE_NREGS) {
					struct regval *v = &out->regs[num];

					if (values)
						state_parse_value(buf, off + eq + 1, e - eq - 1, v);
					else
						value_unparsed(off + eq + 1, e - eq - 1, v);
					v->marks |= marks;
					out->regs_set |= (uint16_t)(1u << num);
				} else if (name_n >= 3 && t[0] == 'f' && t[1] == 'p' &&
					   parse_num(t + 2, name_n - 2, &num, NULL) == name_n - 2 &&
					   num < 0 && num >= -8 * STATE_MAX_SLOTS) {
					uint32_t slot = (uint32_t)((-num - 1) / 8);
					slot_parse(buf, off + eq + 1, e - eq - 1, (int16_t)num,
						   &out->slots[slot], values);
					out->slots_set |= 1ull << slot;
				} else {
					out->unparsed++;
				}
			}
		}
		i = e;
	}
}

static bool all_of(const char *s, uint32_t n, char c)
{
	for (uint32_t i = 0; i < n; i++)
		if (s[i] != c)
			return false;
	return n > 0;
}

void state_parse_line(const char *buf, uint64_t off, uint32_t len, struct state_line *out)
{
	parse_line(buf, off, len, out, true);
}

void state_scan_line(const char *buf, uint64_t off, uint32_t len, struct state_line *out)
{
	parse_line(buf, off, len, out, false);
}

void state_value_finish(const char *buf, struct regval *v)
{
	uint8_t marks = v->marks;

	if (v->kind != REG_UNPARSED)
		return;
	state_parse_value(buf, v->text.off, v->text.len, v);
	v->marks |= marks;
}

void state_parse_slot(const char *buf, uint64_t off, uint32_t len, int16_t fp_off,
		      struct slotval *out)
{
	slot_parse(buf, off, len, fp_off, out, true);
}

static void slot_parse(const char *buf, uint64_t off, uint32_t len, int16_t fp_off,
		       struct slotval *out, bool values)
{
	const char *s = buf + off;
	uint32_t k = 0;

	memset(out, 0, sizeof(*out));
	out->used = 1;
	out->off = fp_off;
	out->text = mkspan(off, len);
	/* 8 slot chars (mmmm????; 7.x: p, STACK_POISON), or a spill with ? or p bytes above it */
	while (k < len && k < 8 && strchr("?rm0difp:", s[k]))
		k++;
	if (k == 8 && len == 8) {
		out->kind = all_of(s, 8, 'f') ? SLOT_IRQ_FLAG :
			    all_of(s, 8, 'd') ? SLOT_DYNPTR :
			    all_of(s, 8, 'i') ? SLOT_ITER :
						SLOT_BYTES;
		return;
	}
	if (STARTS(s, len, "dynptr_") || STARTS(s, len, "iter_")) {
		const char *r = memmem(s, len, "ref_id=", 7);

		out->kind = s[0] == 'd' ? SLOT_DYNPTR : SLOT_ITER;
		if (r) {
			int64_t v = 0;
			uint32_t at = (uint32_t)(r + 7 - s);

			if (parse_num(r + 7, len - at, &v, NULL) && v > 0 && v <= UINT32_MAX)
				out->ref_id = (uint32_t)v;
		}
		return;
	}
	k = 0;
	while (k < len && (s[k] == '?' || s[k] == 'p'))
		k++;
	if (k < len) {
		out->kind = SLOT_SPILL;
		if (values)
			state_parse_value(buf, off + k, len - k, &out->spill);
		else
			value_unparsed(off + k, len - k, &out->spill);
	}
}

const char *state_slot_kind_name(uint8_t kind)
{
	switch (kind) {
	case SLOT_DYNPTR:
		return "dynptr";
	case SLOT_ITER:
		return "iterator";
	case SLOT_IRQ_FLAG:
		return "irq flag";
	default:
		return NULL;
	}
}

/* ---- rebuilding the state at a step ------------------------------------------------ */

/* a small decimal number at s[*i] (frame indexes); -1 when absent */
static int read_small(const char *s, uint32_t n, uint32_t *i)
{
	int v = 0;
	uint32_t start = *i;

	while (*i < n && is_digit(s[*i])) {
		if (v < 1000000)
			v = v * 10 + (s[*i] - '0');
		(*i)++;
	}
	return *i > start ? v : -1;
}

/* does the '=' at s[k] end an item's name ("R1=", "fp-8=", "R1_w=")? */
static bool item_eq(const char *s, uint32_t k)
{
	return k >= 2 && s[k - 1] != ' ' &&
	       (s[k - 2] == 'R' || is_digit(s[k - 2]) || s[k - 1] == 'w' || s[k - 1] == 'r' ||
		s[k - 1] == 'D');
}

/* does s[i, n) name an item ('=' after a name)? 16 bytes at a time with SSE2 */
static bool has_item(const char *s, uint32_t i, uint32_t n)
{
#ifdef __SSE2__
	const __m128i eq = _mm_set1_epi8('=');

	for (; i + 16 <= n; i += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)(s + i)), eq));

		for (; m; m &= m - 1)
			if (item_eq(s, i + (uint32_t)__builtin_ctz(m)))
				return true;
	}
#endif
	for (; i < n; i++)
		if (s[i] == '=' && item_eq(s, i))
			return true;
	return false;
}

void vlog_state_info(const char *s, uint32_t len, struct vlog_state_info *si,
		     struct dialect_marks *dm)
{
	uint32_t i = 0, n = len;

	memset(si, 0, sizeof(*si));
	while (i < n && s[i] == ' ')
		i++;
	if (STARTS(s + i, n - i, "frame") && i + 5 < n && is_digit(s[i + 5])) {
		uint32_t k = i + 5;

		si->frame = read_small(s, n, &k);
		if (si->frame < 0 || si->frame >= MODEL_MAX_FRAMES)
			si->frame = MODEL_MAX_FRAMES - 1;
		if (k < n && s[k] == ':')
			k++;
		i = k;
	}
	while (n > i && s[n - 1] == ' ')
		n--;
	if (n - i >= 9 && !memcmp(s + n - 9, " async_cb", 9)) {
		si->async_cb = true;
		n -= 9;
	} else if (n - i >= 3 && !memcmp(s + n - 3, " cb", 3)) {
		si->cb = true;
		n -= 3;
	} else if (n - i == 8 && !memcmp(s + i, "async_cb", 8)) {
		si->async_cb = true; /* 7.1+: no live register, only the marker */
		n = i;
	} else if (n - i == 2 && !memcmp(s + i, "cb", 2)) {
		si->cb = true;
		n = i;
	}
	/* items: count '=' at token starts, cheaply */
	si->items = has_item(s, i, n) ||
		    (n > i && (memmem(s + i, n - i, "fp-", 3) || memmem(s + i, n - i, "R", 1)));
	if (!dm || dm->states_seen > 2000)
		return;
	dm->states_seen++;
	{
		const char *t = s + i;
		size_t tn = n - i;

		if (memmem(t, tn, "_w=", 3) || memmem(t, tn, "_rw=", 4) ||
		    memmem(t, tn, "_r=", 3) || memmem(t, tn, "_D=", 3))
			dm->liveness_suffix = true;
		if (memmem(t, tn, "=inv", 4))
			dm->inv = true;
		if (memmem(t, tn, "(id=0", 5))
			dm->id0 = true;
		if (memmem(t, tn, "off=0,imm=0", 11))
			dm->off_imm = true;
		if (memmem(t, tn, "_value=", 7))
			dm->value_names = true;
		if (memmem(t, tn, "smin32=", 7) || memmem(t, tn, "smax32=", 7) ||
		    memmem(t, tn, "umax32=", 7) || memmem(t, tn, "smin=umin=", 10))
			dm->new_ranges = true;
		if (memmem(t, tn, "(map=", 5))
			dm->map_names = true;
	}
}
