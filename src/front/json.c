// SPDX-License-Identifier: MIT
/*
 * json.c — `veristep json`: the model as JSON (cJSON), per the contract in
 * design.md. Deterministic: no addresses, no times, stable key order.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "src/analysis/sleep.h"
#include "src/analysis/state.h"
#include "src/analysis/why.h"
#include "src/front/cli.h"
#include "src/front/textsafe.h"
#include "src/load.h"
#include "src/rules/reject_table.h"
#include "src/rules/sleep_table.h"

static cJSON *str_or_null(const struct model *m, uint32_t id)
{
	return id ? cJSON_CreateString(strtab_get(&m->str, id)) : cJSON_CreateNull();
}

static cJSON *idx_or_null(uint32_t v)
{
	return v == IDX_NONE ? cJSON_CreateNull() : cJSON_CreateNumber(v);
}

/* a step index as the user counts it: 1-based, as in the report and the TUI */
static cJSON *step_or_null(uint32_t k)
{
	return k == IDX_NONE ? cJSON_CreateNull() : cJSON_CreateNumber((double)k + 1);
}

static cJSON *num_or_null(int64_t v)
{
	return v < 0 ? cJSON_CreateNull() : cJSON_CreateNumber((double)v);
}

static cJSON *json_roles(uint16_t roles)
{
	cJSON *a = cJSON_CreateArray();
	int b;

	for (b = 0; b < ROLE__COUNT; b++)
		if (roles & (1u << b))
			cJSON_AddItemToArray(a, cJSON_CreateString(model_role_name(b, NAME_JSON)));
	return a;
}

