// SPDX-License-Identifier: MIT
/*
 * diff_ui.c — two TUIs side by side (see diff_ui.h). Each side is a struct
 * ui drawn on its own canvas and copied into its half; this file only
 * routes keys, keeps the other cursor on the aligned step and draws the
 * header and the status line. What differs comes from src/analysis/diff.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "views/diff_ui.h"
#include "views/ui.h"

struct diff_ui {
	const struct diff_pair *d;
	struct ui *side[2];
	struct canvas *half[2];
	struct diff_align al;
	int focus; /* 0: A takes the keys, 1: B */
	char msg[160];
};

static void follow(struct diff_ui *du)
{
	const struct diff_pair *d = du->d;
	struct ui *from = du->side[du->focus], *to = du->side[!du->focus];
	bool same;
	uint32_t k = diff_align_step(&du->al, d->ma, d->pa, d->mb, d->pb, du->focus == 1,
				     from->x.step, &same);

	if (k != IDX_NONE)
		explore_goto(&to->x, k);
	if (k == IDX_NONE)
		snprintf(du->msg, sizeof(du->msg), "%s has no path here", du->focus ? "A" : "B");
	else if (!same)
		snprintf(du->msg, sizeof(du->msg), "the two differ here");
	else
		du->msg[0] = '\0';
}

struct diff_ui *diff_ui_new(const struct diff_pair *d, bool mono)
{
	struct diff_ui *du = calloc(1, sizeof(*du));
	const char *name = d->pa && d->pa->name ? strtab_get(&d->ma->str, d->pa->name) : NULL;
	struct ui_opts oa = { .prog = name, .mono = mono }, ob = oa;
	int i;

	if (!du)
		return NULL;
	if (!d->pa || !d->pb) {
		free(du);
		errno = EINVAL;
		return NULL;
	}
	du->d = d;
	du->side[0] = ui_new(d->ma, &oa);
	du->side[1] = ui_new(d->mb, &ob);
	for (i = 0; i < 2; i++)
		du->half[i] = canvas_new(0, 0);
	if (!du->side[0] || !du->side[1] || !du->half[0] || !du->half[1] ||
	    diff_align_build(d->ma, d->pa, d->mb, d->pb, d->r.two_builds, &du->al)) {
		diff_ui_free(du);
		errno = ENOMEM;
		return NULL;
	}
	/* open on the first divergence, both cursors on it */
	if (d->r.has_div && d->r.div.a_step != IDX_NONE) {
		explore_goto(&du->side[0]->x, d->r.div.a_step);
		if (d->r.div.b_step != IDX_NONE)
			explore_goto(&du->side[1]->x, d->r.div.b_step);
		else
			follow(du);
		snprintf(du->msg, sizeof(du->msg), "the first divergence: %s",
			 diff_what_name(d->r.div.what));
	} else if (d->r.has_div && d->r.div.b_step != IDX_NONE) {
		du->focus = 1;
		explore_goto(&du->side[1]->x, d->r.div.b_step);
		follow(du);
		du->focus = 0;
		snprintf(du->msg, sizeof(du->msg), "the first divergence: only B goes on");
	} else {
		follow(du);
		snprintf(du->msg, sizeof(du->msg), "the explorations do not diverge");
	}
	return du;
}

void diff_ui_free(struct diff_ui *du)
{
	int i;

	if (!du)
		return;
	for (i = 0; i < 2; i++) {
		ui_free(du->side[i]);
		canvas_free(du->half[i]);
	}
	diff_align_free(&du->al);
	free(du);
}

static int jump(struct diff_ui *du, int dir)
{
	const struct diff_pair *d = du->d;
	uint32_t k, a = du->side[0]->x.step;

	if (du->focus == 1) {
		/* from B's cursor: the aligned A step is where the search starts */
		uint32_t ka = diff_align_step(&du->al, d->ma, d->pa, d->mb, d->pb, true,
					      du->side[1]->x.step, NULL);
		if (ka != IDX_NONE)
			a = ka;
	}
	k = diff_align_next(&du->al, d->ma, d->pa, d->mb, d->pb, a, dir);
	if (k == IDX_NONE) {
		snprintf(du->msg, sizeof(du->msg), "no %s divergence",
			 dir > 0 ? "later" : "earlier");
		return VIEW_REDRAW;
	}
	explore_goto(&du->side[0]->x, k);
	du->focus = 0;
	follow(du);
	snprintf(du->msg, sizeof(du->msg), "divergence at A step %u", k + 1);
	return VIEW_REDRAW;
}

