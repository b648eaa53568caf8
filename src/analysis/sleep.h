/* SPDX-License-Identifier: MIT */
/*
 * sleep.h — the sleepable-context analysis (docs/sleepable-rules.md):
 * which context every subprogram runs in, which subprograms may sleep,
 * where the exploration set, lost or violated the sleepable context, and
 * why a program was (or would be) rejected.
 *
 * Three layers, all reading the model (and the object when joined):
 *  - rule sets: a kernel version's rules (sleep_rules_*). Default: the
 *    log's dialect, else 6.18 (6.18.y with 469d638d1520); --kernel X.Y[.Z]
 *    overrides.
 *  - static (object alone): sleep_predict() walks each subprogram in each
 *    entry context the way the verifier would (per call site for static
 *    subprogs and sync callbacks, fresh for async callbacks, once with
 *    the program's flag for globals), tracks atomic regions along the
 *    code, and lists the calls the rule set refuses.
 *  - dynamic (log): sleep_analyze() replays the log's steps, carrying the
 *    context along each path (a path starts from its parent step's
 *    context, an async callback unit starts fresh), and records
 *    set/lost/violation events in program->sleep_events.
 *
 * Nothing here prints except sleep_report(); text goes to the caller's
 * buffer or FILE. Names in findings (call, via) point to static tables or
 * to the object: valid while the model lives.
 */
#ifndef VERISTEP_SLEEP_H
#define VERISTEP_SLEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "src/model/model.h"
#include "src/rules/sleep_table.h"

/* struct sleep_rules (a kernel's rule set) is in src/rules/sleep_table.h */

enum sleep_rules_source {
	RULES_DEFAULT = 0, /* no dialect: 6.18 */
	RULES_DIALECT,	   /* the log's dialect */
	RULES_OPTION,	   /* --kernel */
};

/*
 * Parse "X.Y", "X.Y.Z" or a dialect name ("5.x", "6.8") into r.
 * 6.18 means 6.18.y with 469d638d1520 (the reference kernel); 6.18.0 and
 * 6.18.1 mean before it. 0 or -EINVAL.
 */
int sleep_rules_parse(const char *s, struct sleep_rules *r);
/* the rule set for program p: kernel (may be NULL) > the log's dialect > 6.18 */
void sleep_rules_for(const struct model *m, const struct program *p, const char *kernel,
		     struct sleep_rules *r);
/*
 * The rule set the analysis applied to p (from p->sleep_rules, with its
 * source and dialect); before the analysis, sleep_rules_for(m, p, NULL).
 * The one way every consumer gets a program's rules.
 */
void sleep_program_rules(const struct model *m, const struct program *p, struct sleep_rules *r);
/* "Linux 6.18 rules (6.18.y with 469d638d1520; from the log's dialect)" */
void sleep_rules_describe(const struct sleep_rules *r, char *buf, size_t n);

/* why a call is (or would be) refused; SK_NONE when it is fine */
#define SLEEP_KIND_INFO(_)                                                                         \
	_(NONE, "none", 0)                                                                         \
	_(HELPER_NONSLEEP, "sleepable helper in a non-sleepable context", 1)                       \
	_(HELPER_RCU, "sleepable helper in an RCU read section", 1)                                \
	_(HELPER_PREEMPT, "sleepable helper with preemption disabled", 1)                          \
	_(HELPER_IRQ, "sleepable helper with IRQs disabled", 1)                                    \
	_(KFUNC_NONSLEEP, "sleepable kfunc in a non-sleepable context", 1)                         \
	_(KFUNC_RCU, "sleepable kfunc in an RCU read section", 1)                                  \
	_(KFUNC_PREEMPT, "sleepable kfunc with preemption disabled", 1)                            \
	_(KFUNC_IRQ, "sleepable kfunc with IRQs disabled", 1)                                      \
	_(GLOBAL_SLEEP, "global function that may sleep in a non-sleepable context", 1)            \
	_(GLOBAL_LOCK, "global function called while holding a lock", 1)                           \
	_(GLOBAL_PREEMPT, "global function called with preemption disabled", 1)                    \
	_(GLOBAL_IRQ, "global function called with IRQs disabled", 1)                              \
	_(CALL_LOCK, "call while holding a lock", 1)                                               \
	_(EXIT_REGION, "exit inside an atomic region", 1)                                          \
	_(PROG_NOT_SLEEPABLE, "program type cannot be sleepable", 1)                               \
	_(STRUCT_OPS_MEMBER, "struct_ops member refused (may not be sleepable)", 1)                \
	_(EXT_MIGHT_SLEEP, "extension may sleep, original does not", 1)                            \
	_(ASYNC_UNHANDLED, "unhandled async callback kind", 1)                                     \
	_(HELPER_UNAVAILABLE, "helper not offered to this program type (not a sleep rule)", 0)     \
	_(TRACING_ASYNC, "tracing program types cannot use bpf_timer/bpf_wq (not a sleep rule)",   \
	  0)                                                                                       \
	_(KFUNC_NOT_ALLOWED, "kfunc not registered for this program type (not a sleep rule)", 0)
