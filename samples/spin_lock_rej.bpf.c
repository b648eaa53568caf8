// SPDX-License-Identifier: GPL-2.0
// SAMPLE: spin_lock_rej
// TEACHES: while a bpf_spin_lock is held, no call at all is allowed
// PROG: spin_copy
// SECTION: syscall
// SLEEPABLE: yes
// EXPECT-VERDICT: rejected
// EXPECT-ERRNO: EINVAL
// EXPECT-ERROR: function calls are not allowed while holding a lock
// EXPECT-VIOLATION-SUBPROG: spin_copy
// EXPECT-CONTEXT: spin_copy sleepable
// STUDENT-SEES: at the refusal: the call to bpf_copy_from_user while the lock is held
// A held bpf_spin_lock makes the section atomic, but the verifier's rule is
// stricter than "no sleeping": in 6.18 any helper or kfunc call other than
// the unlock is refused while the lock is held (state lines show refs=1).
// So the sleepable bpf_copy_from_user() below is refused with the generic
// lock message, and the sleep checks are never reached. Copy into a local
// first, then take the lock only to publish the value.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct counter {
	struct bpf_spin_lock lock;
	__u64 value;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct counter);
} counters SEC(".maps");

__u64 user_ptr;

SEC("syscall")
int spin_copy(void *ctx)
{
	__u32 key = 0;
	struct counter *c = bpf_map_lookup_elem(&counters, &key);

	if (!c)
		return 0;
	bpf_spin_lock(&c->lock);
	bpf_copy_from_user(&c->value, sizeof(c->value), (void *)user_ptr); /* refused */
	bpf_spin_unlock(&c->lock);
	return 0;
}
