/* SPDX-License-Identifier: MIT */
/*
 * state_text.h — the one grammar of a state print in a verifier log
 * ("frame1: R1=ctx() R2_w=fp-8 fp-8=mmmm???? refs=1 cb", every kernel era
 * from "R1_w=inv(id=0,umax_value=3)" to "R1=scalar(smin=umin=6)"), parsed
 * into values. The rebuild (src/analysis/state.c) and the fuzzers use it.
 *
 * Values are plain data (no pointers into the heap): text fields are
 * spans into the log buffer given. Parsing never fails and reads only
 * [off, off + len) (the log is not NUL-terminated): a token it does not
 * know is kept as text (REG_OPAQUE).
 */
#ifndef VERISTEP_STATE_TEXT_H
#define VERISTEP_STATE_TEXT_H

#include <stdbool.h>
#include <stdint.h>

#include "src/model/model.h"

#define STATE_NREGS 11
#define STATE_MAX_SLOTS 64 /* fp-8 .. fp-512 */

enum reg_kind {
	REG_NOT_INIT = 0,
	REG_SCALAR, /* scalar(...), inv(...), a constant */
	REG_PTR,    /* any pointer type: ctx, map_value, fp, pkt, ptr_..., ... */
	REG_OPAQUE, /* text we could not parse; shown as is */
	REG_UNPARSED, /* state_scan_line() kept only text and the name's marks: see state_value_finish() */
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
	MARK_DEAD =
		1u
		<< 4, /* not in a pop line that lists only live items (7.x): the value is the last known, stale */
};

struct regval {
	uint8_t kind;	  /* enum reg_kind */
	uint8_t marks;	  /* enum reg_mark */
	uint16_t has;	  /* enum reg_has */
	struct span text; /* the whole value text, e.g. "map_value(map=arr,ks=4,vs=8)" */
	struct span type; /* the type name, e.g. "map_value", "scalar", "fp", "ctx" */
	struct span map;  /* map=NAME */
	int64_t smin, smax;
	uint64_t umin, umax;
	int32_t smin32, smax32;
	uint32_t umin32, umax32;
	uint64_t var_off_value, var_off_mask;
	int64_t off; /* off=, or the offset of fp-8 */
	uint32_t id, id_delta_neg, ref_obj_id;
	int32_t id_delta;
	uint32_t r; /* pkt range */
	uint32_t ks, vs;
	int8_t fp_frame; /* fp[F]-8: F, else -1 */
};

/* what a stack slot holds, from its text (the kernel's STACK_* slot types) */
enum slot_kind {
	SLOT_BYTES = 0, /* slot-type chars: mmmm????, 0000????, ... */
	SLOT_SPILL,	/* a spilled register, ? or p bytes above it: ????scalar() */
	SLOT_DYNPTR,	/* dynptr_ringbuf(...) (6.3+), or dddddddd */
	SLOT_ITER,	/* iter_num(ref_id=2,state=active,depth=0) (6.4+), or iiiiiiii */
	SLOT_IRQ_FLAG,	/* ffffffff: a bpf_local_irq_save flag (6.14+) */
};

struct slotval {
	uint8_t used;
	uint8_t kind;	     /* enum slot_kind */
	uint8_t dead;	     /* like MARK_DEAD of a register */
	uint32_t ref_id;     /* the reference an iterator, dynptr or irq flag holds; 0 none */
	int16_t off;	     /* -8, -16, ... */
	struct span text;    /* "mmmm????", "0000????", "scalar(...)", ... */
	struct regval spill; /* kind != REG_NOT_INIT for a spilled register */
};

/* one parsed state print: which frame, which items */
struct state_line {
	int frame;	    /* frameN: prefix, 0 when none */
	bool cb, async_cb;  /* trailing markers */
	uint16_t regs_set;  /* bit i: Ri appears */
	uint64_t slots_set; /* bit i: fp-(8*(i+1)) appears */
	uint32_t nrefs;
	struct span refs;  /* the ids of "refs=2,4" */
	uint32_t unparsed; /* items kept as text only */
	/*
	 * Last, and only what the bits above name is written: a parse clears
	 * the fields before regs, not 13 KB of entries a million times over.
	 */
	struct regval regs[STATE_NREGS];       /* regs[i] valid when regs_set has bit i */
	struct slotval slots[STATE_MAX_SLOTS]; /* slots[i] valid when slots_set has bit i */
};

/*
 * Parse one state print, text = buf[off, off+len). buf is the model's log
 * (spans refer to it). Never fails; unknown items count in ->unparsed.
 */
void state_parse_line(const char *buf, uint64_t off, uint32_t len, struct state_line *out);

/*
 * The same items as state_parse_line(), the values left as their text
 * (kind REG_UNPARSED, a spill's too): what a replay needs to know which
 * items a print sets, their marks, and which slots are dynptrs, iterators
 * or irq flags, at a fraction of the cost. state_value_finish() parses one
 * such value into what state_parse_line() would have given.
 */
void state_scan_line(const char *buf, uint64_t off, uint32_t len, struct state_line *out);
void state_value_finish(const char *buf, struct regval *v);

/* parse one value ("scalar(smin=1)", "P0", "inv(id=0)", "ctx(id=0,off=0,imm=0)") */
void state_parse_value(const char *buf, uint64_t off, uint32_t len, struct regval *out);

/* parse one slot's value text ("mmmm????", "????scalar()", "dynptr_local(id=1)") at fp`off` */
void state_parse_slot(const char *buf, uint64_t off, uint32_t len, int16_t fp_off,
		      struct slotval *out);

/* a slot kind for people: "irq flag", "dynptr", "iterator"; NULL for bytes and spills */
const char *state_slot_kind_name(uint8_t kind);

/*
 * The parser's quick look at a state print, without parsing its values:
 * the frame prefix, whether it names any item, the cb / async_cb markers. On
 * the first states of a log it also notes in dm the spellings that tell
 * the kernel era.
 */
/* what the log's text tells about the kernel that printed it (vlog_dialect_name()) */
struct dialect_marks {
	bool level2, live_regs, scc_column, stack_liveness, pre_analysis, diag_block;
	bool src_at, global_named, validating, liveness_suffix, inv, id0, off_imm, value_names;
	bool new_ranges, map_names, reworded_sleep;
	uint8_t precision_style;
	uint32_t states_seen;
};

struct vlog_state_info {
	int frame;
	bool items; /* it names a register or a slot (the first one found ends the look) */
	bool cb, async_cb;
};

void vlog_state_info(const char *s, uint32_t len, struct vlog_state_info *si,
		     struct dialect_marks *dm);

#endif
