/* SPDX-License-Identifier: MIT */
/*
 * why.h — where a value came from: given a step and a register or stack
 * slot, the chain of steps that produced its value on the path that
 * reached the step, newest first, back to its origins. The chain is
 * computed from the instruction semantics (parsers/vlog_insn.h's
 * vlog_insn_ops: which registers and memory an insn reads and writes)
 * and the states the log printed (src/analysis/state.h), never from text
 * proximity. It walks back along the step list of the path; at a path's
 * first step it goes on in the parent path before the push; through calls
 * (a callee's R1-R5 are the caller's at the call, R0 after a return is the
 * callee's R0 at its exit) and stores into a parent frame's stack.
 *
 * A result is data (struct why_result): front ends word it with
 * why_via_text() and why_stop_text(). Nothing is kept per step; the
 * instruction operands are decoded once per instruction per query.
 */
#ifndef VERISTEP_WHY_H
#define VERISTEP_WHY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/model/model.h"
#include "src/rules/helper_proto.h"
#include "src/model/vec.h"

/* a register or a stack slot of one frame */
enum why_loc_kind { WHY_REG = 0, WHY_SLOT };

struct why_loc {
	uint8_t kind;  /* enum why_loc_kind */
	uint8_t frame; /* the frame whose register / stack this is */
	int16_t n;     /* register number, or the slot's offset (-8, -16, ...) */
};

/*
 * How a link made its value: (ENUM, JSON "via" prefix). The words that
 * follow the prefix (the slot, the callee, the register) come from the
 * link's fields; why_via_text() is the one formatter.
 */
#define WHY_VIA_INFO(_)                                                                            \
	_(ALU, "computed")		    /* dst op= src: both are followed */                   \
	_(COPY, "copy")			    /* dst = Rs */                                         \
	_(CONST, "origin: constant")	    /* dst = imm */                                        \
	_(LD_IMM64, "origin: constant")	    /* 64-bit immediate: a number, a map, a function */    \
	_(FP, "origin: frame pointer")	    /* a copy of r10 */                                    \
	_(SPILL, "spill")		    /* *(fp-N) = Rs */                                     \
	_(FILL, "fill")			    /* Rd = *(fp-N) */                                     \
	_(STORE_IMM, "origin: constant")    /* *(fp-N) = imm */                                    \
	_(LOAD, "origin: load from memory") /* Rd = *(Rb + off), Rb not a stack pointer */         \
	_(ATOMIC, "atomic")		    /* an atomic on the slot, or its fetch */              \
	_(HELPER_RET, "origin: helper return")                                                     \
	_(MAP_LOOKUP, "origin: map lookup")                                                        \
	_(KFUNC_RET, "origin: kfunc return")                                                       \
	_(CALL_WRITE, "origin: written by call") /* a helper/kfunc wrote the slot (state says) */  \
	_(CALL_RET, "R0 of call")	 /* R0 after a BPF-to-BPF call: the callee's at exit */    \
	_(ARG, "arg")			 /* callee's Rn = caller's Rn at the call */               \
	_(SCRATCH, "scratched by call")	 /* R1-R5 after a call: not readable */                    \
	_(NARROW, "narrowed by branch")	 /* a conditional jump on this path */                     \
	_(ENTRY_CTX, "origin: ctx")	 /* R1 at the program's entry */                           \
	_(ENTRY_ARG, "origin: argument") /* a global function's argument (from its BTF) */         \
	_(CB_ARG, "origin: callback argument")		/* set by the helper that calls it */      \
	_(ASYNC_ARG, "origin: async callback argument") /* set by the kernel (timer, wq) */        \
	_(UNINIT, "origin: uninitialized")		/* never written on this path */           \
	_(NO_NULL_CHECK, "no NULL check")		/* an _or_null value was never tested */
enum why_via {
#define _(k, s) WHY_VIA_##k,
	WHY_VIA_INFO(_)
#undef _
		WHY_VIA__COUNT
};

