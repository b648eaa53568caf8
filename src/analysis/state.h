/* SPDX-License-Identifier: MIT */
/*
 * state.h — the register and stack state at any step, rebuilt from the
 * log: the last full state printed, plus the deltas printed since. The
 * grammar of one state print is parsers/state_text.h's.
 *
 * A struct vstate is a value (no pointers into the heap): text fields are
 * spans into the model's log, so a state stays valid while the model
 * lives. Parsing never fails: a token it does not know is kept as text
 * (type REG_OPAQUE).
 */
#ifndef VERISTEP_STATE_H
#define VERISTEP_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "parsers/state_text.h"
#include "src/model/model.h"

struct frame_state {
	bool known;
	struct regval regs[STATE_NREGS];
	struct slotval slots[STATE_MAX_SLOTS]; /* slot i is fp-(8*(i+1)) */
	uint32_t refs;			       /* how many ids "refs=" lists */
	struct span refs_text;		       /* the ids, "2,4" */
	bool cb, async_cb;
};

struct vstate {
	uint8_t curframe;
	struct frame_state frames[MODEL_MAX_FRAMES];
};

/*
 * The state before / after step k of program p: the last full state
 * printed for each frame (in this path, or in the path chain back to the
 * step that pushed it) plus the deltas since. Returns 0, or -EINVAL for a
 * step out of range. `changed` (may be NULL) gets bit i set when Ri
 * changed at step k (after only).
 */
int state_before(const struct model *m, const struct program *p, uint32_t k, struct vstate *out);
int state_after(const struct model *m, const struct program *p, uint32_t k, struct vstate *out,
		uint16_t *changed);

/*
 * Checkpoints ahead of need: the TUI calls this while no key waits, so
 * that a first jump into a long path (a million steps of deltas: 0.1 s to
 * replay from its start) replays one checkpoint interval. Each call
 * replays about `budget` steps of one path; *w starts zeroed. Returns 1
 * while paths are left, 0 when every long path of p has its checkpoints,
 * or -errno.
 */
struct state_warm {
	uint32_t path, step;
};
int state_warm(const struct model *m, const struct program *p, struct state_warm *w,
	       uint32_t budget);

/* state_before() walking back without checkpoints (the reference for tests) */
int state_rebuild_nocache(const struct model *m, const struct program *p, uint32_t k,
			  struct vstate *out);

/* does this full-state line list only what changed (6.x "N: R.." lines)? */
bool fstate_is_partial(const struct program *p, const struct fstate *fs);

/* state_before(), built only from full states with index < fs_limit (for tests) */
int state_rebuild_excluding(const struct model *m, const struct program *p, uint32_t k,
			    uint32_t fs_limit, struct vstate *out);

/* how many full states hold before step k (the index of the first with step > k) */
uint32_t state_fstates_upto(const struct program *p, uint32_t k);

/* the checkpoint cache kept in the program's cold part (program_cold(p)->state_cache) */
void state_cache_free(struct program *p);
uint64_t state_cache_bytes(const struct program *p);

/*
 * Format a value for people, into buf (always NUL-terminated); returns buf.
 * "-" when unset; a dead one (MARK_DEAD) as "dead (was VALUE)".
 */
char *state_format_value(const struct model *m, const struct regval *v, char *buf, size_t n);
/* a slot's text ("mmmm????", "????scalar()"), "dead (was TEXT)" when dead */
char *state_format_slot(const struct model *m, const struct slotval *sv, char *buf, size_t n);

#endif
