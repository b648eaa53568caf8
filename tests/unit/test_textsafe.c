// SPDX-License-Identifier: MIT
/* test_textsafe.c — escaping of untrusted text for the terminal, XML and JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "src/front/textsafe.h"

static void check_escape(const char *in, size_t n, unsigned flags, const char *want)
{
	char buf[256];
	size_t len = textsafe_escape(buf, sizeof(buf), in, n, flags);

	assert_string_equal(buf, want);
	assert_int_equal(len, strlen(want));
}

static void test_escape(void **state)
{
	(void)state;
	check_escape("plain text\\ok", 13, 0, "plain text\\ok");
	/* CSI 2J (clear screen) and OSC 52 (write the clipboard) */
	check_escape("\x1b[2Jx", 5, 0, "\\x1b[2Jx");
	check_escape("\x1b]52;c;aGk=\x07", 12, 0, "\\x1b]52;c;aGk=\\x07");
	check_escape("a\nb\tc\rd", 7, 0, "a\\nb\\tc\\rd");
	check_escape("a\nb\tc\rd", 7, TS_KEEP_NL | TS_KEEP_TAB, "a\nb\tc\\rd");
	check_escape("\x7f", 1, 0, "\\x7f");
	/* C1 CSI as UTF-8 (U+009B), raw 8-bit CSI (0x9b, not UTF-8), a lone lead byte */
	check_escape("\xc2\x9b" "2J", 4, 0, "\\u009b2J");
	check_escape("\x9b" "2J", 3, 0, "\\x9b2J");
	check_escape("\xe2\x82", 2, 0, "\\xe2\\x82");
	/* printable UTF-8 passes: é, €, an emoji */
	check_escape("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9, 0, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	/* overlong and surrogate forms are not UTF-8 */
	check_escape("\xc0\xaf", 2, 0, "\\xc0\\xaf");
	check_escape("\xed\xa0\x80", 3, 0, "\\xed\\xa0\\x80");
	check_escape("a\0b", 3, 0, "a\\x00b");
}

static void test_escape_truncates_whole(void **state)
{
	char buf[6];
	size_t len = textsafe_escape(buf, sizeof(buf), "ab\x1b" "cd", 5, 0);

	(void)state;
	assert_int_equal(len, 8);
	assert_string_equal(buf, "ab"); /* "\x1b" does not fit whole: cut before it */
}

/* what the filtering stream makes of s written in pieces of chunk bytes */
static char *through_stream(const char *s, size_t n, size_t chunk)
{
	char *res = NULL;
	size_t rlen = 0, i;
	FILE *mem = open_memstream(&res, &rlen);
	FILE *f;

	assert_non_null(mem);
	f = textsafe_open(mem);
	assert_non_null(f);
	setvbuf(f, NULL, _IONBF, 0); /* every fwrite reaches the filter as it is */
	for (i = 0; i < n; i += chunk)
		assert_int_equal(fwrite(s + i, 1, n - i < chunk ? n - i : chunk, f),
				 n - i < chunk ? n - i : chunk);
	assert_int_equal(fclose(f), 0);
	fclose(mem);
	return res;
}

static void test_stream(void **state)
{
	static const char in[] = "line \x1b[31mred\x1b[0m\n\t\xe2\x82\xac \xc2\x9d \xff end\n";
	static const char want[] = "line \\x1b[31mred\\x1b[0m\n\t\xe2\x82\xac \\u009d \\xff end\n";
	size_t chunk;

	(void)state;
	/* a UTF-8 character cut between two writes stays one character */
	for (chunk = 1; chunk <= sizeof(in); chunk++) {
		char *got = through_stream(in, sizeof(in) - 1, chunk);

		assert_string_equal(got, want);
		free(got);
	}
	/* a lead byte at the very end never completed */
	{
		char *got = through_stream("x\xe2\x82", 3, 1);

		assert_string_equal(got, "x\\xe2\\x82");
		free(got);
	}
}

static void test_utf8(void **state)
{
	size_t bad;
	char *r;

	(void)state;
	r = textsafe_utf8("ok \xc3\xa9", &bad);
	assert_string_equal(r, "ok \xc3\xa9");
	assert_int_equal(bad, 0);
	free(r);
	r = textsafe_utf8("a\xff" "b\xe2\x82" "c", &bad);
	assert_string_equal(r, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd" "c");
	assert_int_equal(bad, 3);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_escape_truncates_whole),
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_utf8),
	};

	return cmocka_run_group_tests_name("textsafe", tests, NULL, NULL);
}
