// SPDX-License-Identifier: MIT
/*
 * kfunc_sets.c — Linux 6.18's kfunc registrations (kfunc_sets.h): the
 * program type to hook map (bpf_prog_type_to_kfunc_hook() in kernel/bpf/btf.c)
 * and the sets the register_btf_kfunc_id_set() calls register per hook.
 * Each row was checked on a 6.18 kernel by loading a call of each of its
 * kfuncs from 24 program types, tracing as an iterator ("confirmed 6.18"):
 * what the kernel allowed and what it refused with "calling kernel
 * function X is not allowed". struct_ops and LSM programs could not be
 * loaded there, so what the rows say of them comes from the source. Sets whose filter lets only some attach types
 * in (kprobe.session's, bpf_sock_destroy's iterators) are left out: a kfunc
 * the table does not hold is not predicted either way.
 */
#include <linux/bpf.h>
#include <stdio.h>
#include <string.h>

#include "src/rules/kfunc_sets.h"

#define H(h) (1u << KFH_##h)

static const struct {
	uint32_t type;
	uint8_t hook;
} type_hooks[] = {
	{ BPF_PROG_TYPE_SOCKET_FILTER, KFH_SOCKET_FILTER },
	{ BPF_PROG_TYPE_KPROBE, KFH_KPROBE },
	{ BPF_PROG_TYPE_SCHED_CLS, KFH_TC },
	{ BPF_PROG_TYPE_SCHED_ACT, KFH_SCHED_ACT },
	{ BPF_PROG_TYPE_XDP, KFH_XDP },
	{ BPF_PROG_TYPE_STRUCT_OPS, KFH_STRUCT_OPS },
	{ BPF_PROG_TYPE_TRACING, KFH_TRACING },
	{ BPF_PROG_TYPE_LSM, KFH_TRACING },
	{ BPF_PROG_TYPE_TRACEPOINT, KFH_TRACING },
	{ BPF_PROG_TYPE_PERF_EVENT, KFH_TRACING },
	{ BPF_PROG_TYPE_SYSCALL, KFH_SYSCALL },
	{ BPF_PROG_TYPE_CGROUP_SKB, KFH_CGROUP },
	{ BPF_PROG_TYPE_CGROUP_SOCK, KFH_CGROUP },
	{ BPF_PROG_TYPE_CGROUP_DEVICE, KFH_CGROUP },
	{ BPF_PROG_TYPE_CGROUP_SOCK_ADDR, KFH_CGROUP },
	{ BPF_PROG_TYPE_CGROUP_SYSCTL, KFH_CGROUP },
	{ BPF_PROG_TYPE_CGROUP_SOCKOPT, KFH_CGROUP },
	{ BPF_PROG_TYPE_SOCK_OPS, KFH_CGROUP },
	{ BPF_PROG_TYPE_SK_SKB, KFH_SK_SKB },
	{ BPF_PROG_TYPE_LWT_IN, KFH_LWT },
	{ BPF_PROG_TYPE_LWT_OUT, KFH_LWT },
	{ BPF_PROG_TYPE_LWT_XMIT, KFH_LWT },
	{ BPF_PROG_TYPE_LWT_SEG6LOCAL, KFH_LWT },
	{ 32 /* BPF_PROG_TYPE_NETFILTER */, KFH_NETFILTER },
	/* raw_tracepoint, sk_msg, sk_lookup, flow_dissector, ...: the common set only */
};

/* the words for a hook's program types */
static const char *const hook_types[KFH__COUNT] = {
	[KFH_COMMON] = "every program type",
	[KFH_XDP] = "xdp",
	[KFH_TC] = "tc (sched_cls)",
	[KFH_STRUCT_OPS] = "struct_ops",
	[KFH_TRACING] = "tracing (fentry/fexit/iter/lsm), tracepoint, perf_event",
	[KFH_SYSCALL] = "syscall",
	[KFH_CGROUP] = "cgroup (skb, sock, sock_addr, sockopt, sysctl, device), sock_ops",
	[KFH_SCHED_ACT] = "sched_act",
	[KFH_SK_SKB] = "sk_skb",
	[KFH_SOCKET_FILTER] = "socket filter",
	[KFH_LWT] = "lwt",
	[KFH_NETFILTER] = "netfilter",
	[KFH_KPROBE] = "kprobe",
};

