// SPDX-License-Identifier: MIT
/*
 * sleep_table.c — the one table of sleepable-context facts (see
 * sleep_table.h for what it holds). Every row cites its source in
 * docs/sleepable-rules.md: [confirmed 6.18], [source], [memory] or
 * [corpus-kernels] (bracketed by the real kernels there). A kernel rule
 * changes here, in one row, and nowhere else.
 */
#include <linux/bpf.h>
#include <stddef.h>
#include <stdio.h>
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
	{ "bpf_get_stack", 67, SCF_COND_SLEEPABLE_PROG | SCF_TRACING_ONLY_BEFORE, KV(6, 0),
	  KV_NEVER, KV_NEVER, "sleeping variant only in sleepable tracing programs [source]" },
	{ "bpf_get_task_stack", 141, SCF_COND_SLEEPABLE_PROG | SCF_TRACING_ONLY_BEFORE, KV(6, 0),
	  KV_NEVER, KV_NEVER, "sleeping variant only in sleepable tracing programs [source]" },

	/* kfuncs flagged KF_SLEEPABLE, §5.2 ([confirmed 6.18] unless noted) */
	{ "bpf_copy_from_user_str", -1, SCF_KFUNC, KV(6, 12), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_copy_from_user_task_str", -1, SCF_KFUNC, KV(6, 13), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_copy_from_user_dynptr", -1, SCF_KFUNC, KV(6, 16), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_copy_from_user_str_dynptr", -1, SCF_KFUNC, KV(6, 16), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_copy_from_user_task_dynptr", -1, SCF_KFUNC, KV(6, 16), KV_NEVER, KV_NEVER, NULL },
	{ "bpf_copy_from_user_task_str_dynptr", -1, SCF_KFUNC, KV(6, 16), KV_NEVER, KV_NEVER,
	  NULL },
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
	{ "hid_bpf_input_report", -1, SCF_KFUNC | SCF_STRUCT_OPS_ONLY, KV(6, 11), KV_NEVER,
	  KV_NEVER, NULL },
};

/* §3: region openers and closers, each with the rule that brought it */
static const struct sleep_region_op region_ops[] = {
	{ "bpf_rcu_read_lock", REGION_RCU, 1, -1, 0, SF_RCU_REGION, false },
	{ "bpf_rcu_read_unlock", REGION_RCU, -1, -1, 0, SF_RCU_REGION, false },
	{ "bpf_preempt_disable", REGION_PREEMPT, 1, -1, 0, SF_PREEMPT_REGION, false },
	{ "bpf_preempt_enable", REGION_PREEMPT, -1, -1, 0, SF_PREEMPT_REGION, false },
	{ "bpf_local_irq_save", REGION_IRQ, 1, -1, 0, SF_IRQ_REGION, false },
	{ "bpf_local_irq_restore", REGION_IRQ, -1, -1, 0, SF_IRQ_REGION, false },
	{ "bpf_spin_lock", REGION_LOCK, 1, -1, 0, SF_SPIN_LOCK, false },
	{ "bpf_spin_unlock", REGION_LOCK, -1, -1, 0, SF_SPIN_LOCK, false },
	{ "bpf_res_spin_lock", REGION_LOCK, 1, -1, 0, SF_RES_SPIN_LOCK, true },
	{ "bpf_res_spin_unlock", REGION_LOCK, -1, -1, 0, SF_RES_SPIN_LOCK, false },
	{ "bpf_res_spin_lock_irqsave", REGION_LOCK, 1, REGION_IRQ, 1, SF_RES_SPIN_LOCK, true },
	{ "bpf_res_spin_unlock_irqrestore", REGION_LOCK, -1, REGION_IRQ, -1, SF_RES_SPIN_LOCK,
	  false },
};

/*
 * calls the verifier lets through while a lock is held (6.18: the unlock,
 * the whole res_spin_lock family, so res locks nest, the graph kfuncs and
 * the bpf_iter_num kfuncs)
 */
static const char *const lock_ok_calls[] = {
	"bpf_spin_unlock",
	"bpf_res_spin_unlock",
	"bpf_res_spin_unlock_irqrestore",
	"bpf_res_spin_lock",
	"bpf_res_spin_lock_irqsave",
	"bpf_iter_num_new",
	"bpf_iter_num_next",
	"bpf_iter_num_destroy",
	"bpf_rbtree_add_impl",
	"bpf_rbtree_add",
	"bpf_rbtree_remove",
	"bpf_rbtree_first",
	"bpf_rbtree_root",
	"bpf_rbtree_left",
	"bpf_rbtree_right",
	"bpf_list_push_front_impl",
	"bpf_list_push_back_impl",
	"bpf_list_pop_front",
	"bpf_list_pop_back",
	"bpf_list_front",
	"bpf_list_back",
};

/*
 * §1.2: sleepable sections, and section names newer than libbpf 1.1 (used
 * when libbpf does not know the name). Prog types of every other name come
 * from libbpf.
 */
