// SPDX-License-Identifier: MIT
/*
 * term.c — curses lives here and nowhere else (see term.h). The locale is
 * set by main(). Colours come from theme.c per style; monochrome (NO_COLOR,
 * --no-color, or a terminal without colours) uses the theme's mono
 * attributes, and every marker is a character anyway.
 */
#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/front/cli.h"
#include "src/front/lessons.h"
#include "src/front/textsafe.h"
#include "src/load.h"
#include "views/diff_ui.h"
#include "views/lessons_view.h"
#include "views/term.h"
#include "views/ui.h"

static bool term_active;
static bool term_bus_installed;
static SCREEN *term_screen; /* keys from /dev/tty: the log came on stdin */
static FILE *term_keys;
static bool term_mono;
static attr_t style_attr[STYLE__COUNT];

/* what SIGBUS says: the mapped log shrank or was rewritten under us (set by tui_run) */
static char bus_msg[640];
static size_t bus_len;

/*
 * The terminal back as it was, once: for the signal handlers and for a
 * program that cannot be expanded for want of memory (model_on_oom()).
 */
static void restore_terminal(void)
{
	if (term_active) {
		term_active = false;
		endwin();
	}
}

static void on_sigbus(int sig)
{
	(void)sig;
	restore_terminal();
	if (bus_len && write(2, bus_msg, bus_len) < 0) {
		/* nothing more to say */
	}
	_exit(1);
}

static void restore_and_reraise(int sig)
{
	restore_terminal();
	signal(sig, SIG_DFL);
	raise(sig);
}

static attr_t to_attr(unsigned int a)
{
	attr_t r = A_NORMAL;

	if (a & TA_BOLD)
		r |= A_BOLD;
	if (a & TA_DIM)
		r |= A_DIM;
	if (a & TA_REVERSE)
		r |= A_REVERSE;
	if (a & TA_UNDERLINE)
		r |= A_UNDERLINE;
	return r;
}

static void setup_styles(void)
{
	int i;

	if (!term_mono) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < STYLE__COUNT; i++) {
		struct theme_style t = theme_get((enum style)i, term_mono);

		style_attr[i] = to_attr(t.attrs);
		if (!term_mono && COLOR_PAIRS > i + 1 &&
		    (t.fg != TC_DEFAULT || t.bg != TC_DEFAULT)) {
			init_pair((short)(i + 1), t.fg, t.bg);
			style_attr[i] |= COLOR_PAIR(i + 1);
		}
	}
}

int term_init(bool mono)
{
	struct sigaction sa;

	if (!isatty(1))
		return -ENOTTY;
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	if (isatty(0)) {
		if (!initscr())
			return -ENOTTY;
	} else {
		/* the log came from a pipe: keys from the terminal, as less does */
		term_keys = fopen("/dev/tty", "r");
		if (!term_keys)
			return -ENOTTY;
		term_screen = newterm(NULL, stdout, term_keys);
		if (!term_screen) {
			fclose(term_keys);
			term_keys = NULL;
			return -ENOTTY;
		}
		set_term(term_screen);
	}
	term_active = true;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = restore_and_reraise;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sa.sa_handler = on_sigbus;
	sigaction(SIGBUS, &sa, NULL);
	term_bus_installed = true;
	model_on_oom(restore_terminal);
	cbreak(); /* ^C stays a signal: restore the tty, then die of it */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	term_mono = mono || !has_colors();
	setup_styles();
	return 0;
}

void term_done(void)
{
	if (!term_active)
		return;
	term_active = false;
	endwin();
	if (term_screen) {
		delscreen(term_screen);
		term_screen = NULL;
	}
	if (term_keys) {
		fclose(term_keys);
		term_keys = NULL;
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGSEGV, SIG_DFL);
	signal(SIGABRT, SIG_DFL);
}

void term_size(int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
	if (*rows < 0)
		*rows = 0;
	if (*cols < 0)
		*cols = 0;
}

