// SPDX-License-Identifier: MIT
/*
 * test_views.c — the TUI without a terminal: a model drawn onto a canvas,
 * key sequences applied, canvas_dump() compared with expected text.
 * Hand-built models (fixture.h) always; the corpus when present.
 * Set VERISTEP_DUMP=1 to print every screen.
 */
#include <errno.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <stdio.h>
#include <dirent.h>
#include <unistd.h>
#include <cmocka.h>

#include "src/analysis/sleep.h"
#include "src/load.h"
#include "views/canvas.h"
#include "views/keymap.h"
#include "views/ui.h"
#include "tests/unit/corpus.h"
#include "tests/unit/fixture.h"
#include "tests/unit/loop_log.h"
#include "tests/unit/screens.h"

static char *render(struct ui *ui, int rows, int cols)
{
	struct canvas *c = canvas_new(rows, cols);
	char *d;

	assert_non_null(c);
	ui_draw(ui, c);
	d = canvas_dump(c);
	canvas_free(c);
	if (getenv("VERISTEP_DUMP"))
		printf("---- %dx%d\n%s----\n", cols, rows, d);
	return d;
}

/* feed keys: plain characters, with "\x01" style escapes for specials kept simple */
static void keys(struct ui *ui, const char *s)
{
	for (; *s; s++) {
		struct key k = { (unsigned char)*s, 0, 0 };

		if (*s == '\n')
			k.code = KEYC_ENTER;
		ui_key(ui, k);
		while (ui_busy(ui))
			ui_work(ui);
	}
}

static void key(struct ui *ui, int code)
{
	struct key k = { code, 0, 0 };

	ui_key(ui, k);
}

static void assert_has(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("expected \"%s\" in the screen:\n%s", needle, hay);
}

static void assert_lacks(const char *hay, const char *needle)
{
	if (strstr(hay, needle))
		fail_msg("did not expect \"%s\" in the screen:\n%s", needle, hay);
}

/* ---- canvas ---- */

static void test_canvas_basics(void **state)
{
	struct canvas *c = canvas_new(3, 10);
	char *d;

	(void)state;
	assert_int_equal(canvas_puts(c, 0, 0, STYLE_DEFAULT, "hello, world"), 12);
	canvas_puts(c, 1, 8, STYLE_ERROR, "✗✗✗");
	canvas_puts(c, 2, -2, STYLE_DEFAULT, "abcd");
	canvas_puts(c, 5, 0, STYLE_DEFAULT, "off the canvas");
	d = canvas_dump(c);
	/* cut text ends with an ellipsis */
	assert_string_equal(d, "hello, wo…\n        ✗…\ncd\n");
	free(d);
	assert_int_equal(canvas_cell(c, 1, 8)->style, STYLE_ERROR);
	/* wide characters: two columns, never split at the edge */
	canvas_clear(c);
	assert_int_equal(canvas_puts(c, 0, 0, STYLE_DEFAULT, "日本語ab"), 8);
	canvas_puts(c, 1, 9, STYLE_DEFAULT, "日");
	canvas_puts(c, 2, 0, STYLE_DEFAULT, "a\x01" "b\xff" "c");
	d = canvas_dump(c);
	assert_string_equal(d, "日本語ab\n\na?b?c\n");
	free(d);
	/* overwriting half of a wide character blanks the other half */
	canvas_puts(c, 0, 1, STYLE_DEFAULT, "x");
	d = canvas_dump(c);
	assert_string_equal(d, " x本語ab\n\na?b?c\n");
	free(d);
	assert_int_equal(canvas_width("→✗·", -1), 3);
	assert_int_equal(canvas_width("e\xcc\x81", -1), 1); /* combining acute */
	assert_int_equal(canvas_fit("日本語", 5), 6);
	canvas_free(c);
}

static void test_canvas_clip_box(void **state)
{
	struct canvas *c = canvas_new(4, 12);
	char *d;

	(void)state;
	canvas_box(c, (struct rect){ 0, 0, 4, 12 }, STYLE_BORDER, "a long title");
	canvas_clip(c, (struct rect){ 1, 1, 2, 10 });
	canvas_puts(c, 1, 1, STYLE_DEFAULT, "clipped at the border");
	canvas_puts(c, 3, 1, STYLE_DEFAULT, "outside");
	canvas_unclip(c);
	d = canvas_dump(c);
	assert_string_equal(d, "┌ a long t…┐\n"
			       "│clipped a…│\n"
			       "│          │\n"
			       "└──────────┘\n");
	free(d);
	/* degenerate sizes never crash */
	assert_int_equal(canvas_resize(c, 0, 0), 0);
	canvas_puts(c, 0, 0, STYLE_DEFAULT, "x");
	canvas_box(c, (struct rect){ 0, 0, 1, 1 }, STYLE_BORDER, "t");
	d = canvas_dump(c);
	assert_string_equal(d, "");
	free(d);
	canvas_free(c);
}

/* ---- keymap ---- */

static void test_keymap_unique(void **state)
{
	int t;

	(void)state;
	for (t = 0; t < KEYMAP__COUNT; t++) {
		const struct keymap *km = keymap_get((enum keymap_id)t);
		size_t i, j;

		for (i = 0; i < km->n; i++) {
			assert_true(km->b[i].action > ACT_NONE && km->b[i].action < ACT__COUNT);
			for (j = i + 1; j < km->n; j++)
				if (km->b[i].key == km->b[j].key)
					fail_msg("key %d bound twice in the %s table", km->b[i].key,
						 km->name);
		}
	}
	assert_int_equal(keymap_lookup(KEYMAP_CODE, 'n'), ACT_STEP_NEXT);
	assert_int_equal(keymap_lookup(KEYMAP_GRAPH, KEYC_DOWN), ACT_SEL_DOWN);
	assert_int_equal(keymap_lookup(KEYMAP_CODE, KEYC_DOWN), ACT_STEP_NEXT);
	assert_int_equal(keymap_lookup(KEYMAP_GENERIC, 'o'), ACT_STEP_OVER);
	assert_string_equal(action_name(ACT_STEP_OVER), "step-over");
	assert_non_null(strstr(action_help(ACT_STEP_OVER), "step over"));
}

