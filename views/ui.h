/* SPDX-License-Identifier: MIT */
/*
 * ui.h — the TUI without a terminal: key → action → cursor or pane →
 * redraw onto a canvas. Count prefixes, the ':' and '/' prompts, focus,
 * overlays (help, explain), the status and message lines live here.
 * views/term.c feeds it keys and copies its canvas to the screen; unit
 * tests do the same with a canvas dump.
 *
 * ui_new() borrows the model (it must outlive the ui); NULL and errno
 * (EINVAL: no program matches) on failure.
 */
#ifndef VERISTEP_UI_H
#define VERISTEP_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "src/analysis/state.h"
#include "src/explore/explore.h"
#include "src/model/model.h"
#include "views/canvas.h"
#include "views/keymap.h"
#include "views/view.h"

#define UI_MIN_ROWS 24
#define UI_MIN_COLS 80

enum ui_mode {
	UI_NORMAL = 0,
	UI_PROMPT, /* ':' or '/' */
	UI_HELP,
	UI_EXPLAIN,
	UI_RAWLOG, /* the raw log around the current step */
	UI_PICKER, /* the program picker */
};

struct ui_opts {
	const char *prog; /* -p NAME, or NULL: the first rejected program */
	bool mono;
};

struct ui {
	const struct model *m;
	struct explore x;
	struct view panes[PANE__COUNT];
	int focus;
	enum ui_mode mode;
	enum ui_mode back_mode; /* where a ':' '/' '?' prompt returns */
	bool show_source;
	bool mono;
	bool small; /* below UI_MIN_COLS x UI_MIN_ROWS: one pane at a time */

	uint32_t count; /* count prefix being typed, 0 none */
	char prompt;	/* ':' or '/' */
	char input[128];
	int input_len;

	struct explore_search search;
	bool have_search;
	bool searching; /* a search runs in slices: ui_work() */
	uint32_t search_budget;
	uint32_t search_from; /* the step the search started on */
	/* checkpoints of the program's long paths, taken while no key waits */
	struct state_warm warm;
	bool warm_done;

	char msg[256];
	bool msg_error;
	int overlay_scroll;
	int overlay_lines; /* lines the overlay had at the last draw */
	int rows, cols;	   /* of the last draw */
	uint32_t heat_max;

	uint64_t raw_sel;  /* raw log: offset of the selected line */
	uint32_t raw_step; /* the step raw_sel was synced with, IDX_NONE */
	int picker_sel;

	/* `y`: the chain of a value (views/why_ui.c), its steps marked in the code pane */
	struct why_result *why; /* NULL: none shown */
	uint32_t why_at;	/* the link `<` went to; why->links.n: the step it was asked at */
	int why_sel; /* `Y`'s item: 0-10 Ri, 11+i slot fp-8(i+1); -1 what the error names */

	/* the `w` text of one step, written once by the analysis' formatter, not per redraw */
	char *explain_text;
	const struct program *explain_prog;
	uint32_t explain_step;
};

/* index of the program to open: -p NAME, else the first rejected, else 0; -1 if none */
int ui_pick_program(const struct model *m, const char *name);

struct ui *ui_new(const struct model *m, const struct ui_opts *o);
void ui_free(struct ui *ui);

/* handle one key; returns VIEW_* flags (VIEW_QUIT to leave) */
int ui_key(struct ui *ui, struct key k);
/* run an action as if its key was pressed */
int ui_action(struct ui *ui, enum action a);
/* draw everything onto c (at its size) */
void ui_draw(struct ui *ui, struct canvas *c);
/*
 * work is left while no key waits (a search running: shown; checkpoints
 * of the states being taken: silent): call ui_work() until it is not;
 * it returns VIEW_REDRAW when the screen changed
 */
bool ui_busy(const struct ui *ui);
int ui_work(struct ui *ui);
/* open program pi (the picker's Enter): a fresh cursor on its initial step; 0 or -EINVAL */
int ui_switch_program(struct ui *ui, uint32_t pi);

/* views/why_ui.c: the y / Y / < / > actions, the code pane's marks, the state pane's selection */
int why_ui_action(struct ui *ui, enum action a);
bool why_ui_marks(const struct ui *ui, uint32_t insn);
void why_ui_release(struct ui *ui);

/* views/rawlog_view.c: the raw log overlay (UI_RAWLOG) */
void rawlog_draw(struct ui *ui, struct canvas *c, struct rect r);
int rawlog_action(struct ui *ui, enum action a);

/* set the message line */
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* the text of a log span, clipped to n-1 bytes, into buf; returns buf (in ui.c) */
char *view_span(const struct ui *ui, uint64_t off, uint32_t len, char *buf, size_t n);
/* the name of a subprog (its name, else "func#N") (in ui.c) */
void view_subprog_name(const struct ui *ui, const struct subprog *s, char *buf, size_t n);

#endif