void term_blit(const struct canvas *c)
{
	char run[4096];
	int r, col, rows, cols;

	getmaxyx(stdscr, rows, cols);
	for (r = 0; r < c->rows && r < rows; r++) {
		int start = 0;
		size_t at = 0;
		uint8_t st = STYLE_DEFAULT;

		for (col = 0; col <= c->cols && col <= cols; col++) {
			const struct cell *cl = col < c->cols && col < cols ?
							&c->cells[(long)r * c->cols + col] :
							NULL;
			size_t n = cl ? strlen(cl->ch) : 0;

			if (!cl || cl->style != st || at + n >= sizeof(run)) {
				if (at) {
					run[at] = 0;
					attrset(style_attr[st]);
					mvaddstr(r, start, run);
				}
				if (!cl)
					break;
				at = 0;
				start = col;
				st = cl->style;
			}
			memcpy(run + at, cl->ch, n); /* "" for the tail of a wide char */
			at += n;
		}
	}
	attrset(A_NORMAL);
	wnoutrefresh(stdscr);
	doupdate();
}

struct key term_read_key(bool wait)
{
	struct key k = { KEYC_NONE, 0, 0 };
	wint_t ch;
	int rc;

	timeout(wait ? -1 : 0);
	rc = wget_wch(stdscr, &ch);
	if (rc == ERR)
		return k;
	if (rc == OK) {
		switch (ch) {
		case '\n':
		case '\r':
			k.code = KEYC_ENTER;
			break;
		case 8:
		case 127:
			k.code = KEYC_BACKSPACE;
			break;
		default:
			k.code = (int)ch;
		}
		return k;
	}
	switch (ch) {
	case KEY_UP:
		k.code = KEYC_UP;
		break;
	case KEY_DOWN:
		k.code = KEYC_DOWN;
		break;
	case KEY_LEFT:
		k.code = KEYC_LEFT;
		break;
	case KEY_RIGHT:
		k.code = KEYC_RIGHT;
		break;
	case KEY_HOME:
		k.code = KEYC_HOME;
		break;
	case KEY_END:
		k.code = KEYC_END;
		break;
	case KEY_PPAGE:
		k.code = KEYC_PGUP;
		break;
	case KEY_NPAGE:
		k.code = KEYC_PGDN;
		break;
	case KEY_BTAB:
		k.code = KEYC_BTAB;
		break;
	case KEY_ENTER:
		k.code = KEYC_ENTER;
		break;
	case KEY_BACKSPACE:
		k.code = KEYC_BACKSPACE;
		break;
	case KEY_RESIZE:
		k.code = KEYC_RESIZE;
		break;
	case KEY_MOUSE: {
		MEVENT ev;

		if (getmouse(&ev) != OK)
			break;
		if (ev.bstate & BUTTON4_PRESSED)
			k.code = KEYC_WHEEL_UP;
		else if (ev.bstate & BUTTON5_PRESSED)
			k.code = KEYC_WHEEL_DOWN;
		else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))
			k.code = KEYC_MOUSE, k.row = ev.y, k.col = ev.x;
		break;
	}
	default:
		break;
	}
	return k;
}

/* what the loop drives: the TUI of one log, or two side by side */
struct loop_ops {
	void *ctx;
	void (*draw)(void *ctx, struct canvas *c);
	int (*key)(void *ctx, struct key k);
	bool (*busy)(void *ctx);
	int (*work)(void *ctx);
};

/* run_loop()'s answer when the view asked for the lesson index */
#define LOOP_LESSONS 3

/* draw, read a key, hand it on, until the view says quit; 0, 1, or LOOP_LESSONS */
static int run_loop(const struct loop_ops *ops)
{
	struct canvas *c = canvas_new(0, 0);
	int rows, cols, rc = 0;
	bool dirty = true;

	if (!c)
		return 1;
	for (;;) {
		struct key k;
		int r;

		term_size(&rows, &cols);
		if (rows != c->rows || cols != c->cols) {
			if (canvas_resize(c, rows, cols)) {
				rc = 1;
				break;
			}
			dirty = true;
		}
		if (dirty) {
			ops->draw(ops->ctx, c);
			term_blit(c);
			dirty = false;
		}
		if (ops->busy && ops->busy(ops->ctx)) {
			k = term_read_key(false);
			if (k.code == KEYC_NONE) {
				/* work that changes nothing on the screen is not followed by a redraw */
				dirty = (ops->work(ops->ctx) & VIEW_REDRAW) != 0;
				continue;
			}
		} else {
			k = term_read_key(true);
		}
		dirty = true;
		if (k.code == KEYC_NONE)
			continue;
		r = ops->key(ops->ctx, k);
		if (r & VIEW_LESSONS) {
			rc = LOOP_LESSONS;
			break;
		}
		if (r & VIEW_QUIT)
			break;
		if (k.code == KEYC_CTRL('l'))
			clearok(curscr, TRUE);
	}
	canvas_free(c);
	return rc;
}