static const char *const common_kfuncs[] = {
	"bpf_cast_to_kern_ctx",
	"bpf_rdonly_cast",
	"bpf_rcu_read_lock",
	"bpf_rcu_read_unlock",
	"bpf_preempt_disable",
	"bpf_preempt_enable",
	"bpf_local_irq_save",
	"bpf_local_irq_restore",
	"bpf_res_spin_lock",
	"bpf_res_spin_unlock",
	"bpf_res_spin_lock_irqsave",
	"bpf_res_spin_unlock_irqrestore",
	"bpf_dynptr_slice",
	"bpf_dynptr_slice_rdwr",
	"bpf_dynptr_adjust",
	"bpf_dynptr_is_null",
	"bpf_dynptr_is_rdonly",
	"bpf_dynptr_size",
	"bpf_dynptr_clone",
	"bpf_dynptr_copy",
	"bpf_dynptr_memset",
	"bpf_iter_num_new",
	"bpf_iter_num_next",
	"bpf_iter_num_destroy",
	"bpf_iter_task_vma_new",
	"bpf_iter_task_vma_next",
	"bpf_iter_task_vma_destroy",
	"bpf_iter_css_task_new",
	"bpf_iter_css_task_next",
	"bpf_iter_css_task_destroy",
	"bpf_iter_css_new",
	"bpf_iter_css_next",
	"bpf_iter_css_destroy",
	"bpf_iter_task_new",
	"bpf_iter_task_next",
	"bpf_iter_task_destroy",
	"bpf_iter_bits_new",
	"bpf_iter_bits_next",
	"bpf_iter_bits_destroy",
	"bpf_iter_kmem_cache_new",
	"bpf_iter_kmem_cache_next",
	"bpf_iter_kmem_cache_destroy",
	"bpf_iter_dmabuf_new",
	"bpf_iter_dmabuf_next",
	"bpf_iter_dmabuf_destroy",
	"bpf_get_kmem_cache",
	"bpf_wq_init",
	"bpf_wq_set_callback_impl",
	"bpf_wq_start",
	"bpf_task_work_schedule_signal_impl",
	"bpf_task_work_schedule_resume_impl",
	"bpf_copy_from_user_str",
	"bpf_copy_from_user_dynptr",
	"bpf_copy_from_user_str_dynptr",
	"bpf_copy_from_user_task_str",
	"bpf_copy_from_user_task_dynptr",
	"bpf_copy_from_user_task_str_dynptr",
	"bpf_probe_read_kernel_dynptr",
	"bpf_probe_read_kernel_str_dynptr",
	"bpf_probe_read_user_dynptr",
	"bpf_probe_read_user_str_dynptr",
	"bpf_arena_alloc_pages",
	"bpf_arena_free_pages",
	"bpf_arena_reserve_pages",
	"bpf_map_sum_elem_count",
	"bpf_cgroup_read_xattr",
	"bpf_modify_return_test_tp",
	"bpf_stream_vprintk_impl",
	"bpf_strcmp",
	"bpf_strcasecmp",
	"bpf_strchr",
	"bpf_strchrnul",
	"bpf_strnchr",
	"bpf_strrchr",
	"bpf_strlen",
	"bpf_strnlen",
	"bpf_strspn",
	"bpf_strcspn",
	"bpf_strstr",
	"bpf_strnstr",
	NULL,
};

static const char *const generic_kfuncs[] = {
	"bpf_obj_new_impl",
	"bpf_percpu_obj_new_impl",
	"bpf_obj_drop_impl",
	"bpf_percpu_obj_drop_impl",
	"bpf_refcount_acquire_impl",
	"bpf_list_push_front_impl",
	"bpf_list_push_back_impl",
	"bpf_list_pop_front",
	"bpf_list_pop_back",
	"bpf_list_front",
	"bpf_list_back",
	"bpf_task_acquire",
	"bpf_task_release",
	"bpf_rbtree_remove",
	"bpf_rbtree_add_impl",
	"bpf_rbtree_first",
	"bpf_rbtree_root",
	"bpf_rbtree_left",
	"bpf_rbtree_right",
	"bpf_cgroup_acquire",
	"bpf_cgroup_release",
	"bpf_cgroup_ancestor",
	"bpf_cgroup_from_id",
	"bpf_task_under_cgroup",
	"bpf_task_get_cgroup1",
	"bpf_task_from_pid",
	"bpf_task_from_vpid",
	"bpf_throw",
	"bpf_send_signal_task",
	NULL,
};

static const char *const key_kfuncs[] = {
	"bpf_lookup_user_key",
	"bpf_lookup_system_key",
	"bpf_key_put",
	NULL,
};

