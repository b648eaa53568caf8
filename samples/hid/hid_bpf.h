/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hid_bpf.h — the HID-BPF types and kfuncs the HID samples use, written
 * from the kernel's interface (include/linux/hid_bpf.h, 6.11+) because the
 * recording kernel is built without CONFIG_HID_BPF and its BTF (hence
 * vmlinux.h) has no struct hid_bpf_ops or hid_bpf_ctx. libbpf matches
 * struct_ops types and members by name against the loading kernel's BTF,
 * so on a kernel with HID-BPF these objects load as they are. There,
 * vmlinux.h has the types itself and samples/Makefile defines
 * VMLINUX_HAS_HID_BPF.
 */
#ifndef SAMPLES_HID_BPF_H
#define SAMPLES_HID_BPF_H

#ifndef VMLINUX_HAS_HID_BPF
struct hid_bpf_ctx {
	struct hid_device *hid;
	__u32 allocated_size;
	union {
		__s32 retval;
		__s32 size;
	};
};

struct hid_bpf_ops {
	int hid_id;
	__u32 flags;
	struct list_head list;
	int (*hid_device_event)(struct hid_bpf_ctx *ctx, enum hid_report_type report_type,
				__u64 source);
	int (*hid_rdesc_fixup)(struct hid_bpf_ctx *ctx);
	int (*hid_hw_request)(struct hid_bpf_ctx *ctx, unsigned char reportnum,
			      enum hid_report_type rtype, enum hid_class_request reqtype,
			      __u64 source);
	int (*hid_hw_output_report)(struct hid_bpf_ctx *ctx, __u64 source);
	struct hid_device *hdev;
};
#endif

/* KF_SLEEPABLE kfuncs: they talk to the device and may wait for it */
extern struct hid_bpf_ctx *hid_bpf_allocate_context(unsigned int hid_id) __ksym;
extern void hid_bpf_release_context(struct hid_bpf_ctx *ctx) __ksym;
extern int hid_bpf_hw_request(struct hid_bpf_ctx *ctx, __u8 *buf, size_t buf__sz,
			      enum hid_report_type type, enum hid_class_request reqtype) __ksym;

#endif
