// SPDX-License-Identifier: GPL-2.0
// SAMPLE: weak_kfunc_ok
// TEACHES: a __weak kfunc this kernel lacks: libbpf zeroes its call, the verifier walks around it
// PROG: weak_kfunc
// SECTION: syscall
// SLEEPABLE: yes
// EXPECT-VERDICT: accepted
// EXPECT-CONTEXT: weak_kfunc sleepable
// STUDENT-SEES: at insn 4: the test of the weak kfunc's address; its branch to call #0 is never walked
// bpf_veristep_missing() is declared __weak: no kernel has it. libbpf
// cannot resolve it, so instead of failing the load it writes the call
// with kfunc id 0 (the log prints `call #0`), and the address test of the
// kfunc is a constant false: the branch holding the call is dead, the
// verifier never reaches it, and the program loads. The object still
// names the call; the log does not.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern int bpf_veristep_missing(int x) __ksym __weak;

int result;

SEC("syscall")
int weak_kfunc(void *ctx)
{
	if (bpf_veristep_missing) /* libbpf 1.1 has no bpf_ksym_exists() */
		result = bpf_veristep_missing(1);
	else
		result = -1;
	return 0;
}
