// SPDX-License-Identifier: MIT
/*
 * why_ui.c — `veristep why` in the TUI: `Y` selects a register or a slot of
 * the current frame (a click on its row in the state pane does too), `y`
 * computes the chain of the selection (what the error names by default)
 * at the current step (src/analysis/why.c), the code pane marks the insns
 * of its links, and `<` / `>` walk the cursor back along the chain and
 * forward again. Holds one chain; words come from why_via_text().
 */
#include <stdlib.h>
#include <string.h>

#include "src/analysis/state.h"
#include "src/analysis/why.h"
#include "views/ui.h"

void why_ui_release(struct ui *ui)
{
	if (!ui->why)
		return;
	why_result_release(ui->why);
	free(ui->why);
	ui->why = NULL;
}

bool why_ui_marks(const struct ui *ui, uint32_t insn)
{
	if (!ui->why)
		return false;
	for (uint32_t i = 0; i < ui->why->links.n; i++)
		if (ui->why->links.v[i].insn == insn)
			return true;
	return false;
}

/* the selection as a location in frame `frame` */
static struct why_loc sel_loc(int sel, uint8_t frame)
{
	struct why_loc l = { .frame = frame };

	if (sel <= 10) {
		l.kind = WHY_REG;
		l.n = (int16_t)sel;
	} else {
		l.kind = WHY_SLOT;
		l.n = (int16_t)(-8 * (sel - 10));
	}
	return l;
}

/* `Y`: the next register or slot the current frame holds */
static int select_next(struct ui *ui)
{
	static struct vstate st; /* large: not on the stack */
	struct step cur_step;
	const struct step *s = explore_cur(&ui->x, &cur_step);
	char loc[32];

	if (!s || state_before(ui->m, ui->x.p, ui->x.step, &st)) {
		ui_message(ui, true, "no state at this step");
		return VIEW_REDRAW;
	}
	for (int k = 1; k <= 11 + STATE_MAX_SLOTS; k++) {
		int sel = (ui->why_sel + k) % (11 + STATE_MAX_SLOTS);
		const struct frame_state *f = &st.frames[s->frame];
		bool has = sel <= 10 ? f->regs[sel].kind != REG_NOT_INIT : f->slots[sel - 11].used;

		if (has) {
			struct why_loc l = sel_loc(sel, s->frame);

			ui->why_sel = sel;
			ui_message(ui, false, "%s selected: y shows where its value came from",
				   why_loc_text(&l, s->frame, loc, sizeof(loc)));
			return VIEW_REDRAW;
		}
	}
	ui_message(ui, true, "nothing in this frame's state to select");
	return VIEW_REDRAW;
}

static int show_chain(struct ui *ui)
{
	const struct program *p = ui->x.p;
	struct step cur_step;
	const struct step *s = explore_cur(&ui->x, &cur_step);
	struct why_result *r;
	struct why_loc l;
	char loc[32];

	if (ui->why && ui->why->step == ui->x.step) {
		why_ui_release(ui);
		ui_message(ui, false, "chain cleared");
		return VIEW_REDRAW;
	}
	why_ui_release(ui);
	if (!s)
		return VIEW_IGNORED;
	if (ui->why_sel >= 0)
		l = sel_loc(ui->why_sel, s->frame);
	else if (ui->x.step != p->error_step || why_error_loc(ui->m, p, &l)) {
		ui_message(ui, true, "%s: select a register or slot with Y first",
			   ui->x.step == p->error_step ? "the error names no register or slot" :
							 "not the error step");
		return VIEW_REDRAW;
	}
	r = calloc(1, sizeof(*r));
	if (!r || why_compute(ui->m, p, ui->x.step, l, r)) {
		free(r);
		ui_message(ui, true, "no chain at this step");
		return VIEW_REDRAW;
	}
	ui->why = r;
	ui->why_at = r->links.n;
	why_loc_text(&l, s->frame, loc, sizeof(loc));
	if (r->stop != WHY_STOP_ORIGIN)
		ui_message(ui, false,
			   "%s: %u links marked ◆; it stops at step %u: %s (< > walk it)", loc,
			   r->links.n, r->stop_step + 1, why_stop_name(r->stop, NAME_TEXT));
	else
		ui_message(ui, false, "%s: %u links marked ◆ (< older, > newer, y clears)", loc,
			   r->links.n);
	return VIEW_REDRAW;
}

static int walk(struct ui *ui, int dir)
{
	const struct why_result *r = ui->why;
	uint32_t at;
	char via[256], loc[32];

	if (!r) {
		ui_message(ui, true, "no chain shown: y shows one");
		return VIEW_REDRAW;
	}
	if (dir < 0) {
		at = ui->why_at >= r->links.n ? 0 : ui->why_at + 1;
		/* links at one step (a call's R0 and its scratches) are one stop */
		while (at < r->links.n && ui->why_at < r->links.n &&
		       r->links.v[at].step == r->links.v[ui->why_at].step)
			at++;
		if (at >= r->links.n) {
			ui_message(ui, false, "the oldest link of the chain");
			return VIEW_REDRAW;
		}
	} else {
		if (ui->why_at >= r->links.n) {
			ui_message(ui, false, "at the step the chain was asked at");
			return VIEW_REDRAW;
		}
		at = ui->why_at;
		while (at > 0 && r->links.v[at - 1].step == r->links.v[ui->why_at].step)
			at--;
		at = at == 0 ? r->links.n : at - 1;
	}
	ui->why_at = at;
	if (at == r->links.n) {
		explore_goto(&ui->x, r->step);
		ui_message(ui, false, "back at step %u, where the chain was asked", r->step + 1);
		return VIEW_REDRAW;
	}
	explore_goto(&ui->x, r->links.v[at].step);
	{
		/* a helper call with its arguments, when the prototype table knows it */
		char call[512];
		bool has = why_call_text(ui->m, ui->x.p, r->links.v[at].step, call, sizeof(call));

		ui_message(ui, false, "link %u/%u: %s  [%s]%s%s", at + 1, r->links.n,
			   why_loc_text(&r->links.v[at].what, r->what.frame, loc, sizeof(loc)),
			   why_via_text(ui->m, ui->x.p, &r->links.v[at], via, sizeof(via)),
			   has ? "  " : "", has ? call : "");
	}
	return VIEW_REDRAW;
}

int why_ui_action(struct ui *ui, enum action a)
{
	switch (a) {
	case ACT_WHY:
		return show_chain(ui);
	case ACT_WHY_SELECT:
		return select_next(ui);
	case ACT_WHY_OLDER:
		return walk(ui, -1);
	case ACT_WHY_NEWER:
		return walk(ui, 1);
	default:
		return VIEW_IGNORED;
	}
}
