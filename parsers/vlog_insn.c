// SPDX-License-Identifier: MIT
/*
 * vlog_insn.c — the grammar of an instruction's text in a verifier log
 * (see vlog_insn.h): cut a line into index, "(xx)", text, trailer or glued
 * state; read a call's or a jump's target from the text. Reads only
 * [s, s + n): the log is not NUL-terminated, so no strtol here.
 */
#include <string.h>

#include "parsers/vlog_insn.h"

#define STARTS(s, n, lit) ((n) >= sizeof(lit) - 1 && !memcmp((s), (lit), sizeof(lit) - 1))

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int hexval(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return c - 'A' + 10;
}

/* a decimal number at s[*i] (at most 2^40, larger saturate); false when absent */
static bool read_dec(const char *s, uint32_t n, uint32_t *i, uint64_t *v)
{
	uint32_t start = *i;

	*v = 0;
	while (*i < n && is_digit(s[*i])) {
		if (*v < (1ull << 40))
			*v = *v * 10 + (uint64_t)(s[*i] - '0');
		(*i)++;
	}
	return *i > start;
}

static bool state_starts(const char *s, uint32_t n)
{
	if (n >= 2 && s[0] == 'R' && is_digit(s[1]))
		return true;
	return STARTS(s, n, "frame") || STARTS(s, n, "fp-") || STARTS(s, n, "refs=");
}

/*
 * Level 1 glues the next path's first state to a branch or call line:
 * "11: (55) if r2 != 0x1 goto pc+2 14: R0=...". Find " M: " followed by a
 * state (or "safe") in s[from, to); return the blank's offset, or 0.
 */
static uint32_t find_glue(const char *s, uint32_t from, uint32_t to)
{
	uint32_t i;

	for (i = from; i + 3 < to; i++) {
		uint32_t j;

		if (s[i] != ' ' || !is_digit(s[i + 1]))
			continue;
		j = i + 1;
		while (j < to && is_digit(s[j]))
			j++;
		if (j + 2 < to && s[j] == ':' && s[j + 1] == ' ' &&
		    (state_starts(s + j + 2, to - j - 2) || STARTS(s + j + 2, to - j - 2, "safe")))
			return i;
	}
	return 0;
}

