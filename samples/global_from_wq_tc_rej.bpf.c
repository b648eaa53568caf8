// SPDX-License-Identifier: GPL-2.0
// SAMPLE: global_from_wq_tc_rej
// TEACHES: a global is validated with the PROGRAM's flag, not its caller's
// PROG: wq_global_tc
// SECTION: tc
// SLEEPABLE: no
// EXPECT-VERDICT: rejected
// EXPECT-ERRNO: EINVAL
// EXPECT-ERROR: helper call might sleep in a non-sleepable prog
// EXPECT-VIOLATION-SUBPROG: copy_later
// EXPECT-CONTEXT: wq_global_tc non-sleepable
// EXPECT-CONTEXT: on_work sleepable
// EXPECT-CONTEXT: copy_later non-sleepable
// STUDENT-SEES: at the refusal: bpf_copy_from_user in copy_later, validated alone with the tc program's flag
// Like wq_from_tc_ok, a tc program arms a bpf_wq whose (sleepable) callback
// does the sleeping work, but here the work is in the GLOBAL function
// copy_later(). The call from on_work() passes: the callback may sleep. Then
// the verifier validates copy_later() on its own, once, starting from the
// program's sleepable flag, which is false for tc. Nobody but a wq callback
// ever calls it, yet bpf_copy_from_user inside it is refused:
// "Validating copy_later() func#N..." ends with the error. The cure is to
// make copy_later() static, so its body is walked in the caller's state.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern int bpf_wq_init(struct bpf_wq *wq, void *p__map, unsigned int flags) __ksym;
extern int bpf_wq_set_callback_impl(struct bpf_wq *wq,
				    int (*callback_fn)(void *map, int *key, void *value),
				    unsigned int flags, void *aux__ign) __ksym;
extern int bpf_wq_start(struct bpf_wq *wq, unsigned int flags) __ksym;

struct work_slot {
	struct bpf_wq work;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct work_slot);
} works SEC(".maps");

__u64 user_ptr;
__u64 copied;

/* global: validated alone, as a tc (non-sleepable) function */
__noinline int copy_later(__u64 uptr)
{
	return bpf_copy_from_user(&copied, sizeof(copied), (void *)uptr);
}

static int on_work(void *map, int *key, void *value)
{
	copy_later(user_ptr); /* this call is fine: wq callbacks may sleep */
	return 0;
}

SEC("tc")
int wq_global_tc(struct __sk_buff *skb)
{
	int key = 0;
	struct work_slot *slot = bpf_map_lookup_elem(&works, &key);

	if (!slot)
		return 0;
	if (bpf_wq_init(&slot->work, &works, 0) ||
	    bpf_wq_set_callback_impl(&slot->work, on_work, 0, NULL))
		return 0;
	bpf_wq_start(&slot->work, 0);
	return 0;
}
