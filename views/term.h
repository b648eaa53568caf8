/* SPDX-License-Identifier: MIT */
/*
 * term.h — the terminal: the only module that talks to curses. It turns
 * curses keys into struct key, styles into attributes, copies a canvas to
 * the screen with one doupdate() per frame, and restores the tty on exit
 * and on SIGINT, SIGTERM and SIGSEGV (then re-raises the signal).
 * tui_run() (src/cli.h) is defined here: it drives views/ui.c.
 */
#ifndef VERISTEP_TERM_H
#define VERISTEP_TERM_H

#include <stdbool.h>

#include "views/canvas.h"
#include "views/keymap.h"

/* 0, or -ENOTTY when there is no terminal to draw on */
int term_init(bool mono);
void term_done(void);
void term_size(int *rows, int *cols);
void term_blit(const struct canvas *c);
/* the next key; with wait false, KEYC_NONE when none is pending */
struct key term_read_key(bool wait);

#endif