static void test_theme(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < STYLE__COUNT; i++) {
		struct theme_style t = theme_get((enum style)i, true);

		assert_int_equal(t.fg, TC_DEFAULT);
		assert_int_equal(t.bg, TC_DEFAULT);
	}
	assert_string_equal(theme_name(STYLE_ERROR), "ERROR");
	assert_int_equal(theme_get(STYLE_ERROR, false).fg, TC_RED);
}

/* ---- the fixture model ---- */

struct vfx {
	struct model *m;
	struct ui *ui;
};

static int setup(void **state)
{
	struct vfx *f = calloc(1, sizeof(*f));
	struct ui_opts o = { 0 };

	f->m = fx_model();
	f->ui = ui_new(f->m, &o);
	assert_non_null(f->ui);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct vfx *f = *state;

	ui_free(f->ui);
	load_free(f->m);
	free(f);
	return 0;
}

static void test_opens_on_error(void **state)
{
	struct ui *ui = ((struct vfx *)*state)->ui;
	char *d = render(ui, 24, 80);

	assert_has(d, "step 10/10");
	assert_has(d, "insn 8");
	assert_has(d, "timer_cb");
	assert_has(d, "NON-SLEEPABLE  rejecte");
	assert_has(d, "\n✗ global functions that may sleep are not allowed");
	assert_has(d, "✗ global functions that may sleep");
	assert_has(d, "REJECTED");
	assert_has(d, "unit 2/2  async callback timer_cb");
	assert_has(d, "pushed at step 6 by insn 3");
	assert_has(d, "└ timer_cb static · async callback");
	free(d);
}

static void test_step_keys(void **state)
{
	struct ui *ui = ((struct vfx *)*state)->ui;
	char *d;

	keys(ui, "g");
	d = render(ui, 24, 80);
	assert_has(d, "step 1/10");
	free(d);
	keys(ui, "nnn");
	d = render(ui, 24, 80);
	assert_has(d, "step 4/10");
	free(d);
	keys(ui, "p");
	d = render(ui, 24, 80);
	assert_has(d, "step 3/10");
	assert_has(d, "helper");
	free(d);
	keys(ui, "e");
	d = render(ui, 24, 80);
	assert_has(d, "step 10/10");
	free(d);
	/* count prefix, :N, :iN */
	keys(ui, "g5n");
	assert_int_equal(ui->x.step, 5);
	keys(ui, ":3\n");
	assert_int_equal(ui->x.step, 2);
	keys(ui, ":i4\n");
	assert_int_equal(ui->x.step, 6);
	keys(ui, ":99\n");
	assert_int_equal(ui->x.step, 6);
	d = render(ui, 24, 80);
	assert_has(d, "no step 99 (1..10)");
	free(d);
	keys(ui, "7g");
	assert_int_equal(ui->x.step, 6);
	keys(ui, "v");
	assert_int_equal(ui->x.step, 7);
	/* a huge count on the visit ring: at once, where count mod visits lands */
	{
		uint32_t nv = explore_insn_visits(&ui->x, step_insn(ui->x.p, ui->x.step)), k;
		struct timespec t0, t1;
		double sec;

		assert_true(nv >= 2);
		keys(ui, "7g");
		for (k = 0; k < 999999999u % nv; k++)
			explore_next_visit(&ui->x);
		k = ui->x.step;
		keys(ui, "7g");
		clock_gettime(CLOCK_MONOTONIC, &t0);
		keys(ui, "999999999v");
		clock_gettime(CLOCK_MONOTONIC, &t1);
		sec = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		assert_true(sec < 1.0);
		assert_int_equal(ui->x.step, k);
		keys(ui, "7g");
		keys(ui, "v");
	}
	keys(ui, "b");
	assert_int_equal(ui->x.step, 4);
	keys(ui, "g");
	keys(ui, "n");
	keys(ui, "o");
	assert_int_equal(ui->x.step, 4);
	keys(ui, "G");
	assert_int_equal(ui->x.step, 9);
	keys(ui, "N");
	d = render(ui, 24, 80);
	assert_has(d, "no next path");
	free(d);
}

static void test_search_keys(void **state)
{
	struct ui *ui = ((struct vfx *)*state)->ui;
	char *d;

	keys(ui, "g/exit\n");
	assert_int_equal(ui->x.step, 3);
	keys(ui, "]");
	assert_int_equal(ui->x.step, 6);
	keys(ui, "[");
	assert_int_equal(ui->x.step, 3);
	keys(ui, "/nosuchthing\n");
	assert_int_equal(ui->x.step, 3);
	d = render(ui, 24, 80);
	assert_has(d, "pattern not found: nosuchthing");
	free(d);
	/* POSIX extended regular expressions, with the match count */
	keys(ui, "g/r[0-9] = 4[0-9]\n");
	assert_int_equal(ui->x.step, 8);
	d = render(ui, 24, 80);
	assert_has(d, "/r[0-9] = 4[0-9]  1/1");
	free(d);
	keys(ui, "g/EXIT|exit\n");
	assert_int_equal(ui->x.step, 3);
	d = render(ui, 24, 80);
	assert_has(d, "/EXIT|exit  1/3");
	free(d);
	/* a capital letter makes it case-sensitive; lower case matches any case */
	keys(ui, "g/EXIT\n");
	assert_int_equal(ui->x.step, 0);
	keys(ui, "g/ASYNC_CB\n");
	assert_int_equal(ui->x.step, 0);
	keys(ui, "g/async_cb\n");
	assert_int_equal(ui->x.step, 8);
	/* ? searches backward; ] follows its direction, [ goes against it */
	keys(ui, "G?exit\n");
	assert_int_equal(ui->x.step, 7);
	keys(ui, "]");
	assert_int_equal(ui->x.step, 6);
	d = render(ui, 24, 80);
	assert_has(d, "?exit  2/3");
	free(d);
	keys(ui, "[");
	assert_int_equal(ui->x.step, 7);
	/* the raw log lines of a step: mark_precise-like lines, caller/callee blocks */
	keys(ui, "g/^caller:$\n");
	assert_int_equal(ui->x.step, 2);
	/* a bad pattern says why */
	keys(ui, "/r[0-\n");
	d = render(ui, 24, 80);
	assert_has(d, "bad pattern: ");
	free(d);
	/* a prompt shows what is typed */
	keys(ui, "/r0");
	d = render(ui, 24, 80);
	assert_has(d, "/r0");
	free(d);
	key(ui, KEYC_ESC);
	assert_int_equal(ui->mode, UI_NORMAL);
}

