// SPDX-License-Identifier: GPL-2.0
// SAMPLE: hid_wq_ok
// TEACHES: HID-BPF hands the device talk to a bpf_wq: its callback may sleep
// PROG: hid_event_wq
// SECTION: struct_ops/hid_device_event
// SLEEPABLE: no
// EXPECT-VERDICT: accepted
// EXPECT-CONTEXT: hid_event_wq non-sleepable
// EXPECT-CONTEXT: ask_device sleepable
// NEEDS: CONFIG_HID_BPF (6.11+); predicted from the object where the kernel lacks it
// STUDENT-SEES: at the prediction: ask_device, the wq callback, sleepable, and no refusal
// The seed's own story. A HID-BPF program sees every input report in
// hid_bpf_ops.hid_device_event, which runs in the interrupt path of the
// device and can never sleep. Asking the device something (a feature
// report through hid_bpf_hw_request) sleeps: it waits for the device. So
// the event handler arms a bpf_wq and the wq callback, which runs from a
// workqueue and is always sleepable, allocates a context and makes the
// request. The event handler itself never sleeps: it only arms the work.
// hid_timer_rej is the same with a bpf_timer, and is refused.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "hid_bpf.h"

char LICENSE[] SEC("license") = "GPL";

extern int bpf_wq_init(struct bpf_wq *wq, void *p__map, unsigned int flags) __ksym;
extern int bpf_wq_set_callback_impl(struct bpf_wq *wq,
				    int (*callback_fn)(void *map, int *key, void *value),
				    unsigned int flags, void *aux__ign) __ksym;
extern int bpf_wq_start(struct bpf_wq *wq, unsigned int flags) __ksym;

struct work_slot {
	struct bpf_wq work;
	unsigned int hid_id;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct work_slot);
} works SEC(".maps");

static int ask_device(void *map, int *key, void *value)
{
	struct work_slot *slot = value;
	struct hid_bpf_ctx *ctx;
	__u8 buf[8] = { 0x02 };

	ctx = hid_bpf_allocate_context(slot->hid_id);
	if (!ctx)
		return 0;
	hid_bpf_hw_request(ctx, buf, sizeof(buf), HID_FEATURE_REPORT, HID_REQ_GET_REPORT);
	hid_bpf_release_context(ctx);
	return 0;
}

SEC("struct_ops/hid_device_event")
int BPF_PROG(hid_event_wq, struct hid_bpf_ctx *hctx, enum hid_report_type type, __u64 source)
{
	int key = 0;
	struct work_slot *slot = bpf_map_lookup_elem(&works, &key);

	if (!slot)
		return 0;
	slot->hid_id = hctx->hid->id;
	if (bpf_wq_init(&slot->work, &works, 0) ||
	    bpf_wq_set_callback_impl(&slot->work, ask_device, 0, NULL))
		return 0;
	bpf_wq_start(&slot->work, 0);
	return 0;
}

SEC(".struct_ops")
struct hid_bpf_ops wq_ops = {
	.hid_device_event = (void *)hid_event_wq,
};
