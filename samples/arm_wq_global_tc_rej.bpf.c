// SPDX-License-Identifier: GPL-2.0
// SAMPLE: arm_wq_global_tc_rej
// TEACHES: "may sleep" does not flow up an async callback edge, but the kernel's summary for a global does
// PROG: arm_from_tc
// SECTION: tc
// SLEEPABLE: no
// EXPECT-VERDICT: rejected
// EXPECT-ERRNO: EINVAL
// EXPECT-ERROR: global functions that may sleep are not allowed in non-sleepable context,
// EXPECT-ERROR: i.e., in a RCU/IRQ/preempt-disabled section, or in
// EXPECT-ERROR: a non-sleepable BPF program context
// EXPECT-VIOLATION-SUBPROG: arm_from_tc
// EXPECT-CONTEXT: arm_from_tc non-sleepable
// EXPECT-MAY-SLEEP: arm_from_tc no
// EXPECT-MAY-SLEEP: arm_fetch yes
// EXPECT-MAY-SLEEP: fetch_later yes
// STUDENT-SEES: at the refusal: the call to arm_fetch, which may sleep by the kernel's summary (its callback's reference)
// arm_fetch() is a global function called from a tc classifier (never
// sleepable). It only arms a bpf_wq whose callback, fetch_later(), calls
// the sleepable kfunc bpf_copy_from_user_str(). Nothing sleeps in the tc
// context: the callback sleeps later, in the workqueue's own context, so
// the tc program itself does not sleep. But the verifier's might_sleep
// summary (6.15+) follows every reference to a subprog, the callback's
// too, so it counts arm_fetch() as a global that may sleep and refuses
// the call from the non-sleepable program. The same function made static
// loads: a static subprog is verified in its caller's context, and arming
// a wq from tc is allowed (see wq_from_tc_ok).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern int bpf_wq_init(struct bpf_wq *wq, void *p__map, unsigned int flags) __ksym;
extern int bpf_wq_set_callback_impl(struct bpf_wq *wq,
				    int (*callback_fn)(void *map, int *key, void *value),
				    unsigned int flags, void *aux__ign) __ksym;
extern int bpf_wq_start(struct bpf_wq *wq, unsigned int flags) __ksym;
extern int bpf_copy_from_user_str(void *dst, __u32 dst__sz, const void *unsafe_ptr__ign,
				  __u64 flags) __ksym;

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
char name[32];

static int fetch_later(void *map, int *key, void *value)
{
	bpf_copy_from_user_str(name, sizeof(name), (void *)user_ptr, 0);
	return 0;
}

__noinline int arm_fetch(int key)
{
	struct work_slot *slot = bpf_map_lookup_elem(&works, &key);

	if (!slot)
		return 1;
	if (bpf_wq_init(&slot->work, &works, 0) ||
	    bpf_wq_set_callback_impl(&slot->work, fetch_later, 0, NULL))
		return 1;
	return bpf_wq_start(&slot->work, 0);
}

SEC("tc")
int arm_from_tc(struct __sk_buff *skb)
{
	arm_fetch(0);
	return 0; /* TC_ACT_OK */
}
