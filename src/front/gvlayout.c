// SPDX-License-Identifier: MIT
/*
 * gvlayout.c — the one home of Graphviz layout (libgvc), for the `dot`
 * front end and the TUI's graph pane:
 *  - dot_render(): lay out a cgraph graph that src/front/dot.c built and
 *    render it (svg, png, ...);
 *  - glayout_place(): `dot` as a box placer for the graph pane: positions
 *    (points) become character cells: a column is 0.1in, a row 0.2in, and
 *    each node gets the exact size of its box in those units. Graphviz
 *    messages are silenced (they would land on the screen).
 * No curses, and never the model: Graphviz's gvc.h defines a `struct path`
 * that clashes with the model's.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gvc.h>

#include "src/front/gvlayout.h"

#define PT_COL 7.2  /* points per column */
#define PT_ROW 14.4 /* points per row */
#define MAX_BOXES 256

/*
 * One Graphviz context for the process, never freed: Graphviz 2.43 keeps
 * font caches across contexts (a second gvContext() after gvFreeContext()
 * reads freed memory under ASan) and leaks on every context it frees.
 */
static GVC_t *the_gvc;

static int quiet(char *msg)
{
	(void)msg;
	return 0;
}

int glayout_place(struct glayout_box *boxes, int n, const int (*edges)[2], int nedges, int *rows,
		  int *cols)
{
	Agnode_t *gn[MAX_BOXES];
	Agraph_t *g = NULL;
	GVC_t *gvc = NULL;
	char buf[64];
	double top;
	int i, err = 0;

	if (n <= 0 || n > MAX_BOXES)
		return -EINVAL;
	agseterr(AGMAX);
	agseterrf(quiet);
	if (!the_gvc)
		the_gvc = gvContext();
	gvc = the_gvc;
	if (!gvc)
		return -ENOMEM;
	g = agopen("subprogs", Agdirected, NULL);
	if (!g) {
		err = -ENOMEM;
		goto out;
	}
	agsafeset(g, "rankdir", "TB", "");
	agsafeset(g, "nodesep", "0.4", "");
	agsafeset(g, "ranksep", "0.4", ""); /* two rows: the fork, the arrow */
	agsafeset(g, "splines", "false", "");
	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "n%d", i);
		gn[i] = agnode(g, buf, 1);
		agsafeset(gn[i], "shape", "box", "");
		agsafeset(gn[i], "fixedsize", "true", "");
		agsafeset(gn[i], "label", "", "");
		snprintf(buf, sizeof(buf), "%.3f", boxes[i].cols * PT_COL / 72.0);
		agsafeset(gn[i], "width", buf, "");
		snprintf(buf, sizeof(buf), "%.3f", boxes[i].rows * PT_ROW / 72.0);
		agsafeset(gn[i], "height", buf, "");
	}
	for (i = 0; i < nedges; i++) {
		int a = edges[i][0], b = edges[i][1];

		if (a >= 0 && a < n && b >= 0 && b < n && a != b)
			agedge(g, gn[a], gn[b], NULL, 1);
	}
	if (gvLayout(gvc, g, "dot")) {
		err = -ENOTSUP;
		goto out;
	}
	top = GD_bb(g).UR.y;
	*cols = (int)lround(GD_bb(g).UR.x / PT_COL);
	*rows = (int)lround(top / PT_ROW);
	for (i = 0; i < n; i++) {
		struct glayout_box *b = &boxes[i];

		b->col = (int)lround(ND_coord(gn[i]).x / PT_COL - b->cols / 2.0);
		b->row = (int)lround((top - ND_coord(gn[i]).y) / PT_ROW - b->rows / 2.0);
		if (b->col < 0)
			b->col = 0;
		if (b->row < 0)
			b->row = 0;
		if (b->col + b->cols > *cols)
			*cols = b->col + b->cols;
		if (b->row + b->rows > *rows)
			*rows = b->row + b->rows;
	}
	gvFreeLayout(gvc, g);
out:
	if (g)
		agclose(g);
	return err;
}

int dot_render(struct Agraph_s *g, const char *format, const char *file, FILE *out)
{
	GVC_t *gvc = gvContext();
	int rc = 0;

	if (!gvc)
		return -1;
	if (gvLayout(gvc, g, "dot")) {
		rc = -1;
		goto out;
	}
	if (file ? gvRenderFilename(gvc, g, format, file) : gvRender(gvc, g, format, out))
		rc = -2;
	gvFreeLayout(gvc, g);
out:
	gvFreeContext(gvc);
	return rc;
}
