/* SPDX-License-Identifier: MIT */
/*
 * vlog_insn.h — the one grammar of an instruction's text in a verifier log:
 *
 *   "N: (xx) TEXT [  ; TRAILER]"        an instruction line (level 2)
 *   "N: (xx) TEXT M: STATE"             level 1: the next path's state glued on
 *   "  N: .12....... (xx) TEXT"         a 6.15+ live-regs row (also with an SCC column)
 *
 * and what TEXT says: the opcode, the call target (helper by id, kfunc by
 * name, subprog by pc+K), the jump target. The log parser (vlog.c), the
 * line classifier (vlog_line.c), the disassembler comparison (bpfdis.c),
 * the code pane and the fuzzers all cut lines with these functions;
 * nothing else in the tree reads an instruction's text. What the parser
 * learns is kept in the model (struct insn_fact, step.tail), so analyses
 * read facts, not text.
 *
 * Input is (buf, len) with no NUL; nothing here allocates or fails: a text
 * it cannot read gives false or INSN_OTHER.
 */
#ifndef VERISTEP_VLOG_INSN_H
#define VERISTEP_VLOG_INSN_H

#include <stdbool.h>
#include <stdint.h>

#include "src/model/model.h"

/* an instruction's text cut into its parts; offsets are from the '(' */
struct vlog_insn {
	uint8_t opcode;
	uint32_t text;	    /* "TEXT" after "(xx) " */
	uint32_t text_end;  /* end of TEXT, trailing blanks dropped */
	uint32_t trailer;   /* the trailer after ';' and blanks; 0 when none */
	uint32_t glue;	    /* level 1: the blank before the glued " M: STATE"; 0 when none */
	uint32_t glue_insn; /* M, IDX_NONE */
	bool glue_safe;	    /* the glued part is "M: safe" */
};

/*
 * s[0, n) starts at "(xx)". The trailer starts at the first ';' after a
 * blank (var_off's ';' follows a digit; a pasted log may have the padding
 * turned into tabs). Without a trailer, a glued " M: STATE" (or " M: safe")
 * ends the text. False when s does not start with "(xx)".
 */
bool vlog_insn_split(const char *s, uint32_t n, struct vlog_insn *out);

/*
 * A whole line: "N: (xx) ..." or a live-regs row. *insn is N, *at the
 * offset of "(xx)" in the line; false when the line is neither.
 */
bool vlog_insn_line(const char *s, uint32_t n, uint32_t *insn, uint32_t *at, struct vlog_insn *out);

/* what the text of insn `insn` does; names point into the text */
struct vlog_insn_target {
	uint8_t kind;	 /* enum insn_kind */
	uint32_t target; /* jump or subprog call: insn + 1 + K, IDX_NONE when out of range */
	int64_t call_id; /* "#N" of a call: helper id or kfunc BTF id; -1 when none */
	uint32_t name;	 /* offset of the call's name in s, 0 when none */
	uint32_t name_len;
};

/* the uapi name of helper id, NULL when none (bpfdis_helper_name) */
typedef const char *(*vlog_helper_name_fn)(int32_t id);

/*
 * s[0, n) is "(xx) TEXT" as vlog_insn_split cut it (up to text_end). A call
 * "call NAME#ID" is a helper when helper_name(ID) is NAME, else a kfunc;
 * "call pc+K" a subprog call; "goto pc+K" a jump.
 */
void vlog_insn_target(const char *s, uint32_t n, uint32_t insn, vlog_helper_name_fn helper_name,
		      struct vlog_insn_target *out);

/*
 * Which registers and which memory an instruction reads and writes, from
 * its text and opcode ("(xx) TEXT" as vlog_insn_split cut it): the
 * instruction semantics the provenance analysis (src/analysis/why.c)
 * walks back with. Calls and exit are described by their kind (R1-R5 in,
 * R0 out, R1-R5 scratched); a text this cannot read gives VLOG_OPS_UNKNOWN.
 */
enum vlog_ops_flags {
	VLOG_OPS_UNKNOWN = 1u << 0,   /* the text is not one we can read: nothing is known */
	VLOG_OPS_MEM_LOAD = 1u << 1,  /* reads memory at base + off */
	VLOG_OPS_MEM_STORE = 1u << 2, /* writes memory at base + off */
	VLOG_OPS_IMM = 1u << 3,	      /* the source is an immediate (MOV/ALU/ST/JMP with K) */
	VLOG_OPS_MOV = 1u << 4,	      /* dst = src or imm: the value is the source's, not a mix */
	VLOG_OPS_LD_IMM64 = 1u << 5,  /* dst = 64-bit immediate (a constant, a map, a function) */
	VLOG_OPS_SCRATCH = 1u << 6,   /* calls and LD_ABS/IND: R1-R5 scratched, R0 written */
	VLOG_OPS_ATOMIC = 1u << 7,
};

struct vlog_insn_ops {
	uint16_t reads;	 /* bit i: Ri is read (address registers included) */
	uint16_t writes; /* bit i: Ri is written */
	uint8_t flags;	 /* enum vlog_ops_flags */
	int8_t dst;	 /* the register the text names first, -1 */
	int8_t src;	 /* the source register, -1 (immediate or none) */
	int8_t base;	 /* memory operand: its address register, -1 when none */
	int16_t off;	 /* memory operand: the offset */
	uint8_t size;	 /* memory operand: bytes (1, 2, 4, 8), 0 when none */
};

/* s[0, n) as for vlog_insn_target; never fails (VLOG_OPS_UNKNOWN when unreadable) */
void vlog_insn_ops(const char *s, uint32_t n, struct vlog_insn_ops *out);

/*
 * Do the operands read from the text agree with the instruction's bytes
 * (opcode, dst_reg, src_reg, off of struct bpf_insn)? The cross-check with
 * the object, where one is joined; an unknown text agrees with nothing.
 */
bool vlog_insn_ops_agree(const struct vlog_insn_ops *o, uint8_t code, uint8_t dst, uint8_t src,
			 int16_t off);

#endif
