/* SPDX-License-Identifier: MIT */
/*
 * graph_layout.h — Graphviz `dot` as a box placer in character cells.
 * The caller gives box sizes (rows x cols, frame included) and edges
 * (node indexes); it gets each box's top-left cell and the size of the
 * whole drawing. Kept apart from the model on purpose: Graphviz' headers
 * define their own `struct path`, so this file must not see src/model.h.
 *
 * glayout_place() returns 0, -EINVAL for bad sizes, -ENOMEM, or -ENOTSUP
 * when the dot layout is not available (no plugin): then draw a tree.
 */
#ifndef VERISTEP_GRAPH_LAYOUT_H
#define VERISTEP_GRAPH_LAYOUT_H

struct glayout_box {
	int rows, cols; /* in: the box size */
	int row, col;	/* out: its top-left cell */
};

int glayout_place(struct glayout_box *boxes, int n, const int (*edges)[2], int nedges,
		  int *rows, int *cols);

#endif
