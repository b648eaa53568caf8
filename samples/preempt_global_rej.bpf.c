// SPDX-License-Identifier: GPL-2.0
// SAMPLE: preempt_global_rej
// TEACHES: preemption-disabled sections are atomic, also for global calls
// PROG: preempt_global
// SECTION: syscall
// SLEEPABLE: yes
// EXPECT-VERDICT: rejected
// EXPECT-ERRNO: EINVAL
// EXPECT-ERROR: global functions that may sleep are not allowed in non-sleepable context,
// EXPECT-ERROR: i.e., in a RCU/IRQ/preempt-disabled section, or in
// EXPECT-ERROR: a non-sleepable BPF program context
// EXPECT-VIOLATION-SUBPROG: preempt_global
// EXPECT-CONTEXT: preempt_global sleepable
// STUDENT-SEES: at the refusal: the call to stash_user inside the preempt-disabled section
// bpf_preempt_disable() / bpf_preempt_enable() (6.10+) bracket a section in
// which the task cannot be scheduled out, so nothing in it may sleep. Here
// the sleep is one call away, in the global function stash_user(): since
// 6.15 the verifier keeps a "might sleep" summary per global function and
// refuses the call inside the section with the same three-line message as
// the timer case (timer_global_rej), although the program is sleepable.
// Calling a global that cannot sleep inside the section is fine (6.15+).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern void bpf_preempt_disable(void) __ksym;
extern void bpf_preempt_enable(void) __ksym;

__u64 user_ptr;
__u64 stash;
__u32 cpu_seen;

__noinline int stash_user(__u64 uptr)
{
	return bpf_copy_from_user(&stash, sizeof(stash), (void *)uptr);
}

SEC("syscall")
int preempt_global(void *ctx)
{
	bpf_preempt_disable();
	cpu_seen = bpf_get_smp_processor_id(); /* stable while preemption is off */
	stash_user(user_ptr);		       /* refused: may sleep */
	bpf_preempt_enable();
	return 0;
}
