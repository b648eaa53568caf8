#!/bin/sh
# record_eperm.sh — a program the verifier never saw (issue 14.6): the
# kernel refused the load before verification (EPERM on this kind of
# machine for fentry programs: an empty log), or libbpf refused it before
# the kernel saw it. `record` notes why in the program's frame, and
# `report`, `json` and the TUI read it back: "not verified", never
# "truncated", and the same words record printed.
. "$(dirname "$0")/../lib.sh"

fx=$TOP/tests/fixtures/eperm
lr=$TOP/tests/fixtures/libbpf_refused
nv='not verified: the kernel refused the load before verification (EPERM)'

test_expect_success 'one program refused before verification: not verified, with its errno' "
	\"\$VERISTEP\" report '$fx/fentry_eperm.bpf.o' '$fx/fentry_eperm.log2' >out 2>err &&
	grep -q '^verdict: rejected (not verified: the verifier never saw the program)\$' out &&
	grep -qF 'error: $nv' out &&
	grep -q 'rejection class: refused before verification' out &&
	! grep -q truncated out err &&
	\"\$VERISTEP\" json '$fx/fentry_eperm.bpf.o' '$fx/fentry_eperm.log2' >out.json &&
	json_str out.json verdict rejected &&
	json_str out.json error '$nv' &&
	json_str out.json by kernel && json_str out.json errno EPERM
"
test_expect_success 'two programs: the refused one is not verified, the other accepted' "
	\"\$VERISTEP\" report '$fx/eperm_pair.bpf.o' '$fx/eperm_pair.log2' >out &&
	grep -q '^program 0: pair_ok' out && grep -q '^verdict: accepted' out &&
	\"\$VERISTEP\" report -p pair_fentry '$fx/eperm_pair.bpf.o' '$fx/eperm_pair.log2' >out &&
	grep -q '^program 1: pair_fentry' out && grep -qF 'error: $nv' out
"
# the log an older record wrote: the refused program's frame is empty
grep -v '^veristep: prog' "$fx/eperm_pair.log2" >"$TMPD/empty_frame.log"
test_expect_success 'an empty frame is no log (unknown), not a cut one (truncated)' "
	\"\$VERISTEP\" json -p pair_fentry '$fx/eperm_pair.bpf.o' empty_frame.log >out.json 2>err &&
	json_str out.json verdict unknown &&
	grep -q 'the log of program 1 .pair_fentry. is empty' out.json
"
test_expect_success 'libbpf refused it: its reason is kept with the log' "
	\"\$VERISTEP\" report '$lr/libbpf_refused.bpf.o' '$lr/libbpf_refused.log2' >out &&
	grep -q \"^error: not verified: refused by libbpf, before the kernel saw the program (EINVAL) libbpf: map 'empty': failed to create\" out &&
	grep -q 'rejection class: refused by libbpf' out
"
if [ "$(id -u)" != 0 ]; then
	test_skip 'record and report say the same' 'ROOT_BPF: not root'
elif ! "$VERISTEP" record -q --no-tui -o "$TMPD/probe.log" "$TOP/samples/null_deref_rej.bpf.o" \
	>/dev/null 2>&1; then
	test_skip 'record and report say the same' 'ROOT_BPF: this kernel does not load BPF programs'
else
	for o in "$fx/fentry_eperm.bpf.o" "$lr/libbpf_refused.bpf.o"; do
		test_expect_success "record and report say the same: $(basename "$o")" "
			\"\$VERISTEP\" record -q --no-tui -o r.log '$o' >out 2>/dev/null;
			test -s r.log &&
			sed -n 's/^  error: //p' out >want &&
			test -s want &&
			\"\$VERISTEP\" report '$o' r.log | sed -n 's/^error: //p' >got &&
			diff want got
		"
	done
fi
test_done
