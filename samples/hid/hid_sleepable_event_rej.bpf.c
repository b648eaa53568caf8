// SPDX-License-Identifier: GPL-2.0
// SAMPLE: hid_sleepable_event_rej
// TEACHES: struct_ops members have their own sleepability: hid_device_event may not sleep
// PROG: hid_event_sleeps
// SECTION: struct_ops.s/hid_device_event
// SLEEPABLE: yes
// EXPECT-VERDICT: rejected
// EXPECT-ERRNO: EINVAL
// EXPECT-ERROR: attach to unsupported member hid_device_event of struct hid_bpf_ops
// EXPECT-CONTEXT: hid_event_sleeps sleepable
// NEEDS: CONFIG_HID_BPF (6.11+); predicted from the object where the kernel lacks it
// STUDENT-SEES: at the prediction: the load refused before any insn: hid_device_event may not be sleepable
// The shortcut that does not work: load the event handler sleepable
// (SEC("struct_ops.s/...")) and call the sleepable kfunc directly. A
// struct_ops program may be sleepable only where its subsystem's
// check_member allows it, and for hid_bpf_ops that is hid_rdesc_fixup,
// hid_hw_request, hid_hw_output_report (and hid_driver_probe from 6.12),
// never hid_device_event, which runs in the device's interrupt path. The
// load fails before any instruction is verified (0 insns processed), with
// EINVAL. hid_wq_ok is the way: a non-sleepable handler arming a bpf_wq.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "hid_bpf.h"

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops.s/hid_device_event")
int BPF_PROG(hid_event_sleeps, struct hid_bpf_ctx *hctx, enum hid_report_type type, __u64 source)
{
	__u8 buf[8] = { 0x02 };

	hid_bpf_hw_request(hctx, buf, sizeof(buf), HID_FEATURE_REPORT, HID_REQ_GET_REPORT);
	return 0;
}

SEC(".struct_ops")
struct hid_bpf_ops sleepy_ops = {
	.hid_device_event = (void *)hid_event_sleeps,
};
