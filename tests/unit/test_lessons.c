// SPDX-License-Identifier: MIT
/*
 * test_lessons.c — the lesson table and its screen without a terminal:
 * every row's "opens on" parses (and broken ones do not), the shown order
 * covers every row once, grouped by rule; the index drawn at every size
 * from 0x0 to 130x40 never crashes and, from 40x10 up, shows the status
 * bar and the selected lesson's name wherever the selection moves; keys
 * move, open, go back or quit as the keymap says.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/front/lessons.h"
#include "views/canvas.h"
#include "views/lessons_view.h"
#include "views/view.h"

static void test_table(void **state)
{
	size_t i;
	int k, seen[256] = { 0 }, last_rule = -1;

	(void)state;
	assert_true(lessons_count > 20 && lessons_count < 256);
	for (i = 0; i < lessons_count; i++) {
		enum lesson_at at;
		uint32_t n;

		if (lesson_open_at(&lessons[i], &at, &n))
			fail_msg("%s: opens on '%s'", lessons[i].sample, lessons[i].open_on);
		assert_true(!strcmp(lessons[i].verdict, "accepted") ||
			    !strcmp(lessons[i].verdict, "rejected"));
		/* the refusal only for a rejected sample */
		if (at == LESSON_AT_REFUSAL)
			assert_string_equal(lessons[i].verdict, "rejected");
		assert_int_equal(lesson_has_log(&lessons[i]), at != LESSON_AT_PREDICTION);
	}
	for (k = 0; k < (int)lessons_count; k++) {
		int li = lesson_shown(k);

		assert_true(li >= 0 && li < (int)lessons_count);
		assert_false(seen[li]++);
		assert_true((int)lessons[li].rule >= last_rule); /* grouped by rule */
		last_rule = (int)lessons[li].rule;
	}
	assert_int_equal(lesson_shown((int)lessons_count), -1);
}

static void test_open_at_parse(void **state)
{
	static const char *const bad[] = { "step 0", "step", "step x", "insn -1", "insn 4x",
					   "the refusal ", "refusal", "", "step 99999999999" };
	struct lesson l = lessons[0];
	enum lesson_at at;
	uint32_t n;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		l.open_on = bad[i];
		if (!lesson_open_at(&l, &at, &n))
			fail_msg("'%s' parsed", bad[i]);
	}
	l.open_on = "insn 0";
	assert_int_equal(lesson_open_at(&l, &at, &n), 0);
	assert_int_equal(at, LESSON_AT_INSN);
	assert_int_equal(n, 0);
	l.open_on = "step 12";
	assert_int_equal(lesson_open_at(&l, &at, &n), 0);
	assert_int_equal(at, LESSON_AT_STEP);
	assert_int_equal(n, 12);
}

static void test_draw_sizes(void **state)
{
	struct lessons_view lv;
	struct canvas *c = canvas_new(0, 0);
	int rows, cols, s;

	(void)state;
	assert_non_null(c);
	lessons_view_init(&lv, true);
	for (rows = 0; rows <= 40; rows += 1)
		for (cols = 0; cols <= 130; cols += rows < 12 ? 1 : 13) {
			assert_int_equal(canvas_resize(c, rows, cols), 0);
			for (s = 0; s < (int)lessons_count; s += rows >= 10 && cols >= 40 ? 1 : 7) {
				char *dump, want[64];

				lv.sel = s;
				lessons_view_draw(&lv, c);
				if (rows < 10 || cols < 40)
					continue;
				dump = canvas_dump(c);
				assert_non_null(dump);
				snprintf(want, sizeof(want), "lesson %d/%zu", s + 1, lessons_count);
				if (!strstr(dump, want))
					fail_msg("%dx%d sel %d: no '%s'\n%s", cols, rows, s, want, dump);
				snprintf(want, sizeof(want), "▶ %s",
					 lessons[lesson_shown(s)].sample);
				if (!strstr(dump, want))
					fail_msg("%dx%d: the selection '%s' is not shown\n%s", cols, rows,
						 want, dump);
				free(dump);
			}
		}
	canvas_free(c);
}

static void test_keys(void **state)
{
	struct lessons_view lv;

	(void)state;
	lessons_view_init(&lv, false);
	assert_int_equal(lessons_view_key(&lv, (struct key){ .code = 'k' }), VIEW_REDRAW);
	assert_int_equal(lv.sel, (int)lessons_count - 1); /* wraps */
	lessons_view_key(&lv, (struct key){ .code = 'j' });
	lessons_view_key(&lv, (struct key){ .code = KEYC_DOWN });
	assert_int_equal(lv.sel, 1);
	/* Esc in the index veristep opened: not a way out, it says how */
	assert_int_equal(lessons_view_key(&lv, (struct key){ .code = KEYC_ESC }), VIEW_REDRAW);
	assert_int_equal(lv.choice, LESSONS_NONE);
	assert_non_null(strstr(lv.msg, "q quits"));
	assert_true(lessons_view_key(&lv, (struct key){ .code = KEYC_ENTER }) & VIEW_QUIT);
	assert_int_equal(lv.choice, LESSONS_OPEN);
	assert_int_equal(lv.chosen, lesson_shown(1));
	lessons_view_init(&lv, true);
	assert_true(lessons_view_key(&lv, (struct key){ .code = KEYC_ESC }) & VIEW_QUIT);
	assert_int_equal(lv.choice, LESSONS_BACK);
	lessons_view_init(&lv, true);
	assert_true(lessons_view_key(&lv, (struct key){ .code = 'q' }) & VIEW_QUIT);
	assert_int_equal(lv.choice, LESSONS_QUIT);
	/* the key that opens the index from a log is the one the lesson keymap closes it with */
	assert_int_equal(keymap_lookup(KEYMAP_GENERIC, 'L'), ACT_LESSONS);
	assert_int_equal(keymap_lookup(KEYMAP_LESSONS, 'L'), ACT_CANCEL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_open_at_parse),
		cmocka_unit_test(test_draw_sizes),
		cmocka_unit_test(test_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