static const struct sleep_section sections[] = {
	{ "fentry.s", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, true },
	{ "fexit.s", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, true },
	{ "fmod_ret.s", BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, true },
	{ "lsm.s", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, true },
	{ "iter.s", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, true },
	{ "uprobe.s", BPF_PROG_TYPE_KPROBE, 0, true },
	{ "uretprobe.s", BPF_PROG_TYPE_KPROBE, 0, true },
	{ "uprobe.multi.s", BPF_PROG_TYPE_KPROBE, 0, true },
	{ "uretprobe.multi.s", BPF_PROG_TYPE_KPROBE, 0, true },
	{ "usdt.s", BPF_PROG_TYPE_KPROBE, 0, true },
	{ "syscall", BPF_PROG_TYPE_SYSCALL, 0, true },
	{ "struct_ops.s", BPF_PROG_TYPE_STRUCT_OPS, 0, true },
	{ "tp.s", BPF_PROG_TYPE_TRACEPOINT, 0, true },
	{ "tracepoint.s", BPF_PROG_TYPE_TRACEPOINT, 0, true },
	{ "raw_tp.s", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, true },
	{ "raw_tracepoint.s", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, true },
	{ "tp_btf.s", BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, true },
	{ "fsession.s", BPF_PROG_TYPE_TRACING, 0, true },
	{ "fentry.multi.s", BPF_PROG_TYPE_TRACING, 0, true },
	{ "fexit.multi.s", BPF_PROG_TYPE_TRACING, 0, true },
	/* non-sleepable names libbpf 1.1 does not know */
	{ "uprobe.multi", BPF_PROG_TYPE_KPROBE, 0, false },
	{ "uretprobe.multi", BPF_PROG_TYPE_KPROBE, 0, false },
	{ "tcx/ingress", BPF_PROG_TYPE_SCHED_CLS, 0, false },
	{ "tcx/egress", BPF_PROG_TYPE_SCHED_CLS, 0, false },
	{ "netkit/primary", BPF_PROG_TYPE_SCHED_CLS, 0, false },
	{ "netkit/peer", BPF_PROG_TYPE_SCHED_CLS, 0, false },
	{ "struct_ops", BPF_PROG_TYPE_STRUCT_OPS, 0, false },
};

/* §2.1: functions taking a callback, and the rule giving the callback's context */
static const struct sleep_cb cbs[] = {
	{ "bpf_loop", 2, SLEEP_CB_SYNC, SLEEP_ASYNC_NONE, SF_SYNC_CB },
	{ "bpf_for_each_map_elem", 2, SLEEP_CB_SYNC, SLEEP_ASYNC_NONE, SF_SYNC_CB },
	{ "bpf_find_vma", 3, SLEEP_CB_SYNC, SLEEP_ASYNC_NONE, SF_SYNC_CB },
	{ "bpf_user_ringbuf_drain", 2, SLEEP_CB_SYNC, SLEEP_ASYNC_NONE, SF_SYNC_CB },
	{ "bpf_rbtree_add_impl", 3, SLEEP_CB_SYNC, SLEEP_ASYNC_NONE, SF_SYNC_CB },
	{ "bpf_rbtree_add", 3, SLEEP_CB_SYNC, SLEEP_ASYNC_NONE, SF_SYNC_CB },
	{ "bpf_timer_set_callback", 2, SLEEP_CB_ASYNC, SLEEP_ASYNC_TIMER, SF_TIMER_CB },
	{ "bpf_wq_set_callback_impl", 2, SLEEP_CB_ASYNC, SLEEP_ASYNC_WQ, SF_WQ_CB },
	{ "bpf_wq_set_callback", 2, SLEEP_CB_ASYNC, SLEEP_ASYNC_WQ, SF_WQ_CB },
	{ "bpf_task_work_schedule_signal_impl", 4, SLEEP_CB_ASYNC, SLEEP_ASYNC_TASK_WORK,
	  SF_TASK_WORK_CB },
	{ "bpf_task_work_schedule_resume_impl", 4, SLEEP_CB_ASYNC, SLEEP_ASYNC_TASK_WORK,
	  SF_TASK_WORK_CB },
	{ "bpf_task_work_schedule_signal", 4, SLEEP_CB_ASYNC, SLEEP_ASYNC_TASK_WORK,
	  SF_TASK_WORK_CB },
	{ "bpf_task_work_schedule_resume", 4, SLEEP_CB_ASYNC, SLEEP_ASYNC_TASK_WORK,
	  SF_TASK_WORK_CB },
};

#define ERA(...)                                                                                   \
	{                                                                                          \
		__VA_ARGS__                                                                        \
	}
#define ROW(k, idv, label, grp, source, ...)                                                       \
	[SF_##k] = { .rule = SF_##k,                                                               \
		     .id = idv,                                                                    \
		     .row = label,                                                                 \
		     .group = grp,                                                                 \
		     .src = source,                                                                \
		     .neras = N(((const struct sleep_era[]){ __VA_ARGS__ })),                      \
		     .eras = { __VA_ARGS__ } }

#define ERA_OFF(cellv, wordsv) ERA(0, 0, 0, cellv, wordsv, NULL, NULL)

