#!/bin/sh
# json_rejection.sh — the rejection class of a program's error is a JSON
# key (issue 14.10): `rejection` with the same rule, values and fixes the
# report's explanation (and the TUI's `w`) prints; null when the error is
# of no class (a sleep rule, or no error at all).
. "$(dirname "$0")/../lib.sh"

s=$TOP/samples
fx=$TOP/tests/fixtures/eperm

test_expect_success 'a map value out of bounds: its class, values and fixes' "
	\"\$VERISTEP\" json '$s/map_oob_rej.bpf.o' '$s/map_oob_rej.log2' >out.json &&
	json_str out.json class map_value_out_of_bounds &&
	json_str out.json here 'an access of 1 bytes at offset 64 into a 64-byte value.' &&
	\"\$VERISTEP\" report '$s/map_oob_rej.bpf.o' '$s/map_oob_rej.log2' >out &&
	rule=\$(sed -n 's/^    rule: //p' out) && test -n \"\$rule\" &&
	json_str out.json rule \"\$rule\" &&
	fixes=\$(sed -n 's/^    usual fixes: //p' out) && json_str out.json fixes \"\$fixes\"
"
test_expect_success 'refused before verification: the not-verified class' "
	\"\$VERISTEP\" json '$fx/fentry_eperm.bpf.o' '$fx/fentry_eperm.log2' >out.json &&
	json_str out.json class not_verified_kernel &&
	json_has out.json here null
"
test_expect_success 'a sleep-rule refusal and an accepted program: null' "
	\"\$VERISTEP\" json '$s/kfunc_in_socket_rej.bpf.o' '$s/kfunc_in_socket_rej.log2' >out.json &&
	json_has out.json rejection null &&
	\"\$VERISTEP\" json '$s/loop_syscall_ok.bpf.o' '$s/loop_syscall_ok.log2' >out.json &&
	json_has out.json rejection null
"
test_done
