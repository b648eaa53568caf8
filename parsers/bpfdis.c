// SPDX-License-Identifier: MIT
/*
 * bpfdis.c — one BPF instruction to the text the kernel verifier prints
 * for it (the 6.x log format), helper names from the uapi X-macro, and
 * the log-text comparison used to check an object against a log.
 * Pure functions: no allocation, no globals besides const tables.
 */
#include <stdio.h>
#include <string.h>

#include "parsers/bpfdis.h"
#include "parsers/vlog_insn.h"

/* opcodes newer than the installed uapi header */
#ifndef BPF_MEMSX
#define BPF_MEMSX 0x80
#endif
#ifndef BPF_JCOND
#define BPF_JCOND 0xe0
#endif
#ifndef BPF_MAY_GOTO
#define BPF_MAY_GOTO 0
#endif
#ifndef BPF_LOAD_ACQ
#define BPF_LOAD_ACQ 0x100
#endif
#ifndef BPF_STORE_REL
#define BPF_STORE_REL 0x110
#endif
#define BPFDIS_NOSPEC 0xc0	 /* BPF_ST mode, kernel internal */
#define BPFDIS_ADDR_SPACE_CAST 1 /* mov off */
#define BPFDIS_ADDR_PERCPU (-1)	 /* mov off, kernel internal */

/*
 * helper names: the uapi list. Headers before 6.2 separate the entries
 * with commas; later ones (___BPF_FUNC_MAPPER) do not.
 */
#ifdef ___BPF_FUNC_MAPPER
#define BPFDIS_HELPER(name, ...) [BPF_FUNC_##name] = "bpf_" #name,
#else
#define BPFDIS_HELPER(name, ...) [BPF_FUNC_##name] = "bpf_" #name
#endif
static const char *const bpfdis_helpers[] = { __BPF_FUNC_MAPPER(BPFDIS_HELPER) };
#undef BPFDIS_HELPER

#define BPFDIS_NHELPERS (sizeof(bpfdis_helpers) / sizeof(bpfdis_helpers[0]))

const char *bpfdis_helper_name(int32_t id)
{
	if (id <= 0 || (uint32_t)id >= BPFDIS_NHELPERS)
		return NULL;
	return bpfdis_helpers[id];
}

static const char *const bpfdis_alu_ops[16] = {
	"+=",  "-=", "*=", "/=", "|=",	 "&=",	   "<<=", ">>=",
	"neg", "%=", "^=", "=",	 "s>>=", "endian", NULL,  NULL,
};

static const char *const bpfdis_jmp_ops[16] = {
	"jmp",	"==",	">", ">=", "&",	 "!=",	"s>", "s>=",
	"call", "exit", "<", "<=", "s<", "s<=", NULL, NULL,
};

static const char *const bpfdis_atomic_ops[16] = {
	[BPF_ADD >> 4] = "add",
	[BPF_AND >> 4] = "and",
	[BPF_OR >> 4] = "or",
	[BPF_XOR >> 4] = "xor",
};

static const char *const bpfdis_classes[8] = {
	"ld", "ldx", "st", "stx", "alu", "jmp", "jmp32", "alu64",
};

static const char *bpfdis_size(uint8_t code, bool sign)
{
	switch (BPF_SIZE(code)) {
	case BPF_W:
		return sign ? "s32" : "u32";
	case BPF_H:
		return sign ? "s16" : "u16";
	case BPF_B:
		return sign ? "s8" : "u8";
	default:
		return sign ? "s64" : "u64";
	}
}

static const char *bpfdis_alu_op(const struct bpf_insn *in)
{
	uint8_t op = BPF_OP(in->code);

	if (in->off == 1 && (op == BPF_DIV || op == BPF_MOD))
		return op == BPF_DIV ? "s/=" : "s%=";
	return bpfdis_alu_ops[op >> 4] ? bpfdis_alu_ops[op >> 4] : "?";
}

