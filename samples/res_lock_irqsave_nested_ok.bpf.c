// SPDX-License-Identifier: GPL-2.0
// SAMPLE: res_lock_irqsave_nested_ok
// TEACHES: bpf_res_spin_lock_irqsave pairs nest when released in reverse order: each is a lock and an IRQ-save region
// PROG: two_locks
// SECTION: tc
// SLEEPABLE: no
// EXPECT-VERDICT: accepted
// EXPECT-CONTEXT: two_locks non-sleepable
// STUDENT-SEES: at step 21: the first lock taken with IRQs saved: a lock and an IRQ region open
// Two resilient spin locks are taken with IRQs saved, the second while the
// first is held, and released in the reverse order. The verifier allows
// the res_spin_lock kfuncs while a lock is held (they are the only calls
// it allows then, with the graph and bpf_iter_num kfuncs), and treats each
// _irqsave as an IRQ-save region with its own flag slot: the restores must
// come in the reverse order of the saves ("cannot restore irq state out of
// order" otherwise). Taken and released in order, the program loads.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern int bpf_res_spin_lock_irqsave(struct bpf_res_spin_lock *lock,
				     unsigned long *flags__irq_flag) __ksym;
extern void bpf_res_spin_unlock_irqrestore(struct bpf_res_spin_lock *lock,
					   unsigned long *flags__irq_flag) __ksym;

struct locked {
	struct bpf_res_spin_lock lock;
	__u64 count;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, int);
	__type(value, struct locked);
} slots SEC(".maps");

SEC("tc")
int two_locks(struct __sk_buff *skb)
{
	unsigned long fa, fb;
	struct locked *a, *b;
	int ka = 0, kb = 1;

	a = bpf_map_lookup_elem(&slots, &ka);
	b = bpf_map_lookup_elem(&slots, &kb);
	if (!a || !b)
		return 0;
	if (bpf_res_spin_lock_irqsave(&a->lock, &fa))
		return 0;
	if (bpf_res_spin_lock_irqsave(&b->lock, &fb)) {
		bpf_res_spin_unlock_irqrestore(&a->lock, &fa);
		return 0;
	}
	a->count++;
	b->count++;
	bpf_res_spin_unlock_irqrestore(&b->lock, &fb);
	bpf_res_spin_unlock_irqrestore(&a->lock, &fa);
	return 0; /* TC_ACT_OK */
}