/*
 * The rules (§1.1, §2, §3, §4, §6): each row a list of eras by release.
 * value: 0 = off; rows with more states number them (TIMER_CB: 1 = the
 * program's flag, 2 = never sleepable).
 */
static const struct sleep_rule_info rules[SF__COUNT] = {
	/* program types, §1.1 */
	ROW(TYPE_TRACING_LSM, "type_tracing_lsm", "fentry/fexit/fmod_ret, lsm sleepable",
	    "program types", "[source]",
	    ERA(0, 0, 1, "yes",
		"fentry/fexit/fmod_ret (error-injectable targets) and sleepable "
		"LSM hooks may be loaded sleepable",
		"1e6c62a88215", NULL)),
	ROW(TYPE_SYSCALL, "type_syscall", "syscall programs", "program types", "[memory]",
	    ERA_OFF("-", "no syscall program type"),
	    ERA(KV(5, 14), 0, 1, "always", "syscall programs are always sleepable", NULL, NULL)),
	ROW(TYPE_ITER, "type_iter", "iter.s sleepable", "program types", "[memory]",
	    ERA_OFF("no", "iterators cannot be sleepable"),
	    ERA(KV(5, 18), 0, 1, "yes", "iterators (iter.s) may be sleepable", NULL, NULL)),
	ROW(TYPE_UPROBE, "type_uprobe", "uprobe.s sleepable", "program types",
	    "[memory; 5.10 refuses: corpus]",
	    ERA_OFF("no", "kprobe-type programs cannot be sleepable"),
	    ERA(KV(6, 0), 0, 1, "yes", "uprobes (uprobe.s, usdt.s) may be sleepable", NULL, NULL)),
	ROW(TYPE_STRUCT_OPS, "type_struct_ops", "struct_ops.s sleepable", "program types",
	    "[memory]", ERA_OFF("no", "struct_ops programs cannot be sleepable"),
	    ERA(KV(6, 3), 0, 1, "per member",
		"struct_ops programs may be sleepable where the subsystem's check_member allows",
		NULL, NULL)),
	ROW(TYPE_TRACEPOINT, "type_tracepoint", "tp/raw_tp/tp_btf sleepable", "program types",
	    "[source 7.2]", ERA_OFF("no", "tracepoint programs cannot be sleepable"),
	    ERA(KV(7, 1), 0, 1, "faultable",
		"tracepoint programs may be sleepable on faultable tracepoints", NULL, NULL)),

	/* callbacks, §2.1 and §2.3 */
	ROW(TIMER_CB, "timer_cb", "bpf_timer callback", "callbacks", "[confirmed 6.18]",
	    ERA_OFF("-", "no bpf_timer"),
	    ERA(KV(5, 15), 0, 1, "prog flag",
		"a bpf_timer callback takes the program's flag: sleepable in a sleepable program "
		"(a soundness bug: it runs in softirq)",
		NULL, NULL),
	    ERA(KV(6, 18), 2, 2, "never",
		"a bpf_timer callback is never sleepable (it runs in softirq), whatever the "
		"program's flag",
		"469d638d1520", NULL)),
	ROW(WQ_CB, "wq_cb", "bpf_wq callback", "callbacks", "[confirmed 6.18]",
	    ERA_OFF("-", "no bpf_wq"),
	    ERA(KV(6, 10), 0, 1, "always",
		"a bpf_wq callback is always sleepable (it runs from a workqueue)", "81f1d7a583fa",
		NULL)),
	ROW(TASK_WORK_CB, "task_work_cb", "task_work callback", "callbacks", "[confirmed 6.18]",
	    ERA_OFF("-", "no bpf_task_work"),
	    ERA(KV(6, 18), 0, 1, "always",
		"a task_work callback is always sleepable (it runs on the way back to user space)",
		NULL, NULL)),
	ROW(SYNC_CB, "sync_cb", "sync callbacks (bpf_loop, ...)", "callbacks", "[confirmed 6.18]",
	    ERA(0, 0, 1, "inherit",
		"sync callbacks (bpf_loop, bpf_for_each_map_elem, bpf_find_vma, "
		"bpf_user_ringbuf_drain, kfunc callbacks) run in the caller's context",
		NULL, NULL)),
	ROW(PER_STATE_SLEEPABLE, "per_state_sleepable", "in_sleepable kept per state", "callbacks",
	    "[source]", ERA_OFF("prog flag", "in_sleepable is the program's flag"),
	    ERA(KV(6, 10), 0, 1, "per state",
		"in_sleepable is kept per verifier state (so a wq callback can be sleepable in a "
		"non-sleepable program)",
		"81f1d7a583fa", NULL)),

	/* sleeping calls, §3 and §4 */
	ROW(HELPER_MIGHT_SLEEP, "helper_might_sleep", "sleeping helper, non-sleepable ctx", "calls",
	    "[memory ~6.0; 6.1 source]",
	    ERA_OFF("not offered", "sleeping helpers are offered to sleepable programs only"),
	    ERA(KV(6, 0), 0, 1, "refused",
		"a helper that may sleep is refused in a non-sleepable context", NULL, NULL)),
	ROW(GLOBAL_MIGHT_SLEEP, "global_might_sleep", "global that may sleep, non-sleep ctx",
	    "globals", "[confirmed 6.18]",
	    ERA_OFF("no check", "calls to global functions are not checked for sleeping"),
	    ERA(KV(6, 15), 0, 1, "refused",
		"a call to a global function that may sleep is refused in a non-sleepable context "
		"and in RCU, preempt-disabled and IRQ-disabled sections",
		"e2d8f560d178", NULL)),
	ROW(LAZY_GLOBALS, "lazy_globals", "global functions validated", "globals", "[memory]",
	    ERA_OFF("all, first", "every global function is validated first, before main"),
	    ERA(KV(6, 8), 0, 1, "if called",
		"global functions are validated after main, only when called", NULL, NULL)),

	/* regions, §3 */
	ROW(RCU_REGION, "rcu_region", "RCU read section", "regions", "[confirmed 6.18]",
	    ERA_OFF("-", "no bpf_rcu_read_lock"),
	    ERA(KV(6, 2), 0, 1, "no sleep",
		"nothing may sleep inside bpf_rcu_read_lock()/bpf_rcu_read_unlock()", NULL, NULL)),
	ROW(PREEMPT_REGION, "preempt_region", "preempt-disabled section", "regions",
	    "[confirmed 6.18]", ERA_OFF("-", "no bpf_preempt_disable"),
	    ERA(KV(6, 10), 0, 1, "no sleep",
		"nothing may sleep inside bpf_preempt_disable()/bpf_preempt_enable()", NULL, NULL)),
	ROW(IRQ_REGION, "irq_region", "IRQ-disabled section", "regions", "[confirmed 6.18]",
	    ERA_OFF("-", "no bpf_local_irq_save"),
	    ERA(KV(6, 14), 0, 1, "no sleep",
		"nothing may sleep inside bpf_local_irq_save()/bpf_local_irq_restore()", NULL,
		NULL)),
	ROW(SPIN_LOCK, "spin_lock", "bpf_spin_lock held", "regions", "[confirmed 6.18]",
	    ERA(0, 0, 1, "no calls",
		"while a bpf_spin_lock is held no helper or kfunc may be called but the unlock",
		NULL, NULL)),
	ROW(RES_SPIN_LOCK, "res_spin_lock", "bpf_res_spin_lock held", "regions", "[confirmed 6.18]",
	    ERA_OFF("-", "no bpf_res_spin_lock"),
	    ERA(KV(6, 15), 0, 1, "no calls",
		"while a bpf_res_spin_lock is held no call may be made but the unlock (the "
		"_irqsave form also disables IRQs)",
		NULL, NULL)),
	ROW(GLOBAL_LOCK_MSG, "global_lock", "global call under a lock", "regions", "[memory: 6.9]",
	    ERA_OFF("refused", "no call at all is allowed under a lock"),
	    ERA(KV(6, 9), 0, 1, "static ok",
		"static calls are allowed under a lock; global calls are refused", NULL,
		"global function calls are not allowed while holding a lock, use static function "
		"instead")),
	ROW(GLOBAL_PREEMPT_REFUSED, "global_preempt", "global call, preempt disabled", "regions",
	    "[memory]", ERA_OFF("-", "no preempt-disabled sections"),
	    ERA(KV(6, 10), 0, 1, "refused", "every global call is refused with preemption disabled",
		NULL,
		"global function calls are not allowed with preemption disabled, use static "
		"function instead"),
	    ERA(KV(6, 15), 0, 0, "if sleeps",
		"a global call with preemption disabled is refused only if it may sleep",
		"e2d8f560d178", NULL)),
	ROW(GLOBAL_IRQ_REFUSED, "global_irq", "global call, IRQs disabled", "regions", "[memory]",
	    ERA_OFF("-", "no IRQ-disabled sections"),
	    ERA(KV(6, 14), 0, 1, "refused", "every global call is refused with IRQs disabled", NULL,
		"global function calls are not allowed with IRQs disabled, use static function "
		"instead"),
	    ERA(KV(6, 15), 0, 0, "if sleeps",
		"a global call with IRQs disabled is refused only if it may sleep", "e2d8f560d178",
		NULL)),
	ROW(TRACING_TIMER_OK, "tracing_timer", "bpf_timer/bpf_wq in tracing types", "regions",
	    "[confirmed 6.18; source 7.2]",
	    ERA_OFF("refused", "kprobe, tracepoint, perf_event and raw_tp programs cannot use "
			       "bpf_timer or bpf_wq"),
	    ERA(KV(7, 0), 0, 1, "allowed", "bpf_timer and bpf_wq are usable from any program type",
		NULL, NULL)),

	/* the messages, §1.1, §3, §4.3 */
	ROW(MSG_TYPE_NOT_SLEEPABLE, "msg_type", "msg: type cannot sleep", "messages", "[source]",
	    ERA(0, 0, 1, "fentry/lsm", "a type that cannot be sleepable is refused at load", NULL,
		"Only fentry/fexit/fmod_ret and lsm programs can be sleepable"),
	    ERA(KV(6, 0), 0, 1, "+uprobe", "a type that cannot be sleepable is refused at load",
		NULL,
		"Only fentry/fexit/fmod_ret, lsm, and kprobe/uprobe programs can be sleepable"),
	    ERA(KV(6, 3), 0, 1, "+struct_ops", "a type that cannot be sleepable is refused at load",
		NULL,
		"Only fentry/fexit/fmod_ret, lsm, iter, uprobe, and struct_ops programs can be "
		"sleepable"),
	    ERA(KV(7, 1), 0, 1, "this type", "a type that cannot be sleepable is refused at load",
		NULL, "Program of this type cannot be sleepable")),
	ROW(MSG_HELPER_NONSLEEP, "msg_helper", "msg: helper, non-sleepable", "messages",
	    "[confirmed 6.18, 7.3.4]", ERA_OFF("-", "no such message"),
	    ERA(KV(6, 0), 0, 1, "might sleep", "a sleeping helper in a non-sleepable context", NULL,
		"helper call might sleep in a non-sleepable prog"),
	    ERA(KV(7, 1), 0, 2, "unified", "a sleeping helper in a non-sleepable context", NULL,
		"sleepable helper {call}#{id} in non-sleepable prog")),
	ROW(MSG_HELPER_REGION, "msg_helper_region", "msg: helper in a section", "messages",
	    "[confirmed 6.18]", ERA_OFF("-", "no such message"),
	    ERA(KV(6, 2), 0, 1, "in <ctx>", "a sleeping helper inside an atomic section", NULL,
		"sleepable helper {call}#{id} in {ctx}")),
	ROW(MSG_KFUNC_NONSLEEP, "msg_kfunc", "msg: kfunc, non-sleepable", "messages",
	    "[confirmed 6.18; 6.1 source]", ERA_OFF("-", "no sleepable kfuncs"),
	    ERA(KV(6, 1), 0, 1, "but prog", "a sleeping kfunc in a non-sleepable context", NULL,
		"kernel function {call} is sleepable but the program is not"),
	    ERA(KV(6, 2), 0, 2, "must be", "a sleeping kfunc in a non-sleepable context", NULL,
		"program must be sleepable to call sleepable kfunc {call}")),
	ROW(MSG_KFUNC_REGION, "msg_kfunc_region", "msg: kfunc in a section", "messages",
	    "[confirmed 6.18]", ERA_OFF("-", "no such message"),
	    ERA(KV(6, 2), 0, 1, "within", "a sleeping kfunc inside an atomic section", NULL,
		"kernel func {call} is sleepable within {ctx}")),
	ROW(MSG_GLOBAL_SLEEP, "msg_global", "msg: global that may sleep", "messages",
	    "[confirmed 6.18, 7.3.4]", ERA_OFF("-", "no such message"),
	    ERA(KV(6, 15), 0, 1, "global fns",
		"a global function that may sleep in a non-sleepable context", "e2d8f560d178",
		"global functions that may sleep are not allowed in non-sleepable context, i.e., "
		"in "
		"a RCU/IRQ/preempt-disabled section, or in a non-sleepable BPF program context"),
	    ERA(KV(7, 1), 0, 2, "unified",
		"a global function that may sleep in a non-sleepable context", NULL,
		"sleepable global function {func}() called in {ctx}")),
	ROW(MSG_CALL_LOCK, "msg_call_lock", "msg: call under a lock", "messages",
	    "[confirmed 6.18]",
	    ERA(0, 0, 1, "holding", "a call while a lock is held", NULL,
		"function calls are not allowed while holding a lock")),
	ROW(MSG_HELPER_UNAVAILABLE, "msg_unavailable", "msg: helper not offered", "messages",
	    "[6.1 / 6.12 source]",
	    ERA(0, 0, 1, "unknown", "a helper the type does not offer", NULL,
		"unknown func {call}#{id}"),
	    ERA(KV(6, 3), 0, 2, "cannot use", "a helper the type does not offer", NULL,
		"program of this type cannot use helper {call}#{id}")),
	ROW(MSG_STRUCT_OPS_MEMBER, "msg_struct_ops_member", "msg: struct_ops member refused",
	    "messages", "[source; commit: memory]", ERA_OFF("-", "no struct_ops"),
	    ERA(KV(5, 6), 0, 1, "unsupported",
		"a struct_ops member its subsystem's check_member refuses (for struct_ops.s: a "
		"member that may not be sleepable)",
		"27ae7997a661", "attach to unsupported member {func} of struct {call}")),
};