static int bpfdis_alu(const struct bpf_insn *in, char *buf, size_t len)
{
	uint8_t cls = BPF_CLASS(in->code), op = BPF_OP(in->code);
	char r = cls == BPF_ALU ? 'w' : 'r';

	if (op == BPF_END) {
		if (cls == BPF_ALU64)
			return snprintf(buf, len, "(%02x) r%d = bswap%d r%d", in->code, in->dst_reg,
					in->imm, in->dst_reg);
		return snprintf(buf, len, "(%02x) r%d = %s%d r%d", in->code, in->dst_reg,
				BPF_SRC(in->code) == BPF_TO_BE ? "be" : "le", in->imm, in->dst_reg);
	}
	if (op == BPF_NEG)
		return snprintf(buf, len, "(%02x) %c%d = -%c%d", in->code, r, in->dst_reg, r,
				in->dst_reg);
	if (in->code == (BPF_ALU64 | BPF_MOV | BPF_X) && in->off == BPFDIS_ADDR_SPACE_CAST)
		return snprintf(buf, len, "(%02x) r%d = addr_space_cast(r%d, %u, %u)", in->code,
				in->dst_reg, in->src_reg, (uint32_t)in->imm >> 16,
				(uint32_t)in->imm & 0xffff);
	if (in->code == (BPF_ALU64 | BPF_MOV | BPF_X) && in->off == BPFDIS_ADDR_PERCPU)
		return snprintf(buf, len, "(%02x) r%d = &(void __percpu *)(r%d)", in->code,
				in->dst_reg, in->src_reg);
	if (BPF_SRC(in->code) == BPF_X) {
		const char *sx = "";

		if (op == BPF_MOV && in->off == 8)
			sx = "(s8)";
		else if (op == BPF_MOV && in->off == 16)
			sx = "(s16)";
		else if (op == BPF_MOV && in->off == 32)
			sx = "(s32)";
		return snprintf(buf, len, "(%02x) %c%d %s %s%c%d", in->code, r, in->dst_reg,
				bpfdis_alu_op(in), sx, r, in->src_reg);
	}
	return snprintf(buf, len, "(%02x) %c%d %s %d", in->code, r, in->dst_reg, bpfdis_alu_op(in),
			in->imm);
}

static int bpfdis_stx(const struct bpf_insn *in, char *buf, size_t len)
{
	const char *sz = bpfdis_size(in->code, false);
	bool dw = BPF_SIZE(in->code) == BPF_DW;
	int32_t imm = in->imm;

	if (BPF_MODE(in->code) == BPF_MEM)
		return snprintf(buf, len, "(%02x) *(%s *)(r%d %+d) = r%d", in->code, sz,
				in->dst_reg, in->off, in->src_reg);
	if (BPF_MODE(in->code) != BPF_ATOMIC)
		return snprintf(buf, len, "BUG_%02x", in->code);
	if (imm == BPF_ADD || imm == BPF_AND || imm == BPF_OR || imm == BPF_XOR)
		return snprintf(buf, len, "(%02x) lock *(%s *)(r%d %+d) %s r%d", in->code, sz,
				in->dst_reg, in->off, bpfdis_alu_ops[imm >> 4], in->src_reg);
	if (imm == (BPF_ADD | BPF_FETCH) || imm == (BPF_AND | BPF_FETCH) ||
	    imm == (BPF_OR | BPF_FETCH) || imm == (BPF_XOR | BPF_FETCH))
		return snprintf(buf, len, "(%02x) r%d = atomic%s_fetch_%s((%s *)(r%d %+d), r%d)",
				in->code, in->src_reg, dw ? "64" : "",
				bpfdis_atomic_ops[(imm & ~BPF_FETCH) >> 4], sz, in->dst_reg,
				in->off, in->src_reg);
	if (imm == BPF_CMPXCHG)
		return snprintf(buf, len, "(%02x) r0 = atomic%s_cmpxchg((%s *)(r%d %+d), r0, r%d)",
				in->code, dw ? "64" : "", sz, in->dst_reg, in->off, in->src_reg);
	if (imm == BPF_XCHG)
		return snprintf(buf, len, "(%02x) r%d = atomic%s_xchg((%s *)(r%d %+d), r%d)",
				in->code, in->src_reg, dw ? "64" : "", sz, in->dst_reg, in->off,
				in->src_reg);
	if (imm == BPF_LOAD_ACQ)
		return snprintf(buf, len, "(%02x) r%d = load_acquire((%s *)(r%d %+d))", in->code,
				in->dst_reg, sz, in->src_reg, in->off);
	if (imm == BPF_STORE_REL)
		return snprintf(buf, len, "(%02x) store_release((%s *)(r%d %+d), r%d)", in->code,
				sz, in->dst_reg, in->off, in->src_reg);
	return snprintf(buf, len, "BUG_%02x", in->code);
}

