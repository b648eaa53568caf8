/* SPDX-License-Identifier: MIT */
/*
 * model.h — what every front end shares: programs, subprograms, edges,
 * exploration steps, paths, units, and the register/stack state at a step.
 *
 * Ownership: a struct model owns its arrays, its strings and its log, and
 * nothing a parser or an analysis builds for it (the object, the state
 * cache): whoever loads owns those (src/load.c's load_free()). The log text is held
 * once (mmapped read-only, or one buffer read from stdin) in model->log and
 * is never copied: lines are (offset, length) pairs into it. Arrays are
 * VEC()s indexed by uint32_t; keep indexes, never pointers, across calls
 * that may grow them. Names are strtab ids (STR_NONE = none).
 *
 * Nothing here holds a copy of the state per step: a step points at its
 * line; src/analysis/state.c rebuilds the state at any step from the last full state
 * printed before it plus the deltas printed since (see state.h).
 */
#ifndef VERISTEP_MODEL_H
#define VERISTEP_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/model/strtab.h"
#include "src/model/vec.h"

#define IDX_NONE UINT32_MAX
#define MODEL_MAX_INSNS (1u << 20) /* larger insn indexes are malformed */
#define MODEL_MAX_FRAMES 8

/*
 * Name tables: each X-macro row is (ENUM, JSON name, text name). The enum,
 * JSON's keys and the report's words come from the same row; front ends
 * call the *_name() functions below and keep no name arrays of their own.
 */
enum name_style {
	NAME_JSON = 0, /* the JSON contract's spelling: "async_callback" */
	NAME_TEXT,     /* the report's and the TUI's: "async callback" */
};

#define VERDICT_INFO(_)                                                                            \
	_(UNKNOWN, "unknown", "unknown") /* an object without a log */                             \
	_(ACCEPTED, "accepted", "accepted")                                                        \
	_(REJECTED, "rejected", "rejected")                                                        \
	_(TRUNCATED, "truncated", "truncated")
enum verdict {
#define _(k, j, t) VERDICT_##k,
	VERDICT_INFO(_)
#undef _
		VERDICT__COUNT
};

/*
 * A program the verifier never saw: the kernel refused the load before
 * verification (EPERM, an empty log), or libbpf refused it before the
 * kernel saw it. `record` writes it into the program's frame as a line the
 * log parser reads back (parsers/vlog_line.c, vlog_not_verified_line()).
 */
enum not_verified {
	NOT_VERIFIED_NO = 0,
	NOT_VERIFIED_KERNEL, /* BPF_PROG_LOAD failed with an empty log */
	NOT_VERIFIED_LIBBPF, /* libbpf gave up before BPF_PROG_LOAD */
};

/* text of the log: [off, off+len) in model->log.buf */
struct span {
	uint64_t off;
	uint32_t len;
};

#define LINKAGE_INFO(_)                                                                            \
	_(UNKNOWN, "unknown", "?")                                                                 \
	_(MAIN, "main", "main")                                                                    \
	_(STATIC, "static", "static")                                                              \
	_(GLOBAL, "global", "global")
enum subprog_linkage {
#define _(k, j, t) LINKAGE_##k,
	LINKAGE_INFO(_)
#undef _
		LINKAGE__COUNT
};

/* roles are bits: row i is bit i */
#define ROLE_INFO(_)                                                                               \
	_(MAIN, "main", "main")                                                                    \
	_(STATIC, "static", "static")                                                              \
	_(GLOBAL, "global", "global")                                                              \
	_(CALLBACK, "callback", "callback") /* sync (bpf_loop, for_each_map_elem, ...) */          \
	_(ASYNC_CALLBACK, "async_callback", "async callback") /* bpf_timer, bpf_wq, task_work */   \
	_(EXCEPTION_CB, "exception_callback", "exception callback")
enum subprog_role_bit {
#define _(k, j, t) ROLE_BIT_##k,
	ROLE_INFO(_)
#undef _
		ROLE__COUNT
};
enum subprog_role {
#define _(k, j, t) ROLE_##k = 1u << ROLE_BIT_##k,
	ROLE_INFO(_)
#undef _
};

enum sleep_ctx {
	CTX_SLEEPABLE = 1u << 0,
	CTX_NON_SLEEPABLE = 1u << 1,
};

struct subprog {
	uint32_t id;	/* func#N */
	uint32_t start; /* first insn */
	uint32_t end;	/* one past the last insn, IDX_NONE when unknown */
	uint32_t name;	/* strtab id */
	uint8_t linkage;
	uint8_t contexts; /* enum sleep_ctx bits */
	/*
	 * -1 unknown, 0, 1. For a global: the verifier's might_sleep summary,
	 * which its callers are checked against (it follows async callback
	 * references too). For any other subprog: whether it may sleep in its
	 * own context (through calls and sync callbacks, never through an async
	 * callback, which sleeps later in its own context).
	 */
	int8_t might_sleep;
	uint16_t roles;	    /* enum subprog_role bits */
	uint32_t btf_proto; /* strtab id of the BTF prototype text, or STR_NONE */
};

