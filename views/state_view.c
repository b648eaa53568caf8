// SPDX-License-Identifier: MIT
/*
 * state_view.c — the state pane: registers and stack slots after the
 * current step (src/analysis/state.c rebuilds them from the log), the current
 * frame first and the callers below it, what changed at this step marked
 * with '*' and highlighted. Above them, the sleepable context block: the
 * analysis' context at this step (sleep_step_context), the event that made
 * it, and each open region with the insn that opened it.
 */
#include <stdio.h>
#include <string.h>

#include "src/analysis/sleep.h"
#include "src/analysis/state.h"
#include "views/ui.h"

static void fmt_value(struct ui *ui, const struct regval *r, char *buf, size_t n)
{
	state_format_value(ui->m, r, buf, n);
}

/* s from column col, wrapping long values onto lines indented to col; returns the next row */
static int put_wrapped(struct canvas *c, struct rect r, int y, int col, enum style st,
		       const char *s)
{
	int w = r.col + r.cols - col, end = r.row + r.rows;

	if (w < 8) {
		canvas_puts(c, y, col, st, s);
		return y + 1;
	}
	while (*s && y < end) {
		int n = canvas_fit(s, w), k;

		if (!n)
			break;
		/* wrap after a token: a blank, a comma, an '=', a '(' that opens a value */
		if (s[n] && y + 1 < end) {
			for (k = n; k > n / 3; k--)
				if (strchr(" ,=", s[k - 1]) || (k >= 2 && s[k - 1] == '(' && s[k - 2] != ' '))
					break;
			if (k > n / 3)
				n = k;
		}
		/* the last row with text left: the canvas cuts it with an ellipsis */
		canvas_putn(c, y, col, st, s, y + 1 == end ? -1 : n);
		y++;
		s += n;
		while (*s == ' ')
			s++;
	}
	return y;
}

static int draw_frame(struct ui *ui, struct canvas *c, struct rect r, int y,
		      const struct frame_state *f, int fi, bool top, uint16_t changed)
{
	char buf[256];
	int i, end = r.row + r.rows;

	if (y >= end)
		return y;
	canvas_printf(c, y++, r.col, STYLE_HEADER, "frame%d%s%s%s", fi, top ? "" : " (caller)",
		      f->async_cb ? "  async_cb" : "", f->cb ? "  cb" : "");
	for (i = 0; i < STATE_NREGS && y < end; i++) {
		const struct regval *rv = &f->regs[i];
		bool ch = top && (changed & (1u << i));
		int col;

		if (rv->kind == REG_NOT_INIT)
			continue;
		fmt_value(ui, rv, buf, sizeof(buf));
		col = canvas_printf(c, y, r.col, ch ? STYLE_REG_CHANGED : STYLE_REG, "%sR%-2d",
				    ch ? "*" : " ", i);
		y = put_wrapped(c, r, y, col + 1, ch ? STYLE_REG_CHANGED : STYLE_DEFAULT, buf);
	}
	for (i = 0; i < STATE_MAX_SLOTS && y < end; i++) {
		const struct slotval *sv = &f->slots[i];
		int col;

		if (!sv->used)
			continue;
		if (sv->spill.kind != REG_NOT_INIT)
			fmt_value(ui, &sv->spill, buf, sizeof(buf));
		else
			view_span(ui, sv->text.off, sv->text.len, buf, sizeof(buf));
		col = canvas_printf(c, y, r.col, STYLE_DEFAULT, " fp%-4d", -8 * (i + 1));
		y = put_wrapped(c, r, y, col + 1, STYLE_DEFAULT, buf);
	}
	return y;
}

/* the storyboard's context / regions block; returns the next row */
static int draw_context(struct ui *ui, struct canvas *c, struct rect r, int y)
{
	const struct program *p = ui->x.p;
	const struct ctx_run *run = sleep_step_context(p, ui->x.step);
	int end = r.row + r.rows, g, col;
	bool any = false;
	char buf[512];

	if (!run || y >= end)
		return y;
	sleep_ctx_words(run, buf, sizeof(buf));
	col = canvas_puts(c, y, r.col, STYLE_HEADER, "context  ");
	canvas_puts(c, y++, col, run->sleepable == 1 && !run->region ? STYLE_SLEEPABLE
								      : STYLE_NON_SLEEPABLE,
		    buf);
	if (run->event != IDX_NONE && run->event < p->sleep_events.n && y < end) {
		const struct sleep_event *e = &p->sleep_events.v[run->event];

		snprintf(buf, sizeof(buf), "%s at step %u (insn %u): %s",
			 e->event == SEV_SET ? "set" : "lost", e->step + 1, e->insn,
			 strtab_get(&ui->m->str, e->reason));
		y = put_wrapped(c, r, y, r.col + 2, STYLE_DEFAULT, buf);
	}
	if (y >= end)
		return y;
	col = canvas_puts(c, y, r.col, STYLE_HEADER, "regions  ");
	for (g = 0; g < CTX_NREGIONS; g++) {
		if (!((run->region >> (2 * g)) & 3))
			continue;
		if (run->opened_at[g] != IDX_NONE)
			snprintf(buf, sizeof(buf), "%s opened at insn %u", sleep_region_kind_name(g),
				 run->opened_at[g]);
		else
			snprintf(buf, sizeof(buf), "%s", sleep_region_kind_name(g));
		if (any)
			y++, col = r.col + 9;
		if (y < end)
			canvas_puts(c, y, col, STYLE_NON_SLEEPABLE, buf);
		any = true;
	}
	if (!any)
		canvas_puts(c, y, col, STYLE_DEFAULT, "none");
	return y + 2;
}

static void state_draw(struct view *v, struct ui *ui, struct canvas *c, struct rect r)
{
	static struct vstate vs; /* large: not on the stack */
	uint16_t changed = 0;
	int y = r.row, f;

	(void)v;
	if (ui->x.step == IDX_NONE) {
		canvas_puts(c, y, r.col, STYLE_DIM, "no step");
		return;
	}
	memset(&vs, 0, sizeof(vs));
	y = draw_context(ui, c, r, y);
	if (state_after(ui->m, ui->x.p, ui->x.step, &vs, &changed)) {
		canvas_puts(c, y, r.col, STYLE_DIM, "no state at this step");
		return;
	}
	for (f = vs.curframe < MODEL_MAX_FRAMES ? vs.curframe : MODEL_MAX_FRAMES - 1; f >= 0; f--) {
		if (!vs.frames[f].known && f != vs.curframe)
			continue;
		y = draw_frame(ui, c, r, y, &vs.frames[f], f, f == vs.curframe, changed);
		if (!vs.frames[f].known && y < r.row + r.rows)
			canvas_puts(c, y++, r.col, STYLE_DIM, " (not printed in the log yet)");
	}
}

static void state_title(struct view *v, struct ui *ui, char *buf, size_t n)
{
	const struct step *s = explore_cur(&ui->x);

	(void)v;
	if (s)
		snprintf(buf, n, "state after step %u · frame%u", ui->x.step + 1, s->frame);
	else
		snprintf(buf, n, "state");
}

const struct view_ops state_view_ops = {
	.name = "state",
	.keymap = KEYMAP_STATE,
	.draw = state_draw,
	.title = state_title,
};