int diff_ui_key(struct diff_ui *du, struct key k)
{
	int r;

	if (k.code == 'x') {
		du->focus = !du->focus;
		snprintf(du->msg, sizeof(du->msg), "keys go to %s", du->focus ? "B" : "A");
		return VIEW_REDRAW;
	}
	if (k.code == 'd' || k.code == 'D')
		return jump(du, k.code == 'd' ? 1 : -1);
	r = ui_key(du->side[du->focus], k);
	if (r & VIEW_LESSONS) {
		r &= ~VIEW_LESSONS;
		snprintf(du->msg, sizeof(du->msg),
			 "the lesson index opens from one log, not a diff");
	}
	if (!(r & VIEW_QUIT))
		follow(du);
	return r | VIEW_REDRAW;
}

/* copy canvas h into c at column col */
static void blit(struct canvas *c, const struct canvas *h, int row, int col)
{
	int r, x;

	for (r = 0; r < h->rows && row + r < c->rows; r++)
		for (x = 0; x < h->cols && col + x < c->cols; x++)
			*canvas_cell(c, row + r, col + x) = h->cells[(long)r * h->cols + x];
}

static void draw_header(struct diff_ui *du, struct canvas *c)
{
	const struct diff_pair *d = du->d;
	const struct diff_result *r = &d->r;
	char buf[512];
	int n;

	canvas_fill(c, (struct rect){ 0, 0, 1, c->cols }, STYLE_TITLE, " ");
	n = snprintf(buf, sizeof(buf), " veristep diff  %s -> %s", verdict_name(d->pa->verdict),
		     verdict_name(d->pb->verdict));
	if (r->has_div && n > 0 && (size_t)n < sizeof(buf))
		n += snprintf(
			buf + n, sizeof(buf) - (size_t)n, "  first divergence: %s at A %s%u B %s%u",
			diff_what_name(r->div.what), r->div.a_step == IDX_NONE ? "-" : "step ",
			r->div.a_step == IDX_NONE ? 0 : r->div.a_step + 1,
			r->div.b_step == IDX_NONE ? "-" : "step ",
			r->div.b_step == IDX_NONE ? 0 : r->div.b_step + 1);
	else if (n > 0 && (size_t)n < sizeof(buf))
		n += snprintf(buf + n, sizeof(buf) - (size_t)n,
			      "  the explorations do not diverge");
	if (r->nctx && n > 0 && (size_t)n < sizeof(buf))
		snprintf(buf + n, sizeof(buf) - (size_t)n, "  %u context%s differ", r->nctx,
			 r->nctx == 1 ? "" : "s");
	if (canvas_width(buf, -1) > c->cols && c->cols > 1)
		strcpy(buf + canvas_fit(buf, c->cols - 1), "…");
	canvas_puts(c, 0, 0, STYLE_TITLE, buf);
}

static void draw_status(struct diff_ui *du, struct canvas *c, int row)
{
	const char *keys = "x switch side  d/D next/prev divergence  q quit ";
	int kw = canvas_width(keys, -1), at = c->cols - kw;
	char buf[256];

	canvas_fill(c, (struct rect){ row, 0, 1, c->cols }, STYLE_STATUS, " ");
	snprintf(buf, sizeof(buf), " keys: %s  %s", du->focus ? "B" : "A", du->msg);
	if (at < 20)
		at = c->cols;
	canvas_clip(c, (struct rect){ row, 0, 1, at });
	canvas_puts(c, row, 0, STYLE_STATUS, buf);
	canvas_unclip(c);
	if (at < c->cols)
		canvas_puts(c, row, at, STYLE_STATUS_KEY, keys);
}

void diff_ui_draw(struct diff_ui *du, struct canvas *c)
{
	int rows = c->rows - 2, wa = c->cols / 2, wb = c->cols - wa - 1, i;

	canvas_clear(c);
	if (c->rows < 3 || c->cols < 3)
		return;
	draw_header(du, c);
	for (i = 0; i < 2; i++) {
		struct canvas *h = du->half[i];
		int w = i ? wb : wa;

		if ((h->rows != rows || h->cols != w) && canvas_resize(h, rows, w))
			continue;
		ui_draw(du->side[i], h);
		blit(c, h, 1, i ? wa + 1 : 0);
	}
	for (i = 1; i <= rows; i++)
		canvas_puts(c, i, wa, du->focus ? STYLE_DIM : STYLE_TITLE, "│");
	draw_status(du, c, c->rows - 1);
}

bool diff_ui_busy(const struct diff_ui *du)
{
	return ui_busy(du->side[0]) || ui_busy(du->side[1]);
}

int diff_ui_work(struct diff_ui *du)
{
	/* the side that takes the keys first: its search is the one waited for */
	return ui_work(ui_busy(du->side[du->focus]) ? du->side[du->focus] : du->side[!du->focus]);
}

uint32_t diff_ui_step(const struct diff_ui *du, int side)
{
	return du->side[side ? 1 : 0]->x.step;
}

int diff_ui_focus(const struct diff_ui *du)
{
	return du->focus;
}
