/* SPDX-License-Identifier: MIT */
/*
 * diff_ui.h — `veristep diff --tui`: two explorations side by side, each a
 * full TUI (views/ui.c) on its half of the screen, with a header that says
 * what differs and a status line. The keys go to one side (x switches it)
 * and the other side's cursor follows to the aligned step
 * (src/analysis/diff.h); d and D jump to the next and previous place where
 * the two stop agreeing. It opens on the first divergence.
 *
 * Curses-free like ui.c: views/term.c drives it, tests draw it on a canvas.
 * diff_ui_new() borrows the pair (its models must outlive it); NULL and
 * errno on failure.
 */
#ifndef VERISTEP_DIFF_UI_H
#define VERISTEP_DIFF_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "src/front/cli.h"
#include "views/canvas.h"
#include "views/keymap.h"

struct diff_ui;

struct diff_ui *diff_ui_new(const struct diff_pair *d, bool mono);
void diff_ui_free(struct diff_ui *du);
/* one key; VIEW_* flags (VIEW_QUIT to leave) */
int diff_ui_key(struct diff_ui *du, struct key k);
void diff_ui_draw(struct diff_ui *du, struct canvas *c);
/* either side has work while no key waits (ui_busy()): diff_ui_work() does a slice of it */
bool diff_ui_busy(const struct diff_ui *du);
int diff_ui_work(struct diff_ui *du);
/* the cursor of side 0 (A) or 1 (B), and which side takes the keys */
uint32_t diff_ui_step(const struct diff_ui *du, int side);
int diff_ui_focus(const struct diff_ui *du);

#endif
