/* SPDX-License-Identifier: MIT */
/*
 * gvlayout.h — Graphviz layout, in one module (src/front/gvlayout.c).
 *
 * dot_render() lays out and renders a cgraph graph with the "dot" layout.
 * Returns 0, -1 when the layout failed, -2 when rendering failed.
 * format: a gvc output format ("svg", "png"); path NULL writes to out.
 *
 * glayout_place(): Graphviz `dot` as a box placer in character cells.
 * The caller gives box sizes (rows x cols, frame included) and edges
 * (node indexes); it gets each box's top-left cell and the size of the
 * whole drawing. Kept apart from the model on purpose: Graphviz' headers
 * define their own `struct path`, so this file must not see src/model.h.
 *
 * glayout_place() returns 0, -EINVAL for bad sizes, -ENOMEM, or -ENOTSUP
 * when the dot layout is not available (no plugin): then draw a tree.
 */
#ifndef VERISTEP_GVLAYOUT_H
#define VERISTEP_GVLAYOUT_H

#include <stdio.h>

/* cgraph's Agraph_t; the header stays free of Graphviz for the graph pane */
struct Agraph_s;

struct glayout_box {
	int rows, cols; /* in: the box size */
	int row, col;	/* out: its top-left cell */
};

int glayout_place(struct glayout_box *boxes, int n, const int (*edges)[2], int nedges, int *rows,
		  int *cols);

int dot_render(struct Agraph_s *g, const char *format, const char *file, FILE *out);

#endif
