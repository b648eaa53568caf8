// SPDX-License-Identifier: MIT
/*
 * keymap.c — the default bindings (less/vim where they overlap) and their
 * lookup. Tables only; what an action does lives in ui.c and the panes.
 */
#include <stdio.h>

#include "views/keymap.h"

static const char *const names[ACT__COUNT] = {
#define _(n, s, h) [ACT_##n] = s,
	ACTION_INFO(_)
#undef _
};

static const char *const helps[ACT__COUNT] = {
#define _(n, s, h) [ACT_##n] = h,
	ACTION_INFO(_)
#undef _
};

static const struct keybinding generic[] = {
	{ 'n', ACT_STEP_NEXT },
	{ KEYC_DOWN, ACT_STEP_NEXT },
	{ 'j', ACT_STEP_NEXT },
	{ 'p', ACT_STEP_PREV },
	{ KEYC_UP, ACT_STEP_PREV },
	{ 'k', ACT_STEP_PREV },
	{ 'N', ACT_PATH_NEXT },
	{ 'P', ACT_PATH_PREV },
	{ 'b', ACT_BACK },
	{ 'o', ACT_STEP_OVER },
	{ 'u', ACT_STEP_OUT },
	{ 'v', ACT_VISIT_NEXT },
	{ 'V', ACT_VISIT_PREV },
	{ 'e', ACT_ERROR },
	{ 'g', ACT_FIRST },
	{ KEYC_HOME, ACT_SCROLL_TOP },
	{ 'G', ACT_LAST },
	{ KEYC_END, ACT_SCROLL_BOTTOM },
	{ ':', ACT_GOTO },
	{ '/', ACT_SEARCH },
	{ ']', ACT_MATCH_NEXT },
	{ '[', ACT_MATCH_PREV },
	{ KEYC_TAB, ACT_FOCUS_NEXT },
	{ KEYC_BTAB, ACT_FOCUS_PREV },
	{ KEYC_PGUP, ACT_PAGE_UP },
	{ KEYC_PGDN, ACT_PAGE_DOWN },
	{ 'r', ACT_RAWLOG },
	{ 'm', ACT_PROGRAMS },
	{ 's', ACT_TOGGLE_SOURCE },
	{ 'w', ACT_EXPLAIN },
	{ 'y', ACT_WHY },
	{ 'Y', ACT_WHY_SELECT },
	{ '<', ACT_WHY_OLDER },
	{ '>', ACT_WHY_NEWER },
	{ 'L', ACT_LESSONS },
	{ '?', ACT_SEARCH_BACK },
	{ 'h', ACT_HELP },
	{ KEYC_CTRL('l'), ACT_REDRAW },
	{ KEYC_ESC, ACT_CANCEL },
	{ 'q', ACT_QUIT },
};

static const struct keybinding code[] = {
	{ KEYC_ENTER, ACT_VISIT_NEXT },
};

static const struct keybinding graph[] = {
	{ KEYC_UP, ACT_SEL_UP }, { 'k', ACT_SEL_UP },	     { KEYC_DOWN, ACT_SEL_DOWN },
	{ 'j', ACT_SEL_DOWN },	 { KEYC_ENTER, ACT_SELECT },
};

static const struct keybinding overlay[] = {
	{ 'q', ACT_CANCEL },
	{ KEYC_ESC, ACT_CANCEL },
	{ KEYC_ENTER, ACT_CANCEL },
	{ KEYC_UP, ACT_SCROLL_UP },
	{ 'k', ACT_SCROLL_UP },
	{ KEYC_DOWN, ACT_SCROLL_DOWN },
	{ 'j', ACT_SCROLL_DOWN },
	{ ' ', ACT_PAGE_DOWN },
	{ 'h', ACT_CANCEL },
	{ KEYC_PGUP, ACT_PAGE_UP },
	{ KEYC_PGDN, ACT_PAGE_DOWN },
	{ KEYC_HOME, ACT_SCROLL_TOP },
	{ KEYC_END, ACT_SCROLL_BOTTOM },
	{ 'L', ACT_LESSONS },
};

/* the raw log: a line at a time moves the cursor to the step owning that line */
static const struct keybinding rawlog[] = {
	{ KEYC_UP, ACT_SCROLL_UP }, { 'k', ACT_SCROLL_UP }, { KEYC_DOWN, ACT_SCROLL_DOWN },
	{ 'j', ACT_SCROLL_DOWN },   { ' ', ACT_PAGE_DOWN }, { KEYC_ESC, ACT_CANCEL },
	{ 'q', ACT_CANCEL },	    { 'r', ACT_CANCEL },    { KEYC_ENTER, ACT_CANCEL },
};

