/* SPDX-License-Identifier: MIT */
/*
 * sleep_table.h — every kernel fact behind the sleepable analysis, as
 * data, in one table (struct sleep_table, rows in sleep_table.c):
 *  - sections libbpf loads sleepable (and names newer than libbpf 1.1);
 *  - functions that register callbacks, and the context each callback
 *    kind runs in;
 *  - calls that open and close atomic regions (RCU, preempt, IRQ, locks);
 *  - helpers and kfuncs that may sleep, and since when;
 *  - the rules (struct sleep_rule_info): each one a row of eras, every era
 *    starting at a release with the commit that brought it, its value for
 *    the code, a short cell for `veristep rules`, its words, and for the
 *    message rows the kernel's wording;
 *  - the program types that may be loaded sleepable (rows of the same kind).
 * A new kernel rule is one row here. Nothing else in the project holds a
 * version number of a sleepable rule.
 *
 * Versions are KV(major, minor) = major * 100 + minor, plus a stable patch
 * level where a backport matters (469d638d1520 in 6.18.y). The table in
 * use can be replaced (sleep_table_use) so a test can change a row and see
 * every consumer move. All pointers returned are to the table's storage.
 */
#ifndef VERISTEP_SLEEP_TABLE_H
#define VERISTEP_SLEEP_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KV(a, b) ((a)*100 + (b))
#define KV_NEVER 0xffff
#define KV_PATCH_LATEST 0xff /* "X.Y" means the latest X.Y.y stable */

/* a rule set: the kernel release whose rules apply */
struct sleep_rules {
	uint16_t ver;	 /* KV(major, minor) */
	uint8_t patch;	 /* stable patch level, KV_PATCH_LATEST when unnamed */
	bool timer_fix;	 /* 469d638d1520 is in: timer callbacks never sleepable */
	uint8_t source;	 /* enum sleep_rules_source (src/analysis/sleep.h) */
	char name[24];	 /* the rules applied, parseable: "6.18", "6.12", "6.18.1" */
	char dialect[8]; /* the log's dialect they came from, "" when none */
};

/* atomic regions: 2-bit depth each, packed in one byte */
enum sleep_region {
	REGION_RCU = 0,
	REGION_PREEMPT,
	REGION_IRQ,
	REGION_LOCK,
	REGION__COUNT,
};

/* the rules, one row each; the order is the order of `veristep rules` */
#define SLEEP_RULE_INFO(_)                                                                         \
	_(TYPE_TRACING_LSM)                                                                        \
	_(TYPE_SYSCALL)                                                                            \
	_(TYPE_ITER)                                                                               \
	_(TYPE_UPROBE)                                                                             \
	_(TYPE_STRUCT_OPS)                                                                         \
	_(TYPE_TRACEPOINT)                                                                         \
	_(TIMER_CB)                                                                                \
	_(WQ_CB)                                                                                   \
	_(TASK_WORK_CB)                                                                            \
	_(SYNC_CB)                                                                                 \
	_(PER_STATE_SLEEPABLE)                                                                     \
	_(HELPER_MIGHT_SLEEP)                                                                      \
	_(GLOBAL_MIGHT_SLEEP)                                                                      \
	_(LAZY_GLOBALS)                                                                            \
	_(RCU_REGION)                                                                              \
	_(PREEMPT_REGION)                                                                          \
	_(IRQ_REGION)                                                                              \
	_(SPIN_LOCK)                                                                               \
	_(RES_SPIN_LOCK)                                                                           \
	_(GLOBAL_LOCK_MSG)                                                                         \
	_(GLOBAL_PREEMPT_REFUSED)                                                                  \
	_(GLOBAL_IRQ_REFUSED)                                                                      \
	_(TRACING_TIMER_OK)                                                                        \
	_(MSG_TYPE_NOT_SLEEPABLE)                                                                  \
	_(MSG_HELPER_NONSLEEP)                                                                     \
	_(MSG_HELPER_REGION)                                                                       \
	_(MSG_KFUNC_NONSLEEP)                                                                      \
	_(MSG_KFUNC_REGION)                                                                        \
	_(MSG_GLOBAL_SLEEP)                                                                        \
	_(MSG_CALL_LOCK)                                                                           \
	_(MSG_HELPER_UNAVAILABLE)                                                                  \
	_(MSG_STRUCT_OPS_MEMBER)
enum sleep_feature {
#define _(k) SF_##k,
	SLEEP_RULE_INFO(_)
#undef _
		SF__COUNT,
};

#define SLEEP_MAX_ERAS 5

/* one stretch of releases over which a rule holds one value */
struct sleep_era {
	uint16_t since;	    /* first release of the era (KV); the first era starts at 0 */
	uint8_t patch;	    /* first stable patch of `since` with it (0: from X.Y.0) */
	uint8_t value;	    /* the rule's value for the code: 0 off / absent, else on */
	const char *cell;   /* short text for the matrix ("never", "refused") */
	const char *words;  /* the rule in words, for `veristep rules --kernel` */
	const char *commit; /* the commit that began the era, NULL when unknown */
	const char *msg;    /* message rows: the kernel's wording, with {call} {id} {ctx} {func} */
};

