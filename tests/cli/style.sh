#!/bin/sh
# style.sh — the tree is formatted as .clang-format says (kernel style:
# tabs, 100 columns, function braces on their own line), as `make
# format-check` checks it; the check is shown to fail on one bad line.
. "$(dirname "$0")/../lib.sh"

sources() { # the C files of the tree, relative to TOP
	(cd "$TOP" && ls src/*.[ch] src/*/*.[ch] parsers/*.[ch] views/*.[ch])
}

if ! command -v clang-format >/dev/null 2>&1; then
	test_skip 'the tree is formatted as .clang-format says' 'clang-format is not installed'
	test_skip 'the check fails on a badly formatted line' 'clang-format is not installed'
else
	test_expect_success 'the tree is formatted as .clang-format says' '
		[ -s "$TOP/.clang-format" ] &&
		(cd "$TOP" && clang-format --dry-run --Werror $(sources))
	'
	test_expect_success 'the check fails on a badly formatted line' '
		mkdir tree && cp "$TOP/.clang-format" tree/ &&
		printf "int f(int x) {\n  return x+1;\n}\n" >tree/bad.c &&
		! (cd tree && clang-format --dry-run --Werror bad.c 2>err) &&
		grep -q "clang-format-violations" tree/err
	'
fi
test_done
