// SPDX-License-Identifier: MIT
/*
 * ui.c — the loop's logic without a terminal: keys to actions (count
 * prefixes, prompts, overlays), actions to cursor moves, and the screen
 * layout: title, panes, message line, status bar. Any size works: below
 * 80x24 the panes collapse to the focused one and the message line says
 * so; at a few cells only the status bar is left.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/bpfobj.h"
#include "src/analysis/explain.h"
#include "src/analysis/sleep.h"
#include "views/ui.h"

#define SEARCH_SLICE (1u << 18) /* steps scanned between two looks at the keyboard */
#define WARM_SLICE (1u << 15)	/* steps of states replayed between two looks: about 3 ms */

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof(ui->msg), fmt, ap);
	va_end(ap);
	ui->msg_error = error;
}

int ui_pick_program(const struct model *m, const char *name)
{
	uint32_t i;

	if (!m->progs.n)
		return -1;
	if (name) {
		for (i = 0; i < m->progs.n; i++)
			if (!strcmp(name, strtab_get(&m->str, model_prog_head(m, i).name)))
				return (int)i;
		return -1;
	}
	for (i = 0; i < m->progs.n; i++)
		if (model_prog_head(m, i).verdict == VERDICT_REJECTED)
			return (int)i;
	return 0;
}

struct ui *ui_new(const struct model *m, const struct ui_opts *o)
{
	struct ui *ui;
	int pi = ui_pick_program(m, o ? o->prog : NULL);

	if (pi < 0) {
		errno = EINVAL;
		return NULL;
	}
	ui = calloc(1, sizeof(*ui));
	if (!ui)
		return NULL;
	ui->m = m;
	explore_init(&ui->x, m, (uint32_t)pi);
	ui->x.step = explore_initial_step(&ui->x);
	ui->panes[PANE_CODE].ops = &code_view_ops;
	ui->panes[PANE_STATE].ops = &state_view_ops;
	ui->panes[PANE_GRAPH].ops = &graph_view_ops;
	ui->panes[PANE_WHERE].ops = &where_view_ops;
	ui->show_source = true;
	ui->mono = o && o->mono;
	ui->search_budget = SEARCH_SLICE;
	ui->raw_step = IDX_NONE;
	ui->picker_sel = pi;
	ui->why_sel = -1;
	if (m->progs.n > 1)
		ui_message(ui, false, "%u programs in this log; showing %s (m picks another)",
			   m->progs.n,
			   *strtab_get(&m->str, ui->x.p->name) ?
				   strtab_get(&m->str, ui->x.p->name) :
				   "the first");
	if (!explore_nsteps(&ui->x))
		ui_message(ui, false,
			   "no steps in this log for this program (level 0 log, or not parsed)");
	return ui;
}

void ui_free(struct ui *ui)
{
	int i;

	if (!ui)
		return;
	for (i = 0; i < PANE__COUNT; i++)
		if (ui->panes[i].ops && ui->panes[i].ops->done)
			ui->panes[i].ops->done(&ui->panes[i]);
	explore_search_release(&ui->search);
	explore_release(&ui->x);
	free(ui->explain_text);
	why_ui_release(ui);
	free(ui);
}

int ui_switch_program(struct ui *ui, uint32_t pi)
{
	int i;

	if (pi >= ui->m->progs.n)
		return -EINVAL;
	ui->searching = false;
	ui->have_search = false;
	explore_search_release(&ui->search);
	explore_release(&ui->x);
	explore_init(&ui->x, ui->m, pi);
	ui->x.step = explore_initial_step(&ui->x);
	ui->raw_step = IDX_NONE;
	ui->heat_max = 0;
	ui->warm = (struct state_warm){ 0 };
	ui->warm_done = false;
	why_ui_release(ui);
	ui->why_sel = -1;
	for (i = 0; i < PANE__COUNT; i++) {
		ui->panes[i].scroll = 0;
		ui->panes[i].sel = 0;
	}
	return 0;
}

bool ui_busy(const struct ui *ui)
{
	return ui->searching || !ui->warm_done;
}

static void search_report(struct ui *ui, int rc)
{
	const struct explore_search *s = &ui->search;
	char where[32] = "";

	ui->searching = false;
	if (rc == 1) {
		snprintf(where, sizeof(where), "%u/%u", explore_search_rank(s, ui->x.step),
			 s->nhits);
		ui_message(ui, false, "%c%s  %s%s", s->dir > 0 ? '/' : '?', s->needle, where,
			   ui->x.step == ui->search_from ? "  (the only match)" :
			   (s->dir > 0 && ui->x.step < ui->search_from) ||
					   (s->dir < 0 && ui->x.step > ui->search_from) ?
							   "  (wrapped)" :
							   "");
	} else if (rc == -ENOMEM) {
		ui_message(ui, true, "out of memory for the search");
	} else {
		ui_message(ui, true, "pattern not found: %s", s->needle);
	}
}

int ui_work(struct ui *ui)
{
	int rc;

	if (!ui->searching) {
		/* a jump into a long path later replays one interval, not the path */
		if (!ui->warm_done && state_warm(ui->m, ui->x.p, &ui->warm, WARM_SLICE) != 1)
			ui->warm_done = true;
		return 0;
	}
	rc = explore_search_run(&ui->x, &ui->search, ui->search_budget);
	if (rc == -EAGAIN) {
		uint32_t n = explore_nsteps(&ui->x);

		ui_message(ui, false, "searching %c%s ... %u%%  (Esc stops)",
			   ui->search.dir > 0 ? '/' : '?', ui->search.needle,
			   n ? (unsigned)(100 - (uint64_t)ui->search.left * 100 / n) : 100);
		return VIEW_REDRAW;
	}
	search_report(ui, rc);
	return VIEW_REDRAW;
}

