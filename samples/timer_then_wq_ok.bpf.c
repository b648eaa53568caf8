// SPDX-License-Identifier: GPL-2.0
// SAMPLE: timer_then_wq_ok
// TEACHES: nested async callbacks each get the context of their own kind
// PROG: timer_then_wq
// SECTION: tc
// SLEEPABLE: no
// EXPECT-VERDICT: accepted
// EXPECT-CONTEXT: timer_then_wq non-sleepable
// EXPECT-CONTEXT: on_timer non-sleepable
// EXPECT-CONTEXT: on_work sleepable
// STUDENT-SEES: at step 44: on_work, armed inside the non-sleepable timer callback, starts sleepable
// tc program (non-sleepable) -> bpf_timer callback (non-sleepable) -> arms
// a bpf_wq -> wq callback (sleepable). An async callback armed inside
// another async callback does not inherit anything from it: the verifier
// starts each one from a fresh state whose sleepable bit is set by the
// primitive alone. So on_work() may sleep three levels below a program that
// never could: this loads. (The reverse chain, wq callback arming a timer
// whose callback sleeps, is rejected.)
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define CLOCK_MONOTONIC 1

extern int bpf_wq_init(struct bpf_wq *wq, void *p__map, unsigned int flags) __ksym;
extern int bpf_wq_set_callback_impl(struct bpf_wq *wq,
				    int (*callback_fn)(void *map, int *key, void *value),
				    unsigned int flags, void *aux__ign) __ksym;
extern int bpf_wq_start(struct bpf_wq *wq, unsigned int flags) __ksym;

struct deferred {
	struct bpf_timer timer;
	struct bpf_wq work;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct deferred);
} deferreds SEC(".maps");

__u64 user_ptr;
__u64 fetched;

/* level 3: workqueue, may sleep */
static int on_work(void *map, int *key, void *value)
{
	bpf_copy_from_user(&fetched, sizeof(fetched), (void *)user_ptr);
	return 0;
}

/* level 2: softirq, may not sleep, but may hand work on */
static int on_timer(void *map, int *key, struct deferred *d)
{
	if (bpf_wq_init(&d->work, map, 0) || bpf_wq_set_callback_impl(&d->work, on_work, 0, NULL))
		return 0;
	bpf_wq_start(&d->work, 0);
	return 0;
}

/* level 1: tc, may not sleep */
SEC("tc")
int timer_then_wq(struct __sk_buff *skb)
{
	int key = 0;
	struct deferred *d = bpf_map_lookup_elem(&deferreds, &key);

	if (!d)
		return 0;
	bpf_timer_init(&d->timer, &deferreds, CLOCK_MONOTONIC);
	bpf_timer_set_callback(&d->timer, on_timer);
	bpf_timer_start(&d->timer, 0, 0);
	return 0;
}
