// SPDX-License-Identifier: MIT
/*
 * sleep_table.c — the one place that knows which calls sleep, which open
 * atomic regions, and which kernel brought which sleepable check. Every
 * row cites its source in docs/sleepable-rules.md: [confirmed 6.18],
 * [source], [memory] or [corpus-kernels] (bracketed by the real kernels
 * there). Change a version here, nowhere else.
 */
#include <linux/bpf.h>
#include <stddef.h>
#include <string.h>

#include "src/rules/sleep_table.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct sleep_call sleep_calls[] = {
	/* helpers, §5.1 */
	{ "bpf_copy_from_user", 148, SCF_TRACING_ONLY_BEFORE | SCF_SLEEPABLE_PROG_ONLY_BEFORE_6_0,
	  KV(5, 10), KV_NEVER, KV(6, 13),
	  /* tracing-only on 6.12 and before, base set on 6.17 [corpus-kernels]; 6.13 is a guess
	   * inside that bracket */
	  "sleeps on a user page fault" },
	{ "bpf_copy_from_user_task", 191, SCF_TRACING_ONLY_BEFORE, KV(5, 18), KV_NEVER, KV_NEVER,
	  "sleeps on a user page fault" },
	{ "bpf_ima_inode_hash", 161, SCF_LSM_ONLY, KV(5, 11), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_ima_file_hash", 193, SCF_LSM_ONLY, KV(5, 18), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_sys_bpf", 166, SCF_SYSCALL_ONLY, KV(5, 14), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_btf_find_by_name_kind", 167, SCF_SYSCALL_ONLY, KV(5, 14), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_sys_close", 168, SCF_SYSCALL_ONLY, KV(5, 14), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_get_stack", 67, SCF_COND_SLEEPABLE_PROG | SCF_TRACING_ONLY_BEFORE, KV(6, 0), KV_NEVER,
	  KV_NEVER, "sleeping variant only in sleepable tracing programs [source]" },
	{ "bpf_get_task_stack", 141, SCF_COND_SLEEPABLE_PROG | SCF_TRACING_ONLY_BEFORE, KV(6, 0),
	  KV_NEVER, KV_NEVER, "sleeping variant only in sleepable tracing programs [source]" },

	/* kfuncs flagged KF_SLEEPABLE, §5.2 ([confirmed 6.18] unless noted) */
	{ "bpf_copy_from_user_str", -1, SCF_KFUNC, KV(6, 12), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_copy_from_user_task_str", -1, SCF_KFUNC, KV(6, 13), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_copy_from_user_dynptr", -1, SCF_KFUNC, KV(6, 16), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_copy_from_user_str_dynptr", -1, SCF_KFUNC, KV(6, 16), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_copy_from_user_task_dynptr", -1, SCF_KFUNC, KV(6, 16), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_copy_from_user_task_str_dynptr", -1, SCF_KFUNC, KV(6, 16), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_iter_kmem_cache_new", -1, SCF_KFUNC, KV(6, 13), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_iter_kmem_cache_next", -1, SCF_KFUNC, KV(6, 13), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_iter_kmem_cache_destroy", -1, SCF_KFUNC, KV(6, 13), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_iter_dmabuf_new", -1, SCF_KFUNC, KV(6, 16), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_iter_dmabuf_next", -1, SCF_KFUNC, KV(6, 16), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_iter_dmabuf_destroy", -1, SCF_KFUNC, KV(6, 16), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_lookup_user_key", -1, SCF_KFUNC, KV(6, 1), KV_NEVER, KV_NEVER, NULL },
	{ "css_rstat_flush", -1, SCF_KFUNC, KV(6, 16), KV_NEVER, KV_NEVER, NULL },
	{ "cgroup_rstat_flush", -1, SCF_KFUNC, KV(6, 1), KV_NEVER, KV_NEVER, "[source 6.12]" },
	{ "bpf_arena_alloc_pages", -1, SCF_KFUNC, KV(6, 9), KV(6, 19), KV_NEVER,
	  "non-sleepable substitution from 6.19" },
	{ "bpf_arena_free_pages", -1, SCF_KFUNC, KV(6, 9), KV(6, 19), KV_NEVER,
	  "non-sleepable substitution from 6.19" },
	{ "bpf_arena_reserve_pages", -1, SCF_KFUNC, KV(6, 17), KV(6, 19), KV_NEVER, NULL },
	{ "bpf_get_file_xattr", -1, SCF_KFUNC, KV(6, 8), KV_NEVER, KV_NEVER, "[source]" },
	{ "bpf_get_dentry_xattr", -1, SCF_KFUNC, KV(6, 12), KV_NEVER, KV_NEVER, "[source]" },
	{ "bpf_set_dentry_xattr", -1, SCF_KFUNC, KV(6, 15), KV_NEVER, KV_NEVER, "[source]" },
	{ "bpf_remove_dentry_xattr", -1, SCF_KFUNC, KV(6, 15), KV_NEVER, KV_NEVER, "[source]" },
	{ "bpf_verify_pkcs7_signature", -1, SCF_KFUNC, KV(6, 1), KV_NEVER, KV_NEVER, "[source]" },
	{ "bpf_crypto_ctx_create", -1, SCF_KFUNC, KV(6, 10), KV_NEVER, KV_NEVER, "[source]" },
	{ "bpf_fentry_test1", -1, SCF_KFUNC, KV(6, 1), KV_NEVER, KV_NEVER, "test kfunc [source]" },
	{ "scx_bpf_create_dsq", -1, SCF_KFUNC, KV(6, 12), KV_NEVER, KV_NEVER, "[source]" },
	{ "bpf_real_data_inode", -1, SCF_KFUNC, KV(7, 0), KV_NEVER, KV_NEVER, "[source 7.2]" },
	{ "scx_bpf_cid_override", -1, SCF_KFUNC, KV(7, 0), KV_NEVER, KV_NEVER, "[source 7.2]" },
	/* HID: sleepable in the STRUCT_OPS set only (§1.3) [source] */
	{ "hid_bpf_allocate_context", -1, SCF_KFUNC | SCF_STRUCT_OPS_ONLY, KV(6, 11), KV_NEVER,
	  KV_NEVER, NULL },
	{ "hid_bpf_release_context", -1, SCF_KFUNC | SCF_STRUCT_OPS_ONLY, KV(6, 11), KV_NEVER,
	  KV_NEVER, NULL },
	{ "hid_bpf_hw_request", -1, SCF_KFUNC | SCF_STRUCT_OPS_ONLY, KV(6, 11), KV_NEVER, KV_NEVER,
	  NULL },
	{ "hid_bpf_hw_output_report", -1, SCF_KFUNC | SCF_STRUCT_OPS_ONLY, KV(6, 11), KV_NEVER,
	  KV_NEVER, NULL },
	{ "hid_bpf_input_report", -1, SCF_KFUNC | SCF_STRUCT_OPS_ONLY, KV(6, 11), KV_NEVER, KV_NEVER,
	  NULL },
};

