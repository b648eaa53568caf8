// SPDX-License-Identifier: MIT
/*
 * graph_view.c — the graph pane: subprograms and the edges between them
 * (calls, sync and async callbacks) as an indented tree from the roots,
 * the current subprog highlighted, the selected one marked ▸. Up/Down
 * select a node, Enter jumps to its first step.
 * When the pane is large enough the graph is drawn as boxes placed by
 * Graphviz `dot` (src/front/gvlayout.c) and edges routed in box
 * characters; the tree is the fallback. The layout is computed once per
 * program and per box size (full: name, kind, context; compact: name).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/front/gvlayout.h"
#include "views/ui.h"

#define GBOX_MAX 64
#define GBOX_TEXT 48

struct gcache {
	uint32_t prog;
	int state[2]; /* per size: 0 not tried, 1 laid out, -1 failed */
	int n;
	uint32_t id[GBOX_MAX];
	char text[GBOX_MAX][4][GBOX_TEXT];
	struct glayout_box box[2][GBOX_MAX];
	int rows[2], cols[2];
	int drawn;  /* size drawn last: 0/1, -1 the tree */
	int ox, oy; /* where, relative to the pane */
};

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
			 via->kind == EDGE_CALLBACK	  ? "cb" :
							    "call",
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
			col = canvas_printf(w->c, y, col,
					    sp->contexts & CTX_NON_SLEEPABLE ? STYLE_NON_SLEEPABLE :
									       STYLE_SLEEPABLE,
					    " %s", view_ctx_name(sp->contexts));
		if (sp->might_sleep == 1)
			col = canvas_puts(w->c, y, col, STYLE_DIM, " may sleep");
		if (via)
			canvas_printf(w->c, y, col,
				      via->kind == EDGE_ASYNC_CALLBACK ? STYLE_EDGE_ASYNC :
				      via->kind == EDGE_CALLBACK       ? STYLE_EDGE_CB :
									 STYLE_EDGE_CALL,
				      "  ← %s", edge);
	}
	if (w->seen[idx])
		return;
	w->seen[idx] = true;
	for (i = 0; i < program_cold(p)->edges.n; i++) {
		const struct edge *e = &program_cold(p)->edges.v[i];
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

/*
 * A box's lines: name, kind, context words (full); compact boxes keep the
 * name and the context words on one line (text[3]), so a monochrome screen
 * still says sleepable / NON-SLEEPABLE / may sleep in every node.
 */
static void box_text(struct ui *ui, const struct subprog *sp, char text[4][GBOX_TEXT])
{
	view_subprog_name(ui, sp, text[0], GBOX_TEXT);
	view_subprog_kind(sp, text[1], GBOX_TEXT);
	snprintf(text[2], GBOX_TEXT, "%s%s%s", sp->contexts ? view_ctx_name(sp->contexts) : "",
		 sp->contexts && sp->might_sleep == 1 ? " · " : "",
		 sp->might_sleep == 1 ? "may sleep" : "");
	{
		size_t a = strlen(text[0]), b = strlen(text[2]);

		/* "name  words" when both fit whole, else the name alone (the full box has both) */
		if (b && a + 2 + b < GBOX_TEXT) {
			memcpy(text[3], text[0], a);
			memcpy(text[3] + a, "  ", 2);
			memcpy(text[3] + a + 2, text[2], b + 1);
		} else {
			memcpy(text[3], text[0], a + 1);
		}
	}
}

/* the layout for size `full` (1) or compact (0), NULL when there is none */
static struct gcache *layout(struct view *v, struct ui *ui, int full)
{
	const struct program *p = ui->x.p;
	struct gcache *g = v->priv;
	int edges[256][2], ne = 0, i;
	uint32_t e;

	if (!g || g->prog != ui->x.prog) {
		free(g);
		g = v->priv = calloc(1, sizeof(*g));
		if (!g)
			return NULL;
		g->prog = ui->x.prog;
		g->drawn = -1;
	}
	if (g->state[full])
		return g->state[full] > 0 ? g : NULL;
	g->state[full] = -1;
	if (!p->subprogs.n || p->subprogs.n > GBOX_MAX)
		return NULL;
	g->n = (int)p->subprogs.n;
	for (i = 0; i < g->n; i++) {
		struct glayout_box *b = &g->box[full][i];
		int t, w = 0;

		g->id[i] = p->subprogs.v[i].id;
		box_text(ui, &p->subprogs.v[i], g->text[i]);
		for (t = full ? 0 : 3; t < (full ? 3 : 4); t++)
			if (canvas_width(g->text[i][t], -1) > w)
				w = canvas_width(g->text[i][t], -1);
		b->cols = w + 4;
		b->rows = full ? 5 : 3;
	}
	for (e = 0; e < program_cold(p)->edges.n && ne < 256; e++) {
		const struct edge *ed = &program_cold(p)->edges.v[e];
		int a = sp_index(p, ed->from), b = sp_index(p, ed->to);

		if (a >= 0 && b >= 0 && a != b) {
			edges[ne][0] = a;
			edges[ne][1] = b;
			ne++;
		}
	}
	if (glayout_place(g->box[full], g->n, (const int(*)[2])edges, ne, &g->rows[full],
			  &g->cols[full]))
		return NULL;
	g->state[full] = 1;
	return g;
}

enum { LU = 1, LD = 2, LL = 4, LR = 8 };

static const char *line_char(unsigned int m)
{
	static const char *const ch[16] = {
		[0] = " ",
		[LU] = "│",
		[LD] = "│",
		[LU | LD] = "│",
		[LL] = "─",
		[LR] = "─",
		[LL | LR] = "─",
		[LD | LR] = "┌",
		[LD | LL] = "┐",
		[LU | LR] = "└",
		[LU | LL] = "┘",
		[LU | LD | LR] = "├",
		[LU | LD | LL] = "┤",
		[LD | LL | LR] = "┬",
		[LU | LL | LR] = "┴",
		[LU | LD | LL | LR] = "┼",
	};

	return ch[m & 15];
}

struct grid {
	int rows, cols;
	uint8_t *m;
	uint8_t *st; /* style of the line in each cell */
};

static void mark(struct grid *gr, int row, int col, unsigned int bits, enum style st)
{
	if (row < 0 || col < 0 || row >= gr->rows || col >= gr->cols)
		return;
	gr->m[row * gr->cols + col] |= (uint8_t)bits;
	gr->st[row * gr->cols + col] = (uint8_t)st;
}

static void vline(struct grid *gr, int r0, int r1, int col, enum style st)
{
	int r;

	for (r = r0; r <= r1; r++)
		mark(gr, r, col, (r > r0 ? LU : 0) | (r < r1 ? LD : 0), st);
}

static void hline(struct grid *gr, int row, int c0, int c1, enum style st)
{
	int c, lo = c0 < c1 ? c0 : c1, hi = c0 < c1 ? c1 : c0;

	for (c = lo; c <= hi; c++)
		mark(gr, row, c, (c > lo ? LL : 0) | (c < hi ? LR : 0), st);
}

/*
 * A column (layout coordinates) for the vertical run of an edge from box a
 * to box b between rows r0 and r1 that would cross another box at column
 * col: just right of the boxes in the way (or left of them when the right
 * is past maxc); INT_MAX when col crosses none, INT_MIN when no side fits.
 */
static int detour_col(const struct glayout_box *bx, int n, int a, int b, int r0, int r1, int col,
		      int minc, int maxc)
{
	int lo = col, hi = col, i, mid = bx[b].row + bx[b].rows / 2;
	bool hit = false;

	for (i = 0; i < n; i++) {
		if (i == a || i == b || bx[i].row > r1 || bx[i].row + bx[i].rows - 1 < r0)
			continue;
		if (col >= bx[i].col - 1 && col <= bx[i].col + bx[i].cols)
			hit = true;
	}
	if (!hit)
		return INT_MAX;
	/* widen until the run beside is clear of every box down to the target's middle row */
	for (int pass = 0; pass < 2 * n + 2; pass++) {
		bool moved = false;

		for (i = 0; i < n; i++) {
			if (i == a || bx[i].row > (i == b ? mid : r1) ||
			    bx[i].row + bx[i].rows - 1 < r0)
				continue;
			if (hi >= bx[i].col - 1 && hi <= bx[i].col + bx[i].cols) {
				hi = bx[i].col + bx[i].cols + 1;
				moved = true;
			}
			if (lo >= bx[i].col - 1 && lo <= bx[i].col + bx[i].cols) {
				lo = bx[i].col - 2;
				moved = true;
			}
		}
		if (!moved)
			break;
	}
	if (hi <= maxc)
		return hi;
	if (lo >= minc)
		return lo;
	return INT_MIN;
}

/* an edge's label: its kind and insn ("async@26"), ✗ when the verifier refused that insn */
static const char *edge_label(const struct program *p, const struct edge *ed, char *buf, size_t n)
{
	snprintf(buf, n, "%s@%u%s",
		 ed->kind == EDGE_ASYNC_CALLBACK ? "async" :
		 ed->kind == EDGE_CALLBACK	 ? "cb" :
						   "call",
		 ed->insn, p->error_step != IDX_NONE && p->error_insn == ed->insn ? " ✗" : "");
	return buf;
}

static int last_crossings = -1, last_skipped = -1;

void graph_view_last_draw(int *crossings, int *skipped)
{
	*crossings = last_crossings;
	*skipped = last_skipped;
}

/* boxes and edges; false when it does not fit in r */
static bool draw_boxes(struct view *v, struct ui *ui, struct canvas *c, struct rect r, uint32_t cur)
{
	const struct program *p = ui->x.p;
	struct gcache *g = NULL;
	struct glayout_box *bx;
	struct grid gr;
	int full, i, ox, oy, skipped = 0;
	uint32_t e;
	static struct {
		bool ok;
		int dr, dc, lr, lc; /* the arrowhead's cell, the label's */
		int side;	    /* 0 into the top, 1 from the right, -1 from the left */
	} route[256];

	for (full = 1; full >= 0; full--) {
		g = layout(v, ui, full);
		if (g && g->rows[full] <= r.rows && g->cols[full] <= r.cols)
			break;
	}
	if (full < 0)
		return false;
	bx = g->box[full];
	ox = r.col + (r.cols - g->cols[full]) / 2;
	oy = r.row;
	g->drawn = full;
	g->ox = ox - r.col;
	g->oy = oy - r.row;
	gr.rows = r.rows;
	gr.cols = r.cols;
	gr.m = calloc((size_t)r.rows * r.cols, 1);
	gr.st = calloc((size_t)r.rows * r.cols, 1);
	if (!gr.m || !gr.st) {
		free(gr.m);
		free(gr.st);
		return false;
	}
	/*
	 * edges: down from the source's bottom, across, down to the target's top,
	 * each arriving at its own column of the target's top; a vertical run
	 * that would cross another box goes round it, beside the boxes in its way
	 */
	for (e = 0; e < program_cold(p)->edges.n && e < 256; e++) {
		const struct edge *ed = &program_cold(p)->edges.v[e];
		int a = sp_index(p, ed->from), b = sp_index(p, ed->to);
		enum style st = ed->kind == EDGE_ASYNC_CALLBACK ? STYLE_EDGE_ASYNC :
				ed->kind == EDGE_CALLBACK	? STYLE_EDGE_CB :
								  STYLE_EDGE_CALL;
		int sr, sc, dr, dc, nin = 0, kin = 0, x;
		uint32_t f;

		route[e].ok = false;
		if (a < 0 || b < 0 || a == b)
			continue;
		for (f = 0; f < program_cold(p)->edges.n; f++) {
			int fa = sp_index(p, program_cold(p)->edges.v[f].from);

			if (program_cold(p)->edges.v[f].to == ed->to && fa >= 0 && fa != b) {
				kin += f < e;
				nin++;
			}
		}
		sr = bx[a].row + bx[a].rows + oy - r.row;
		sc = bx[a].col + bx[a].cols / 2 + ox - r.col;
		dr = bx[b].row - 1 + oy - r.row;
		dc = bx[b].col + (kin + 1) * bx[b].cols / (nin + 1) + ox - r.col;
		if (dr < sr) {
			skipped++;
			continue;
		}
		x = detour_col(bx, g->n, a, b, sr + r.row - oy, dr + r.row - oy, dc + r.col - ox,
			       r.col - ox, r.col + r.cols - 1 - ox);
		if (x == INT_MIN) {
			/* no room beside the boxes in the way: not drawn through them */
			skipped++;
			continue;
		}
		route[e].ok = true;
		route[e].side = 0;
		route[e].dr = dr + r.row;
		route[e].dc = dc + r.col;
		route[e].lr = dr + r.row;
		route[e].lc = dc + r.col + 1;
		mark(&gr, sr, sc, LU, st);
		if (x == INT_MAX) {
			hline(&gr, sr, sc, dc, st);
			vline(&gr, sr, dr, dc, st);
		} else {
			/* beside the boxes in the way, into the target's side at its middle row */
			int mr = bx[b].row + bx[b].rows / 2 + oy - r.row;
			bool right = x > bx[b].col + bx[b].cols;
			int ec = right ? bx[b].col + bx[b].cols + ox - r.col :
					 bx[b].col - 1 + ox - r.col;

			x += ox - r.col;
			hline(&gr, sr, sc, x, st);
			vline(&gr, sr, mr, x, st);
			hline(&gr, mr, x, ec, st);
			route[e].dr = mr + r.row;
			route[e].dc = ec + r.col;
			route[e].side = right ? 1 : -1;
			/* the label on the run into the target when it fits, else beside the vertical */
			{
				char lab[32];
				int len = canvas_width(edge_label(p, ed, lab, sizeof(lab)), -1);
				int gap = (x > ec ? x - ec : ec - x) - 1;

				if (gap >= len + 2) {
					route[e].lr = r.row + mr;
					route[e].lc =
						r.col + (x < ec ? x : ec) + 1 + (gap - len) / 2;
				} else {
					route[e].lr = r.row + (sr + mr + 1) / 2;
					route[e].lc =
						(right && x + 1 + len <= r.cols) || x - len < 0 ?
							r.col + x + 1 :
							r.col + x - len;
				}
			}
		}
	}
	last_crossings = 0;
	for (i = 0; i < gr.rows * gr.cols; i++) {
		int row = i / gr.cols + r.row, col = i % gr.cols + r.col;

		if (!gr.m[i])
			continue;
		canvas_puts(c, row, col, (enum style)gr.st[i], line_char(gr.m[i]));
		for (int k = 0; k < g->n; k++)
			if (row >= bx[k].row + oy && row < bx[k].row + oy + bx[k].rows &&
			    col >= bx[k].col + ox && col < bx[k].col + ox + bx[k].cols)
				last_crossings++;
	}
	last_skipped = skipped;
	/* arrowheads and labels: every edge says its kind (call, cb, async) and insn */
	for (e = 0; e < program_cold(p)->edges.n && e < 256; e++) {
		const struct edge *ed = &program_cold(p)->edges.v[e];
		enum style st = ed->kind == EDGE_ASYNC_CALLBACK ? STYLE_EDGE_ASYNC :
				ed->kind == EDGE_CALLBACK	? STYLE_EDGE_CB :
								  STYLE_EDGE_CALL;

		if (!route[e].ok)
			continue;
		canvas_puts(c, route[e].dr, route[e].dc, st,
			    route[e].side > 0 ? "◀" :
			    route[e].side < 0 ? "▶" :
						"▼");
		char lab[32];

		canvas_puts(c, route[e].lr, route[e].lc, st, edge_label(p, ed, lab, sizeof(lab)));
	}
	free(gr.m);
	free(gr.st);
	for (i = 0; i < g->n; i++) {
		const struct subprog *sp = &p->subprogs.v[i];
		struct rect br = { bx[i].row + oy, bx[i].col + ox, bx[i].rows, bx[i].cols };
		enum style bst = g->id[i] == cur		  ? STYLE_NODE_CUR :
				 sp->contexts & CTX_NON_SLEEPABLE ? STYLE_NON_SLEEPABLE :
				 sp->contexts & CTX_SLEEPABLE	  ? STYLE_SLEEPABLE :
								    STYLE_BORDER;
		int t;

		canvas_fill(c, br, STYLE_NODE, " ");
		canvas_box(c, br, bst, NULL);
		for (t = 0; t < (full ? 3 : 1); t++)
			canvas_puts(c, br.row + 1 + t, br.col + 2,
				    t == 0 && g->id[i] == cur ? STYLE_NODE_CUR :
				    t == 2		      ? (sp->contexts & CTX_NON_SLEEPABLE ?
									 STYLE_NON_SLEEPABLE :
									 STYLE_SLEEPABLE) :
								STYLE_NODE,
				    g->text[i][full ? t : 3]);
		if (i == v->sel)
			canvas_puts(c, br.row + 1, br.col + 1, STYLE_NODE_SEL, "▸");
		if (i < VIEW_MAX_ROWS)
			v->row_item[i] = g->id[i];
	}
	if (skipped)
		canvas_printf(c, r.row + r.rows - 1, r.col, STYLE_DIM, "%d edge%s not drawn",
			      skipped, skipped > 1 ? "s" : "");
	v->nitems = g->n;
	if (v->sel >= v->nitems)
		v->sel = v->nitems - 1;
	return true;
}

static void graph_done(struct view *v)
{
	free(v->priv);
	v->priv = NULL;
}

static void graph_draw(struct view *v, struct ui *ui, struct canvas *c, struct rect r)
{
	const struct program *p = ui->x.p;
	struct step cur_step;
	const struct step *s = explore_cur(&ui->x, &cur_step);
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
	last_crossings = last_skipped = -1;
	if (draw_boxes(v, ui, c, r, w.cur))
		return;
	if (v->priv)
		((struct gcache *)v->priv)->drawn = -1;
	/* keep the selection on screen */
	if (v->sel < v->scroll)
		v->scroll = v->sel;
	if (v->sel >= v->scroll + r.rows)
		v->scroll = v->sel - r.rows + 1;
	/* roots: nodes nothing points to, main first; then anything left unseen */
	for (i = 0; i < p->subprogs.n && i < GRAPH_MAX_NODES; i++) {
		bool target = false;

		for (j = 0; j < program_cold(p)->edges.n; j++)
			if (program_cold(p)->edges.v[j].to == p->subprogs.v[i].id &&
			    program_cold(p)->edges.v[j].from != p->subprogs.v[i].id)
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
			ui_message(ui, true,
				   "func#%u was never explored (a global function is "
				   "checked on its own, or not at all)",
				   sp->id);
		return VIEW_REDRAW;
	default:
		return VIEW_IGNORED;
	}
}

static int graph_click(struct view *v, struct ui *ui, int row, int col)
{
	struct gcache *g = v->priv;
	int i;

	(void)ui;
	if (g && g->drawn >= 0) {
		for (i = 0; i < g->n; i++) {
			const struct glayout_box *b = &g->box[g->drawn][i];

			if (row >= b->row + g->oy && row < b->row + g->oy + b->rows &&
			    col >= b->col + g->ox && col < b->col + g->ox + b->cols)
				v->sel = i;
		}
		return VIEW_REDRAW;
	}
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
	.done = graph_done,
};
