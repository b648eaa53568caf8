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
	uint8_t kind;	  /* enum insn_kind */
	uint32_t target;  /* jump or subprog call: insn + 1 + K, IDX_NONE when out of range */
	int64_t call_id;  /* "#N" of a call: helper id or kfunc BTF id; -1 when none */
	uint32_t name;	  /* offset of the call's name in s, 0 when none */
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

#endif
