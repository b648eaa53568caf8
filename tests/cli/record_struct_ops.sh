#!/bin/sh
# record and libbpf 1.1 (Debian 12): an object with SEC(".struct_ops.link")
# or a SEC("struct_ops.s/...") program cannot be loaded by it; record says so
# in one line (exit 1, nothing written) instead of libbpf's messages and a
# refusal the kernel never made. The same object with SEC(".struct_ops") and
# plain struct_ops/ programs records. Objects: tests/objs (source there).
# Prerequisite ROOT_BPF; with libbpf 1.2 or later, the old-libbpf lines skip.
. "$(dirname "$0")/../lib.sh"

objs=$TOP/tests/objs
why=""
if [ "$(id -u)" != 0 ]; then
	why="ROOT_BPF: not root"
elif ! "$VERISTEP" record -q --no-tui "$TOP/samples/null_deref_rej.bpf.o" >"$TMPD/probe" 2>&1; then
	why="ROOT_BPF: this kernel does not load BPF programs: $(tail -n 1 "$TMPD/probe")"
fi
ver=$(pkg-config --modversion libbpf 2>/dev/null)
case "$ver" in
0.* | 1.0* | 1.1 | 1.1.*) old=y ;;
*) old="" ;;
esac

if [ -n "$why" ]; then
	test_skip "record: .struct_ops.link refused in one line" "$why"
	test_skip "record: struct_ops.s/ refused in one line" "$why"
	test_skip "record: the same object with .struct_ops records" "$why"
	test_done
	exit $?
fi
if [ -n "$old" ]; then
	test_expect_success "record: .struct_ops.link refused in one line (libbpf $ver)" "
		expect_one_line_error \"\$VERISTEP\" record -q --no-tui -o link.log '$objs/tcp_ca_link.bpf.o' &&
		\"\$VERISTEP\" record -q --no-tui -o link.log '$objs/tcp_ca_link.bpf.o' 2>err; 
		grep -q 'SEC(\".struct_ops.link\") needs libbpf 1.2 or later' err &&
		grep -q 'rebuild the object with SEC(\".struct_ops\")' err &&
		[ ! -e link.log ]
	"
	test_expect_success "record: struct_ops.s/ refused in one line (libbpf $ver)" "
		expect_one_line_error \"\$VERISTEP\" record -q --no-tui '$objs/tcp_ca_sleepable.bpf.o' &&
		\"\$VERISTEP\" record -q --no-tui '$objs/tcp_ca_sleepable.bpf.o' 2>err;
		grep -q 'SEC(\"struct_ops.s/...\") needs libbpf 1.2 or later' err
	"
else
	test_skip "record: .struct_ops.link refused in one line" "libbpf $ver loads it"
	test_skip "record: struct_ops.s/ refused in one line" "libbpf $ver loads it"
fi
test_expect_success "record: the same object with .struct_ops records" "
	\"\$VERISTEP\" record -q --no-tui -p vs_cong_avoid -o plain.log '$objs/tcp_ca_plain.bpf.o' >out 2>err &&
	grep -q 'verdict: accepted' out && grep -q '^processed ' plain.log
"
test_done
