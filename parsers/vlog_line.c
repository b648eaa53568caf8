// SPDX-License-Identifier: MIT
/*
 * vlog_line.c — classifies one verifier-log line (any kernel from 5.4 to
 * 7.3) and pulls out its fields: numbers, names, where the instruction
 * text and the state text start. Dispatches on the first byte, so most
 * lines cost a few comparisons. Never allocates, never fails: a line it
 * does not know is LINE_UNKNOWN.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/vlog_insn.h"
#include "parsers/vlog_line.h"

#define STARTS(s, n, lit) ((n) >= sizeof(lit) - 1 && !memcmp((s), (lit), sizeof(lit) - 1))

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* a decimal number at s[*i]; IDX_NONE when absent or too large for an index */
static uint32_t read_num(const char *s, uint32_t n, uint32_t *i)
{
	uint64_t v = 0;
	uint32_t start = *i;

	while (*i < n && is_digit(s[*i])) {
		if (v < (1ull << 40))
			v = v * 10 + (uint64_t)(s[*i] - '0');
		(*i)++;
	}
	if (*i == start || v >= IDX_NONE)
		return IDX_NONE;
	return (uint32_t)v;
}

/* is s[0, n) made of c alone? */
static bool memspn_eq(const char *s, uint32_t n, char c)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (s[i] != c)
			return false;
	return true;
}

static bool state_starts(const char *s, uint32_t n)
{
	if (n >= 2 && s[0] == 'R' && is_digit(s[1]))
		return true;
	return STARTS(s, n, "frame") || STARTS(s, n, "fp-") || STARTS(s, n, "refs=");
}

/* "(xx) text [ ; trailer | M: STATE]" starting at s[i]: the instruction line's tail */
static bool parse_insn_tail(const char *s, uint32_t n, uint32_t i, struct vlog_line *l)
{
	struct vlog_insn vi;

	if (!vlog_insn_split(s + i, n - i, &vi))
		return false;
	l->opcode = vi.opcode;
	l->text_off = l->off + i;
	l->text_len = vi.text_end;
	if (vi.trailer) {
		l->trailer_off = l->off + i + vi.trailer;
		l->trailer_len = n - i - vi.trailer;
	} else if (vi.glue) {
		uint32_t t = i + vi.glue + 1;

		l->glued = true;
		l->glue_pos = i + vi.glue;
		l->insn2 = vi.glue_insn;
		while (t < n && s[t] != ':')
			t++;
		t += 2;
		if (vi.glue_safe) {
			l->safe = true;
			l->trailer_len = 0;
		} else {
			l->trailer_off = l->off + t;
			l->trailer_len = n - t;
		}
	}
	return true;
}

static void classify_digit(const char *s, uint32_t n, struct vlog_line *l)
{
	uint32_t i = 0, insn = read_num(s, n, &i);

	if (insn == IDX_NONE || insn >= MODEL_MAX_INSNS) {
		/* "4294967299: (b7) ..." has the shape of an insn but no usable index */
		if (i + 3 <= n && s[i] == ':' && s[i + 1] == ' ' &&
		    (s[i + 2] == '(' || state_starts(s + i + 2, n - i - 2)))
			l->bad_number = true;
		return;
	}
	if (i >= n || s[i] != ':')
		return;
	if (i + 1 == n || (i + 2 == n && s[i + 1] == ' ')) {
		/* 7.1+: "N:" a state where no register is live (only live ones are printed) */
		l->kind = LINE_STATE;
		l->insn = insn;
		l->trailer_off = l->off + n;
		l->trailer_len = 0;
		return;
	}
	if (s[i + 1] != ' ')
		return;
	i += 2;
	l->insn = insn;
	if (i < n && s[i] == '(') {
		if (parse_insn_tail(s, n, i, l))
			l->kind = LINE_INSN;
		return;
	}
	if (n - i == 4 && !memcmp(s + i, "safe", 4)) {
		l->kind = LINE_SAFE;
		return;
	}
	if (state_starts(s + i, n - i) || (n - i == 8 && !memcmp(s + i, "async_cb", 8)) ||
	    (n - i == 2 && !memcmp(s + i, "cb", 2))) {
		/* 7.1+ prints only live registers: "50: async_cb" has none */
		l->kind = LINE_STATE;
		l->trailer_off = l->off + i;
		l->trailer_len = n - i;
		return;
	}
	l->insn = IDX_NONE;
}

