// SPDX-License-Identifier: MIT
/*
 * why.c — where a value came from (why.h): walk back along the steps of
 * the path that reached a step, with a small set of tracked locations
 * (registers and stack slots, per frame). A step that writes a tracked
 * location is a link: the location is replaced by what the step read
 * (a copy's source, a fill's slot, both operands of an ALU op, a callee's
 * argument in the caller) or ends at an origin (a constant, r10, a load,
 * a helper's or kfunc's return, the program's entry). A conditional jump
 * that read a tracked register is a link when the value differs on the
 * side the path took (from the states). The operands come from
 * vlog_insn_ops(), decoded once per insn per query; addresses that are not
 * r10 are resolved from the rebuilt state at the step, never guessed.
 * Prints nothing; words are why_via_text()'s and why_stop_name()'s.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/bpfobj.h"
#include "parsers/kbtf.h"
#include "parsers/vlog_insn.h"
#include "src/analysis/state.h"
#include "src/analysis/why.h"
#include "src/rules/helper_proto.h"

#define WHY_MAX_TRACK 32
#define WHY_MAX_LINKS 1024
#define WHY_MAX_REBUILDS 1024 /* state rebuilds per query (resolving addresses) */

struct walker {
	const struct model *m;
	const struct program *p;
	const struct bpfobj_prog
		*obj;		   /* the joined object program: its bytes cross-check, or NULL */
	struct vlog_insn_ops *ops; /* per insn, decoded on first use */
	uint8_t *decoded; /* 0 not yet, 1 decoded, 2 decoded but the object's bytes disagree */
	struct why_loc track[WHY_MAX_TRACK];
	uint32_t ntrack;
	struct why_result *r;
	struct vstate *st;  /* scratch: the state before the step being looked at */
	uint32_t st_step;   /* which step st holds, IDX_NONE */
	struct vstate *st2; /* scratch for comparisons */
	uint32_t rebuilds;
	int err;
};

static const char *const via_names[WHY_VIA__COUNT] = {
#define _(k, s) [WHY_VIA_##k] = s,
	WHY_VIA_INFO(_)
#undef _
};

static const char *const stop_json[WHY_STOP__COUNT] = {
#define _(k, j, t) [WHY_STOP_##k] = j,
	WHY_STOP_INFO(_)
#undef _
};

static const char *const stop_text[WHY_STOP__COUNT] = {
#define _(k, j, t) [WHY_STOP_##k] = t,
	WHY_STOP_INFO(_)
#undef _
};

const char *why_stop_name(unsigned int s, enum name_style st)
{
	if (s >= WHY_STOP__COUNT)
		return "?";
	return st == NAME_JSON ? stop_json[s] : stop_text[s];
}

int why_parse_loc(const char *s, struct why_loc *out)
{
	char *end;
	long v;

	memset(out, 0, sizeof(*out));
	if (!s)
		return -EINVAL;
	if ((s[0] == 'R' || s[0] == 'r') && s[1] >= '0' && s[1] <= '9') {
		v = strtol(s + 1, &end, 10);
		if (*end || v < 0 || v > 10)
			return -EINVAL;
		out->kind = WHY_REG;
		out->n = (int16_t)v;
		return 0;
	}
	if (!strncmp(s, "fp-", 3) && s[3] >= '0' && s[3] <= '9') {
		v = strtol(s + 3, &end, 10);
		if (*end || v < 1 || v > 8 * STATE_MAX_SLOTS)
			return -EINVAL;
		out->kind = WHY_SLOT;
		out->n = (int16_t)(-((v + 7) / 8) * 8); /* the 8-byte slot holding fp-v */
		return 0;
	}
	return -EINVAL;
}

char *why_loc_text(const struct why_loc *l, uint8_t base_frame, char *buf, size_t n)
{
	char fr[16] = "";

	if (l->frame != base_frame)
		snprintf(fr, sizeof(fr), "frame%u ", l->frame);
	if (l->kind == WHY_REG)
		snprintf(buf, n, "%sR%d", fr, l->n);
	else
		snprintf(buf, n, "%sfp%d", fr, l->n);
	return buf;
}

/* ---- the error's operand ---------------------------------------------------------------- */

static bool word_start(const char *s, const char *at)
{
	return at == s || !((at[-1] >= 'a' && at[-1] <= 'z') || (at[-1] >= 'A' && at[-1] <= 'Z') ||
			    (at[-1] >= '0' && at[-1] <= '9') || at[-1] == '_');
}

/* "R<n>" as a word in s: n, else -1 */
static int find_reg_word(const char *s)
{
	for (const char *q = s; (q = strchr(q, 'R')); q++) {
		char *end;
		long v;

		if (!word_start(s, q) || q[1] < '0' || q[1] > '9')
			continue;
		v = strtol(q + 1, &end, 10);
		if (v > 10 || (*end && ((*end >= 'a' && *end <= 'z') || *end == '_')))
			continue;
		return (int)v;
	}
	return -1;
}

