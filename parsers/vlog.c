// SPDX-License-Identifier: MIT
/* vlog.c — verifier log parser (being written). */
#include "parsers/vlog.h"
#include "src/model.h"

int vlog_parse(struct model *m, void (*progress)(void *ctx, uint64_t done, uint64_t total),
	       void *progress_ctx)
{
	(void)m;
	(void)progress;
	(void)progress_ctx;
	return 0;
}