struct why_link {
	uint32_t
		step; /* the step that made the value (for NO_NULL_CHECK: the last step looked at) */
	uint32_t insn;
	struct why_loc what; /* what it made */
	struct why_loc from; /* COPY, SPILL, FILL, ARG, CALL_RET: where the value came from */
	uint8_t via;	     /* enum why_via */
	int8_t taken;	     /* NARROW: 1 the jump was taken on this path, 0 fall-through */
	uint32_t
		value_at; /* the value after the link is the state before this step (IDX_NONE: after the end) */
	uint32_t range_from; /* NO_NULL_CHECK: from this step on, no test of it */
	struct span base;    /* LOAD: the address register's type ("ctx", "map_value"), len 0 */
};

/* where and why the walk stopped, for the locations it did not reach an origin of */
#define WHY_STOP_INFO(_)                                                                           \
	_(ORIGIN, "origin", "every value reached its origin")                                      \
	_(HEAD_LOST, "head_lost", "the log starts in the middle of the exploration (truncated)")   \
	_(NO_PARENT, "no_parent",                                                                  \
	  "the path's parent is not in the log (a level-1 log, or a log cut at its start)")        \
	_(UNKNOWN_INSN, "unknown_insn", "an instruction's text could not be read")                 \
	_(OBJ_MISMATCH, "object_mismatch",                                                         \
	  "the log's text of an instruction and the object's bytes disagree on its operands")      \
	_(BUDGET, "budget",                                                                        \
	  "the chain reached its limit (1024 links or state rebuilds): ask again at that step")    \
	_(NO_STEP, "no_step", "the program has no such step")
enum why_stop {
#define _(k, j, t) WHY_STOP_##k,
	WHY_STOP_INFO(_)
#undef _
		WHY_STOP__COUNT
};

struct why_result {
	struct why_loc what;
	uint32_t step;
	VEC(struct why_link) links; /* newest first */
	uint8_t stop;		    /* enum why_stop */
	uint32_t stop_step;	    /* the step where the walk stopped, IDX_NONE */
	uint64_t steps_walked;
};

/* parse "R1", "r1", "fp-8" (frame 0 here; the caller sets it); 0 or -EINVAL */
int why_parse_loc(const char *s, struct why_loc *out);
/* "R1", "fp-8" (with "frameN " when frame != base_frame) into buf */
char *why_loc_text(const struct why_loc *l, uint8_t base_frame, char *buf, size_t n);

/*
 * What the program's error names: the register ("R0 invalid mem access",
 * "... from stack R4 ...", "arg#1" of a kfunc, "arg2" of a helper) or the
 * stack slot ("read from stack off -16"), in the error step's frame.
 * 0, or -ENOENT when the error names neither (or there is no error step).
 */
int why_error_loc(const struct model *m, const struct program *p, struct why_loc *out);

/*
 * The chain of `what` as step `step` sees it (the state before the step).
 * 0, -EINVAL (no such step, a frame deeper than the step's), -ENOMEM.
 * The result is the caller's: why_result_release().
 */
int why_compute(const struct model *m, const struct program *p, uint32_t step, struct why_loc what,
		struct why_result *out);
void why_result_release(struct why_result *r);

/* the "via" words of a link ("fill fp-8", "arg R1 of callee sub", "narrowed by branch taken") */
char *why_via_text(const struct model *m, const struct program *p, const struct why_link *l,
		   char *buf, size_t n);
const char *why_stop_name(unsigned int s, enum name_style st);

/* the value after the link (the state at l->value_at), into buf; "" when unknown */
char *why_link_value(const struct model *m, const struct program *p, const struct why_link *l,
		     char *buf, size_t n);

/*
 * The argument names of the helper or kfunc call at insn: a helper's from
 * src/rules/helper_proto.c, a kfunc's from its extern prototype in the
 * object's BTF. Writes the callee's name to *callee; returns how many
 * names, or -1 when neither knows the call.
 */
int why_call_args(const struct model *m, const struct program *p, uint32_t insn,
		  char names[HELPER_MAX_ARGS][32], const char **callee);

/*
 * A helper or kfunc call at step k with its arguments as the verifier
 * checked them: "r0 = bpf_map_lookup_elem(map: R1=map_ptr(...), key:
 * R2=fp-4)", the names from why_call_args(). NULL when step k is no call
 * it knows (buf untouched then).
 */
char *why_call_text(const struct model *m, const struct program *p, uint32_t k, char *buf,
		    size_t n);

/* the text of insn i after "(xx) " (len 0 when no line showed it) */
struct span why_insn_text(const struct model *m, const struct program *p, uint32_t insn);

#endif
