/* SPDX-License-Identifier: MIT */
/*
 * fixture.h — hand-built models for the unit tests of explore and views:
 * a small log held in memory and the steps, paths and units a parser
 * would make of it, written out by hand. Header-only (static functions).
 */
#ifndef VERISTEP_TEST_FIXTURE_H
#define VERISTEP_TEST_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "parsers/bpfdis.h"
#include "parsers/vlog_insn.h"
#include "src/model/model.h"

/* the line of log that starts with prefix (after the previous match) */
static uint64_t fx_line(const struct model *m, const char *prefix, uint64_t from)
{
	size_t n = strlen(prefix);
	uint64_t off = from;

	while (off < m->log.len) {
		struct span s = model_line_at(m, off);

		if (s.len >= n && !memcmp(m->log.buf + off, prefix, n))
			return off;
		off += s.len + 1;
	}
	abort();
}

static uint64_t fx_cursor;

static void fx_step(struct model *m, struct program *p, const char *prefix, uint32_t insn,
		    uint32_t path, uint8_t frame, uint8_t flags)
{
	struct step step = { 0 }, *s = &step;
	uint64_t off = fx_line(m, prefix, fx_cursor);

	(void)path; /* paths are the consecutive runs that fx_path() declares */
	s->off = off;
	s->insn = insn;
	s->frame = frame;
	s->flags = flags;
	fx_cursor = off + model_line_at(m, off).len;
	{
		/* what the parser keeps: the delta's start, and the insn's facts once */
		struct span ln = model_line_at(m, off);
		struct vlog_insn vi;
		struct vlog_insn_target t;
		uint32_t n, at;

		if (vlog_insn_line(m->log.buf + off, ln.len, &n, &at, &vi)) {
			if ((flags & STEP_HAS_DELTA) && vi.trailer)
				s->tail = (uint16_t)(at + vi.trailer);
			if (insn < p->ninsns && p->insn_line[insn] == UINT64_MAX) {
				struct insn_fact *f = &p->insns[insn];

				vlog_insn_target(m->log.buf + off + at, vi.text_end, insn,
						 bpfdis_helper_name, &t);
				p->insn_line[insn] = off + at;
				f->opcode = vi.opcode;
				f->kind = t.kind;
				f->text_len = (uint16_t)vi.text_end;
				f->target = t.target;
				f->call_id = (int32_t)t.call_id;
				if (t.name_len)
					f->name = strtab_intern(&m->str, m->log.buf + off + at + t.name,
								t.name_len);
			}
		}
	}
	if (insn < p->ninsns)
		p->visits[insn]++;
	if (program_add_step(p, s))
		abort();
}

static void fx_src(struct model *m, struct program *p, const char *prefix)
{
	if (program_add_src(p, fx_line(m, prefix, fx_cursor)))
		abort();
}

static struct path *fx_path(struct program *p, uint32_t first, uint32_t n, uint32_t from,
			    uint32_t to, uint32_t parent, uint32_t unit)
{
	struct path *pa = vec_push(&p->paths);

	pa->first_step = first;
	pa->nsteps = n;
	pa->from_insn = from;
	pa->to_insn = to;
	pa->parent_step = parent;
	pa->unit = unit;
	pa->fstate = IDX_NONE;
	return pa;
}

static void fx_fstate(struct model *m, struct program *p, const char *prefix, uint32_t skip,
		      uint32_t step, uint32_t insn, uint8_t frame, uint8_t kind)
{
	struct fstate *f = vec_push(&p->fstates);
	uint64_t off = fx_line(m, prefix, fx_cursor);
	struct span s = model_line_at(m, off);

	f->off = off + skip;
	f->len = s.len - skip;
	f->step = step;
	f->insn = insn;
	f->frame = frame;
	f->kind = kind;
	f->path = 0; /* set by the fixture once its paths exist */
}