bool vlog_insn_split(const char *s, uint32_t n, struct vlog_insn *out)
{
	uint32_t j, end = n;

	if (n < 4 || s[0] != '(' || !is_hex(s[1]) || !is_hex(s[2]) || s[3] != ')')
		return false;
	out->opcode = (uint8_t)(hexval(s[1]) << 4 | hexval(s[2]));
	out->text = 4;
	while (out->text < n && s[out->text] == ' ')
		out->text++;
	out->trailer = 0;
	out->glue = 0;
	out->glue_insn = IDX_NONE;
	out->glue_safe = false;
	for (const char *q = s + 4; q < s + n && (q = memchr(q, ';', (size_t)(s + n - q))); q++) {
		j = (uint32_t)(q - s);
		if (s[j - 1] == ' ' || s[j - 1] == '\t') {
			uint32_t t = j + 1;

			while (t < n && (s[t] == ' ' || s[t] == '\t'))
				t++;
			out->trailer = t;
			end = j;
			break;
		}
	}
	if (!out->trailer) {
		j = find_glue(s, 4, n);
		if (j) {
			uint32_t k = j + 1;
			uint64_t v;

			out->glue = j;
			end = j;
			if (read_dec(s, n, &k, &v) && v < IDX_NONE)
				out->glue_insn = (uint32_t)v;
			k += 2;
			out->glue_safe = STARTS(s + k, n - k, "safe");
		}
	}
	/* the kernel pads the text to a column before ';': eight blanks at a time */
	while (end >= out->text + 8 && !memcmp(s + end - 8, "        ", 8))
		end -= 8;
	while (end > out->text && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	out->text_end = end < out->text ? out->text : end;
	return true;
}

bool vlog_insn_line(const char *s, uint32_t n, uint32_t *insn, uint32_t *at, struct vlog_insn *out)
{
	uint32_t i = 0;
	uint64_t v;

	while (i < n && s[i] == ' ')
		i++;
	if (!read_dec(s, n, &i, &v) || v > UINT32_MAX)
		return false;
	/* an SCC column: "  1  11: 0.....6... (61) ..." */
	if (i < n && s[i] == ' ') {
		while (i < n && s[i] == ' ')
			i++;
		if (!read_dec(s, n, &i, &v) || v > UINT32_MAX)
			return false;
	}
	if (i + 1 >= n || s[i] != ':' || s[i + 1] != ' ')
		return false;
	i += 2;
	/* a live-regs row: a 10-column mask before the text */
	if (i + 11 < n && s[i + 10] == ' ' && s[i + 11] == '(') {
		uint32_t k;

		for (k = 0; k < 10; k++)
			if (s[i + k] != '.' && !is_digit(s[i + k]))
				break;
		if (k == 10)
			i += 11;
	}
	if (!vlog_insn_split(s + i, n - i, out))
		return false;
	*insn = (uint32_t)v;
	*at = i;
	return true;
}

/* "pc+K" / "pc-K" at s[i]: insn + 1 + K, IDX_NONE when absent or out of range */
static uint32_t pc_rel(const char *s, uint32_t n, uint32_t i, uint32_t insn)
{
	uint64_t k;
	int64_t t;
	bool neg;

	if (i + 3 > n || s[i] != 'p' || s[i + 1] != 'c' || (s[i + 2] != '+' && s[i + 2] != '-'))
		return IDX_NONE;
	neg = s[i + 2] == '-';
	i += 3;
	if (!read_dec(s, n, &i, &k) || k > MODEL_MAX_INSNS)
		return IDX_NONE;
	t = (int64_t)insn + 1 + (neg ? -(int64_t)k : (int64_t)k);
	if (t < 0 || t >= (int64_t)MODEL_MAX_INSNS)
		return IDX_NONE;
	return (uint32_t)t;
}

static bool is_cond_jump(uint8_t op)
{
	uint8_t cls = op & 0x07, code = op & 0xf0;

	if (cls != 0x05 && cls != 0x06) /* BPF_JMP, BPF_JMP32 */
		return false;
	return code != 0x00 && code != 0x80 && code != 0x90; /* ja, call, exit */
}

void vlog_insn_target(const char *s, uint32_t n, uint32_t insn, vlog_helper_name_fn helper_name,
		      struct vlog_insn_target *out)
{
	struct vlog_insn vi;
	const char *g;
	uint32_t i;

	out->kind = INSN_OTHER;
	out->target = IDX_NONE;
	out->call_id = -1;
	out->name = out->name_len = 0;
	if (!vlog_insn_split(s, n, &vi))
		return;
	n = vi.text_end;
	i = vi.text;
	if (vi.opcode == 0x95) {
		out->kind = INSN_EXIT;
		return;
	}
	if (vi.opcode == 0x85) {
		uint32_t st, e;

		if (!STARTS(s + i, n - i, "call "))
			return;
		i += 5;
		if (n - i > 3 && s[i] == 'p' && s[i + 1] == 'c' &&
		    (s[i + 2] == '+' || s[i + 2] == '-')) {
			out->kind = INSN_CALL_SUBPROG;
			out->target = pc_rel(s, n, i, insn);
			return;
		}
		st = i;
		while (i < n && s[i] != '#' && s[i] != ' ')
			i++;
		e = i;
		if (i < n && s[i] == '#') {
			uint64_t v;
			uint32_t k = i + 1;

			if (read_dec(s, n, &k, &v) && v <= INT32_MAX)
				out->call_id = (int64_t)v;
		}
		if (e == st)
			return;
		out->name = st;
		out->name_len = e - st;
		out->kind = INSN_CALL_KFUNC;
		if (out->call_id >= 0 && helper_name) {
			const char *h = helper_name((int32_t)out->call_id);

			if (h && strlen(h) == out->name_len && !memcmp(h, s + st, out->name_len))
				out->kind = INSN_CALL_HELPER;
		}
		return;
	}
	if ((vi.opcode & 0x07) == 0x05 || (vi.opcode & 0x07) == 0x06) {
		bool cond = is_cond_jump(vi.opcode);

		if (!cond && (vi.opcode & 0xf0) != 0x00)
			return;
		out->kind = cond ? INSN_COND_JUMP : INSN_JA;
		/* "goto pc+K", "gotol pc+K" (v4 ja32), "may_goto pc+K" */
		g = memmem(s + i, n - i, "goto", 4);
		if (g) {
			uint32_t k = (uint32_t)(g - s) + 4;

			if (k < n && s[k] == 'l')
				k++;
			if (k < n && s[k] == ' ')
				out->target = pc_rel(s, n, k + 1, insn);
		}
		return;
	}
	out->kind = INSN_PLAIN;
}

static bool is_ident(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* a register token "rN" / "wN" (N < 11) at s[i], not part of a longer word: N, else -1 */
static int reg_at(const char *s, uint32_t n, uint32_t i, uint32_t start)
{
	uint32_t j = i + 1;
	int v = 0;

	if (i >= n || (s[i] != 'r' && s[i] != 'w') || (i > start && is_ident(s[i - 1])))
		return -1;
	if (j >= n || !is_digit(s[j]))
		return -1;
	while (j < n && is_digit(s[j]) && v < 100)
		v = v * 10 + (s[j++] - '0');
	if ((j < n && is_ident(s[j])) || v >= 11)
		return -1;
	return v;
}

/*
 * A memory operand "*(u32 *)(r10 -4)" (also "(u64 *)(r1 +0)" inside an
 * atomic's call form) starting at the '(' of the size: size, base, off.
 */
static bool mem_at(const char *s, uint32_t n, uint32_t i, uint32_t start, struct vlog_insn_ops *o)
{
	uint64_t v, sz;
	int r;

	if (i + 2 >= n || s[i] != '(' || (s[i + 1] != 'u' && s[i + 1] != 's'))
		return false;
	i += 2;
	if (!read_dec(s, n, &i, &sz) || (sz != 8 && sz != 16 && sz != 32 && sz != 64))
		return false;
	if (!STARTS(s + i, n - i, " *)("))
		return false;
	i += 4;
	r = reg_at(s, n, i, start);
	if (r < 0)
		return false;
	i += r >= 10 ? 3 : 2;
	if (i + 1 >= n || s[i] != ' ' || (s[i + 1] != '+' && s[i + 1] != '-'))
		return false;
	{
		bool neg = s[i + 1] == '-';

		i += 2;
		if (!read_dec(s, n, &i, &v) || v > 32768 || i >= n || s[i] != ')')
			return false;
		o->off = (int16_t)(neg ? -(int64_t)v : (int64_t)v);
	}
	o->base = (int8_t)r;
	o->size = (uint8_t)(sz / 8);
	return true;
}

void vlog_insn_ops(const char *s, uint32_t n, struct vlog_insn_ops *o)
{
	struct vlog_insn vi;
	int regs[4];
	uint32_t i, nregs = 0, t, e, mem = 0;
	uint8_t cls, code;

	memset(o, 0, sizeof(*o));
	o->dst = o->src = o->base = -1;
	if (!vlog_insn_split(s, n, &vi)) {
		o->flags = VLOG_OPS_UNKNOWN;
		return;
	}
	t = vi.text;
	e = vi.text_end;
	cls = vi.opcode & 0x07;
	code = vi.opcode & 0xf0;
	/* the registers in the order the text names them; the memory operand once */
	for (i = t; i < e; i++) {
		int r;

		if (s[i] == '(' && !mem && i + 1 < e && (s[i + 1] == 'u' || s[i + 1] == 's') &&
		    mem_at(s, e, i, t, o)) {
			mem = i;
			while (i < e && s[i] != ')')
				i++; /* past "(u32 *" */
			i++;
			while (i < e && s[i] != ')')
				i++; /* past "(rB +off" */
			continue;
		}
		r = reg_at(s, e, i, t);
		if (r >= 0 && nregs < 4)
			regs[nregs++] = r;
	}
	switch (cls) {
	case INSN_CLASS_ALU:
	case INSN_CLASS_ALU64:
		if (!nregs)
			break;
		o->dst = (int8_t)regs[0];
		o->writes = (uint16_t)(1u << regs[0]);
		if (nregs > 1) {
			o->src = (int8_t)regs[1];
			o->reads |= (uint16_t)(1u << regs[1]);
		} else if (code != 0x80 && code != 0xd0) {
			o->flags |= VLOG_OPS_IMM; /* neg and byte swaps have no source */
		}
		if (code == 0xb0)
			o->flags |= VLOG_OPS_MOV;
		else
			o->reads |= (uint16_t)(1u << regs[0]);
		return;
	case INSN_CLASS_LD:
		if (vi.opcode == 0x18 && nregs >= 1) {
			o->dst = (int8_t)regs[0];
			o->writes = (uint16_t)(1u << regs[0]);
			o->flags |= VLOG_OPS_LD_IMM64 | VLOG_OPS_IMM;
			return;
		}
		if ((vi.opcode & 0xe0) == 0x20 || (vi.opcode & 0xe0) == 0x40) {
			/* LD_ABS / LD_IND: R0 from the packet in R6, R1-R5 scratched */
			o->dst = 0;
			o->writes = 0x3f;
			o->reads = 1u << 6;
			for (i = 0; i < nregs; i++)
				if (regs[i] != 0)
					o->reads |= (uint16_t)(1u << regs[i]);
			o->flags |= VLOG_OPS_SCRATCH | VLOG_OPS_MEM_LOAD;
			return;
		}
		break;
	case INSN_CLASS_LDX:
		if (!mem || nregs < 1)
			break;
		o->dst = (int8_t)regs[0];
		o->writes = (uint16_t)(1u << regs[0]);
		o->reads = (uint16_t)(1u << o->base);
		o->flags |= VLOG_OPS_MEM_LOAD;
		return;
	case INSN_CLASS_ST:
		if (!mem)
			break;
		o->reads = (uint16_t)(1u << o->base);
		o->flags |= VLOG_OPS_MEM_STORE | VLOG_OPS_IMM;
		return;
	case INSN_CLASS_STX:
		if (!mem)
			break;
		o->reads = (uint16_t)(1u << o->base);
		if ((vi.opcode & 0xe0) == 0x60) { /* *(size *)(rB +off) = rS */
			if (!nregs)
				break;
			o->src = (int8_t)regs[nregs - 1];
			o->reads |= (uint16_t)(1u << o->src);
			o->flags |= VLOG_OPS_MEM_STORE;
			return;
		}
		/* atomics: "lock *(..) += rS", "rD = atomic_fetch_add((..), rS)", cmpxchg, acquire/release */
		o->flags |= VLOG_OPS_ATOMIC;
		for (i = 0; i < nregs; i++)
			o->reads |= (uint16_t)(1u << regs[i]);
		if (nregs && regs[0] < 10 && mem > t && s[t] != '*' &&
		    !STARTS(s + t, e - t, "lock") && !STARTS(s + t, e - t, "store_release")) {
			o->dst = (int8_t)regs[0];
			o->writes = (uint16_t)(1u << regs[0]);
			if (memmem(s + t, e - t, "load_acquire", 12)) {
				o->reads = (uint16_t)(1u << o->base);
				o->flags |= VLOG_OPS_MEM_LOAD;
				return;
			}
		}
		if (nregs)
			o->src = (int8_t)regs[nregs - 1];
		o->flags |= VLOG_OPS_MEM_LOAD | VLOG_OPS_MEM_STORE;
		return;
	case INSN_CLASS_JMP:
	case INSN_CLASS_JMP32:
		if (code == 0x80 || vi.opcode == 0x95) { /* call / exit: by their kind */
			if (code == 0x80) {
				o->reads = 0x3e;
				o->writes = 0x3f;
				o->dst = 0;
				o->flags |= VLOG_OPS_SCRATCH;
			} else {
				o->reads = 1u;
			}
			return;
		}
		if (code == 0x00 || code == 0xe0) /* ja, may_goto */
			return;
		if (!nregs)
			break;
		o->dst = (int8_t)regs[0];
		o->reads = (uint16_t)(1u << regs[0]);
		if (nregs > 1) {
			o->src = (int8_t)regs[1];
			o->reads |= (uint16_t)(1u << regs[1]);
		} else {
			o->flags |= VLOG_OPS_IMM;
		}
		return;
	}
	o->flags = VLOG_OPS_UNKNOWN;
	o->reads = o->writes = 0;
	o->dst = o->src = o->base = -1;
	o->size = 0;
	o->off = 0;
}

bool vlog_insn_ops_agree(const struct vlog_insn_ops *o, uint8_t code, uint8_t dst, uint8_t src,
			 int16_t off)
{
	uint8_t cls = code & 0x07;
	bool x = code & 0x08;

	if (o->flags & VLOG_OPS_UNKNOWN)
		return false;
	switch (cls) {
	case INSN_CLASS_ALU:
	case INSN_CLASS_ALU64:
		return o->dst == dst && (!x || o->src == src);
	case INSN_CLASS_LD:
		return code != 0x18 || o->dst == dst;
	case INSN_CLASS_LDX:
		return o->dst == dst && o->base == src && o->off == off;
	case INSN_CLASS_ST:
		return o->base == dst && o->off == off;
	case INSN_CLASS_STX:
		return o->base == dst && o->src == src && o->off == off;
	default: /* jumps: calls and exit name no register */
		if ((code & 0xf0) == 0x80 || code == 0x95 || (code & 0xf0) == 0x00 ||
		    (code & 0xf0) == 0xe0)
			return true;
		return o->dst == dst && (!x || o->src == src);
	}
}
