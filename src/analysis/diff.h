/* SPDX-License-Identifier: MIT */
/*
 * diff.h — two explorations of one program compared (`veristep diff`):
 * the same program verified by two kernels, or two builds of it on one.
 *
 * The comparison reads two models and writes a struct diff_result: data,
 * never sentences (src/front/diff.c and json.c format it). It walks the
 * units of both explorations and their steps in lockstep; the
 * first divergence is the first step where the instruction (or, for two
 * builds, the subprogram and source line), the path structure, a prune or
 * the end differs, or, before that, the first step whose state differs as
 * parsed values. Units pair by kind and start (kernels order them
 * differently); the paths of a unit pair in the order they were explored
 * (an async callback's path may come between the main program's paths). What the kernel prints differently without meaning it
 * (addresses, BTF and allocation ids, map pointers, liveness and precision
 * marks, registers one dialect prints and the other leaves out) is no
 * difference.
 *
 * Nothing here allocates what outlives the call, and nothing prints.
 */
#ifndef VERISTEP_DIFF_H
#define VERISTEP_DIFF_H

#include <stdbool.h>
#include <stdint.h>

#include "src/analysis/state.h"
#include "src/model/model.h"

enum diff_what {
	DIFF_NONE = 0,
	DIFF_INSN,  /* a different instruction (or path) at the same point */
	DIFF_STATE, /* the same instruction, a different state before it */
	DIFF_PRUNE, /* one exploration pruned here, the other did not */
	DIFF_END,   /* one exploration ended (error, limit, end of log) here */
};

#define DIFF_WHAT_NAMES(_)                                                                         \
	_(NONE, "none") _(INSN, "insn") _(STATE, "state") _(PRUNE, "prune") _(END, "end")

/* which register or slot differs, for DIFF_STATE */
struct diff_item {
	uint8_t frame;
	int8_t reg;		    /* 0..10, or -1 for a stack slot */
	int16_t slot_off;	    /* -8, -16, ... when reg < 0 */
	struct regval a, b;	    /* spans into each side's log */
	struct span a_slot, b_slot; /* slot text when the slot is not a spill */
};

struct diff_divergence {
	uint8_t what;		 /* enum diff_what */
	uint32_t unit;		 /* A's unit index (IDX_NONE: a unit only B has) */
	uint32_t b_unit;	 /* B's unit that pairs with it (same kind and start), IDX_NONE */
	uint32_t a_step, b_step; /* 0-based step indexes; IDX_NONE past the end */
	uint32_t a_path, b_path;
	struct diff_item item; /* DIFF_STATE only */
};

#define DIFF_MAX_CTX 64
#define DIFF_MAX_HOT 10

/* a subprogram (paired by name, else by func id) whose contexts differ */
struct diff_ctx {
	uint32_t a_sp, b_sp;  /* indexes into each program's subprogs, IDX_NONE when absent */
	uint8_t a_ctx, b_ctx; /* enum sleep_ctx bits */
	/*
	 * the rule (enum sleep_feature, src/rules/sleep_table.h) behind the
	 * subprogram's context whose era differs between A's and B's rule
	 * sets, -1 when none differs (the context changed for another reason)
	 */
	int16_t rule;
};

struct diff_hot {
	uint32_t insn; /* A's insn index */
	uint32_t a_visits, b_visits;
};

struct diff_result {
	bool verdict_changed;
	bool error_changed;
	bool two_builds; /* the objects differ: steps align by subprog and source line */
	bool has_div;
	struct diff_divergence div;
	uint32_t nctx;
	struct diff_ctx ctx[DIFF_MAX_CTX];
	uint32_t nhot;
	struct diff_hot hot[DIFF_MAX_HOT];
	uint32_t steps_compared;
};

/*
 * Compare program pa of ma with program pb of mb into out. two_builds asks
 * for alignment by subprogram and source line instead of instruction
 * index. Returns 0 (the result says whether anything differs).
 */
int diff_programs(const struct model *ma, const struct program *pa, const struct model *mb,
		  const struct program *pb, bool two_builds, struct diff_result *out);

/* does the result hold any difference at all (verdict, error, exploration, contexts, stats)? */
bool diff_any(const struct program *pa, const struct program *pb, const struct diff_result *r);

const char *diff_what_name(enum diff_what w);

/*
 * The two explorations aligned path by path (units paired as above, the
 * paths of a unit pair in order), for a cursor that moves on one side and
 * follows on the other (`diff --tui`). a_to_b[i] is B's path for A's path
 * i, b_to_a the reverse, IDX_NONE where the other side has none.
 */
struct diff_align {
	uint32_t *a_to_b, *b_to_a;
	uint32_t na, nb;
	bool two_builds;
};

/* 0, or -ENOMEM */
int diff_align_build(const struct model *ma, const struct program *pa, const struct model *mb,
		     const struct program *pb, bool two_builds, struct diff_align *al);
void diff_align_free(struct diff_align *al);

/*
 * The other side's step for step k of one side (from_b: k is B's): the same
 * offset in the aligned path, clamped to its last step; IDX_NONE when the
 * path has no partner. *same says whether the two steps agree (the same
 * instruction, both there); may be NULL.
 */
uint32_t diff_align_step(const struct diff_align *al, const struct model *ma,
			 const struct program *pa, const struct model *mb, const struct program *pb,
			 bool from_b, uint32_t k, bool *same);

/*
 * The next A step after k (dir > 0) or before it (dir < 0) where the two
 * sides stop agreeing: the step does not agree, or the step before it did
 * and it does not. IDX_NONE when there is none.
 */
uint32_t diff_align_next(const struct diff_align *al, const struct model *ma,
			 const struct program *pa, const struct model *mb, const struct program *pb,
			 uint32_t k, int dir);

#endif