/* "   12: .12....... (85) call ..." or "  1  11: 0.....6... (61) ..." */
static bool classify_live_row(const char *s, uint32_t n, struct vlog_line *l)
{
	uint32_t i = 0, a, b = IDX_NONE, k;

	while (i < n && s[i] == ' ')
		i++;
	a = read_num(s, n, &i);
	if (a == IDX_NONE)
		return false;
	if (i < n && s[i] == ' ') {
		while (i < n && s[i] == ' ')
			i++;
		b = read_num(s, n, &i);
		if (b == IDX_NONE)
			return false;
	}
	if (i + 2 + 10 + 1 > n || s[i] != ':' || s[i + 1] != ' ')
		return false;
	i += 2;
	for (k = 0; k < 10; k++)
		if (s[i + k] != '.' && !is_digit(s[i + k]))
			return false;
	i += 10;
	if (s[i] != ' ')
		return false;
	l->kind = LINE_LIVE_REGS;
	l->insn = b == IDX_NONE ? a : b;
	l->scc = b != IDX_NONE;
	{
		struct vlog_insn vi;

		if (vlog_insn_split(s + i + 1, n - i - 1, &vi)) {
			l->text_off = l->off + i + 1;
			l->text_len = vi.text_end;
			l->opcode = vi.opcode;
		}
	}
	return true;
}

/* "from X to Y: STATE", "from X to Y (speculative execution): safe" */
static void classify_from(const char *s, uint32_t n, struct vlog_line *l)
{
	uint32_t i = 5, x, y;

	x = read_num(s, n, &i);
	if (x == IDX_NONE || !STARTS(s + i, n - i, " to "))
		return;
	i += 4;
	y = read_num(s, n, &i);
	if (y == IDX_NONE)
		return;
	if (STARTS(s + i, n - i, " (speculative execution)")) {
		l->speculative = true;
		i += 24;
	}
	if (i >= n || s[i] != ':')
		return;
	i++;
	while (i < n && s[i] == ' ')
		i++;
	l->kind = LINE_POP;
	l->insn = x;
	l->insn2 = y;
	if (n - i == 4 && !memcmp(s + i, "safe", 4)) {
		l->safe = true;
		return;
	}
	l->trailer_off = l->off + i;
	l->trailer_len = n - i;
}

/* does the source line hold " @ " (6.2+: "; text @ file:line")? looked for from its end */
static bool has_src_at(const char *s, uint32_t n)
{
	const char *at;

	if (n <= 3)
		return false;
	for (uint32_t e = n - 1; e > 0 && (at = memrchr(s + 1, '@', e - 1)); e = (uint32_t)(at - s))
		if (at[-1] == ' ' && at[1] == ' ')
			return true;
	return false;
}

/* Func#N ('name') is global and assumed valid. / Func#N is global and valid. Skipping. /
 * Func#N ('name') is safe for any args that match its prototype */
static void classify_func_upper(const char *s, uint32_t n, struct vlog_line *l)
{
	uint32_t i = 5, id = read_num(s, n, &i);

	if (id == IDX_NONE)
		return;
	if (STARTS(s + i, n - i, " ('")) {
		uint32_t st = i + 3, e = st;

		while (e < n && s[e] != '\'')
			e++;
		if (e >= n)
			return;
		l->name_off = l->off + st;
		l->name_len = e - st;
		/* "('name')": a line cut after the quote has no ')' */
		if (e + 1 >= n || s[e + 1] != ')')
			return;
		i = e + 2;
	}
	if (STARTS(s + i, n - i, " is global and")) {
		l->kind = LINE_GLOBAL;
		l->global_kind = VLOG_GLOBAL_CALL;
	} else if (STARTS(s + i, n - i, " is safe for any args")) {
		l->kind = LINE_GLOBAL;
		l->global_kind = VLOG_GLOBAL_SAFE;
	} else {
		return;
	}
	l->insn = id;
}

