/* SPDX-License-Identifier: MIT */
/*
 * sleep_priv.h — shared between sleep.c, sleep_static.c, sleep_replay.c and
 * sleep_explain.c; not for front ends (they use sleep.h).
 */
#ifndef VERISTEP_SLEEP_PRIV_H
#define VERISTEP_SLEEP_PRIV_H

#include "src/analysis/sleep.h"
#include "src/rules/sleep_table.h"

#define REGION_DEPTH(r, k) (((r) >> (2 * (k))) & 3)
#define REGION_SET(r, k, d) ((uint8_t)(((r) & ~(3u << (2 * (k)))) | ((unsigned)(d) << (2 * (k)))))

/* what an instruction calls, from the object or from the log's text */
enum sleep_iv_kind {
	IV_UNKNOWN = 0, /* no text for it (log alone, never printed) */
	IV_PLAIN,
	IV_HELPER,
	IV_KFUNC,
	IV_SUBCALL,
	IV_EXIT,
};

struct sleep_iv {
	uint8_t kind;
	int32_t helper_id;
	uint32_t target;  /* IV_SUBCALL: first insn of the callee */
	const char *name; /* helper/kfunc (static table or object storage), NULL unknown */
};

/* the program facts the checks need */
struct sleep_prog {
	int sleepable;			 /* 1, 0, -1 unknown */
	uint32_t prog_type, attach_type; /* 0 when unknown */
};

/* might_sleep per subprog index (not id): bit, and a witness */
struct sleep_ms {
	int8_t bit;    /* 1, 0, -1 unknown */
	uint32_t insn; /* the sleeping call, or the edge's insn */
	uint32_t via;  /* index in p->edges of the edge it came through, IDX_NONE: direct */
};

struct sleep_iv *sleep_iv_build(const struct model *m, uint32_t pi, uint32_t *n);
void sleep_prog_facts(const struct model *m, uint32_t pi, struct sleep_prog *sp);
bool sleep_iv_sleeps(const struct sleep_rules *r, const struct sleep_prog *sp,
		     const struct sleep_iv *v);
enum sleep_kind sleep_check_call(const struct sleep_rules *r, const struct sleep_prog *sp,
				 const struct sleep_iv *v, int sleepable, uint8_t region,
				 int8_t callee_might_sleep, bool callee_global);
uint8_t sleep_region_apply(uint8_t region, const char *name);
/* the region after a fallible opener `name` failed (its effect undone); else region */
uint8_t sleep_region_undo(uint8_t region, const char *name);
/* in_sleepable at the entry of an async callback registered by `via` */
int sleep_async_ctx(const struct sleep_rules *r, const struct sleep_prog *sp, const char *via);
/*
 * might_sleep per subprog. `kernel`: the verifier's summary bit (6.15+,
 * sleepable-rules §4.2), which follows every reference to a subprog, async
 * callbacks included; it is what the global-call check consults. Else:
 * whether running the subprog may sleep in its own context, following
 * calls and sync callbacks only (an async callback sleeps later, in its
 * own context).
 */
int sleep_might_sleep(const struct model *m, uint32_t pi, const struct sleep_rules *r,
		      const struct sleep_iv *iv, uint32_t niv, struct sleep_ms *ms, bool kernel);

/* the kernel's message for an exit of frame 0 with `region` open (6.18's wording) */
void sleep_exit_message(uint8_t region, char *buf, size_t n);

/* index in p->subprogs of the subprog with this id / starting at insn, -1 */
int sleep_sub_idx(const struct program *p, uint32_t id);
int sleep_sub_at_start(const struct program *p, uint32_t insn);

/* static walk: also fills contexts per subprog index and edge (when not NULL) */
struct sleep_static_out {
	uint8_t *sub_ctx;  /* per subprog index: CTX_* bits */
	uint8_t *edge_ctx; /* per edge: CTX_* bits of the context at the edge's insn */
	bool *reached;	   /* per subprog index */
};
int sleep_static_run(const struct model *m, uint32_t pi, const struct sleep_rules *r,
		     struct sleep_finding *out, uint32_t max, struct sleep_static_out *so);

/* the log replay (sleep_replay.c) */
int sleep_replay(struct model *m, uint32_t pi, const struct sleep_rules *r);
/* the innermost region opener before step k in its chain, IDX_NONE */
uint32_t sleep_region_opener(const struct model *m, const struct program *p, uint32_t k,
			     uint8_t region);

/* text helpers (sleep_explain.c) */
const char *sleep_sub_name(const struct model *m, const struct program *p, uint32_t id, char *buf,
			   size_t n);

#endif