/* a new search from the prompt: dir +1 for '/', -1 for '?' */
static int search_new(struct ui *ui, const char *pattern, int dir)
{
	int rc;

	explore_search_release(&ui->search);
	rc = explore_search_start(&ui->x, &ui->search, pattern, dir);

	if (rc == -EINVAL) {
		ui->have_search = false;
		ui_message(ui, true, "bad pattern: %s", explore_search_error(&ui->search));
		return VIEW_REDRAW;
	}
	if (rc) {
		ui->have_search = false;
		ui_message(ui, true,
			   rc == -ENOMEM ? "out of memory for the search" : "nothing to search");
		return VIEW_REDRAW;
	}
	ui->have_search = true;
	ui->search_from = ui->x.step;
	ui->searching = true;
	return ui_work(ui);
}

/* ] and [: the next match in the search's direction (rel = 1) or against it (rel = -1) */
static int search_go(struct ui *ui, int rel)
{
	int dir = ui->search.dir, rc;

	if (!ui->have_search) {
		ui_message(ui, true, "no search yet: / or ? to search");
		return VIEW_REDRAW;
	}
	ui->search.dir = rel > 0 ? dir : -dir;
	ui->search_from = ui->x.step;
	rc = explore_search_run(&ui->x, &ui->search, 0);
	search_report(ui, rc);
	ui->search.dir = dir;
	return VIEW_REDRAW;
}

static int moved(struct ui *ui, int rc, const char *what)
{
	if (rc)
		ui_message(ui, true, "%s", what);
	return VIEW_REDRAW;
}

/* repeat a move count times, stopping at the first that cannot move */
static int repeat(struct ui *ui, int (*fn)(struct explore *), const char *what)
{
	uint32_t n = ui->count ? ui->count : 1, i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		rc = fn(&ui->x);
		if (rc)
			break;
	}
	return moved(ui, i ? 0 : rc, what);
}

/*
 * The visits of an insn are a ring (the last wraps to the first): a count
 * larger than the ring goes round it whole times, so only the remainder is
 * walked (999999999v is instant, and lands where it would have).
 */
static int repeat_visit(struct ui *ui, int (*fn)(struct explore *), const char *what)
{
	struct step cur_step;
	const struct step *s = explore_cur(&ui->x, &cur_step);
	uint32_t nv = s ? explore_insn_visits(&ui->x, s->insn) : 0;

	if (ui->count && nv > 1 && ui->count > nv) {
		ui->count %= nv;
		if (!ui->count)
			ui->count = nv;
	}
	return repeat(ui, fn, what);
}

static int run_goto(struct ui *ui, const char *s)
{
	char *end;
	unsigned long v;
	bool insn = false;

	while (*s == ' ')
		s++;
	if (*s == 'i' || *s == 'I') {
		insn = true;
		s++;
	}
	errno = 0;
	v = strtoul(s, &end, 10);
	if (end == s || *end || errno || v > UINT32_MAX) {
		ui_message(ui, true, "goto: type :N for step N, :iN for insn N");
		return VIEW_REDRAW;
	}
	if (insn) {
		if (explore_goto_insn(&ui->x, (uint32_t)v))
			ui_message(ui, true, "insn %lu was never visited", v);
		return VIEW_REDRAW;
	}
	if (v == 0 || explore_goto(&ui->x, (uint32_t)(v - 1)))
		ui_message(ui, true, "no step %lu (1..%u)", v, explore_nsteps(&ui->x));
	return VIEW_REDRAW;
}

