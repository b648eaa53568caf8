// SPDX-License-Identifier: GPL-2.0
// SAMPLE: kfunc_in_socket_rej
// TEACHES: a sleepable kfunc needs a sleepable program (EACCES)
// PROG: sock_kfunc
// SECTION: socket
// SLEEPABLE: no
// EXPECT-VERDICT: rejected
// EXPECT-ERRNO: EACCES
// EXPECT-ERROR: program must be sleepable to call sleepable kfunc bpf_copy_from_user_str
// EXPECT-VIOLATION-SUBPROG: sock_kfunc
// EXPECT-CONTEXT: sock_kfunc non-sleepable
// STUDENT-SEES: at the refusal: the call to bpf_copy_from_user_str in the socket filter
// Kfuncs carry their own flags, per (program type, kfunc) registration;
// KF_SLEEPABLE ones, like bpf_copy_from_user_str(), may only be called
// where the verifier's context is sleepable. A socket filter runs in
// softirq context and cannot be loaded sleepable at all, so the call is
// refused. Unlike the helper case ("helper call might sleep in a
// non-sleepable prog", EINVAL), the kfunc check fails with EACCES. The
// flag is not in the object or in BTF: a tool needs a table of sleepable
// kfuncs per kernel to predict this from the object alone.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern int bpf_copy_from_user_str(void *dst, __u32 dst__sz, const void *unsafe_ptr__ign,
				  __u64 flags) __ksym;

__u64 user_ptr;
char tag[8];

SEC("socket")
int sock_kfunc(struct __sk_buff *skb)
{
	if (bpf_copy_from_user_str(tag, sizeof(tag), (void *)user_ptr, 0) < 0)
		return 0;   /* drop */
	return skb->len; /* keep the whole packet */
}
