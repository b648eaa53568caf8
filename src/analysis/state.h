/* SPDX-License-Identifier: MIT */
/*
 * state.h — register and stack state: the grammar of one state print
 * ("frame1: R1=ctx() R2_w=fp-8 fp-8=mmmm???? refs=1 cb") parsed into
 * structure, and the state at any step rebuilt from the log.
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

#include "src/model/model.h"

#define STATE_NREGS 11
#define STATE_MAX_SLOTS 64 /* fp-8 .. fp-512 */

enum reg_kind {
	REG_NOT_INIT = 0,
	REG_SCALAR,	/* scalar(...), inv(...), a constant */
	REG_PTR,	/* any pointer type: ctx, map_value, fp, pkt, ptr_..., ... */
	REG_OPAQUE,	/* text we could not parse; shown as is */
};

/* range fields present in the value */
enum reg_has {
	HAS_SMIN = 1u << 0,
	HAS_SMAX = 1u << 1,
	HAS_UMIN = 1u << 2,
	HAS_UMAX = 1u << 3,
	HAS_SMIN32 = 1u << 4,
	HAS_SMAX32 = 1u << 5,
	HAS_UMIN32 = 1u << 6,
	HAS_UMAX32 = 1u << 7,
	HAS_VAR_OFF = 1u << 8,
	HAS_CONST = 1u << 9, /* a known constant: value in smin/smax/umin/umax */
	HAS_OFF = 1u << 10,
	HAS_ID = 1u << 11,
	HAS_REF_OBJ_ID = 1u << 12,
	HAS_RANGE_R = 1u << 13, /* pkt r= */
	HAS_KS_VS = 1u << 14,
};

enum reg_mark {
	MARK_PRECISE = 1u << 0, /* P prefix */
	MARK_WRITTEN = 1u << 1, /* _w (<= 6.17) */
	MARK_READ = 1u << 2,	/* _r */
	MARK_DONE = 1u << 3,	/* _D */
};

struct regval {
	uint8_t kind;	 /* enum reg_kind */
	uint8_t marks;	 /* enum reg_mark */
	uint16_t has;	 /* enum reg_has */
	struct span text; /* the whole value text, e.g. "map_value(map=arr,ks=4,vs=8)" */
	struct span type; /* the type name, e.g. "map_value", "scalar", "fp", "ctx" */
	struct span map;  /* map=NAME */
	int64_t smin, smax;
	uint64_t umin, umax;
	int32_t smin32, smax32;
	uint32_t umin32, umax32;
	uint64_t var_off_value, var_off_mask;
	int64_t off;	/* off=, or the offset of fp-8 */
	uint32_t id, id_delta_neg, ref_obj_id;
	int32_t id_delta;
	uint32_t r;	/* pkt range */
	uint32_t ks, vs;
	int8_t fp_frame; /* fp[F]-8: F, else -1 */
};

struct slotval {
	uint8_t used;
	int16_t off;	  /* -8, -16, ... */
	struct span text; /* "mmmm????", "0000????", "scalar(...)", ... */
	struct regval spill; /* kind != REG_NOT_INIT for a spilled register */
};

struct frame_state {
	bool known;
	struct regval regs[STATE_NREGS];
	struct slotval slots[STATE_MAX_SLOTS]; /* slot i is fp-(8*(i+1)) */
	uint32_t refs;	 /* span? count of refs= ids */
	bool cb, async_cb;
};

struct vstate {
	uint8_t curframe;
	struct frame_state frames[MODEL_MAX_FRAMES];
};

/* one parsed state print: which frame, which items */
struct state_line {
	int frame;	   /* frameN: prefix, 0 when none */
	bool cb, async_cb; /* trailing markers */
	uint16_t regs_set; /* bit i: Ri appears */
	uint64_t slots_set; /* bit i: fp-(8*(i+1)) appears */
	struct regval regs[STATE_NREGS];
	struct slotval slots[STATE_MAX_SLOTS];
	uint32_t nrefs;
	uint32_t unparsed; /* items kept as text only */
};

/*
 * Parse one state print, text = buf[off, off+len). buf is the model's log
 * (spans refer to it). Never fails; unknown items count in ->unparsed.
 */
void state_parse_line(const char *buf, uint64_t off, uint32_t len, struct state_line *out);

/* parse one value ("scalar(smin=1)", "P0", "inv(id=0)", "ctx(id=0,off=0,imm=0)") */
void state_parse_value(const char *buf, uint64_t off, uint32_t len, struct regval *out);

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

/* the checkpoint cache kept in program->state_cache */
void state_cache_free(struct program *p);
uint64_t state_cache_bytes(const struct program *p);

/* format a value for people, into buf (always NUL-terminated); returns buf */
char *state_format_value(const struct model *m, const struct regval *v, char *buf, size_t n);

#endif
