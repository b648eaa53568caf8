// SPDX-License-Identifier: MIT
/*
 * lessons_view.c — the lesson index screen (see lessons_view.h). Rows:
 * a title, the list (a rule's title, then its lessons), the selected
 * lesson in full (what it teaches, its verdict, where it opens), the
 * message line and a status bar. Any size works: the list scrolls to keep
 * the selection in view, and below a few rows only the list and the
 * status bar are left.
 */
#include <stdio.h>
#include <string.h>

#include "src/front/lessons.h"
#include "views/lessons_view.h"
#include "views/view.h"

void lessons_view_init(struct lessons_view *lv, bool can_back)
{
	memset(lv, 0, sizeof(*lv));
	lv->can_back = can_back;
	lv->chosen = -1;
}

int lessons_view_order(int k)
{
	return lesson_shown(k);
}

/* the list row of the k-th shown lesson (rule titles take a row each) */
static int row_of(int k)
{
	int j, row = 0, last_rule = -1;

	for (j = 0; j <= k; j++) {
		int li = lessons_view_order(j);

		if (li >= 0 && (int)lessons[li].rule != last_rule) {
			last_rule = (int)lessons[li].rule;
			row++;
		}
		if (j < k)
			row++;
	}
	return row;
}

static int list_rows(void)
{
	return row_of((int)lessons_count - 1) + 1;
}

int lessons_view_key(struct lessons_view *lv, struct key k)
{
	int n = (int)lessons_count;
	enum action a = keymap_lookup(KEYMAP_LESSONS, k.code);

	if (k.code == KEYC_RESIZE)
		return VIEW_REDRAW;
	lv->msg[0] = '\0';
	switch (a) {
	case ACT_SEL_UP:
		lv->sel = (lv->sel + n - 1) % n;
		return VIEW_REDRAW;
	case ACT_SEL_DOWN:
		lv->sel = (lv->sel + 1) % n;
		return VIEW_REDRAW;
	case ACT_PAGE_UP:
		lv->sel = lv->sel > 8 ? lv->sel - 8 : 0;
		return VIEW_REDRAW;
	case ACT_PAGE_DOWN:
		lv->sel = lv->sel + 8 < n ? lv->sel + 8 : n - 1;
		return VIEW_REDRAW;
	case ACT_SCROLL_TOP:
		lv->sel = 0;
		return VIEW_REDRAW;
	case ACT_SCROLL_BOTTOM:
		lv->sel = n - 1;
		return VIEW_REDRAW;
	case ACT_SELECT:
		lv->chosen = lessons_view_order(lv->sel);
		lv->choice = LESSONS_OPEN;
		return VIEW_QUIT;
	case ACT_CANCEL:
		if (!lv->can_back) {
			snprintf(lv->msg, sizeof(lv->msg),
				 "q quits; Enter opens the selected lesson");
			return VIEW_REDRAW;
		}
		lv->choice = LESSONS_BACK;
		return VIEW_QUIT;
	case ACT_QUIT:
		lv->choice = LESSONS_QUIT;
		return VIEW_QUIT;
	case ACT_REDRAW:
		return VIEW_REDRAW;
	default:
		snprintf(lv->msg, sizeof(lv->msg), "j/k or arrows select, Enter opens, %sq quits",
			 lv->can_back ? "Esc goes back, " : "");
		return VIEW_REDRAW;
	}
}

/* one lesson row: the marker, the name, the verdict, what it teaches, in columns when wide */
static void draw_lesson(struct canvas *c, int row, int cols, const struct lesson *l, bool sel)
{
	char v[256];
	enum style st = sel ? STYLE_CURSOR : STYLE_DEFAULT;
	int namew = cols >= 100 ? 30 : cols >= 60 ? 24 : 0;
	int verdw = cols >= 100 ? 40 : 0;
	int col;

	lesson_verdict_text(l, v, sizeof(v));
	if (sel)
		canvas_fill(c, (struct rect){ row, 0, 1, cols }, STYLE_CURSOR, " ");
	col = canvas_puts(c, row, 0, st, sel ? " ▶ " : "   ");
	if (!namew) { /* narrow: the name alone; the bottom lines say the rest */
		canvas_puts(c, row, col, st, l->sample);
		return;
	}
	{
		int end = canvas_puts(c, row, col, st, l->sample) + 2;

		col = col + namew > end ? col + namew : end; /* a long name pushes the rest right */
	}
	if (verdw) {
		int end = canvas_puts(c, row, col, st, v) + 2;

		col = col + verdw > end ? col + verdw : end;
	} else {
		col = canvas_puts(c, row, col, st, l->verdict) + 2;
	}
	canvas_puts(c, row, col, st, l->teaches);
}