static void fx_prog_insns(struct program *p, uint32_t n)
{
	uint32_t i;

	p->ninsns = n;
	p->visits = calloc(n, sizeof(*p->visits));
	p->insn_line = malloc(n * sizeof(*p->insn_line));
	p->insns = malloc(n * sizeof(*p->insns));
	for (i = 0; i < n; i++) {
		p->insn_line[i] = UINT64_MAX;
		p->insns[i] = (struct insn_fact){ .kind = INSN_UNSEEN, .target = IDX_NONE,
						  .name = STR_NONE, .call_id = -1 };
	}
}

/*
 * A main program with a static call and a branch, then an async callback
 * unit that is rejected (modelled on corpus/async_timer_cb_global_rej).
 */
static const char fx_log_text[] =
	"func#0 @0\n"
	"func#1 @5\n"
	"func#2 @7\n"
	"0: R1=ctx() R10=fp0\n"
	"; int prog(void *ctx) @ t.c:10\n"
	"0: (b7) r1 = 0                        ; R1=0\n"
	"; helper(ctx); @ t.c:11\n"
	"1: (85) call pc+3\n"
	"caller:\n"
	" R10=fp0\n"
	"callee:\n"
	" frame1: R1=0 R10=fp0\n"
	"; return 1; @ t.c:3\n"
	"5: (b7) r0 = 1                        ; frame1: R0=1\n"
	"6: (95) exit\n"
	"returning from callee:\n"
	" frame1: R0=1 R10=fp0\n"
	"to caller at 2:\n"
	" R0=1 R10=fp0\n"
	"; if (x) @ t.c:12\n"
	"2: (15) if r0 == 0x0 goto pc+1        ; R0=1\n"
	"3: (b7) r0 = 0                        ; R0=0\n"
	"4: (95) exit\n"
	"from 2 to 4: R0=0 R10=fp0\n"
	"4: (95) exit\n"
	"from 3 to 7: R1=map_ptr(map=m,ks=4,vs=16) R10=fp0 async_cb\n"
	"; timer_cb(map) @ t.c:20\n"
	"7: (b7) r1 = 42                       ; R1=42 async_cb\n"
	"8: (85) call bpf_copy_from_user#148\n"
	"global functions that may sleep are not allowed in non-sleepable context,\n"
	"processed 10 insns (limit 1000000) max_states_per_insn 0 total_states 3 peak_states 3 mark_read 0\n";

static struct model *fx_model(void)
{
	struct model *m = model_new();
	struct program *p;
	struct subprog *sp;
	struct unit *u;
	struct span *e;
	struct edge *ed;

	m->log.buf = fx_log_text;
	m->log.len = sizeof(fx_log_text) - 1;
	m->log.name = strtab_intern_cstr(&m->str, "fixture.log");
	p = model_add_program(m);
	p->name = strtab_intern_cstr(&m->str, "prog");
	p->verdict = VERDICT_REJECTED;
	p->log_level = 2;
	p->log.off = 0;
	p->log.len = (uint32_t)m->log.len;
	fx_prog_insns(p, 9);
	fx_cursor = 0;

	sp = vec_push(&p->subprogs);
	sp->id = 0, sp->start = 0, sp->end = 5, sp->linkage = LINKAGE_MAIN, sp->roles = ROLE_MAIN;
	sp->name = strtab_intern_cstr(&m->str, "prog");
	sp->might_sleep = -1;
	sp = vec_push(&p->subprogs);
	sp->id = 1, sp->start = 5, sp->end = 7, sp->linkage = LINKAGE_STATIC, sp->roles = ROLE_STATIC;
	sp->name = strtab_intern_cstr(&m->str, "helper");
	sp->might_sleep = -1;
	sp = vec_push(&p->subprogs);
	sp->id = 2, sp->start = 7, sp->end = 9, sp->linkage = LINKAGE_STATIC;
	sp->roles = ROLE_ASYNC_CALLBACK;
	sp->contexts = CTX_NON_SLEEPABLE;
	sp->name = strtab_intern_cstr(&m->str, "timer_cb");
	sp->might_sleep = 1;
	ed = vec_push(&program_cold_get(p)->edges);
	ed->from = 0, ed->to = 1, ed->insn = 1, ed->kind = EDGE_CALL, ed->sleepable = -1;
	ed = vec_push(&program_cold_get(p)->edges);
	ed->from = 0, ed->to = 2, ed->insn = 3, ed->kind = EDGE_ASYNC_CALLBACK, ed->sleepable = 0;
	ed->via = strtab_intern_cstr(&m->str, "bpf_timer_set_callback");