static int bpfdis_ld(const struct bpf_insn *in, uint32_t avail, char *buf, size_t len)
{
	const char *sz = bpfdis_size(in->code, false);
	uint64_t imm;

	if (BPF_MODE(in->code) == BPF_ABS)
		return snprintf(buf, len, "(%02x) r0 = *(%s *)skb[%d]", in->code, sz, in->imm);
	if (BPF_MODE(in->code) == BPF_IND)
		return snprintf(buf, len, "(%02x) r0 = *(%s *)skb[r%d + %d]", in->code, sz,
				in->src_reg, in->imm);
	if (BPF_MODE(in->code) != BPF_IMM || BPF_SIZE(in->code) != BPF_DW || avail < 2)
		return snprintf(buf, len, "BUG_ld_%02x", in->code);
	imm = ((uint64_t)(uint32_t)in[1].imm << 32) | (uint32_t)in->imm;
	return snprintf(buf, len, "(%02x) r%d = 0x%llx", in->code, in->dst_reg,
			(unsigned long long)imm);
}

static int bpfdis_jmp(const struct bpf_insn *in, const char *call_name, char *buf, size_t len)
{
	uint8_t cls = BPF_CLASS(in->code), op = BPF_OP(in->code);
	char r = cls == BPF_JMP32 ? 'w' : 'r';
	const char *name;

	if (op == BPF_CALL) {
		if (in->src_reg == BPF_PSEUDO_CALL)
			return snprintf(buf, len, "(%02x) call pc%+d", in->code, in->imm);
		name = in->src_reg ? NULL : bpfdis_helper_name(in->imm);
		if (!name)
			name = call_name;
		if (!name)
			name = in->src_reg == BPF_PSEUDO_KFUNC_CALL ? "kernel-function" : "unknown";
		return snprintf(buf, len, "(%02x) call %s#%d", in->code, name, in->imm);
	}
	if (in->code == (BPF_JMP | BPF_JA))
		return snprintf(buf, len, "(%02x) goto pc%+d", in->code, in->off);
	if (in->code == (BPF_JMP | BPF_JA | BPF_X))
		return snprintf(buf, len, "(%02x) gotox r%d", in->code, in->dst_reg);
	if (in->code == (BPF_JMP | BPF_JCOND) && in->src_reg == BPF_MAY_GOTO)
		return snprintf(buf, len, "(%02x) may_goto pc%+d", in->code, in->off);
	if (in->code == (BPF_JMP32 | BPF_JA))
		return snprintf(buf, len, "(%02x) gotol pc%+d", in->code, in->imm);
	if (in->code == (BPF_JMP | BPF_EXIT))
		return snprintf(buf, len, "(%02x) exit", in->code);
	if (!bpfdis_jmp_ops[op >> 4])
		return snprintf(buf, len, "(%02x) %s", in->code, bpfdis_classes[cls]);
	if (BPF_SRC(in->code) == BPF_X)
		return snprintf(buf, len, "(%02x) if %c%d %s %c%d goto pc%+d", in->code, r,
				in->dst_reg, bpfdis_jmp_ops[op >> 4], r, in->src_reg, in->off);
	return snprintf(buf, len, "(%02x) if %c%d %s 0x%x goto pc%+d", in->code, r, in->dst_reg,
			bpfdis_jmp_ops[op >> 4], (uint32_t)in->imm, in->off);
}