int why_error_loc(const struct model *m, const struct program *p, struct why_loc *out)
{
	/*
	 * The kernel's wordings that name an operand (kernel/bpf/verifier.c): a
	 * register "R<n> ..." (most checks), a helper's "arg<n>" (R<n>), a kfunc's
	 * "arg#<n>" (R<n+1>, counted from 0), and a stack read without a register
	 * "read from stack off <off>" (the slot). The first line naming one wins;
	 * else a refused access names the address register of its load or store.
	 */
	char *text;
	int rc = -ENOENT, r;
	const char *q;

	if (p->error_step == IDX_NONE || p->error_step >= p->steps.n)
		return -ENOENT;
	memset(out, 0, sizeof(*out));
	out->frame = step_frame(p, p->error_step);
	for (uint32_t i = 0; i < p->error.n && rc; i++) {
		struct span sp = p->error.v[i];

		text = strndup(m->log.buf + sp.off, sp.len);
		if (!text)
			return -ENOMEM;
		if ((r = find_reg_word(text)) >= 0) {
			out->kind = WHY_REG;
			out->n = (int16_t)r;
			rc = 0;
		} else if ((q = strstr(text, "arg#")) && q[4] >= '0' && q[4] <= '4') {
			out->kind = WHY_REG;
			out->n = (int16_t)(q[4] - '0' + 1);
			rc = 0;
		} else if ((q = strstr(text, " arg")) && q[4] >= '1' && q[4] <= '5' &&
			   !(q[5] >= '0' && q[5] <= '9')) {
			out->kind = WHY_REG;
			out->n = (int16_t)(q[4] - '0');
			rc = 0;
		} else if ((q = strstr(text, "from stack off ")) && q[15] == '-') {
			long v = strtol(q + 16, NULL, 10);

			if (v >= 1 && v <= 8 * STATE_MAX_SLOTS) {
				out->kind = WHY_SLOT;
				out->n = (int16_t)(-((v + 7) / 8) * 8);
				rc = 0;
			}
		}
		free(text);
	}
	if (rc) {
		/*
		 * An access refused without a register named ("invalid access to map
		 * value, value_size=8 off=8 size=8" alone): the refused load's or
		 * store's address register, from the instruction itself.
		 */
		uint32_t insn = step_insn(p, p->error_step);
		struct vlog_insn_ops o;

		text = program_error_text(m, p);
		if (!text)
			return -ENOENT;
		if (strstr(text, "access") && insn < p->ninsns && p->insn_line &&
		    p->insn_line[insn] != UINT64_MAX && p->insns) {
			vlog_insn_ops(m->log.buf + p->insn_line[insn], p->insns[insn].text_len, &o);
			if ((o.flags & (VLOG_OPS_MEM_LOAD | VLOG_OPS_MEM_STORE)) && o.base >= 0 &&
			    !(o.flags & VLOG_OPS_SCRATCH)) {
				out->kind = WHY_REG;
				out->n = o.base;
				rc = 0;
			}
		}
		free(text);
	}
	return rc;
}

/* ---- the walk --------------------------------------------------------------------------- */

static const struct vlog_insn_ops *ops_of(struct walker *w, uint32_t insn)
{
	static const struct vlog_insn_ops unknown = {
		.flags = VLOG_OPS_UNKNOWN, .dst = -1, .src = -1, .base = -1
	};
	const struct program *p = w->p;

	if (insn >= p->ninsns || !p->insn_line || p->insn_line[insn] == UINT64_MAX || !p->insns ||
	    p->insns[insn].kind == INSN_UNSEEN)
		return &unknown;
	if (!w->decoded[insn]) {
		vlog_insn_ops(w->m->log.buf + p->insn_line[insn], p->insns[insn].text_len,
			      &w->ops[insn]);
		w->decoded[insn] = 1;
		if (w->obj && insn < w->obj->ninsns) {
			const struct bpf_insn *b = &w->obj->insns[insn];

			if (!vlog_insn_ops_agree(&w->ops[insn], b->code, b->dst_reg, b->src_reg,
						 b->off)) {
				w->ops[insn].flags |= VLOG_OPS_UNKNOWN;
				w->decoded[insn] = 2; /* the text and the bytes disagree */
			}
		}
	}
	return &w->ops[insn];
}

/* the state before step k into w->st (cached for one step); false when it cannot be had */
static bool state_at(struct walker *w, uint32_t k)
{
	if (w->st_step == k)
		return true;
	if (w->rebuilds >= WHY_MAX_REBUILDS)
		return false;
	w->rebuilds++;
	if (state_before(w->m, w->p, k, w->st)) {
		w->st_step = IDX_NONE;
		return false;
	}
	w->st_step = k;
	return true;
}

