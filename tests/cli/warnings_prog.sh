#!/bin/sh
# warnings_prog.sh — with -p NAME, report, json and the TUI give the
# warnings about that program (and those about no program in particular,
# the file's), not the other programs' (issue 14.2). eperm_pair.log2 is a
# recorded log of two programs; without its "not verified" line the second
# program's frame is empty, which is warned about.
. "$(dirname "$0")/../lib.sh"

fx=$TOP/tests/fixtures/eperm
obj=$fx/eperm_pair.bpf.o
grep -v '^veristep: prog' "$fx/eperm_pair.log2" >"$TMPD/pair.log"
printf 'x\0y\n' >>"$TMPD/pair.log" # a NUL byte: a warning about the file, for every program
w="the log of program 1 'pair_fentry' is empty"

test_expect_success 'without -p: every warning' "
	\"\$VERISTEP\" report '$obj' pair.log >out 2>err &&
	grep -qF \"$w\" err && grep -q 'NUL byte' err
"
test_expect_success '-p the other program: not its warning, but the file s' "
	\"\$VERISTEP\" report -p pair_ok '$obj' pair.log >out 2>err &&
	! grep -qF \"$w\" err && grep -q 'NUL byte' err &&
	\"\$VERISTEP\" json -p pair_ok '$obj' pair.log >out.json &&
	! grep -qF \"$w\" out.json && grep -q 'NUL byte' out.json
"
test_expect_success '-p the program warned about: its warning' "
	\"\$VERISTEP\" report -p pair_fentry '$obj' pair.log >out 2>err &&
	grep -qF \"$w\" err &&
	\"\$VERISTEP\" json -p pair_fentry '$obj' pair.log >out.json &&
	grep -qF \"$w\" out.json
"
test_done