int ui_action(struct ui *ui, enum action a)
{
	struct view *v = &ui->panes[ui->focus];
	int r;

	if (ui->mode == UI_PICKER) {
		int n = (int)ui->m->progs.n;

		switch (a) {
		case ACT_CANCEL:
		case ACT_PROGRAMS:
		case ACT_QUIT:
			ui->mode = UI_NORMAL;
			return VIEW_REDRAW;
		case ACT_SEL_UP:
			ui->picker_sel = (ui->picker_sel + n - 1) % n;
			return VIEW_REDRAW;
		case ACT_SEL_DOWN:
			ui->picker_sel = (ui->picker_sel + 1) % n;
			return VIEW_REDRAW;
		case ACT_SELECT:
			ui->mode = UI_NORMAL;
			if (!ui_switch_program(ui, (uint32_t)ui->picker_sel))
				ui_message(ui, false, "program %d/%d: %s", ui->picker_sel + 1, n,
					   *strtab_get(&ui->m->str, ui->x.p->name) ?
						   strtab_get(&ui->m->str, ui->x.p->name) :
						   "(unnamed)");
			return VIEW_REDRAW;
		default:
			return VIEW_IGNORED;
		}
	}
	if (ui->mode == UI_RAWLOG) {
		r = rawlog_action(ui, a);
		if (r)
			return r;
	}
	if (ui->mode == UI_HELP || ui->mode == UI_EXPLAIN) {
		switch (a) {
		case ACT_CANCEL:
		case ACT_HELP:
		case ACT_QUIT:
			ui->mode = UI_NORMAL;
			return VIEW_REDRAW;
		case ACT_SCROLL_UP:
			if (ui->overlay_scroll > 0)
				ui->overlay_scroll--;
			return VIEW_REDRAW;
		case ACT_SCROLL_DOWN:
			if (ui->overlay_scroll + 1 < ui->overlay_lines)
				ui->overlay_scroll++;
			return VIEW_REDRAW;
		case ACT_PAGE_UP:
			ui->overlay_scroll -= ui->rows > 8 ? ui->rows - 6 : 1;
			if (ui->overlay_scroll < 0)
				ui->overlay_scroll = 0;
			return VIEW_REDRAW;
		case ACT_PAGE_DOWN:
			ui->overlay_scroll += ui->rows > 8 ? ui->rows - 6 : 1;
			if (ui->overlay_scroll >= ui->overlay_lines)
				ui->overlay_scroll =
					ui->overlay_lines > 0 ? ui->overlay_lines - 1 : 0;
			return VIEW_REDRAW;
		case ACT_SCROLL_TOP:
			ui->overlay_scroll = 0;
			return VIEW_REDRAW;
		case ACT_SCROLL_BOTTOM:
			ui->overlay_scroll = ui->overlay_lines > 0 ? ui->overlay_lines - 1 : 0;
			return VIEW_REDRAW;
		case ACT_LESSONS:
			return VIEW_LESSONS;
		default:
			return VIEW_IGNORED;
		}
	}
	if (ui->mode == UI_NORMAL && v->ops->handle) {
		r = v->ops->handle(v, ui, a);
		if (r)
			return r;
	}
	switch (a) {
	case ACT_STEP_NEXT:
		return repeat(ui, explore_next, "at the last step");
	case ACT_STEP_PREV:
		return repeat(ui, explore_prev, "at the first step");
	case ACT_PATH_NEXT:
		return repeat(ui, explore_next_path, "no next path");
	case ACT_PATH_PREV:
		return repeat(ui, explore_prev_path, "no previous path");
	case ACT_BACK:
		return moved(ui, explore_back(&ui->x), "this path was not pushed by a branch");
	case ACT_STEP_OVER:
		return repeat(ui, explore_step_over, "the call does not return in this path");
	case ACT_STEP_OUT:
		return repeat(ui, explore_step_out, "not inside a call (frame 0), or no return");
	case ACT_VISIT_NEXT:
		return repeat_visit(ui, explore_next_visit, "this insn is visited once");
	case ACT_VISIT_PREV:
		return repeat_visit(ui, explore_prev_visit, "this insn is visited once");
	case ACT_ERROR:
		if (ui->x.p->error_after) {
			/* no step to go to: say so, and show the insn the message names */
			int rc = explore_error(&ui->x);

			if (!rc)
				ui_message(ui, false,
					   "the error has no step (raised after the exploration): "
					   "insn %u it names, at its last visit",
					   ui->x.p->error_insn);
			else if (ui->x.p->error_insn != IDX_NONE)
				ui_message(ui, true,
					   "the error has no step (raised after the exploration); "
					   "insn %u it names was never visited",
					   ui->x.p->error_insn);
			else
				ui_message(ui, true,
					   "the error has no step: raised after the "
					   "exploration, by a later verifier pass");
			return VIEW_REDRAW;
		}
		return moved(ui, explore_error(&ui->x), "no error step: the program was accepted");
	case ACT_FIRST:
		if (ui->count) /* 10g, as 10G: step 10 */
			return moved(ui, explore_goto(&ui->x, ui->count - 1), "no such step");
		return moved(ui, explore_first(&ui->x), "no steps");
	case ACT_LAST:
		if (ui->count)
			return moved(ui, explore_goto(&ui->x, ui->count - 1), "no such step");
		return moved(ui, explore_last(&ui->x), "no steps");
	case ACT_GOTO:
	case ACT_SEARCH:
	case ACT_SEARCH_BACK:
		ui->back_mode = ui->mode == UI_RAWLOG ? UI_RAWLOG : UI_NORMAL;
		ui->mode = UI_PROMPT;
		ui->prompt = a == ACT_GOTO ? ':' : a == ACT_SEARCH ? '/' : '?';
		ui->input_len = 0;
		ui->input[0] = 0;
		return VIEW_REDRAW;
	case ACT_MATCH_NEXT:
		return search_go(ui, 1);
	case ACT_MATCH_PREV:
		return search_go(ui, -1);
	case ACT_FOCUS_NEXT:
		ui->focus = (ui->focus + 1) % PANE__COUNT;
		return VIEW_REDRAW;
	case ACT_FOCUS_PREV:
		ui->focus = (ui->focus + PANE__COUNT - 1) % PANE__COUNT;
		return VIEW_REDRAW;
	case ACT_TOGGLE_SOURCE:
		ui->show_source = !ui->show_source;
		ui_message(ui, false, "source lines %s", ui->show_source ? "shown" : "hidden");
		return VIEW_REDRAW;
	case ACT_WHY:
	case ACT_WHY_SELECT:
	case ACT_WHY_OLDER:
	case ACT_WHY_NEWER:
		return why_ui_action(ui, a);
	case ACT_EXPLAIN:
		ui->mode = UI_EXPLAIN;
		ui->overlay_scroll = 0;
		return VIEW_REDRAW;
	case ACT_HELP:
		ui->mode = UI_HELP;
		ui->overlay_scroll = 0;
		return VIEW_REDRAW;
	case ACT_RAWLOG:
		ui->mode = UI_RAWLOG;
		ui->raw_step = IDX_NONE; /* centre on the current step */
		return VIEW_REDRAW;
	case ACT_PROGRAMS:
		if (ui->m->progs.n < 2) {
			ui_message(ui, false, "one program in this log");
			return VIEW_REDRAW;
		}
		ui->mode = UI_PICKER;
		ui->picker_sel = (int)ui->x.prog;
		return VIEW_REDRAW;
	case ACT_SCROLL_TOP:
		return ui_action(ui, ACT_FIRST);
	case ACT_SCROLL_BOTTOM:
		return ui_action(ui, ACT_LAST);
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		ui_message(ui, false,
			   "the %s pane does not scroll (Tab to the code pane, r: raw log)",
			   v->ops->name);
		return VIEW_REDRAW;
	case ACT_REDRAW:
		return VIEW_REDRAW;
	case ACT_CANCEL:
		ui->msg[0] = 0;
		return VIEW_REDRAW;
	case ACT_LESSONS:
		return VIEW_LESSONS; /* the loop (views/term.c) opens the lesson index */
	case ACT_QUIT:
		return VIEW_QUIT;
	default:
		return VIEW_IGNORED;
	}
}