/* Validating name() func#N... */
static void classify_validating(const char *s, uint32_t n, struct vlog_line *l)
{
	uint32_t i = 11, st = 11, k;

	while (i < n && s[i] != '(' && s[i] != ' ')
		i++;
	if (i + 2 >= n || s[i] != '(' || s[i + 1] != ')')
		return;
	k = i + 2;
	if (!STARTS(s + k, n - k, " func#"))
		return;
	k += 6;
	l->insn = read_num(s, n, &k);
	if (l->insn == IDX_NONE)
		return;
	l->kind = LINE_GLOBAL;
	l->global_kind = VLOG_GLOBAL_VALIDATING;
	l->name_off = l->off + st;
	l->name_len = i - st;
}

/* libbpf: prog 'NAME': -- BEGIN PROG LOAD LOG -- */
static void classify_libbpf(const char *s, uint32_t n, struct vlog_line *l)
{
	static const char begin[] = "-- BEGIN PROG LOAD LOG --";
	uint32_t i;

	l->kind = LINE_LOADER;
	if (STARTS(s + 8, n - 8, "map '")) {
		l->loader_msg = true; /* "libbpf: map 'm': failed to create: ..." */
		return;
	}
	if (!STARTS(s + 8, n - 8, "prog '"))
		return;
	for (i = 14; i < n && s[i] != '\''; i++)
		;
	if (i >= n)
		return;
	if (n >= sizeof(begin) - 1 &&
	    !memcmp(s + n - (sizeof(begin) - 1), begin, sizeof(begin) - 1)) {
		l->frame_begin = true;
		l->name_off = l->off + 14;
		l->name_len = i - 14;
	} else {
		l->loader_msg = true;
	}
}

/* the words of record's "not verified" line, per enum not_verified */
static const char *const not_verified_words[] = {
	[NOT_VERIFIED_KERNEL] = "the kernel refused the load before verification",
	[NOT_VERIFIED_LIBBPF] = "refused by libbpf, before the kernel saw the program",
};

#define NV_PREFIX "veristep: prog '"
#define NV_MID "': not verified: "

const char *vlog_not_verified_words(unsigned int kind)
{
	return kind && kind < sizeof(not_verified_words) / sizeof(not_verified_words[0]) ?
		       not_verified_words[kind] :
		       NULL;
}

int vlog_not_verified_line(char *buf, size_t n, const char *name, unsigned int kind,
			   const char *errno_name)
{
	const char *w = vlog_not_verified_words(kind);

	return snprintf(buf, n, NV_PREFIX "%s" NV_MID "%s (%s)\n", name, w ? w : "?",
			errno_name ? errno_name : "?");
}

/* veristep: prog 'NAME': not verified: WORDS (ERRNO) */
static void classify_not_verified(const char *s, uint32_t n, struct vlog_line *l)
{
	uint32_t i = sizeof(NV_PREFIX) - 1, name = i, k, e;
	const char *mid;

	mid = memmem(s + i, n - i, NV_MID, sizeof(NV_MID) - 1);
	if (!mid)
		return;
	e = (uint32_t)(mid - s);
	i = e + sizeof(NV_MID) - 1;
	for (k = 1; k < sizeof(not_verified_words) / sizeof(not_verified_words[0]); k++) {
		size_t wl = strlen(not_verified_words[k]);
		uint32_t a = i + (uint32_t)wl + 2, b = a;

		if (n < a || memcmp(s + i, not_verified_words[k], wl) ||
		    memcmp(s + i + wl, " (", 2))
			continue;
		while (b < n && s[b] != ')')
			b++;
		if (b + 1 != n || b == a)
			return;
		l->kind = LINE_LOADER;
		l->loader_msg = true;
		l->not_verified = (uint8_t)k;
		l->name_off = l->off + name;
		l->name_len = e - name;
		l->text_off = l->off + a;
		l->text_len = b - a;
		l->trailer_off = l->off + e + 3; /* "not verified: ...": the error's text */
		l->trailer_len = n - e - 3;
		return;
	}
}

/*
 * Other loaders' framing:
 *   veristat -v: "PROCESSING FILE/PROG, DURATION US: N, VERDICT: failure, VERIFIER LOG:"
 *   tc (iproute2): "Prog section 'SEC' rejected: Permission denied (13)!", " - Type: 3",
 *     " - Instructions: ...", " - License: GPL", "Verifier analysis:", "Skipped N bytes,
 *     use 'verb' option for the full verbose log.", "[...]", "Error fetching program/map!"
 *   selftests' test_progs: "VERIFIER LOG:", "============="
 */