#define EDGE_KIND_INFO(_)                                                                          \
	_(CALL, "call", "call")                                                                    \
	_(CALLBACK, "callback", "callback") /* sync */                                             \
	_(ASYNC_CALLBACK, "async_callback", "async callback")
enum edge_kind {
#define _(k, j, t) EDGE_##k,
	EDGE_KIND_INFO(_)
#undef _
		EDGE__COUNT
};

struct edge {
	uint32_t from, to; /* subprog ids */
	uint32_t insn;	   /* the call, or the call that consumes the callback */
	uint32_t via;	   /* strtab id of the helper/kfunc, STR_NONE for a direct call */
	uint8_t kind;	   /* enum edge_kind */
	int8_t sleepable;  /* callback context: 1, 0, -1 inherits/unknown */
	uint8_t arg_reg;   /* register that carried the callback pointer, 0 for calls */
};

#define SLEEP_EVENT_INFO(_)                                                                        \
	_(SET, "set", "set")                                                                       \
	_(LOST, "lost", "lost")                                                                    \
	_(VIOLATION, "violation", "VIOLATION")
enum sleep_event_kind {
#define _(k, j, t) SEV_##k,
	SLEEP_EVENT_INFO(_)
#undef _
		SEV__COUNT
};

/* why the context changed or a call was refused: the event's data, worded by one formatter */
enum sleep_event_cause {
	SEVC_REGION_OPEN = 0, /* `call` opened `region` (at insn) */
	SEVC_REGION_CLOSE,    /* `call` closed `region`, the last one open */
	SEVC_ASYNC_ENTRY,     /* async callback `callee` began, registered by `call` at `at` */
	SEVC_GLOBAL_ENTRY,    /* global `callee` validated once, with the program's flag */
	SEVC_REFUSAL,	      /* the log's refusal of kind `kind`; `finding` explains it */
	SEVC_PREDICTED,	      /* a refusal predicted from the object: `finding` */
	SEVC_LOAD,	      /* refused at load, before any instruction: `kind` */
};

struct sleep_event {
	uint32_t step; /* IDX_NONE for a prediction from the object alone */
	uint32_t insn;
	uint32_t subprog;
	uint8_t event;	  /* enum sleep_event_kind */
	uint8_t cause;	  /* enum sleep_event_cause */
	uint8_t region;	  /* enum sleep_region, for the region causes */
	uint8_t kind;	  /* enum sleep_kind, for refusals */
	uint32_t call;	  /* strtab id of the call (region op, registering helper), STR_NONE */
	uint32_t at;	  /* async entry: the registering insn, IDX_NONE */
	uint32_t callee;  /* subprog id entered, IDX_NONE */
	uint32_t finding; /* index in program.findings, IDX_NONE */
	uint32_t reason;  /* strtab id: the sentence the analysis' formatter wrote from the above */
};

#define SLEEP_MAX_HOPS 16

/*
 * Findings as data, filled by the sleepable analysis (src/analysis/): one
 * hop of the chain that put a call in its context that put a call in its context. Names (call, via) point to
 * the rules table or the object: valid while the model lives.
 */
struct sleep_hop {
	uint8_t kind;	  /* enum edge_kind; EDGE_ASYNC_CALLBACK for a registration */
	uint32_t insn;	  /* the call / registering insn */
	uint32_t to;	  /* subprog id entered */
	const char *via;  /* helper/kfunc name, NULL for a direct call */
	int8_t sleepable; /* the context entered: 1, 0, -1 unknown */
};

/* a refusal, predicted from the object or found in the log */
struct sleep_finding {
	uint8_t kind;	      /* enum sleep_kind */
	uint32_t insn;	      /* IDX_NONE: program-level (load flag, map types) */
	uint32_t subprog;     /* id of the subprog holding insn */
	const char *call;     /* helper/kfunc name, NULL for a global (see callee) */
	uint32_t callee;      /* global subprog id for GLOBAL_*, IDX_NONE else */
	int8_t sleepable;     /* in_sleepable at the call */
	uint8_t region;	      /* region depths (2 bits each, enum sleep_region order) */
	uint32_t region_insn; /* the call that opened the innermost region, IDX_NONE */
	uint8_t root;	      /* enum unit_kind of the verification the call sits in */
	uint32_t root_subprog;
	uint8_t nhops;
	struct sleep_hop hops[SLEEP_MAX_HOPS];
};

