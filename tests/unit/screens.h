/* SPDX-License-Identifier: MIT */
/*
 * screens.h — whole TUI screens compared with tests/unit/screens/NAME.txt
 * (canvas dumps). With VERISTEP_UPDATE=1 the files are (re)written: review
 * the diff before committing.
 */
#ifndef VERISTEP_TEST_SCREENS_H
#define VERISTEP_TEST_SCREENS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline void assert_screen(const char *name, const char *d)
{
	char path[512], *want = NULL;
	const char *dir = getenv("VERISTEP_SRC");
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/tests/unit/screens/%s.txt", dir ? dir : ".", name);
	if (getenv("VERISTEP_UPDATE")) {
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(d, f);
		fclose(f);
		return;
	}
	f = fopen(path, "r");
	if (!f)
		fail_msg("%s: missing (VERISTEP_UPDATE=1 writes it)", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	want = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(want, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	if (strcmp(want, d))
		fail_msg("%s differs; the screen now:\n%s", path, d);
	free(want);
}

#endif