/*
 * struct_ops members and their check_member() (§1.1): which may be sleepable.
 * hid_bpf_ops: drivers/hid/bpf/hid_bpf_struct_ops.c; sched_ext_ops:
 * kernel/sched/ext.c (cgroup_* with CONFIG_EXT_GROUP_SCHED);
 * tcp_congestion_ops: net/ipv4/bpf_tcp_ca.c filters no member by the flag,
 * get_info is unsupported. Known non-sleepable members are named too, so
 * a member name finds its type.
 */
static const struct sleep_st_member st_members[] = {
	{ "hid_bpf_ops", "*", KV(6, 11), 0, "[source 6.12]" },
	{ "hid_bpf_ops", "hid_device_event", KV(6, 11), 0, "[source 6.12]" },
	{ "hid_bpf_ops", "hid_rdesc_fixup", KV(6, 11), SMF_SLEEPABLE, "[source 6.12]" },
	{ "hid_bpf_ops", "hid_hw_request", KV(6, 11), SMF_SLEEPABLE, "[source 6.12]" },
	{ "hid_bpf_ops", "hid_hw_output_report", KV(6, 11), SMF_SLEEPABLE, "[source 6.12]" },
	{ "hid_bpf_ops", "hid_driver_probe", KV(6, 12), SMF_SLEEPABLE, "[source 6.12]" },
	{ "sched_ext_ops", "*", KV(6, 12), 0, "[source 6.12]" },
	{ "sched_ext_ops", "select_cpu", KV(6, 12), 0, "[source 6.12]" },
	{ "sched_ext_ops", "enqueue", KV(6, 12), 0, "[source 6.12]" },
	{ "sched_ext_ops", "dequeue", KV(6, 12), 0, "[source 6.12]" },
	{ "sched_ext_ops", "dispatch", KV(6, 12), 0, "[source 6.12]" },
	{ "sched_ext_ops", "running", KV(6, 12), 0, "[source 6.12]" },
	{ "sched_ext_ops", "stopping", KV(6, 12), 0, "[source 6.12]" },
	{ "sched_ext_ops", "init_task", KV(6, 12), SMF_SLEEPABLE, "[source 6.12]" },
	{ "sched_ext_ops", "cgroup_init", KV(6, 12), SMF_SLEEPABLE, "[source 6.12]" },
	{ "sched_ext_ops", "cgroup_exit", KV(6, 12), SMF_SLEEPABLE, "[source 6.12]" },
	{ "sched_ext_ops", "cgroup_prep_move", KV(6, 12), SMF_SLEEPABLE, "[source 6.12]" },
	{ "sched_ext_ops", "cgroup_set_bandwidth", KV(6, 17), SMF_SLEEPABLE, "[memory]" },
	{ "sched_ext_ops", "cpu_online", KV(6, 12), SMF_SLEEPABLE, "[source 6.12]" },
	{ "sched_ext_ops", "cpu_offline", KV(6, 12), SMF_SLEEPABLE, "[source 6.12]" },
	{ "sched_ext_ops", "init", KV(6, 12), SMF_SLEEPABLE, "[source 6.12]" },
	{ "sched_ext_ops", "exit", KV(6, 12), SMF_SLEEPABLE, "[source 6.12]" },
	{ "tcp_congestion_ops", "*", KV(5, 6), SMF_SLEEPABLE, "[source]" },
	{ "tcp_congestion_ops", "get_info", KV(5, 6), SMF_UNSUPPORTED, "[source]" },
	{ "tcp_congestion_ops", "ssthresh", KV(5, 6), SMF_SLEEPABLE, "[source]" },
	{ "tcp_congestion_ops", "cong_avoid", KV(5, 6), SMF_SLEEPABLE, "[source]" },
	{ "tcp_congestion_ops", "cong_control", KV(5, 6), SMF_SLEEPABLE, "[source]" },
	{ "tcp_congestion_ops", "undo_cwnd", KV(5, 6), SMF_SLEEPABLE, "[source]" },
	{ "tcp_congestion_ops", "cwnd_event", KV(5, 6), SMF_SLEEPABLE, "[source]" },
	{ "tcp_congestion_ops", "pkts_acked", KV(5, 6), SMF_SLEEPABLE, "[source]" },
};

