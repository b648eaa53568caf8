// SPDX-License-Identifier: MIT
/*
 * code_view.c — the code pane: the program's instructions (from the log:
 * program.insn_line, else the first visit's line), source lines from
 * the program's source lines interleaved, subprog headers, a heat gutter of visit
 * counts and markers (→ current, ✗ error, ↳ branch, ✓ pruned, · never
 * reached). Builds only the rows on screen: a walk of at most a screen's
 * worth of instructions around the cursor.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/bpfobj.h"
#include "parsers/vlog_insn.h"
#include "src/analysis/sleep.h"
#include "src/analysis/why.h"
#include "views/ui.h"

enum row_kind { ROW_SUBPROG, ROW_SRC, ROW_INSN, ROW_ERROR };

struct row {
	uint8_t kind;
	uint32_t insn;
};

/* the line that shows insn i, UINT64_MAX when none */
static uint64_t insn_line(struct ui *ui, uint32_t i)
{
	const struct program *p = ui->x.p;
	uint32_t k;

	if (p->insn_line && i < p->ninsns && p->insn_line[i] != UINT64_MAX)
		return p->insn_line[i];
	k = explore_insn_first_step(&ui->x, i);
	return k == IDX_NONE ? UINT64_MAX : step_off(p, k);
}

/* the object program joined with this one, NULL when there is none */
static const struct bpfobj_prog *obj_prog(struct ui *ui)
{
	return ui->m->obj ? bpfobj_joined(ui->m, ui->x.prog) : NULL;
}

static bool insn_exists(struct ui *ui, uint32_t i)
{
	const struct bpfobj_prog *op = obj_prog(ui);

	if (op && i < op->ninsns)
		return op->info[i].kind != BPFOBJ_INSN_LD64_HI;
	return insn_line(ui, i) != UINT64_MAX;
}

/*
 * The source line in force at insn i: with an object, its BTF line_info
 * (index in op->lines, so never-reached code has source too); else the
 * log's "; text @ file:line" of the first visit (index in program_srcs(p)).
 */
static uint32_t insn_src(struct ui *ui, uint32_t i)
{
	const struct bpfobj_prog *op = obj_prog(ui);
	uint32_t k;

	if (op && op->nlines) {
		const struct bpfobj_line *l = bpfobj_line_at(op, i);

		return l ? (uint32_t)(l - op->lines) : IDX_NONE;
	}
	k = explore_insn_first_step(&ui->x, i);
	return k == IDX_NONE ? IDX_NONE : step_src(ui->x.p, k);
}

/* do two insn_src() values name the same source line? */
static bool src_same(struct ui *ui, uint32_t a, uint32_t b)
{
	const struct bpfobj_prog *op = obj_prog(ui);

	if (a == b)
		return true;
	if (!op || !op->nlines || a == IDX_NONE || b == IDX_NONE)
		return false;
	return op->lines[a].line == op->lines[b].line && op->lines[a].file && op->lines[b].file &&
	       !strcmp(op->lines[a].file, op->lines[b].file);
}

/* the rows insn i contributes, in order; returns how many (<= 4) */
static int rows_of(struct ui *ui, uint32_t i, struct row *out)
{
	const struct program *p = ui->x.p;
	int n = 0;
	uint32_t j, src;

	if (!insn_exists(ui, i))
		return 0;
	if (p->subprogs.n > 1) {
		for (j = 0; j < p->subprogs.n; j++)
			if (p->subprogs.v[j].start == i) {
				out[n++] = (struct row){ ROW_SUBPROG, i };
				break;
			}
	}
	src = insn_src(ui, i);
	if (ui->show_source && src != IDX_NONE) {
		uint32_t prev = IDX_NONE;

		for (j = i; j > 0 && i - j < 64;) {
			j--;
			if (insn_exists(ui, j)) {
				prev = insn_src(ui, j);
				break;
			}
		}
		if (!src_same(ui, prev, src) || (n && out[0].kind == ROW_SUBPROG))
			out[n++] = (struct row){ ROW_SRC, i };
	}
	out[n++] = (struct row){ ROW_INSN, i };
	if (i == p->error_insn && p->error.n)
		out[n++] = (struct row){ ROW_ERROR, i };
	return n;
}

