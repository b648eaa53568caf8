// SPDX-License-Identifier: GPL-2.0
// SAMPLE: global_sleep_tc_rej
// TEACHES: a global that sleeps cannot be called from a non-sleepable program, and making it static does not help
// PROG: sleepy_tc
// SECTION: tc
// SLEEPABLE: no
// EXPECT-VERDICT: rejected
// EXPECT-ERRNO: EINVAL
// EXPECT-ERROR: global functions that may sleep are not allowed in non-sleepable context,
// EXPECT-ERROR: i.e., in a RCU/IRQ/preempt-disabled section, or in
// EXPECT-ERROR: a non-sleepable BPF program context
// EXPECT-VIOLATION-SUBPROG: sleepy_tc
// EXPECT-CONTEXT: sleepy_tc non-sleepable
// EXPECT-MAY-SLEEP: sleepy_tc yes
// EXPECT-MAY-SLEEP: read_user yes
// STUDENT-SEES: at the refusal: the tc program's call to read_user, a global that may sleep
// read_user() is a global function that calls bpf_copy_from_user() (a
// helper that may sleep). The tc classifier calling it is never sleepable,
// so the verifier refuses the call itself (6.15+). Unlike arm_wq_global_tc_rej
// the sleep is in read_user()'s own body: as a static function it would be
// walked in the tc context and bpf_copy_from_user() refused there. tc cannot
// be loaded sleepable either: the sleeping work has to move into a bpf_wq
// callback (see wq_from_tc_ok).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__u64 user_ptr;
__u64 word;

__noinline int read_user(int off)
{
	return bpf_copy_from_user(&word, sizeof(word), (void *)(user_ptr + off));
}

SEC("tc")
int sleepy_tc(struct __sk_buff *skb)
{
	read_user(0);
	return 0; /* TC_ACT_OK */
}