/*
 * What an instruction's text says, parsed once (parsers/vlog_insn.c) from
 * the first line that shows it, and kept per instruction index in
 * program.insns (not per step). Analyses and views read these facts
 * instead of the log text.
 */
#define INSN_KIND_INFO(_)                                                                          \
	_(UNSEEN, "unseen")    /* no line showed this insn */                                      \
	_(PLAIN, "plain")      /* ALU, load, store */                                              \
	_(JA, "goto")	       /* unconditional jump */                                            \
	_(COND_JUMP, "branch") /* conditional jump: may push a path */                             \
	_(EXIT, "exit")                                                                            \
	_(CALL_HELPER, "helper call")	/* call NAME#ID, NAME the uapi name of helper ID */        \
	_(CALL_KFUNC, "kfunc call")	/* call NAME#BTF_ID */                                     \
	_(CALL_SUBPROG, "subprog call") /* call pc+K */                                            \
	_(OTHER, "other")		/* a text we cannot read */
enum insn_kind {
#define _(k, s) INSN_##k,
	INSN_KIND_INFO(_)
#undef _
		INSN__COUNT
};

/* BPF instruction classes, opcode & 7 (BPF_LD ... BPF_ALU64) */
enum insn_class {
	INSN_CLASS_LD = 0,
	INSN_CLASS_LDX,
	INSN_CLASS_ST,
	INSN_CLASS_STX,
	INSN_CLASS_ALU,
	INSN_CLASS_JMP,
	INSN_CLASS_JMP32,
	INSN_CLASS_ALU64,
};

struct insn_fact {
	uint8_t opcode;	   /* the "(xx)" of the text */
	uint8_t kind;	   /* enum insn_kind; INSN_UNSEEN when no line showed it */
	uint16_t text_len; /* "(xx) text" at insn_line[i], up to the trailer, blanks dropped */
	uint32_t target;   /* jump or subprog call: the target insn; IDX_NONE */
	uint32_t name;	   /* helper or kfunc call: strtab id of its name; STR_NONE */
	int32_t call_id;   /* helper id or kfunc BTF id ("#N"), -1 */
};

static inline uint8_t insn_class(uint8_t opcode)
{
	return opcode & 0x07;
}

/*
 * The verifier's sleepable context from step `step` on, until the next
 * run: what it held when it checked each of those instructions. Computed
 * once by the sleepable analysis (src/analysis/sleep_replay.c); a run per
 * change, never a copy per step.
 */
#define CTX_NREGIONS 4 /* rcu, preempt, irq, lock: enum sleep_region order */
struct ctx_run {
	uint32_t step;	  /* first step of the run */
	int8_t sleepable; /* in_sleepable: 1, 0, -1 unknown */
	uint8_t region;	  /* open regions: 2-bit depth each, enum sleep_region order */
	uint32_t opened_at[CTX_NREGIONS]; /* insn that opened each open region, IDX_NONE */
	uint32_t event; /* index in sleep_events of the change that made it, IDX_NONE */
};

/*
 * "func 'NAME' argN has btf_id ID type KIND 'TYPE'" (btf_ctx_access(), also
 * "raw_tp 'NAME' ..." before 5.7): the BTF type the verifier gave an argument
 * of a struct_ops, tracing or LSM program's context. One per (func, arg), the
 * first line that says it.
 */
struct ctx_arg {
	uint32_t func; /* strtab id: the attach function or member */
	uint32_t kind; /* strtab id: "STRUCT", "UNION", ... */
	uint32_t type; /* strtab id: the type's name ("" when anonymous) */
	uint32_t btf_id;
	uint32_t arg;
	uint64_t off; /* the line */
};

/* one instruction visit of the exploration */
enum step_flags {
	STEP_HAS_DELTA = 1u << 0,   /* the line carries a "; R.. " trailer */
	STEP_GLUED = 1u << 1,	    /* level-1 line glued with the next path's state */
	STEP_ERROR = 1u << 2,	    /* the verifier stopped here with an error */
	STEP_CALL = 1u << 3,	    /* (85) call */
	STEP_EXIT = 1u << 4,	    /* (95) exit */
	STEP_BRANCH = 1u << 5,	    /* conditional jump: may push a path */
	STEP_PRUNED = 1u << 6,	    /* followed by "N: safe" */
	STEP_EMPTY_DELTA = 1u << 7, /* a ";" trailer listing nothing: no reference held either */
};

/*
 * One instruction visit, as the accessors below hand it out (a value, not
 * where it is kept). Its path, its source line and its text length are
 * derived (step_path(), step_src(), step_text()).
 */