static bool span_eq(const struct model *m, struct span a, struct span b)
{
	return a.len == b.len && !memcmp(m->log.buf + a.off, m->log.buf + b.off, a.len);
}

static bool type_is(const struct model *m, const struct regval *v, const char *t)
{
	size_t n = strlen(t);

	return v->type.len == n && !memcmp(m->log.buf + v->type.off, t, n);
}

/* the type ends with "_or_null" */
static bool type_or_null(const struct model *m, const struct regval *v)
{
	return v->type.len > 8 &&
	       !memcmp(m->log.buf + v->type.off + v->type.len - 8, "_or_null", 8);
}

static bool same_loc(struct why_loc a, struct why_loc b)
{
	return a.kind == b.kind && a.frame == b.frame && a.n == b.n;
}

static void track_add(struct walker *w, struct why_loc l)
{
	for (uint32_t i = 0; i < w->ntrack; i++)
		if (same_loc(w->track[i], l))
			return;
	if (w->ntrack < WHY_MAX_TRACK)
		w->track[w->ntrack++] = l;
}

static void track_del(struct walker *w, uint32_t i)
{
	w->track[i] = w->track[--w->ntrack];
}

static struct why_link *link_add(struct walker *w, uint32_t k, struct why_loc what, uint8_t via,
				 uint32_t value_at)
{
	struct why_link *l;

	if (w->r->links.n >= WHY_MAX_LINKS)
		return NULL;
	l = vec_push(&w->r->links);
	if (!l) {
		w->err = -ENOMEM;
		return NULL;
	}
	l->step = k;
	l->insn = k < w->p->steps.n ? step_insn(w->p, k) : IDX_NONE;
	l->what = what;
	l->from = what;
	l->via = via;
	l->taken = -1;
	l->value_at = value_at;
	l->range_from = IDX_NONE;
	return l;
}

static struct why_loc reg_loc(uint8_t frame, int n)
{
	return (struct why_loc){ .kind = WHY_REG, .frame = frame, .n = (int16_t)n };
}

static struct why_loc slot_loc(uint8_t frame, int64_t off)
{
	/* the 8-byte slot that holds byte off: fp-4 is in fp-8 */
	int64_t s = off >= 0 ? 0 : -(((-off) + 7) / 8) * 8;

	return (struct why_loc){ .kind = WHY_SLOT, .frame = frame, .n = (int16_t)s };
}

/* do [off, off + size) and slot l (8 bytes at l.n) meet? */
static bool slot_meets(struct why_loc l, int64_t off, uint32_t size)
{
	return off < l.n + 8 && off + (int64_t)size > l.n;
}

/*
 * The frame and offset a memory operand addresses on a stack: r10 is the
 * step's own frame; another register from the state (fp-16, fp[0]-8).
 * False when the address is not a stack pointer (or the state is lacking).
 */
static bool stack_addr(struct walker *w, uint32_t k, const struct vlog_insn_ops *o, uint8_t *frame,
		       int64_t *off)
{
	struct step s = step_at(w->p, k);
	const struct regval *b;

	if (o->base < 0)
		return false;
	if (o->base == 10) {
		*frame = s.frame;
		*off = o->off;
		return true;
	}
	if (!state_at(w, k))
		return false;
	b = &w->st->frames[s.frame].regs[o->base];
	if (b->kind != REG_PTR || !type_is(w->m, b, "fp"))
		return false;
	*frame = b->fp_frame >= 0 ? (uint8_t)b->fp_frame : s.frame;
	*off = b->off + o->off;
	return true;
}

/* origin of R0 after a helper / kfunc call */
static uint8_t call_origin(const struct model *m, const struct program *p, uint32_t insn)
{
	const struct insn_fact *f = program_insn(p, insn);
	const char *name = f && f->name != STR_NONE ? strtab_get(&m->str, f->name) : NULL;

	if (f && f->kind == INSN_CALL_KFUNC)
		return WHY_VIA_KFUNC_RET;
	if (name && strstr(name, "map_lookup"))
		return WHY_VIA_MAP_LOOKUP;
	return WHY_VIA_HELPER_RET;
}

/* is the jump at step k, followed on this walk by step `later`, taken? */
static int8_t branch_taken(const struct program *p, uint32_t k, uint32_t later)
{
	const struct insn_fact *f = program_insn(p, step_insn(p, k));
	uint32_t next;

	if (!f || f->target == IDX_NONE || later >= p->steps.n)
		return -1;
	next = step_insn(p, later);
	if (step_path(p, later) != step_path(p, k) &&
	    later == p->paths.v[step_path(p, later)].first_step &&
	    p->paths.v[step_path(p, later)].to_insn != IDX_NONE)
		next = p->paths.v[step_path(p, later)].to_insn;
	if (f->target == step_insn(p, k) + 1)
		return -1; /* both sides are the next insn */
	return next == f->target ? 1 : 0;
}

