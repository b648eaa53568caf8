#!/bin/sh
# record_refused.sh — `veristep record` on an object libbpf refuses before
# the kernel sees the program (issue 14.7): sleepability comes from the
# section, not from the load outcome. Needs root and a kernel that loads
# BPF (ROOT_BPF), skipped otherwise.
. "$(dirname "$0")/../lib.sh"

obj=$TOP/tests/fixtures/libbpf_refused/libbpf_refused.bpf.o
if [ "$(id -u)" != 0 ]; then
	test_skip 'record of a program libbpf refused' 'ROOT_BPF: not root'
elif ! "$VERISTEP" record -q --no-tui -o "$TMPD/probe.log" "$TOP/samples/null_deref_rej.bpf.o" \
	>/dev/null 2>&1; then
	test_skip 'record of a program libbpf refused' 'ROOT_BPF: this kernel does not load BPF programs'
else
	test_expect_success 'a syscall program libbpf refused is still sleepable' "
		\"\$VERISTEP\" record -q --no-tui -o r.log '$obj' >out 2>err;
		grep -q '^prog refused_early: section syscall, type syscall, sleepable\$' out &&
		grep -q 'by libbpf, before the kernel saw the program' out
	"
fi
test_done