static const char *const cpumask_kfuncs[] = {
	"bpf_cpumask_create",
	"bpf_cpumask_release",
	"bpf_cpumask_acquire",
	"bpf_cpumask_first",
	"bpf_cpumask_first_zero",
	"bpf_cpumask_first_and",
	"bpf_cpumask_set_cpu",
	"bpf_cpumask_clear_cpu",
	"bpf_cpumask_test_cpu",
	"bpf_cpumask_test_and_set_cpu",
	"bpf_cpumask_test_and_clear_cpu",
	"bpf_cpumask_setall",
	"bpf_cpumask_clear",
	"bpf_cpumask_and",
	"bpf_cpumask_or",
	"bpf_cpumask_xor",
	"bpf_cpumask_equal",
	"bpf_cpumask_intersects",
	"bpf_cpumask_subset",
	"bpf_cpumask_empty",
	"bpf_cpumask_full",
	"bpf_cpumask_copy",
	"bpf_cpumask_any_distribute",
	"bpf_cpumask_any_and_distribute",
	"bpf_cpumask_weight",
	"bpf_cpumask_populate",
	NULL,
};

static const char *const rstat_kfuncs[] = { "css_rstat_updated", "css_rstat_flush", NULL };
static const char *const skb_kfuncs[] = { "bpf_dynptr_from_skb", NULL };
static const char *const skb_meta_kfuncs[] = { "bpf_dynptr_from_skb_meta", NULL };
static const char *const xdp_kfuncs[] = {
	"bpf_dynptr_from_xdp",		 "bpf_xdp_pull_data",
	"bpf_xdp_get_xfrm_state",	 "bpf_xdp_xfrm_state_release",
	"bpf_xdp_metadata_rx_timestamp", "bpf_xdp_metadata_rx_hash",
	"bpf_xdp_metadata_rx_vlan_tag",	 NULL,
};
static const char *const cgroup_net_kfuncs[] = {
	"bpf_sock_addr_set_sun_path",
	"bpf_sock_ops_enable_tx_tstamp",
	NULL,
};
static const char *const tcp_reqsk_kfuncs[] = { "bpf_sk_assign_tcp_reqsk", NULL };
static const char *const ct_kfuncs[] = {
	"bpf_xdp_ct_alloc",	"bpf_xdp_ct_lookup",	 "bpf_skb_ct_alloc",
	"bpf_skb_ct_lookup",	"bpf_ct_insert_entry",	 "bpf_ct_release",
	"bpf_ct_set_timeout",	"bpf_ct_change_timeout", "bpf_ct_set_status",
	"bpf_ct_change_status", "bpf_ct_set_nat_info",	 NULL,
};
static const char *const crypto_init_kfuncs[] = {
	"bpf_crypto_ctx_create",
	"bpf_crypto_ctx_acquire",
	"bpf_crypto_ctx_release",
	NULL,
};
static const char *const crypto_kfuncs[] = { "bpf_crypto_decrypt", "bpf_crypto_encrypt", NULL };
static const char *const tcp_ca_kfuncs[] = {
	"tcp_reno_ssthresh",
	"tcp_reno_cong_avoid",
	"tcp_reno_undo_cwnd",
	"tcp_slow_start",
	"tcp_cong_avoid_ai",
	"cubictcp_init",
	"cubictcp_recalc_ssthresh",
	"cubictcp_cong_avoid",
	"cubictcp_state",
	"cubictcp_cwnd_event",
	"cubictcp_acked",
	"bbr_init",
	"bbr_main",
	"bbr_sndbuf_expand",
	"bbr_undo_cwnd",
	"bbr_cwnd_event",
	"bbr_ssthresh",
	"bbr_min_tso_segs",
	"bbr_set_state",
	NULL,
};
static const char *const fs_kfuncs[] = {
	"bpf_get_task_exe_file",   "bpf_put_file",
	"bpf_path_d_path",	   "bpf_get_dentry_xattr",
	"bpf_get_file_xattr",	   "bpf_set_dentry_xattr",
	"bpf_remove_dentry_xattr", NULL,
};

