// SPDX-License-Identifier: MIT
/*
 * cli.c — what the front ends share about the command line: the one -p
 * filter. Every front end asks opts_program_selected() whether to cover a
 * program; nothing else compares -p with a name.
 */
#include <string.h>

#include "src/front/cli.h"

bool opts_program_selected(const struct model *m, uint32_t pi, const struct opts *o)
{
	/* the name only: a packed program is not expanded to be left out */
	return !o->prog || !strcmp(o->prog, strtab_get(&m->str, model_prog_head(m, pi).name));
}

bool opts_warning_selected(const struct model *m, uint32_t w, const struct opts *o)
{
	uint32_t i;

	if (!o->prog)
		return true;
	for (i = 0; i < m->progs.n; i++)
		if (opts_program_selected(m, i, o) && model_warning_about(m, w, i))
			return true;
	/* about no program in particular (the file, the object's BTF) */
	return model_warning_about(m, w, IDX_NONE);
}

int opts_select_programs(const struct model *m, const struct opts *o, uint32_t *out, uint32_t max)
{
	uint32_t i, n = 0;

	for (i = 0; i < m->progs.n && n < max; i++)
		if (opts_program_selected(m, i, o))
			out[n++] = i;
	return (int)n;
}
