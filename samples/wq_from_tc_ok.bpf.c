// SPDX-License-Identifier: GPL-2.0
// SAMPLE: wq_from_tc_ok
// TEACHES: a bpf_wq callback may sleep even when a non-sleepable program arms it
// PROG: wq_from_tc
// SECTION: tc
// SLEEPABLE: no
// EXPECT-VERDICT: accepted
// EXPECT-CONTEXT: wq_from_tc non-sleepable
// EXPECT-CONTEXT: fetch_later sleepable
// STUDENT-SEES: at step 31: fetch_later, the wq callback, starts sleepable although the tc program is not
// A tc classifier runs in softirq context and can never sleep. What it can
// do is hand the sleeping part to a bpf_wq: the callback's context is fixed
// by the kind of async primitive (workqueue: sleepable), never by the
// program that armed it. So fetch_later() may call the sleepable kfunc
// bpf_copy_from_user_str(), which the tc program itself could not call (see
// kfunc_in_socket_rej). fetch_later() is static: its body is verified in
// the callback's own (sleepable) state. Compare global_from_wq_tc_rej, where
// the same work sits in a global function and the load fails.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern int bpf_wq_init(struct bpf_wq *wq, void *p__map, unsigned int flags) __ksym;
extern int bpf_wq_set_callback_impl(struct bpf_wq *wq,
				    int (*callback_fn)(void *map, int *key, void *value),
				    unsigned int flags, void *aux__ign) __ksym;
extern int bpf_wq_start(struct bpf_wq *wq, unsigned int flags) __ksym;
/* KF_SLEEPABLE: only in a sleepable context */
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

SEC("tc")
int wq_from_tc(struct __sk_buff *skb)
{
	int key = 0;
	struct work_slot *slot = bpf_map_lookup_elem(&works, &key);

	if (!slot)
		return 0; /* TC_ACT_OK */
	if (bpf_wq_init(&slot->work, &works, 0) ||
	    bpf_wq_set_callback_impl(&slot->work, fetch_later, 0, NULL))
		return 0;
	bpf_wq_start(&slot->work, 0);
	return 0;
}
