// SPDX-License-Identifier: MIT
/*
 * mankeys.c — a build-time tool (beside the views: it reads their keymap): prints the KEYS section of veristep(1)
 * in man(7) from the keymap tables (views/keymap.h), so the manual cannot
 * drift from the bindings. `mankeys --text` prints "MAP<TAB>KEYS<TAB>HELP"
 * lines from the same walk, for the test that reads the rendered page.
 * Not part of veristep itself.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "views/keymap.h"

/* roff-safe: a backslash doubles, a leading dot or quote is escaped by the caller's \& */
static void put_roff(const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

/* the keys of map km bound to a, "n, Down, j" */
static int keys_of(const struct keymap *km, enum action a, char *buf, size_t n)
{
	size_t i, len = 0;
	int count = 0;
	char k[32];

	buf[0] = '\0';
	for (i = 0; i < km->n; i++) {
		if (km->b[i].action != a)
			continue;
		keymap_key_name(km->b[i].key, k, sizeof(k));
		len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s", count ? ", " : "",
					k);
		count++;
	}
	return count;
}

int main(int argc, char **argv)
{
	bool text = argc > 1 && !strcmp(argv[1], "--text");
	int t, a;

	for (t = 0; t < KEYMAP__COUNT; t++) {
		const struct keymap *km = keymap_get((enum keymap_id)t);

		if (!km->n)
			continue;
		if (!text && t == KEYMAP_GENERIC)
			printf(".SS Everywhere\n");
		else if (!text)
			printf(".SS In the %s %s\n%s\n", km->name,
			       t == KEYMAP_OVERLAY ? "overlays"
			       : t == KEYMAP_RAWLOG || t == KEYMAP_PICKER ? "overlay"
			       : t == KEYMAP_LESSONS ? "screen" : "pane",
			       t == KEYMAP_OVERLAY || t == KEYMAP_PICKER || t == KEYMAP_LESSONS
				       ? "These keys replace the ones above."
				       : "These keys come first, then the ones above.");
		for (a = 1; a < ACT__COUNT; a++) {
			char keys[256];

			if (!keys_of(km, (enum action)a, keys, sizeof(keys)))
				continue;
			if (text) {
				printf("%s\t%s\t%s\n", km->name, keys, action_help((enum action)a));
				continue;
			}
			fputs(".TP\n.B \\&", stdout);
			put_roff(keys);
			fputs("\n\\&", stdout);
			put_roff(action_help((enum action)a));
			putchar('\n');
		}
	}
	return 0;
}