/* r: the raw log around the step, synced both ways; PgDn scrolls the code pane; m */
static void test_rawlog_scroll_picker(void **state)
{
	struct ui *ui = ((struct vfx *)*state)->ui;
	char *d;

	keys(ui, "3g"); /* step 3: insn 5, in the callee */
	assert_int_equal(ui->x.step, 2);
	keys(ui, "r");
	assert_int_equal(ui->mode, UI_RAWLOG);
	d = render(ui, 24, 80);
	assert_has(d, "raw log · step 3/10, insn 5");
	assert_has(d, "caller:");	 /* every line of the log, */
	assert_has(d, " frame1: R1=0 R10=fp0"); /* the callee block too */
	assert_has(d, "→ 5: (b7) r0 = 1");
	free(d);
	keys(ui, "n"); /* a step move: the raw log follows */
	assert_int_equal(ui->x.step, 3);
	d = render(ui, 24, 80);
	assert_has(d, "→ 6: (95) exit");
	free(d);
	keys(ui, "jj"); /* two lines down: "returning from callee:" and its state, step 5's */
	assert_int_equal(ui->x.step, 4);
	keys(ui, "k");
	assert_int_equal(ui->x.step, 4);
	keys(ui, "k"); /* back on the exit line: step 4 (index 3) again */
	assert_int_equal(ui->x.step, 3);
	keys(ui, "k"); /* the callee's "5: r0 = 1": step 3 (index 2) */
	assert_int_equal(ui->x.step, 2);
	key(ui, KEYC_ESC);
	assert_int_equal(ui->mode, UI_NORMAL);
	/* PgDn scrolls the focused code pane, a move brings it back */
	keys(ui, "g");
	assert_int_equal(ui->focus, PANE_CODE);
	key(ui, KEYC_PGDN);
	assert_true(ui->panes[PANE_CODE].scroll > 0);
	d = render(ui, 24, 80);
	assert_has(d, "code scrolled to insn");
	free(d);
	assert_int_equal(ui->x.step, 0);
	keys(ui, "n");
	d = render(ui, 24, 80);
	assert_int_equal(ui->panes[PANE_CODE].scroll, 0);
	free(d);
	/* End on the code pane shows the last insn; elsewhere it is the last step */
	key(ui, KEYC_END);
	assert_int_equal(ui->x.step, 1);
	keys(ui, "\t");
	key(ui, KEYC_END);
	assert_int_equal(ui->x.step, 9);
	/* one program: the picker says so */
	keys(ui, "m");
	assert_int_equal(ui->mode, UI_NORMAL);
	d = render(ui, 24, 80);
	assert_has(d, "one program in this log");
	free(d);
}

static void test_help_and_explain(void **state)
{
	struct ui *ui = ((struct vfx *)*state)->ui;
	char *d;

	keys(ui, "h");
	d = render(ui, 24, 80);
	assert_has(d, "step over a call");
	assert_has(d, "next step");
	assert_lacks(d, "graph pane");
	free(d);
	keys(ui, "jjjjjjjjjjjjjjjjjjjjjjjjjjjj"); /* past the why keys too */
	d = render(ui, 24, 80);
	assert_has(d, "graph pane");
	assert_has(d, "jump to the first step of the selected subprog");
	free(d);
	keys(ui, "q"); /* closes help, does not quit */
	assert_int_equal(ui->mode, UI_NORMAL);
	keys(ui, "w");
	d = render(ui, 24, 80);
	assert_has(d, "Why? step 10, insn 8 in timer_cb");
	assert_has(d, "Why is this instruction refused?");
	assert_has(d, "timer_cb (async)");
	assert_has(d, "global functions that may sleep are not allowed");
	free(d);
	key(ui, KEYC_ESC);
	assert_int_equal(ui->mode, UI_NORMAL);
	assert_int_equal(ui_key(ui, (struct key){ 'q', 0, 0 }) & VIEW_QUIT, VIEW_QUIT);
}

static void test_panes_focus_graph(void **state)
{
	struct ui *ui = ((struct vfx *)*state)->ui;
	char *d;

	keys(ui, "\t\t"); /* code → state → graph */
	assert_int_equal(ui->focus, PANE_GRAPH);
	d = render(ui, 24, 80);
	free(d);
	key(ui, KEYC_DOWN); /* select helper */
	key(ui, KEYC_ENTER);
	assert_int_equal(ui->x.step, 2);
	key(ui, KEYC_DOWN);
	key(ui, KEYC_ENTER);
	assert_int_equal(ui->x.step, 8);
	keys(ui, "\t\t");
	assert_int_equal(ui->focus, PANE_CODE);
}

static void test_click(void **state)
{
	struct ui *ui = ((struct vfx *)*state)->ui;
	struct key k = { KEYC_MOUSE, 0, 0 };
	char *d;
	int row;

	keys(ui, "g");
	d = render(ui, 24, 80);
	free(d);
	/* find the row of insn 2 in the code pane */
	for (row = 0; row < ui->panes[PANE_CODE].r.rows; row++)
		if (ui->panes[PANE_CODE].row_item[row] == 2)
			break;
	assert_true(row < ui->panes[PANE_CODE].r.rows);
	k.row = ui->panes[PANE_CODE].r.row + row;
	k.col = 10;
	ui_key(ui, k);
	d = render(ui, 24, 80);
	assert_int_equal(ui->x.step, 4);
	free(d);
}

static void test_sizes(void **state)
{
	struct ui *ui = ((struct vfx *)*state)->ui;
	static const int sizes[][2] = { { 1, 1 }, { 2, 5 }, { 3, 10 }, { 5, 20 }, { 20, 70 },
					{ 23, 80 }, { 24, 79 }, { 50, 200 }, { 0, 0 } };
	size_t i;
	char *d;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		d = render(ui, sizes[i][0], sizes[i][1]);
		free(d);
	}
	d = render(ui, 20, 70);
	assert_has(d, "70x20 is below 80x24: one pane at a time");
	assert_has(d, "step 10/10");
	assert_lacks(d, "where am I");
	free(d);
	keys(ui, "\t\t\t");
	d = render(ui, 20, 70);
	assert_has(d, "where am I");
	free(d);
	d = render(ui, 1, 1);
	assert_string_equal(d, "\n"); /* one status cell: a blank of the status bar */
	free(d);
}