/* the log's dialect -> the rules of its range */
static const struct sleep_dialect dialects[] = {
	{ "5.x", "5.10", "5.x (as 5.10)" },
	{ "6.1", "6.1", NULL },
	{ "6.6", "6.6", NULL },
	{ "6.8", "6.12", "6.8-6.14 (as 6.12)" },
	{ "6.15", "6.15", "6.15-6.17" },
	{ "6.18", "6.18", NULL },
	{ "7.0", "7.0", NULL },
	{ "7.3", "7.3", NULL },
};

/* every rule has its row */
_Static_assert(N(rules) == SF__COUNT, "a rule without a row");

static const struct sleep_table builtin = {
	.rules = rules,
	.nrules = N(rules),
	.calls = sleep_calls,
	.ncalls = N(sleep_calls),
	.regions = region_ops,
	.nregions = N(region_ops),
	.lock_ok = lock_ok_calls,
	.nlock_ok = N(lock_ok_calls),
	.sections = sections,
	.nsections = N(sections),
	.cbs = cbs,
	.ncbs = N(cbs),
	.dialects = dialects,
	.ndialects = N(dialects),
	.members = st_members,
	.nmembers = N(st_members),
};

static const struct sleep_table *current = &builtin;

const struct sleep_rules *sleep_rules_newest(void)
{
	static const struct sleep_rules newest = {
		.ver = KV(99, 99), .patch = KV_PATCH_LATEST, .timer_fix = true, .name = "newest"
	};

	return &newest;
}