static const struct keybinding picker[] = {
	{ KEYC_UP, ACT_SEL_UP }, { 'k', ACT_SEL_UP },	     { KEYC_DOWN, ACT_SEL_DOWN },
	{ 'j', ACT_SEL_DOWN },	 { KEYC_ENTER, ACT_SELECT }, { KEYC_ESC, ACT_CANCEL },
	{ 'q', ACT_CANCEL },	 { 'm', ACT_CANCEL },
};

/* the lesson index: Esc goes back to the log it was opened from */
static const struct keybinding lessons[] = {
	{ KEYC_UP, ACT_SEL_UP },
	{ 'k', ACT_SEL_UP },
	{ KEYC_DOWN, ACT_SEL_DOWN },
	{ 'j', ACT_SEL_DOWN },
	{ KEYC_ENTER, ACT_SELECT },
	{ KEYC_PGUP, ACT_PAGE_UP },
	{ KEYC_PGDN, ACT_PAGE_DOWN },
	{ KEYC_HOME, ACT_SCROLL_TOP },
	{ KEYC_END, ACT_SCROLL_BOTTOM },
	{ KEYC_ESC, ACT_CANCEL },
	{ 'L', ACT_CANCEL },
	{ 'q', ACT_QUIT },
	{ KEYC_CTRL('l'), ACT_REDRAW },
};

#define MAP(nm, t)                                                                                 \
	{                                                                                          \
		nm, t, sizeof(t) / sizeof(t[0])                                                    \
	}

static const struct keymap maps[KEYMAP__COUNT] = {
	[KEYMAP_GENERIC] = MAP("generic", generic),
	[KEYMAP_CODE] = MAP("code", code),
	[KEYMAP_STATE] = { "state", NULL, 0 },
	[KEYMAP_GRAPH] = MAP("graph", graph),
	[KEYMAP_WHERE] = { "where", NULL, 0 },
	[KEYMAP_OVERLAY] = MAP("help and explain", overlay),
	[KEYMAP_RAWLOG] = MAP("raw log", rawlog),
	[KEYMAP_PICKER] = MAP("program picker", picker),
	[KEYMAP_LESSONS] = MAP("lesson index", lessons),
};

const struct keymap *keymap_get(enum keymap_id id)
{
	return (unsigned int)id < KEYMAP__COUNT ? &maps[id] : &maps[KEYMAP_GENERIC];
}

static enum action find(const struct keymap *km, int key)
{
	size_t i;

	for (i = 0; i < km->n; i++)
		if (km->b[i].key == key)
			return km->b[i].action;
	return ACT_NONE;
}

enum action keymap_lookup(enum keymap_id id, int key)
{
	enum action a = find(keymap_get(id), key);

	if (a == ACT_NONE && id != KEYMAP_OVERLAY && id != KEYMAP_PICKER && id != KEYMAP_LESSONS)
		a = find(&maps[KEYMAP_GENERIC], key);
	return a;
}

const char *action_name(enum action a)
{
	return (unsigned int)a < ACT__COUNT ? names[a] : "?";
}

const char *action_help(enum action a)
{
	return (unsigned int)a < ACT__COUNT ? helps[a] : "";
}

const char *keymap_key_name(int key, char *buf, size_t n)
{
	static const struct {
		int key;
		const char *name;
	} special[] = {
		{ KEYC_TAB, "Tab" },	{ KEYC_ENTER, "Enter" },
		{ KEYC_ESC, "Esc" },	{ KEYC_BACKSPACE, "Backspace" },
		{ KEYC_UP, "Up" },	{ KEYC_DOWN, "Down" },
		{ KEYC_LEFT, "Left" },	{ KEYC_RIGHT, "Right" },
		{ KEYC_HOME, "Home" },	{ KEYC_END, "End" },
		{ KEYC_PGUP, "PgUp" },	{ KEYC_PGDN, "PgDn" },
		{ KEYC_BTAB, "S-Tab" }, { ' ', "Space" },
	};
	size_t i;

	for (i = 0; i < sizeof(special) / sizeof(special[0]); i++)
		if (special[i].key == key) {
			snprintf(buf, n, "%s", special[i].name);
			return buf;
		}
	if (key > 0 && key < 32)
		snprintf(buf, n, "^%c", key + '@');
	else if (key < 0x80)
		snprintf(buf, n, "%c", key);
	else
		snprintf(buf, n, "U+%04X", key);
	return buf;
}