/* the register's value text differs between the states before steps a and b */
static bool reg_changed(struct walker *w, uint32_t a, uint32_t b, struct why_loc l)
{
	const struct regval *va, *vb;

	if (w->rebuilds + 2 > WHY_MAX_REBUILDS)
		return false;
	if (!state_at(w, a))
		return false;
	w->rebuilds++;
	if (b >= w->p->steps.n || state_before(w->m, w->p, b, w->st2))
		return false;
	va = &w->st->frames[l.frame].regs[l.n];
	vb = &w->st2->frames[l.frame].regs[l.n];
	if (va->kind != vb->kind)
		return true;
	return va->kind != REG_NOT_INIT && !span_eq(w->m, va->text, vb->text);
}

/* the slot's text differs between the state before step k and after it */
static bool slot_changed_by(struct walker *w, uint32_t k, struct why_loc l)
{
	const struct slotval *a, *b;
	uint32_t i = (uint32_t)(-l.n / 8 - 1);

	if (i >= STATE_MAX_SLOTS || w->rebuilds + 2 > WHY_MAX_REBUILDS || !state_at(w, k))
		return false;
	w->rebuilds++;
	if (state_after(w->m, w->p, k, w->st2, NULL))
		return false;
	a = &w->st->frames[l.frame].slots[i];
	b = &w->st2->frames[l.frame].slots[i];
	if (a->used != b->used)
		return true;
	return a->used && !span_eq(w->m, a->text, b->text);
}

/* a register of the step's own frame, written or read by step k */
static void step_reg(struct walker *w, uint32_t k, uint32_t later, uint32_t ti,
		     const struct vlog_insn_ops *o, const struct insn_fact *f)
{
	struct why_loc l = w->track[ti];
	struct step s = step_at(w->p, k);
	uint16_t bit = (uint16_t)(1u << l.n);
	struct why_link *lk;

	if (f && f->kind == INSN_CALL_SUBPROG)
		return; /* the caller's registers during the call: the callee's exit said */
	if (f && (f->kind == INSN_CALL_HELPER || f->kind == INSN_CALL_KFUNC)) {
		if (l.n <= 5) {
			link_add(w, k, l,
				 l.n == 0 ? call_origin(w->m, w->p, s.insn) : WHY_VIA_SCRATCH,
				 later);
			track_del(w, ti);
		}
		return;
	}
	if (f && f->kind == INSN_EXIT)
		return;
	if (!(o->writes & bit)) {
		if ((o->reads & bit) && f && f->kind == INSN_COND_JUMP &&
		    reg_changed(w, k, later, l)) {
			lk = link_add(w, k, l, WHY_VIA_NARROW, later);
			if (lk)
				lk->taken = branch_taken(w->p, k, later);
		}
		return;
	}
	if (o->flags & VLOG_OPS_LD_IMM64) {
		link_add(w, k, l, WHY_VIA_LD_IMM64, later);
		track_del(w, ti);
	} else if (o->flags & VLOG_OPS_MEM_LOAD) {
		uint8_t fr;
		int64_t off;

		if (!(o->flags & VLOG_OPS_SCRATCH) && stack_addr(w, k, o, &fr, &off)) {
			struct why_loc from = slot_loc(fr, off);

			lk = link_add(w, k, l,
				      (o->flags & VLOG_OPS_ATOMIC) ? WHY_VIA_ATOMIC : WHY_VIA_FILL,
				      later);
			if (lk)
				lk->from = from;
			track_del(w, ti);
			track_add(w, from);
		} else {
			lk = link_add(w, k, l, WHY_VIA_LOAD, later);
			if (lk && o->base >= 0 && state_at(w, k)) {
				const struct regval *b = &w->st->frames[s.frame].regs[o->base];

				if (b->kind == REG_PTR)
					lk->base = b->type;
			}
			track_del(w, ti);
		}
	} else if (o->flags & VLOG_OPS_MOV) {
		if (o->src == 10) {
			link_add(w, k, l, WHY_VIA_FP, later);
			track_del(w, ti);
		} else if (o->src >= 0) {
			lk = link_add(w, k, l, WHY_VIA_COPY, later);
			if (lk)
				lk->from = reg_loc(s.frame, o->src);
			w->track[ti] = reg_loc(s.frame, o->src);
		} else {
			link_add(w, k, l, WHY_VIA_CONST, later);
			track_del(w, ti);
		}
	} else {
		/* dst op= src: the value is made of both; keep following dst */
		lk = link_add(w, k, l, WHY_VIA_ALU, later);
		if (o->src >= 0 && o->src != l.n) {
			if (lk)
				lk->from = reg_loc(s.frame, o->src);
			if (o->src == 10)
				link_add(w, k, reg_loc(s.frame, 10), WHY_VIA_FP, later);
			else
				track_add(w, reg_loc(s.frame, o->src));
		}
	}
}