const struct sleep_table *sleep_table_builtin(void)
{
	return &builtin;
}

const struct sleep_table *sleep_table_get(void)
{
	return current;
}

void sleep_table_use(const struct sleep_table *t)
{
	current = t ? t : &builtin;
}

const struct sleep_call *sleep_call_lookup(const char *name)
{
	size_t i;

	for (i = 0; name && i < current->ncalls; i++)
		if (!strcmp(current->calls[i].name, name))
			return &current->calls[i];
	return NULL;
}

const struct sleep_region_op *sleep_region_op_lookup(const char *name)
{
	size_t i;

	for (i = 0; name && i < current->nregions; i++)
		if (!strcmp(current->regions[i].name, name))
			return &current->regions[i];
	return NULL;
}

const struct sleep_section *sleep_section_lookup(const char *sec)
{
	size_t i;

	if (sec && sec[0] == '?')
		sec++;
	for (i = 0; sec && i < current->nsections; i++) {
		size_t n = strlen(current->sections[i].prefix);

		if (!strncmp(sec, current->sections[i].prefix, n) &&
		    (sec[n] == '\0' || sec[n] == '/'))
			return &current->sections[i];
	}
	return NULL;
}

static const struct sleep_async_prim async_prims[] = {
	{ "bpf_timer_init", SLEEP_ASYNC_TIMER },   { "bpf_timer_set_callback", SLEEP_ASYNC_TIMER },
	{ "bpf_timer_start", SLEEP_ASYNC_TIMER },  { "bpf_timer_cancel", SLEEP_ASYNC_TIMER },
	{ "bpf_wq_init", SLEEP_ASYNC_WQ },	   { "bpf_wq_set_callback_impl", SLEEP_ASYNC_WQ },
	{ "bpf_wq_set_callback", SLEEP_ASYNC_WQ }, { "bpf_wq_start", SLEEP_ASYNC_WQ },
};

