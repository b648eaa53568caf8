// SPDX-License-Identifier: MIT
/*
 * state_view.c — the state pane: registers and stack slots when the
 * verifier checked the current step (src/analysis/state.c rebuilds them from
 * the log), the current frame first and the callers below it; what the step
 * changed shown as old → new, marked with '*' and highlighted. Above them, the sleepable context block: the
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
				if (strchr(" ,=", s[k - 1]) ||
				    (k >= 2 && s[k - 1] == '(' && s[k - 2] != ' '))
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

/* one item's text into buf: the value of a register, or a slot's whole text ("????scalar()") */
static void item_text(struct ui *ui, const struct regval *rv, const struct slotval *sv, char *buf,
		      size_t n)
{
	const char *kind;
	int k;

	if (rv) {
		fmt_value(ui, rv, buf, n);
	} else if (sv->used) {
		/* a special slot says what it is: "irq flag: ffffffff" */
		kind = state_slot_kind_name(sv->kind);
		k = kind ? snprintf(buf, n, "%s: ", kind) : 0;
		if (k < 0 || (size_t)k >= n)
			k = 0;
		state_format_slot(ui->m, sv, buf + k, n - (size_t)k);
	} else {
		snprintf(buf, n, "-");
	}
}

/*
 * One register or slot: its value when the verifier checked the step, and
 * when the step changed it (aft given), "old → new"; marked '*' only then.
 */
static int draw_item(struct ui *ui, struct canvas *c, struct rect r, int y, const char *label,
		     bool set, bool aft_set, const char *old, const char *new, bool sel)
{
	char buf[600];
	bool ch = aft_set != set || (set && strcmp(old, new));
	int col;

	if (!set && !aft_set)
		return y;
	if (!ch)
		snprintf(buf, sizeof(buf), "%s", old);
	else if (!set)
		snprintf(buf, sizeof(buf), "%s", new);
	else if (!aft_set)
		snprintf(buf, sizeof(buf), "%s → (unset)", old);
	else
		snprintf(buf, sizeof(buf), "%s → %s", old, new);
	col = canvas_printf(c, y, r.col,
			    sel ? STYLE_MATCH :
			    ch	? STYLE_REG_CHANGED :
				  STYLE_REG,
			    "%s%s", ch ? "*" : " ", label);
	return put_wrapped(c, r, y, col + 1, ch ? STYLE_REG_CHANGED : STYLE_DEFAULT, buf);
}