static void test_screens(void **state)
{
	struct ui *ui = ((struct vfx *)*state)->ui;
	char *d;

	d = render(ui, 24, 80);
	assert_screen("fixture_open", d);
	free(d);
	keys(ui, "gnn");
	d = render(ui, 24, 80);
	assert_screen("fixture_step3", d);
	free(d);
	keys(ui, "w");
	d = render(ui, 24, 80);
	assert_screen("fixture_explain", d);
	free(d);
	keys(ui, "q");
	d = render(ui, 20, 70);
	assert_screen("fixture_70x20", d);
	free(d);
	/* a big terminal: the graph as boxes laid out by Graphviz */
	keys(ui, "e");
	d = render(ui, 40, 132);
	assert_screen("fixture_132x40", d);
	free(d);
}

static void test_graph_boxes(void **state)
{
	struct ui *ui = ((struct vfx *)*state)->ui;
	char *d;

	d = render(ui, 40, 132);
	assert_has(d, "│ timer_cb ");
	assert_has(d, "NON-SLEEPABLE · may sleep");
	assert_has(d, "async@3");
	assert_has(d, "call@1");
	assert_has(d, "▼");
	free(d);
	/* select with the graph pane's keys, Enter jumps */
	keys(ui, "\t\t");
	key(ui, KEYC_DOWN);
	key(ui, KEYC_ENTER);
	assert_int_equal(ui->x.step, 2);
	d = render(ui, 40, 132);
	free(d);
}

static void test_pick_program(void **state)
{
	struct model *m = fx_model();
	struct program *p;
	struct ui_opts o = { 0 };
	struct ui *ui;
	char *d;

	(void)state;
	/* an accepted program first: the TUI still opens on the rejected one */
	p = model_add_program(m);
	p->name = strtab_intern_cstr(&m->str, "other");
	p->verdict = VERDICT_ACCEPTED;
	memmove(model_prog(m, 1), model_prog(m, 0), sizeof(*p));
	memset(model_prog(m, 0), 0, sizeof(*p));
	model_prog(m, 0)->name = strtab_intern_cstr(&m->str, "other");
	model_prog(m, 0)->verdict = VERDICT_ACCEPTED;
	model_prog(m, 0)->error_step = model_prog(m, 0)->error_insn = IDX_NONE;
	assert_int_equal(ui_pick_program(m, NULL), 1);
	assert_int_equal(ui_pick_program(m, "other"), 0);
	assert_int_equal(ui_pick_program(m, "nosuch"), -1);
	ui = ui_new(m, &o);
	d = render(ui, 24, 80);
	assert_has(d, "2 programs in this log; showing prog");
	assert_has(d, "step 10/10");
	free(d);
	ui_free(ui);
	o.prog = "other";
	ui = ui_new(m, &o);
	d = render(ui, 24, 80);
	assert_has(d, "step 0/0");
	assert_has(d, "ACCEPTED");
	free(d);
	keys(ui, "nNbovegG/x\n?w");
	ui_free(ui);
	load_free(m);
}

/* a struct_ops member's log: `w` shows the context argument's BTF type */
static void test_explain_ctx_args(void **state)
{
	static const char text[] =
		"func#0 @0\n"
		"0: R1=ctx() R10=fp0\n"
		"0: (79) r6 = *(u64 *)(r1 +0)\n"
		"func 'hid_device_event' arg0 has btf_id 36225 type STRUCT 'hid_bpf_ctx'\n"
		"1: R1=ctx() R6_w=trusted_ptr_hid_bpf_ctx() R10=fp0\n"
		"1: (b7) r0 = 0                        ; R0_w=0\n"
		"2: (95) exit\n"
		"processed 3 insns (limit 1000000) max_states_per_insn 0 total_states 0 "
		"peak_states 0 mark_read 0\n";
	struct model *m = model_new();
	struct ui_opts o = { 0 };
	struct ui *ui;
	char *d;

	(void)state;
	assert_non_null(m);
	assert_int_equal(load_log_mem(m, text, strlen(text), NULL), 0);
	ui = ui_new(m, &o);
	assert_non_null(ui);
	d = render(ui, 40, 132);
	assert_lacks(d, "hid_bpf_ctx'");
	free(d);
	ui_action(ui, ACT_EXPLAIN);
	d = render(ui, 40, 132);
	assert_has(d, "The program's context");
	assert_has(d, "hid_device_event arg0: STRUCT 'hid_bpf_ctx' (btf_id 36225)");
	free(d);
	ui_free(ui);
	load_free(m);
}

/* ---- the corpus (../shared/corpus from the repo root), skipped when absent ---- */

/* load corpus/<rel> (and corpus/<obj> when obj is not NULL); NULL when absent */
static struct model *corpus_model2(const char *rel, const char *obj)
{
	const char *root = corpus_root();
	char path[4200], opath[4200], err[256], *files[2];
	struct model *m;

	if (!root)
		return NULL;
	snprintf(path, sizeof(path), "%s/corpus/%s", root, rel);
	snprintf(opath, sizeof(opath), "%s/corpus/%s", root, obj ? obj : "");
	if (access(path, R_OK) || (obj && access(opath, R_OK)))
		return NULL;
	m = model_new();
	files[0] = path;
	files[1] = opath;
	if (load_files(m, files, obj ? 2 : 1, NULL, err, sizeof(err))) {
		load_free(m);
		fail_msg("%s", err);
	}
	return m;
}

static struct model *corpus_model(const char *rel)
{
	return corpus_model2(rel, NULL);
}

