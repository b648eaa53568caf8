// SPDX-License-Identifier: GPL-2.0
// SAMPLE: task_work_resume_ok
// TEACHES: task_work callbacks (6.18) are sleepable, like bpf_wq ones
// PROG: task_work_tc
// SECTION: tc
// SLEEPABLE: no
// EXPECT-VERDICT: accepted
// EXPECT-CONTEXT: task_work_tc non-sleepable
// EXPECT-CONTEXT: on_resume sleepable
// STUDENT-SEES: at step 18: on_resume, the task_work callback, starts sleepable
// Linux 6.18 adds bpf_task_work_schedule_resume_impl() and
// bpf_task_work_schedule_signal_impl(): the callback runs as task_work of
// the target task, when it next returns to user space, in process context.
// The verifier explores such a callback as a sleepable async_cb, whatever the
// program that scheduled it, so a tc classifier can defer a read of user
// memory to it. The callback here reads the current task's user memory with
// the sleeping helper bpf_copy_from_user().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern int bpf_task_work_schedule_resume_impl(struct task_struct *task,
					      struct bpf_task_work *tw, void *map__map,
					      int (*callback)(struct bpf_map *map, void *key,
							      void *value),
					      void *aux__prog) __ksym;

struct tw_slot {
	struct bpf_task_work tw;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct tw_slot);
} task_works SEC(".maps");

__u64 user_ptr;
__u64 seen;

/* runs in the target task on its way back to user space: may sleep */
static int on_resume(struct bpf_map *map, void *key, void *value)
{
	bpf_copy_from_user(&seen, sizeof(seen), (void *)user_ptr);
	return 0;
}

SEC("tc")
int task_work_tc(struct __sk_buff *skb)
{
	int key = 0;
	struct tw_slot *slot = bpf_map_lookup_elem(&task_works, &key);

	if (!slot)
		return 0;
	bpf_task_work_schedule_resume_impl(bpf_get_current_task_btf(), &slot->tw, &task_works,
					   on_resume, NULL);
	return 0;
}