/* a stack slot of frame l.frame, at step k of frame s->frame >= l.frame */
static void step_slot(struct walker *w, uint32_t k, uint32_t later, uint32_t ti,
		      const struct vlog_insn_ops *o, const struct insn_fact *f)
{
	struct why_loc l = w->track[ti];
	struct why_link *lk;
	uint8_t fr;
	int64_t off;

	if (f && (f->kind == INSN_CALL_HELPER || f->kind == INSN_CALL_KFUNC)) {
		/* a helper writing through a pointer argument: the states say whether it did */
		if (slot_changed_by(w, k, l)) {
			link_add(w, k, l, WHY_VIA_CALL_WRITE, later);
			track_del(w, ti);
		}
		return;
	}
	if (!(o->flags & VLOG_OPS_MEM_STORE))
		return;
	if (!stack_addr(w, k, o, &fr, &off) || fr != l.frame || !slot_meets(l, off, o->size))
		return;
	if (o->flags & VLOG_OPS_ATOMIC) {
		lk = link_add(w, k, l, WHY_VIA_ATOMIC, later);
		if (o->src >= 0) {
			if (lk)
				lk->from = reg_loc(step_frame(w->p, k), o->src);
			track_add(w, reg_loc(step_frame(w->p, k), o->src));
		}
		return;
	}
	if (o->src >= 0) {
		struct why_loc from = reg_loc(step_frame(w->p, k), o->src);

		lk = link_add(w, k, l, WHY_VIA_SPILL, later);
		if (lk)
			lk->from = from;
		track_del(w, ti);
		if (o->src == 10)
			link_add(w, k, from, WHY_VIA_FP, later);
		else
			track_add(w, from);
	} else {
		link_add(w, k, l, WHY_VIA_STORE_IMM, later);
		track_del(w, ti);
	}
}

/* apply step k (followed on the walk by `later`) to every tracked location */
static void step_apply(struct walker *w, uint32_t k, uint32_t later, bool cb_entry)
{
	const struct program *p = w->p;
	struct step s = step_at(p, k);
	const struct insn_fact *f = program_insn(p, s.insn);
	const struct vlog_insn_ops *o = ops_of(w, s.insn);
	uint32_t ti = w->ntrack;

	/* walk the set backwards: entries removed are swapped from the end */
	while (ti-- > 0 && !w->err) {
		struct why_loc l = w->track[ti];

		if (l.frame > s.frame) {
			/* the step that entered frame l.frame: a call, or a callback's helper */
			struct why_loc from = reg_loc(s.frame, l.n);
			uint8_t via = WHY_VIA_UNINIT;
			struct why_link *lk;

			if (l.kind == WHY_REG && l.n == 10)
				via = WHY_VIA_FP;
			else if (l.kind == WHY_REG && l.n >= 1 && l.n <= 5)
				via = (!cb_entry && f && f->kind == INSN_CALL_SUBPROG) ?
					      WHY_VIA_ARG :
					      WHY_VIA_CB_ARG;
			lk = link_add(w, k, l, via, later);
			track_del(w, ti);
			if (via == WHY_VIA_ARG) {
				if (lk)
					lk->from = from;
				track_add(w, from);
			}
			continue;
		}
		if (cb_entry)
			continue; /* the caller's state is as it was before the helper call */
		if (f && f->kind == INSN_UNSEEN) {
			w->r->stop = WHY_STOP_UNKNOWN_INSN;
			continue;
		}
		if (l.frame < s.frame) {
			/* a callee's step: its exit gives the caller R0; its stores may reach l */
			if (l.kind == WHY_REG) {
				/* the return to l.frame: R0 is the callee's, R1-R5 are scratched */
				if (l.n <= 5 && f && f->kind == INSN_EXIT &&
				    s.frame == l.frame + 1 && later < p->steps.n &&
				    step_frame(p, later) == l.frame) {
					struct why_loc from = reg_loc(s.frame, 0);
					struct why_link *lk;

					if (l.n) {
						link_add(w, k, l, WHY_VIA_SCRATCH, later);
						track_del(w, ti);
						continue;
					}
					lk = link_add(w, k, l, WHY_VIA_CALL_RET, later);
					if (lk)
						lk->from = from;
					w->track[ti] = from;
				}
			} else {
				step_slot(w, k, later, ti, o, f);
			}
			continue;
		}
		if ((o->flags & VLOG_OPS_UNKNOWN) && f && f->kind == INSN_PLAIN) {
			w->r->stop = w->decoded[s.insn] == 2 ? WHY_STOP_OBJ_MISMATCH :
							       WHY_STOP_UNKNOWN_INSN;
			continue;
		}
		if (l.kind == WHY_REG)
			step_reg(w, k, later, ti, o, f);
		else
			step_slot(w, k, later, ti, o, f);
	}
}