/* §3: region openers and closers */
static const struct sleep_region_op region_ops[] = {
	{ "bpf_rcu_read_lock", REGION_RCU, 1, -1, 0, KV(6, 2) },
	{ "bpf_rcu_read_unlock", REGION_RCU, -1, -1, 0, KV(6, 2) },
	{ "bpf_preempt_disable", REGION_PREEMPT, 1, -1, 0, KV(6, 10) },
	{ "bpf_preempt_enable", REGION_PREEMPT, -1, -1, 0, KV(6, 10) },
	{ "bpf_local_irq_save", REGION_IRQ, 1, -1, 0, KV(6, 14) },
	{ "bpf_local_irq_restore", REGION_IRQ, -1, -1, 0, KV(6, 14) },
	{ "bpf_spin_lock", REGION_LOCK, 1, -1, 0, KV(5, 1) },
	{ "bpf_spin_unlock", REGION_LOCK, -1, -1, 0, KV(5, 1) },
	{ "bpf_res_spin_lock", REGION_LOCK, 1, -1, 0, KV(6, 15) },
	{ "bpf_res_spin_unlock", REGION_LOCK, -1, -1, 0, KV(6, 15) },
	{ "bpf_res_spin_lock_irqsave", REGION_LOCK, 1, REGION_IRQ, 1, KV(6, 15) },
	{ "bpf_res_spin_unlock_irqrestore", REGION_LOCK, -1, REGION_IRQ, -1, KV(6, 15) },
};

/* calls the verifier lets through while a lock is held */
static const char *const lock_ok_calls[] = {
	"bpf_spin_unlock",	   "bpf_res_spin_unlock",	"bpf_res_spin_unlock_irqrestore",
	"bpf_rbtree_add_impl",	   "bpf_rbtree_add",		"bpf_rbtree_remove",
	"bpf_rbtree_first",	   "bpf_rbtree_root",		"bpf_rbtree_left",
	"bpf_rbtree_right",	   "bpf_list_push_front_impl", "bpf_list_push_back_impl",
	"bpf_list_pop_front",	   "bpf_list_pop_back",		"bpf_list_front",
	"bpf_list_back",
};

