/* SPDX-License-Identifier: MIT */
/*
 * theme.h — styles are roles (what a cell means), never colours. The
 * STYLE_INFO table gives each role a colour and attributes, and the
 * attributes it keeps on a monochrome screen (NO_COLOR, --no-color).
 * Markers are characters (✗ · → ↳ ✓ *), so monochrome loses nothing.
 * Only views/term.c turns these into curses attributes.
 */
#ifndef VERISTEP_THEME_H
#define VERISTEP_THEME_H

#include <stdbool.h>

enum theme_color {
	TC_DEFAULT = -1,
	TC_BLACK = 0,
	TC_RED,
	TC_GREEN,
	TC_YELLOW,
	TC_BLUE,
	TC_MAGENTA,
	TC_CYAN,
	TC_WHITE,
};

enum theme_attr {
	TA_NONE = 0,
	TA_BOLD = 1u << 0,
	TA_DIM = 1u << 1,
	TA_REVERSE = 1u << 2,
	TA_UNDERLINE = 1u << 3,
};

/* _(NAME, fg, bg, attrs in colour, attrs in monochrome) */
#define STYLE_INFO(_)                                                                              \
	_(DEFAULT, TC_DEFAULT, TC_DEFAULT, TA_NONE, TA_NONE)                                       \
	_(TITLE, TC_WHITE, TC_BLUE, TA_BOLD, TA_REVERSE)                                           \
	_(STATUS, TC_BLACK, TC_CYAN, TA_NONE, TA_REVERSE)                                          \
	_(STATUS_KEY, TC_BLACK, TC_CYAN, TA_BOLD, TA_REVERSE | TA_BOLD)                            \
	_(BORDER, TC_BLUE, TC_DEFAULT, TA_NONE, TA_NONE)                                           \
	_(BORDER_FOCUS, TC_CYAN, TC_DEFAULT, TA_BOLD, TA_BOLD)                                     \
	_(CURSOR, TC_BLACK, TC_YELLOW, TA_NONE, TA_REVERSE)                                        \
	_(INSN, TC_DEFAULT, TC_DEFAULT, TA_NONE, TA_NONE)                                          \
	_(INSN_NUM, TC_YELLOW, TC_DEFAULT, TA_NONE, TA_NONE)                                       \
	_(SOURCE, TC_GREEN, TC_DEFAULT, TA_NONE, TA_NONE)                                          \
	_(DIM, TC_DEFAULT, TC_DEFAULT, TA_DIM, TA_DIM)                                             \
	_(HEAT_LOW, TC_BLUE, TC_DEFAULT, TA_NONE, TA_NONE)                                         \
	_(HEAT_MID, TC_YELLOW, TC_DEFAULT, TA_NONE, TA_NONE)                                       \
	_(HEAT_HIGH, TC_RED, TC_DEFAULT, TA_BOLD, TA_BOLD)                                         \
	_(ERROR, TC_RED, TC_DEFAULT, TA_BOLD, TA_BOLD)                                             \
	_(BRANCH, TC_MAGENTA, TC_DEFAULT, TA_NONE, TA_NONE)                                        \
	_(PRUNE, TC_GREEN, TC_DEFAULT, TA_NONE, TA_NONE)                                           \
	_(REG, TC_CYAN, TC_DEFAULT, TA_NONE, TA_NONE)                                              \
	_(REG_CHANGED, TC_BLACK, TC_GREEN, TA_BOLD, TA_BOLD | TA_UNDERLINE)                        \
	_(HEADER, TC_DEFAULT, TC_DEFAULT, TA_BOLD, TA_BOLD)                                        \
	_(NODE, TC_DEFAULT, TC_DEFAULT, TA_NONE, TA_NONE)                                          \
	_(NODE_CUR, TC_BLACK, TC_YELLOW, TA_BOLD, TA_REVERSE)                                      \
	_(NODE_SEL, TC_DEFAULT, TC_DEFAULT, TA_UNDERLINE, TA_UNDERLINE)                            \
	_(EDGE_CALL, TC_DEFAULT, TC_DEFAULT, TA_NONE, TA_NONE)                                     \
	_(EDGE_CB, TC_CYAN, TC_DEFAULT, TA_NONE, TA_NONE)                                          \
	_(EDGE_ASYNC, TC_MAGENTA, TC_DEFAULT, TA_NONE, TA_NONE)                                    \
	_(SLEEPABLE, TC_GREEN, TC_DEFAULT, TA_NONE, TA_NONE)                                       \
	_(NON_SLEEPABLE, TC_RED, TC_DEFAULT, TA_NONE, TA_BOLD)                                     \
	_(ACCEPTED, TC_GREEN, TC_DEFAULT, TA_BOLD, TA_BOLD)                                        \
	_(REJECTED, TC_RED, TC_DEFAULT, TA_BOLD, TA_BOLD)                                          \
	_(MESSAGE, TC_YELLOW, TC_DEFAULT, TA_NONE, TA_NONE)                                        \
	_(PROMPT, TC_DEFAULT, TC_DEFAULT, TA_BOLD, TA_BOLD)                                        \
	_(HELP_KEY, TC_CYAN, TC_DEFAULT, TA_BOLD, TA_BOLD)                                         \
	_(MATCH, TC_BLACK, TC_MAGENTA, TA_NONE, TA_UNDERLINE)

enum style {
#define _(name, fg, bg, a, mono) STYLE_##name,
	STYLE_INFO(_)
#undef _
		STYLE__COUNT
};

struct theme_style {
	const char *name;
	short fg, bg;
	unsigned int attrs;
};

/* the look of a style; monochrome drops the colours and keeps the mono attrs */
struct theme_style theme_get(enum style st, bool mono);
const char *theme_name(enum style st);

#endif
