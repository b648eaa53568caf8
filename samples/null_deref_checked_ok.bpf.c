// SPDX-License-Identifier: GPL-2.0
// SAMPLE: null_deref_checked_ok
// TEACHES: the fix of null_deref_rej: test the lookup's result before using it
// PROG: null_deref
// SECTION: kprobe/do_nanosleep
// SLEEPABLE: no
// EXPECT-VERDICT: accepted
// EXPECT-CONTEXT: null_deref non-sleepable
// STUDENT-SEES: at insn 8: the NULL test the fix added
// null_deref_rej with the one line a reviewer asks for: `if (!hits)`. The
// program keeps its name, so `veristep diff samples/null_deref_rej.bpf.o
// samples/null_deref_rej.log2 samples/null_deref_checked_ok.bpf.o
// samples/null_deref_checked_ok.log2` compares the two builds: the verdict
// flips, and the first divergence is the added test, where the checked
// build branches and the original goes on to the refused load.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} hits_by_pid SEC(".maps");

SEC("kprobe/do_nanosleep")
int null_deref(struct pt_regs *regs)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u64 *hits = bpf_map_lookup_elem(&hits_by_pid, &pid);

	if (!hits)
		return 0;
	*hits += 1;
	return 0;
}