static bool classify_other_loader(const char *s, uint32_t n, struct vlog_line *l)
{
	static const char *const lines[] = {
		"Verifier analysis:",
		"VERIFIER LOG:",
		"[...]",
		"Error fetching program/map!",
		"Unable to load program",
		" - Type:",
		" - Instructions:",
		" - License:",
	};
	uint32_t i;

	if (STARTS(s, n, "PROCESSING ") && n > 15 && !memcmp(s + n - 15, ", VERIFIER LOG:", 15)) {
		const char *d = memmem(s, n, ", DURATION US:", 14);
		uint32_t e = d ? (uint32_t)(d - s) : 0, b = e;

		while (b > 11 && s[b - 1] != '/')
			b--;
		l->kind = LINE_LOADER;
		l->frame_begin = true;
		if (e > b) {
			l->name_off = l->off + b;
			l->name_len = e - b;
		}
		return true;
	}
	if (STARTS(s, n, "Prog section '") &&
	    (memmem(s, n, "' rejected: ", 12) || memmem(s, n, "' loaded (", 10))) {
		/* names the section, not the program: leave the program unnamed */
		l->kind = LINE_LOADER;
		l->frame_begin = true;
		return true;
	}
	if (STARTS(s, n, "Skipped ") && memmem(s, n, " bytes, use 'verb' option", 25)) {
		l->kind = LINE_LOADER;
		l->head_dropped = true;
		return true;
	}
	if (n >= 5 && s[0] == '=' && s[n - 1] == '=' && memspn_eq(s, n, '=')) {
		l->kind = LINE_LOADER;
		return true;
	}
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		size_t k = strlen(lines[i]);

		if (n >= k && !memcmp(s, lines[i], k)) {
			l->kind = LINE_LOADER;
			return true;
		}
	}
	return false;
}

static void classify_state_indented(const char *s, uint32_t n, struct vlog_line *l)
{
	uint32_t i = 0;

	while (i < n && s[i] == ' ')
		i++;
	if (i == 1 && state_starts(s + i, n - i)) {
		l->kind = LINE_STATE;
		l->trailer_off = l->off + i;
		l->trailer_len = n - i;
	}
}

/*
 * "func 'NAME' argN has btf_id ID type KIND 'TYPE'" (btf_ctx_access()),
 * "raw_tp 'NAME' ..." before 5.7, and the 5.17-era "has btf_id ID is_user U
 * type ...": the name goes to name_*, N to insn, ID to insn2, KIND to text_*,
 * TYPE to trailer_*. The whole line must match, else it stays unknown.
 */
static void classify_btf_arg(const char *s, uint32_t n, uint32_t start, struct vlog_line *l)
{
	uint32_t i = start, name, name_len, arg, id, kind, kind_len, type;
	const char *q;

	q = memchr(s + i, '\'', n - i);
	if (!q)
		return;
	name = i;
	name_len = (uint32_t)(q - s) - i;
	i += name_len + 1;
	if (!STARTS(s + i, n - i, " arg"))
		return;
	i += 4;
	if ((arg = read_num(s, n, &i)) == IDX_NONE || !STARTS(s + i, n - i, " has btf_id "))
		return;
	i += 12;
	if ((id = read_num(s, n, &i)) == IDX_NONE)
		return;
	if (STARTS(s + i, n - i, " is_user ")) {
		i += 9;
		if (read_num(s, n, &i) == IDX_NONE)
			return;
	}
	if (!STARTS(s + i, n - i, " type "))
		return;
	i += 6;
	kind = i;
	while (i < n && s[i] >= 'A' && s[i] <= 'Z')
		i++;
	kind_len = i - kind;
	if (!kind_len || !STARTS(s + i, n - i, " '") || s[n - 1] != '\'' || n < i + 3)
		return;
	type = i + 2;
	if (memchr(s + type, '\'', n - 1 - type))
		return;
	l->kind = LINE_BTF_ARG;
	l->name_off = l->off + name;
	l->name_len = name_len;
	l->insn = arg;
	l->insn2 = id;
	l->text_off = l->off + kind;
	l->text_len = kind_len;
	l->trailer_off = l->off + type;
	l->trailer_len = n - 1 - type;
}

