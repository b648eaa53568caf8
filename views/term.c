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
#include "src/front/textsafe.h"
#include "views/diff_ui.h"
#include "views/term.h"
#include "views/ui.h"

static bool term_active;
static SCREEN *term_screen; /* keys from /dev/tty: the log came on stdin */
static FILE *term_keys;
static bool term_mono;
static attr_t style_attr[STYLE__COUNT];

/* what SIGBUS says: the mapped log shrank or was rewritten under us (set by tui_run) */
static char bus_msg[640];
static size_t bus_len;

static void on_sigbus(int sig)
{
	(void)sig;
	if (term_active) {
		term_active = false;
		endwin();
	}
	if (bus_len && write(2, bus_msg, bus_len) < 0) {
		/* nothing more to say */
	}
	_exit(1);
}

static void restore_and_reraise(int sig)
{
	if (term_active) {
		term_active = false;
		endwin();
	}
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
						&c->cells[(long)r * c->cols + col] : NULL;
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
	case KEY_UP: k.code = KEYC_UP; break;
	case KEY_DOWN: k.code = KEYC_DOWN; break;
	case KEY_LEFT: k.code = KEYC_LEFT; break;
	case KEY_RIGHT: k.code = KEYC_RIGHT; break;
	case KEY_HOME: k.code = KEYC_HOME; break;
	case KEY_END: k.code = KEYC_END; break;
	case KEY_PPAGE: k.code = KEYC_PGUP; break;
	case KEY_NPAGE: k.code = KEYC_PGDN; break;
	case KEY_BTAB: k.code = KEYC_BTAB; break;
	case KEY_ENTER: k.code = KEYC_ENTER; break;
	case KEY_BACKSPACE: k.code = KEYC_BACKSPACE; break;
	case KEY_RESIZE: k.code = KEYC_RESIZE; break;
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

/* draw, read a key, hand it on, until the view says quit; 0 or 1 */
static int run_loop(const struct loop_ops *ops)
{
	struct canvas *c = canvas_new(0, 0);
	int rows, cols, rc = 0;

	if (!c)
		return 1;
	for (;;) {
		struct key k;
		int r;

		term_size(&rows, &cols);
		if ((rows != c->rows || cols != c->cols) && canvas_resize(c, rows, cols)) {
			rc = 1;
			break;
		}
		ops->draw(ops->ctx, c);
		term_blit(c);
		if (ops->busy && ops->busy(ops->ctx)) {
			k = term_read_key(false);
			if (k.code == KEYC_NONE) {
				ops->work(ops->ctx);
				continue;
			}
		} else {
			k = term_read_key(true);
		}
		if (k.code == KEYC_NONE)
			continue;
		r = ops->key(ops->ctx, k);
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

int tui_run(struct model *m, const struct opts *o)
{
	struct ui_opts uo = { .prog = o->prog, .mono = o->no_color };
	struct ui *ui;
	int rc;

	{
		/* reading the mapped log after it was truncated faults: say so, cleanly */
		const char *name = m->log.name ? strtab_get(&m->str, m->log.name) : "the log";
		char safe[512];

		textsafe_escape(safe, sizeof(safe), name, strlen(name), 0);
		snprintf(bus_msg, sizeof(bus_msg),
			 "veristep: %s: the file changed under the TUI (truncated or rewritten); "
			 "open it again\n", safe);
		bus_len = strlen(bus_msg);
	}
	ui = ui_new(m, &uo);
	if (!ui) {
		fprintf(stderr, "veristep: %s\n", m->progs.n ? "no such program" :
			"no program found in the input");
		return 1;
	}
	if (term_init(uo.mono)) {
		ui_free(ui);
		return report_run(m, o, stdout);
	}
	rc = run_loop(&(struct loop_ops){ ui, ui_draw_op, ui_key_op, ui_busy_op, ui_work_op });
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
	rc = run_loop(&(struct loop_ops){ du, diff_draw_op, diff_key_op, NULL, NULL });
	term_done();
	diff_ui_free(du);
	return rc ? 2 : 0;
}
