// SPDX-License-Identifier: MIT
/*
 * canvas.c — the curses-free drawing surface (see canvas.h): UTF-8
 * decoding, display width, clipping, boxes and the text dump tests use.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "views/canvas.h"

struct canvas *canvas_new(int rows, int cols)
{
	struct canvas *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	if (canvas_resize(c, rows, cols)) {
		free(c);
		errno = ENOMEM;
		return NULL;
	}
	return c;
}

void canvas_free(struct canvas *c)
{
	if (!c)
		return;
	free(c->cells);
	free(c);
}

int canvas_resize(struct canvas *c, int rows, int cols)
{
	struct cell *cells;

	if (rows < 0)
		rows = 0;
	if (cols < 0)
		cols = 0;
	if (rows > 4096)
		rows = 4096;
	if (cols > 4096)
		cols = 4096;
	cells = calloc((size_t)rows * cols + 1, sizeof(*cells));
	if (!cells)
		return -ENOMEM;
	free(c->cells);
	c->cells = cells;
	c->rows = rows;
	c->cols = cols;
	canvas_clear(c);
	return 0;
}

void canvas_unclip(struct canvas *c)
{
	c->clip = (struct rect){ 0, 0, c->rows, c->cols };
}

void canvas_clear(struct canvas *c)
{
	long i, n = (long)c->rows * c->cols;

	for (i = 0; i < n; i++) {
		c->cells[i].ch[0] = ' ';
		c->cells[i].ch[1] = 0;
		c->cells[i].style = STYLE_DEFAULT;
	}
	canvas_unclip(c);
}

void canvas_clip(struct canvas *c, struct rect r)
{
	int r0 = r.row < 0 ? 0 : r.row, c0 = r.col < 0 ? 0 : r.col;
	int r1 = r.row + r.rows, c1 = r.col + r.cols;

	if (r1 > c->rows)
		r1 = c->rows;
	if (c1 > c->cols)
		c1 = c->cols;
	c->clip = (struct rect){ r0, c0, r1 > r0 ? r1 - r0 : 0, c1 > c0 ? c1 - c0 : 0 };
}

/* decode one UTF-8 character; returns its byte length (>= 1), *cp = -1 when invalid */
static int utf8_decode(const unsigned char *s, int n, long *cp)
{
	int len, i;
	long v;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0)
		len = 2, v = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3, v = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		len = 4, v = s[0] & 0x07;
	else
		goto bad;
	if (len > n)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
	    v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		goto bad;
	*cp = v;
	return len;
bad:
	*cp = -1;
	return 1;
}

