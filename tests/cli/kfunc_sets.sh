#!/bin/sh
# kfunc_sets.sh — a kfunc a program type may not call (issue 14.9): the
# kernel's kfunc sets are registered per program type, and "calling kernel
# function X is not allowed" is predicted and explained from 6.18's
# registrations, not as a sleepable-context violation. The log was
# recorded on 6.18.
. "$(dirname "$0")/../lib.sh"

fx=$TOP/tests/fixtures/kfunc_sets
obj=$fx/kfunc_not_allowed.bpf.o
log=$fx/kfunc_not_allowed.log2

test_expect_success 'a sleepable kfunc a socket filter may not call: not allowed, not "must be sleepable"' "
	\"\$VERISTEP\" report -p sock_key '$obj' >out &&
	grep -q 'refusal (not a sleep rule) at insn 2: calling kernel function bpf_lookup_user_key is not allowed' out &&
	! grep -q 'must be sleepable' out
"
test_expect_success 'the object alone predicts what the kernel said, for each program' "
	for p in xdp_cpumask sock_task sock_key; do
		\"\$VERISTEP\" json -p \$p '$obj' '$log' >out.json &&
		msg=\$(sed -n 's/^[[:space:]]*\"error\":[[:space:]]*\"\\(.*\\)\",\$/\\1/p' out.json) &&
		test -n \"\$msg\" &&
		\"\$VERISTEP\" report -p \$p '$obj' >out &&
		grep -qF \"at insn\" out && grep -F \"\$msg\" out | grep -q 'refusal (not a sleep rule)' || return 1
	done &&
	\"\$VERISTEP\" report -p sys_task '$obj' >out &&
	grep -q 'predicted from the object (Linux 6.18 rules): no refusal' out
"
test_expect_success 'the explanation names the set and the types that may call it' "
	\"\$VERISTEP\" report -p xdp_cpumask '$obj' '$log' >out &&
	grep -q 'kind: kfunc not registered for this program type (not a sleep rule)' out &&
	grep -q 'bpf_cpumask_create is in the cpumask (kernel/bpf/cpumask.c) set, which Linux 6.18 registers for struct_ops, tracing' out &&
	grep -q 'Ways out: call bpf_cpumask_create from a program of a type that has its set' out
"
test_expect_success 'the table is 6.18s: other rules predict no set refusal' "
	\"\$VERISTEP\" report --kernel 6.12 -p xdp_cpumask '$obj' >out &&
	! grep -q 'is not allowed' out
"
test_done