/* the unit's entry: what the kernel sets before the first insn */
static void entry_origins(struct walker *w, const struct unit *u, uint32_t k)
{
	for (uint32_t ti = w->ntrack; ti-- > 0;) {
		struct why_loc l = w->track[ti];
		uint8_t via = WHY_VIA_UNINIT;
		struct why_link *lk;

		if (l.kind == WHY_REG && l.n == 10)
			via = WHY_VIA_FP;
		else if (l.kind == WHY_REG && l.frame == 0 && l.n >= 1 && l.n <= 5) {
			if (u->kind == UNIT_ASYNC_CB)
				via = WHY_VIA_ASYNC_ARG;
			else if (u->kind == UNIT_GLOBAL)
				via = WHY_VIA_ENTRY_ARG;
			else if (l.n == 1)
				via = WHY_VIA_ENTRY_CTX;
		}
		lk = link_add(w, k, l, via, k);
		if (lk && via == WHY_VIA_ASYNC_ARG)
			lk->range_from = u->push_step;
		track_del(w, ti);
	}
}

void why_result_release(struct why_result *r)
{
	if (!r)
		return;
	vec_free(&r->links);
	memset(r, 0, sizeof(*r));
}

int why_compute(const struct model *m, const struct program *p, uint32_t step, struct why_loc what,
		struct why_result *out)
{
	struct walker w = { .m = m, .p = p, .r = out, .st_step = IDX_NONE };
	uint32_t k = step, later = step;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->what = what;
	out->step = step;
	out->stop = WHY_STOP_ORIGIN;
	out->stop_step = IDX_NONE;
	if (step >= p->steps.n) {
		out->stop = WHY_STOP_NO_STEP;
		return -EINVAL;
	}
	if (what.frame > step_frame(p, step) ||
	    (what.kind == WHY_REG && (what.n < 0 || what.n > 10)) ||
	    (what.kind == WHY_SLOT && (what.n >= 0 || what.n < -8 * STATE_MAX_SLOTS)))
		return -EINVAL;
	if (m->obj && p->idx < m->progs.n && m->progs.v[p->idx].p == p)
		w.obj = bpfobj_joined(m, p->idx);
	w.st = malloc(sizeof(*w.st));
	w.st2 = malloc(sizeof(*w.st2));
	w.ops = calloc(p->ninsns ? p->ninsns : 1, sizeof(*w.ops));
	w.decoded = calloc(p->ninsns ? p->ninsns : 1, 1);
	if (!w.st || !w.st2 || !w.ops || !w.decoded) {
		rc = -ENOMEM;
		goto out;
	}
	if (what.kind == WHY_REG && what.n == 10) {
		link_add(&w, step, what, WHY_VIA_FP, step);
		goto done;
	}
	w.track[w.ntrack++] = what;
	while (w.ntrack && !w.err) {
		const struct path *pa = &p->paths.v[step_path(p, k)];
		bool cb_entry = false;
		uint32_t prev;

		const struct unit *u = pa->unit < p->units.n ? &p->units.v[pa->unit] : NULL;
		bool unit_start = u && u->first_path == (uint32_t)(pa - p->paths.v);

		if (k > pa->first_step) {
			prev = k - 1;
		} else if (pa->parent_step != IDX_NONE && pa->parent_step < k &&
			   !(unit_start && u->kind != UNIT_MAIN)) {
			prev = pa->parent_step;
			/* a path that starts deeper than its push: a callback the helper calls */
			cb_entry = step_frame(p, k) > step_frame(p, prev);
		} else {
			out->stop_step = k;
			if (unit_start && p->head_lost && u == p->units.v)
				out->stop = WHY_STOP_HEAD_LOST;
			else if (!unit_start || (u->kind == UNIT_MAIN && pa->from_insn != IDX_NONE))
				out->stop = WHY_STOP_NO_PARENT;
			else
				entry_origins(&w, u, k);
			break;
		}
		out->steps_walked++;
		step_apply(&w, prev, k, cb_entry);
		if (out->stop == WHY_STOP_UNKNOWN_INSN || out->stop == WHY_STOP_OBJ_MISMATCH) {
			out->stop_step = prev;
			break;
		}
		if (w.rebuilds >= WHY_MAX_REBUILDS || out->links.n >= WHY_MAX_LINKS) {
			out->stop = WHY_STOP_BUDGET;
			out->stop_step = prev;
			break;
		}
		later = k;
		k = prev;
	}
	(void)later;
done:
	/* an _or_null value at the step: no test of it on this path since its origin */
	if (!w.err && what.kind == WHY_REG && state_at(&w, step)) {
		const struct regval *v = &w.st->frames[what.frame].regs[what.n];

		if (v->kind == REG_PTR && type_or_null(m, v)) {
			struct why_link *lk;
			uint32_t from =
				out->links.n ? out->links.v[out->links.n - 1].step : IDX_NONE;

			for (uint32_t i = 0; i < out->links.n; i++)
				if (out->links.v[i].via == WHY_VIA_MAP_LOOKUP ||
				    out->links.v[i].via == WHY_VIA_HELPER_RET ||
				    out->links.v[i].via == WHY_VIA_KFUNC_RET)
					from = out->links.v[i].step;
			if (!vec_reserve(&out->links, 1)) {
				memmove(out->links.v + 1, out->links.v,
					out->links.n * sizeof(*out->links.v));
				out->links.n++;
				lk = &out->links.v[0];
				memset(lk, 0, sizeof(*lk));
				lk->step = step;
				lk->insn = step_insn(p, step);
				lk->what = lk->from = what;
				lk->via = WHY_VIA_NO_NULL_CHECK;
				lk->taken = -1;
				lk->value_at = step;
				lk->range_from = from;
			} else {
				w.err = -ENOMEM;
			}
		}
	}
	rc = w.err;
out:
	free(w.st);
	free(w.st2);
	free(w.ops);
	free(w.decoded);
	if (rc)
		why_result_release(out);
	return rc;
}

