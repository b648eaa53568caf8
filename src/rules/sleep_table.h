/* SPDX-License-Identifier: MIT */
/*
 * sleep_table.h — the facts behind the sleepable analysis, as data: which
 * helpers and kfuncs may sleep (and from which kernel), which calls open
 * and close atomic regions, which program types may be sleepable, which
 * kernel introduced which check, and the exact messages each kernel prints.
 * Sources: docs/sleepable-rules.md (sections 1-6) and corpus-kernels/.
 *
 * Versions are KV(major, minor) = major * 100 + minor. All tables are
 * const and static; every pointer returned here is to static storage.
 */
#ifndef VERISTEP_SLEEP_TABLE_H
#define VERISTEP_SLEEP_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#define KV(a, b) ((a) * 100 + (b))
#define KV_NEVER 0xffff

/* atomic regions: 2-bit depth each, packed in one byte */
enum sleep_region {
	REGION_RCU = 0,
	REGION_PREEMPT,
	REGION_IRQ,
	REGION_LOCK,
	REGION__COUNT,
};

/* a call's effect on regions: +1 opens, -1 closes (up to two regions) */
struct sleep_region_op {
	const char *name;
	int8_t region, delta;
	int8_t region2, delta2; /* -1 when none */
	uint16_t since;		/* first kernel with the call */
};

/* a helper or kfunc that may sleep */
enum sleep_call_flags {
	SCF_KFUNC = 1u << 0,
	SCF_COND_SLEEPABLE_PROG = 1u << 1, /* sleeps only when the program is sleepable */
	SCF_TRACING_ONLY_BEFORE = 1u << 2, /* helper offered to tracing types only before avail_all */
	SCF_SLEEPABLE_PROG_ONLY_BEFORE_6_0 = 1u << 3, /* < 6.0: offered to sleepable programs only */
	SCF_STRUCT_OPS_ONLY = 1u << 4,	/* KF_SLEEPABLE in the STRUCT_OPS kfunc set only */
	SCF_LSM_ONLY = 1u << 5,
	SCF_SYSCALL_ONLY = 1u << 6,
};

struct sleep_call {
	const char *name;
	int32_t helper_id; /* -1 for kfuncs */
	uint16_t flags;	   /* enum sleep_call_flags */
	uint16_t since;	   /* first kernel where it sleeps (and exists) */
	uint16_t until;	   /* first kernel where it no longer sleeps, KV_NEVER */
	uint16_t avail_all; /* helpers: first kernel offering it to every type, KV_NEVER */
	const char *note;
};

/* checks the verifier gained or lost over time */
enum sleep_feature {
	SF_HELPER_MIGHT_SLEEP,	 /* "helper call might sleep in a non-sleepable prog" */
	SF_RCU_REGION,		 /* bpf_rcu_read_lock and its checks */
	SF_UNAVAIL_MSG_NEW,	 /* "program of this type cannot use helper" (else "unknown func") */
	SF_KFUNC_MSG_NEW,	 /* "program must be sleepable to call sleepable kfunc" */
	SF_LAZY_GLOBALS,	 /* globals validated after main, only when called */
	SF_GLOBAL_LOCK_MSG,	 /* global calls under a lock get their own message */
	SF_PER_STATE_SLEEPABLE,	 /* wq: per-state in_sleepable bit (ORed with the prog flag) */
	SF_GLOBAL_PREEMPT_REFUSED, /* global calls refused with preemption disabled */
	SF_PREEMPT_REGION,	 /* bpf_preempt_disable and its checks */
	SF_GLOBAL_IRQ_REFUSED,	 /* global calls refused with IRQs disabled */
	SF_IRQ_REGION,		 /* bpf_local_irq_save and its checks */
	SF_GLOBAL_MIGHT_SLEEP,	 /* e2d8f560d178: might_sleep summary, checked at call sites */
	SF_UNIFIED_MSGS,	 /* 7.x "sleepable helper X in <ctx>" messages */
	SF_TRACING_TIMER_OK,	 /* tracing program types may use bpf_timer / bpf_wq */
	SF__COUNT,
};

struct sleep_feature_info {
	uint8_t feature;
	uint16_t since, until;
	const char *what;
};

const struct sleep_call *sleep_call_lookup(const char *name);
const struct sleep_region_op *sleep_region_op_lookup(const char *name);
/* may this call be made while a spin lock is held (the unlock family, graph kfuncs)? */
bool sleep_call_allowed_under_lock(const char *name);
/* is the feature present in kernel ver? */
bool sleep_feature_in(uint16_t ver, enum sleep_feature f);
const struct sleep_feature_info *sleep_feature_info(enum sleep_feature f);

/* is prog_type a tracing-family type (bpf_copy_from_user before avail_all)? */
bool sleep_type_is_tracing(uint32_t prog_type);
/* can bpf_timer / bpf_wq not be used by this type ("tracing progs cannot use ...")? */
bool sleep_type_no_timer(uint32_t prog_type);
/*
 * May a program of prog_type (attach_type) be loaded with BPF_F_SLEEPABLE
 * on kernel ver? When not, *msg is the kernel's message.
 */
bool sleep_type_may_sleep(uint32_t prog_type, uint32_t attach_type, uint16_t ver,
			  const char **msg);

#endif
