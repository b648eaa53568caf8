// SPDX-License-Identifier: MIT
/*
 * vlog.c — the verifier log parser: one pass over the log text, one
 * classifier per line kind, building programs, units, paths, steps, full
 * states, source lines and the verdict into the model.
 *
 * It owns no text: every line is an offset into m->log.buf. It allocates
 * per step, per full state and per path, never per line, and never prints.
 * A line it does not know is counted (LINE_UNKNOWN) and its offset kept;
 * unknown lines that sit right before the stats at the end of a program
 * are the verifier's error message.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/bpfdis.h"
#include "parsers/vlog.h"
#include "parsers/vlog_insn.h"
#include "parsers/vlog_line.h"
#include "parsers/vlog_scan.h"
#include "src/model/model.h"

#define PENDING_MAX 4096 /* error lines kept; more are counted as unknown */

enum block_state {
	BLK_NONE = 0,
	BLK_CALLER, /* next " STATE" is the caller's */
	BLK_CALLEE,
	BLK_RET_CALLEE,
	BLK_RET_CALLER,
};

enum diag_section {
	DSEC_NONE = 0,
	DSEC_REASON,
	DSEC_AT,
	DSEC_CAUSAL,
	DSEC_SUGGESTION,
};

struct parser {
	struct model *m;
	const char *buf;
	size_t len;
	uint32_t pi; /* current program index, IDX_NONE outside a program */

	bool framed;	    /* inside libbpf's BEGIN/END markers */
	bool prog_framed;   /* the current program was opened by a BEGIN marker */
	bool ended;	    /* the current program saw its "processed" line */
	bool first_checked; /* the program's first structural line was looked at */
	bool rotated;	    /* the log starts in the middle: a rotated buffer */
	bool head_suspect;  /* the first line was a state at insn > 0 (head_missing) */
	bool in_live_regs;
	bool in_pre;	/* 7.x analysis block before the exploration */
	bool unit_done; /* the current unit ended ("is safe for any args") */
	bool saw_func_start;
	bool path_ended;   /* the current path ended: exit in frame 0, or safe */
	uint8_t prev_kind; /* kind of the previous non-blank line */
	uint8_t block;	   /* enum block_state */
	uint8_t diag_sec;  /* enum diag_section */
	bool in_diag;
	uint32_t cur_unit, cur_path, cur_src;
	uint8_t cur_frame;
	uint32_t block_insn;   /* N of "to caller at N:" */
	uint32_t pending_step; /* the step the pending error lines follow */
	uint32_t *last_visit;  /* per insn: the last step that visited it */
	uint32_t last_visit_cap;
	uint32_t
		last_visit_used; /* entries written since the last reset: a reset clears only these */
	uint32_t insn_cap; /* entries the current program's per-insn tables hold (>= ninsns) */
	uint64_t lc[LINE__COUNT]; /* the current program's lines of each kind */
	uint32_t *branch_to;	  /* per target insn: the last conditional jump step to it */
	uint32_t branch_to_cap;
	uint32_t branch_to_used;
	uint32_t *sp_index; /* per func id: index in the program's subprogs, IDX_NONE */
	uint32_t sp_index_cap;
	uint32_t sp_index_used;
	bool sp_unsorted; /* func#N lines came with decreasing starts */

	VEC(struct span) pending; /* candidate error lines */
	uint64_t pending_dropped;

	char *dbuf; /* diagnostic text being gathered */
	size_t dlen, dcap;

	struct dialect_marks dm;

	uint64_t ln_off, ln_no; /* line_no()'s cursor: line ln_no starts at or before ln_off */

	vlog_done_fn done; /* who takes each program when the parser is done with it */
	void *done_ctx;

	uint64_t bad_numbers;	/* insn-like lines with an index out of range */
	uint64_t bad_first_off; /* the first of them */
};

/* the line number of offset off, counted on from the last call (warnings come in order) */
static uint64_t line_no(struct parser *ps, uint64_t off)
{
	if (off > ps->len)
		off = ps->len;
	if (!ps->ln_no || off < ps->ln_off) {
		ps->ln_off = 0;
		ps->ln_no = 1;
	}
	/* the newlines before off, 32 or 64 bytes at a time */
	ps->ln_no += scan_count_lines(ps->buf + ps->ln_off, off - ps->ln_off);
	ps->ln_off = off;
	return ps->ln_no;
}

static struct program *cur_prog(struct parser *ps)
{
	return ps->pi == IDX_NONE ? NULL : model_prog(ps->m, ps->pi);
}

/*
 * n more lines of kind k in the current program: the parser's count for it,
 * the model's over the log, and the program's own count of unknown lines
 * (the only kind a front end shows per program)
 */
static void count_lines(struct parser *ps, enum line_kind k, uint64_t n)
{
	struct program *p = cur_prog(ps);
	struct program_cold *pc;

	if (!p || !n)
		return;
	ps->lc[k] += n;
	ps->m->line_counts[k] += n;
	if (k == LINE_UNKNOWN && (pc = program_cold_get(p)))
		pc->unknown_lines += n;
}

/* ---- per-insn arrays ---------------------------------------------------------------- */

static int grow_insns(struct parser *ps, struct program *p, uint32_t insn)
{
	uint32_t ncap, i;

	if (insn >= MODEL_MAX_INSNS)
		return -E2BIG;
	if (insn < p->ninsns)
		return 0;
	if (insn < ps->insn_cap) {
		p->ninsns = insn + 1; /* entries up to insn_cap are initialized */
		return 0;
	}
	ncap = ps->insn_cap ? ps->insn_cap : 1; /* small: a log may hold many tiny programs */
	while (ncap <= insn)
		ncap *= 2;
	if (ncap > MODEL_MAX_INSNS)
		ncap = MODEL_MAX_INSNS;
	{
		uint32_t *v = realloc(p->visits, (size_t)ncap * sizeof(*v));
		uint64_t *l;
		struct insn_fact *f;

		if (!v)
			return -ENOMEM;
		p->visits = v;
		l = realloc(p->insn_line, (size_t)ncap * sizeof(*l));
		if (!l)
			return -ENOMEM;
		p->insn_line = l;
		f = realloc(p->insns, (size_t)ncap * sizeof(*f));
		if (!f)
			return -ENOMEM;
		p->insns = f;
	}
	for (i = ps->insn_cap; i < ncap; i++) {
		p->visits[i] = 0;
		p->insn_line[i] = UINT64_MAX;
		p->insns[i] = (struct insn_fact){
			.kind = INSN_UNSEEN, .target = IDX_NONE, .name = STR_NONE, .call_id = -1
		};
	}
	if (ncap > ps->last_visit_cap) {
		uint32_t *lv = realloc(ps->last_visit, (size_t)ncap * sizeof(*lv));

		if (!lv)
			return -ENOMEM;
		for (i = ps->last_visit_cap; i < ncap; i++)
			lv[i] = IDX_NONE;
		ps->last_visit = lv;
		ps->last_visit_cap = ncap;
	}
	ps->insn_cap = ncap;
	p->ninsns = insn + 1;
	return 0;
}

/* the per-insn tables hold the program's insns, not the grown capacity */
static void shrink_insns(struct parser *ps, struct program *p)
{
	uint32_t n = p->ninsns;

	if (ps->insn_cap > n && n) {
		void *v = realloc(p->visits, (size_t)n * sizeof(*p->visits));

		if (v)
			p->visits = v;
		v = realloc(p->insn_line, (size_t)n * sizeof(*p->insn_line));
		if (v)
			p->insn_line = v;
		v = realloc(p->insns, (size_t)n * sizeof(*p->insns));
		if (v)
			p->insns = v;
	} else if (!n) {
		program_insn_tables_free(p);
	}
	ps->insn_cap = n;
}