struct step {
	uint64_t off;  /* start of the instruction line */
	uint32_t insn; /* its opcode, call and jump target: program.insns[insn] */
	uint8_t frame;
	uint8_t flags;
	/*
	 * where the line's text is cut, from off: the delta's start after ';'
	 * (STEP_HAS_DELTA), or the glue point (STEP_GLUED); 0 when neither (a
	 * delta starting past 65535 bytes is not kept). See step_trailer().
	 */
	uint16_t tail;
};

/*
 * How the steps are kept: 8 bytes each, a 1 GiB log has millions of them.
 * Word k packs insn (20 bits, < MODEL_MAX_INSNS), frame (3, <
 * MODEL_MAX_FRAMES), flags (8), tail (8) and its off less the off of the
 * first step of its block of STEP_BLOCK steps (25 bits; offsets past 4 GiB
 * are fine). A step whose line starts before that one (not in log order)
 * or 32 MiB or more after it (huge lines), or whose tail is past 255, has
 * STEP_REL_FAR there and its off and tail in `far`. Read steps through
 * step_at() or step_insn()/step_frame()/step_flags()/step_off(); add them
 * with program_add_step().
 */
#define STEP_BLOCK_SHIFT 8
#define STEP_BLOCK (1u << STEP_BLOCK_SHIFT)
#define STEP_FRAME_SHIFT 20 /* insn in the bits below */
#define STEP_FLAGS_SHIFT 23
#define STEP_TAIL_SHIFT 31
#define STEP_TAIL_MAX 0xffu
#define STEP_REL_SHIFT 39 /* off - base in the 25 bits from here up */
#define STEP_REL_FAR ((uint32_t)(UINT64_MAX >> STEP_REL_SHIFT)) /* all ones: off, tail in far */
_Static_assert(MODEL_MAX_INSNS == 1u << STEP_FRAME_SHIFT &&
		       MODEL_MAX_FRAMES == 1u << (STEP_FLAGS_SHIFT - STEP_FRAME_SHIFT) &&
		       STEP_TAIL_SHIFT - STEP_FLAGS_SHIFT == 8 &&
		       STEP_TAIL_MAX == (1u << (STEP_REL_SHIFT - STEP_TAIL_SHIFT)) - 1,
	       "struct step_table: the packed fields hold what struct step does");

struct step_far {
	uint64_t off;
	uint32_t k; /* the step */
	uint16_t tail;
};

struct step_table {
	uint64_t *w; /* the packed words */
	uint32_t n, cap;
	VEC(uint64_t) base;	  /* per block: the off of its first step */
	VEC(struct step_far) far; /* sorted by k */
};

/*
 * The "; text @ file:line" lines of a program, 4 bytes each: the line's
 * off less the off of the first line of its block of SRC_BLOCK lines. A
 * line 4 GiB or more after that one, or before it, has SRC_REL_FAR there
 * and its off in `far`. Read them with src_off() or src_line(), add them
 * with program_add_src().
 */
#define SRC_BLOCK_SHIFT 8
#define SRC_REL_FAR UINT32_MAX

struct src_far {
	uint64_t off;
	uint32_t i; /* the line's index */
};

struct src_table {
	uint32_t *rel;
	uint32_t n, cap;
	VEC(uint64_t) base;	 /* per block: the off of its first line */
	VEC(struct src_far) far; /* sorted by i */
};

/*
 * A full state printed by the log: "N: R1=..", "from X to Y: ..",
 * caller:/callee:/returning from callee:/to caller at N: blocks, and the
 * 5.x post-branch " R0=.." lines. It describes one frame as it is before
 * step index `step` (the next step recorded after it).
 */
enum fstate_kind {
	FS_INSN = 0,   /* "N: STATE" */
	FS_POP,	       /* "from X to Y: STATE" */
	FS_CALLER,     /* " STATE" after "caller:" */
	FS_CALLEE,     /* after "callee:" */
	FS_RET_CALLEE, /* after "returning from callee:" */
	FS_RET_CALLER, /* after "to caller at N:" */
	FS_POST,       /* 5.x: " STATE" after a branch insn */
};

struct fstate {
	uint64_t off; /* start of the STATE text (after "N: " or the prefix) */
	uint32_t len;
	uint32_t step; /* the state holds before this step */
	uint32_t insn; /* insn the line names, IDX_NONE when none */
	uint32_t path; /* the path it belongs to */
	uint8_t frame;
	uint8_t kind;
};

enum path_flags {
	PATH_SAFE = 1u << 0,	    /* "from X to Y: safe" */
	PATH_ASYNC_CB = 1u << 1,    /* first state ends with async_cb */
	PATH_CB = 1u << 2,	    /* first state ends with cb */
	PATH_SPECULATIVE = 1u << 3, /* "(speculative execution)" */
	PATH_ERROR = 1u << 4,	    /* ends at the error */
	PATH_IMPLICIT = 1u << 5,    /* level 1: a pop shown only as a state line */
};

