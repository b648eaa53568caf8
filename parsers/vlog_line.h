/* SPDX-License-Identifier: MIT */
/*
 * vlog_line.h — the line classifier of the verifier log (internal to
 * parsers/): one line in, its kind and fields out, no allocation. Also the
 * small parsers vlog.c needs for stats, dialect marks and the 7.3 block.
 */
#ifndef VERISTEP_VLOG_LINE_H
#define VERISTEP_VLOG_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parsers/state_text.h"
#include "src/model/model.h"

enum vlog_global_kind {
	VLOG_GLOBAL_CALL = 0,	/* "Func#N ('x') is global and assumed valid." */
	VLOG_GLOBAL_VALIDATING, /* "Validating x() func#N..." */
	VLOG_GLOBAL_SAFE,	/* "Func#N ... is safe for any args ..." */
};

struct vlog_line {
	uint8_t kind;	/* enum line_kind */
	uint64_t off;	/* line start */
	uint32_t len;	/* without the line end; for a glued insn, the whole line */
	uint32_t insn;	/* N of "N: ...", X of "from X to Y", func id; IDX_NONE */
	uint32_t insn2; /* Y of "from X to Y", M of "func#N @M", the glued path's insn */
	uint8_t opcode;
	uint64_t text_off; /* "(xx) text" of an insn (or live-regs row) */
	uint32_t text_len; /* up to the trailer or the glue, trailing blanks dropped */
	uint64_t
		trailer_off; /* state text: trailer after ';', after "N: ", after "from X to Y: " */
	uint32_t trailer_len;
	uint64_t name_off; /* program / function name */
	uint32_t name_len;
	uint32_t glue_pos; /* glued: where the next path's " N: STATE" starts */
	bool glued, safe, speculative, frame_begin, frame_end, src_at, scc, stats_processed;
	bool head_dropped;    /* loader says the log's head was dropped (tc's "Skipped N bytes") */
	bool loader_msg;      /* "libbpf: prog 'NAME': ..." other than the BEGIN marker */
	bool bad_number;      /* an insn or state line whose index is out of range (kept UNKNOWN) */
	uint8_t not_verified; /* record's "not verified" line: enum not_verified; errno in text_* */
	uint8_t block;	      /* caller/callee kind, see vlog.c enum block_state */
	uint8_t global_kind;  /* enum vlog_global_kind */
	uint8_t precision_style; /* 1: "last_idx" (< 6.5), 2: "mark_precise:" */
};

void vlog_classify(const char *buf, uint64_t off, uint32_t len, bool in_live_regs, bool in_pre,
		   struct vlog_line *out);
bool vlog_opcode_is_cond_jump(uint8_t op);
/*
 * is s[0, n) a message the kernel may print in the middle of a log and go on
 * ("frame0 bpf_loop iteration limit reached", a subprog's prototype check)?
 * Such a line stays LINE_UNKNOWN for the classifier (it may open an error);
 * the parser counts it as a note when the log goes on after it.
 */
bool vlog_is_kernel_note(const char *s, uint32_t n);
/* is l a line a complete log can start with? */
bool vlog_is_log_start(const struct vlog_line *l);
uint64_t vlog_line_number(const char *buf, uint64_t off);
void vlog_parse_stats(struct model *m, struct program *p, const struct vlog_line *l);
const char *vlog_dialect_name(const struct dialect_marks *dm, int log_level);
void vlog_diag_title(struct model *m, struct program *p, const char *s, size_t n);
void vlog_diag_finish(struct model *m, struct program *p, const char *text, size_t n, int section);
void vlog_sort_subprogs(struct program *p);
/*
 * vlog_noise.c: strip log-collector prefixes (timestamps, syslog, logfmt or
 * JSON records) and a pasted log's indentation. May replace m->log.buf
 * with a cleaned copy it puts in m->log.heap. 0 or -ENOMEM.
 */
int vlog_denoise(struct model *m);
/*
 * vlog_noise.c: the text without its NUL bytes (padding between two
 * kernel buffers pasted together, or bytes lost inside a line: counted in a
 * warning). Replaces m->log.buf with a copy in m->log.heap. 0 or -ENOMEM.
 */
int vlog_denul(struct model *m);

#endif
