// SPDX-License-Identifier: GPL-2.0
// SAMPLE: global_both_ctx_rej
// TEACHES: a call to a global that may sleep is judged at each call site
// PROG: both_ctx
// SECTION: syscall
// SLEEPABLE: yes
// EXPECT-VERDICT: rejected
// EXPECT-ERRNO: EINVAL
// EXPECT-ERROR: global functions that may sleep are not allowed in non-sleepable context,
// EXPECT-ERROR: i.e., in a RCU/IRQ/preempt-disabled section, or in
// EXPECT-ERROR: a non-sleepable BPF program context
// EXPECT-VIOLATION-SUBPROG: tick
// EXPECT-CONTEXT: both_ctx sleepable
// EXPECT-CONTEXT: tick non-sleepable
// STUDENT-SEES: at the refusal: tick's call to read_flag refused; the main program's call to it had passed
// One global function, read_flag(), which may sleep, called from two
// contexts of the same program:
//   1. straight from the sleepable main program: allowed; the level-2 log
//      says "Func#N ('read_flag') is global and assumed valid." and goes on;
//   2. from tick(), a bpf_timer callback, which is never sleepable: refused
//      at that call.
// The verifier does not ask "may this function sleep?" once: it decides at
// every call instruction, from the function's might-sleep summary and the
// context of the caller. Whether the body is safe is a separate question,
// answered once ("Validating read_flag() ..."), and never reached here.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define CLOCK_BOOTTIME 7

struct tick_slot {
	struct bpf_timer t;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct tick_slot);
} ticks SEC(".maps");

__u64 flag_addr;
__u32 flag;

__noinline int read_flag(__u64 addr)
{
	if (bpf_copy_from_user(&flag, sizeof(flag), (void *)addr))
		return -1;
	return flag;
}

static int tick(void *map, __u32 *key, struct tick_slot *slot)
{
	return read_flag(flag_addr) > 0; /* non-sleepable context: refused */
}

SEC("syscall")
int both_ctx(void *ctx)
{
	struct tick_slot *slot;
	__u32 key = 1;

	if (read_flag(flag_addr) <= 0) /* sleepable context: fine */
		return 0;
	slot = bpf_map_lookup_elem(&ticks, &key);
	if (!slot)
		return 0;
	bpf_timer_init(&slot->t, &ticks, CLOCK_BOOTTIME);
	bpf_timer_set_callback(&slot->t, tick);
	bpf_timer_start(&slot->t, 0, 0);
	return 0;
}
