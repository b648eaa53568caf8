// SPDX-License-Identifier: GPL-2.0
// SAMPLE: hid_timer_rej
// TEACHES: a bpf_timer callback never sleeps: HID-BPF cannot talk to the device from it
// PROG: hid_event_timer
// SECTION: struct_ops/hid_device_event
// SLEEPABLE: no
// EXPECT-VERDICT: rejected
// EXPECT-ERRNO: EACCES
// EXPECT-ERROR: program must be sleepable to call sleepable kfunc hid_bpf_allocate_context
// EXPECT-VIOLATION-SUBPROG: ask_device
// EXPECT-ALSO-IF-FIXED: hid_bpf_hw_request
// EXPECT-ALSO-IF-FIXED: hid_bpf_release_context
// EXPECT-CONTEXT: hid_event_timer non-sleepable
// EXPECT-CONTEXT: ask_device non-sleepable
// NEEDS: CONFIG_HID_BPF (6.11+); predicted from the object where the kernel lacks it
// STUDENT-SEES: at the prediction: hid_bpf_allocate_context refused at insn 33, the later calls also, if fixed
// hid_wq_ok with a bpf_timer in place of the bpf_wq. A timer callback runs
// from an hrtimer in softirq context and is never sleepable, so the first
// sleepable kfunc in it, hid_bpf_allocate_context, is refused and the load
// fails there. The verifier stops at that first refusal: the calls after
// it (hid_bpf_hw_request, hid_bpf_release_context) would be refused too
// once the first were fixed, which is why HID-BPF moved to bpf_wq.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "hid_bpf.h"

char LICENSE[] SEC("license") = "GPL";

#define CLOCK_MONOTONIC 1

struct timer_slot {
	struct bpf_timer timer;
	unsigned int hid_id;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct timer_slot);
} timers SEC(".maps");

static int ask_device(void *map, int *key, void *value)
{
	struct timer_slot *slot = value;
	struct hid_bpf_ctx *ctx;
	__u8 buf[8] = { 0x02 };

	ctx = hid_bpf_allocate_context(slot->hid_id); /* refused here */
	if (!ctx)
		return 0;
	hid_bpf_hw_request(ctx, buf, sizeof(buf), HID_FEATURE_REPORT, HID_REQ_GET_REPORT);
	hid_bpf_release_context(ctx);
	return 0;
}

SEC("struct_ops/hid_device_event")
int BPF_PROG(hid_event_timer, struct hid_bpf_ctx *hctx, enum hid_report_type type, __u64 source)
{
	int key = 0;
	struct timer_slot *slot = bpf_map_lookup_elem(&timers, &key);

	if (!slot)
		return 0;
	slot->hid_id = hctx->hid->id;
	if (bpf_timer_init(&slot->timer, &timers, CLOCK_MONOTONIC) ||
	    bpf_timer_set_callback(&slot->timer, ask_device))
		return 0;
	bpf_timer_start(&slot->timer, 0, 0);
	return 0;
}

SEC(".struct_ops")
struct hid_bpf_ops timer_ops = {
	.hid_device_event = (void *)hid_event_timer,
};
