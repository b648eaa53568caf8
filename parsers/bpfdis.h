/* SPDX-License-Identifier: MIT */
/*
 * bpfdis.h — BPF instruction text exactly as the kernel verifier log
 * prints it ("(bf) r6 = r1", "(85) call bpf_map_lookup_elem#1"), helper
 * names from the uapi header, and the comparison of log text with it.
 * No allocation, no state, no printing.
 */
#ifndef VERISTEP_BPFDIS_H
#define VERISTEP_BPFDIS_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Print *insn. avail is the number of insns readable from insn on (an
 * ld_imm64 needs 2). call_name names a kfunc call (printed "call NAME#imm");
 * NULL prints what the kernel does without a name. Returns what snprintf
 * returns; buf is always NUL-terminated when len > 0.
 */
int bpfdis_insn(const struct bpf_insn *insn, uint32_t avail, const char *call_name, char *buf,
		size_t len);

/* "bpf_map_lookup_elem" for 1; NULL for ids the uapi header does not name */
const char *bpfdis_helper_name(int32_t id);

/*
 * Cut the instruction text out of a log line "N: (xx) text  ; trailer",
 * also a live-regs row "  N: .12....... (xx) text" and a level-1 glued
 * line "N: (xx) text M: R1=...". On success *insn is N and [*text,
 * *text + *textlen) the text from "(xx)" on, trailing blanks dropped.
 */
bool bpfdis_log_line(const char *line, size_t len, uint32_t *insn, const char **text,
		     size_t *textlen);

enum bpfdis_cmp {
	BPFDIS_CMP_EXACT = 0,
	BPFDIS_CMP_ADDR,  /* ld_imm64 of an address: any hex value matches */
	BPFDIS_CMP_KFUNC, /* call NAME#ID: any ID matches */
	BPFDIS_CMP_CORE,  /* a CO-RE relocated insn: any number (offset, size, imm) matches */
};

/* log text (no trailer) against object text, under the given rule */
bool bpfdis_text_eq(const char *log, size_t loglen, const char *obj, enum bpfdis_cmp how);

#endif