/* ---- words ------------------------------------------------------------------------------ */

char *why_via_text(const struct model *m, const struct program *p, const struct why_link *l,
		   char *buf, size_t n)
{
	char from[32], name[128];
	const char *callee;
	const char *via = l->via < WHY_VIA__COUNT ? via_names[l->via] : "?";
	uint8_t base = l->what.frame;

	why_loc_text(&l->from, base, from, sizeof(from));
	switch (l->via) {
	case WHY_VIA_COPY:
	case WHY_VIA_ALU:
		if (same_loc(l->from, l->what))
			snprintf(buf, n, "%s", via);
		else
			snprintf(buf, n, "%s %s %s", via, l->via == WHY_VIA_COPY ? "of" : "with",
				 from);
		break;
	case WHY_VIA_SPILL:
		why_loc_text(&l->what, l->what.frame, from, sizeof(from));
		snprintf(buf, n, "%s %s", via, from);
		break;
	case WHY_VIA_FILL:
	case WHY_VIA_ATOMIC:
		if (l->from.kind == WHY_SLOT) {
			why_loc_text(&l->from, l->from.frame == base ? base : 0xff, from,
				     sizeof(from));
			snprintf(buf, n, "%s %s", via, from);
		} else {
			snprintf(buf, n, "%s", via);
		}
		break;
	case WHY_VIA_ARG:
		callee = program_callee_name(m, p, l->insn, name, sizeof(name));
		snprintf(buf, n, "arg R%d of callee %s", l->what.n, callee ? callee : "?");
		break;
	case WHY_VIA_CALL_RET:
	case WHY_VIA_HELPER_RET:
	case WHY_VIA_MAP_LOOKUP:
	case WHY_VIA_KFUNC_RET:
	case WHY_VIA_SCRATCH:
	case WHY_VIA_CALL_WRITE: {
		uint32_t at = l->insn;

		const struct insn_fact *f = program_insn(p, l->insn);

		if (f && f->kind == INSN_EXIT && l->value_at < p->steps.n) {
			/* the call is the insn before the one the caller resumes at */
			uint32_t r = step_insn(p, l->value_at);

			at = r ? r - 1 : r;
		}
		callee = program_callee_name(m, p, at, name, sizeof(name));
		snprintf(buf, n, "%s %s", via, callee ? callee : "?");
		break;
	}
	case WHY_VIA_ASYNC_ARG:
		if (l->range_from < p->steps.n) {
			uint32_t ri = step_insn(p, l->range_from);

			callee = program_callee_name(m, p, ri, name, sizeof(name));
			snprintf(buf, n, "%s R%d, registered by %s at step %u", via, l->what.n,
				 callee ? callee : "?", l->range_from + 1);
		} else {
			snprintf(buf, n, "%s R%d", via, l->what.n);
		}
		break;
	case WHY_VIA_CB_ARG:
		callee = program_callee_name(m, p, l->insn, name, sizeof(name));
		snprintf(buf, n, "%s R%d, set by %s", via, l->what.n, callee ? callee : "?");
		break;
	case WHY_VIA_ENTRY_ARG:
		snprintf(buf, n, "%s R%d of the function", via, l->what.n);
		break;
	case WHY_VIA_LOAD:
		if (l->base.len)
			snprintf(buf, n, "%s (%.*s)", via,
				 (int)(l->base.len > 64 ? 64 : l->base.len),
				 m->log.buf + l->base.off);
		else
			snprintf(buf, n, "%s", via);
		break;
	case WHY_VIA_NARROW:
		snprintf(buf, n, "%s%s", via,
			 l->taken == 1 ? " taken" :
			 l->taken == 0 ? " fall-through" :
					 "");
		break;
	case WHY_VIA_NO_NULL_CHECK:
		if (l->range_from != IDX_NONE)
			snprintf(buf, n, "%s of R%d on this path after step %u", via, l->what.n,
				 l->range_from + 1);
		else
			snprintf(buf, n, "%s of R%d on this path", via, l->what.n);
		break;
	default:
		snprintf(buf, n, "%s", via);
	}
	return buf;
}