static const struct kfunc_set sets[] = {
	{ "common (helpers.c common_btf_ids and the other BPF_PROG_TYPE_UNSPEC sets)", H(COMMON), 0,
	  common_kfuncs, "[confirmed 6.18]" },
	{ "generic (helpers.c generic_btf_ids)",
	  H(TRACING) | H(TC) | H(XDP) | H(STRUCT_OPS) | H(SYSCALL) | H(CGROUP), 0, generic_kfuncs,
	  "[source helpers.c; confirmed 6.18 but struct_ops, not loadable there]" },
	{ "bpf_key (bpf_lookup_user_key and co.)",
	  H(TRACING) | H(TC) | H(XDP) | H(STRUCT_OPS) | H(SYSCALL) | H(CGROUP), 0, key_kfuncs,
	  "[confirmed 6.18 but struct_ops, taken as the generic set's]" },
	{ "cpumask (kernel/bpf/cpumask.c)", H(TRACING) | H(STRUCT_OPS) | H(SYSCALL), 0,
	  cpumask_kfuncs, "[source cpumask.c; confirmed 6.18 but struct_ops]" },
	{ "cgroup rstat (kernel/cgroup/rstat.c)", H(TRACING), 0, rstat_kfuncs, "[confirmed 6.18]" },
	{ "skb dynptr (net/core/filter.c)",
	  H(SOCKET_FILTER) | H(TC) | H(SCHED_ACT) | H(TRACING) | H(CGROUP) | H(LWT) | H(SK_SKB) |
		  H(NETFILTER),
	  0, skb_kfuncs, "[confirmed 6.18]" },
	{ "skb metadata dynptr (net/core/filter.c)", H(TC) | H(SCHED_ACT), 0, skb_meta_kfuncs,
	  "[confirmed 6.18]" },
	{ "xdp (dynptr, xfrm state, metadata)", H(XDP), 0, xdp_kfuncs,
	  "[confirmed 6.18 but the metadata kfuncs (source), which need a device-bound program]" },
	{ "cgroup sock_addr / sock_ops (net/core/filter.c)", H(CGROUP), 0, cgroup_net_kfuncs,
	  "[confirmed 6.18]" },
	{ "tcp_reqsk (net/core/filter.c)", H(TC), 0, tcp_reqsk_kfuncs, "[confirmed 6.18]" },
	{ "conntrack (net/netfilter/nf_conntrack_bpf.c)", H(TC) | H(XDP), 0, ct_kfuncs,
	  "[confirmed 6.18]" },
	{ "crypto context (kernel/bpf/crypto.c)", H(SYSCALL), 0, crypto_init_kfuncs,
	  "[confirmed 6.18]" },
	{ "crypto (kernel/bpf/crypto.c)", H(TC) | H(SCHED_ACT) | H(XDP), 0, crypto_kfuncs,
	  "[confirmed 6.18]" },
	{ "tcp congestion control (struct_ops)", H(STRUCT_OPS), 0, tcp_ca_kfuncs,
	  "[struct_ops: source bpf_tcp_ca.c; refused to every other type: confirmed 6.18]" },
	{ "fs (fs/bpf_fs_kfuncs.c, LSM programs only)", H(TRACING), BPF_PROG_TYPE_LSM, fs_kfuncs,
	  "[lsm: source bpf_fs_kfuncs.c; refused to every other type: confirmed 6.18]" },
};

const struct kfunc_set *kfunc_set_lookup(const char *name)
{
	for (size_t i = 0; name && i < sizeof(sets) / sizeof(sets[0]); i++)
		for (const char *const *k = sets[i].kfuncs; *k; k++)
			if (!strcmp(*k, name))
				return &sets[i];
	return NULL;
}

int kfunc_hook_of(uint32_t prog_type)
{
	for (size_t i = 0; i < sizeof(type_hooks) / sizeof(type_hooks[0]); i++)
		if (type_hooks[i].type == prog_type)
			return type_hooks[i].hook;
	return -1;
}

int kfunc_allowed(const char *name, uint32_t prog_type)
{
	const struct kfunc_set *s = kfunc_set_lookup(name);
	int hook = kfunc_hook_of(prog_type);

	if (!s || !prog_type)
		return -1;
	if (s->hooks & H(COMMON))
		return 1;
	if (s->only_type && s->only_type != prog_type)
		return 0;
	return hook >= 0 && (s->hooks & (1u << hook)) ? 1 : 0;
}

void kfunc_set_types(const struct kfunc_set *s, char *buf, size_t n)
{
	size_t o = 0;

	if (n)
		buf[0] = '\0';
	if (!s || !n)
		return;
	if (s->only_type == BPF_PROG_TYPE_LSM) {
		snprintf(buf, n, "lsm");
		return;
	}
	for (int h = 0; h < KFH__COUNT && o + 1 < n; h++) {
		int w;

		if (!(s->hooks & (1u << h)))
			continue;
		w = snprintf(buf + o, n - o, "%s%s", o ? ", " : "", hook_types[h]);
		if (w < 0)
			break;
		o += (size_t)w < n - o ? (size_t)w : n - o - 1;
	}
}
