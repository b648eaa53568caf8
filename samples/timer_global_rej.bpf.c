// SPDX-License-Identifier: GPL-2.0
// SAMPLE: timer_global_rej
// TEACHES: a bpf_timer callback never sleeps, even in a sleepable program
// PROG: timer_global
// SECTION: syscall
// SLEEPABLE: yes
// EXPECT-VERDICT: rejected
// EXPECT-ERRNO: EINVAL
// EXPECT-ERROR: global functions that may sleep are not allowed in non-sleepable context,
// EXPECT-ERROR: i.e., in a RCU/IRQ/preempt-disabled section, or in
// EXPECT-ERROR: a non-sleepable BPF program context
// EXPECT-VIOLATION-SUBPROG: on_timer
// EXPECT-CONTEXT: timer_global sleepable
// EXPECT-CONTEXT: on_timer non-sleepable
// STUDENT-SEES: at the refusal: on_timer's call to the global pull_user_word, refused: a timer callback is non-sleepable
// The seed scenario. SEC("syscall") programs are always loaded with
// BPF_F_SLEEPABLE, so the main program may sleep. It arms a bpf_timer whose
// callback, on_timer(), calls the GLOBAL function pull_user_word(), and
// that one sleeps (bpf_copy_from_user may fault pages in).
//
// Timer callbacks run from an hrtimer in softirq context. Since the fix
// "bpf: Fix sleepable context for async callbacks" (6.19, backported to
// 6.18.y) the verifier explores them as non-sleepable whatever the program
// is, and a global function that may sleep cannot be called there: the load
// fails at the call instruction inside on_timer(). Older kernels (up to the
// unfixed 6.18.y) accepted this program. The bpf_wq twin of this sample,
// wq_global_ok, is accepted.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define CLOCK_MONOTONIC 1

struct timer_slot {
	struct bpf_timer timer;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct timer_slot);
} timers SEC(".maps");

__u64 user_ptr;	 /* set from user space */
__u64 user_word; /* where the copy goes */

/* global (not static, not __hidden): verified once, on its own */
__noinline int pull_user_word(__u64 uptr)
{
	/* bpf_copy_from_user can sleep: this makes the function "might sleep" */
	return bpf_copy_from_user(&user_word, sizeof(user_word), (void *)uptr);
}

/* runs later from the timer: the verifier explores it as a non-sleepable async_cb */
static int on_timer(void *map, __u32 *key, struct timer_slot *slot)
{
	pull_user_word(user_ptr); /* refused here */
	return 0;
}

SEC("syscall")
int timer_global(void *ctx)
{
	__u32 key = 0;
	struct timer_slot *slot = bpf_map_lookup_elem(&timers, &key);

	if (!slot)
		return 0;
	bpf_timer_init(&slot->timer, &timers, CLOCK_MONOTONIC);
	bpf_timer_set_callback(&slot->timer, on_timer);
	bpf_timer_start(&slot->timer, 1000 /* ns */, 0);
	return 0;
}