static int cp_width(long cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return -1;
	if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe00 && cp <= 0xfe0f))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
	    (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

int canvas_width(const char *s, int n)
{
	const unsigned char *p = (const unsigned char *)s;
	int i = 0, w = 0;

	if (n < 0)
		n = (int)strlen(s);
	while (i < n && p[i]) {
		long cp;
		int len = utf8_decode(p + i, n - i, &cp), cw = cp < 0 ? 1 : cp_width(cp);

		w += cw < 0 ? 1 : cw;
		i += len;
	}
	return w;
}

int canvas_fit(const char *s, int cols)
{
	const unsigned char *p = (const unsigned char *)s;
	int i = 0, w = 0, n = (int)strlen(s);

	while (i < n) {
		long cp;
		int len = utf8_decode(p + i, n - i, &cp), cw = cp < 0 ? 1 : cp_width(cp);

		if (cw < 0)
			cw = 1;
		if (w + cw > cols)
			break;
		w += cw;
		i += len;
	}
	return i;
}

static struct rect rect_and(struct rect a, struct rect b)
{
	int r0 = a.row > b.row ? a.row : b.row, c0 = a.col > b.col ? a.col : b.col;
	int r1 = a.row + a.rows < b.row + b.rows ? a.row + a.rows : b.row + b.rows;
	int c1 = a.col + a.cols < b.col + b.cols ? a.col + a.cols : b.col + b.cols;

	return (struct rect){ r0, c0, r1 > r0 ? r1 - r0 : 0, c1 > c0 ? c1 - c0 : 0 };
}

static bool in_clip(const struct canvas *c, int row, int col)
{
	return row >= c->clip.row && row < c->clip.row + c->clip.rows && col >= c->clip.col &&
	       col < c->clip.col + c->clip.cols;
}

/* clear a wide character that a write at (row, col) would split */
static void unsplit(struct canvas *c, int row, int col)
{
	struct cell *cl = canvas_cell(c, row, col);

	if (!cl->ch[0] && col > 0) { /* tail: blank the head */
		struct cell *h = canvas_cell(c, row, col - 1);

		h->ch[0] = ' ';
		h->ch[1] = 0;
	}
	if (col + 1 < c->cols && !canvas_cell(c, row, col + 1)->ch[0]) {
		struct cell *t = canvas_cell(c, row, col + 1);

		t->ch[0] = ' ';
		t->ch[1] = 0;
	}
}

/* whether s[0..n) holds text up to its end or '\n': not blanks or box-drawing lines */
static bool has_text(const unsigned char *s, int n)
{
	int i = 0;

	while (i < n && s[i] && s[i] != '\n') {
		long cp;
		int len = utf8_decode(s + i, n - i, &cp);

		if (cp != ' ' && cp != '\t' && !(cp >= 0x2500 && cp <= 0x259f))
			return true;
		i += len;
	}
	return false;
}

/*
 * Text cut at the clip's right edge ends with an ellipsis in the last
 * column, so a cut is never mistaken for the end: called at the first
 * character that does not fit, when this call drew up to the edge and
 * text (not blanks, not a box line) is left.
 */
static void mark_cut(struct canvas *c, int row, int last, const unsigned char *rest, int n,
		     enum style st)
{
	int right = c->clip.col + c->clip.cols - 1;
	struct cell *cl;

	if (last < right - 1 || last > right || !in_clip(c, row, right) || right <= c->clip.col ||
	    !has_text(rest, n))
		return;
	unsplit(c, row, right);
	cl = canvas_cell(c, row, right);
	memcpy(cl->ch, "…", sizeof("…"));
	cl->style = (uint8_t)st;
}

int canvas_putn(struct canvas *c, int row, int col, enum style st, const char *s, int n)
{
	const unsigned char *p = (const unsigned char *)s;
	int i = 0, last = -1;
	bool cut = false;

	if (n < 0)
		n = (int)strlen(s);
	while (i < n && p[i] && p[i] != '\n') {
		long cp;
		int len = utf8_decode(p + i, n - i, &cp), w = cp < 0 ? -1 : cp_width(cp);

		if (p[i] == '\t') {
			int stop = col + 8 - (col % 8 + 8) % 8;

			while (col < stop)
				col = canvas_putn(c, row, col, st, " ", 1);
			i++;
			continue;
		}
		if (w == 0) { /* combining: attach to the previous cell drawn */
			if (last >= 0 && in_clip(c, row, last)) {
				struct cell *cl = canvas_cell(c, row, last);
				size_t have = strlen(cl->ch);

				if (have + len < sizeof(cl->ch))
					memcpy(cl->ch + have, p + i, len), cl->ch[have + len] = 0;
			}
			i += len;
			continue;
		}
		if (w < 0) { /* control or invalid */
			if (in_clip(c, row, col)) {
				struct cell *cl = canvas_cell(c, row, col);

				unsplit(c, row, col);
				cl->ch[0] = '?';
				cl->ch[1] = 0;
				cl->style = (uint8_t)st;
			}
			last = col++;
			i += len;
			continue;
		}
		if (!cut && col >= c->clip.col + c->clip.cols && row >= c->clip.row &&
		    row < c->clip.row + c->clip.rows) {
			cut = true;
			mark_cut(c, row, last, p + i, n - i, st);
		}
		if (in_clip(c, row, col) && (w == 1 || in_clip(c, row, col + 1))) {
			struct cell *cl = canvas_cell(c, row, col);

			unsplit(c, row, col);
			if (w == 2)
				unsplit(c, row, col + 1);
			memcpy(cl->ch, p + i, len);
			cl->ch[len] = 0;
			cl->style = (uint8_t)st;
			if (w == 2) {
				canvas_cell(c, row, col + 1)->ch[0] = 0;
				canvas_cell(c, row, col + 1)->style = (uint8_t)st;
			}
		} else if (w == 2 && in_clip(c, row, col)) {
			/* half a wide character fits: draw a blank instead */
			struct cell *cl = canvas_cell(c, row, col);

			unsplit(c, row, col);
			cl->ch[0] = ' ';
			cl->ch[1] = 0;
			cl->style = (uint8_t)st;
		}
		last = col;
		col += w;
		i += len;
	}
	return col;
}

int canvas_puts(struct canvas *c, int row, int col, enum style st, const char *s)
{
	return canvas_putn(c, row, col, st, s, -1);
}

int canvas_printf(struct canvas *c, int row, int col, enum style st, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return canvas_puts(c, row, col, st, buf);
}

void canvas_fill(struct canvas *c, struct rect r, enum style st, const char *ch)
{
	int i, j;

	for (i = r.row; i < r.row + r.rows; i++)
		for (j = r.col; j < r.col + r.cols; j++)
			canvas_puts(c, i, j, st, ch);
}

void canvas_style(struct canvas *c, struct rect r, enum style st)
{
	int i, j;

	for (i = r.row; i < r.row + r.rows; i++)
		for (j = r.col; j < r.col + r.cols; j++)
			if (in_clip(c, i, j))
				canvas_cell(c, i, j)->style = (uint8_t)st;
}

void canvas_box(struct canvas *c, struct rect r, enum style st, const char *title)
{
	int i;

	if (r.rows < 2 || r.cols < 2)
		return;
	for (i = r.col + 1; i < r.col + r.cols - 1; i++) {
		canvas_puts(c, r.row, i, st, "─");
		canvas_puts(c, r.row + r.rows - 1, i, st, "─");
	}
	for (i = r.row + 1; i < r.row + r.rows - 1; i++) {
		canvas_puts(c, i, r.col, st, "│");
		canvas_puts(c, i, r.col + r.cols - 1, st, "│");
	}
	canvas_puts(c, r.row, r.col, st, "┌");
	canvas_puts(c, r.row, r.col + r.cols - 1, st, "┐");
	canvas_puts(c, r.row + r.rows - 1, r.col, st, "└");
	canvas_puts(c, r.row + r.rows - 1, r.col + r.cols - 1, st, "┘");
	if (title && *title && r.cols > 4) {
		struct rect save = c->clip;

		canvas_clip(c, rect_and(save, (struct rect){ r.row, r.col + 1, 1, r.cols - 2 }));
		canvas_printf(c, r.row, r.col + 1, st, " %s ", title);
		c->clip = save;
	}
}

char *canvas_dump(const struct canvas *c)
{
	size_t cap = (size_t)c->rows * ((size_t)c->cols * 8 + 1) + 1, at = 0;
	char *out = malloc(cap);
	int i, j;

	if (!out)
		return NULL;
	for (i = 0; i < c->rows; i++) {
		size_t line = at, end = at;

		for (j = 0; j < c->cols; j++) {
			const struct cell *cl = &c->cells[(long)i * c->cols + j];
			size_t n = strlen(cl->ch);

			memcpy(out + at, cl->ch, n);
			at += n;
			if (n && strcmp(cl->ch, " "))
				end = at;
		}
		at = end > line ? end : line;
		out[at++] = '\n';
	}
	out[at] = 0;
	return out;
}