/*
 * The first line showing insn (an instruction line or a live-regs row):
 * keep it, and what its text says, once per instruction index.
 */
static void note_insn_text(struct parser *ps, struct program *p, const struct vlog_line *l)
{
	struct insn_fact *f;
	struct vlog_insn_target t;

	if (l->insn >= p->ninsns || p->insn_line[l->insn] != UINT64_MAX || !l->text_len)
		return;
	p->insn_line[l->insn] = l->text_off;
	f = &p->insns[l->insn];
	vlog_insn_target(ps->buf + l->text_off, l->text_len, l->insn, bpfdis_helper_name, &t);
	f->opcode = l->opcode;
	f->kind = t.kind;
	f->text_len = l->text_len > UINT16_MAX ? UINT16_MAX : (uint16_t)l->text_len;
	f->target = t.target;
	f->call_id = t.call_id > INT32_MAX ? -1 : (int32_t)t.call_id;
	if (t.name_len)
		f->name = strtab_intern(&ps->m->str, ps->buf + l->text_off + t.name, t.name_len);
}

/* the subprog func#id of the current program (constant time: logs may list many), or NULL */
static struct subprog *sp_by_id(struct parser *ps, struct program *p, uint32_t id)
{
	uint32_t k;

	if (id >= ps->sp_index_cap)
		return NULL;
	k = ps->sp_index[id];
	return k < p->subprogs.n ? &p->subprogs.v[k] : NULL;
}