/*
 * "N: (b7) r1 = 0   ; R1=0" (or the "(xx) ..." the disassembler prints) →
 * "r1 = 0" and the trailer, cut by the log's one instruction grammar
 */
static void split_insn(const char *line, const char **text, int *tlen, const char **delta)
{
	size_t n = strlen(line);
	struct vlog_insn vi;
	uint32_t insn, at = 0;
	bool ok = n <= UINT32_MAX && vlog_insn_line(line, (uint32_t)n, &insn, &at, &vi);

	if (!ok && n <= UINT32_MAX) {
		at = 0;
		ok = vlog_insn_split(line, (uint32_t)n, &vi);
	}
	*delta = NULL;
	if (!ok) {
		*text = line;
		*tlen = (int)(n > INT32_MAX ? INT32_MAX : n);
		return;
	}
	*text = line + at + vi.text;
	*tlen = (int)(vi.text_end - vi.text);
	if (vi.trailer)
		*delta = line + at + vi.trailer;
}

static enum style heat_style(struct ui *ui, uint32_t v)
{
	uint32_t max = ui->heat_max;

	if (!max) {
		uint32_t i, n = explore_ninsns(&ui->x);

		for (i = 0; i < n; i++)
			if (explore_insn_visits(&ui->x, i) > max)
				max = explore_insn_visits(&ui->x, i);
		ui->heat_max = max ? max : 1;
		max = ui->heat_max;
	}
	if (max < 4 || v * 4 < max)
		return STYLE_HEAT_LOW;
	if (v * 4 < max * 3)
		return STYLE_HEAT_MID;
	return STYLE_HEAT_HIGH;
}