static int prompt_key(struct ui *ui, struct key k)
{
	if (k.code == KEYC_ESC || (k.code == KEYC_CTRL('c'))) {
		ui->mode = ui->back_mode;
		return VIEW_REDRAW;
	}
	if (k.code == KEYC_BACKSPACE || k.code == KEYC_CTRL('h')) {
		if (!ui->input_len) {
			ui->mode = ui->back_mode;
			return VIEW_REDRAW;
		}
		/* drop one UTF-8 character */
		do
			ui->input_len--;
		while (ui->input_len && ((unsigned char)ui->input[ui->input_len] & 0xc0) == 0x80);
		ui->input[ui->input_len] = 0;
		return VIEW_REDRAW;
	}
	if (k.code == KEYC_ENTER || k.code == '\n') {
		ui->mode = ui->back_mode;
		if (!ui->input_len)
			return VIEW_REDRAW;
		if (ui->prompt == ':')
			return run_goto(ui, ui->input);
		return search_new(ui, ui->input, ui->prompt == '?' ? -1 : 1);
	}
	if (k.code >= 0x20 && k.code < 0x110000 && k.code != 0x7f) {
		char u[4];
		int n;

		if (k.code < 0x80)
			u[0] = (char)k.code, n = 1;
		else if (k.code < 0x800)
			u[0] = (char)(0xc0 | (k.code >> 6)), u[1] = (char)(0x80 | (k.code & 0x3f)),
			n = 2;
		else if (k.code < 0x10000)
			u[0] = (char)(0xe0 | (k.code >> 12)),
			u[1] = (char)(0x80 | ((k.code >> 6) & 0x3f)),
			u[2] = (char)(0x80 | (k.code & 0x3f)), n = 3;
		else
			u[0] = (char)(0xf0 | (k.code >> 18)),
			u[1] = (char)(0x80 | ((k.code >> 12) & 0x3f)),
			u[2] = (char)(0x80 | ((k.code >> 6) & 0x3f)),
			u[3] = (char)(0x80 | (k.code & 0x3f)), n = 4;
		if (ui->input_len + n < (int)sizeof(ui->input) - 1) {
			memcpy(ui->input + ui->input_len, u, n);
			ui->input_len += n;
			ui->input[ui->input_len] = 0;
		}
	}
	return VIEW_REDRAW;
}

static int click(struct ui *ui, int row, int col)
{
	int i;

	for (i = 0; i < PANE__COUNT; i++) {
		struct view *v = &ui->panes[i];

		if (!v->r.rows || row < v->r.row - 1 || row > v->r.row + v->r.rows ||
		    col < v->r.col - 1 || col > v->r.col + v->r.cols)
			continue;
		ui->focus = i;
		if (v->ops->click && row >= v->r.row && row < v->r.row + v->r.rows)
			v->ops->click(v, ui, row - v->r.row, col - v->r.col);
		return VIEW_REDRAW;
	}
	return VIEW_IGNORED;
}

int ui_key(struct ui *ui, struct key k)
{
	enum keymap_id km;
	enum action a;
	int r;

	if (k.code == KEYC_RESIZE)
		return VIEW_REDRAW;
	if (ui->searching) {
		if (k.code == KEYC_ESC || k.code == KEYC_CTRL('c')) {
			ui->searching = false;
			ui->have_search = false; /* its matches are not all marked */
			ui->x.step = ui->search_from;
			ui_message(ui, false, "search stopped");
		}
		return VIEW_REDRAW;
	}
	if (ui->mode == UI_PROMPT)
		return prompt_key(ui, k);
	if (k.code == KEYC_MOUSE)
		return ui->mode == UI_NORMAL ? click(ui, k.row, k.col) : VIEW_IGNORED;
	if (k.code == KEYC_WHEEL_UP || k.code == KEYC_WHEEL_DOWN)
		return ui_action(ui, k.code == KEYC_WHEEL_UP ? ACT_STEP_PREV : ACT_STEP_NEXT);
	if ((ui->mode == UI_NORMAL || ui->mode == UI_RAWLOG) && k.code >= '0' && k.code <= '9' &&
	    (ui->count || k.code != '0')) {
		if (ui->count < 100000000)
			ui->count = ui->count * 10 + (uint32_t)(k.code - '0');
		ui_message(ui, false, "count %u", ui->count);
		return VIEW_REDRAW;
	}
	km = ui->mode == UI_NORMAL ? ui->panes[ui->focus].ops->keymap :
	     ui->mode == UI_RAWLOG ? KEYMAP_RAWLOG :
	     ui->mode == UI_PICKER ? KEYMAP_PICKER :
				     KEYMAP_OVERLAY;
	a = keymap_lookup(km, k.code);
	if (a != ACT_NONE && (ui->mode == UI_NORMAL || ui->mode == UI_RAWLOG) && ui->msg[0] &&
	    a != ACT_REDRAW)
		ui->msg[0] = 0;
	r = a == ACT_NONE ? VIEW_IGNORED : ui_action(ui, a);
	ui->count = 0;
	return r;
}

/* ---- drawing ---- */

static const char *unit_kind_name(const struct unit *u)
{
	switch (u->kind) {
	case UNIT_ASYNC_CB:
		return "async_cb";
	case UNIT_GLOBAL:
		return "global";
	default:
		return "main";
	}
}

