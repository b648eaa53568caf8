// SPDX-License-Identifier: GPL-2.0
// SAMPLE: wq_global_ok
// TEACHES: a bpf_wq callback is sleepable: the timer_global_rej twin loads
// PROG: wq_global
// SECTION: syscall
// SLEEPABLE: yes
// EXPECT-VERDICT: accepted
// EXPECT-CONTEXT: wq_global sleepable
// EXPECT-CONTEXT: on_work sleepable
// STUDENT-SEES: at step 31: on_work, the wq callback, starts sleepable (an async_cb unit)
// The same shape as timer_global_rej, with a bpf_wq in place of the
// bpf_timer. A bpf_wq callback runs from a kernel workqueue, in process
// context, so the verifier explores it as sleepable (async_cb) and the call
// to the global pull_user_word(), which may sleep, is allowed. The global
// itself is validated once, after the main program and the callback, with
// the program's flag (sleepable here): "Validating pull_user_word() ..." in
// the level-2 log, then "Func#N ('pull_user_word') is safe for any args".
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

/* the bpf_wq kfuncs (6.10+); bpftool 7.1's vmlinux.h does not declare kfuncs */
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
__u64 user_word;

__noinline int pull_user_word(__u64 uptr)
{
	return bpf_copy_from_user(&user_word, sizeof(user_word), (void *)uptr);
}

/* runs later from a workqueue: explored as a sleepable async_cb */
static int on_work(void *map, int *key, void *value)
{
	pull_user_word(user_ptr); /* allowed: this context may sleep */
	return 0;
}

SEC("syscall")
int wq_global(void *ctx)
{
	int key = 0;
	struct work_slot *slot = bpf_map_lookup_elem(&works, &key);

	if (!slot)
		return 0;
	if (bpf_wq_init(&slot->work, &works, 0))
		return 0;
	if (bpf_wq_set_callback_impl(&slot->work, on_work, 0, NULL))
		return 0;
	bpf_wq_start(&slot->work, 0);
	return 0;
}
