// SPDX-License-Identifier: MIT
/* report.c — plain-text analysis (being written). */
#include "src/cli.h"

int report_run(struct model *m, const struct opts *o, FILE *out)
{
	(void)o;
	fprintf(out, "%u program(s)\n", m->progs.n);
	return 0;
}