static void draw_header(struct ui *ui, struct canvas *c, int row)
{
	const struct model *m = ui->m;
	const struct program *p = ui->x.p;
	const char *name = strtab_get(&m->str, p->name);
	const char *sec = strtab_get(&m->str, p->section);
	const char *file = strtab_get(&m->str, m->log.name), *slash = strrchr(file, '/');
	int col;
	enum style vst = STYLE_TITLE;
	const char *vname = p->verdict == VERDICT_ACCEPTED  ? "ACCEPTED" :
			    p->verdict == VERDICT_REJECTED  ? "REJECTED" :
			    p->verdict == VERDICT_TRUNCATED ? "TRUNCATED" :
							      "UNKNOWN";
	const char *obj = m->obj && m->obj->name ? m->obj->name : "", *oslash = strrchr(obj, '/');
	const char *kernel = strtab_get(&m->str, m->kernel_release);
	const char *dialect = strtab_get(&m->str, p->dialect);
	char buf[512], ver[96] = "";

	/* the kernel only when really known (recorded here); else the log's wording, no version */
	if (*kernel)
		snprintf(ver, sizeof(ver), "  Linux %s", kernel);
	else if (*dialect && strcmp(dialect, "unknown"))
		snprintf(ver, sizeof(ver), "  log format %s", dialect);
	canvas_fill(c, (struct rect){ row, 0, 1, c->cols }, STYLE_TITLE, " ");
	/*
	 * what fits of: the object and the log, the log alone, neither; the
	 * version (log format) is kept longest and the verdict always stays
	 */
	col = c->cols - (int)strlen(vname) - 1;
	for (int drop = 0; drop < 3; drop++) {
		snprintf(buf, sizeof(buf), " veristep  %s%s%s%s%s%s%s%s%s%s",
			 *name ? name : "(unnamed program)", *sec ? "  SEC(\"" : "", sec,
			 *sec ? "\")" : "",
			 p->sleepable == 1 ? " sleepable" :
			 p->sleepable == 0 ? " non-sleepable" :
					     "",
			 ver, drop < 2 ? "  " : "",
			 drop == 0 && *obj ? (oslash ? oslash + 1 : obj) : "",
			 drop == 0 && *obj ? " + " : "",
			 drop < 2 ? (slash ? slash + 1 : file) : "");
		if (canvas_width(buf, -1) < col)
			break;
	}
	canvas_clip(c, (struct rect){ row, 0, 1, col - 1 });
	canvas_puts(c, row, 0, STYLE_TITLE, buf);
	canvas_unclip(c);
	canvas_puts(c, row, col < 0 ? 0 : col, vst, vname);
}

/* the warnings about program pi (or about none in particular): how many, the first */
static uint32_t prog_warnings(const struct model *m, uint32_t pi, uint32_t *first)
{
	uint32_t n = 0;

	for (uint32_t w = 0; w < m->warnings.n; w++)
		if (model_warning_about(m, w, pi) && !n++)
			*first = w;
	return n;
}

static void draw_status(struct ui *ui, struct canvas *c, int row)
{
	const struct program *p = ui->x.p;
	struct step cur_step;
	const struct step *s = explore_cur(&ui->x, &cur_step);
	const struct subprog *sp = s ? program_subprog_at(p, s->insn) : NULL;
	char buf[512], nm[64] = "", *err = NULL, cw[64] = "";
	const char *unit = "", *ctx = "";
	const char *right = "h help  q quit ";
	int rw = canvas_width(right, -1), at;
	uint32_t spath;

	canvas_fill(c, (struct rect){ row, 0, 1, c->cols }, STYLE_STATUS, " ");
	if (sp) {
		view_subprog_name(ui, sp, nm, sizeof(nm));
		ctx = sp->contexts ? view_ctx_name(sp->contexts) : "";
	}
	/* the analysis' context at this step; the subprog's contexts without one */
	if (s && sleep_step_context(p, ui->x.step)) {
		sleep_ctx_words(sleep_step_context(p, ui->x.step), cw, sizeof(cw));
		ctx = cw;
	}
	spath = s ? step_path(p, ui->x.step) : IDX_NONE;
	if (s && spath < p->paths.n && p->paths.v[spath].unit < p->units.n)
		unit = unit_kind_name(&p->units.v[p->paths.v[spath].unit]);
	if (p->verdict == VERDICT_REJECTED)
		err = program_error_text(ui->m, p);
	if (s)
		snprintf(buf, sizeof(buf), " step %u/%u  insn %u  %s  %s  %s%s%s%s%s",
			 ui->x.step + 1, explore_nsteps(&ui->x), s->insn, nm, unit, ctx,
			 *ctx ? "  " : "", verdict_name(p->verdict), err ? ": " : "",
			 err ? err : "");
	else
		snprintf(buf, sizeof(buf), " step 0/0  %s%s%s", verdict_name(p->verdict),
			 err ? ": " : "", err ? err : "");
	free(err);
	at = c->cols - rw;
	if (at < canvas_width(" step 999/999 ", -1))
		at = c->cols; /* no room for the hint */
	if (canvas_width(buf, -1) > at - 1 && at > 2) {
		int fit = canvas_fit(buf, at - 2);

		strcpy(buf + fit, "…");
	}
	canvas_clip(c, (struct rect){ row, 0, 1, at });
	canvas_puts(c, row, 0, STYLE_STATUS, buf);
	canvas_unclip(c);
	if (at < c->cols)
		canvas_puts(c, row, at, STYLE_STATUS_KEY, right);
}