static void draw_row(struct ui *ui, struct canvas *c, int y, int x0, int w, const struct row *r,
		     bool cur)
{
	const struct program *p = ui->x.p;
	char buf[1024], num[16];
	int col = x0;

	switch (r->kind) {
	case ROW_SUBPROG: {
		const struct subprog *sp = program_subprog_at(p, r->insn);
		char nm[64] = "", kind[64] = "";

		if (sp) {
			view_subprog_name(ui, sp, nm, sizeof(nm));
			view_subprog_kind(sp, kind, sizeof(kind));
		}
		col = canvas_printf(c, y, x0, STYLE_HEADER, "── %s%s%s", nm, *kind ? "  " : "",
				    kind);
		if (sp && sp->contexts)
			col = canvas_printf(c, y, col,
					    sp->contexts & CTX_NON_SLEEPABLE ? STYLE_NON_SLEEPABLE :
									       STYLE_SLEEPABLE,
					    " · %s", view_ctx_name(sp->contexts));
		canvas_puts(c, y, col, STYLE_HEADER, " ");
		canvas_fill(c, (struct rect){ y, col + 1, 1, x0 + w - col - 1 }, STYLE_HEADER, "─");
		break;
	}
	case ROW_SRC: {
		uint32_t src = insn_src(ui, r->insn);
		const struct bpfobj_prog *op = obj_prog(ui);
		char *at, *t, *slash;

		if (op && op->nlines) {
			const struct bpfobj_line *l = &op->lines[src];

			snprintf(buf, sizeof(buf), "; %s @ %s:%u", l->src, l->file, l->line);
		} else {
			struct span sl = src_line(ui->m, p, src);

			view_span(ui, sl.off, sl.len, buf, sizeof(buf));
		}
		t = buf[0] == ';' ? buf + 1 : buf;
		while (*t == ' ' || *t == '\t')
			t++;
		at = strstr(t, " @ ");
		if (at)
			*at = 0;
		col = canvas_puts(c, y, x0 + 7, STYLE_SOURCE, *t ? t : "(no source text)");
		if (at) {
			slash = strrchr(at + 3, '/');
			canvas_printf(c, y, col + 2, STYLE_DIM, "%s", slash ? slash + 1 : at + 3);
		}
		break;
	}
	case ROW_INSN: {
		uint64_t off = insn_line(ui, r->insn);
		struct span ln = model_line_at(ui->m, off);
		const struct bpfobj_prog *op = obj_prog(ui);
		unsigned int f = explore_insn_flags(&ui->x, r->insn);
		uint32_t v = explore_insn_visits(&ui->x, r->insn);
		const char *text, *delta, *mk = " ";
		enum style mst = STYLE_DEFAULT, tst = cur ? STYLE_CURSOR : STYLE_INSN;
		int tlen;

		if (off == UINT64_MAX && op && r->insn < op->ninsns)
			bpfobj_disasm(op, r->insn, buf, sizeof(buf)); /* never reached */
		else
			view_span(ui, ln.off, ln.len, buf, sizeof(buf));
		split_insn(buf, &text, &tlen, &delta);
		if (f & XI_ERROR)
			mk = "✗", mst = STYLE_ERROR;
		else if (!v)
			mk = "·", mst = STYLE_DIM;
		else if (f & XI_PRUNED)
			mk = "✓", mst = STYLE_PRUNE;
		else if (f & XI_BRANCH)
			mk = "↳", mst = STYLE_BRANCH;
		if (cur) {
			canvas_fill(c, (struct rect){ y, x0, 1, w }, STYLE_CURSOR, " ");
			canvas_puts(c, y, x0, STYLE_CURSOR, "→");
		} else if (why_ui_marks(ui, r->insn)) {
			canvas_puts(c, y, x0, STYLE_MATCH, "◆"); /* a link of the `y` chain */
		}
		canvas_puts(c, y, x0 + 1, cur ? STYLE_CURSOR : mst, mk);
		if (v)
			canvas_printf(c, y, x0 + 2, cur ? STYLE_CURSOR : heat_style(ui, v), "%4s",
				      view_count(v, num, sizeof(num)));
		col = canvas_printf(c, y, x0 + 6, cur ? STYLE_CURSOR : STYLE_INSN_NUM, "%5u",
				    r->insn);
		col = canvas_putn(c, y, col + 1, v ? tst : STYLE_DIM, text, tlen);
		{
			char lbl[192];

			if (program_call_label(ui->m, p, r->insn, lbl, sizeof(lbl)))
				col = canvas_printf(c, y, col, cur ? STYLE_CURSOR : STYLE_DIM,
						    "  → %s", lbl);
		}
		{
			/* a helper or kfunc call: its arguments, with their values at the cursor */
			char names[HELPER_MAX_ARGS][32], call[640];
			const char *callee;
			struct step cur_step;
			const struct step *s = cur ? explore_cur(&ui->x, &cur_step) : NULL;
			int na = why_call_args(ui->m, p, r->insn, names, &callee);

			if (na >= 0 && s && s->insn == r->insn &&
			    why_call_text(ui->m, p, ui->x.step, call, sizeof(call))) {
				const char *args = strchr(call, '(');

				/* the callee's name is in the text already: its arguments only */
				col = canvas_printf(c, y, col, STYLE_CURSOR, "  ⇒ %s",
						    args ? args : call);
			} else if (na >= 0) {
				size_t len = 0;

				call[0] = 0;
				for (int a = 0; a < na && len < sizeof(call); a++)
					len += (size_t)snprintf(call + len, sizeof(call) - len,
								"%s%s", a ? ", " : "", names[a]);
				col = canvas_printf(c, y, col, cur ? STYLE_CURSOR : STYLE_DIM,
						    "  (%s)", call);
			}
		}
		{
			/* what the sleepable analysis says happens here */
			uint32_t e;

			for (e = 0; e < program_cold(p)->sleep_events.n; e++) {
				const struct sleep_event *ev = &program_cold(p)->sleep_events.v[e];

				if (ev->insn != r->insn)
					continue;
				col = canvas_printf(
					c, y, col,
					ev->event == SEV_VIOLATION ? STYLE_ERROR :
					ev->event == SEV_LOST	   ? STYLE_NON_SLEEPABLE :
								     STYLE_SLEEPABLE,
					"  %s%s%s%s",
					ev->event == SEV_VIOLATION ? "✗ may sleep here" :
					ev->event == SEV_LOST	   ? "↓ non-sleepable from here" :
								     "↑ sleepable from here",
					ev->event != SEV_VIOLATION &&
							(ev->cause == SEVC_REGION_OPEN ||
							 ev->cause == SEVC_REGION_CLOSE) ?
						" (" :
						"",
					ev->event != SEV_VIOLATION &&
							(ev->cause == SEVC_REGION_OPEN ||
							 ev->cause == SEVC_REGION_CLOSE) ?
						sleep_region_kind_name(ev->region) :
						"",
					ev->event != SEV_VIOLATION &&
							(ev->cause == SEVC_REGION_OPEN ||
							 ev->cause == SEVC_REGION_CLOSE) ?
						")" :
						"");
				break;
			}
		}
		if (cur && delta) {
			struct step cur_step;
			const struct step *s = explore_cur(&ui->x, &cur_step);
			char d[512];

			/* the trailer of the current visit, not of the first one */
			if (s) {
				struct span sl = model_line_at(ui->m, s->off);
				const char *t2, *d2;
				int l2;

				view_span(ui, sl.off, step_text(ui->m, s).len, d, sizeof(d));
				split_insn(d, &t2, &l2, &d2);
				delta = d2;
			}
			if (delta)
				canvas_printf(c, y, col + 2, STYLE_CURSOR, "; %s", delta);
		}
		break;
	}
	case ROW_ERROR: {
		char *err = program_error_text(ui->m, p);

		canvas_printf(c, y, x0 + 7, STYLE_ERROR, "✗ %s", err ? err : "");
		free(err);
		break;
	}
	}
}