/* add func#id @start; 0, -ENOMEM, or -E2BIG for an id no program can have */
static int sp_add(struct parser *ps, struct program *p, uint32_t id, uint32_t start)
{
	struct subprog *sp;

	if (id >= MODEL_MAX_INSNS)
		return -E2BIG;
	if (id >= ps->sp_index_cap) {
		uint32_t ncap = ps->sp_index_cap ? ps->sp_index_cap : 64, i, *v;

		while (ncap <= id)
			ncap *= 2;
		v = realloc(ps->sp_index, (size_t)ncap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		for (i = ps->sp_index_cap; i < ncap; i++)
			v[i] = IDX_NONE;
		ps->sp_index = v;
		ps->sp_index_cap = ncap;
	}
	if (p->subprogs.n && p->subprogs.v[p->subprogs.n - 1].start > start)
		ps->sp_unsorted = true;
	sp = vec_push(&p->subprogs);
	if (!sp)
		return -ENOMEM;
	sp->id = id;
	sp->start = start;
	sp->end = IDX_NONE;
	sp->might_sleep = -1;
	sp->linkage = id == 0 ? LINKAGE_MAIN : LINKAGE_UNKNOWN;
	sp->roles = id == 0 ? ROLE_MAIN : 0;
	ps->sp_index[id] = p->subprogs.n - 1;
	if (id >= ps->sp_index_used)
		ps->sp_index_used = id + 1;
	return 0;
}

/* program_subprog_at() while parsing: a binary search when the func# lines came sorted */
static const struct subprog *sp_at(const struct parser *ps, const struct program *p, uint32_t insn)
{
	uint32_t lo = 0, hi = p->subprogs.n;

	if (ps->sp_unsorted)
		return program_subprog_at(p, insn);
	/* the last subprog with start <= insn (no ends are known yet) */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (p->subprogs.v[mid].start <= insn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &p->subprogs.v[lo - 1] : NULL;
}

/* ---- programs, units, paths ------------------------------------------------------- */

static void flush_pending_unknown(struct parser *ps);
static int note_branch(struct parser *ps, uint32_t k);

/* the current program, ended, goes to whoever takes it (vlog_parse_each()) */
static int hand_over(struct parser *ps)
{
	if (ps->pi == IDX_NONE || !ps->ended || !ps->done)
		return 0;
	return ps->done(ps->done_ctx, ps->m, ps->pi);
}

static int start_program(struct parser *ps, uint32_t name)
{
	struct program *p;
	int rc;

	flush_pending_unknown(ps);
	rc = hand_over(ps);
	if (rc)
		return rc;
	p = model_add_program(ps->m);
	if (!p)
		return -ENOMEM;
	p->name = name;
	ps->pi = ps->m->progs.n - 1;
	ps->insn_cap = 0;
	memset(ps->lc, 0, sizeof(ps->lc));
	ps->ended = false;
	ps->prog_framed = false;
	ps->first_checked = false;
	ps->rotated = false;
	ps->head_suspect = false;
	ps->in_live_regs = false;
	ps->in_pre = false;
	ps->unit_done = true;
	ps->saw_func_start = false;
	ps->block = BLK_NONE;
	ps->in_diag = false;
	ps->diag_sec = DSEC_NONE;
	ps->cur_unit = ps->cur_path = ps->cur_src = IDX_NONE;
	ps->cur_frame = 0;
	ps->pending.n = 0;
	ps->pending_dropped = 0;
	ps->pending_step = IDX_NONE;
	memset(&ps->dm, 0, sizeof(ps->dm));
	/*
	 * only what the last program wrote: after one program with an insn
	 * near 2^20, clearing the grown tables per tiny program was quadratic
	 */
	for (uint32_t i = 0; i < ps->last_visit_used; i++)
		ps->last_visit[i] = IDX_NONE;
	for (uint32_t i = 0; i < ps->branch_to_used; i++)
		ps->branch_to[i] = IDX_NONE;
	for (uint32_t i = 0; i < ps->sp_index_used; i++)
		ps->sp_index[i] = IDX_NONE;
	ps->last_visit_used = ps->branch_to_used = ps->sp_index_used = 0;
	ps->sp_unsorted = false;
	return 0;
}

static int ensure_program(struct parser *ps, uint64_t off)
{
	int rc;

	if (ps->pi != IDX_NONE && !ps->ended)
		return 0;
	rc = start_program(ps, STR_NONE);
	if (rc)
		return rc;
	cur_prog(ps)->log.off = off;
	return 0;
}

static int new_unit(struct parser *ps, uint8_t kind, uint32_t name, uint32_t func_id,
		    uint32_t start_insn, uint32_t push_step)
{
	struct program *p = cur_prog(ps);
	struct unit *u = vec_push(&p->units);

	if (!u)
		return -ENOMEM;
	u->kind = kind;
	u->name = name;
	u->func_id = func_id;
	u->start_insn = start_insn;
	u->first_path = p->paths.n;
	u->first_step = p->steps.n;
	u->push_step = push_step;
	ps->cur_unit = p->units.n - 1;
	ps->unit_done = false;
	return 0;
}

static int new_path(struct parser *ps, uint64_t off, uint32_t from, uint32_t to,
		    uint32_t parent_step, uint8_t flags)
{
	struct program *p = cur_prog(ps);
	struct path *pa = vec_push(&p->paths);

	if (!pa)
		return -ENOMEM;
	pa->off = off;
	pa->first_step = p->steps.n;
	pa->from_insn = from;
	pa->to_insn = to;
	pa->parent_step = parent_step;
	pa->unit = ps->cur_unit;
	pa->fstate = IDX_NONE;
	pa->flags = flags;
	ps->cur_path = p->paths.n - 1;
	ps->cur_src = IDX_NONE;
	ps->path_ended = false;
	p->units.v[ps->cur_unit].npaths++;
	return 0;
}

/* make sure a unit and a path exist before a step or a state */
static int ensure_path(struct parser *ps, uint64_t off, uint32_t insn)
{
	struct program *p = cur_prog(ps);
	int rc = 0;

	if (ps->cur_unit == IDX_NONE || ps->unit_done) {
		const struct subprog *sp = sp_at(ps, p, insn);
		bool main = insn == 0 || !sp || sp->id == 0;

		rc = new_unit(ps, main ? UNIT_MAIN : UNIT_GLOBAL, main ? STR_NONE : sp->name,
			      main ? IDX_NONE : sp->id, insn, IDX_NONE);
		if (rc)
			return rc;
		ps->cur_path = IDX_NONE;
	}
	if (ps->cur_path == IDX_NONE)
		return new_path(ps, off, IDX_NONE, insn, IDX_NONE, 0);
	return 0;
}

/* does the last step recorded belong to the current path? */
static bool cur_path_has_steps(struct parser *ps)
{
	struct program *p = cur_prog(ps);

	return ps->cur_path != IDX_NONE && p->paths.v[ps->cur_path].first_step < p->steps.n;
}

/* ---- error candidates ------------------------------------------------------------- */

static void keep_unknown(struct parser *ps, uint64_t off)
{
	struct program *p = cur_prog(ps);
	uint64_t *slot;

	if (!p)
		return;
	if (off < ps->len) {
		const char *nl = memchr(ps->buf + off, '\n', ps->len - off);
		size_t n = nl ? (size_t)(nl - (ps->buf + off)) : ps->len - off;

		if (n <= UINT32_MAX && vlog_is_kernel_note(ps->buf + off, (uint32_t)n)) {
			count_lines(ps, LINE_NOTE, 1);
			return;
		}
	}
	count_lines(ps, LINE_UNKNOWN, 1);
	if (program_cold(p)->unknown.n < MODEL_MAX_UNKNOWN_KEPT && program_cold_get(p)) {
		slot = vec_push(&p->cold->unknown);
		if (slot)
			*slot = off;
	}
}

/* a structural line came: the candidate error lines were not an error */
static void flush_pending_unknown(struct parser *ps)
{
	uint32_t i;

	for (i = 0; i < ps->pending.n; i++)
		keep_unknown(ps, ps->pending.v[i].off);
	if (cur_prog(ps))
		count_lines(ps, LINE_UNKNOWN, ps->pending_dropped);
	ps->pending.n = 0;
	ps->pending_dropped = 0;
	ps->pending_step = IDX_NONE;
}

static void add_pending(struct parser *ps, uint64_t off, uint32_t len)
{
	struct program *p = cur_prog(ps);
	struct span *s;

	if (!ps->pending.n) {
		/* the error follows the failing instruction line of this path */
		ps->pending_step = IDX_NONE;
		if (p->steps.n && cur_path_has_steps(ps))
			ps->pending_step = p->steps.n - 1;
	}
	if (ps->pending.n >= PENDING_MAX) {
		ps->pending_dropped++;
		return;
	}
	s = vec_push(&ps->pending);
	if (!s) {
		ps->pending_dropped++;
		return;
	}
	s->off = off;
	s->len = len;
}

/* ---- the end of a program ------------------------------------------------------- */

static bool program_has_content(const struct parser *ps)
{
	uint32_t k;

	for (k = 0; k < LINE__COUNT; k++)
		if (ps->lc[k] && k != LINE_UNKNOWN && k != LINE_BLANK && k != LINE_LOADER &&
		    k != LINE_ERROR)
			return true;
	return false;
}

/*
 * A log whose head is gone but which still looks whole: a tail starting at
 * a state line "2: R1=0 ..." (a 5.x global validated first is followed by
 * the main program at insn 0; a tail never reaches insn 0 again), or work
 * done ("processed N", N > 0) with an error or a 7.3 diagnostic block but
 * not one instruction line (a 7.3 buffer rotated on ENOSPC keeps only the
 * block). Checked once, at the end of the program.
 */
static bool head_missing(const struct parser *ps, const struct program *p)
{
	uint32_t i;

	if (ps->rotated)
		return false; /* said already */
	if (!p->steps.n)
		return p->stats.processed_insns > 0 &&
		       (p->error.n || ps->pending.n || ps->in_diag || program_cold(p)->has_diag);
	if (!ps->head_suspect)
		return false;
	for (i = 0; i < p->steps.n; i++)
		if (step_insn(p, i) == 0)
			return false;
	return true;
}

/*
 * Errors the kernel raises after the exploration, from the passes that
 * rewrite the program once every path was checked (do_misc_fixups(),
 * fixup_kfunc_call()): they belong to no step.
 */
static const char *const post_exploration_errors[] = {
	"not eliminated in verifier pass", /* fixup_kfunc_call(): a kfunc call left */
	"kernel subsystem misconfigured",  /* do_misc_fixups(): a helper without an impl */
};

static bool is_post_exploration_error(const struct parser *ps, const struct span *s)
{
	for (size_t i = 0; i < sizeof(post_exploration_errors) / sizeof(post_exploration_errors[0]);
	     i++)
		if (memmem(ps->buf + s->off, s->len, post_exploration_errors[i],
			   strlen(post_exploration_errors[i])))
			return true;
	return false;
}

/* the instruction an error line names ("... insn 12 ..."), IDX_NONE when none */
static uint32_t error_named_insn(const struct parser *ps, const struct program *p)
{
	for (uint32_t i = 0; i < p->error.n; i++) {
		const char *s = ps->buf + p->error.v[i].off, *e = s + p->error.v[i].len, *t = s;

		while ((t = memmem(t, (size_t)(e - t), "insn ", 5))) {
			uint64_t v = 0;
			const char *d = t + 5;

			if ((t == s || t[-1] == ' ' || t[-1] == '(') && d < e && *d >= '0' &&
			    *d <= '9') {
				while (d < e && *d >= '0' && *d <= '9' && v < IDX_NONE)
					v = v * 10 + (uint64_t)(*d++ - '0');
				if (v < IDX_NONE)
					return (uint32_t)v;
			}
			t += 5;
		}
	}
	return IDX_NONE;
}

static void finish_program(struct parser *ps, uint64_t end_off, bool saw_processed)
{
	struct program *p = cur_prog(ps);
	uint32_t i;

	if (!p)
		return;
	if (end_off < p->log.off)
		end_off = p->log.off;
	p->log.len =
		(uint32_t)((end_off - p->log.off) > UINT32_MAX ? UINT32_MAX : end_off - p->log.off);
	if (!saw_processed)
		flush_pending_unknown(ps);
	if (ps->pending.n) {
		/* the lines before the stats are the error */
		p->error.n = 0;
		for (i = 0; i < ps->pending.n; i++) {
			struct span *s = vec_push(&p->error);

			if (!s)
				break;
			*s = ps->pending.v[i];
		}
		count_lines(ps, LINE_ERROR, ps->pending.n);
		count_lines(ps, LINE_UNKNOWN, ps->pending_dropped);
		p->error_step = ps->pending_step;
		if (p->error.n && is_post_exploration_error(ps, &p->error.v[0])) {
			p->error_after = true;
			p->error_step = IDX_NONE;
			/* no step, but the insn when the message names one */
			p->error_insn = error_named_insn(ps, p);
		}
		if (p->error_step != IDX_NONE) {
			step_add_flags(p, p->error_step, STEP_ERROR);
			p->error_insn = step_insn(p, p->error_step);
			p->paths.v[step_path(p, p->error_step)].flags |= PATH_ERROR;
		}
		ps->pending.n = 0;
		ps->pending_dropped = 0;
	}
	if (ps->prog_framed && !program_has_content(ps) && p->error.n)
		; /* refused by the loader, which said why (loader_reason) */
	else if (ps->prog_framed && !program_has_content(ps))
		model_warn_prog(ps->m, ps->pi, "%s:%llu: the log of program %u%s%s%s is empty",
				strtab_get(&ps->m->str, ps->m->log.name),
				(unsigned long long)line_no(ps, p->log.off ? p->log.off - 1 : 0),
				ps->pi, p->name ? " '" : "", strtab_get(&ps->m->str, p->name),
				p->name ? "'" : "");
	else if (!saw_processed && program_has_content(ps))
		model_warn_prog(
			ps->m, ps->pi,
			"%s:%llu: the log of program %u ends before its \"processed\" "
			"line (a full fixed-size buffer, or a cut file)%s: the verdict is unknown",
			strtab_get(&ps->m->str, ps->m->log.name),
			(unsigned long long)line_no(ps, end_off ? end_off - 1 : 0), ps->pi,
			end_off == ps->len && ps->len && ps->buf[ps->len - 1] != '\n' ?
				", in the middle of a line" :
				"");
	if (saw_processed && head_missing(ps, p)) {
		ps->rotated = true;
		model_warn_prog(ps->m, ps->pi,
				"%s: the head of the log of program %u is missing (%s): "
				"the verdict is not known",
				strtab_get(&ps->m->str, ps->m->log.name), ps->pi,
				p->steps.n ? "it starts in the middle of a path, never at insn 0" :
					     "an error and a processed count, but no instruction");
	}
	if (ps->prog_framed && !program_has_content(ps) && p->error.n && !p->steps.n &&
	    p->stats.processed_insns < 0)
		p->verdict = VERDICT_REJECTED; /* by the loader */
	else if (ps->prog_framed && !program_has_content(ps) && !saw_processed)
		p->verdict = VERDICT_UNKNOWN; /* an empty frame: no log, nothing was cut */
	else if (!saw_processed || ps->rotated)
		p->verdict = VERDICT_TRUNCATED;
	else if (p->error.n)
		p->verdict = VERDICT_REJECTED;
	else
		p->verdict = VERDICT_ACCEPTED;
	p->head_lost = ps->rotated;
	/* close units and paths */
	for (i = 0; i < p->paths.n; i++) {
		uint32_t next = i + 1 < p->paths.n ? p->paths.v[i + 1].first_step : p->steps.n;

		p->paths.v[i].nsteps = next - p->paths.v[i].first_step;
	}
	for (i = 0; i < p->units.n; i++)
		p->units.v[i].nsteps = 0;
	for (i = 0; i < p->paths.n; i++)
		if (p->paths.v[i].unit < p->units.n)
			p->units.v[p->paths.v[i].unit].nsteps += p->paths.v[i].nsteps;
	p->log_level = ps->saw_func_start ? 2 : 1;
	for (i = 0; i < p->steps.n && !p->insn_states_partial; i++)
		if (step_flags(p, i) & STEP_HAS_DELTA)
			p->insn_states_partial = true;
	p->dialect = strtab_intern_cstr(&ps->m->str, vlog_dialect_name(&ps->dm, p->log_level));
	if (ps->in_diag)
		vlog_diag_finish(ps->m, p, ps->dbuf, ps->dlen, ps->diag_sec);
	ps->in_diag = false;
	ps->dlen = 0;
	ps->ended = true;
	if (!ps->prog_framed && !program_has_content(ps)) {
		/* only noise around the logs (a bug report's prose, loader output): no program */
		ps->m->noise_lines += ps->lc[LINE_UNKNOWN];
		model_pop_program(ps->m);
		ps->pi = IDX_NONE;
	} else {
		vlog_sort_subprogs(p); /* and their ends */
		/* many tiny programs must not each keep a few KB of spare capacity */
		shrink_insns(ps, p);
		program_shrink(p);
	}
}

/* ---- line handlers ----------------------------------------------------------------- */

static int handle_state(struct parser *ps, uint64_t line_off, uint64_t st_off, uint32_t st_len,
			uint32_t insn, uint8_t kind)
{
	struct program *p = cur_prog(ps);
	struct fstate *fs;
	struct vlog_state_info si;
	int rc = 0;

	vlog_state_info(ps->buf + st_off, st_len, &si, &ps->dm);
	if (kind == FS_INSN || kind == FS_POST) {
		rc = ensure_path(ps, line_off, insn == IDX_NONE ? 0 : insn);
		if (rc)
			return rc;
	} else if (ps->cur_path == IDX_NONE) {
		rc = ensure_path(ps, line_off, insn == IDX_NONE ? 0 : insn);
		if (rc)
			return rc;
	}
	fs = vec_push(&p->fstates);
	if (!fs)
		return -ENOMEM;
	fs->off = st_off;
	fs->len = st_len;
	fs->step = p->steps.n;
	fs->insn = insn;
	fs->path = ps->cur_path;
	fs->frame = (uint8_t)si.frame;
	fs->kind = kind;
	if (p->paths.v[ps->cur_path].fstate == IDX_NONE &&
	    p->paths.v[ps->cur_path].first_step == p->steps.n)
		p->paths.v[ps->cur_path].fstate = p->fstates.n - 1;
	ps->cur_frame = (uint8_t)si.frame;
	count_lines(ps, LINE_STATE, 1);
	return 0;
}

static int handle_insn(struct parser *ps, const struct vlog_line *l)
{
	struct program *p = cur_prog(ps);
	struct step step = { .off = l->off, .insn = l->insn }, *st = &step;
	int rc = 0;

	rc = grow_insns(ps, p, l->insn);
	if (rc)
		return rc;
	rc = ensure_path(ps, l->off, l->insn);
	if (rc)
		return rc;
	note_insn_text(ps, p, l);
	if (l->trailer_len && !l->glued && l->trailer_off - l->off <= UINT16_MAX) {
		struct vlog_state_info si;

		vlog_state_info(ps->buf + l->trailer_off, l->trailer_len, &si, &ps->dm);
		if (si.items) {
			st->flags |= STEP_HAS_DELTA;
			st->tail = (uint16_t)(l->trailer_off - l->off);
			ps->cur_frame = (uint8_t)si.frame;
		} else {
			st->flags |= STEP_EMPTY_DELTA;
		}
	} else if (!l->glued && !l->trailer_len && l->text_off + l->text_len < l->off + l->len &&
		   memchr(ps->buf + l->text_off + l->text_len, ';',
			  (size_t)(l->off + l->len - l->text_off - l->text_len))) {
		st->flags |= STEP_EMPTY_DELTA; /* "call bpf_rcu_read_lock#65472          ;" */
	}
	if (l->glued && l->glue_pos <= UINT16_MAX)
		st->tail = (uint16_t)l->glue_pos;
	st->frame = ps->cur_frame;
	if (l->opcode == 0x85)
		st->flags |= STEP_CALL;
	else if (l->opcode == 0x95) {
		st->flags |= STEP_EXIT;
		if (!ps->cur_frame)
			ps->path_ended = true;
	} else if (vlog_opcode_is_cond_jump(l->opcode))
		st->flags |= STEP_BRANCH;
	if (l->glued)
		st->flags |= STEP_GLUED;
	rc = program_add_step(p, st);
	if (rc)
		return rc;
	if (st->flags & STEP_BRANCH) {
		rc = note_branch(ps, p->steps.n - 1);
		if (rc)
			return rc;
	}
	p->visits[l->insn]++;
	ps->last_visit[l->insn] = p->steps.n - 1;
	if (l->insn >= ps->last_visit_used)
		ps->last_visit_used = l->insn + 1;
	count_lines(ps, LINE_INSN, 1);
	return 0;
}

/* is "from X to Y" the return from a callee: X the exit the current path just took in a frame > 0 */
static bool is_return(struct parser *ps, const struct program *p, const struct vlog_line *l)
{
	uint32_t last;

	if (ps->path_ended || ps->unit_done || !p->steps.n || !cur_path_has_steps(ps))
		return false;
	last = p->steps.n - 1;
	return (step_flags(p, last) & STEP_EXIT) && step_frame(p, last) > 0 &&
	       step_insn(p, last) == l->insn;
}

static int handle_pop(struct parser *ps, const struct vlog_line *l)
{
	struct program *p = cur_prog(ps);
	uint32_t parent = IDX_NONE;
	uint8_t flags = 0;
	int rc = 0;

	if (is_return(ps, p, l)) {
		/*
		 * "from EXIT to CALLER:" after a callee's exit in a frame > 0 is do_check
		 * printing the state after prepare_func_exit: the same path goes on in
		 * the caller, nothing was popped
		 */
		count_lines(ps, LINE_POP, 1);
		if (l->safe) {
			step_add_flags(p, p->steps.n - 1, STEP_PRUNED);
			ps->path_ended = true;
		}
		if (l->trailer_len)
			return handle_state(ps, l->off, l->trailer_off, l->trailer_len, l->insn2,
					    FS_POP);
		return 0;
	}
	if (l->insn < p->ninsns && l->insn < ps->last_visit_cap)
		parent = ps->last_visit[l->insn];
	if (l->safe)
		flags |= PATH_SAFE;
	if (l->speculative)
		flags |= PATH_SPECULATIVE;
	if (l->glued)
		flags |= PATH_IMPLICIT;
	if (l->trailer_len) {
		struct vlog_state_info si;

		vlog_state_info(ps->buf + l->trailer_off, l->trailer_len, &si, &ps->dm);
		if (si.async_cb)
			flags |= PATH_ASYNC_CB;
		if (si.cb)
			flags |= PATH_CB;
	}
	if (ps->cur_unit == IDX_NONE || ps->unit_done) {
		rc = ensure_path(ps, l->off, l->insn2);
		if (rc)
			return rc;
	}
	/* a path belongs to the unit of the step that pushed it, except a new async callback */
	if ((flags & PATH_ASYNC_CB) && parent != IDX_NONE && (step_flags(p, parent) & STEP_CALL)) {
		rc = new_unit(ps, UNIT_ASYNC_CB, STR_NONE, IDX_NONE, l->insn2, parent);
		if (rc)
			return rc;
	} else if (parent != IDX_NONE) {
		ps->cur_unit = p->paths.v[step_path(p, parent)].unit;
	}
	rc = new_path(ps, l->off, l->insn, l->insn2, parent, flags);
	if (rc)
		return rc;
	count_lines(ps, LINE_POP, 1);
	if (flags & PATH_SAFE)
		ps->path_ended = true;
	if (l->trailer_len)
		return handle_state(ps, l->off, l->trailer_off, l->trailer_len, l->insn2, FS_POP);
	return 0;
}

/* remember the conditional jump at step k by its target, for level-1 pops */
static int note_branch(struct parser *ps, uint32_t k)
{
	struct program *p = cur_prog(ps);
	const struct insn_fact *f = program_insn(p, step_insn(p, k));
	uint32_t target = f ? f->target : IDX_NONE, ncap, i;

	if (target == IDX_NONE)
		return 0;
	if (target >= ps->branch_to_cap) {
		uint32_t *v;

		ncap = ps->branch_to_cap ? ps->branch_to_cap : 64;
		while (ncap <= target)
			ncap *= 2;
		v = realloc(ps->branch_to, (size_t)ncap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		for (i = ps->branch_to_cap; i < ncap; i++)
			v[i] = IDX_NONE;
		ps->branch_to = v;
		ps->branch_to_cap = ncap;
	}
	ps->branch_to[target] = k;
	if (target >= ps->branch_to_used)
		ps->branch_to_used = target + 1;
	return 0;
}

/* the last conditional jump to insn: the step that pushed a path starting there */
static uint32_t find_branch_to(struct parser *ps, uint32_t insn)
{
	return insn < ps->branch_to_cap ? ps->branch_to[insn] : IDX_NONE;
}

static int implicit_pop(struct parser *ps, uint64_t off, uint32_t insn)
{
	struct program *p = cur_prog(ps);
	uint32_t parent = find_branch_to(ps, insn);

	if (parent != IDX_NONE)
		ps->cur_unit = p->paths.v[step_path(p, parent)].unit;
	return new_path(ps, off, parent == IDX_NONE ? IDX_NONE : step_insn(p, parent), insn, parent,
			PATH_IMPLICIT);
}

static void diag_append(struct parser *ps, const char *s, size_t n, char sep)
{
	if (ps->dlen + n + 2 > ps->dcap) {
		size_t ncap = ps->dcap ? ps->dcap * 2 : 1024;
		char *nb;

		while (ncap < ps->dlen + n + 2)
			ncap *= 2;
		if (ncap > (1u << 24))
			return;
		nb = realloc(ps->dbuf, ncap);
		if (!nb)
			return;
		ps->dbuf = nb;
		ps->dcap = ncap;
	}
	if (ps->dlen && sep)
		ps->dbuf[ps->dlen++] = sep;
	memcpy(ps->dbuf + ps->dlen, s, n);
	ps->dlen += n;
}

/* the 7.3 "Verification failed:" block: collect each section's text */
static bool handle_diag(struct parser *ps, const struct vlog_line *l)
{
	struct program *p = cur_prog(ps);
	const char *t = ps->buf + l->off;
	static const struct {
		const char *hdr;
		uint8_t sec;
	} secs[] = {
		{ "Reason:", DSEC_REASON },
		{ "At:", DSEC_AT },
		{ "Causal path:", DSEC_CAUSAL },
		{ "Suggestion:", DSEC_SUGGESTION },
	};
	size_t i;

	if (l->len > 21 && !memcmp(t, "Verification failed: ", 21)) {
		if (ps->in_diag)
			vlog_diag_finish(ps->m, p, ps->dbuf, ps->dlen, ps->diag_sec);
		ps->in_diag = true;
		ps->dm.diag_block = true;
		ps->dlen = 0;
		ps->diag_sec = DSEC_NONE;
		vlog_diag_title(ps->m, p, t + 21, l->len - 21);
		return true;
	}
	if (!ps->in_diag)
		return false;
	for (i = 0; i < sizeof(secs) / sizeof(secs[0]); i++) {
		size_t n = strlen(secs[i].hdr);

		if (l->len == n && !memcmp(t, secs[i].hdr, n)) {
			vlog_diag_finish(ps->m, p, ps->dbuf, ps->dlen, ps->diag_sec);
			ps->dlen = 0;
			ps->diag_sec = secs[i].sec;
			return true;
		}
	}
	if (l->len >= 2 && t[0] == ' ' && ps->diag_sec != DSEC_NONE) {
		uint32_t k = 0;

		if (ps->diag_sec == DSEC_REASON || ps->diag_sec == DSEC_SUGGESTION)
			while (k < l->len && t[k] == ' ')
				k++;
		else
			k = 2;
		diag_append(ps, t + k, l->len - k,
			    ps->diag_sec == DSEC_REASON || ps->diag_sec == DSEC_SUGGESTION ? ' ' :
											     '\n');
		return true;
	}
	return false;
}

/*
 * One function per line kind (tig's LINE_INFO idea): line_handlers[kind]
 * handles a classified line once handle_line_kind() has done what every
 * line needs (loader framing, blanks, the program it belongs to, the 7.3
 * block, the first-line check). A kind without a row, LINE_UNKNOWN
 * included, goes to on_other(): a candidate line of the error message.
 */
typedef int (*line_handler_fn)(struct parser *ps, struct program *p, struct vlog_line *l);

static int on_func_start(struct parser *ps, struct program *p, struct vlog_line *l)
{
	int rc = 0;

	flush_pending_unknown(ps);
	ps->saw_func_start = true;
	ps->dm.level2 = true;
	if (!sp_by_id(ps, p, l->insn)) {
		rc = grow_insns(ps, p, l->insn2);
		if (!rc)
			rc = sp_add(ps, p, l->insn, l->insn2);
		if (rc == -E2BIG) {
			if (!ps->bad_numbers++)
				ps->bad_first_off = l->off;
			keep_unknown(ps, l->off);
			return 0;
		}
	}
	count_lines(ps, LINE_FUNC_START, 1);
	return rc;
}

static int on_live_regs(struct parser *ps, struct program *p, struct vlog_line *l)
{
	int rc = 0;

	if (l->insn == IDX_NONE) {
		ps->in_live_regs = true;
		ps->in_pre = false;
		ps->dm.live_regs = true;
	} else {
		rc = grow_insns(ps, p, l->insn);
		if (rc)
			return rc;
		note_insn_text(ps, p, l);
		if (l->scc)
			ps->dm.scc_column = true;
	}
	count_lines(ps, LINE_LIVE_REGS, 1);
	return 0;
}

static int on_pre(struct parser *ps, struct program *p, struct vlog_line *l)
{
	ps->in_pre = true;
	ps->dm.pre_analysis = true;
	if (l->name_len && l->insn != IDX_NONE) {
		/* "subprog#N name:" names a subprog */
		struct subprog *sp = sp_by_id(ps, p, l->insn);

		if (sp && !sp->name)
			sp->name = strtab_intern(&ps->m->str, ps->buf + l->name_off, l->name_len);
	}
	count_lines(ps, LINE_PRE, 1);
	return 0;
}

static int on_note(struct parser *ps, struct program *p, struct vlog_line *l)
{
	count_lines(ps, LINE_NOTE, 1);
	return 0;
}

/* a context argument's BTF type: kept once per (func, arg) */
static int on_btf_arg(struct parser *ps, struct program *p, struct vlog_line *l)
{
	uint32_t func = strtab_intern(&ps->m->str, ps->buf + l->name_off, l->name_len), i;
	struct program_cold *pc;
	struct ctx_arg *a;

	count_lines(ps, LINE_BTF_ARG, 1);
	if (func == STR_NONE)
		return -ENOMEM;
	for (i = 0; i < program_cold(p)->ctx_args.n; i++)
		if (p->cold->ctx_args.v[i].func == func && p->cold->ctx_args.v[i].arg == l->insn)
			return 0;
	pc = program_cold_get(p);
	a = pc ? vec_push(&pc->ctx_args) : NULL;
	if (!a)
		return -ENOMEM;
	a->func = func;
	a->arg = l->insn;
	a->btf_id = l->insn2;
	a->kind = strtab_intern(&ps->m->str, ps->buf + l->text_off, l->text_len);
	a->type = strtab_intern(&ps->m->str, ps->buf + l->trailer_off, l->trailer_len);
	a->off = l->off;
	if (a->kind == STR_NONE || a->type == STR_NONE)
		return -ENOMEM;
	return 0;
}

static int on_source(struct parser *ps, struct program *p, struct vlog_line *l)
{
	int rc;

	flush_pending_unknown(ps);
	rc = program_add_src(p, l->off);
	if (rc)
		return rc;
	ps->cur_src = program_srcs(p)->n - 1;
	if (l->src_at)
		ps->dm.src_at = true;
	count_lines(ps, LINE_SOURCE, 1);
	return 0;
}

static int on_insn(struct parser *ps, struct program *p, struct vlog_line *l)
{
	int rc = 0;

	/*
	 * 7.x lists each subprog's code before exploring ("subprog#N f:"
	 * then " 99: ..." and, past insn 99, "100: ..." with no indent):
	 * before the first state there is no step yet
	 */
	if (ps->in_pre && !p->fstates.n) {
		count_lines(ps, LINE_PRE, 1);
		return 0;
	}
	flush_pending_unknown(ps);
	ps->block = BLK_NONE;
	rc = handle_insn(ps, l);
	if (rc == -E2BIG) {
		keep_unknown(ps, l->off);
		return 0;
	}
	if (rc || !l->glued)
		return rc;
	/* level 1: the line goes on with the state of the next path */
	rc = grow_insns(ps, p, l->insn2);
	if (rc == -E2BIG)
		return 0;
	if (rc)
		return rc;
	{
		struct vlog_line pop = *l;

		pop.insn = l->insn;
		pop.speculative = false;
		return handle_pop(ps, &pop);
	}
}

static int on_state(struct parser *ps, struct program *p, struct vlog_line *l)
{
	int rc = 0;
	uint8_t kind = FS_INSN;

	flush_pending_unknown(ps);
	if (l->insn == IDX_NONE) {
		/* " STATE": a caller/callee block, or 5.x's post-branch state */
		switch (ps->block) {
		case BLK_CALLER:
			kind = FS_CALLER;
			break;
		case BLK_CALLEE:
			kind = FS_CALLEE;
			break;
		case BLK_RET_CALLEE:
			kind = FS_RET_CALLEE;
			break;
		case BLK_RET_CALLER:
			kind = FS_RET_CALLER;
			break;
		default:
			if (ps->prev_kind == LINE_PRECISION) {
				/* 5.x: the parent state dumped by backtracking */
				count_lines(ps, LINE_PRECISION, 1);
				return 0;
			}
			kind = FS_POST;
			break;
		}
		ps->block = BLK_NONE;
	} else {
		rc = grow_insns(ps, p, l->insn);
		if (rc == -E2BIG) {
			keep_unknown(ps, l->off);
			return 0;
		}
		if (rc)
			return rc;
		if (ps->path_ended && ps->cur_path != IDX_NONE) {
			/* no "from X to Y" (5.x level 2, 6.1+ level 1): a popped path */
			rc = implicit_pop(ps, l->off, l->insn);
			if (rc)
				return rc;
		}
	}
	return handle_state(ps, l->off, l->trailer_off, l->trailer_len,
			    kind == FS_RET_CALLER ? ps->block_insn : l->insn, kind);
}

static int on_pop(struct parser *ps, struct program *p, struct vlog_line *l)
{
	int rc = 0;

	flush_pending_unknown(ps);
	ps->block = BLK_NONE;
	if (l->insn >= MODEL_MAX_INSNS || l->insn2 >= MODEL_MAX_INSNS) {
		keep_unknown(ps, l->off);
		return 0;
	}
	rc = grow_insns(ps, p, l->insn > l->insn2 ? l->insn : l->insn2);
	if (rc)
		return rc;
	return handle_pop(ps, l);
}

static int on_safe(struct parser *ps, struct program *p, struct vlog_line *l)
{
	flush_pending_unknown(ps);
	if (p->steps.n && cur_path_has_steps(ps))
		step_add_flags(p, p->steps.n - 1, STEP_PRUNED);
	ps->path_ended = true;
	count_lines(ps, LINE_SAFE, 1);
	return 0;
}

static int on_call_block(struct parser *ps, struct program *p, struct vlog_line *l)
{
	flush_pending_unknown(ps);
	ps->block = l->block;
	if (l->block == BLK_RET_CALLER)
		ps->block_insn = l->insn;
	count_lines(ps, LINE_CALL_BLOCK, 1);
	return 0;
}

static int on_global(struct parser *ps, struct program *p, struct vlog_line *l)
{
	int rc = 0;

	flush_pending_unknown(ps);
	count_lines(ps, LINE_GLOBAL, 1);
	if (l->name_len)
		ps->dm.global_named = true;
	if (l->global_kind == VLOG_GLOBAL_VALIDATING) {
		uint32_t name = strtab_intern(&ps->m->str, ps->buf + l->name_off, l->name_len);
		const struct subprog *sp = sp_by_id(ps, p, l->insn);

		rc = new_unit(ps, UNIT_GLOBAL, name, l->insn, sp ? sp->start : IDX_NONE, IDX_NONE);
		if (rc)
			return rc;
		ps->cur_path = IDX_NONE;
		ps->dm.validating = true;
	} else if (l->global_kind == VLOG_GLOBAL_SAFE) {
		if (ps->cur_unit != IDX_NONE)
			p->units.v[ps->cur_unit].safe = 1;
		ps->unit_done = true;
		ps->cur_path = IDX_NONE;
	}
	if (l->insn != IDX_NONE) {
		/* Func#N ('name'): name the subprog, mark it global */
		struct subprog *sp = sp_by_id(ps, p, l->insn);

		if (sp && l->name_len && !sp->name)
			sp->name = strtab_intern(&ps->m->str, ps->buf + l->name_off, l->name_len);
		if (sp && sp->id) {
			sp->linkage = LINKAGE_GLOBAL;
			sp->roles |= ROLE_GLOBAL;
		}
		/* level 1: no "func#N @M" to name; keep the name for the join to check */
		if (!sp && l->name_len) {
			uint32_t name =
				strtab_intern(&ps->m->str, ps->buf + l->name_off, l->name_len);
			const struct program_cold *c = program_cold(p);
			struct program_cold *pc;
			struct named_func *nf;
			uint32_t i;

			for (i = 0; i < c->named_funcs.n && c->named_funcs.v[i].id != l->insn; i++)
				;
			if (i == c->named_funcs.n) {
				pc = program_cold_get(p);
				nf = pc ? vec_push(&pc->named_funcs) : NULL;
				if (!nf)
					return -ENOMEM;
				nf->id = l->insn;
				nf->name = name;
			}
		}
	}
	return 0;
}

static int on_precision(struct parser *ps, struct program *p, struct vlog_line *l)
{
	count_lines(ps, LINE_PRECISION, 1);
	ps->dm.precision_style = l->precision_style;
	return 0;
}

static int on_liveness(struct parser *ps, struct program *p, struct vlog_line *l)
{
	count_lines(ps, LINE_LIVENESS, 1);
	ps->dm.stack_liveness = true;
	return 0;
}

static int on_scc(struct parser *ps, struct program *p, struct vlog_line *l)
{
	count_lines(ps, LINE_SCC, 1);
	return 0;
}

static int on_stats(struct parser *ps, struct program *p, struct vlog_line *l)
{
	count_lines(ps, LINE_STATS, 1);
	vlog_parse_stats(ps->m, p, l);
	if (l->stats_processed)
		finish_program(ps, l->off + l->len, true);
	return 0;
}

static int on_diag(struct parser *ps, struct program *p, struct vlog_line *l)
{
	count_lines(ps, LINE_DIAG, 1);
	return 0;
}

static int on_other(struct parser *ps, struct program *p, struct vlog_line *l)
{
	if (ps->in_live_regs) {
		ps->in_live_regs = false;
	}
	if (ps->in_pre && l->len && (ps->buf[l->off] == ' ' || ps->buf[l->off] == '\t')) {
		count_lines(ps, LINE_PRE, 1);
		return 0;
	}
	/*
	 * The kernel writes its error message from column 0 (verbose()); an
	 * indented line nobody classified, or one shaped like an instruction
	 * or a state with an index out of range, is not part of it: it is
	 * counted and kept as unknown, and the error text stays what the
	 * kernel wrote around it.
	 */
	if (l->bad_number || (l->len && (ps->buf[l->off] == ' ' || ps->buf[l->off] == '\t'))) {
		keep_unknown(ps, l->off);
		return 0;
	}
	add_pending(ps, l->off, l->len);
	return 0;
}

static const line_handler_fn line_handlers[LINE__COUNT] = {
	[LINE_FUNC_START] = on_func_start,
	[LINE_LIVE_REGS] = on_live_regs,
	[LINE_PRE] = on_pre,
	[LINE_NOTE] = on_note,
	[LINE_BTF_ARG] = on_btf_arg,
	[LINE_SOURCE] = on_source,
	[LINE_INSN] = on_insn,
	[LINE_STATE] = on_state,
	[LINE_POP] = on_pop,
	[LINE_SAFE] = on_safe,
	[LINE_CALL_BLOCK] = on_call_block,
	[LINE_GLOBAL] = on_global,
	[LINE_PRECISION] = on_precision,
	[LINE_LIVENESS] = on_liveness,
	[LINE_SCC] = on_scc,
	[LINE_STATS] = on_stats,
	[LINE_DIAG] = on_diag,
};

static int handle_line_kind(struct parser *ps, struct vlog_line *l);

static int handle_line(struct parser *ps, struct vlog_line *l)
{
	int rc = handle_line_kind(ps, l);

	if (l->bad_number && !ps->bad_numbers++)
		ps->bad_first_off = l->off;
	if (l->kind != LINE_BLANK)
		ps->prev_kind = l->kind;
	return rc;
}

/*
 * libbpf's own message inside a frame ("libbpf: prog 'x': failed to find
 * kernel BTF type ID of 'f': -3", as `veristep record` keeps it when libbpf
 * refused the program before the kernel saw it): while the frame has no
 * verifier line, it is the program's error.
 */
static void loader_reason(struct parser *ps, const struct vlog_line *l)
{
	struct program *p = cur_prog(ps);
	struct span *s;

	if (!l->loader_msg || !ps->framed || !p || ps->ended || program_has_content(ps))
		return;
	s = vec_push(&p->error);
	if (!s)
		return;
	s->off = l->off;
	s->len = l->len;
	if (l->not_verified && p->error.n == 1) {
		/* record's line: the verifier never saw the program; the error is its words */
		struct program_cold *pc = program_cold_get(p);

		p->not_verified = l->not_verified;
		if (pc)
			pc->refused_errno =
				strtab_intern(&ps->m->str, ps->buf + l->text_off, l->text_len);
		s->off = l->trailer_off;
		s->len = l->trailer_len;
	}
}

static int handle_line_kind(struct parser *ps, struct vlog_line *l)
{
	struct program *p;
	int rc = 0;

	/* loader framing, before anything else */
	if (l->kind == LINE_LOADER) {
		if (l->frame_begin) {
			if (ps->pi != IDX_NONE && !ps->ended)
				finish_program(ps, l->off, false);
			rc = start_program(ps, l->name_len ? strtab_intern(&ps->m->str,
									   ps->buf + l->name_off,
									   l->name_len) :
							     STR_NONE);
			if (rc)
				return rc;
			cur_prog(ps)->log.off =
				l->off + l->len + 1 <= ps->len ? l->off + l->len + 1 : ps->len;
			ps->framed = true;
			ps->prog_framed = true;
		} else if (l->frame_end) {
			if (ps->pi != IDX_NONE && !ps->ended)
				finish_program(ps, l->off, false);
			ps->framed = false;
		} else if (l->head_dropped) {
			rc = ensure_program(ps, l->off);
			if (rc)
				return rc;
			ps->rotated = true;
			ps->first_checked = true;
			model_warn_prog(ps->m, ps->pi,
					"%s:%llu: the loader dropped the head of the log (%.*s): "
					"what the verifier did first is missing",
					strtab_get(&ps->m->str, ps->m->log.name),
					(unsigned long long)line_no(ps, l->off),
					(int)(l->len > 40 ? 40 : l->len), ps->buf + l->off);
		}
		if (cur_prog(ps))
			count_lines(ps, LINE_LOADER, 1);
		loader_reason(ps, l);
		return 0;
	}
	if (l->kind == LINE_BLANK) {
		ps->in_live_regs = false;
		if (cur_prog(ps) && !ps->ended)
			count_lines(ps, LINE_BLANK, 1);
		return 0;
	}
	if (ps->pi != IDX_NONE && ps->ended && (l->kind == LINE_STATS)) {
		/* stats after "processed" (bpftool prints none, but be lenient) */
		count_lines(ps, LINE_STATS, 1);
		return 0;
	}
	rc = ensure_program(ps, l->off);
	if (rc)
		return rc;
	p = cur_prog(ps);
	if (p->nlines < UINT32_MAX)
		p->nlines++;

	/* 7.3 diagnostic block: sits between the error text and the stats */
	if (l->kind == LINE_UNKNOWN || l->kind == LINE_DIAG) {
		if (handle_diag(ps, l)) {
			count_lines(ps, LINE_DIAG, 1);
			return 0;
		}
	}
	/* the first structural line tells whether the log starts at its beginning */
	if (!ps->first_checked && l->kind != LINE_UNKNOWN && l->kind != LINE_SOURCE) {
		bool start = vlog_is_log_start(l);

		ps->first_checked = true;
		/* a state at insn N > 0 starts a 5.x global, unless cut text came before it */
		if (start && l->kind == LINE_STATE && l->insn != 0 && ps->pending.n)
			start = false;
		else if (start && l->kind == LINE_STATE && l->insn != 0)
			ps->head_suspect = true;
		if (!start) {
			ps->rotated = true;
			model_warn_prog(ps->m, ps->pi,
					"%s: the log does not start at its beginning "
					"(a rotated or cut buffer): line %llu",
					strtab_get(&ps->m->str, ps->m->log.name),
					(unsigned long long)line_no(ps, l->off));
		}
	}
	if (ps->in_live_regs && l->kind != LINE_LIVE_REGS)
		ps->in_live_regs = false;

	return line_handlers[l->kind] ? line_handlers[l->kind](ps, p, l) : on_other(ps, p, l);
}

/*
 * The hot path: "mark_precise: ..." is 88% of the lines of a complexity-limit
 * log. Inside a program whose first line was checked, such a line does only
 * what handle_line() would do with it (count it, note the precision style),
 * without classifying it or clearing a struct vlog_line. False: take the
 * general path.
 */
static bool precision_fast(struct parser *ps, const char *s)
{
	struct program *p;

	if (ps->pi == IDX_NONE || ps->ended || !ps->first_checked ||
	    memcmp(s, "mark_precise: ", 14))
		return false;
	p = cur_prog(ps);
	if (p->nlines < UINT32_MAX)
		p->nlines++;
	ps->in_live_regs = false;
	count_lines(ps, LINE_PRECISION, 1);
	ps->dm.precision_style = 2;
	ps->prev_kind = LINE_PRECISION;
	return true;
}

/* the parse proper; VLOG_NUL when the text holds a NUL (nothing is kept then) */
#define VLOG_NUL 1
static int parse_text(struct model *m, void (*progress)(void *ctx, uint64_t done, uint64_t total),
		      void *progress_ctx, vlog_done_fn done, void *done_ctx)
{
	struct parser ps = { .m = m, .pi = IDX_NONE, .done = done, .done_ctx = done_ctx };
	uint64_t off = 0, next_report = 64u << 20;
	struct line_scan sc;
	int rc = 0;

	ps.buf = m->log.buf;
	ps.len = m->log.len;
	/* a UTF-8 byte order mark from an editor */
	if (ps.len >= 3 && !memcmp(ps.buf, "\xef\xbb\xbf", 3))
		off = 3;
	ps.cur_unit = ps.cur_path = ps.cur_src = IDX_NONE;
	scan_init(&sc, ps.buf, ps.len, off);
	while (off < ps.len) {
		uint64_t end = scan_next(&sc);
		struct vlog_line l;
		uint64_t lend;

		if (sc.nul) {
			rc = VLOG_NUL;
			goto out;
		}
		if (end - off >= 14 && ps.buf[off] == 'm' && precision_fast(&ps, ps.buf + off)) {
			/* more of them follow, nine in ten times: count the run, then go on */
			struct program *cp = cur_prog(&ps);
			uint64_t run = 0;

			for (;;) {
				off = end + 1;
				if (off >= ps.len)
					break;
				end = scan_next(&sc);
				if (sc.nul || end - off < 14 ||
				    memcmp(ps.buf + off, "mark_precise: ", 14))
					break;
				run++;
			}
			cp->nlines = run > UINT32_MAX - cp->nlines ? UINT32_MAX :
								     cp->nlines + (uint32_t)run;
			count_lines(&ps, LINE_PRECISION, run);
			if (off >= ps.len)
				break;
			if (sc.nul) {
				rc = VLOG_NUL;
				goto out;
			}
		}
		lend = end;
		if (lend > off && ps.buf[lend - 1] == '\r')
			lend--;
		if (lend - off > UINT32_MAX)
			lend = off + UINT32_MAX;
		vlog_classify(ps.buf, off, (uint32_t)(lend - off), ps.in_live_regs, ps.in_pre, &l);
		rc = handle_line(&ps, &l);
		if (rc)
			goto out;
		off = end + 1;
		if (progress && off >= next_report) {
			progress(progress_ctx, off, ps.len);
			next_report = off + (64u << 20);
		}
	}
	if (ps.pi != IDX_NONE && !ps.ended)
		finish_program(&ps, ps.len, false);
	rc = hand_over(&ps);
	if (rc)
		goto out;
	if (ps.bad_numbers)
		model_warn(m,
			   "%s:%llu: %llu line%s shaped like an instruction with an index out of "
			   "range (0 to %u): kept as text",
			   strtab_get(&m->str, m->log.name),
			   (unsigned long long)line_no(&ps, ps.bad_first_off),
			   (unsigned long long)ps.bad_numbers, ps.bad_numbers == 1 ? "" : "s",
			   MODEL_MAX_INSNS - 1);
	if (progress && ps.len >= (64u << 20))
		progress(progress_ctx, ps.len, ps.len);
out:
	vec_free(&ps.pending);
	free(ps.last_visit);
	free(ps.branch_to);
	free(ps.sp_index);
	free(ps.dbuf);
	return rc;
}

int vlog_parse(struct model *m, void (*progress)(void *ctx, uint64_t done, uint64_t total),
	       void *progress_ctx)
{
	return vlog_parse_each(m, progress, progress_ctx, NULL, NULL);
}

int vlog_parse_each(struct model *m, void (*progress)(void *ctx, uint64_t done, uint64_t total),
		    void *progress_ctx, vlog_done_fn done, void *done_ctx)
{
	uint32_t nwarn;
	uint64_t noise;
	int rc;

	/* the NUL padding of a kernel buffer written whole: cut, no copy */
	while (m->log.len && !m->log.buf[m->log.len - 1])
		m->log.len--;
	rc = vlog_denoise(m);
	if (rc)
		return rc;
	nwarn = m->warnings.n;
	noise = m->noise_lines;
	rc = parse_text(m, progress, progress_ctx, done, done_ctx);
	if (rc != VLOG_NUL)
		return rc;
	/* NULs inside the text (padding between two logs, or worse): drop them, start again */
	model_progs_clear(m);
	m->warnings.n = m->warning_prog.n = nwarn;
	m->noise_lines = noise;
	rc = vlog_denul(m);
	if (rc)
		return rc;
	rc = parse_text(m, progress, progress_ctx, done, done_ctx);
	return rc == VLOG_NUL ? -EILSEQ : rc;
}