static void draw_message(struct ui *ui, struct canvas *c, int row)
{
	uint32_t nw, first = 0;
	const struct model *m = ui->m;
	const struct program *p = ui->x.p;
	struct step cur_step;
	char buf[512];

	if (ui->mode == UI_PROMPT) {
		int col = canvas_printf(c, row, 0, STYLE_PROMPT, "%c%s", ui->prompt, ui->input);

		canvas_puts(c, row, col, STYLE_CURSOR, " ");
		return;
	}
	if (ui->msg[0]) {
		canvas_puts(c, row, 0, ui->msg_error ? STYLE_ERROR : STYLE_MESSAGE, ui->msg);
		return;
	}
	buf[0] = 0;
	if (p->error.n && ui->x.step == p->error_step && !ui->small) {
		char *err = program_error_text(m, p);

		canvas_printf(c, row, 0, STYLE_ERROR, "✗ %s", err ? err : "");
		free(err);
		return;
	}
	/* an error of a pass after the exploration belongs to no step: said at the end and at its insn */
	if (p->error.n && p->error_after && !ui->small && explore_cur(&ui->x, &cur_step) &&
	    (ui->x.step + 1 == p->steps.n || cur_step.insn == p->error_insn)) {
		char *err = program_error_text(m, p);

		canvas_printf(c, row, 0, STYLE_ERROR, "✗ after the exploration, no step: %s",
			      err ? err : "");
		free(err);
		return;
	}
	if (ui->small)
		snprintf(buf, sizeof(buf), "%dx%d is below %dx%d: one pane at a time (Tab cycles)",
			 c->cols, c->rows, UI_MIN_COLS, UI_MIN_ROWS);
	else if (p->verdict == VERDICT_TRUNCATED)
		snprintf(buf, sizeof(buf), "the log is truncated: the exploration stops early");
	else if ((nw = prog_warnings(m, ui->x.prog, &first)))
		snprintf(buf, sizeof(buf), "%u warning%s: %s", nw, nw > 1 ? "s" : "",
			 strtab_get(&m->str, m->warnings.v[first]));
	else if (program_cold(p)->unknown_lines)
		snprintf(buf, sizeof(buf), "%llu log line%s not understood",
			 (unsigned long long)program_cold(p)->unknown_lines,
			 program_cold(p)->unknown_lines > 1 ? "s" : "");
	canvas_puts(c, row, 0, STYLE_MESSAGE, buf);
}

/* help: every table, each action with all its keys */
static int help_lines(struct ui *ui, struct canvas *c, struct rect r, int skip)
{
	int line = 0, t;

	(void)ui;
#define EMIT(st, ...)                                                                              \
	do {                                                                                       \
		if (line >= skip && line - skip < r.rows)                                          \
			canvas_printf(c, r.row + line - skip, r.col, st, __VA_ARGS__);             \
		line++;                                                                            \
	} while (0)
	EMIT(STYLE_HEADER, "veristep keys (Esc or q closes, j/k scroll)");
	EMIT(STYLE_DEFAULT, "%s", "");
	for (t = 0; t < KEYMAP__COUNT; t++) {
		const struct keymap *km = keymap_get((enum keymap_id)t);
		bool seen[ACT__COUNT] = { 0 };
		size_t i, j;

		if (!km->n)
			continue;
		EMIT(STYLE_HEADER, "%s%s", km->name,
		     t == KEYMAP_GENERIC					     ? "" :
		     t == KEYMAP_OVERLAY || t == KEYMAP_RAWLOG || t == KEYMAP_PICKER ? " overlay" :
		     t == KEYMAP_LESSONS					     ? " screen" :
										       " pane");
		for (i = 0; i < km->n; i++) {
			char keys[64] = "", kn[16];
			enum action a = km->b[i].action;

			if (seen[a])
				continue;
			seen[a] = true;
			for (j = i; j < km->n; j++) {
				if (km->b[j].action != a)
					continue;
				if (keys[0])
					strncat(keys, " ", sizeof(keys) - strlen(keys) - 1);
				strncat(keys, keymap_key_name(km->b[j].key, kn, sizeof(kn)),
					sizeof(keys) - strlen(keys) - 1);
			}
			if (line >= skip && line - skip < r.rows) {
				canvas_puts(c, r.row + line - skip, r.col + 2, STYLE_HELP_KEY,
					    keys);
				canvas_puts(c, r.row + line - skip, r.col + 18, STYLE_DEFAULT,
					    action_help(a));
			}
			line++;
		}
		EMIT(STYLE_DEFAULT, "%s", "");
	}
	EMIT(STYLE_HEADER, "other");
	EMIT(STYLE_DEFAULT, "  10n, 5N ...    a count repeats a move; 25g goes to step 25");
	EMIT(STYLE_DEFAULT, "  :123  :i45     step 123, first visit of insn 45");
	EMIT(STYLE_DEFAULT, "  mouse          click a code line: its next visit; a node: focus");
	EMIT(STYLE_DEFAULT, "%s", "");
	EMIT(STYLE_HEADER, "markers");
	EMIT(STYLE_DEFAULT, "  →  current insn   ✗  error   ↳  branch   ✓  pruned (safe)");
	EMIT(STYLE_DEFAULT, "  ·  never reached  *  register changed at this step");
#undef EMIT
	return line;
}

static const char *sev_name(uint8_t e)
{
	return e == SEV_SET ? "set" : e == SEV_LOST ? "lost" : "violation";
}

/* the `w` text of a program without steps: its subprogs, then the analysis' report of it */
static char *object_explain_text(const struct model *m, const struct program *p)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	uint32_t i;

	if (!f)
		return NULL;
	fprintf(f, "No log: what the object alone predicts.\nsubprograms:\n");
	for (i = 0; i < p->subprogs.n; i++) {
		const struct subprog *sp = &p->subprogs.v[i];
		const char *nm = strtab_get(&m->str, sp->name);

		fprintf(f, "  %s", *nm ? nm : "(unnamed)");
		explain_subprog_suffix(f, m, p, sp);
		fputc('\n', f);
	}
	sleep_report(f, m, p);
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}