void vlog_classify(const char *buf, uint64_t off, uint32_t len, bool in_live_regs, bool in_pre,
		   struct vlog_line *l)
{
	const char *s = buf + off;
	uint32_t n = len;

	memset(l, 0, sizeof(*l));
	l->kind = LINE_UNKNOWN;
	l->off = off;
	l->len = len;
	l->insn = l->insn2 = IDX_NONE;
	if (!n) {
		l->kind = LINE_BLANK;
		return;
	}
	switch (s[0]) {
	case 'm':
		if (STARTS(s, n, "mark_precise: ")) {
			l->kind = LINE_PRECISION;
			l->precision_style = 2;
		}
		return;
	case '0' ... '9':
		classify_digit(s, n, l);
		return;
	case ';':
		l->kind = LINE_SOURCE;
		l->src_at = has_src_at(s, n);
		return;
	case ' ':
		if (in_live_regs && classify_live_row(s, n, l))
			return;
		if (!in_pre)
			classify_state_indented(s, n, l);
		if (l->kind == LINE_UNKNOWN && n > 3 && s[1] == '-')
			classify_other_loader(s, n, l);
		return;
	case '\t':
		return;
	case '(':
		if (memmem(s, n, ") frame ", 8) || memmem(s, n, ") live stack update", 19))
			l->kind = LINE_LIVENESS;
		return;
	case 'f':
		if (STARTS(s, n, "from "))
			classify_from(s, n, l);
		else if (STARTS(s, n, "func#")) {
			uint32_t i = 5;

			l->insn = read_num(s, n, &i);
			if (l->insn != IDX_NONE && STARTS(s + i, n - i, " @")) {
				i += 2;
				l->insn2 = read_num(s, n, &i);
				if (l->insn2 != IDX_NONE && i == n)
					l->kind = LINE_FUNC_START;
			}
			if (l->kind != LINE_FUNC_START)
				l->insn = l->insn2 = IDX_NONE;
		} else if (STARTS(s, n, "frame ") && memmem(s, n, ": propagating ", 14)) {
			l->kind = LINE_PRECISION;
		} else if (STARTS(s, n, "func '")) {
			classify_btf_arg(s, n, 6, l);
		}
		return;
	case 'F':
		if (STARTS(s, n, "Func#"))
			classify_func_upper(s, n, l);
		return;
	case 'V':
		if (STARTS(s, n, "Validating "))
			classify_validating(s, n, l);
		else if (STARTS(s, n, "Verification failed: "))
			l->kind = LINE_DIAG;
		else
			classify_other_loader(s, n, l);
		return;
	case 'P':
	case 'E':
	case 'U':
	case '[':
	case '=':
		classify_other_loader(s, n, l);
		return;
	case 'L':
		if (STARTS(s, n, "Live regs before insn:"))
			l->kind = LINE_LIVE_REGS;
		return;
	case 'l':
		if (STARTS(s, n, "last_idx ")) {
			l->kind = LINE_PRECISION;
			l->precision_style = 1;
		} else if (STARTS(s, n, "libbpf: ")) {
			classify_libbpf(s, n, l);
		}
		return;
	case 'r':
		if (STARTS(s, n, "raw_tp '"))
			classify_btf_arg(s, n, 8, l);
		else if (STARTS(s, n, "regs=") && memmem(s, n, " stack=", 7))
			l->kind = LINE_PRECISION;
		else if (STARTS(s, n, "returning from callee:")) {
			l->kind = LINE_CALL_BLOCK;
			l->block = 3;
		}
		return;
	case 'p':
		if (STARTS(s, n, "processed ") && memmem(s, n, " insns", 6)) {
			l->kind = LINE_STATS;
			l->stats_processed = true;
		} else if (STARTS(s, n, "parent didn't have regs") ||
			   STARTS(s, n, "parent already had regs") ||
			   STARTS(s, n, "propagating ")) {
			l->kind = LINE_PRECISION;
		}
		return;
	case 'c':
		if (n == 7 && !memcmp(s, "caller:", 7)) {
			l->kind = LINE_CALL_BLOCK;
			l->block = 1;
		} else if (n == 7 && !memcmp(s, "callee:", 7)) {
			l->kind = LINE_CALL_BLOCK;
			l->block = 2;
		} else if (STARTS(s, n, "cur state:")) {
			l->kind = LINE_DIAG;
		}
		return;
	case 'o':
		if (STARTS(s, n, "old state:"))
			l->kind = LINE_DIAG;
		return;
	case 't':
		if (STARTS(s, n, "to caller at ")) {
			uint32_t i = 13;

			l->insn = read_num(s, n, &i);
			if (l->insn != IDX_NONE && i < n && s[i] == ':') {
				l->kind = LINE_CALL_BLOCK;
				l->block = 4;
			} else {
				l->insn = IDX_NONE;
			}
		} else if (STARTS(s, n, "topo_order[")) {
			l->kind = LINE_PRE;
		}
		return;
	case 'v':
		if (STARTS(s, n, "verification time "))
			l->kind = LINE_STATS;
		else if (STARTS(s, n, NV_PREFIX))
			classify_not_verified(s, n, l);
		return;
	case 's':
		if (STARTS(s, n, "stack depth "))
			l->kind = LINE_STATS;
		else if (STARTS(s, n, "stack use/def "))
			l->kind = LINE_PRE;
		else if (STARTS(s, n, "subprog#")) {
			uint32_t i = 8, e;

			l->kind = LINE_PRE;
			l->insn = read_num(s, n, &i);
			if (l->insn != IDX_NONE && i < n && s[i] == ' ' && n > i + 2 &&
			    s[n - 1] == ':') {
				e = n - 1;
				l->name_off = l->off + i + 1;
				l->name_len = e - i - 1;
				if (memchr(s + i + 1, ' ', l->name_len))
					l->name_len = 0;
			}
		}
		return;
	case 'S':
		if (STARTS(s, n, "SCC enter") || STARTS(s, n, "SCC exit") ||
		    STARTS(s, n, "SCC backedge"))
			l->kind = LINE_SCC;
		else
			classify_other_loader(s, n, l);
		return;
	case 'a':
		if (STARTS(s, n, "arg#") && memmem(s, n, "reference type(", 15))
			l->kind = LINE_NOTE;
		return;
	case '-':
		if (STARTS(s, n, "-- END PROG LOAD LOG --")) {
			l->kind = LINE_LOADER;
			l->frame_end = true;
		} else if (n > 1 && is_digit(s[1])) {
			struct vlog_line t;

			/* "-5: (95) exit": a negative index */
			vlog_classify(s, 1, n - 1, false, false, &t);
			l->bad_number = t.kind == LINE_INSN || t.kind == LINE_STATE || t.bad_number;
		}
		return;
	default:
		return;
	}
}