static void ui_draw_op(void *ctx, struct canvas *c)
{
	ui_draw(ctx, c);
}

static int ui_key_op(void *ctx, struct key k)
{
	return ui_key(ctx, k);
}

static bool ui_busy_op(void *ctx)
{
	return ui_busy(ctx);
}

static int ui_work_op(void *ctx)
{
	return ui_work(ctx);
}

/* what SIGBUS says for the log of m */
static void set_bus_msg(const struct model *m)
{
	/* reading the mapped log after it was truncated faults: say so, cleanly */
	const char *name = m->log.name ? strtab_get(&m->str, m->log.name) : "the log";
	char safe[512];

	textsafe_escape(safe, sizeof(safe), name, strlen(name), 0);
	snprintf(bus_msg, sizeof(bus_msg),
		 "veristep: %s: the file changed under the TUI (truncated or rewritten); "
		 "open it again\n",
		 safe);
	bus_len = strlen(bus_msg);
}

static void lessons_draw_op(void *ctx, struct canvas *c)
{
	lessons_view_draw(ctx, c);
}

static int lessons_key_op(void *ctx, struct key k)
{
	return lessons_view_key(ctx, k);
}

/* put a lesson's TUI on the step its table row names (the header's STUDENT-SEES) */
static void lesson_position(struct ui *ui, const struct lesson *l)
{
	enum lesson_at at;
	uint32_t n;
	int rc = -1;

	if (lesson_open_at(l, &at, &n))
		return;
	switch (at) {
	case LESSON_AT_REFUSAL:
		rc = explore_error(&ui->x);
		break;
	case LESSON_AT_STEP:
		rc = explore_goto(&ui->x, n - 1);
		break;
	case LESSON_AT_INSN:
		rc = explore_goto_insn(&ui->x, n);
		break;
	case LESSON_AT_PREDICTION:
		ui_action(ui, ACT_EXPLAIN);
		ui_message(ui, false,
			   "%s: no log (the kernel here lacks HID-BPF): the prediction "
			   "from the object; Esc closes, L lessons",
			   l->sample);
		return;
	}
	if (rc)
		ui_message(ui, true, "%s: the lesson's %s is not in this log", l->sample,
			   l->open_on);
	else
		ui_message(ui, false, "%s, on %s: w explains, L lessons", l->sample, l->open_on);
}

/*
 * Open lesson l from dir (its object and log through the one load path) and
 * run its TUI: 0 quit, 1 trouble, LOOP_LESSONS back to the index. A lesson
 * that does not load puts its error on the index's message line.
 */
static int run_lesson(const struct lesson *l, const char *dir, const struct opts *o,
		      struct lessons_view *lv)
{
	char obj[4096], log[4096], err[512];
	char *files[2] = { obj, log };
	struct load_opts lo = { .kernel = o->kernel };
	struct ui_opts uo = { .mono = term_mono };
	struct model *m = model_new();
	struct ui *ui;
	int rc;

	if (!m) {
		snprintf(lv->msg, sizeof(lv->msg), "out of memory");
		lv->msg_error = true;
		return LOOP_LESSONS;
	}
	lesson_paths(l, dir, obj, log, sizeof(obj));
	rc = load_files(m, files, log[0] ? 2 : 1, &lo, err, sizeof(err));
	if (rc || !(ui = ui_new(m, &uo))) {
		if (rc)
			textsafe_escape(lv->msg, sizeof(lv->msg), err, strlen(err), 0);
		else
			snprintf(lv->msg, sizeof(lv->msg), "%s: no program in it", l->sample);
		lv->msg_error = true;
		load_free(m);
		return LOOP_LESSONS;
	}
	/* the loader puts its own SIGBUS handler in at its first mapping: ours, which
	 * restores the terminal first, goes back in front */
	if (term_bus_installed) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_sigbus;
		sigaction(SIGBUS, &sa, NULL);
	}
	set_bus_msg(m);
	lesson_position(ui, l);
	rc = run_loop(&(struct loop_ops){ ui, ui_draw_op, ui_key_op, ui_busy_op, ui_work_op });
	ui_free(ui);
	load_free(m);
	return rc;
}