	fx_fstate(m, p, "0: R1=ctx()", 3, 0, 0, 0, FS_INSN);
	fx_src(m, p, "; int prog");
	fx_step(m, p, "0: (b7)", 0, 0, 0, STEP_HAS_DELTA);			/* 0 */
	fx_src(m, p, "; helper(ctx)");
	fx_step(m, p, "1: (85)", 1, 0, 0, STEP_CALL);			/* 1 */
	fx_fstate(m, p, " frame1: R1=0", 1, 2, IDX_NONE, 1, FS_CALLEE);
	fx_src(m, p, "; return 1;");
	fx_step(m, p, "5: (b7)", 5, 0, 1, STEP_HAS_DELTA);		/* 2 */
	fx_step(m, p, "6: (95)", 6, 0, 1, STEP_EXIT);			/* 3 */
	fx_fstate(m, p, " R0=1 R10", 1, 4, IDX_NONE, 0, FS_RET_CALLER);
	fx_src(m, p, "; if (x)");
	fx_step(m, p, "2: (15)", 2, 0, 0, STEP_HAS_DELTA | STEP_BRANCH);	/* 4 */
	fx_step(m, p, "3: (b7)", 3, 0, 0, STEP_HAS_DELTA);		/* 5 */
	fx_step(m, p, "4: (95)", 4, 0, 0, STEP_EXIT);			/* 6 */
	fx_fstate(m, p, "from 2 to 4:", 13, 7, 4, 0, FS_POP);
	fx_step(m, p, "4: (95)", 4, 1, 0, STEP_EXIT);			/* 7 */
	fx_fstate(m, p, "from 3 to 7:", 13, 8, 7, 0, FS_POP);
	fx_src(m, p, "; timer_cb(map)");
	fx_step(m, p, "7: (b7)", 7, 2, 0, STEP_HAS_DELTA);		/* 8 */
	fx_step(m, p, "8: (85)", 8, 2, 0, STEP_CALL | STEP_ERROR);	/* 9 */

	fx_path(p, 0, 7, IDX_NONE, 0, IDX_NONE, 0);
	fx_path(p, 7, 1, 2, 4, 4, 0);
	fx_path(p, 8, 2, 3, 7, IDX_NONE, 1)->flags = PATH_ASYNC_CB | PATH_ERROR;
	p->fstates.v[3].path = 1;
	p->fstates.v[4].path = 2;
	p->paths.v[0].fstate = 0;
	p->paths.v[1].fstate = 3;
	p->paths.v[2].fstate = 4;

	u = vec_push(&p->units);
	u->kind = UNIT_MAIN, u->func_id = IDX_NONE, u->first_path = 0, u->npaths = 2;
	u->first_step = 0, u->nsteps = 8, u->push_step = IDX_NONE;
	u = vec_push(&p->units);
	u->kind = UNIT_ASYNC_CB, u->func_id = IDX_NONE, u->first_path = 2, u->npaths = 1;
	u->first_step = 8, u->nsteps = 2, u->push_step = 5, u->start_insn = 7;

	p->error_step = 9;
	p->error_insn = 8;
	e = vec_push(&p->error);
	e->off = fx_line(m, "global functions", 0);
	e->len = model_line_at(m, e->off).len;
	p->stats.processed_insns = 10;
	return m;
}

#endif