struct path {
	uint64_t off; /* the line that starts it */
	uint32_t first_step;
	uint32_t nsteps;
	uint32_t from_insn;   /* X of "from X to Y", IDX_NONE for a unit's first path */
	uint32_t to_insn;     /* Y */
	uint32_t parent_step; /* the last visit of X before this path: the step that pushed it */
	uint32_t unit;
	uint32_t fstate; /* its first full state, IDX_NONE */
	uint8_t flags;
};

#define UNIT_KIND_INFO(_)                                                                          \
	_(MAIN, "main", "main program")                                                            \
	_(ASYNC_CB, "async_callback", "async callback")                                            \
	_(GLOBAL, "global", "global function")
enum unit_kind {
#define _(k, j, t) UNIT_##k,
	UNIT_KIND_INFO(_)
#undef _
		UNIT__COUNT
};

struct unit {
	uint8_t kind;
	uint8_t safe;	     /* global: "is safe for any args" seen */
	uint32_t name;	     /* strtab id: global's name, or STR_NONE */
	uint32_t func_id;    /* func#N for a global, IDX_NONE else */
	uint32_t start_insn; /* first insn */
	uint32_t first_path;
	uint32_t npaths;
	uint32_t first_step;
	uint32_t nsteps;
	uint32_t push_step; /* async callback: the step of the registering call; IDX_NONE */
};

/* the 7.3 "Verification failed:" block */
struct diagnostic {
	uint32_t category, title, reason, at, suggestion; /* strtab ids */
	VEC(uint32_t) causal_path;			  /* strtab ids */
};

/*
 * The kernel's counters are 32-bit: a count past INT32_MAX is no count it
 * printed, and reads as absent, as an unreadable one does.
 */
struct stats {
	int64_t verification_time_usec; /* -1 when absent */
	int32_t processed_insns;	/* -1 when absent */
	int32_t insn_limit;
	int32_t max_states_per_insn, total_states, peak_states, mark_read;
	uint32_t stack_depth; /* strtab id of "A+B+..." */
};

/* kinds of lines, counted over the log (model.line_counts) for tests */
enum line_kind {
#define LINE_KIND_INFO(_)                                                                          \
	_(BLANK, "blank")                                                                          \
	_(FUNC_START, "func#N @M")                                                                 \
	_(LIVE_REGS, "live regs table")                                                            \
	_(NOTE, "btf/arg note")                                                                    \
	_(BTF_ARG, "ctx arg btf type")                                                             \
	_(INSN, "instruction")                                                                     \
	_(STATE, "full state")                                                                     \
	_(SOURCE, "source")                                                                        \
	_(POP, "from X to Y")                                                                      \
	_(SAFE, "safe")                                                                            \
	_(CALL_BLOCK, "caller/callee")                                                             \
	_(GLOBAL, "global func")                                                                   \
	_(PRECISION, "precision")                                                                  \
	_(LIVENESS, "stack liveness")                                                              \
	_(SCC, "SCC enter/exit")                                                                   \
	_(ERROR, "error text")                                                                     \
	_(DIAG, "7.3 diagnostic")                                                                  \
	_(PRE, "7.x pre-analysis")                                                                 \
	_(STATS, "stats")                                                                          \
	_(LOADER, "loader framing")                                                                \
	_(UNKNOWN, "unknown")
#define _(k, s) LINE_##k,
	LINE_KIND_INFO(_)
#undef _
		LINE__COUNT
};

extern const char *const line_kind_names[LINE__COUNT];

#define MODEL_MAX_UNKNOWN_KEPT 100000

/* a function the log names by its func#N only (level 1 prints no "func#N @M") */
struct named_func {
	uint32_t id;   /* func#N */
	uint32_t name; /* strtab id */
};

/*
 * What few programs have (a tiny program, of which a log may hold
 * 200,000, has none of it): behind program.cold, allocated on first use
 * by program_cold_get(). Read it through program_cold(), which gives an
 * empty one (error_finding IDX_NONE, every id STR_NONE) when there is none.
 */
struct program_cold {
	VEC(struct edge) edges;
	VEC(struct sleep_event) sleep_events;
	/* the log's refusal (error_finding, IDX_NONE) and the object's predicted refusals */
	VEC(struct sleep_finding) findings;
	uint32_t error_finding;
	uint32_t refused_errno; /* strtab id of its errno name ("EPERM"), STR_NONE */
	struct diagnostic diag;
	bool has_diag;
	VEC(struct ctx_arg) ctx_args; /* the context's argument types, in log order */
	VEC(uint64_t) unknown;	/* offsets of unknown lines, the first MODEL_MAX_UNKNOWN_KEPT */
	uint64_t unknown_lines; /* lines the parser does not know, all of them */
	/* "Func#N ('name')" lines naming a function with no "func#N @M" (level 1) */
	VEC(struct named_func) named_funcs;
	/* "; text @ file:line" lines (programs with BTF line info): src_off(), src_line() */
	struct src_table srcs;
	/* src/analysis/state.c's checkpoints: a cache, not part of the value; not owned
	 * (load_free() frees it) */
	void *state_cache;
};

