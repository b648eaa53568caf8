#!/bin/sh
# kernel_lines.sh — lines the kernel prints in the middle of a log and then
# goes on are known, not unknown (issue 14.5): "frameN bpf_loop iteration
# limit reached" (a callback loop cut at its bound), a subprog's prototype
# check ("R1 is not a scalar", "reg type unsupported for arg#0 ...", and
# on 6.18 "arg#0 expects pointer to ctx", "dereference of modified ctx ptr
# R1 off=8 disallowed", "arg#0 type tag is not supported in static
# functions"); the
# same kind of line is still the first line of an error when the check was
# fatal ("Global function pick() doesn't return scalar. ...").
. "$(dirname "$0")/../lib.sh"

fx=$TOP/tests/fixtures/lines

test_expect_success 'bpf_loop iteration limit: a note, no unknown line' "
	\"\$VERISTEP\" json '$fx/kernel_notes.bpf.o' '$fx/kernel_notes.log2' >out.json &&
	grep -q 'frame0 bpf_loop iteration limit reached' '$fx/kernel_notes.log2' &&
	json_str out.json verdict accepted &&
	json_has out.json unknown_lines 0 &&
	\"\$VERISTEP\" report '$fx/kernel_notes.bpf.o' '$fx/kernel_notes.log2' >out &&
	! grep -q 'unknown lines' out
"
test_expect_success 'a global that returns a pointer: the whole error, both lines' "
	\"\$VERISTEP\" json '$fx/global_ret_ptr.bpf.o' '$fx/global_ret_ptr.log2' >out.json &&
	json_str out.json error \"Global function pick() doesn't return scalar. Only those are supported. Caller passes invalid args into func#1 ('pick')\" &&
	json_has out.json unknown_lines 0
"
test_expect_success 'a static subprog prototype mismatch: notes, no unknown line (6.18)' "
	\"\$VERISTEP\" json '$fx/static_args.bpf.o' '$fx/static_args.log2' >out.json &&
	grep -q '^arg#0 expects pointer to ctx\$' '$fx/static_args.log2' &&
	grep -q '^dereference of modified ctx ptr R1 off=8 disallowed\$' '$fx/static_args.log2' &&
	grep -q '^arg#0 type tag is not supported in static functions\$' '$fx/static_args.log2' &&
	json_str out.json verdict accepted &&
	json_has out.json unknown_lines 0 &&
	\"\$VERISTEP\" report '$fx/static_args.bpf.o' '$fx/static_args.log2' >out &&
	! grep -q 'unknown lines' out
"
if have_corpus; then
	for f in corpus/struct_deep_static_chain_ok/log2.txt \
		corpus-kernels/6.1.0-56-amd64/cb_bpf_loop_tc_rej/log2.txt \
		corpus-kernels/6.1.0-56-amd64/struct_deep_static_chain_ok/log2.txt; do
		test_expect_success "prototype checks are notes: $f" "
			\"\$VERISTEP\" json '$SHARED/$f' >out.json &&
			! grep -q '\"unknown_lines\":[[:space:]]*[1-9]' out.json
		"
	done
else
	test_skip 'prototype checks are notes (corpus logs)' 'CORPUS: no shared corpus'
fi
test_done