int bpfdis_insn(const struct bpf_insn *insn, uint32_t avail, const char *call_name, char *buf,
		size_t len)
{
	uint8_t cls;

	if (len)
		buf[0] = '\0';
	if (!avail)
		return 0;
	cls = BPF_CLASS(insn->code);
	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		return bpfdis_alu(insn, buf, len);
	case BPF_STX:
		return bpfdis_stx(insn, buf, len);
	case BPF_ST:
		if (BPF_MODE(insn->code) == BPF_MEM)
			return snprintf(buf, len, "(%02x) *(%s *)(r%d %+d) = %d", insn->code,
					bpfdis_size(insn->code, false), insn->dst_reg, insn->off,
					insn->imm);
		if (BPF_MODE(insn->code) == BPFDIS_NOSPEC)
			return snprintf(buf, len, "(%02x) nospec", insn->code);
		return snprintf(buf, len, "BUG_st_%02x", insn->code);
	case BPF_LDX:
		if (BPF_MODE(insn->code) != BPF_MEM && BPF_MODE(insn->code) != BPF_MEMSX)
			return snprintf(buf, len, "BUG_ldx_%02x", insn->code);
		return snprintf(buf, len, "(%02x) r%d = *(%s *)(r%d %+d)", insn->code,
				insn->dst_reg,
				bpfdis_size(insn->code, BPF_MODE(insn->code) == BPF_MEMSX),
				insn->src_reg, insn->off);
	case BPF_LD:
		return bpfdis_ld(insn, avail, buf, len);
	default:
		return bpfdis_jmp(insn, call_name, buf, len);
	}
}

static bool bpfdis_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

static bool bpfdis_isxdigit(char c)
{
	return bpfdis_isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool bpfdis_log_line(const char *line, size_t len, uint32_t *insn, const char **text,
		     size_t *textlen)
{
	struct vlog_insn vi;
	uint32_t at;

	if (len > UINT32_MAX || !vlog_insn_line(line, (uint32_t)len, insn, &at, &vi))
		return false;
	*text = line + at;
	*textlen = vi.text_end;
	return true;
}

bool bpfdis_text_eq(const char *log, size_t loglen, const char *obj, enum bpfdis_cmp how)
{
	size_t objlen = strlen(obj), i;

	if (how == BPFDIS_CMP_EXACT)
		return loglen == objlen && !memcmp(log, obj, loglen);
	if (how == BPFDIS_CMP_ADDR) {
		/* "(18) rN = 0x" then any hex */
		const char *x = strstr(obj, " = 0x");

		if (!x)
			return false;
		i = (size_t)(x - obj) + 5;
		if (loglen <= i || memcmp(log, obj, i))
			return false;
		for (; i < loglen; i++)
			if (!bpfdis_isxdigit(log[i]))
				return false;
		return true;
	}
	if (how == BPFDIS_CMP_CORE) {
		/*
		 * The kernel's BTF gave other field offsets and sizes: the text is
		 * the same but for its numbers ("+2720" for "+1280", "u64" for "u32").
		 * The opcode "(xx)" must still be the same.
		 */
		size_t j = 0;

		if (loglen < 4 || objlen < 4 || memcmp(log, obj, 4))
			return false;
		for (i = 4, j = 4; i < loglen && j < objlen;) {
			if (bpfdis_isdigit(log[i]) && bpfdis_isdigit(obj[j])) {
				while (i < loglen && bpfdis_isxdigit(log[i]))
					i++;
				while (j < objlen && bpfdis_isxdigit(obj[j]))
					j++;
				continue;
			}
			if (log[i] != obj[j])
				return false;
			i++;
			j++;
		}
		return i == loglen && j == objlen;
	}
	/* "(85) call NAME#" then any number */
	{
		const char *h = strrchr(obj, '#');

		if (!h)
			return false;
		i = (size_t)(h - obj) + 1;
		if (loglen <= i || memcmp(log, obj, i))
			return false;
		if (log[i] == '-')
			i++;
		if (i == loglen)
			return false;
		for (; i < loglen; i++)
			if (!bpfdis_isdigit(log[i]))
				return false;
		return true;
	}
}