struct program {
	uint32_t name;	   /* strtab id, STR_NONE when unnamed */
	uint32_t section;  /* from the object, STR_NONE else */
	int8_t sleepable;  /* -1 unknown (log alone), 0, 1 */
	uint8_t verdict;   /* enum verdict */
	uint8_t log_level; /* 1 or 2 as far as the log tells, 0 unknown */
	/*
	 * 5.17+: "N: STATE" lines list only the registers and slots scratched
	 * since the last print (a delta); before, they were the full state.
	 */
	bool insn_states_partial;
	bool head_lost; /* the log starts in the middle (a rotated buffer): steps start anywhere */
	bool error_after;	 /* raised after the exploration (a fixup pass): no step */
	uint8_t not_verified;	 /* enum not_verified: refused before the verifier ran */
	uint8_t sleep_rules_src; /* enum sleep_rules_source */
	uint32_t dialect;	 /* strtab id: "5.10", "6.18", ... */
	uint32_t
		sleep_rules; /* strtab id of the rule set (src/analysis/sleep.c), STR_NONE before */
	struct span log;     /* this program's part of the log */

	VEC(struct span) error; /* the error message, one span per line */
	uint32_t error_insn;	/* IDX_NONE */
	uint32_t error_step;	/* IDX_NONE */
	struct stats stats;

	VEC(struct subprog) subprogs; /* sorted by start */
	VEC(struct ctx_run) ctx_runs; /* sorted by step; empty before the analysis */

	struct step_table steps;    /* read through step_at() */
	VEC(struct fstate) fstates; /* sorted by step */
	VEC(struct path) paths;
	VEC(struct unit) units;

	/* per instruction (index < ninsns): visit count and a line showing its text */
	uint32_t ninsns;
	uint32_t nlines; /* lines of its log (UINT32_MAX: that many or more) */
	uint32_t *visits;
	uint64_t *insn_line; /* offset of the "(xx) text" of a line showing it, UINT64_MAX none */
	struct insn_fact *insns; /* what that line's text says (see struct insn_fact) */

	struct program_cold *cold; /* NULL until a field of it is set: see program_cold() */
	uint32_t idx;		   /* its index in model.progs */
};

/*
 * How the model keeps a program: expanded (a struct program), packed (a
 * few bytes of varints in model.packed, src/model/pack.c), or both. A
 * program whose expanded form would cost more than a fraction of its log
 * text (a log of 200,000 tiny programs: 456 bytes of model for each 125
 * bytes of log) is packed once its load is done, and expanded again by
 * model_prog() when a front end reads it: the packed bytes are the value,
 * the expansion a cache. Read programs through model_prog(); never through
 * the slots.
 */
struct prog_slot {
	struct program *p; /* NULL while only packed */
	uint64_t pack;	   /* offset of its packed form in model.packed, UINT64_MAX none */
};

/* the packed programs, one after another */
struct pack_arena {
	uint8_t *v;
	uint64_t n, cap;
};

struct model_log {
	const char *buf; /* the log text, NUL-free; not NUL-terminated */
	size_t len;
	void *map; /* mmap base, or NULL */
	size_t map_len;
	char *heap;    /* buffer read from a pipe, or NULL */
	uint32_t name; /* strtab id of the file name */
};

struct bpfobj; /* parsers/bpfobj.h */

struct model {
	struct strtab str;
	struct model_log log;
	VEC(struct prog_slot) progs; /* read through model_prog() */
	struct pack_arena packed;
	struct bpfobj *obj;	 /* the ELF object, when given; not owned: whoever loads frees it */
	uint32_t obj_name;	 /* strtab id of its file name */
	uint32_t kernel_release; /* strtab id: the kernel that printed the log, when really known
				  * (recorded here: uname); STR_NONE else (the log's dialect is no version) */
	VEC(uint32_t) warnings;	 /* strtab ids of messages for the user */
	VEC(uint32_t) warning_prog; /* per warning: the program it is about, IDX_NONE */
	uint64_t noise_lines;	    /* lines outside any program's log */
	/* the lines of each kind the parser classified (noise around the programs too) */
	uint64_t line_counts[LINE__COUNT];
};

struct model *model_new(void);
void model_free(struct model *m);

