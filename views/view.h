/* SPDX-License-Identifier: MIT */
/*
 * view.h — a pane of the screen as a struct view_ops (tig's idea): draw
 * onto a canvas rectangle, handle an action, take a click. Panes read the
 * model and the cursor (ui->x) and own only their scroll and selection.
 * Handlers return VIEW_* flags (htop's HandlerResult).
 */
#ifndef VERISTEP_VIEW_H
#define VERISTEP_VIEW_H

#include <stdint.h>

#include "views/canvas.h"
#include "views/keymap.h"

struct subprog;

struct ui;
struct view;

enum view_result {
	VIEW_IGNORED = 0,
	VIEW_HANDLED = 1u << 0,
	VIEW_REDRAW = 1u << 1,
	VIEW_QUIT = 1u << 2,
	VIEW_LESSONS = 1u << 3, /* leave this log for the lesson index (views/lessons_view.c) */
};

struct view_ops {
	const char *name;
	enum keymap_id keymap;
	/* draw inside r (the pane without its frame) */
	void (*draw)(struct view *v, struct ui *ui, struct canvas *c, struct rect r);
	/* the frame title into buf */
	void (*title)(struct view *v, struct ui *ui, char *buf, size_t n);
	int (*handle)(struct view *v, struct ui *ui, enum action a);
	/* a click at (row, col) relative to the last drawn rectangle */
	int (*click)(struct view *v, struct ui *ui, int row, int col);
	/* free v->priv */
	void (*done)(struct view *v);
};

#define VIEW_MAX_ROWS 512

struct view {
	const struct view_ops *ops;
	struct rect r; /* where it was last drawn (inside the frame); rows == 0 when hidden */
	int scroll;    /* graph: first row; code: insns scrolled from the cursor's */
	uint32_t scroll_step; /* code: the step the scroll was made at (a move resets it) */
	int sel;	      /* graph: selected node */
	int nitems;	      /* graph: how many nodes it drew */
	uint32_t row_item[VIEW_MAX_ROWS]; /* code: insn per row; graph: subprog id per item */
	void *priv; /* the pane's own cache (graph: the layout), freed by ops->done */
};

enum pane {
	PANE_CODE = 0,
	PANE_STATE,
	PANE_GRAPH,
	PANE_WHERE,
	PANE__COUNT,
};

extern const struct view_ops code_view_ops;
extern const struct view_ops state_view_ops;
extern const struct view_ops graph_view_ops;
/* the graph pane's last boxes drawing: edge cells inside a box, edges not drawn (-1: the tree) */
void graph_view_last_draw(int *crossings, int *skipped);
extern const struct view_ops where_view_ops;

/* "999", "1.2k", "34k", "5M": a count in at most 4 columns */
char *view_count(uint64_t v, char *buf, size_t n);
/* "sleepable", "NON-SLEEPABLE", "both", "?" for enum sleep_ctx bits */
const char *view_ctx_name(unsigned int contexts);
/* the subprog's kind: "main", "static", "global", plus roles */
void view_subprog_kind(const struct subprog *s, char *buf, size_t n);

#endif