static void test_corpus_seed(void **state)
{
	struct model *m = corpus_model("async_timer_cb_global_rej/log2.txt");
	struct ui_opts o = { 0 };
	struct ui *ui;
	char *d;

	(void)state;
	if (!m) {
		if (!corpus_root())
			SKIP_NO_SHARED();
		fail_msg("corpus case missing from %s", corpus_root());
	}
	ui = ui_new(m, &o);
	assert_non_null(ui);
	d = render(ui, 24, 80);
	/* opens on the global-function error */
	assert_has(d, "step 34/34");
	assert_has(d, "insn 44");
	assert_has(d, "call pc-11");
	assert_has(d, "✗ global functions that may sleep are not allowed");
	assert_has(d, "read_user_global(uaddr + 16)");
	assert_has(d, "async callback");
	free(d);
	/*
	 * TODO(tui): once src/analysis/sleep.c fills sleep_events, assert `w` says why
	 * (a non-sleepable bpf_timer callback calling a global that may sleep)
	 * and the graph/status show timer_cb NON-SLEEPABLE.
	 */
	keys(ui, "w");
	d = render(ui, 24, 80);
	assert_has(d, "Why? step 34, insn 44");
	assert_has(d, "global functions that may sleep are not allowed");
	free(d);
	keys(ui, "q");
	keys(ui, "g");
	d = render(ui, 24, 80);
	assert_has(d, "step 1/34");
	free(d);
	keys(ui, "nnn");
	d = render(ui, 24, 80);
	assert_has(d, "step 4/34");
	free(d);
	keys(ui, "p");
	d = render(ui, 24, 80);
	assert_has(d, "step 3/34");
	free(d);
	/* source text first (the line in force from insn 23), then the call */
	keys(ui, "/bpf_timer_set_callback\n");
	d = render(ui, 24, 80);
	assert_has(d, "step 21/34  insn 23");
	free(d);
	keys(ui, "]");
	d = render(ui, 24, 80);
	assert_has(d, "step 23/34  insn 26");
	free(d);
	/* step over the helper call, into the async callback unit with N */
	keys(ui, "o");
	assert_int_equal(ui->x.step, 23);
	keys(ui, "N");
	d = render(ui, 24, 80);
	assert_has(d, "unit 2/2  async callback");
	free(d);
	keys(ui, "b");
	assert_int_equal(ui->x.step, 22);
	ui_free(ui);
	load_free(m);
}

/* the state pane of a log's error step, at 40x132 (NULL when the corpus lacks it) */
static char *error_screen(const char *rel)
{
	struct model *m = corpus_model(rel);
	struct ui_opts o = { 0 };
	struct ui *ui;
	char *d;

	if (!m)
		return NULL;
	ui = ui_new(m, &o);
	assert_non_null(ui);
	d = render(ui, 40, 132);
	if (getenv("VERISTEP_SHOW"))
		fputs(d, stderr);
	ui_free(ui);
	load_free(m);
	return d;
}

/*
 * At a refused call the state pane shows what the verifier refused: the
 * arguments when it checked the call, not the state after it (R1-R5 gone)
 */
static void test_refused_call_state(void **state)
{
	char *d;

	(void)state;
	if (!corpus_root())
		SKIP_NO_SHARED();
	d = error_screen("region_rcu_sleep_inside_rej/log2.txt");
	if (!d)
		fail_msg("corpus case region_rcu_sleep_inside_rej missing");
	assert_has(d, "state at step 10/10, as checked");
	assert_has(d, " R1  map_value(map=prog.bss,ks=4,vs=24)");
	assert_has(d, " R2  16");
	assert_has(d, " R3  scalar()");
	assert_lacks(d, "*R1"); /* the refused call changed nothing */
	free(d);
	/* a public 5.18-6.3 log: "invalid indirect read from stack R4 off -16+14 size 16" */
	d = error_screen("../corpus-public/aya-407_k5.18-6.3_l2.txt");
	if (!d)
		fail_msg("corpus-public/aya-407_k5.18-6.3_l2.txt missing");
	assert_has(d, " R4  fp-16");
	assert_has(d, " R5  16");
	assert_has(d, " fp-16  mmmmmmmm");
	assert_has(d, " fp-8   ??00mmmm"); /* the bytes the refusal is about */
	free(d);
}

/* the first step at insn of the ui's program */
static uint32_t first_at(const struct ui *ui, uint32_t insn)
{
	for (uint32_t k = 0; k < ui->x.p->steps.n; k++)
		if (step_insn(ui->x.p, k) == insn)
			return k;
	fail_msg("insn %u never visited", insn);
	return 0;
}

/*
 * The state pane names the special slots and shows the references held:
 * tests/fixtures/slots (an iterator, a dynptr, an irq flag, 6.18); and a
 * 7.x pop line's dead registers are "dead (was ...)", not unset.
 */
/*
 * while no key waits the TUI takes the checkpoints of a long path (so a
 * first jump into it replays one interval), in slices, without redrawing
 */
static void test_idle_checkpoints(void **state)
{
	size_t len = 0;
	char *log = loop_log(3000, &len);
	struct model *m = model_new();
	struct ui *ui;
	int slices = 0;

	(void)state;
	assert_non_null(log);
	assert_int_equal(load_log_mem(m, log, len, NULL), 0);
	ui = ui_new(m, NULL);
	assert_non_null(ui);
	assert_int_equal(state_cache_bytes(ui->x.p), 0);
	assert_true(ui_busy(ui));
	while (ui_busy(ui)) {
		assert_int_equal(ui_work(ui) & VIEW_REDRAW, 0);
		assert_true(++slices < 100);
	}
	assert_true(state_cache_bytes(ui->x.p) > 0);
	/* another program starts again */
	assert_int_equal(ui_switch_program(ui, 0), 0);
	assert_true(ui_busy(ui));
	ui_free(ui);
	load_free(m);
	free(log);
}