/*
 * Messages the kernel prints in the middle of a log and then goes on (a
 * static subprog's prototype check, a callback loop cut at its bound), which
 * may also open an error message when the check was fatal (a global's
 * prototype). The line classifier leaves them unknown, so they can be the
 * error's first line; when the log goes on after them they are counted as
 * notes, not unknown. A row matches the whole line: %d is a number, %s a
 * name (letters, digits, '_', '.'), %* (last in a row) one or more
 * characters of any kind, anything else is literal.
 */
static const char *const kernel_notes[] = {
	/* verifier.c check_helper_call(), BPF_FUNC_loop, log level 2 (6.8+) */
	"frame%d bpf_loop iteration limit reached",
	/* btf.c btf_check_func_arg_match(): a static subprog's arg (also a global's error) */
	"R%d is not a scalar",
	/* btf.c btf_check_func_arg_match(), 5.x-6.7: the main program's own prototype */
	"reg type unsupported for arg#%d function %s#%d",
	/* btf.c btf_prepare_func_args(): a global subprog that returns no scalar */
	"Global function %s() doesn't return scalar. Only those are supported.",
	/* the same check in bpf-next (7.x), which also accepts void */
	"Global function %s() return value not void or scalar. Only those are supported.",
	/* verifier.c btf_check_func_arg_match() (6.8+): a static subprog's ctx arg */
	"arg#%d expects pointer to ctx",
	/* verifier.c __check_ptr_off_reg() from the same check: ctx + N passed */
	"dereference of modified %s ptr R%d off=%d disallowed",
	"negative offset %s ptr R%d off=-%d disallowed",
	/* btf.c btf_prepare_func_args() (6.8+): an "arg:" decl tag on a static subprog */
	"arg#%d type tag is not supported in static functions",
	/* btf.c btf_check_func_arg_match() (5.x-6.7): a static subprog's prototype */
	"arg#%d expected pointer to ctx, but got %s",
	"Unrecognized arg#%d type %s",
	"Function %s has %d > %d args",
	/* verifier.c reg_bounds_sanity_check(): bounds out of sync, the register is
	 * reset to unbounded and verification goes on; 6.8-6.16 print it plain,
	 * 6.17+ through verifier_bug() */
	"REG INVARIANTS VIOLATION (%s): %*",
	"verifier bug: REG INVARIANTS VIOLATION (%s): %*",
	/* verifier.c propagate_backedges() (6.17+), log level 2: an SCC's marks
	 * did not settle in 64 rounds; all its scalars are made precise instead */
	"propagate_backedges: too many iterations",
};

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' ||
	       c == '.';
}