/* frame fi as the verifier checked the step; aft: the same frame after the step, or NULL */
static int draw_frame(struct view *v, struct ui *ui, struct canvas *c, struct rect r, int y,
		      const struct frame_state *f, const struct frame_state *aft, int fi, bool top)
{
	char old[256], new[256], label[16];
	int i, end = r.row + r.rows;

	if (y >= end)
		return y;
	canvas_printf(c, y++, r.col, STYLE_HEADER, "frame%d%s%s%s", fi, top ? "" : " (caller)",
		      f->async_cb ? "  async_cb" : "", f->cb ? "  cb" : "");
	for (i = 0; i < STATE_NREGS && y < end; i++) {
		const struct regval *rv = &f->regs[i];
		const struct regval *av = aft ? &aft->regs[i] : rv;

		item_text(ui, rv, NULL, old, sizeof(old));
		item_text(ui, av, NULL, new, sizeof(new));
		snprintf(label, sizeof(label), "R%-2d", i);
		/* the current frame's rows: `Y` and a click select them for `y` (why_ui.c) */
		if (top && y - r.row < VIEW_MAX_ROWS)
			v->row_item[y - r.row] = (uint32_t)i;
		y = draw_item(ui, c, r, y, label, rv->kind != REG_NOT_INIT,
			      av->kind != REG_NOT_INIT, old, new, top && ui->why_sel == i);
	}
	for (i = 0; i < STATE_MAX_SLOTS && y < end; i++) {
		const struct slotval *sv = &f->slots[i];
		const struct slotval *av = aft ? &aft->slots[i] : sv;

		item_text(ui, NULL, sv, old, sizeof(old));
		item_text(ui, NULL, av, new, sizeof(new));
		snprintf(label, sizeof(label), "fp%-4d", -8 * (i + 1));
		if (top && y - r.row < VIEW_MAX_ROWS)
			v->row_item[y - r.row] = (uint32_t)(11 + i);
		y = draw_item(ui, c, r, y, label, sv->used, av->used, old, new,
			      top && ui->why_sel == 11 + i);
	}
	/* the references held (acquired objects, iterators, irq flags): their ids */
	if (y < end) {
		const struct frame_state *a = aft ? aft : f;

		view_span(ui, f->refs_text.off, f->refs_text.len, old, sizeof(old));
		view_span(ui, a->refs_text.off, a->refs_text.len, new, sizeof(new));
		y = draw_item(ui, c, r, y, "refs=", f->refs != 0, a->refs != 0, old, new, false);
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
	canvas_puts(c, y++, col,
		    run->sleepable == 1 && !run->region ? STYLE_SLEEPABLE : STYLE_NON_SLEEPABLE,
		    buf);
	if (run->event != IDX_NONE && run->event < program_cold(p)->sleep_events.n && y < end) {
		const struct sleep_event *e = &program_cold(p)->sleep_events.v[run->event];

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
			snprintf(buf, sizeof(buf), "%s opened at insn %u",
				 sleep_region_kind_name(g), run->opened_at[g]);
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

/*
 * The state when the verifier checked the step (before it ran), and what
 * the step changed in its frame as old → new. A refused step never ran:
 * its state is the one the verifier refused (a call's arguments).
 */
static void state_draw(struct view *v, struct ui *ui, struct canvas *c, struct rect r)
{
	static struct vstate vs, va; /* large: not on the stack */
	struct step cur_step;
	const struct step *s = explore_cur(&ui->x, &cur_step);
	bool ran;
	int y = r.row, f;

	for (f = 0; f < VIEW_MAX_ROWS; f++)
		v->row_item[f] = IDX_NONE;
	if (!s) {
		canvas_puts(c, y, r.col, STYLE_DIM, "no step");
		return;
	}
	memset(&vs, 0, sizeof(vs));
	y = draw_context(ui, c, r, y);
	if (state_before(ui->m, ui->x.p, ui->x.step, &vs)) {
		canvas_puts(c, y, r.col, STYLE_DIM, "no state at this step");
		return;
	}
	/* an exit leaves its frame: nothing in it changes, the caller's state follows */
	ran = ui->x.step != ui->x.p->error_step && !(s->flags & STEP_EXIT) &&
	      !state_after(ui->m, ui->x.p, ui->x.step, &va, NULL);
	vs.curframe = s->frame < MODEL_MAX_FRAMES ? s->frame : MODEL_MAX_FRAMES - 1;
	for (f = vs.curframe; f >= 0; f--) {
		bool top = f == vs.curframe;

		if (!vs.frames[f].known && !top)
			continue;
		y = draw_frame(v, ui, c, r, y, &vs.frames[f], top && ran ? &va.frames[f] : NULL, f,
			       top);
		if (!vs.frames[f].known && y < r.row + r.rows)
			canvas_puts(c, y++, r.col, STYLE_DIM, " (not printed in the log yet)");
	}
}

static void state_title(struct view *v, struct ui *ui, char *buf, size_t n)
{
	struct step cur_step;
	const struct step *s = explore_cur(&ui->x, &cur_step);

	(void)v;
	if (s)
		snprintf(buf, n, "state at step %u/%u, as checked · frame%u", ui->x.step + 1,
			 ui->x.p->steps.n, s->frame);
	else
		snprintf(buf, n, "state");
}

/* a click on a register's or slot's row selects it for `y` (views/why_ui.c) */
static int state_click(struct view *v, struct ui *ui, int row, int col)
{
	(void)col;
	if (row < 0 || row >= VIEW_MAX_ROWS || v->row_item[row] == IDX_NONE)
		return VIEW_IGNORED;
	ui->why_sel = (int)v->row_item[row] - 1;
	return why_ui_action(ui, ACT_WHY_SELECT);
}

const struct view_ops state_view_ops = {
	.name = "state",
	.keymap = KEYMAP_STATE,
	.draw = state_draw,
	.title = state_title,
	.click = state_click,
};
