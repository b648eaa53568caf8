/* SPDX-License-Identifier: MIT */
/*
 * keymap.h — actions are data. ACTION_INFO yields enum action, the
 * action names and the help text; bindings are const {key, action}
 * tables, one generic and one per pane. keymap_lookup() tries the pane's
 * table, then the generic one. The help view walks the same tables.
 *
 * Keys are our own codes (struct key): Unicode code points for text,
 * 1..26 for Ctrl-A..Ctrl-Z, KEYC_* above the Unicode range for the rest.
 * views/term.c translates curses keys into these.
 */
#ifndef VERISTEP_KEYMAP_H
#define VERISTEP_KEYMAP_H

#include <stddef.h>

enum keycode {
	KEYC_NONE = 0,
	KEYC_TAB = '\t',
	KEYC_ENTER = '\r',
	KEYC_ESC = 27,
	KEYC_BACKSPACE = 127,
	KEYC_BASE = 0x200000,
	KEYC_UP,
	KEYC_DOWN,
	KEYC_LEFT,
	KEYC_RIGHT,
	KEYC_HOME,
	KEYC_END,
	KEYC_PGUP,
	KEYC_PGDN,
	KEYC_BTAB,
	KEYC_RESIZE,
	KEYC_MOUSE, /* a click: struct key row/col */
	KEYC_WHEEL_UP,
	KEYC_WHEEL_DOWN,
};

#define KEYC_CTRL(c) ((c)&0x1f)

struct key {
	int code;
	int row, col; /* KEYC_MOUSE */
};

/* _(NAME, "name", "help text") */
#define ACTION_INFO(_)                                                                             \
	_(NONE, "none", "")                                                                        \
	_(STEP_NEXT, "step-next", "next step")                                                     \
	_(STEP_PREV, "step-prev", "previous step")                                                 \
	_(PATH_NEXT, "path-next", "next path (branch popped by the verifier)")                     \
	_(PATH_PREV, "path-prev", "start of this path, then previous path")                        \
	_(BACK, "back", "back to the step that pushed this path")                                  \
	_(STEP_OVER, "step-over", "step over a call")                                              \
	_(STEP_OUT, "step-out", "step out of this call")                                           \
	_(VISIT_NEXT, "visit-next", "next visit of this instruction")                              \
	_(VISIT_PREV, "visit-prev", "previous visit of this instruction")                          \
	_(ERROR, "error", "go to the error")                                                       \
	_(FIRST, "first", "first step")                                                            \
	_(LAST, "last", "last step")                                                               \
	_(GOTO, "goto", "go to step N (:N) or insn N (:iN)")                                       \
	_(SEARCH, "search", "search forward (regex: insn text, registers, source, raw log)")       \
	_(SEARCH_BACK, "search-back", "search backward")                                           \
	_(MATCH_NEXT, "match-next", "next match, in the search's direction")                       \
	_(MATCH_PREV, "match-prev", "previous match, against the search's direction")              \
	_(FOCUS_NEXT, "focus-next", "next pane")                                                   \
	_(FOCUS_PREV, "focus-prev", "previous pane")                                               \
	_(SEL_UP, "select-up", "select the node above")                                            \
	_(SEL_DOWN, "select-down", "select the node below")                                        \
	_(SELECT, "select", "jump to the first step of the selected subprog")                      \
	_(SCROLL_UP, "scroll-up", "scroll up a line")                                              \
	_(SCROLL_DOWN, "scroll-down", "scroll down a line")                                        \
	_(PAGE_UP, "page-up", "scroll the focused pane up a page")                                 \
	_(PAGE_DOWN, "page-down", "scroll the focused pane down a page")                           \
	_(SCROLL_TOP, "scroll-top", "scroll the focused pane to its top (else: first step)")       \
	_(SCROLL_BOTTOM, "scroll-bottom", "scroll the focused pane to its end (else: last step)")  \
	_(RAWLOG, "raw-log", "the raw log around this step (every line, synced)")                  \
	_(PROGRAMS, "programs", "pick another program of the log")                                 \
	_(LESSONS, "lessons", "the lesson index: the bundled samples by rule (Enter opens one)")   \
	_(TOGGLE_SOURCE, "toggle-source", "show or hide source lines")                             \
	_(EXPLAIN, "explain", "why: the sleepable context of this step")                           \
	_(WHY, "why-chain", "where the selected value came from: mark its chain (again: clear)")   \
	_(WHY_SELECT, "why-select", "select the next register or slot of the state pane for y")    \
	_(WHY_OLDER, "why-older", "back along the chain: the step of its next older link")         \
	_(WHY_NEWER, "why-newer", "forward along the chain, to the step it was asked at")          \
	_(HELP, "help", "this help")                                                               \
	_(REDRAW, "redraw", "redraw the screen")                                                   \
	_(CANCEL, "cancel", "close the overlay")                                                   \
	_(QUIT, "quit", "quit")

enum action {
#define _(n, s, h) ACT_##n,
	ACTION_INFO(_)
#undef _
		ACT__COUNT
};

struct keybinding {
	int key;
	enum action action;
};

struct keymap {
	const char *name; /* "generic", "code", "graph", ... */
	const struct keybinding *b;
	size_t n;
};

enum keymap_id {
	KEYMAP_GENERIC = 0,
	KEYMAP_CODE,
	KEYMAP_STATE,
	KEYMAP_GRAPH,
	KEYMAP_WHERE,
	KEYMAP_OVERLAY, /* help and explain */
	KEYMAP_RAWLOG,
	KEYMAP_PICKER,
	KEYMAP_LESSONS, /* the lesson index (views/lessons_view.c) */
	KEYMAP__COUNT,
};

const struct keymap *keymap_get(enum keymap_id id);
/* the action bound to key in map id, falling back to the generic map; ACT_NONE if none */
enum action keymap_lookup(enum keymap_id id, int key);
const char *action_name(enum action a);
const char *action_help(enum action a);
/* "n", "Down", "Tab", "^L", ... into buf; returns buf */
const char *keymap_key_name(int key, char *buf, size_t n);

#endif