static void test_state_special_slots(void **state)
{
	struct model *m = model_new();
	char *files[1] = { "tests/fixtures/slots/slots.log2" }, err[256], *d;
	struct ui_opts o = { 0 };
	struct ui *ui;

	(void)state;
	assert_int_equal(load_files(m, files, 1, NULL, err, sizeof(err)), 0);
	ui = ui_new(m, &o);
	assert_int_equal(explore_goto(&ui->x, first_at(ui, 15)), 0);
	d = render(ui, 40, 132);
	assert_has(d, " fp-24  dynptr: dynptr_local(id=1,dynptr_id=1)");
	assert_has(d, " fp-32  iterator: iter_num(ref_id=2,state=active,depth=0)");
	assert_has(d, " refs= 2");
	free(d);
	/* the irq save: the flag and its reference appear, old -> new */
	assert_int_equal(explore_goto(&ui->x, first_at(ui, 32)), 0);
	d = render(ui, 40, 132);
	assert_has(d, "*fp-8   irq flag: ffffffff");
	assert_has(d, "*refs= 4");
	free(d);
	/* the restore releases both */
	assert_int_equal(explore_goto(&ui->x, first_at(ui, 46)), 0);
	d = render(ui, 40, 132);
	assert_has(d, "*fp-8   irq flag: ffffffff → (unset)");
	assert_has(d, "*refs= 4 → (unset)");
	free(d);
	/* the header: the log's format (not a kernel version it does not know), the verdict kept narrow */
	d = render(ui, 40, 132);
	assert_has(d, " veristep  (unnamed program)  log format 6.18  slots.log2 ");
	*strchr(d, '\n') = 0;
	assert_lacks(d, "Linux");
	free(d);
	d = render(ui, 20, 30);
	*strchr(d, '\n') = 0;
	assert_has(d, " veristep  (unnamed… ACCEPTED");
	free(d);
	m->kernel_release = strtab_intern_cstr(&m->str, "6.18.44");
	d = render(ui, 20, 100);
	assert_has(d, "  Linux 6.18.44  slots.log2 ");
	free(d);
	ui_free(ui);
	load_free(m);
	if (!corpus_root())
		return;
	d = error_screen("../corpus-kernels/7.3.4+deb13-amd64/reject_helper_arg_type/log2.txt");
	if (!d)
		fail_msg("corpus-kernels 7.3.4 reject_helper_arg_type missing");
	assert_has(d, " R0  dead (was map_value_or_null(id=1,map=table,ks=4,vs=");
	assert_has(d, " fp-8   dead (was mmmm");
	assert_has(d, " R6  1");
	free(d);
}

/*
 * An error of a pass after the exploration (fixup_kfunc_call's): the TUI
 * says it has no step, at the end and on `e`; when the message names an
 * insn (a synthetic one here: the corpus has no such log), `e` shows that
 * insn's last visit.
 */
static void test_error_after_exploration(void **state)
{
	static const char head[] = "0: R1=ctx() R10=fp0\n"
				   "0: (b7) r0 = 0                        ; R0=0\n"
				   "1: (85) call bpf_task_acquire#12345\n"
				   "2: (95) exit\n";
	static const char tail[] = "processed 3 insns (limit 1000000) max_states_per_insn 0 "
				   "total_states 0 peak_states 0 mark_read 0\n";
	const char *errs[2] = { "invalid kernel function call not eliminated in verifier pass\n",
				"invalid kernel function call not eliminated in verifier pass at insn 1\n" };
	char log[1024], *d;

	(void)state;
	for (int i = 0; i < 2; i++) {
		struct model *m = model_new();
		struct ui_opts o = { 0 };
		struct ui *ui;

		snprintf(log, sizeof(log), "%s%s%s", head, errs[i], tail);
		assert_int_equal(load_log_mem(m, log, strlen(log), NULL), 0);
		assert_true(model_prog(m, 0)->error_after);
		assert_int_equal(model_prog(m, 0)->error_insn, i ? 1 : IDX_NONE);
		ui = ui_new(m, &o);
		d = render(ui, 24, 100);
		assert_has(d, "✗ after the exploration, no step: invalid kernel function call");
		assert_has(d, "step 3/3");
		free(d);
		keys(ui, "g");
		d = render(ui, 24, 100);
		assert_lacks(d, "✗ after the exploration");
		free(d);
		keys(ui, "e");
		d = render(ui, 24, 100);
		if (i) {
			assert_has(d, "the error has no step (raised after the exploration): insn 1 it "
				      "names, at its last visit");
			assert_has(d, "step 2/3");
		} else {
			assert_has(d, "the error has no step: raised after the exploration, by a later "
				      "verifier pass");
			assert_has(d, "step 1/3");
		}
		free(d);
		ui_free(ui);
		load_free(m);
	}
}

static int is_obj(const char *name)
{
	size_t n = strlen(name);

	return n > 6 && !strcmp(name + n - 6, ".bpf.o");
}

/*
 * The graph pane on every sample and corpus case with its object, at a few
 * sizes: when drawn as boxes, every edge is drawn and none runs through a
 * box; every node says its context in words (monochrome keeps them).
 */
static void test_graph_edges(void **state)
{
	struct file_list l = { 0 };
	const char *root = corpus_root();
	char dir[4200];
	unsigned boxes = 0, detours = 0;

	(void)state;
	file_list_walk(&l, "samples", is_obj);
	if (root) {
		snprintf(dir, sizeof(dir), "%s/corpus", root);
		file_list_walk(&l, dir, is_obj);
	}
	file_list_sort(&l);
	for (size_t i = 0; i < l.n; i++) {
		char log[4300], *files[2] = { l.v[i], log }, err[512];
		const char *logs[] = { "log2.txt", NULL };
		size_t n = strlen(l.v[i]);
		struct model *m;
		struct stat st;

		if (strstr(l.v[i], "/corpus/"))
			snprintf(log, sizeof(log), "%.*s%s", (int)(strrchr(l.v[i], '/') + 1 - l.v[i]),
				 l.v[i], logs[0]);
		else
			snprintf(log, sizeof(log), "%.*s.log2", (int)(n - 6), l.v[i]);
		if (stat(log, &st))
			continue;
		m = model_new();
		if (load_files(m, files, 2, NULL, err, sizeof(err))) {
			load_free(m);
			continue;
		}
		for (uint32_t pi = 0; pi < m->progs.n; pi++) {
			struct ui_opts o = { .prog = strtab_get(&m->str, model_prog(m, pi)->name) };
			struct ui *ui = ui_new(m, &o);
			static const int sizes[][2] = { { 40, 132 }, { 50, 160 }, { 60, 200 } };

			if (!ui)
				continue;
			for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
				int cross, skip;
				char *d = render(ui, sizes[z][0], sizes[z][1]);

				graph_view_last_draw(&cross, &skip);
				if (cross > 0 && getenv("VERISTEP_SHOW"))
					fputs(d, stderr);
				if (cross > 0)
					fail_msg("%s: %dx%d: %d edge cells inside boxes:\n%s", log,
						 sizes[z][1], sizes[z][0], cross, d);
				if (skip > 0)
					fail_msg("%s: %dx%d: %d edges not drawn", log, sizes[z][1],
						 sizes[z][0], skip);
				if (cross == 0) {
					boxes++;
					detours += strstr(d, "▶│") || strstr(d, "│◀");
				}
				free(d);
			}
			ui_free(ui);
		}
		load_free(m);
	}
	file_list_free(&l);
	print_message("# graph: %u screens drawn as boxes, %u with a detour\n", boxes, detours);
	assert_true(boxes > 10);
}

