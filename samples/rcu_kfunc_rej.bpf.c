// SPDX-License-Identifier: GPL-2.0
// SAMPLE: rcu_kfunc_rej
// TEACHES: an RCU read section is atomic inside a sleepable program
// PROG: rcu_copy
// SECTION: syscall
// SLEEPABLE: yes
// EXPECT-VERDICT: rejected
// EXPECT-ERRNO: EACCES
// EXPECT-ERROR: kernel func bpf_copy_from_user_str is sleepable within rcu_read_lock region
// EXPECT-VIOLATION-SUBPROG: rcu_copy
// EXPECT-CONTEXT: rcu_copy sleepable
// STUDENT-SEES: at the refusal: bpf_copy_from_user_str inside the RCU read section
// The program is sleepable, but between bpf_rcu_read_lock() and
// bpf_rcu_read_unlock() it must not sleep: an RCU read-side critical section
// cannot block. The verifier counts the nesting depth of the lock kfuncs
// along the path (nothing on the state lines shows it) and refuses the
// sleepable kfunc bpf_copy_from_user_str() inside the section. Moving the
// copy after the unlock makes the program load. A sleepable helper in the
// same place gets "sleepable helper ... in rcu_read_lock region" (EINVAL);
// a sleepable kfunc gets this EACCES message.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern int bpf_copy_from_user_str(void *dst, __u32 dst__sz, const void *unsafe_ptr__ign,
				  __u64 flags) __ksym;

__u64 user_ptr;
char comm[16];
__u32 parent_pid;

SEC("syscall")
int rcu_copy(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();

	bpf_rcu_read_lock();
	parent_pid = task->real_parent->tgid; /* an RCU-protected pointer */
	bpf_copy_from_user_str(comm, sizeof(comm), (void *)user_ptr, 0); /* refused */
	bpf_rcu_read_unlock();
	return 0;
}