/* the rule's row */
struct sleep_rule_info {
	uint8_t rule;	   /* enum sleep_feature */
	const char *id;	   /* stable key for JSON ("timer_cb") */
	const char *row;   /* the matrix's row label */
	const char *group; /* "program types", "callbacks", "globals", "regions", "messages" */
	const char *src;   /* where the facts come from: [confirmed 6.18], [source], [memory] */
	uint8_t neras;
	struct sleep_era eras[SLEEP_MAX_ERAS];
};

/* a call's effect on regions: +1 opens, -1 closes (up to two regions) */
struct sleep_region_op {
	const char *name;
	int8_t region, delta;
	int8_t region2, delta2; /* -1 when none */
	uint8_t rule;		/* enum sleep_feature: the rule that brought the call */
	/*
	 * the call may fail and then opens nothing: it returns 0 when taken, a
	 * negative errno when not (the verifier forks a state with R0 in
	 * [-4095, -1] and no lock: the res_spin_lock family)
	 */
	bool fallible;
};

/* a helper or kfunc that may sleep */
enum sleep_call_flags {
	SCF_KFUNC = 1u << 0,
	SCF_COND_SLEEPABLE_PROG = 1u << 1, /* sleeps only when the program is sleepable */
	SCF_TRACING_ONLY_BEFORE = 1u
				  << 2, /* helper offered to tracing types only before avail_all */
	SCF_SLEEPABLE_PROG_ONLY_BEFORE_6_0 = 1u
					     << 3, /* < 6.0: offered to sleepable programs only */
	SCF_STRUCT_OPS_ONLY = 1u << 4, /* KF_SLEEPABLE in the STRUCT_OPS kfunc set only */
	SCF_LSM_ONLY = 1u << 5,
	SCF_SYSCALL_ONLY = 1u << 6,
};

struct sleep_call {
	const char *name;
	int32_t helper_id;  /* -1 for kfuncs */
	uint16_t flags;	    /* enum sleep_call_flags */
	uint16_t since;	    /* first kernel where it sleeps (and exists) */
	uint16_t until;	    /* first kernel where it no longer sleeps, KV_NEVER */
	uint16_t avail_all; /* helpers: first kernel offering it to every type, KV_NEVER */
	const char *note;
};

/* a libbpf section prefix (sleepable-rules.md §1.2) */
struct sleep_section {
	const char *prefix; /* matches "prefix" or "prefix/..." */
	uint32_t prog_type;
	uint32_t attach_type;
	bool sleepable;
};

/* a function that takes a callback */
enum sleep_cb_kind {
	SLEEP_CB_SYNC = 1,  /* runs before the call returns: inherits the caller's context */
	SLEEP_CB_ASYNC = 2, /* runs later, from its own context */
};
enum sleep_async_kind {
	SLEEP_ASYNC_NONE = 0,
	SLEEP_ASYNC_TIMER,
	SLEEP_ASYNC_WQ,
	SLEEP_ASYNC_TASK_WORK,
};

struct sleep_cb {
	const char *name;
	uint8_t arg_reg; /* 1..5: the register carrying the callback */
	uint8_t kind;	 /* enum sleep_cb_kind */
	uint8_t async;	 /* enum sleep_async_kind */
	uint8_t rule;	 /* enum sleep_feature: the rule giving its callback's context */
};

/*
 * A struct_ops member's sleepability: the subsystem's check_member() lets
 * BPF_F_SLEEPABLE through for some members only (or refuses a member
 * outright). Member "*" stands for every member the type's rows do not name.
 */
enum sleep_member_flags {
	SMF_SLEEPABLE = 1u << 0,   /* may be loaded sleepable (struct_ops.s/) */
	SMF_UNSUPPORTED = 1u << 1, /* refused whatever the flag */
};
struct sleep_st_member {
	const char *st_ops; /* "hid_bpf_ops" */
	const char *member; /* "hid_rdesc_fixup", or "*" */
	uint16_t since;	    /* first release with this row (the type's, or the member's) */
	uint8_t flags;	    /* enum sleep_member_flags */
	const char *src;    /* where the fact comes from: [source 6.12], [memory] */
};

/* the table: every array above, replaceable as a whole (tests) */
struct sleep_table {
	const struct sleep_rule_info *rules; /* indexed by enum sleep_feature */
	size_t nrules;
	const struct sleep_call *calls;
	size_t ncalls;
	const struct sleep_region_op *regions;
	size_t nregions;
	const char *const *lock_ok; /* calls the verifier lets through while a lock is held */
	size_t nlock_ok;
	const struct sleep_section *sections;
	size_t nsections;
	const struct sleep_cb *cbs;
	size_t ncbs;
	const struct sleep_dialect *dialects;
	size_t ndialects;
	const struct sleep_st_member *members;
	size_t nmembers;
};

