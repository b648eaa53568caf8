// SPDX-License-Identifier: GPL-2.0
// SAMPLE: map_oob_rej
// TEACHES: a plain rejection with nothing to do with sleeping: an index into a map value with no upper bound
// PROG: map_oob
// SECTION: tc
// SLEEPABLE: no
// EXPECT-VERDICT: rejected
// EXPECT-ERRNO: EACCES
// EXPECT-ERROR: invalid access to map value, value_size=64 off=64 size=1
// EXPECT-ERROR: R0 max value is outside of the allowed memory range
// EXPECT-VIOLATION-SUBPROG: map_oob
// EXPECT-CONTEXT: map_oob non-sleepable
// STUDENT-SEES: at the refusal: the store one past the 64-byte map value
// The index is tested against 64 with `<=` instead of `<`: for idx == 64
// the byte written is one past the 64-byte value. The verifier knows the
// bound [0, 64] from the test and refuses the access at the largest
// offset. The explanation names the class (map value out of bounds), the
// sizes from the message and the usual fixes.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct bytes {
	__u8 b[64];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct bytes);
} buf SEC(".maps");

__u32 idx;

SEC("tc")
int map_oob(struct __sk_buff *skb)
{
	int key = 0;
	struct bytes *v = bpf_map_lookup_elem(&buf, &key);
	__u32 i = idx;

	if (!v || i > 64) /* off by one: should be i >= 64 */
		return 0;
	v->b[i] = 1;
	return 0;
}