static void code_draw(struct view *v, struct ui *ui, struct canvas *c, struct rect r)
{
	struct step cur_step;
	const struct step *s = explore_cur(&ui->x, &cur_step);
	uint32_t n = explore_ninsns(&ui->x), cur = s ? s->insn : 0, i;
	struct row rows[VIEW_MAX_ROWS], below[VIEW_MAX_ROWS], tmp[4];
	int nrows = 0, above = 0, want_above, k, j,
	    h = r.rows < VIEW_MAX_ROWS ? r.rows : VIEW_MAX_ROWS;
	int cur_row = -1;
	uint32_t real;

	if (!n) {
		canvas_puts(c, r.row, r.col, STYLE_DIM, "no instructions in this log");
		return;
	}
	if (cur >= n)
		cur = n - 1;
	real = cur;
	/* PgUp/PgDn/Home/End moved the view away from the cursor until the next move */
	if (v->scroll && v->scroll_step == ui->x.step) {
		long a = (long)cur + v->scroll;

		cur = a < 0 ? 0 : a >= (long)n ? n - 1 : (uint32_t)a;
	} else {
		v->scroll = 0;
	}
	want_above = h / 3;
	/* rows from the current insn down, then as many above as leave no blank at the end */
	for (i = cur; i < n && nrows < h; i++) {
		int m = rows_of(ui, i, tmp);

		for (j = 0; j < m && nrows < h; j++) {
			if (i == real && tmp[j].kind == ROW_INSN)
				cur_row = nrows;
			below[nrows++] = tmp[j];
		}
	}
	if (want_above < h - nrows)
		want_above = h - nrows;
	for (i = cur; i > 0 && above < want_above;) {
		int m;

		i--;
		m = rows_of(ui, i, tmp);
		for (j = m - 1; j >= 0 && above < want_above; j--) {
			if (i == real && tmp[j].kind == ROW_INSN)
				cur_row =
					-2 - above; /* counted from the bottom of the rows above */
			rows[VIEW_MAX_ROWS - 1 - above++] = tmp[j];
		}
	}
	for (k = 0; k < above; k++)
		rows[k] = rows[VIEW_MAX_ROWS - above + k];
	for (k = 0; k < nrows && above + k < h; k++)
		rows[above + k] = below[k];
	nrows = above + k;
	if (cur_row >= 0)
		cur_row += above;
	else if (cur_row < -1)
		cur_row = above - 1 - (-2 - cur_row);
	for (k = 0; k < nrows; k++) {
		v->row_item[k] = rows[k].insn;
		draw_row(ui, c, r.row + k, r.col, r.cols, &rows[k], k == cur_row && s);
	}
	for (; k < VIEW_MAX_ROWS; k++)
		v->row_item[k] = IDX_NONE;
}