static cJSON *json_subprogs(const struct model *m, const struct program *p)
{
	cJSON *a = cJSON_CreateArray();
	uint32_t i;

	for (i = 0; i < p->subprogs.n; i++) {
		const struct subprog *sp = &p->subprogs.v[i];
		cJSON *o = cJSON_CreateObject(), *ctx = cJSON_CreateArray();

		cJSON_AddNumberToObject(o, "id", sp->id);
		cJSON_AddItemToObject(o, "name", str_or_null(m, sp->name));
		cJSON_AddNumberToObject(o, "start", sp->start);
		cJSON_AddItemToObject(o, "end", idx_or_null(sp->end));
		cJSON_AddStringToObject(o, "linkage", model_linkage_name(sp->linkage, NAME_JSON));
		cJSON_AddItemToObject(o, "roles", json_roles(sp->roles));
		if (sp->contexts & CTX_SLEEPABLE)
			cJSON_AddItemToArray(ctx, cJSON_CreateString("sleepable"));
		if (sp->contexts & CTX_NON_SLEEPABLE)
			cJSON_AddItemToArray(ctx, cJSON_CreateString("non-sleepable"));
		cJSON_AddItemToObject(o, "contexts", ctx);
		cJSON_AddItemToObject(o, "might_sleep",
				      sp->might_sleep < 0 ? cJSON_CreateNull() :
							    cJSON_CreateBool(sp->might_sleep));
		cJSON_AddItemToObject(o, "prototype", str_or_null(m, sp->btf_proto));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *json_edges(const struct model *m, const struct program *p)
{
	cJSON *a = cJSON_CreateArray();
	uint32_t i;

	for (i = 0; i < program_cold(p)->edges.n; i++) {
		const struct edge *e = &program_cold(p)->edges.v[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "from", e->from);
		cJSON_AddNumberToObject(o, "to", e->to);
		cJSON_AddNumberToObject(o, "insn", e->insn);
		cJSON_AddStringToObject(o, "kind", model_edge_kind_name(e->kind, NAME_JSON));
		cJSON_AddItemToObject(o, "via", str_or_null(m, e->via));
		cJSON_AddItemToObject(o, "sleepable",
				      e->sleepable < 0 ? cJSON_CreateNull() :
							 cJSON_CreateBool(e->sleepable));
		if (e->arg_reg)
			cJSON_AddNumberToObject(o, "arg_reg", e->arg_reg);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *json_events(const struct model *m, const struct program *p)
{
	cJSON *a = cJSON_CreateArray();
	uint32_t i;

	for (i = 0; i < program_cold(p)->sleep_events.n; i++) {
		const struct sleep_event *e = &program_cold(p)->sleep_events.v[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddItemToObject(o, "step", step_or_null(e->step));
		cJSON_AddNumberToObject(o, "insn", e->insn);
		cJSON_AddItemToObject(o, "subprog", idx_or_null(e->subprog));
		cJSON_AddStringToObject(o, "event", model_event_name(e->event, NAME_JSON));
		cJSON_AddItemToObject(o, "reason", str_or_null(m, e->reason));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *json_diag(const struct model *m, const struct program *p)
{
	const struct diagnostic *d = &program_cold(p)->diag;
	cJSON *o, *cp;
	uint32_t i;

	if (!program_cold(p)->has_diag)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "category", str_or_null(m, d->category));
	cJSON_AddItemToObject(o, "title", str_or_null(m, d->title));
	cJSON_AddItemToObject(o, "reason", str_or_null(m, d->reason));
	cJSON_AddItemToObject(o, "at", str_or_null(m, d->at));
	cp = cJSON_AddArrayToObject(o, "causal_path");
	for (i = 0; i < d->causal_path.n; i++)
		cJSON_AddItemToArray(cp, str_or_null(m, d->causal_path.v[i]));
	cJSON_AddItemToObject(o, "suggestion", str_or_null(m, d->suggestion));
	return o;
}

/*
 * A unit's name: the global's, else the subprogram it starts in (the main
 * program, each async callback), else the program's for the main unit,
 * else "func#N"; null only when nothing names it.
 */
static cJSON *unit_name(const struct model *m, const struct program *p, const struct unit *u)
{
	const struct subprog *sp =
		u->start_insn != IDX_NONE ? program_subprog_at(p, u->start_insn) : NULL;
	char buf[32];

	if (u->name)
		return str_or_null(m, u->name);
	if (sp && sp->start == u->start_insn && sp->name)
		return str_or_null(m, sp->name);
	if (u->kind == UNIT_MAIN && p->name)
		return str_or_null(m, p->name);
	if (sp && sp->start == u->start_insn) {
		snprintf(buf, sizeof(buf), "func#%u", sp->id);
		return cJSON_CreateString(buf);
	}
	return cJSON_CreateNull();
}

static cJSON *span_or_null(const struct model *m, struct span sp)
{
	char *t;
	cJSON *j;

	if (!sp.len)
		return cJSON_CreateNull();
	t = strndup(m->log.buf + sp.off, sp.len);
	j = t ? cJSON_CreateString(t) : cJSON_CreateNull();
	free(t);
	return j;
}

/* `why --json` and `error_provenance`: { what, step, chain: [...], stop } (design.md) */
static cJSON *json_why(const struct model *m, const struct program *p, const struct why_result *r)
{
	cJSON *o = cJSON_CreateObject(), *a;
	char buf[512];

	cJSON_AddStringToObject(o, "what", why_loc_text(&r->what, r->what.frame, buf, sizeof(buf)));
	cJSON_AddNumberToObject(o, "frame", r->what.frame);
	cJSON_AddItemToObject(o, "step", step_or_null(r->step));
	cJSON_AddItemToObject(o, "insn",
			      idx_or_null(r->step < p->steps.n ? step_insn(p, r->step) : IDX_NONE));
	a = cJSON_AddArrayToObject(o, "chain");
	for (uint32_t i = 0; i < r->links.n; i++) {
		const struct why_link *l = &r->links.v[i];
		cJSON *lo = cJSON_CreateObject();

		cJSON_AddItemToObject(lo, "step", step_or_null(l->step));
		cJSON_AddItemToObject(lo, "insn", idx_or_null(l->insn));
		cJSON_AddItemToObject(lo, "text", span_or_null(m, why_insn_text(m, p, l->insn)));
		cJSON_AddItemToObject(lo, "src", span_or_null(m, step_src_at(m, p, l->step)));
		cJSON_AddStringToObject(lo, "what",
					why_loc_text(&l->what, l->what.frame, buf, sizeof(buf)));
		cJSON_AddNumberToObject(lo, "frame", l->what.frame);
		why_link_value(m, p, l, buf, sizeof(buf));
		cJSON_AddItemToObject(lo, "value",
				      buf[0] ? cJSON_CreateString(buf) : cJSON_CreateNull());
		cJSON_AddStringToObject(lo, "via", why_via_text(m, p, l, buf, sizeof(buf)));
		if (why_call_text(m, p, l->step, buf, sizeof(buf)))
			cJSON_AddStringToObject(lo, "call", buf);
		cJSON_AddItemToArray(a, lo);
	}
	cJSON_AddStringToObject(o, "stop", why_stop_name(r->stop, NAME_JSON));
	cJSON_AddItemToObject(o, "stop_step", step_or_null(r->stop_step));
	return o;
}

/* the chain of what the error names, NULL when it names nothing */
static cJSON *json_error_provenance(const struct model *m, const struct program *p)
{
	struct why_result r;
	struct why_loc l;
	cJSON *o;

	if (why_error_loc(m, p, &l) || why_compute(m, p, p->error_step, l, &r))
		return NULL;
	o = json_why(m, p, &r);
	why_result_release(&r);
	return o;
}

/* the rejection class of the program's error (src/rules/reject_table.h), or null */
static cJSON *json_rejection(const struct model *m, const struct program *p)
{
	const struct reject_class *rc = sleep_reject_class(m, p);
	char *err, here[256];
	cJSON *o;

	if (!rc)
		return cJSON_CreateNull();
	err = program_error_text(m, p);
	reject_class_here(rc, err, here, sizeof(here));
	free(err);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "class", rc->id);
	cJSON_AddStringToObject(o, "title", rc->title);
	cJSON_AddStringToObject(o, "rule", rc->rule);
	cJSON_AddItemToObject(o, "here", here[0] ? cJSON_CreateString(here) : cJSON_CreateNull());
	cJSON_AddStringToObject(o, "fixes", rc->fixes);
	cJSON_AddStringToObject(o, "source", rc->src);
	return o;
}

static cJSON *json_program(const struct model *m, const struct program *p)
{
	cJSON *o = cJSON_CreateObject(), *st, *units;
	char *err = program_error_text(m, p);
	uint32_t i;

	cJSON_AddItemToObject(o, "name", str_or_null(m, p->name));
	cJSON_AddItemToObject(o, "section", str_or_null(m, p->section));
	cJSON_AddItemToObject(o, "sleepable",
			      p->sleepable < 0 ? cJSON_CreateNull() :
						 cJSON_CreateBool(p->sleepable));
	if (program_cold(p)->ctx_args.n) {
		/* the context's argument types, as the log tells them (struct_ops, tracing) */
		cJSON *ca = cJSON_AddArrayToObject(o, "ctx_args");

		for (i = 0; i < program_cold(p)->ctx_args.n; i++) {
			const struct ctx_arg *a = &program_cold(p)->ctx_args.v[i];
			cJSON *ao = cJSON_CreateObject();

			cJSON_AddStringToObject(ao, "func", strtab_get(&m->str, a->func));
			cJSON_AddNumberToObject(ao, "arg", a->arg);
			cJSON_AddNumberToObject(ao, "btf_id", a->btf_id);
			cJSON_AddStringToObject(ao, "kind", strtab_get(&m->str, a->kind));
			cJSON_AddStringToObject(ao, "type", strtab_get(&m->str, a->type));
			cJSON_AddItemToArray(ca, ao);
		}
	}
	cJSON_AddStringToObject(o, "verdict", verdict_name(p->verdict));
	cJSON_AddItemToObject(o, "error", err ? cJSON_CreateString(err) : cJSON_CreateNull());
	free(err);
	cJSON_AddItemToObject(o, "error_insn", idx_or_null(p->error_insn));
	cJSON_AddItemToObject(o, "error_step", step_or_null(p->error_step));
	if (p->error_after)
		cJSON_AddTrueToObject(o, "error_after_exploration");
	{
		cJSON *prov = json_error_provenance(m, p);

		if (prov)
			cJSON_AddItemToObject(o, "error_provenance", prov);
	}
	if (p->not_verified) {
		/* the verifier never saw the program (record noted it in the log's frame) */
		cJSON *nv = cJSON_AddObjectToObject(o, "not_verified");

		cJSON_AddStringToObject(
			nv, "by", p->not_verified == NOT_VERIFIED_KERNEL ? "kernel" : "libbpf");
		cJSON_AddItemToObject(nv, "errno", str_or_null(m, program_cold(p)->refused_errno));
	}
	st = cJSON_AddObjectToObject(o, "stats");
	cJSON_AddItemToObject(st, "processed_insns", num_or_null(p->stats.processed_insns));
	cJSON_AddItemToObject(st, "total_states", num_or_null(p->stats.total_states));
	cJSON_AddItemToObject(st, "peak_states", num_or_null(p->stats.peak_states));
	cJSON_AddItemToObject(st, "max_states_per_insn", num_or_null(p->stats.max_states_per_insn));
	cJSON_AddItemToObject(st, "insn_limit", num_or_null(p->stats.insn_limit));
	cJSON_AddItemToObject(st, "verification_time_usec",
			      num_or_null(p->stats.verification_time_usec));
	cJSON_AddItemToObject(st, "stack_depth", str_or_null(m, p->stats.stack_depth));
	cJSON_AddItemToObject(o, "subprogs", json_subprogs(m, p));
	cJSON_AddItemToObject(o, "edges", json_edges(m, p));
	cJSON_AddItemToObject(o, "sleep_events", json_events(m, p));
	cJSON_AddItemToObject(o, "diagnostic", json_diag(m, p));
	cJSON_AddItemToObject(o, "rejection", json_rejection(m, p));
	cJSON_AddItemToObject(o, "dialect",
			      p->verdict == VERDICT_UNKNOWN ? cJSON_CreateNull() :
							      str_or_null(m, p->dialect));
	cJSON_AddItemToObject(o, "log_level",
			      p->log_level ? cJSON_CreateNumber(p->log_level) : cJSON_CreateNull());
	cJSON_AddNumberToObject(o, "steps", p->steps.n);
	cJSON_AddNumberToObject(o, "paths", p->paths.n);
	units = cJSON_AddArrayToObject(o, "units");
	for (i = 0; i < p->units.n; i++) {
		const struct unit *u = &p->units.v[i];
		cJSON *uo = cJSON_CreateObject();

		cJSON_AddStringToObject(uo, "kind", model_unit_kind_name(u->kind, NAME_JSON));
		cJSON_AddItemToObject(uo, "name", unit_name(m, p, u));
		cJSON_AddItemToObject(uo, "start_insn", idx_or_null(u->start_insn));
		cJSON_AddItemToObject(uo, "push_step", step_or_null(u->push_step));
		cJSON_AddNumberToObject(uo, "paths", u->npaths);
		cJSON_AddNumberToObject(uo, "steps", u->nsteps);
		cJSON_AddItemToArray(units, uo);
	}
	cJSON_AddNumberToObject(o, "unknown_lines", (double)program_cold(p)->unknown_lines);
	return o;
}

/* ---- `json --steps [--states]`: the per-step model of design.md ---- */

static const char *path_kind(const struct program *p, const struct path *pa)
{
	const struct unit *u = pa->unit < p->units.n ? &p->units.v[pa->unit] : NULL;

	/* a callback's first path is pushed by the call; a branch inside one is still "cb" */
	bool by_call = pa->parent_step < p->steps.n && (step_flags(p, pa->parent_step) & STEP_CALL);

	if ((pa->flags & PATH_ASYNC_CB) && by_call)
		return "async_callback";
	if ((pa->flags & PATH_CB) && by_call)
		return "callback";
	if (pa->from_insn == IDX_NONE)
		return u && u->kind == UNIT_GLOBAL   ? "global" :
		       u && u->kind == UNIT_ASYNC_CB ? "async_callback" :
						       "start";
	return "branch";
}

static cJSON *json_path_list(const struct program *p)
{
	cJSON *a = cJSON_CreateArray();

	for (uint32_t i = 0; i < p->paths.n; i++) {
		const struct path *pa = &p->paths.v[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "path", i);
		cJSON_AddItemToObject(o, "unit", idx_or_null(pa->unit));
		cJSON_AddStringToObject(o, "kind", path_kind(p, pa));
		cJSON_AddItemToObject(o, "from", idx_or_null(pa->from_insn));
		cJSON_AddItemToObject(o, "to", idx_or_null(pa->to_insn));
		cJSON_AddItemToObject(o, "pushed_at_step", step_or_null(pa->parent_step));
		cJSON_AddItemToObject(o, "first_step",
				      step_or_null(pa->nsteps ? pa->first_step : IDX_NONE));
		cJSON_AddItemToObject(
			o, "last_step",
			step_or_null(pa->nsteps ? pa->first_step + pa->nsteps - 1 : IDX_NONE));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

/* the state of step k's frame when the verifier checked it: "R1": "...", "fp-8": "..." */
static cJSON *json_step_state(const struct model *m, const struct program *p, uint32_t k)
{
	static struct vstate vs; /* large: not on the stack */
	const struct frame_state *f;
	cJSON *o;
	char buf[1024], key[16];
	int i;

	if (state_before(m, p, k, &vs))
		return cJSON_CreateNull();
	f = &vs.frames[step_frame(p, k) < MODEL_MAX_FRAMES ? step_frame(p, k) : 0];
	o = cJSON_CreateObject();
	for (i = 0; i < STATE_NREGS; i++) {
		if (f->regs[i].kind == REG_NOT_INIT)
			continue;
		snprintf(key, sizeof(key), "R%d", i);
		cJSON_AddStringToObject(o, key,
					state_format_value(m, &f->regs[i], buf, sizeof(buf)));
	}
	for (i = 0; i < STATE_MAX_SLOTS; i++) {
		const struct slotval *sv = &f->slots[i];

		if (!sv->used)
			continue;
		snprintf(key, sizeof(key), "fp%d", -8 * (i + 1));
		cJSON_AddStringToObject(o, key, state_format_slot(m, sv, buf, sizeof(buf)));
	}
	if (f->refs) {
		snprintf(buf, sizeof(buf), "%.*s", (int)f->refs_text.len,
			 m->log.buf + f->refs_text.off);
		cJSON_AddStringToObject(o, "refs", buf);
	}
	return o;
}

static cJSON *json_step_list(const struct model *m, const struct program *p, bool states)
{
	cJSON *a = cJSON_CreateArray();
	char buf[256];

	for (uint32_t k = 0; k < p->steps.n; k++) {
		struct step s = step_at(p, k);
		const struct subprog *sp = program_subprog_at(p, s.insn);
		const struct ctx_run *run = sleep_step_context(p, k);
		const char *callee = (s.flags & STEP_CALL) ?
					     program_callee_name(m, p, s.insn, buf, sizeof(buf)) :
					     NULL;
		uint32_t pi = step_path(p, k);
		cJSON *o = cJSON_CreateObject(), *regions;

		cJSON_AddNumberToObject(o, "step", k + 1);
		cJSON_AddNumberToObject(o, "insn", s.insn);
		cJSON_AddItemToObject(o, "path", idx_or_null(pi));
		cJSON_AddItemToObject(
			o, "unit", idx_or_null(pi < p->paths.n ? p->paths.v[pi].unit : IDX_NONE));
		cJSON_AddNumberToObject(o, "frame", s.frame);
		cJSON_AddItemToObject(o, "subprog",
				      sp ? cJSON_CreateNumber(sp->id) : cJSON_CreateNull());
		cJSON_AddItemToObject(o, "call",
				      callee ? cJSON_CreateString(callee) : cJSON_CreateNull());
		/* an open region is non-sleepable whatever the program's flag */
		if (run && (run->region || run->sleepable >= 0))
			cJSON_AddStringToObject(o, "context",
						run->sleepable == 1 && !run->region ?
							"sleepable" :
							"non-sleepable");
		else
			cJSON_AddNullToObject(o, "context");
		regions = cJSON_AddArrayToObject(o, "regions");
		for (int g = 0; run && g < CTX_NREGIONS; g++) {
			cJSON *r;

			if (!((run->region >> (2 * g)) & 3))
				continue;
			r = cJSON_CreateObject();
			cJSON_AddStringToObject(r, "kind", sleep_region_kind_name(g));
			cJSON_AddItemToObject(r, "opened_at_insn", idx_or_null(run->opened_at[g]));
			cJSON_AddItemToArray(regions, r);
		}
		if (states)
			cJSON_AddItemToObject(o, "state", json_step_state(m, p, k));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

/*
 * Print one value of the document at depth tabs, as cJSON_Print would have
 * printed it inside the whole document, and valid UTF-8: the log and the
 * object may hold any bytes, so those that are not UTF-8 become U+FFFD,
 * counted in *nbad. Strings hold no raw newline (cJSON escapes it), so every
 * newline of the text starts a line of the value.
 */
static int json_put(FILE *out, const cJSON *v, int depth, size_t *nbad)
{
	char *text = cJSON_Print(v), *fixed, *s;
	size_t bad = 0;

	if (!text)
		return -1;
	fixed = textsafe_utf8(text, &bad);
	free(text);
	if (!fixed)
		return -1;
	*nbad += bad;
	for (s = fixed; *s; s++) {
		fputc(*s, out);
		if (*s == '\n')
			for (int d = 0; d < depth; d++)
				fputc('\t', out);
	}
	free(fixed);
	return 0;
}

/* a whole document (diff, why): valid UTF-8, the bytes that were not said in a warning */
static int json_doc_out(FILE *out, const cJSON *root)
{
	size_t bad = 0;

	if (json_put(out, root, 0, &bad)) {
		fprintf(stderr, "veristep: out of memory writing JSON\n");
		return -ENOMEM;
	}
	fputc('\n', out);
	if (bad)
		fprintf(stderr,
			"veristep: warning: %zu byte%s of invalid UTF-8 replaced with U+FFFD\n",
			bad, bad == 1 ? "" : "s");
	return 0;
}

/*
 * The document is written a program at a time (a log of 200,000 programs
 * never holds them all as JSON trees at once), byte for byte what printing
 * it whole would give.
 */
int json_run(struct model *m, const struct opts *o, FILE *out)
{
	cJSON *warn, *ver = cJSON_CreateString(VERISTEP_VERSION);
	size_t bad = 0;
	uint32_t i, n = 0;
	int rc = 0;

	fputs("{\n\t\"veristep\":\t", out);
	if (!ver || json_put(out, ver, 1, &bad))
		rc = -1;
	cJSON_Delete(ver);
	fputs(",\n\t\"programs\":\t[", out);
	for (i = 0; i < m->progs.n && !rc; i++) {
		const struct program *p;
		cJSON *po;

		if (!opts_program_selected(m, i, o))
			continue;
		p = model_prog(m, i);
		po = json_program(m, p);

		if (o->steps || o->states) {
			cJSON_AddItemToObject(po, "path_list", json_path_list(p));
			cJSON_AddItemToObject(po, "step_list", json_step_list(m, p, o->states));
		}
		if (n++)
			fputs(", ", out);
		if (json_put(out, po, 2, &bad))
			rc = -1;
		cJSON_Delete(po);
		load_prog_done(m, i); /* one program expanded at a time */
	}
	fputs("],\n\t\"warnings\":\t", out);
	warn = cJSON_CreateArray();
	for (i = 0; i < m->warnings.n; i++)
		if (opts_warning_selected(m, i, o))
			cJSON_AddItemToArray(warn, str_or_null(m, m->warnings.v[i]));
	if (bad) {
		char msg[128];

		snprintf(msg, sizeof(msg), "%zu byte%s of invalid UTF-8 replaced with U+FFFD", bad,
			 bad == 1 ? "" : "s");
		fprintf(stderr, "veristep: warning: %s\n", msg);
		cJSON_AddItemToArray(warn, cJSON_CreateString(msg));
	}
	if (rc || json_put(out, warn, 1, &bad)) {
		fprintf(stderr, "veristep: out of memory writing JSON\n");
		rc = 1;
	}
	cJSON_Delete(warn);
	fputs("\n}\n", out);
	return rc;
}

/* ---- `veristep diff --json` ---- */

static cJSON *json_diff_side(const struct model *m, const struct program *p)
{
	cJSON *o = cJSON_CreateObject(), *st;
	char *e;

	cJSON_AddStringToObject(o, "verdict", verdict_name(p->verdict));
	e = program_error_text(m, p);
	cJSON_AddItemToObject(o, "error", e ? cJSON_CreateString(e) : cJSON_CreateNull());
	free(e);
	st = cJSON_AddObjectToObject(o, "stats");
	cJSON_AddItemToObject(st, "processed_insns", num_or_null(p->stats.processed_insns));
	cJSON_AddItemToObject(st, "total_states", num_or_null(p->stats.total_states));
	cJSON_AddItemToObject(st, "peak_states", num_or_null(p->stats.peak_states));
	cJSON_AddItemToObject(o, "rules", str_or_null(m, p->sleep_rules));
	return o;
}

static cJSON *json_ctx_words(uint8_t c)
{
	cJSON *a = cJSON_CreateArray();

	if (c & CTX_SLEEPABLE)
		cJSON_AddItemToArray(a, cJSON_CreateString("sleepable"));
	if (c & CTX_NON_SLEEPABLE)
		cJSON_AddItemToArray(a, cJSON_CreateString("non-sleepable"));
	return a;
}

static cJSON *json_step_text(const struct model *m, const struct program *p, uint32_t k)
{
	struct step st;
	struct span t;
	char *s;
	cJSON *j;

	if (k == IDX_NONE || k >= p->steps.n)
		return cJSON_CreateNull();
	st = step_at(p, k);
	t = step_text(m, &st);
	s = strndup(m->log.buf + t.off, t.len);
	j = s ? cJSON_CreateString(s) : cJSON_CreateNull();
	free(s);
	return j;
}

static cJSON *json_diff_divergence(const struct diff_pair *d)
{
	const struct diff_divergence *dv = &d->r.div;
	cJSON *o;
	uint32_t insn = IDX_NONE;

	if (!d->r.has_div)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "unit",
			      idx_or_null(dv->unit == IDX_NONE ? IDX_NONE : dv->unit + 1));
	cJSON_AddItemToObject(o, "b_unit",
			      idx_or_null(dv->b_unit == IDX_NONE ? IDX_NONE : dv->b_unit + 1));
	cJSON_AddItemToObject(o, "a_path",
			      idx_or_null(dv->a_path == IDX_NONE ? IDX_NONE : dv->a_path + 1));
	cJSON_AddItemToObject(o, "b_path",
			      idx_or_null(dv->b_path == IDX_NONE ? IDX_NONE : dv->b_path + 1));
	cJSON_AddItemToObject(o, "a_step", step_or_null(dv->a_step));
	cJSON_AddItemToObject(o, "b_step", step_or_null(dv->b_step));
	if (dv->a_step != IDX_NONE)
		insn = step_insn(d->pa, dv->a_step);
	else if (dv->b_step != IDX_NONE)
		insn = step_insn(d->pb, dv->b_step);
	cJSON_AddItemToObject(o, "insn", idx_or_null(insn));
	if (dv->a_step != IDX_NONE && dv->b_step != IDX_NONE &&
	    step_insn(d->pa, dv->a_step) != step_insn(d->pb, dv->b_step))
		cJSON_AddNumberToObject(o, "b_insn", step_insn(d->pb, dv->b_step));
	cJSON_AddStringToObject(o, "what", diff_what_name(dv->what));
	cJSON_AddItemToObject(o, "a_text", json_step_text(d->ma, d->pa, dv->a_step));
	cJSON_AddItemToObject(o, "b_text", json_step_text(d->mb, d->pb, dv->b_step));
	if (dv->what == DIFF_STATE) {
		char name[32], va[256], vb[256];
		const struct diff_item *it = &dv->item;

		diff_item_text(d, name, sizeof(name), va, vb, sizeof(va));
		cJSON_AddStringToObject(o, "item", name);
		cJSON_AddNumberToObject(o, "frame", it->frame);
		cJSON_AddStringToObject(o, "a_value", va);
		cJSON_AddStringToObject(o, "b_value", vb);
	}
	return o;
}

static cJSON *json_diff_pair(const struct diff_pair *d)
{
	const struct program *p = d->pa ? d->pa : d->pb;
	const struct model *m = d->pa ? d->ma : d->mb;
	cJSON *o = cJSON_CreateObject(), *a;
	uint32_t i;

	cJSON_AddStringToObject(o, "file", d->file);
	cJSON_AddItemToObject(o, "name", str_or_null(m, p->name));
	cJSON_AddItemToObject(o, "a", d->pa ? json_diff_side(d->ma, d->pa) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "b", d->pb ? json_diff_side(d->mb, d->pb) : cJSON_CreateNull());
	cJSON_AddBoolToObject(o, "differs", d->differs);
	if (!d->pa || !d->pb)
		return o;
	cJSON_AddBoolToObject(o, "verdict_changed", d->r.verdict_changed);
	cJSON_AddBoolToObject(o, "error_changed", d->r.error_changed);
	cJSON_AddBoolToObject(o, "two_builds", d->r.two_builds);
	cJSON_AddItemToObject(o, "first_divergence", json_diff_divergence(d));
	a = cJSON_AddArrayToObject(o, "contexts");
	for (i = 0; i < d->r.nctx; i++) {
		const struct diff_ctx *c = &d->r.ctx[i];
		const struct subprog *s = c->a_sp != IDX_NONE ? &d->pa->subprogs.v[c->a_sp] :
								&d->pb->subprogs.v[c->b_sp];
		cJSON *co = cJSON_CreateObject();

		cJSON_AddItemToObject(co, "subprog",
				      str_or_null(c->a_sp != IDX_NONE ? d->ma : d->mb, s->name));
		cJSON_AddItemToObject(co, "a", json_ctx_words(c->a_ctx));
		cJSON_AddItemToObject(co, "b", json_ctx_words(c->b_ctx));
		cJSON_AddItemToObject(co, "rule",
				      c->rule >= 0 && sleep_rule_info(c->rule) ?
					      cJSON_CreateString(sleep_rule_info(c->rule)->id) :
					      cJSON_CreateNull());
		cJSON_AddItemToArray(a, co);
	}
	a = cJSON_AddObjectToObject(o, "stats_delta");
#define DELTA(f)                                                                                   \
	cJSON_AddItemToObject(                                                                     \
		a, #f,                                                                             \
		d->pa->stats.f >= 0 && d->pb->stats.f >= 0 ?                                       \
			cJSON_CreateNumber((double)(d->pb->stats.f - d->pa->stats.f)) :            \
			cJSON_CreateNull())
	DELTA(processed_insns);
	DELTA(total_states);
	DELTA(peak_states);
#undef DELTA
	a = cJSON_AddArrayToObject(o, "hot_insns");
	for (i = 0; i < d->r.nhot; i++) {
		cJSON *h = cJSON_CreateObject();

		cJSON_AddNumberToObject(h, "insn", d->r.hot[i].insn);
		cJSON_AddNumberToObject(h, "a_visits", d->r.hot[i].a_visits);
		cJSON_AddNumberToObject(h, "b_visits", d->r.hot[i].b_visits);
		cJSON_AddItemToArray(a, h);
	}
	return o;
}

int json_diff_print(FILE *out, const struct diff_pair *v, size_t n)
{
	cJSON *root = cJSON_CreateObject(), *progs;
	size_t i;
	int rc;

	cJSON_AddStringToObject(root, "veristep", VERISTEP_VERSION);
	progs = cJSON_AddArrayToObject(root, "programs");
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(progs, json_diff_pair(&v[i]));
	rc = json_doc_out(out, root);
	cJSON_Delete(root);
	return rc;
}

int json_why_print(FILE *out, const struct model *m, const struct program *p,
		   const struct why_result *r)
{
	cJSON *root = json_why(m, p, r);
	int rc = root ? json_doc_out(out, root) : -ENOMEM;

	cJSON_Delete(root);
	return rc;
}
