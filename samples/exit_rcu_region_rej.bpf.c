// SPDX-License-Identifier: GPL-2.0
// SAMPLE: exit_rcu_region_rej
// TEACHES: a program must not end with an RCU read section still open, even when a static subprog opened it
// PROG: rcu_exit
// SECTION: syscall
// SLEEPABLE: yes
// EXPECT-VERDICT: rejected
// EXPECT-ERRNO: EINVAL
// EXPECT-ERROR: BPF_EXIT instruction in main prog cannot be used inside bpf_rcu_read_lock-ed region
// EXPECT-VIOLATION-SUBPROG: rcu_exit
// EXPECT-CONTEXT: rcu_exit sleepable
// STUDENT-SEES: at the refusal: the main program's exit, with read_parent's RCU section still open
// read_parent() takes bpf_rcu_read_lock() and, when `skip` is set, returns
// before bpf_rcu_read_unlock(). The verifier does not check regions at a
// static subprog's exit (frame 1); it carries the open section back to the
// caller and refuses the main program's own exit, the first exit at frame
// 0 reached with the section open. The way out is to unlock on that path
// too (every path that reaches exit must close what it opened).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

volatile int skip;
__u32 parent_pid;

static __noinline int read_parent(struct task_struct *task)
{
	bpf_rcu_read_lock();
	if (skip)
		return 1; /* returns with the section open */
	parent_pid = task->real_parent->tgid;
	bpf_rcu_read_unlock();
	return 0;
}

SEC("syscall")
int rcu_exit(void *ctx)
{
	return read_parent(bpf_get_current_task_btf());
}
