// SPDX-License-Identifier: GPL-2.0
// SAMPLE: null_deref_rej
// TEACHES: a plain rejection with nothing to do with sleeping
// PROG: null_deref
// SECTION: kprobe/do_nanosleep
// SLEEPABLE: no
// EXPECT-VERDICT: rejected
// EXPECT-ERRNO: EACCES
// EXPECT-ERROR: R0 invalid mem access 'map_value_or_null'
// EXPECT-VIOLATION-SUBPROG: null_deref
// EXPECT-CONTEXT: null_deref non-sleepable
// STUDENT-SEES: at the refusal: the load through R0, still map_value_or_null
// bpf_map_lookup_elem() returns NULL when the key is absent, so its result
// is "map_value_or_null" until the program tests it. This kprobe counts
// calls without that test: the load of *hits is refused. The sleepable
// analysis has nothing to say here; the sample checks that veristep reports
// an ordinary rejection as such and does not invent a context problem.
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

	*hits += 1; /* hits may be NULL: refused */
	return 0;
}
