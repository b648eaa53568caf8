// SPDX-License-Identifier: MIT
/*
 * rawlog_view.c — the raw log overlay: the log's own lines around the
 * current step, all of them (states, mark_precise, caller/callee, Live
 * regs, ...), the current step's lines bright and the rest dim. It is
 * synced both ways: a step move re-centres it on the step's line, and
 * moving the selected line moves the cursor to the step that owns the
 * line (explore_step_chunk()). Reads the model; owns nothing.
 */
#include <string.h>

#include "views/ui.h"

static void bounds(const struct ui *ui, uint64_t *lo, uint64_t *hi)
{
	const struct program *p = ui->x.p;

	*lo = p->log.off;
	*hi = p->log.off + p->log.len;
	if (*hi > ui->m->log.len || *hi <= *lo) {
		*lo = 0;
		*hi = ui->m->log.len;
	}
}

static uint64_t line_start(const struct ui *ui, uint64_t off, uint64_t lo)
{
	const char *b = ui->m->log.buf;

	while (off > lo && b[off - 1] != '\n')
		off--;
	return off;
}

static uint64_t line_len(const struct ui *ui, uint64_t off, uint64_t hi)
{
	const char *e = memchr(ui->m->log.buf + off, '\n', hi - off);

	return e ? (uint64_t)(e - ui->m->log.buf) - off : hi - off;
}

static uint64_t next_line(const struct ui *ui, uint64_t off, uint64_t hi)
{
	uint64_t n = off + line_len(ui, off, hi) + 1;

	return n < hi ? n : off;
}

static uint64_t prev_line(const struct ui *ui, uint64_t off, uint64_t lo)
{
	return off > lo ? line_start(ui, off - 1, lo) : off;
}

/* the step whose chunk holds the line at off: the first step at or after it, else the last */
static uint32_t owner(const struct ui *ui, uint64_t off)
{
	const struct program *p = ui->x.p;
	uint32_t a = 0, b = p->steps.n;

	while (a < b) {
		uint32_t mid = a + (b - a) / 2;

		if (step_off(p, mid) < off)
			a = mid + 1;
		else
			b = mid;
	}
	return a < p->steps.n ? a : p->steps.n - 1;
}

static void sync(struct ui *ui)
{
	struct step cur_step;
	const struct step *s = explore_cur(&ui->x, &cur_step);

	if (s && ui->raw_step != ui->x.step) {
		ui->raw_sel = s->off;
		ui->raw_step = ui->x.step;
	}
}

/* the selection moved: the cursor follows to the owning step */
static void follow(struct ui *ui)
{
	uint32_t k = owner(ui, ui->raw_sel);

	explore_goto(&ui->x, k);
	ui->raw_step = ui->x.step;
}

int rawlog_action(struct ui *ui, enum action a)
{
	uint64_t lo, hi;
	int page = ui->rows > 8 ? ui->rows - 6 : 1, i;
	struct step cur_step;

	if (!explore_cur(&ui->x, &cur_step))
		return a == ACT_CANCEL ? (ui->mode = UI_NORMAL, VIEW_REDRAW) : VIEW_IGNORED;
	bounds(ui, &lo, &hi);
	sync(ui);
	switch (a) {
	case ACT_CANCEL:
	case ACT_RAWLOG:
		ui->mode = UI_NORMAL;
		return VIEW_REDRAW;
	case ACT_SCROLL_UP:
		ui->raw_sel = prev_line(ui, ui->raw_sel, lo);
		break;
	case ACT_SCROLL_DOWN:
		ui->raw_sel = next_line(ui, ui->raw_sel, hi);
		break;
	case ACT_PAGE_UP:
		for (i = 0; i < page; i++)
			ui->raw_sel = prev_line(ui, ui->raw_sel, lo);
		break;
	case ACT_PAGE_DOWN:
		for (i = 0; i < page; i++)
			ui->raw_sel = next_line(ui, ui->raw_sel, hi);
		break;
	case ACT_SCROLL_TOP:
		ui->raw_sel = lo;
		break;
	case ACT_SCROLL_BOTTOM:
		ui->raw_sel = hi > lo ? line_start(ui, hi - 1, lo) : lo;
		break;
	default:
		return VIEW_IGNORED;
	}
	follow(ui);
	return VIEW_REDRAW;
}

void rawlog_draw(struct ui *ui, struct canvas *c, struct rect r)
{
	struct step cur_step;
	const struct step *s = explore_cur(&ui->x, &cur_step);
	uint64_t lo, hi, off, coff = 0, clen = 0;
	char buf[1024];
	int y, i;

	if (!s || r.rows <= 0) {
		canvas_puts(c, r.row, r.col, STYLE_DIM, "no steps: nothing to show");
		return;
	}
	bounds(ui, &lo, &hi);
	sync(ui);
	explore_step_chunk(&ui->x, ui->x.step, &coff, &clen);
	/* a third of the rows above the selected line */
	off = line_start(ui, ui->raw_sel, lo);
	for (i = 0; i < r.rows / 3; i++)
		off = prev_line(ui, off, lo);
	for (y = 0; y < r.rows; y++) {
		uint64_t len = line_len(ui, off, hi);
		bool mine = off >= coff && off < coff + clen + (clen == 0);
		bool sel = off == line_start(ui, ui->raw_sel, lo);
		enum style st = sel ? STYLE_CURSOR : mine ? STYLE_DEFAULT : STYLE_DIM;

		if (sel)
			canvas_fill(c, (struct rect){ r.row + y, r.col, 1, r.cols }, st, " ");
		canvas_puts(c, r.row + y, r.col, sel ? st : STYLE_INSN_NUM,
			    off == s->off ? "→ " :
			    mine	  ? "│ " :
					    "  ");
		view_span(ui, off, (uint32_t)(len > sizeof(buf) - 1 ? sizeof(buf) - 1 : len), buf,
			  sizeof(buf));
		if (canvas_width(buf, -1) > r.cols - 2 && r.cols > 3)
			strcpy(buf + canvas_fit(buf, r.cols - 3), "…");
		canvas_puts(c, r.row + y, r.col + 2, st, buf);
		if (next_line(ui, off, hi) == off)
			break;
		off = next_line(ui, off, hi);
	}
}
