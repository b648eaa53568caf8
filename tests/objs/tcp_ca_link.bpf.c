// SPDX-License-Identifier: GPL-2.0
/*
 * A struct_ops object in the two shapes libbpf 1.1 cannot load, for
 * tests/cli/record_struct_ops.sh. Built with
 *   clang -O2 -g -target bpf -D__TARGET_ARCH_x86 -I ../../samples
 *     -fdebug-prefix-map=$PWD=. -c X.bpf.c -o X.bpf.o   (from tests/objs)
 * (vmlinux.h from the running kernel), once with -DLINK (the map in
 * SEC(".struct_ops.link"): tcp_ca_link.bpf.o) and once with -DSLEEPABLE
 * (a SEC("struct_ops.s/...") program: tcp_ca_sleepable.bpf.o), and once
 * with neither (what libbpf 1.1 loads: tcp_ca_plain.bpf.o).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

#ifdef SLEEPABLE
SEC("struct_ops.s/ssthresh")
#else
SEC("struct_ops/ssthresh")
#endif
__u32 BPF_PROG(vs_ssthresh, struct sock *sk)
{
	return 2;
}

SEC("struct_ops/undo_cwnd")
__u32 BPF_PROG(vs_undo_cwnd, struct sock *sk)
{
	return 2;
}

SEC("struct_ops/cong_avoid")
void BPF_PROG(vs_cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
}

#ifdef LINK
SEC(".struct_ops.link")
#else
SEC(".struct_ops")
#endif
struct tcp_congestion_ops vs_ca = {
	.ssthresh = (void *)vs_ssthresh,
	.undo_cwnd = (void *)vs_undo_cwnd,
	.cong_avoid = (void *)vs_cong_avoid,
	.name = "vs_ca",
};
