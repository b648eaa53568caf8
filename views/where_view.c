// SPDX-License-Identifier: MIT
/*
 * where_view.c — "where am I": unit (main, async callback, global
 * validation) → path → the branch that pushed it, and the call stack.
 */
#include <stdio.h>
#include <string.h>

#include "views/ui.h"

static void where_draw(struct view *v, struct ui *ui, struct canvas *c, struct rect r)
{
	const struct program *p = ui->x.p;
	struct step cur_step;
	const struct step *s = explore_cur(&ui->x, &cur_step);
	const struct path *pa;
	uint32_t spath;
	const struct unit *u;
	uint32_t sps[MODEL_MAX_FRAMES], calls[MODEL_MAX_FRAMES];
	int y = r.row, n, i, col;
	char nm[64];

	(void)v;
	if (!s) {
		canvas_puts(c, y, r.col, STYLE_DIM, "no step");
		return;
	}
	spath = step_path(p, ui->x.step);
	pa = spath < p->paths.n ? &p->paths.v[spath] : NULL;
	u = pa && pa->unit < p->units.n ? &p->units.v[pa->unit] : NULL;
	if (u) {
		const char *kind = u->kind == UNIT_ASYNC_CB ? "async callback" :
				   u->kind == UNIT_GLOBAL   ? "global function, checked alone" :
							      "main program";
		const struct subprog *sp = program_subprog_at(p, u->start_insn);

		nm[0] = 0;
		if (u->name)
			snprintf(nm, sizeof(nm), "%s", strtab_get(&ui->m->str, u->name));
		else if (sp)
			view_subprog_name(ui, sp, nm, sizeof(nm));
		canvas_printf(c, y++, r.col, STYLE_DEFAULT, "unit %u/%u  %s %s", pa->unit + 1,
			      p->units.n, kind, nm);
		if (u->push_step != IDX_NONE && u->push_step < p->steps.n)
			canvas_printf(c, y++, r.col, STYLE_DIM, "     pushed at step %u by insn %u",
				      u->push_step + 1, step_insn(p, u->push_step));
	}
	if (pa) {
		col = canvas_printf(c, y, r.col, STYLE_DEFAULT, "path %u/%u  ", spath + 1,
				    p->paths.n);
		if (pa->from_insn != IDX_NONE)
			col = canvas_printf(c, y, col, STYLE_DEFAULT, "from %u to %u",
					    pa->from_insn, pa->to_insn);
		else
			col = canvas_puts(c, y, col, STYLE_DEFAULT, "the unit's first path");
		canvas_printf(c, y++, col, STYLE_DIM, "%s%s%s%s",
			      pa->flags & PATH_ASYNC_CB ? "  async_cb" : "",
			      pa->flags & PATH_CB ? "  cb" : "",
			      pa->flags & PATH_SPECULATIVE ? "  speculative" : "",
			      pa->flags & PATH_ERROR ? "  ✗" : "");
		canvas_printf(c, y++, r.col, STYLE_DIM, "     step %u/%u of this path%s",
			      ui->x.step - pa->first_step + 1, pa->nsteps,
			      pa->flags & PATH_ERROR ? ", ends at the error" : "");
		if (pa->parent_step != IDX_NONE && pa->parent_step < p->steps.n)
			canvas_printf(c, y++, r.col, STYLE_DIM,
				      "     pushed at step %u (insn %u)  b", pa->parent_step + 1,
				      step_insn(p, pa->parent_step));
	}
	n = explore_call_stack(&ui->x, sps, calls, MODEL_MAX_FRAMES, 1u << 20);
	col = canvas_puts(c, y, r.col, STYLE_DEFAULT, "calls ");
	for (i = 0; i < n; i++) {
		const struct subprog *sp =
			sps[i] == IDX_NONE ? NULL : program_subprog_by_id(p, sps[i]);

		if (sp)
			view_subprog_name(ui, sp, nm, sizeof(nm));
		else
			snprintf(nm, sizeof(nm), "?");
		if (i)
			col = canvas_puts(c, y, col, STYLE_DIM, " → ");
		col = canvas_puts(c, y, col, i == n - 1 ? STYLE_HEADER : STYLE_DEFAULT, nm);
		if (i && calls[i] != IDX_NONE)
			col = canvas_printf(c, y, col, STYLE_DIM, "@%u", step_insn(p, calls[i]));
	}
	y++;
	canvas_printf(c, y++, r.col, STYLE_DIM, "frame %u", s->frame);
	y++;
	canvas_puts(c, y, r.col, STYLE_DIM, "b back  e error  n/p step  N/P path  o/u call");
}

const struct view_ops where_view_ops = {
	.name = "where am I",
	.keymap = KEYMAP_WHERE,
	.draw = where_draw,
};