enum sleep_kind {
#define _(k, s, sl) SK_##k,
	SLEEP_KIND_INFO(_)
#undef _
		SK__COUNT
};
const char *sleep_kind_name(enum sleep_kind k);
bool sleep_kind_is_sleep(enum sleep_kind k);
/* the kind of a verifier error message (any kernel's wording), SK_NONE if not ours */
enum sleep_kind sleep_classify_error(const char *msg);

/* struct sleep_finding and struct sleep_hop (findings as data) are in src/model/model.h */

/*
 * Run the analysis over every program of m: rules (kernel overrides the
 * dialect when not NULL), roles from the log where the object is absent,
 * edges (from the log alone as far as it tells), might_sleep, contexts,
 * sleep_events (replayed from the log, or predictions from the object with
 * step IDX_NONE), program->sleep_rules. 0 or -ENOMEM / -EINVAL (bad kernel).
 */
int sleep_analyze(struct model *m, const char *kernel);
/* the same for program pi alone (kernel already checked by sleep_rules_parse()) */
int sleep_analyze_prog(struct model *m, uint32_t pi, const char *kernel);

/*
 * Predicted refusals of program pi from the object alone under rules r
 * (the object must be joined). Writes up to max findings, returns how
 * many exist (may exceed max), or -errno (-ENOENT: no object).
 */
int sleep_predict(const struct model *m, uint32_t pi, const struct sleep_rules *r,
		  struct sleep_finding *out, uint32_t max);

/*
 * The refusal of program p, as the analysis stored it: the log's error
 * (when it is one we explain), else with `or_predicted` and no log the
 * first predicted refusal, when a sleep rule makes it. NULL when none.
 */
const struct sleep_finding *sleep_program_finding(const struct program *p, bool or_predicted);
/* the predicted refusals the analysis stored (object joined), and their count */
const struct sleep_finding *sleep_predictions(const struct program *p, uint32_t *n);

/* compute the finding of the log's error (the analysis stores it; see above); false else */
bool sleep_error_finding(const struct model *m, const struct program *p, struct sleep_finding *out);

/* the message kernel r prints for f (one line; multi-line messages joined) */
void sleep_finding_message(const struct model *m, const struct program *p,
			   const struct sleep_rules *r, const struct sleep_finding *f, char *buf,
			   size_t n);
/*
 * The chain on one line: "prog timer_global (syscall, sleepable) →
 * bpf_timer_set_callback at insn 26 → timer_cb (async, never sleepable) →
 * call read_user_global (global, may sleep: calls bpf_copy_from_user at insn 38)"
 */
void sleep_finding_chain(const struct model *m, const struct program *p,
			 const struct sleep_rules *r, const struct sleep_finding *f, char *buf,
			 size_t n);

/*
 * For the TUI's `w` key: why is step `step` of p where it is? Writes a
 * multi-line explanation (lines end with '\n', always NUL-terminated) into
 * buf: for the error step, why it was refused (chain, rule, kernel-version
 * caveat, ways out; for a non-sleep error the path of branches and the
 * register whose state is wrong, and the 7.3 diagnostic when present);
 * for any other step, its sleepable context and the event that set it.
 * Returns the length it wanted (as snprintf), or -EINVAL for a bad step.
 * Call after sleep_analyze().
 */
int sleep_explain_step(const struct model *m, const struct program *p, uint32_t step, char *buf,
		       size_t n);

/*
 * The rejection class of p's error (src/rules/reject_table.h): by the
 * kernel's words, or the class of a program the verifier never saw
 * (p->not_verified). NULL when none; points into the static table.
 */
struct reject_class;
const struct reject_class *sleep_reject_class(const struct model *m, const struct program *p);

/*
 * The verifier's sleepable context at step `step` (when it checked that
 * instruction): the run of p->ctx_runs holding it, computed once by
 * sleep_analyze(). NULL before the analysis or for a bad step. Every front
 * end shows this one value.
 */
const struct ctx_run *sleep_step_context(const struct program *p, uint32_t step);

/*
 * The sleepable context before step `step`: *sleepable (1, 0, -1 unknown),
 * *region (depth bits), *event (index in p->sleep_events of the last event
 * that changed it, IDX_NONE). 0 or -EINVAL.
 */
int sleep_context_at(const struct model *m, const struct program *p, uint32_t step, int *sleepable,
		     uint8_t *region, uint32_t *event);
/* an event's sentence, from its data (what "reason" in JSON and every front end shows) */
void sleep_event_format(const struct model *m, const struct program *p, const struct sleep_event *e,
			char *buf, size_t n);
/* the JSON name of a region: "rcu", "preempt", "irq", "lock" */
const char *sleep_region_kind_name(int region);
/* the one wording of a step's context: "sleepable", "NON-SLEEPABLE rcu", "context ?" */
void sleep_ctx_words(const struct ctx_run *run, char *buf, size_t n);
/* "RCU read section", "preemption disabled, IRQs disabled", "" for none */
void sleep_region_text(uint8_t region, char *buf, size_t n);

/* report section: rule set, contexts, events, predictions, explanation */
void sleep_report(FILE *out, const struct model *m, const struct program *p);

#endif