void lessons_view_draw(struct lessons_view *lv, struct canvas *c)
{
	int rows = c->rows, cols = c->cols, top = 1, detail = 3, h, r, k, n = (int)lessons_count;
	int last_rule = -1, selrow;
	const struct lesson *cur = &lessons[lessons_view_order(lv->sel)];
	char buf[512], v[256];

	canvas_clear(c);
	if (rows <= 0 || cols <= 0)
		return;
	/* the status bar: always */
	canvas_fill(c, (struct rect){ rows - 1, 0, 1, cols }, STYLE_STATUS, " ");
	snprintf(buf, sizeof(buf), " lesson %d/%d  Enter open  %sq quit", lv->sel + 1, n,
		 lv->can_back ? "Esc back  " : "");
	canvas_puts(c, rows - 1, 0, STYLE_STATUS, buf);
	if (rows < 3)
		return;
	canvas_fill(c, (struct rect){ 0, 0, 1, cols }, STYLE_TITLE, " ");
	canvas_puts(c, 0, 0, STYLE_TITLE,
		    " veristep lessons: the sleepable-context rules, one sample each");
	if (rows < 8)
		detail = 0;
	else if (cols < 100)
		detail = 4; /* room for what it teaches on two lines */
	h = rows - 2 - detail;
	if (h < 1)
		return;
	/* keep the selection (and its rule's title when it fits) in view */
	selrow = row_of(lv->sel);
	if (selrow < lv->scroll)
		lv->scroll =
			selrow > 0 && lessons_view_order(lv->sel - 1) >= 0 &&
					lessons[lessons_view_order(lv->sel - 1)].rule != cur->rule ?
				selrow - 1 :
				selrow;
	if (lv->sel == 0)
		lv->scroll = 0;
	if (selrow >= lv->scroll + h)
		lv->scroll = selrow - h + 1;
	if (lv->scroll > list_rows() - h)
		lv->scroll = list_rows() - h > 0 ? list_rows() - h : 0;
	canvas_clip(c, (struct rect){ top, 0, h, cols });
	for (k = 0, r = 0; k < n; k++) {
		const struct lesson *l = &lessons[lessons_view_order(k)];

		if ((int)l->rule != last_rule) {
			last_rule = (int)l->rule;
			if (r >= lv->scroll && r < lv->scroll + h)
				canvas_puts(c, top + r - lv->scroll, 1, STYLE_HEADER,
					    lesson_rule_title(l->rule));
			r++;
		}
		if (r >= lv->scroll && r < lv->scroll + h)
			draw_lesson(c, top + r - lv->scroll, cols, l, k == lv->sel);
		r++;
	}
	canvas_unclip(c);
	if (detail) {
		int d = rows - 1 - detail, w = cols - 2, fit;
		const char *t = cur->teaches;

		canvas_fill(c, (struct rect){ d, 0, 1, cols }, STYLE_BORDER, "─");
		/* what it teaches, on two lines when narrow (cut at a space) */
		fit = w > 0 ? canvas_fit(t, w) : 0;
		if (t[fit] && detail > 3) {
			int sp = fit;

			while (sp > 0 && t[sp] != ' ')
				sp--;
			if (sp > 0)
				fit = sp;
			canvas_putn(c, d + 1, 1, STYLE_DEFAULT, t, fit);
			t += fit + (t[fit] == ' ');
			d++;
		}
		canvas_puts(c, d + 1, 1, STYLE_DEFAULT, t);
		snprintf(buf, sizeof(buf), "%s · opens on %s",
			 lesson_verdict_text(cur, v, sizeof(v)), cur->open_on);
		canvas_puts(c, d + 2, 1, STYLE_MESSAGE, buf);
	}
	if (lv->msg[0]) {
		canvas_fill(c, (struct rect){ rows - 2, 0, 1, cols }, STYLE_DEFAULT, " ");
		canvas_puts(c, rows - 2, 0, lv->msg_error ? STYLE_ERROR : STYLE_MESSAGE, lv->msg);
	}
}