/* the seed case with its object: names, never-reached code, the graph */
static void test_corpus_seed_object(void **state)
{
	struct model *m = corpus_model2("async_timer_cb_global_rej/log2.txt",
					"async_timer_cb_global_rej/prog.bpf.o");
	struct ui_opts o = { 0 };
	struct ui *ui;
	char *d;

	(void)state;
	if (!m) {
		if (!corpus_root())
			SKIP_NO_SHARED();
		fail_msg("corpus case missing from %s", corpus_root());
	}
	ui = ui_new(m, &o);
	assert_non_null(ui);
	d = render(ui, 24, 80);
	if (getenv("VERISTEP_SHOW"))
		assert_has(d, "timer_global  SEC(\"syscall\") sleepable");
	assert_has(d, "step 34/34  insn 44  timer_cb  async_cb");
	assert_has(d, "code: timer_cb  static · async callback");
	assert_has(d, "│── timer_cb  static · async callback · NO…");
	assert_has(d, "44 call pc-11  → read_user_globa"); /* the callee named, cut at 80 */
	assert_has(d, "│       read_user_global(uaddr + 16);");
	assert_has(d, "return 0;  prog.bpf.c:34");
	assert_has(d, "·       45 r0 = 0"); /* never reached, from the object */
	/* the graph as a tree at 80x24: timer_cb → read_user_global */
	assert_has(d, "│ └ timer_cb static · async callback N…");
	assert_has(d, "│   └ read_user_global global may sleep");
	assert_has(d, "│ └ read_user_global global may sleep");
	free(d);
	/* and as boxes on a big terminal */
	d = render(ui, 40, 132);
	assert_has(d, "│ read_user_global");
	assert_has(d, "async@26");
	assert_has(d, "call@44");
	assert_has(d, "44 call pc-11  → read_user_global() global · may sleep");
	assert_screen("seed_132x40", d);
	free(d);
	/* w: the sleepable analysis explains the refused call */
	ui_action(ui, ACT_EXPLAIN);
	d = render(ui, 40, 132);
	assert_has(d, "bpf_timer_set_callback at insn 26");
	assert_has(d, "read_user_global");
	assert_has(d, "never sleepable");
	free(d);
	/* a redraw formats the text it has: the explanation is written once per step */
	assert_non_null(ui->explain_text);
	assert_true(strlen(ui->explain_text) > 6);
	memcpy(ui->explain_text, "KEPT\n", 6);
	d = render(ui, 40, 132);
	assert_has(d, "KEPT");
	free(d);
	assert_int_equal(explore_goto(&ui->x, ui->x.step - 1), 0); /* another step: written anew */
	d = render(ui, 40, 132);
	assert_lacks(d, "KEPT");
	assert_has(d, "Why? step 33");
	free(d);
	ui_free(ui);
	load_free(m);
}

/* the last line of a dump: the status bar */
static const char *status_line(const char *d)
{
	size_t n = strlen(d);
	const char *e;

	if (n && d[n - 1] == '\n')
		n--;
	for (e = d + n; e > d && e[-1] != '\n'; e--)
		;
	return e;
}

/*
 * Check one region section: from the step after the opener to the end of
 * its path (or the closer), the analysis, the status bar and the state
 * pane all say non-sleepable with the region open since the opener's insn;
 * right after the closer the context is back to what it was before the
 * opener. Returns the number of steps checked.
 */
static unsigned check_region(struct ui *ui, const struct program *p, uint32_t k,
			     const struct sleep_region_op *o, const char *file)
{
	const struct path *P = &p->paths.v[step_path(p, k)];
	const struct ctx_run *before = sleep_step_context(p, k);
	uint32_t insn = step_insn(p, k), end = P->first_step + P->nsteps, j;
	int g = o->region;
	char want[96], words[64];
	unsigned n = 0;

	assert_non_null(before);
	for (j = k + 1; j < end; j++) {
		const struct ctx_run *r = sleep_step_context(p, j);
		const struct insn_fact *f = program_insn(p, step_insn(p, j));
		const struct sleep_region_op *c =
			f && f->name ? sleep_region_op_lookup(strtab_get(&ui->m->str, f->name)) : NULL;
		char *d;

		assert_non_null(r);
		if (!((r->region >> (2 * g)) & 3))
			fail_msg("%s: step %u: region %s not open after insn %u opened it", file,
				 j + 1, sleep_region_kind_name(g), insn);
		if (r->sleepable == 1 && !r->region)
			fail_msg("%s: step %u: sleepable inside a region", file, j + 1);
		if (r->opened_at[g] != insn && (before->region >> (2 * g)) == 0)
			fail_msg("%s: step %u: %s opened at insn %u, not %u", file, j + 1,
				 sleep_region_kind_name(g), r->opened_at[g], insn);
		assert_int_equal(explore_goto(&ui->x, j), 0);
		d = render(ui, 40, 132);
		sleep_ctx_words(r, words, sizeof(words));
		if (!strstr(status_line(d), words) || !strstr(words, "NON-SLEEPABLE"))
			fail_msg("%s: step %u: status bar lacks '%s':\n%s", file, j + 1, words,
				 status_line(d));
		snprintf(want, sizeof(want), "regions  %s opened at insn %u", sleep_region_kind_name(g),
			 r->opened_at[g]);
		if (!strstr(d, want) || !strstr(d, "context  NON-SLEEPABLE"))
			fail_msg("%s: step %u: state pane lacks '%s':\n%s", file, j + 1, want, d);
		/* the code pane marks the opener with the same region */
		snprintf(want, sizeof(want), "non-sleepable from here (%s)", sleep_region_kind_name(g));
		if (j == k + 1 && before->sleepable == 1 && !before->region) {
			char *wide = render(ui, 40, 240); /* room for the whole code line */

			if (!strstr(wide, want))
				fail_msg("%s: step %u: code pane lacks '%s'", file, j + 1, want);
			free(wide);
		}
		free(d);
		n++;
		if (c && c->delta < 0 && c->region == g) {
			/* the closer: the next step of the path has the context back */
			if (j + 1 < end) {
				const struct ctx_run *a = sleep_step_context(p, j + 1);

				if (a->sleepable != before->sleepable || a->region != before->region)
					fail_msg("%s: step %u: context not back after the closer at "
						 "insn %u",
						 file, j + 2, step_insn(p, j));
				n++;
			}
			break;
		}
	}
	return n;
}

