// SPDX-License-Identifier: MIT
/*
 * graph_view.c — the graph pane: subprograms and the edges between them
 * (calls, sync and async callbacks) as an indented tree from the roots,
 * the current subprog highlighted, the selected one marked ▸. Up/Down
 * select a node, Enter jumps to its first step.
 * TODO(tui): a Graphviz `dot` layout drawn with box characters when the
 * pane is large enough (views/graph_layout.c); the tree is the fallback.
 */
#include <stdio.h>
#include <string.h>

#include "views/ui.h"

#define GRAPH_MAX_NODES 256

struct walk {
	struct ui *ui;
	struct view *v;
	struct canvas *c;
	struct rect r;
	int line;
	uint32_t cur; /* current subprog id */
	bool seen[GRAPH_MAX_NODES];
};

static int sp_index(const struct program *p, uint32_t id)
{
	uint32_t i;

	for (i = 0; i < p->subprogs.n && i < GRAPH_MAX_NODES; i++)
		if (p->subprogs.v[i].id == id)
			return (int)i;
	return -1;
}

static void node(struct walk *w, int idx, int depth, const struct edge *via)
{
	const struct program *p = w->ui->x.p;
	const struct subprog *sp = &p->subprogs.v[idx];
	char nm[64], kind[64], edge[96] = "";
	int y = w->r.row + w->line - w->v->scroll, col = w->r.col, self = w->line;
	bool visible = w->line >= w->v->scroll && y < w->r.row + w->r.rows;
	enum style st = sp->id == w->cur ? STYLE_NODE_CUR : STYLE_NODE;
	uint32_t i;

	view_subprog_name(w->ui, sp, nm, sizeof(nm));
	view_subprog_kind(sp, kind, sizeof(kind));
	if (via) {
		const char *vname = strtab_get(&w->ui->m->str, via->via);

		snprintf(edge, sizeof(edge), "%s @%u%s%s ",
			 via->kind == EDGE_ASYNC_CALLBACK ? "async" :
			 via->kind == EDGE_CALLBACK ? "cb" : "call",
			 via->insn, *vname ? " " : "", vname);
	}
	if (self < VIEW_MAX_ROWS)
		w->v->row_item[self] = sp->id;
	w->line++;
	if (visible) {
		col = canvas_puts(w->c, y, col, STYLE_DEFAULT, self == w->v->sel ? "▸" : " ");
		col += depth * 2;
		if (depth)
			col = canvas_puts(w->c, y, col - 2, STYLE_DIM, "└ ");
		col = canvas_puts(w->c, y, col, st, nm);
		col = canvas_printf(w->c, y, col, STYLE_DIM, " %s", kind);
		if (sp->contexts)
			col = canvas_printf(w->c, y, col, sp->contexts & CTX_NON_SLEEPABLE ?
					    STYLE_NON_SLEEPABLE : STYLE_SLEEPABLE, " %s",
					    view_ctx_name(sp->contexts));
		if (sp->might_sleep == 1)
			col = canvas_puts(w->c, y, col, STYLE_DIM, " may sleep");
		if (via)
			canvas_printf(w->c, y, col, via->kind == EDGE_ASYNC_CALLBACK ?
				      STYLE_EDGE_ASYNC : via->kind == EDGE_CALLBACK ?
				      STYLE_EDGE_CB : STYLE_EDGE_CALL, "  ← %s", edge);
	}
	if (w->seen[idx])
		return;
	w->seen[idx] = true;
	for (i = 0; i < p->edges.n; i++) {
		const struct edge *e = &p->edges.v[i];
		int to;

		if (e->from != sp->id || (to = sp_index(p, e->to)) < 0)
			continue;
		if (w->seen[to]) { /* drawn already: a one-line reference */
			bool save = w->seen[to];

			node(w, to, depth + 1, e);
			w->seen[to] = save;
			continue;
		}
		node(w, to, depth + 1, e);
	}
}

static void graph_draw(struct view *v, struct ui *ui, struct canvas *c, struct rect r)
{
	const struct program *p = ui->x.p;
	const struct step *s = explore_cur(&ui->x);
	const struct subprog *cur = s ? program_subprog_at(p, s->insn) : NULL;
	static struct walk w;
	uint32_t i, j;

	memset(&w, 0, sizeof(w));
	w.ui = ui, w.v = v, w.c = c, w.r = r;
	w.cur = cur ? cur->id : IDX_NONE;
	for (i = 0; i < VIEW_MAX_ROWS; i++)
		v->row_item[i] = IDX_NONE;
	if (!p->subprogs.n) {
		canvas_puts(c, r.row, r.col, STYLE_DIM, "no subprogram table in this log");
		v->nitems = 0;
		return;
	}
	/* keep the selection on screen */
	if (v->sel < v->scroll)
		v->scroll = v->sel;
	if (v->sel >= v->scroll + r.rows)
		v->scroll = v->sel - r.rows + 1;
	/* roots: nodes nothing points to, main first; then anything left unseen */
	for (i = 0; i < p->subprogs.n && i < GRAPH_MAX_NODES; i++) {
		bool target = false;

		for (j = 0; j < p->edges.n; j++)
			if (p->edges.v[j].to == p->subprogs.v[i].id &&
			    p->edges.v[j].from != p->subprogs.v[i].id)
				target = true;
		if (!target && !w.seen[i])
			node(&w, (int)i, 0, NULL);
	}
	for (i = 0; i < p->subprogs.n && i < GRAPH_MAX_NODES; i++)
		if (!w.seen[i])
			node(&w, (int)i, 0, NULL);
	v->nitems = w.line;
	if (v->sel >= v->nitems)
		v->sel = v->nitems ? v->nitems - 1 : 0;
}

static int graph_handle(struct view *v, struct ui *ui, enum action a)
{
	uint32_t id;
	const struct subprog *sp;

	switch (a) {
	case ACT_SEL_UP:
		if (v->sel > 0)
			v->sel--;
		return VIEW_REDRAW;
	case ACT_SEL_DOWN:
		if (v->sel + 1 < v->nitems)
			v->sel++;
		return VIEW_REDRAW;
	case ACT_SELECT:
		id = v->sel < VIEW_MAX_ROWS ? v->row_item[v->sel] : IDX_NONE;
		sp = id == IDX_NONE ? NULL : program_subprog_by_id(ui->x.p, id);
		if (!sp)
			return VIEW_REDRAW;
		if (explore_goto_insn(&ui->x, sp->start))
			ui_message(ui, true, "func#%u was never explored (a global function is "
				   "checked on its own, or not at all)", sp->id);
		return VIEW_REDRAW;
	default:
		return VIEW_IGNORED;
	}
}

static int graph_click(struct view *v, struct ui *ui, int row, int col)
{
	(void)col;
	(void)ui;
	if (row + v->scroll < v->nitems)
		v->sel = row + v->scroll;
	return VIEW_REDRAW;
}

const struct view_ops graph_view_ops = {
	.name = "graph",
	.keymap = KEYMAP_GRAPH,
	.draw = graph_draw,
	.handle = graph_handle,
	.click = graph_click,
};
