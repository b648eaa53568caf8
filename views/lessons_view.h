/* SPDX-License-Identifier: MIT */
/*
 * lessons_view.h — the lesson index screen: the bundled samples grouped by
 * rule (src/front/lessons.h), one line each (the sample, its verdict and
 * on which kernels, what it teaches), the selected one's line in full at
 * the bottom. No curses: views/term.c runs it like the log's TUI and opens
 * the chosen lesson; unit tests draw it on a canvas.
 */
#ifndef VERISTEP_LESSONS_VIEW_H
#define VERISTEP_LESSONS_VIEW_H

#include <stdbool.h>

#include "views/canvas.h"
#include "views/keymap.h"

enum lessons_choice {
	LESSONS_NONE = 0,
	LESSONS_OPEN, /* Enter: open lessons[chosen] */
	LESSONS_BACK, /* Esc: back to the log the index was opened from */
	LESSONS_QUIT,
};

struct lessons_view {
	int sel;       /* the selected lesson: its place in the shown order (0..lessons_count-1) */
	int scroll;    /* the first list row shown */
	bool can_back; /* opened from a log: Esc goes back to it */
	int chosen;    /* LESSONS_OPEN: the index into lessons[] */
	enum lessons_choice choice;
	char msg[256];
	bool msg_error;
};

void lessons_view_init(struct lessons_view *lv, bool can_back);
/* the index into lessons[] of the k-th lesson shown (grouped by rule) */
int lessons_view_order(int k);
/* a key: VIEW_* flags; VIEW_QUIT when lv->choice is set (open, back, quit) */
int lessons_view_key(struct lessons_view *lv, struct key k);
void lessons_view_draw(struct lessons_view *lv, struct canvas *c);

#endif