/* the rules of the newest kernel the table knows (static storage) */
const struct sleep_rules *sleep_rules_newest(void);

/* the built-in table, and the one in use (the built-in unless replaced) */
const struct sleep_table *sleep_table_builtin(void);
const struct sleep_table *sleep_table_get(void);
/* use t from now on (NULL: the built-in); t must outlive its use. For tests. */
void sleep_table_use(const struct sleep_table *t);

const struct sleep_call *sleep_call_lookup(const char *name);
const struct sleep_region_op *sleep_region_op_lookup(const char *name);
const struct sleep_section *sleep_section_lookup(const char *sec);
const struct sleep_cb *sleep_cb_lookup(const char *name);
/*
 * The calls that work on a bpf_timer or a bpf_wq (a map value field of that
 * kind: what "tracing progs cannot use bpf_timer yet" is about); static
 * rows, not part of the replaceable table.
 */
struct sleep_async_prim {
	const char *name;
	uint8_t async; /* enum sleep_async_kind: SLEEP_ASYNC_TIMER or SLEEP_ASYNC_WQ */
};
const struct sleep_async_prim *sleep_async_prim_lookup(const char *name);
/* "bpf_timer", "bpf_wq", "task_work"; NULL for SLEEP_ASYNC_NONE */
const char *sleep_async_word(uint8_t async);
/* may this call be made while a spin lock is held (the unlock family, graph kfuncs)? */
bool sleep_call_allowed_under_lock(const char *name);

const struct sleep_rule_info *sleep_rule_info(enum sleep_feature f);
/* the era of rule f in force under release (ver, patch) */
const struct sleep_era *sleep_rule_era(enum sleep_feature f, uint16_t ver, uint8_t patch);
/* is rule f on (its era's value != 0) under r? */
bool sleep_rules_has(const struct sleep_rules *r, enum sleep_feature f);
/* is the feature present in kernel ver (latest stable patch)? */
bool sleep_feature_in(uint16_t ver, enum sleep_feature f);
/* rule f's message under r, placeholders filled; "" when the rule has none */
void sleep_rule_message(const struct sleep_rules *r, enum sleep_feature f, const char *call, int id,
			const char *ctx, const char *func, char *buf, size_t n);

/* the first release where rule f takes `value`, KV_NEVER when never */
uint16_t sleep_rule_since(enum sleep_feature f, uint8_t value);

/*
 * A log dialect names the oldest kernel printing that way; the rules of
 * its range apply ("6.8" logs: 6.8-6.14, as 6.12). NULL when unknown.
 */
struct sleep_dialect {
	const char *dialect; /* as the log parser names it */
	const char *rules;   /* the rule set applied, parseable by sleep_rules_parse() */
	const char *range;   /* the releases it stands for, in words; NULL: the rules' name */
};
const struct sleep_dialect *sleep_dialect_lookup(const char *dialect);
/* the rules when nothing tells: the reference kernel (6.18.y with 469d638d1520) */
#define SLEEP_RULES_DEFAULT "6.18"

/*
 * May `member` of struct_ops type `st_ops` be loaded sleepable under r?
 * st_ops NULL: the one type the table knows with that member (a member
 * name two types share is unknown). 1 yes, 0 no (check_member refuses it:
 * "attach to unsupported member ..."), -1 unknown (type or member unknown,
 * or older than the type). *st_out: the type's name, NULL when unknown.
 */
int sleep_struct_ops_member(const char *st_ops, const char *member, const struct sleep_rules *r,
			    const char **st_out);
/* the members of st_ops that may be sleepable under r, ", "-joined into buf */
void sleep_struct_ops_sleepable_list(const char *st_ops, const struct sleep_rules *r, char *buf,
				     size_t n);

/* is prog_type a tracing-family type (bpf_copy_from_user before avail_all)? */
bool sleep_type_is_tracing(uint32_t prog_type);
/* can bpf_timer / bpf_wq not be used by this type ("tracing progs cannot use ...")? */
bool sleep_type_no_timer(uint32_t prog_type);
/*
 * May a program of prog_type (attach_type) be loaded with BPF_F_SLEEPABLE
 * under r? When not, *msg is the kernel's message (static storage).
 */
bool sleep_type_may_sleep(uint32_t prog_type, uint32_t attach_type, const struct sleep_rules *r,
			  const char **msg);
/*
 * in_sleepable at the entry of a callback registered by `via` under r, for
 * a program whose flag is prog_sleepable (1, 0, -1): 1, 0, or -1 unknown.
 * A sync callback (or an unknown via) inherits caller_ctx.
 */
int sleep_cb_context(const struct sleep_rules *r, const char *via, int prog_sleepable,
		     int caller_ctx);

#endif