char *why_link_value(const struct model *m, const struct program *p, const struct why_link *l,
		     char *buf, size_t n)
{
	struct vstate *st;
	const struct frame_state *f;

	if (n)
		buf[0] = '\0';
	if (l->value_at >= p->steps.n || l->what.frame >= MODEL_MAX_FRAMES)
		return buf;
	st = malloc(sizeof(*st));
	if (!st)
		return buf;
	if (!state_before(m, p, l->value_at, st)) {
		f = &st->frames[l->what.frame];
		if (l->what.kind == WHY_REG && l->what.n >= 0 && l->what.n < STATE_NREGS) {
			if (f->regs[l->what.n].kind != REG_NOT_INIT)
				state_format_value(m, &f->regs[l->what.n], buf, n);
		} else if (l->what.kind == WHY_SLOT) {
			uint32_t i = (uint32_t)(-l->what.n / 8 - 1);

			if (i < STATE_MAX_SLOTS && f->slots[i].used) {
				uint32_t len = f->slots[i].text.len;

				if (len >= n)
					len = (uint32_t)n - 1;
				memcpy(buf, m->log.buf + f->slots[i].text.off, len);
				buf[len] = '\0';
			}
		}
	}
	free(st);
	return buf;
}

struct span why_insn_text(const struct model *m, const struct program *p, uint32_t insn)
{
	struct span sp = { 0, 0 };
	struct vlog_insn vi;

	if (insn >= p->ninsns || !p->insn_line || p->insn_line[insn] == UINT64_MAX || !p->insns)
		return sp;
	if (!vlog_insn_split(m->log.buf + p->insn_line[insn], p->insns[insn].text_len, &vi))
		return sp;
	sp.off = p->insn_line[insn] + vi.text;
	sp.len = vi.text_end - vi.text;
	return sp;
}

int why_call_args(const struct model *m, const struct program *p, uint32_t insn,
		  char names[HELPER_MAX_ARGS][32], const char **callee)
{
	const struct insn_fact *f = program_insn(p, insn);
	int n = 0;

	if (!f || f->name == STR_NONE)
		return -1;
	*callee = strtab_get(&m->str, f->name);
	if (f->kind == INSN_CALL_HELPER) {
		const struct helper_proto *hp = helper_proto_lookup(*callee);

		if (!hp)
			return -1;
		*callee = hp->name;
		for (n = 0; n < hp->nargs && n < HELPER_MAX_ARGS; n++)
			snprintf(names[n], 32, "%s", hp->args[n]);
		return n;
	}
	if (f->kind == INSN_CALL_KFUNC) {
		/*
		 * the names from this kernel's BTF when the log's kfunc id names the
		 * same function there, else the extern's prototype in the object's BTF
		 */
		char kb[256];
		const struct bpfobj_prog *op = m->obj ? bpfobj_joined(m, p->idx) : NULL;
		const char *s = kbtf_kfunc_params(*callee, f->call_id, kb, sizeof(kb));

		if (!s && op && insn < op->ninsns)
			s = op->info[insn].params;

		if (!s)
			return -1;
		while (*s && n < HELPER_MAX_ARGS) {
			size_t l = strcspn(s, ",");

			snprintf(names[n++], 32, "%.*s", (int)(l < 31 ? l : 31), s);
			s += l + (s[l] == ',');
		}
		return n;
	}
	return -1;
}

char *why_call_text(const struct model *m, const struct program *p, uint32_t k, char *buf, size_t n)
{
	char names[HELPER_MAX_ARGS][32];
	const char *callee;
	struct vstate *st;
	int na = k < p->steps.n ? why_call_args(m, p, step_insn(p, k), names, &callee) : -1;
	size_t len;

	if (na < 0 || n < 2 || !(st = malloc(sizeof(*st))))
		return NULL;
	if (state_before(m, p, k, st)) {
		free(st);
		return NULL;
	}
	len = (size_t)snprintf(buf, n, "r0 = %s(", callee);
	for (int a = 0; a < na && len < n; a++) {
		const struct regval *v = &st->frames[step_frame(p, k)].regs[a + 1];
		char val[256];

		if (v->kind == REG_NOT_INIT)
			snprintf(val, sizeof(val), "-");
		else
			state_format_value(m, v, val, sizeof(val));
		len += (size_t)snprintf(buf + len, n - len, "%s%s: R%u=%s", a ? ", " : "", names[a],
					(unsigned int)a + 1, val);
	}
	if (len < n)
		snprintf(buf + len, n - len, ")");
	free(st);
	return buf;
}