static int code_handle(struct view *v, struct ui *ui, enum action a)
{
	uint32_t n = explore_ninsns(&ui->x);
	struct step cur_step;
	const struct step *s = explore_cur(&ui->x, &cur_step);
	long cur = s ? (long)s->insn : 0, page = v->r.rows > 3 ? v->r.rows - 2 : 1, at;

	if (!n)
		return VIEW_IGNORED;
	if (v->scroll_step != ui->x.step)
		v->scroll = 0;
	at = cur + v->scroll;
	switch (a) {
	case ACT_PAGE_UP:
		at -= page;
		break;
	case ACT_PAGE_DOWN:
		at += page;
		break;
	case ACT_SCROLL_TOP:
		at = 0;
		break;
	case ACT_SCROLL_BOTTOM:
		at = (long)n - 1;
		break;
	case ACT_CANCEL:
		if (!v->scroll)
			return VIEW_IGNORED;
		at = cur;
		break;
	default:
		return VIEW_IGNORED;
	}
	if (at < 0)
		at = 0;
	if (at >= (long)n)
		at = (long)n - 1;
	v->scroll = (int)(at - cur);
	v->scroll_step = ui->x.step;
	if (v->scroll)
		ui_message(ui, false, "code scrolled to insn %ld (any move or Esc returns)", at);
	return VIEW_REDRAW;
}

static void code_title(struct view *v, struct ui *ui, char *buf, size_t n)
{
	struct step cur_step;
	const struct step *s = explore_cur(&ui->x, &cur_step);
	const struct subprog *sp = s ? program_subprog_at(ui->x.p, s->insn) : NULL;
	char nm[64] = "", kind[64] = "";

	(void)v;
	if (sp) {
		view_subprog_name(ui, sp, nm, sizeof(nm));
		view_subprog_kind(sp, kind, sizeof(kind));
	}
	snprintf(buf, n, "code: %s%s%s%s", nm, *kind ? "  " : "", kind,
		 ui->show_source ? "" : "  (source hidden: s)");
}

static int code_click(struct view *v, struct ui *ui, int row, int col)
{
	(void)col;
	if (row < 0 || row >= VIEW_MAX_ROWS || v->row_item[row] == IDX_NONE)
		return VIEW_IGNORED;
	if (explore_goto_insn_near(&ui->x, v->row_item[row]))
		ui_message(ui, true, "insn %u was never visited", v->row_item[row]);
	return VIEW_REDRAW;
}

const struct view_ops code_view_ops = {
	.name = "code",
	.keymap = KEYMAP_CODE,
	.draw = code_draw,
	.title = code_title,
	.handle = code_handle,
	.click = code_click,
};
