/* SPDX-License-Identifier: MIT */
/*
 * explore.h — a cursor over one program's exploration: step, path, call,
 * visit, error and search moves, answered from small lazily built indexes
 * (never a walk of every step per key where an index can answer).
 *
 * The cursor borrows the model (which must outlive it) and owns only its
 * indexes. Moves return 0 when the cursor moved (or is already there) and
 * -ENOENT when there is no such place (the cursor stays put); -ENOMEM when
 * an index could not be built.
 */
#ifndef VERISTEP_EXPLORE_H
#define VERISTEP_EXPLORE_H

#include <stdbool.h>
#include <stdint.h>

#include "src/model/model.h"

/* per-insn facts gathered from the steps (explore_insn_info) */
enum explore_insn_flags {
	XI_VISITED = 1u << 0,
	XI_BRANCH = 1u << 1,
	XI_PRUNED = 1u << 2,
	XI_ERROR = 1u << 3,
	XI_CALL = 1u << 4,
	XI_EXIT = 1u << 5,
};

/* the steps that visit one insn: how many, the first and the last */
struct explore_visits {
	uint32_t n, first, last;
};

struct explore {
	const struct model *m;
	const struct program *p;
	uint32_t prog; /* index in m->progs */
	uint32_t step; /* current step, IDX_NONE when the program has none */

	/*
	 * lazy per-insn index: how many steps visit insn i, the first and the
	 * last (12 bytes an insn; nothing per step: the visits between are
	 * found by walking the steps)
	 */
	uint32_t ninsns;
	struct explore_visits *vis;
	uint8_t *iflags;
};

/* 0, or -EINVAL for a program index out of range */
int explore_init(struct explore *x, const struct model *m, uint32_t prog);
void explore_release(struct explore *x);

/* number of steps of the program */
uint32_t explore_nsteps(const struct explore *x);
/* the current step, decoded into *buf: buf, or NULL when there is none */
const struct step *explore_cur(const struct explore *x, struct step *buf);

/* the step the program opens on: the error step when rejected, else the first */
uint32_t explore_initial_step(const struct explore *x);

int explore_goto(struct explore *x, uint32_t k);
int explore_next(struct explore *x);
int explore_prev(struct explore *x);
int explore_first(struct explore *x);
int explore_last(struct explore *x);
int explore_next_path(struct explore *x);
int explore_prev_path(struct explore *x);
/* to the step that pushed the current path (or registered its async unit) */
int explore_back(struct explore *x);
/* after a call: the next step of this path back in the caller's frame; else next */
int explore_step_over(struct explore *x);
/* the next step of this path in an outer frame */
int explore_step_out(struct explore *x);
/* the next / previous visit of the current insn (wrapping) */
int explore_next_visit(struct explore *x);
int explore_prev_visit(struct explore *x);
int explore_error(struct explore *x);
/* the first visit of insn i */
int explore_goto_insn(struct explore *x, uint32_t insn);
/* the first visit of insn i after the cursor, wrapping to the first visit */
int explore_goto_insn_near(struct explore *x, uint32_t insn);

/* how many instruction slots the program has (from the model, else the steps) */
uint32_t explore_ninsns(struct explore *x);
/* XI_* bits of insn i (0 when the index cannot be built) */
unsigned int explore_insn_flags(struct explore *x, uint32_t insn);
/* number of visits of insn i, and the first visit (IDX_NONE when none) */
uint32_t explore_insn_visits(struct explore *x, uint32_t insn);
uint32_t explore_insn_first_step(struct explore *x, uint32_t insn);

/*
 * Search: a POSIX extended regular expression, smart case as in less -i
 * (case-insensitive unless the pattern holds a capital letter), over the
 * raw log lines of each step: every line since the previous step's line
 * (the source line that comes into force, full states, mark_precise,
 * caller/callee blocks, Live regs, ...) and the step's own line
 * (instruction text and register values); the last step also owns the
 * lines after it (the error, the stats). A match belongs to its step.
 *
 * explore_search_start() compiles the pattern (-EINVAL: bad pattern,
 * explore_search_error() says why; -ENOENT: no steps). The first
 * explore_search_run() calls mark every matching step in a bitmap (one
 * bit per step), at most `budget` steps per call (0 = no limit), so a
 * caller keeps the screen alive on huge logs; then it moves the cursor
 * to the next match in s->dir from the cursor, wrapping:
 *   1 found (cursor moved), 0 no match anywhere, -EAGAIN call again,
 *   -ENOMEM. Later calls move from match to match at once.
 * explore_search_release() frees what start allocated (safe twice); a
 * search is released before it is started again (start overwrites it).
 */
struct explore_search {
	char needle[128];
	bool icase;
	int dir;	/* +1 forward, -1 backward */
	uint32_t next;	/* next step to mark */
	uint32_t left;	/* steps still to mark */
	uint32_t nhits; /* matching steps marked so far (all of them once left == 0) */
	uint64_t *hits; /* bit k: step k matches */
	bool compiled;
	char err[96];
	void *re;  /* regex_t */
	char *buf; /* a step's text as a C string for regexec */
	size_t cap;
};

/* the text of one step that a search looks at, at most (the rest is not searched) */
#define EXPLORE_SEARCH_MAX_CHUNK (1u << 20)

int explore_search_start(struct explore *x, struct explore_search *s, const char *needle, int dir);
int explore_search_run(struct explore *x, struct explore_search *s, uint32_t budget);
void explore_search_release(struct explore_search *s);
/* why the last start failed ("" when it did not) */
const char *explore_search_error(const struct explore_search *s);
/* whether step k matches (runs the pattern; for highlighting and tests) */
bool explore_step_matches(const struct explore *x, struct explore_search *s, uint32_t k);
/* once every step is marked: 1-based rank of match k among all matches, 0 when k is none */
uint32_t explore_search_rank(const struct explore_search *s, uint32_t k);
/*
 * The raw log text that belongs to step k (see above): [*off, *off + *len)
 * in m->log.buf. For the raw-log pane and the search. -EINVAL for a bad k.
 */
int explore_step_chunk(const struct explore *x, uint32_t k, uint64_t *off, uint64_t *len);

/*
 * The call stack at the current step: the subprog id of each frame,
 * outermost first (frames[0] = frame 0), and the call step that entered
 * each frame above 0 (IDX_NONE when not found). Scans back at most
 * `budget` steps. Returns the number of frames filled.
 */
int explore_call_stack(const struct explore *x, uint32_t *subprogs, uint32_t *call_steps, int max,
		       uint32_t budget);

#endif
