// SPDX-License-Identifier: GPL-2.0
// SAMPLE: loop_syscall_ok
// TEACHES: the same bpf_loop callback may sleep when its caller may
// PROG: loop_syscall
// SECTION: syscall
// SLEEPABLE: yes
// EXPECT-VERDICT: accepted
// EXPECT-CONTEXT: loop_syscall sleepable
// EXPECT-CONTEXT: read_one sleepable
// STUDENT-SEES: at step 7: read_one, the bpf_loop callback frame, sleepable like its caller
// The twin of loop_xdp_rej: the callback is the same; the caller is a
// sleepable SEC("syscall") program, so the callback frames (" cb" on the
// state lines) are sleepable too and bpf_copy_from_user() is allowed. The
// level-2 log shows the verifier's sync-callback walk: it first continues
// after the bpf_loop call, then pops "from N to M: ... cb" to verify the
// callback, and re-checks the call until "from X to N: safe".
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__u64 user_base;
__u32 words[4];

static long read_one(__u32 i, void *ctx)
{
	if (i >= 4)
		return 1;
	bpf_copy_from_user(&words[i], sizeof(words[i]), (void *)(user_base + i * 4));
	return 0;
}

SEC("syscall")
int loop_syscall(void *ctx)
{
	return bpf_loop(4, read_one, NULL, 0);
}