/* append an empty program with every index field at IDX_NONE; NULL on ENOMEM */
struct program *model_add_program(struct model *m);
/*
 * Program i (< m->progs.n), expanded from its packed form when it has only
 * that. The address stays valid until model_prog_drop(m, i) or the end of
 * the model; another program's expansion never moves it. An expansion that
 * finds no memory ends the process with a one-line message, after the hook
 * model_on_oom() set (the TUI's terminal restore).
 */
struct program *model_prog_expand(const struct model *m, uint32_t i);
static inline struct program *model_prog(const struct model *m, uint32_t i)
{
	struct program *p = m->progs.v[i].p;

	return p ? p : model_prog_expand(m, i);
}
/* what a program list shows, read from the packed form without expanding it */
struct prog_head {
	uint32_t name, section; /* strtab ids */
	uint8_t verdict;
	uint32_t nsteps;
};
struct prog_head model_prog_head(const struct model *m, uint32_t i);
/*
 * Pack program i (expanded, with no cache in it) and free its expansion: 0,
 * or -ENOMEM/-E2BIG with the program left as it was. A program packed
 * before has its expansion freed only.
 */
int model_prog_pack(struct model *m, uint32_t i);
/* is program i worth packing: its expansion costs more than a quarter of its log */
bool model_prog_worth_packing(const struct model *m, uint32_t i);
/*
 * Free program i's expansion when it has a packed form (a front end done
 * with it); the caller has freed the caches it holds (load_prog_done()).
 */
void model_prog_drop(struct model *m, uint32_t i);
/* drop the last program (noise the parser took for one) */
void model_pop_program(struct model *m);
/* give back the spare capacity of the slots and the packed forms (the load is done) */
void model_progs_shrink(struct model *m);
/* release every program (the parser's fresh start) */
void model_progs_clear(struct model *m);
void model_on_oom(void (*hook)(void));
/* free the per-insn tables (visits, insn_line, insns) */
void program_insn_tables_free(struct program *p);
void program_release(struct program *p);
/* program_release(), then the record itself (model_add_program()'s, an expansion's); NULL is fine */
void program_free(struct program *p);
/* give back what the arrays of p hold beyond their length (after the load) */
void program_shrink(struct program *p);

extern const struct program_cold program_cold_none;
/* what few programs have: never NULL (an empty one when p has none) */
static inline const struct program_cold *program_cold(const struct program *p)
{
	return p->cold ? p->cold : &program_cold_none;
}
/* the same to fill in, allocated on first use; NULL on ENOMEM */
struct program_cold *program_cold_get(struct program *p);