const struct sleep_async_prim *sleep_async_prim_lookup(const char *name)
{
	for (size_t i = 0; name && i < sizeof(async_prims) / sizeof(async_prims[0]); i++)
		if (!strcmp(async_prims[i].name, name))
			return &async_prims[i];
	return NULL;
}

const char *sleep_async_word(uint8_t async)
{
	switch (async) {
	case SLEEP_ASYNC_TIMER:
		return "bpf_timer";
	case SLEEP_ASYNC_WQ:
		return "bpf_wq";
	case SLEEP_ASYNC_TASK_WORK:
		return "task_work";
	default:
		return NULL;
	}
}

const struct sleep_cb *sleep_cb_lookup(const char *name)
{
	size_t i;

	for (i = 0; name && i < current->ncbs; i++)
		if (!strcmp(current->cbs[i].name, name))
			return &current->cbs[i];
	return NULL;
}

bool sleep_call_allowed_under_lock(const char *name)
{
	size_t i;

	for (i = 0; name && i < current->nlock_ok; i++)
		if (!strcmp(current->lock_ok[i], name))
			return true;
	return false;
}

const struct sleep_rule_info *sleep_rule_info(enum sleep_feature f)
{
	return (size_t)f < current->nrules ? &current->rules[f] : NULL;
}

const struct sleep_era *sleep_rule_era(enum sleep_feature f, uint16_t ver, uint8_t patch)
{
	const struct sleep_rule_info *ri = sleep_rule_info(f);
	const struct sleep_era *e = NULL;
	uint8_t k;

	for (k = 0; ri && k < ri->neras; k++) {
		const struct sleep_era *x = &ri->eras[k];

		if (ver > x->since || (ver == x->since && patch >= x->patch))
			e = x;
	}
	return e;
}

bool sleep_rules_has(const struct sleep_rules *r, enum sleep_feature f)
{
	const struct sleep_era *e = sleep_rule_era(f, r->ver, r->patch);

	return e && e->value;
}

bool sleep_feature_in(uint16_t ver, enum sleep_feature f)
{
	const struct sleep_era *e = sleep_rule_era(f, ver, KV_PATCH_LATEST);

	return e && e->value;
}

void sleep_rule_message(const struct sleep_rules *r, enum sleep_feature f, const char *call, int id,
			const char *ctx, const char *func, char *buf, size_t n)
{
	const struct sleep_era *e = sleep_rule_era(f, r->ver, r->patch);
	const char *s = e && e->msg ? e->msg : "";
	size_t len = 0;

	if (!n)
		return;
	buf[0] = '\0';
	while (*s && len + 1 < n) {
		char num[16];
		const char *put = NULL;
		size_t skip = 0;

		if (!strncmp(s, "{call}", 6))
			put = call ? call : "?", skip = 6;
		else if (!strncmp(s, "{id}", 4))
			snprintf(num, sizeof(num), "%d", id), put = num, skip = 4;
		else if (!strncmp(s, "{ctx}", 5))
			put = ctx ? ctx : "?", skip = 5;
		else if (!strncmp(s, "{func}", 6))
			put = func ? func : "?", skip = 6;
		if (put) {
			int w = snprintf(buf + len, n - len, "%s", put);

			len += (size_t)w < n - len ? (size_t)w : n - len - 1;
			s += skip;
		} else {
			buf[len++] = *s++;
			buf[len] = '\0';
		}
	}
}