static bool pattern_match(const char *pat, const char *s, uint32_t n)
{
	uint32_t i = 0, st;

	for (; *pat; pat++) {
		if (pat[0] == '%' && pat[1] == '*' && !pat[2])
			return i < n;
		if (pat[0] == '%' && (pat[1] == 'd' || pat[1] == 's')) {
			st = i;
			while (i < n && (pat[1] == 'd' ? is_digit(s[i]) : is_name_char(s[i])))
				i++;
			if (i == st)
				return false;
			pat++;
		} else if (i < n && s[i] == *pat) {
			i++;
		} else {
			return false;
		}
	}
	return i == n;
}

bool vlog_is_kernel_note(const char *s, uint32_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	for (size_t k = 0; k < sizeof(kernel_notes) / sizeof(kernel_notes[0]); k++)
		if (pattern_match(kernel_notes[k], s, n))
			return true;
	return false;
}

bool vlog_opcode_is_cond_jump(uint8_t op)
{
	uint8_t cls = op & 0x07, code = op & 0xf0;

	if (cls != 0x05 && cls != 0x06) /* BPF_JMP, BPF_JMP32 */
		return false;
	return code != 0x00 && code != 0x80 && code != 0x90; /* ja, call, exit */
}

bool vlog_is_log_start(const struct vlog_line *l)
{
	switch (l->kind) {
	case LINE_FUNC_START:
	case LINE_NOTE:
	case LINE_PRE:
	case LINE_STATS:
	case LINE_DIAG:
		return true;
	case LINE_LIVE_REGS:
		return l->insn == IDX_NONE;
	case LINE_GLOBAL:
		return l->global_kind != VLOG_GLOBAL_CALL;
	case LINE_STATE:
	case LINE_INSN:
		/* a log starts at insn 0, or at a global's first state (5.x validates globals first) */
		return l->kind == LINE_STATE || l->insn == 0;
	default:
		return false;
	}
}

uint64_t vlog_line_number(const char *buf, uint64_t off)
{
	uint64_t n = 1, i = 0;

	while (i < off) {
		const char *nl = memchr(buf + i, '\n', off - i);

		if (!nl)
			break;
		n++;
		i = (uint64_t)(nl - buf) + 1;
	}
	return n;
}

static int64_t num_after(const char *s, uint32_t n, const char *key)
{
	const char *p = memmem(s, n, key, strlen(key));
	uint64_t v = 0;
	bool any = false;

	if (!p)
		return -1;
	p += strlen(key);
	while (p < s + n && is_digit(*p)) {
		if (v >= (1ull << 59))
			return -1; /* absurd: say nothing rather than a wrong number */
		v = v * 10 + (uint64_t)(*p - '0');
		p++;
		any = true;
	}
	return any ? (int64_t)v : -1;
}

/* the kernel's 32-bit counters: past INT32_MAX, no count it printed */
static int32_t count_after(const char *s, uint32_t n, const char *key)
{
	int64_t v = num_after(s, n, key);

	return v > INT32_MAX ? -1 : (int32_t)v;
}