/* the lesson index, with the terminal up: LESSONS_QUIT, LESSONS_BACK, or -1 on trouble */
static int lessons_loop(const struct opts *o, bool can_back)
{
	struct lessons_view lv;
	char dir[4096];

	lessons_view_init(&lv, can_back);
	if (lessons_dir(dir, sizeof(dir))) {
		snprintf(lv.msg, sizeof(lv.msg),
			 "no bundled samples beside the binary or in "
			 "../share/veristep/samples: Esc goes back");
		lv.msg_error = true;
		dir[0] = '\0';
	}
	for (;;) {
		int rc;

		lv.choice = LESSONS_NONE;
		if (run_loop(
			    &(struct loop_ops){ &lv, lessons_draw_op, lessons_key_op, NULL, NULL }))
			return -1;
		if (lv.choice == LESSONS_BACK || lv.choice == LESSONS_QUIT)
			return lv.choice;
		if (lv.choice != LESSONS_OPEN || lv.chosen < 0)
			continue;
		if (!dir[0])
			continue;
		rc = run_lesson(&lessons[lv.chosen], dir, o, &lv);
		if (rc == 1)
			return -1;
		if (rc != LOOP_LESSONS)
			return LESSONS_QUIT;
	}
}

int tui_lessons_run(const struct opts *o)
{
	int rc;

	if (term_init(o->no_color))
		return 2;
	rc = lessons_loop(o, false);
	term_done();
	return rc < 0 ? 1 : 0;
}

int tui_run(struct model *m, const struct opts *o)
{
	struct ui_opts uo = { .prog = o->prog, .mono = o->no_color };
	struct ui *ui;
	int rc;

	set_bus_msg(m);
	ui = ui_new(m, &uo);
	if (!ui) {
		fprintf(stderr, "veristep: %s\n",
			m->progs.n ? "no such program" : "no program found in the input");
		return 1;
	}
	if (term_init(uo.mono)) {
		ui_free(ui);
		return report_run(m, o, stdout);
	}
	for (;;) {
		rc = run_loop(
			&(struct loop_ops){ ui, ui_draw_op, ui_key_op, ui_busy_op, ui_work_op });
		if (rc != LOOP_LESSONS)
			break;
		/* L: the lesson index; Esc there comes back to this log */
		rc = lessons_loop(o, true);
		if (rc == LESSONS_BACK) {
			set_bus_msg(m);
			continue;
		}
		rc = rc < 0 ? 1 : 0;
		break;
	}
	term_done();
	ui_free(ui);
	return rc;
}

static void diff_draw_op(void *ctx, struct canvas *c)
{
	diff_ui_draw(ctx, c);
}

static int diff_key_op(void *ctx, struct key k)
{
	return diff_ui_key(ctx, k);
}

static bool diff_busy_op(void *ctx)
{
	return diff_ui_busy(ctx);
}

static int diff_work_op(void *ctx)
{
	return diff_ui_work(ctx);
}

int diff_tui_run(const struct diff_pair *d, const struct opts *o)
{
	struct diff_ui *du = diff_ui_new(d, o->no_color);
	int rc;

	if (!du) {
		fprintf(stderr, "veristep: diff --tui: %s\n", strerror(errno));
		return 2;
	}
	if (term_init(o->no_color)) {
		diff_ui_free(du);
		fprintf(stderr, "veristep: diff --tui: no terminal\n");
		return 2;
	}
	rc = run_loop(
		&(struct loop_ops){ du, diff_draw_op, diff_key_op, diff_busy_op, diff_work_op });
	term_done();
	diff_ui_free(du);
	return rc ? 2 : 0;
}