static int is_log2(const char *name)
{
	return !strcmp(name, "log2.txt");
}

static int is_txt(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && !strcmp(name + n - 4, ".txt");
}

/*
 * every corpus case (and its logs from other kernels, and the public logs) with an
 * RCU, preempt, IRQ or lock section
 */
static void test_corpus_regions(void **state)
{
	const char *root = corpus_root();
	struct file_list l = { 0 };
	char dir[4200];
	unsigned cases = 0, steps = 0, kinds = 0;
	size_t i;

	(void)state;
	if (!root)
		SKIP_NO_SHARED();
	snprintf(dir, sizeof(dir), "%s/corpus", root);
	file_list_walk(&l, dir, is_log2);
	snprintf(dir, sizeof(dir), "%s/corpus-kernels", root);
	file_list_walk(&l, dir, is_log2);
	snprintf(dir, sizeof(dir), "%s/corpus-public", root);
	file_list_walk(&l, dir, is_txt);
	file_list_sort(&l);
	for (i = 0; i < l.n; i++) {
		struct model *m = model_new();
		char err[256], *files[1] = { l.v[i] };
		bool found = false;
		uint32_t pi, k;

		if (load_files(m, files, 1, NULL, err, sizeof(err))) {
			/* an old kernel refused the program before verifying: an empty log */
			if (!strstr(l.v[i], "/corpus-kernels/"))
				fail_msg("%s", err);
			load_free(m);
			continue;
		}
		for (pi = 0; pi < m->progs.n; pi++) {
			const struct program *p = model_prog(m, pi);
			struct ui_opts o = { 0 };
			struct ui *ui = NULL;

			for (k = 0; k < p->steps.n; k++) {
				const struct insn_fact *f = program_insn(p, step_insn(p, k));
				const struct sleep_region_op *op =
					f && f->name ? sleep_region_op_lookup(strtab_get(&m->str, f->name))
						     : NULL;

				if (!op || op->delta <= 0 || k == p->error_step)
					continue;
				if (!ui) {
					o.prog = strtab_get(&m->str, p->name);
					ui = ui_new(m, &o);
					assert_non_null(ui);
					assert_true(ui->x.p == p);
				}
				steps += check_region(ui, p, k, op, l.v[i]);
				kinds |= 1u << op->region;
				found = true;
			}
			if (ui)
				ui_free(ui);
		}
		cases += found;
		load_free(m);
	}
	file_list_free(&l);
	/* the corpus has RCU, preempt and lock cases: they must be found and checked */
	if (cases < 3 || steps < 3)
		fail_msg("only %u corpus cases (%u steps) with a region section", cases, steps);
	/* RCU and preempt cases in corpus/, IRQ in a public log; no lock case (samples/ has one) */
	for (unsigned g = 0; g < REGION__COUNT; g++)
		if (!(kinds & (1u << g)) && g != REGION_LOCK)
			fail_msg("no %s section checked in the corpus", sleep_region_kind_name(g));
	print_message("# regions: %u corpus cases, %u steps checked\n", cases, steps);
}

/* every corpus log: open, walk with every move, draw at a few sizes; nothing may crash */
static void test_corpus_all(void **state)
{
	static const char *const moves = "gnnnNNNPPbouvVeGgoooouuu]]/exit\n]][[N?jjjq w qG";
	const char *root = corpus_root();
	char path[4200];
	struct dirent *de;
	DIR *dd;
	int n = 0;

	(void)state;
	if (!root)
		SKIP_NO_SHARED();
	snprintf(path, sizeof(path), "%s/corpus", root);
	dd = opendir(path);
	if (!dd)
		fail_msg("%s: no corpus directory", path);
	while ((de = readdir(dd))) {
		static const char *const logs[] = { "log1.txt", "log2.txt" };
		size_t i;

		if (de->d_name[0] == '.')
			continue;
		for (i = 0; i < 2; i++) {
			char rel[512];
			struct model *m;
			struct ui_opts o = { 0 };
			struct ui *ui;
			char *d;
			const char *k;

			snprintf(rel, sizeof(rel), "%s/%s", de->d_name, logs[i]);
			m = corpus_model(rel);
			if (!m)
				continue;
			ui = ui_new(m, &o);
			if (!ui) {
				load_free(m);
				continue;
			}
			for (k = moves; *k; k++) {
				char one[2] = { *k, 0 };

				keys(ui, one);
				d = render(ui, (int)(k - moves) % 3 ? 24 : 15, (k - moves) % 2 ? 80 : 60);
				free(d);
			}
			ui_free(ui);
			load_free(m);
			n++;
		}
	}
	closedir(dd);
	if (!n)
		fail_msg("no corpus log opened under %s", path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canvas_basics),
		cmocka_unit_test(test_canvas_clip_box),
		cmocka_unit_test(test_keymap_unique),
		cmocka_unit_test(test_theme),
		cmocka_unit_test_setup_teardown(test_opens_on_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_step_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rawlog_scroll_picker, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_and_explain, setup, teardown),
		cmocka_unit_test(test_explain_ctx_args),
		cmocka_unit_test_setup_teardown(test_panes_focus_graph, setup, teardown),
		cmocka_unit_test_setup_teardown(test_click, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sizes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_screens, setup, teardown),
		cmocka_unit_test(test_refused_call_state),
		cmocka_unit_test(test_state_special_slots),
		cmocka_unit_test(test_idle_checkpoints),
		cmocka_unit_test(test_error_after_exploration),
		cmocka_unit_test(test_graph_edges),
		cmocka_unit_test_setup_teardown(test_graph_boxes, setup, teardown),
		cmocka_unit_test(test_pick_program),
		cmocka_unit_test(test_corpus_seed),
		cmocka_unit_test(test_corpus_seed_object),
		cmocka_unit_test(test_corpus_all),
		cmocka_unit_test(test_corpus_regions),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("views", tests, NULL, NULL);
}