void vlog_parse_stats(struct model *m, struct program *p, const struct vlog_line *l)
{
	const char *s = m->log.buf + l->off;
	uint32_t n = l->len;

	if (l->stats_processed) {
		p->stats.processed_insns = count_after(s, n, "processed ");
		p->stats.insn_limit = count_after(s, n, "(limit ");
		p->stats.max_states_per_insn = count_after(s, n, "max_states_per_insn ");
		p->stats.total_states = count_after(s, n, "total_states ");
		p->stats.peak_states = count_after(s, n, "peak_states ");
		p->stats.mark_read = count_after(s, n, "mark_read ");
		if (memmem(s, n, "stack depth ", 12)) {
			const char *d = memmem(s, n, "stack depth ", 12) + 12;

			p->stats.stack_depth = strtab_intern(&m->str, d, (size_t)(s + n - d));
		}
	} else if (STARTS(s, n, "verification time ")) {
		p->stats.verification_time_usec = num_after(s, n, "verification time ");
	} else if (STARTS(s, n, "stack depth ")) {
		p->stats.stack_depth = strtab_intern(&m->str, s + 12, n - 12);
	}
}

const char *vlog_dialect_name(const struct dialect_marks *dm, int log_level)
{
	(void)log_level;
	if (dm->diag_block)
		return "7.3";
	if (dm->pre_analysis || dm->reworded_sleep)
		return "7.0";
	if (dm->stack_liveness)
		return "6.18";
	if (dm->src_at || dm->global_named || dm->validating || dm->new_ranges || dm->map_names ||
	    dm->live_regs) {
		if (!dm->liveness_suffix && dm->states_seen)
			return "6.18";
		if (dm->live_regs)
			return "6.15";
		return "6.8";
	}
	if (dm->precision_style == 2)
		return "6.6";
	if (dm->inv || dm->id0 || dm->value_names)
		return "5.x";
	if (dm->off_imm)
		return "6.1";
	if (dm->states_seen)
		return dm->liveness_suffix ? "6.1" : "6.18";
	return "unknown";
}

void vlog_diag_title(struct model *m, struct program *p, const char *s, size_t n)
{
	const char *colon = memmem(s, n, ": ", 2);
	struct program_cold *pc = program_cold_get(p);

	if (!pc)
		return;
	pc->has_diag = true;
	if (colon) {
		pc->diag.category = strtab_intern(&m->str, s, (size_t)(colon - s));
		pc->diag.title = strtab_intern(&m->str, colon + 2, n - (size_t)(colon - s) - 2);
	} else {
		pc->diag.title = strtab_intern(&m->str, s, n);
	}
}

void vlog_diag_finish(struct model *m, struct program *p, const char *text, size_t n, int section)
{
	struct program_cold *pc;
	uint32_t id;

	if (!n || !text || !(pc = program_cold_get(p)))
		return;
	switch (section) {
	case 1:
		pc->diag.reason = strtab_intern(&m->str, text, n);
		break;
	case 2:
		pc->diag.at = strtab_intern(&m->str, text, n);
		break;
	case 3: {
		/* one entry per line of the causal path */
		size_t i = 0;

		while (i < n) {
			const char *nl = memchr(text + i, '\n', n - i);
			size_t e = nl ? (size_t)(nl - text) : n;
			uint32_t *slot;

			id = strtab_intern(&m->str, text + i, e - i);
			slot = id ? vec_push(&pc->diag.causal_path) : NULL;
			if (slot)
				*slot = id;
			i = e + 1;
		}
		break;
	}
	case 4:
		pc->diag.suggestion = strtab_intern(&m->str, text, n);
		break;
	default:
		break;
	}
}

static int cmp_subprog(const void *a, const void *b)
{
	const struct subprog *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

void vlog_sort_subprogs(struct program *p)
{
	uint32_t i;

	if (p->subprogs.n > 1)
		qsort(p->subprogs.v, p->subprogs.n, sizeof(*p->subprogs.v), cmp_subprog);
	for (i = 0; i < p->subprogs.n; i++) {
		struct subprog *sp = &p->subprogs.v[i];

		if (i + 1 < p->subprogs.n)
			sp->end = p->subprogs.v[i + 1].start;
		else
			sp->end = p->ninsns ? IDX_NONE : IDX_NONE;
	}
}
