/* SPDX-License-Identifier: MIT */
/*
 * vlog.h — the verifier log parser: m->log (text, not NUL-terminated) to
 * m->progs (one program per log found: libbpf framing, bpftool -d output,
 * veristat -l, or several plain logs one after another).
 *
 * One pass, no allocation per line, no printing. Lines it does not know are
 * counted and kept (LINE_UNKNOWN), never fatal. Returns 0, or -ENOMEM /
 * -E2BIG when the model cannot grow.
 */
#ifndef VERISTEP_VLOG_H
#define VERISTEP_VLOG_H

#include <stddef.h>
#include <stdint.h>

struct model;

int vlog_parse(struct model *m, void (*progress)(void *ctx, uint64_t done, uint64_t total),
	       void *progress_ctx);

/*
 * The same, handing each program over to done(ctx, m, pi) as soon as the
 * parser is done with it (its lines all read, its subprogs sorted): the
 * load can go on with it, and pack it, while the rest of the log is
 * parsed, so that a log of many programs never has them all expanded. A
 * nonzero return stops the parse with that error. The parser starts again
 * from nothing when it meets a NUL in the text: done then sees the
 * programs again, in a fresh model.
 */
typedef int (*vlog_done_fn)(void *ctx, struct model *m, uint32_t pi);
int vlog_parse_each(struct model *m, void (*progress)(void *ctx, uint64_t done, uint64_t total),
		    void *progress_ctx, vlog_done_fn done, void *done_ctx);

/*
 * The line `record` writes into a program's frame when the verifier never
 * saw the program (enum not_verified in the model), and the parser reads
 * back: "veristep: prog 'NAME': not verified: WORDS (ERRNO)\n". Writes it
 * into buf (NUL-terminated, cut to n); returns its length as snprintf does.
 */
int vlog_not_verified_line(char *buf, size_t n, const char *name, unsigned int kind,
			   const char *errno_name);
/* the words of that line for kind ("the kernel refused the load before verification") */
const char *vlog_not_verified_words(unsigned int kind);

#endif
