// SPDX-License-Identifier: MIT
/* theme.c — the STYLE_INFO table expanded (see theme.h); no curses here. */
#include "views/theme.h"

static const struct {
	const char *name;
	short fg, bg;
	unsigned int attrs, mono;
} styles[STYLE__COUNT] = {
#define _(n, f, b, a, m) [STYLE_##n] = { #n, f, b, a, m },
	STYLE_INFO(_)
#undef _
};

struct theme_style theme_get(enum style st, bool mono)
{
	struct theme_style t = { "DEFAULT", TC_DEFAULT, TC_DEFAULT, TA_NONE };

	if ((unsigned int)st >= STYLE__COUNT)
		return t;
	t.name = styles[st].name;
	if (mono) {
		t.attrs = styles[st].mono;
		return t;
	}
	t.fg = styles[st].fg;
	t.bg = styles[st].bg;
	t.attrs = styles[st].attrs;
	return t;
}

const char *theme_name(enum style st)
{
	return (unsigned int)st < STYLE__COUNT ? styles[st].name : "?";
}