/* add a warning (printf-like); keeps the first 1000 */
void model_warn(struct model *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* a warning about program prog (its index in m->progs): shown with that program only */
void model_warn_prog(struct model *m, uint32_t prog, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* is warning w about program prog, or about no program in particular? */
bool model_warning_about(const struct model *m, uint32_t w, uint32_t prog);

/*
 * Step k (< p->steps.n) of p: step_at() decodes all of it, the others one
 * field. step_far_at() finds a step kept in steps.far.
 */
const struct step_far *step_far_at(const struct program *p, uint32_t k);

static inline uint32_t step_insn(const struct program *p, uint32_t k)
{
	return (uint32_t)(p->steps.w[k] & (MODEL_MAX_INSNS - 1));
}

static inline uint8_t step_frame(const struct program *p, uint32_t k)
{
	return (uint8_t)((p->steps.w[k] >> STEP_FRAME_SHIFT) & (MODEL_MAX_FRAMES - 1));
}

static inline uint8_t step_flags(const struct program *p, uint32_t k)
{
	return (uint8_t)(p->steps.w[k] >> STEP_FLAGS_SHIFT);
}

static inline uint64_t step_off(const struct program *p, uint32_t k)
{
	uint32_t rel = (uint32_t)(p->steps.w[k] >> STEP_REL_SHIFT);

	if (rel == STEP_REL_FAR)
		return step_far_at(p, k)->off;
	return p->steps.base.v[k >> STEP_BLOCK_SHIFT] + rel;
}

static inline struct step step_at(const struct program *p, uint32_t k)
{
	uint64_t w = p->steps.w[k];
	uint32_t rel = (uint32_t)(w >> STEP_REL_SHIFT);
	struct step s = {
		.insn = (uint32_t)(w & (MODEL_MAX_INSNS - 1)),
		.frame = (uint8_t)((w >> STEP_FRAME_SHIFT) & (MODEL_MAX_FRAMES - 1)),
		.flags = (uint8_t)(w >> STEP_FLAGS_SHIFT),
	};

	if (rel == STEP_REL_FAR) {
		const struct step_far *f = step_far_at(p, k);

		s.off = f->off;
		s.tail = f->tail;
	} else {
		s.off = p->steps.base.v[k >> STEP_BLOCK_SHIFT] + rel;
		s.tail = (uint16_t)((w >> STEP_TAIL_SHIFT) & STEP_TAIL_MAX);
	}
	return s;
}

/* set flag bits of step k */
static inline void step_add_flags(struct program *p, uint32_t k, uint8_t flags)
{
	p->steps.w[k] |= (uint64_t)flags << STEP_FLAGS_SHIFT;
}

/* append s: 0, -EINVAL (insn or frame out of range), -ENOMEM or -E2BIG */
int program_add_step(struct program *p, const struct step *s);

/* the program's source lines (in its cold part: most tiny programs have none) */
static inline const struct src_table *program_srcs(const struct program *p)
{
	return &program_cold(p)->srcs;
}

/* src_off(): where source line i (< program_srcs(p)->n) starts; src_far_off() for one in far */
uint64_t src_far_off(const struct program *p, uint32_t i);

static inline uint64_t src_off(const struct program *p, uint32_t i)
{
	const struct src_table *t = program_srcs(p);
	uint32_t rel = t->rel[i];

	if (rel == SRC_REL_FAR)
		return src_far_off(p, i);
	return t->base.v[i >> SRC_BLOCK_SHIFT] + rel;
}

/* its text, as model_line_at() cuts it */
struct span src_line(const struct model *m, const struct program *p, uint32_t i);
/* append the source line at off: 0, -ENOMEM or -E2BIG */
int program_add_src(struct program *p, uint64_t off);

/* the path step k belongs to: paths are consecutive runs of steps */
uint32_t step_path(const struct program *p, uint32_t k);
/* the source line in force at step k (an index in program_srcs(p)), or IDX_NONE */
uint32_t step_src(const struct program *p, uint32_t k);
/* "file.c:33" of that source line (after its " @ "), len 0 when there is none */
struct span step_src_at(const struct model *m, const struct program *p, uint32_t k);
/* the text of a step's line, up to the glue point of a glued level-1 line */
struct span step_text(const struct model *m, const struct step *s);

/*
 * The paths that led to step k: its own path, then the path of the step that
 * pushed it, and so on back to the unit's first path. Writes at most max
 * path indexes into chain (innermost first) and returns how many.
 */
uint32_t program_path_chain(const struct program *p, uint32_t k, uint32_t *chain, uint32_t max);

/* the facts of insn i, NULL when i is out of range or no line showed it */
const struct insn_fact *program_insn(const struct program *p, uint32_t i);
/* the subprog a "call pc+K" at insn i calls (the one starting at its target), or NULL */
const struct subprog *program_call_subprog(const struct program *p, uint32_t i);
/* the delta text of step s (after "; "), len 0 when it has none */
struct span step_trailer(const struct model *m, const struct step *s);
const char *insn_kind_name(enum insn_kind k);

/*
 * The callee a call insn names, into buf: the subprogram's name (func#N
 * when the log and the object give none), the helper's or the kfunc's
 * name. NULL when insn is not a call or names nothing known.
 */
const char *program_callee_name(const struct model *m, const struct program *p, uint32_t insn,
				char *buf, size_t n);
/*
 * What a BPF-to-BPF call leads to, for people: "read_user_global() global
 * · may sleep" (the linkage, and "may sleep" when the analysis found it).
 * NULL for any other insn (a helper's name is in its text already).
 */
const char *program_call_label(const struct model *m, const struct program *p, uint32_t insn,
			       char *buf, size_t n);

/* the subprog containing insn, or NULL */
const struct subprog *program_subprog_at(const struct program *p, uint32_t insn);
/* by func id */
const struct subprog *program_subprog_by_id(const struct program *p, uint32_t id);

/* text of a line starting at off (up to, not including, '\n' or "\r\n") */
struct span model_line_at(const struct model *m, uint64_t off);
/* the same text cut at max bytes, found without looking past them */
struct span model_line_head(const struct model *m, uint64_t off, uint64_t max);

/* the error text joined into one line (newly allocated, caller frees), NULL if none */
char *program_error_text(const struct model *m, const struct program *p);

/* bytes held by the model (heap), for the memory report */
uint64_t model_bytes(const struct model *m);
/* bytes a program's expansion holds (its record and arrays) */
uint64_t program_bytes(const struct program *p);

/* names from the tables above; "?" for a value out of range */
const char *verdict_name(enum verdict v); /* NAME_JSON (the same words in text) */
const char *model_linkage_name(unsigned int l, enum name_style st);
const char *model_role_name(enum subprog_role_bit b, enum name_style st);
const char *model_edge_kind_name(unsigned int k, enum name_style st);
const char *model_event_name(unsigned int k, enum name_style st);
const char *model_unit_kind_name(unsigned int k, enum name_style st);

#endif