/* §6 timeline */
static const struct sleep_feature_info features[] = {
	{ SF_HELPER_MIGHT_SLEEP, KV(6, 0), KV_NEVER, "might_sleep helper check [memory ~6.0]" },
	{ SF_RCU_REGION, KV(6, 2), KV_NEVER, "bpf_rcu_read_lock regions" },
	{ SF_UNAVAIL_MSG_NEW, KV(6, 3), KV_NEVER,
	  "\"program of this type cannot use helper\" (6.1: \"unknown func\", 6.12: new)" },
	{ SF_KFUNC_MSG_NEW, KV(6, 2), KV_NEVER, "\"program must be sleepable to call ...\"" },
	{ SF_LAZY_GLOBALS, KV(6, 8), KV_NEVER, "globals validated after main, when called" },
	{ SF_GLOBAL_LOCK_MSG, KV(6, 9), KV_NEVER, "static calls allowed under a lock [memory]" },
	{ SF_PER_STATE_SLEEPABLE, KV(6, 10), KV_NEVER, "bpf_wq, per-state in_sleepable" },
	{ SF_GLOBAL_PREEMPT_REFUSED, KV(6, 10), KV(6, 15), "global calls refused, preempt off" },
	{ SF_PREEMPT_REGION, KV(6, 10), KV_NEVER, "bpf_preempt_disable regions" },
	{ SF_GLOBAL_IRQ_REFUSED, KV(6, 14), KV(6, 15), "global calls refused, IRQs off" },
	{ SF_IRQ_REGION, KV(6, 14), KV_NEVER, "bpf_local_irq_save regions" },
	{ SF_GLOBAL_MIGHT_SLEEP, KV(6, 15), KV_NEVER, "e2d8f560d178 might_sleep globals" },
	{ SF_UNIFIED_MSGS, KV(7, 1), KV_NEVER, "unified sleep messages (7.3.4 confirmed)" },
	{ SF_TRACING_TIMER_OK, KV(7, 0), KV_NEVER, "bpf_timer/bpf_wq from any context" },
};

const struct sleep_call *sleep_call_lookup(const char *name)
{
	size_t i;

	if (!name)
		return NULL;
	for (i = 0; i < N(sleep_calls); i++)
		if (!strcmp(sleep_calls[i].name, name))
			return &sleep_calls[i];
	return NULL;
}

const struct sleep_region_op *sleep_region_op_lookup(const char *name)
{
	size_t i;

	if (!name)
		return NULL;
	for (i = 0; i < N(region_ops); i++)
		if (!strcmp(region_ops[i].name, name))
			return &region_ops[i];
	return NULL;
}

bool sleep_call_allowed_under_lock(const char *name)
{
	size_t i;

	for (i = 0; name && i < N(lock_ok_calls); i++)
		if (!strcmp(lock_ok_calls[i], name))
			return true;
	return false;
}

const struct sleep_feature_info *sleep_feature_info(enum sleep_feature f)
{
	size_t i;

	for (i = 0; i < N(features); i++)
		if (features[i].feature == f)
			return &features[i];
	return NULL;
}

bool sleep_feature_in(uint16_t ver, enum sleep_feature f)
{
	const struct sleep_feature_info *fi = sleep_feature_info(f);

	return fi && ver >= fi->since && ver < fi->until;
}

bool sleep_type_is_tracing(uint32_t t)
{
	switch (t) {
	case BPF_PROG_TYPE_KPROBE:
	case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_PERF_EVENT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE:
	case BPF_PROG_TYPE_TRACING:
	case BPF_PROG_TYPE_LSM:
	case BPF_PROG_TYPE_SYSCALL:
		return true;
	default:
		return false;
	}
}

bool sleep_type_no_timer(uint32_t t)
{
	switch (t) {
	case BPF_PROG_TYPE_KPROBE:
	case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_PERF_EVENT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE:
		return true;
	default:
		return false;
	}
}

/* §1.1 */
bool sleep_type_may_sleep(uint32_t t, uint32_t attach, uint16_t ver, const char **msg)
{
	bool ok;

	if (ver < KV(6, 0))
		*msg = "Only fentry/fexit/fmod_ret and lsm programs can be sleepable";
	else if (ver < KV(6, 3))
		*msg = "Only fentry/fexit/fmod_ret, lsm, and kprobe/uprobe programs can be sleepable";
	else if (ver < KV(7, 1))
		*msg = "Only fentry/fexit/fmod_ret, lsm, iter, uprobe, and struct_ops programs can be "
		       "sleepable";
	else
		*msg = "Program of this type cannot be sleepable";
	switch (t) {
	case BPF_PROG_TYPE_SYSCALL:
		ok = ver >= KV(5, 14);
		break;
	case BPF_PROG_TYPE_LSM:
		ok = attach != BPF_LSM_CGROUP;
		break;
	case BPF_PROG_TYPE_TRACING:
		ok = attach != BPF_TRACE_RAW_TP || ver >= KV(7, 1);
		break;
	case BPF_PROG_TYPE_KPROBE:
		ok = ver >= KV(6, 0); /* sleepable uprobes [memory ~6.0; 5.10 refuses: corpus] */
		break;
	case BPF_PROG_TYPE_STRUCT_OPS:
		ok = ver >= KV(6, 3);
		break;
	case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
		ok = ver >= KV(7, 1); /* faultable tracepoints only [source 7.2] */
		break;
	default:
		ok = false;
	}
	return ok;
}