uint16_t sleep_rule_since(enum sleep_feature f, uint8_t value)
{
	const struct sleep_rule_info *ri = sleep_rule_info(f);
	uint8_t k;

	for (k = 0; ri && k < ri->neras; k++)
		if (ri->eras[k].value == value)
			return ri->eras[k].since;
	return KV_NEVER;
}

const struct sleep_dialect *sleep_dialect_lookup(const char *d)
{
	size_t i;

	for (i = 0; d && i < current->ndialects; i++)
		if (!strcmp(current->dialects[i].dialect, d))
			return &current->dialects[i];
	return NULL;
}

/* the row of (st, member), else the type's "*" row when `any`; NULL when none */
static const struct sleep_st_member *st_row(const char *st, const char *member, bool any)
{
	const struct sleep_st_member *star = NULL;
	size_t i;

	for (i = 0; i < current->nmembers; i++) {
		const struct sleep_st_member *e = &current->members[i];

		if (strcmp(e->st_ops, st))
			continue;
		if (!strcmp(e->member, member))
			return e;
		if (!strcmp(e->member, "*"))
			star = e;
	}
	return any ? star : NULL;
}

int sleep_struct_ops_member(const char *st_ops, const char *member, const struct sleep_rules *r,
			    const char **st_out)
{
	const struct sleep_st_member *e;
	const char *st = st_ops;
	size_t i;

	*st_out = NULL;
	if (!member || !*member)
		return -1;
	for (i = 0; !st_ops && i < current->nmembers; i++) {
		const struct sleep_st_member *c = &current->members[i];

		if (strcmp(c->member, member))
			continue;
		if (st && strcmp(st, c->st_ops))
			return -1; /* two types have it: which one is not known */
		st = c->st_ops;
	}
	if (!st)
		return -1;
	e = st_row(st, member, true);
	if (!e)
		return -1;
	*st_out = e->st_ops;
	if (r->ver < e->since) {
		/* the member is newer than these rules: still the type's default, if the type is */
		e = st_row(st, "*", true);
		if (!e || r->ver < e->since)
			return -1;
	}
	if (e->flags & SMF_UNSUPPORTED)
		return 0;
	return (e->flags & SMF_SLEEPABLE) ? 1 : 0;
}

void sleep_struct_ops_sleepable_list(const char *st_ops, const struct sleep_rules *r, char *buf,
				     size_t n)
{
	size_t i, len = 0;

	if (n)
		buf[0] = '\0';
	for (i = 0; st_ops && i < current->nmembers; i++) {
		const struct sleep_st_member *e = &current->members[i];
		int w;

		if (strcmp(e->st_ops, st_ops) || !(e->flags & SMF_SLEEPABLE) || r->ver < e->since)
			continue;
		w = snprintf(buf + len, n - len, "%s%s", len ? ", " : "",
			     strcmp(e->member, "*") ? e->member : "any other member");
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
	}
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

/* §1.1: the rule row that lets a type be sleepable */
bool sleep_type_may_sleep(uint32_t t, uint32_t attach, const struct sleep_rules *r,
			  const char **msg)
{
	const struct sleep_era *e = sleep_rule_era(SF_MSG_TYPE_NOT_SLEEPABLE, r->ver, r->patch);

	*msg = e && e->msg ? e->msg : "";
	switch (t) {
	case BPF_PROG_TYPE_SYSCALL:
		return sleep_rules_has(r, SF_TYPE_SYSCALL);
	case BPF_PROG_TYPE_LSM:
		return attach != BPF_LSM_CGROUP && sleep_rules_has(r, SF_TYPE_TRACING_LSM);
	case BPF_PROG_TYPE_TRACING:
		if (attach == BPF_TRACE_RAW_TP)
			return sleep_rules_has(r, SF_TYPE_TRACEPOINT);
		if (attach == BPF_TRACE_ITER)
			return sleep_rules_has(r, SF_TYPE_ITER);
		return sleep_rules_has(r, SF_TYPE_TRACING_LSM);
	case BPF_PROG_TYPE_KPROBE:
		return sleep_rules_has(r, SF_TYPE_UPROBE);
	case BPF_PROG_TYPE_STRUCT_OPS:
		return sleep_rules_has(r, SF_TYPE_STRUCT_OPS);
	case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
		return sleep_rules_has(r, SF_TYPE_TRACEPOINT);
	default:
		return false;
	}
}

int sleep_cb_context(const struct sleep_rules *r, const char *via, int prog_sleepable,
		     int caller_ctx)
{
	const struct sleep_cb *cb = sleep_cb_lookup(via);
	const struct sleep_era *e;

	if (!cb || cb->kind != SLEEP_CB_ASYNC)
		return caller_ctx;
	e = sleep_rule_era(cb->rule, r->ver, r->patch);
	if (cb->async == SLEEP_ASYNC_TIMER)
		/* before 469d638d1520 in_sleepable() also read the program's flag */
		return e && e->value == 2 ? 0 : prog_sleepable;
	/* bpf_wq, task_work: always (an older kernel has no such call: as the newest) */
	return 1;
}
