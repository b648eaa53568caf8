/* SPDX-License-Identifier: MIT */
/*
 * canvas.h — a grid of cells (UTF-8 text + style) that views draw on,
 * with no curses: views/term.c copies it to the screen, tests dump it
 * to text. Drawing clips at the canvas edges (and at a clip rectangle),
 * so views may draw past them; nothing here fails on any size, 0x0
 * included.
 *
 * Widths are computed here, without the locale, so dumps are the same
 * everywhere: combining marks are 0 columns, East Asian wide and emoji
 * ranges 2, everything else printable 1; control bytes and invalid
 * UTF-8 become '?'.
 */
#ifndef VERISTEP_CANVAS_H
#define VERISTEP_CANVAS_H

#include <stdarg.h>
#include <stdint.h>

#include "views/theme.h"

struct cell {
	char ch[8]; /* UTF-8 of one character (+ combining marks), NUL-terminated; "" = wide tail */
	uint8_t style; /* enum style */
};

struct rect {
	int row, col, rows, cols;
};

struct canvas {
	int rows, cols;
	struct cell *cells;
	struct rect clip; /* drawing outside is dropped */
};

/* a canvas of rows x cols blanks; NULL and errno on failure (sizes < 0 are 0) */
struct canvas *canvas_new(int rows, int cols);
void canvas_free(struct canvas *c);
/* resize and clear; 0 or -ENOMEM (the canvas stays as it was) */
int canvas_resize(struct canvas *c, int rows, int cols);
void canvas_clear(struct canvas *c);

/* restrict drawing to r (intersected with the canvas); canvas_unclip() lifts it */
void canvas_clip(struct canvas *c, struct rect r);
void canvas_unclip(struct canvas *c);

/*
 * Draw s (UTF-8, n bytes or up to NUL when n < 0) at row, col; stops at
 * '\n'. Returns the column after the last character drawn (clipped or not).
 */
int canvas_putn(struct canvas *c, int row, int col, enum style st, const char *s, int n);
int canvas_puts(struct canvas *c, int row, int col, enum style st, const char *s);
int canvas_printf(struct canvas *c, int row, int col, enum style st, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* fill a rectangle with one character */
void canvas_fill(struct canvas *c, struct rect r, enum style st, const char *ch);
/* set the style of cells, keeping their text */
void canvas_style(struct canvas *c, struct rect r, enum style st);
/* a box-drawn frame around r with a title on the top edge */
void canvas_box(struct canvas *c, struct rect r, enum style st, const char *title);

/* columns s[0..n) takes (n < 0: up to NUL) */
int canvas_width(const char *s, int n);
/* the byte length of the longest prefix of s that fits in cols columns */
int canvas_fit(const char *s, int cols);

/* the text of the canvas, one line per row, trailing blanks trimmed; caller frees */
char *canvas_dump(const struct canvas *c);

static inline struct cell *canvas_cell(struct canvas *c, int row, int col)
{
	return &c->cells[(long)row * c->cols + col];
}

#endif
