// SPDX-License-Identifier: GPL-2.0
// SAMPLE: loop_xdp_rej
// TEACHES: a bpf_loop callback inherits its caller's context
// PROG: loop_xdp
// SECTION: xdp
// SLEEPABLE: no
// EXPECT-VERDICT: rejected
// EXPECT-ERRNO: EINVAL
// EXPECT-ERROR: helper call might sleep in a non-sleepable prog
// EXPECT-VIOLATION-SUBPROG: read_one
// EXPECT-CONTEXT: loop_xdp non-sleepable
// EXPECT-CONTEXT: read_one non-sleepable
// STUDENT-SEES: at the refusal: bpf_copy_from_user in read_one, the callback frame, refused as in the xdp program
// bpf_loop() calls its callback synchronously, before it returns, on the
// caller's stack and in the caller's context. The verifier models this by
// pushing the callback frame on top of the caller's state (state lines end
// in " cb"), so the callback is exactly as sleepable as its caller. XDP
// programs run in softirq context: the bpf_copy_from_user() inside read_one()
// is refused. Contrast with the async callbacks (timer, wq, task_work),
// whose context is fixed by their kind (see wq_from_tc_ok). The same callback
// in loop_syscall_ok, called from a sleepable program, is accepted.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__u64 user_base;
__u32 words[4];

/* called by bpf_loop for i = 0, 1, ... in the caller's (xdp) context */
static long read_one(__u32 i, void *ctx)
{
	if (i >= 4)
		return 1; /* stop */
	bpf_copy_from_user(&words[i], sizeof(words[i]), (void *)(user_base + i * 4));
	return 0;
}

SEC("xdp")
int loop_xdp(struct xdp_md *xdp)
{
	bpf_loop(4, read_one, NULL, 0);
	return XDP_PASS;
}
