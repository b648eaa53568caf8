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

#endif