static int explain_lines(struct ui *ui, struct canvas *c, struct rect r, int skip)
{
	const struct model *m = ui->m;
	const struct program *p = ui->x.p;
	struct step cur_step;
	const struct step *s = explore_cur(&ui->x, &cur_step);
	const struct subprog *sp = s ? program_subprog_at(p, s->insn) : NULL;
	int line = 0;
	uint32_t i, shown = 0;
	char nm[64] = "";

#define EMIT(st, ...)                                                                              \
	do {                                                                                       \
		if (line >= skip && line - skip < r.rows)                                          \
			canvas_printf(c, r.row + line - skip, r.col, st, __VA_ARGS__);             \
		line++;                                                                            \
	} while (0)
	if (sp)
		view_subprog_name(ui, sp, nm, sizeof(nm));
	if (s)
		EMIT(STYLE_HEADER, "Why? step %u, insn %u%s%s", ui->x.step + 1, s->insn,
		     sp ? " in " : "", nm);
	else
		EMIT(STYLE_HEADER, "Why?");
	EMIT(STYLE_DEFAULT, "%s", "");
	{
		/* the analysis' own explanation of this step, as `veristep report` words it */
		char *text, *ln, *save = NULL;
		int want = -1;

		if ((!ui->explain_text || ui->explain_prog != p ||
		     ui->explain_step != ui->x.step) &&
		    ui->x.step == IDX_NONE) {
			/* no steps (an object alone): what the object predicts, as report says it */
			free(ui->explain_text);
			ui->explain_text = object_explain_text(m, p);
			ui->explain_prog = p;
			ui->explain_step = ui->x.step;
		}
		if (!ui->explain_text || ui->explain_prog != p || ui->explain_step != ui->x.step) {
			size_t cap = 16384;

			free(ui->explain_text);
			ui->explain_text = malloc(cap);
			want = ui->explain_text ?
				       sleep_explain_step(m, p, ui->x.step, ui->explain_text, cap) :
				       -1;
			if (want >= (int)cap) {
				char *bigger = realloc(ui->explain_text, (size_t)want + 1);

				if (bigger) {
					ui->explain_text = bigger;
					want = sleep_explain_step(m, p, ui->x.step, bigger,
								  (size_t)want + 1);
				}
			}
			if (want < 0 && ui->explain_text)
				ui->explain_text[0] = '\0';
			ui->explain_prog = p;
			ui->explain_step = ui->x.step;
		}
		/* strtok_r cuts its input: work on a copy of the cached text */
		text = ui->explain_text ? strdup(ui->explain_text) : NULL;
		want = text ? (int)strlen(text) : -1;
		if (want > 0) {
			for (ln = strtok_r(text, "\n", &save); ln;
			     ln = strtok_r(NULL, "\n", &save)) {
				int w = r.cols > 8 ? r.cols : 8, len = (int)strlen(ln);

				/* wrap long sentences at a blank */
				while (len > w) {
					int cut = w;

					while (cut > w / 2 && ln[cut] != ' ')
						cut--;
					if (cut <= w / 2)
						cut = w;
					EMIT(STYLE_DEFAULT, "%.*s", cut, ln);
					ln += cut;
					len -= cut;
					while (*ln == ' ')
						ln++, len--;
				}
				EMIT(STYLE_DEFAULT, "%s", ln);
			}
		} else {
			EMIT(STYLE_DIM, "No sleepable analysis for this step.");
		}
		free(text);
	}
	if (program_cold(p)->sleep_events.n) {
		EMIT(STYLE_DEFAULT, "%s", "");
		EMIT(STYLE_HEADER, "Where the sleepable context changes in this program:");
		for (i = 0; i < program_cold(p)->sleep_events.n; i++) {
			const struct sleep_event *e = &program_cold(p)->sleep_events.v[i];

			if (e->step != IDX_NONE)
				EMIT(e->event == SEV_VIOLATION ? STYLE_ERROR : STYLE_DEFAULT,
				     "  step %u, insn %u: %s: %s", e->step + 1, e->insn,
				     sev_name(e->event), strtab_get(&m->str, e->reason));
			else
				EMIT(STYLE_DEFAULT, "  insn %u: %s: %s", e->insn,
				     sev_name(e->event), strtab_get(&m->str, e->reason));
		}
	}
	if (program_cold(p)->ctx_args.n) {
		/* the program's context: the BTF types the verifier gave its arguments */
		EMIT(STYLE_DEFAULT, "%s", "");
		EMIT(STYLE_HEADER, "The program's context (argument types the verifier gave it):");
		for (i = 0; i < program_cold(p)->ctx_args.n; i++) {
			const struct ctx_arg *a = &program_cold(p)->ctx_args.v[i];

			EMIT(STYLE_DEFAULT, "  %s arg%u: %s '%s' (btf_id %u)",
			     strtab_get(&m->str, a->func), a->arg, strtab_get(&m->str, a->kind),
			     strtab_get(&m->str, a->type), a->btf_id);
		}
	}
	(void)shown;
	if (s && (s->flags & STEP_ERROR || ui->x.step == p->error_step)) {
		EMIT(STYLE_DEFAULT, "%s", "");
		EMIT(STYLE_HEADER, "The verifier's message here:");
		for (i = 0; i < p->error.n; i++) {
			char buf[512];

			EMIT(STYLE_ERROR, "  %s",
			     view_span(ui, p->error.v[i].off, p->error.v[i].len, buf, sizeof(buf)));
		}
	}
#undef EMIT
	return line;
}

/* the program picker: one row per program of the log */
static void picker_draw(struct ui *ui, struct canvas *c, struct rect r)
{
	const struct model *m = ui->m;
	uint32_t i, first = 0;

	canvas_puts(c, r.row, r.col, STYLE_HEADER,
		    "programs (j/k select, Enter opens, Esc closes)");
	if ((int)ui->picker_sel >= r.rows - 2)
		first = (uint32_t)ui->picker_sel - (uint32_t)(r.rows - 3);
	for (i = first; i < m->progs.n && (int)(i - first) + 2 < r.rows; i++) {
		/* from the packed form: scrolling the list expands no program */
		const struct prog_head h = model_prog_head(m, i);
		const char *nm = strtab_get(&m->str, h.name), *sec = strtab_get(&m->str, h.section);
		int y = r.row + 2 + (int)(i - first);
		bool sel = (int)i == ui->picker_sel;
		char buf[512];

		snprintf(buf, sizeof(buf), "%s %2u  %-24s %s%s%s  %-9s %u steps%s", sel ? "▶" : " ",
			 i + 1, *nm ? nm : "(unnamed)", *sec ? "SEC(\"" : "", sec,
			 *sec ? "\")" : "", verdict_name(h.verdict), h.nsteps,
			 i == ui->x.prog ? "  (shown)" : "");
		if (sel)
			canvas_fill(c, (struct rect){ y, r.col, 1, r.cols }, STYLE_CURSOR, " ");
		canvas_puts(c, y, r.col, sel ? STYLE_CURSOR : STYLE_DEFAULT, buf);
	}
}

static void draw_overlay(struct ui *ui, struct canvas *c, struct rect area, enum ui_mode mode)
{
	struct rect in = { area.row + 1, area.col + 2, area.rows - 2, area.cols - 4 };
	char title[160];
	struct step cur_step;
	int n;

	canvas_fill(c, area, STYLE_DEFAULT, " ");
	if (mode == UI_RAWLOG && explore_cur(&ui->x, &cur_step))
		snprintf(title, sizeof(title),
			 "raw log · step %u/%u, insn %u · j/k line, n/p step, Esc", ui->x.step + 1,
			 explore_nsteps(&ui->x), cur_step.insn);
	else
		snprintf(title, sizeof(title), "%s",
			 mode == UI_HELP    ? "help" :
			 mode == UI_EXPLAIN ? "explain" :
			 mode == UI_PICKER  ? "programs" :
					      "raw log");
	canvas_box(c, area, STYLE_BORDER_FOCUS, title);
	if (in.rows <= 0 || in.cols <= 0)
		return;
	canvas_clip(c, in);
	if (mode == UI_RAWLOG || mode == UI_PICKER) {
		if (mode == UI_RAWLOG)
			rawlog_draw(ui, c, in);
		else
			picker_draw(ui, c, in);
		canvas_unclip(c);
		return;
	}
	if (mode == UI_HELP)
		n = help_lines(ui, c, in, ui->overlay_scroll);
	else
		n = explain_lines(ui, c, in, ui->overlay_scroll);
	canvas_unclip(c);
	ui->overlay_lines = n;
}

static void draw_pane(struct ui *ui, struct canvas *c, int i, struct rect r)
{
	struct view *v = &ui->panes[i];
	struct rect in = { r.row + 1, r.col + 1, r.rows - 2, r.cols - 2 };
	char title[256] = "";

	if (v->ops->title)
		v->ops->title(v, ui, title, sizeof(title));
	else
		snprintf(title, sizeof(title), "%s", v->ops->name);
	if (ui->small) {
		size_t l = strlen(title);

		snprintf(title + l, sizeof(title) - l, "  [%d/%d Tab]", i + 1, PANE__COUNT);
	}
	canvas_box(c, r, i == ui->focus ? STYLE_BORDER_FOCUS : STYLE_BORDER, title);
	if (in.rows <= 0 || in.cols <= 0) {
		v->r = (struct rect){ 0 };
		return;
	}
	v->r = in;
	canvas_clip(c, in);
	v->ops->draw(v, ui, c, in);
	canvas_unclip(c);
}

void ui_draw(struct ui *ui, struct canvas *c)
{
	int rows = c->rows, cols = c->cols, top, h, i;
	struct rect area;

	canvas_clear(c);
	ui->rows = rows;
	ui->cols = cols;
	for (i = 0; i < PANE__COUNT; i++)
		ui->panes[i].r = (struct rect){ 0 };
	if (rows <= 0 || cols <= 0)
		return;
	ui->small = rows < UI_MIN_ROWS || cols < UI_MIN_COLS;
	draw_status(ui, c, rows - 1);
	if (rows < 3)
		return;
	draw_header(ui, c, 0);
	draw_message(ui, c, rows - 2);
	top = 1;
	h = rows - 3;
	area = (struct rect){ top, 0, h, cols };
	if (h <= 0)
		return;
	{
		enum ui_mode mode = ui->mode == UI_PROMPT ? ui->back_mode : ui->mode;

		if (mode != UI_NORMAL) {
			draw_overlay(ui, c, area, mode);
			return;
		}
	}
	if (ui->small) {
		draw_pane(ui, c, ui->focus, area);
		return;
	} else {
		int toph = h * 3 / 5, codew = cols * 11 / 20, graphw = cols / 2;

		if (toph < 8)
			toph = h - 4 > 8 ? 8 : h - 4;
		draw_pane(ui, c, PANE_CODE, (struct rect){ top, 0, toph, codew });
		draw_pane(ui, c, PANE_STATE, (struct rect){ top, codew, toph, cols - codew });
		draw_pane(ui, c, PANE_GRAPH, (struct rect){ top + toph, 0, h - toph, graphw });
		draw_pane(ui, c, PANE_WHERE,
			  (struct rect){ top + toph, graphw, h - toph, cols - graphw });
	}
}

/* ---- text helpers the panes share that need the ui (its model) ---- */

char *view_span(const struct ui *ui, uint64_t off, uint32_t len, char *buf, size_t n)
{
	const struct model *m = ui->m;
	size_t l = len;

	buf[0] = 0;
	if (!n || off >= m->log.len)
		return buf;
	if (l > m->log.len - off)
		l = m->log.len - off;
	if (l > n - 1)
		l = n - 1;
	memcpy(buf, m->log.buf + off, l);
	buf[l] = 0;
	return buf;
}

void view_subprog_name(const struct ui *ui, const struct subprog *s, char *buf, size_t n)
{
	const char *nm = strtab_get(&ui->m->str, s->name);

	if (*nm)
		snprintf(buf, n, "%s", nm);
	else
		snprintf(buf, n, "func#%u", s->id);
}
