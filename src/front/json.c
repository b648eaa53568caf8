// SPDX-License-Identifier: MIT
/*
 * json.c — `veristep json`: the model as JSON (cJSON), per the contract in
 * design.md. Deterministic: no addresses, no times, stable key order.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "src/front/cli.h"
#include "src/front/textsafe.h"

static cJSON *str_or_null(const struct model *m, uint32_t id)
{
	return id ? cJSON_CreateString(strtab_get(&m->str, id)) : cJSON_CreateNull();
}

static cJSON *idx_or_null(uint32_t v)
{
	return v == IDX_NONE ? cJSON_CreateNull() : cJSON_CreateNumber(v);
}

static cJSON *num_or_null(int64_t v)
{
	return v < 0 ? cJSON_CreateNull() : cJSON_CreateNumber((double)v);
}

static cJSON *json_roles(uint16_t roles)
{
	static const struct {
		uint16_t bit;
		const char *name;
	} names[] = {
		{ ROLE_MAIN, "main" },
		{ ROLE_STATIC, "static" },
		{ ROLE_GLOBAL, "global" },
		{ ROLE_CALLBACK, "callback" },
		{ ROLE_ASYNC_CALLBACK, "async_callback" },
		{ ROLE_EXCEPTION_CB, "exception_callback" },
	};
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (roles & names[i].bit)
			cJSON_AddItemToArray(a, cJSON_CreateString(names[i].name));
	return a;
}

static cJSON *json_subprogs(const struct model *m, const struct program *p)
{
	static const char *const linkage[] = { "unknown", "main", "static", "global" };
	cJSON *a = cJSON_CreateArray();
	uint32_t i;

	for (i = 0; i < p->subprogs.n; i++) {
		const struct subprog *sp = &p->subprogs.v[i];
		cJSON *o = cJSON_CreateObject(), *ctx = cJSON_CreateArray();

		cJSON_AddNumberToObject(o, "id", sp->id);
		cJSON_AddItemToObject(o, "name", str_or_null(m, sp->name));
		cJSON_AddNumberToObject(o, "start", sp->start);
		cJSON_AddItemToObject(o, "end", idx_or_null(sp->end));
		cJSON_AddStringToObject(o, "linkage", linkage[sp->linkage & 3]);
		cJSON_AddItemToObject(o, "roles", json_roles(sp->roles));
		if (sp->contexts & CTX_SLEEPABLE)
			cJSON_AddItemToArray(ctx, cJSON_CreateString("sleepable"));
		if (sp->contexts & CTX_NON_SLEEPABLE)
			cJSON_AddItemToArray(ctx, cJSON_CreateString("non-sleepable"));
		cJSON_AddItemToObject(o, "contexts", ctx);
		cJSON_AddItemToObject(o, "might_sleep", sp->might_sleep < 0
								? cJSON_CreateNull()
								: cJSON_CreateBool(sp->might_sleep));
		cJSON_AddItemToObject(o, "prototype", str_or_null(m, sp->btf_proto));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *json_edges(const struct model *m, const struct program *p)
{
	static const char *const kinds[] = { "call", "callback", "async_callback" };
	cJSON *a = cJSON_CreateArray();
	uint32_t i;

	for (i = 0; i < p->edges.n; i++) {
		const struct edge *e = &p->edges.v[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "from", e->from);
		cJSON_AddNumberToObject(o, "to", e->to);
		cJSON_AddNumberToObject(o, "insn", e->insn);
		cJSON_AddStringToObject(o, "kind", kinds[e->kind % 3]);
		cJSON_AddItemToObject(o, "via", str_or_null(m, e->via));
		cJSON_AddItemToObject(o, "sleepable", e->sleepable < 0
							      ? cJSON_CreateNull()
							      : cJSON_CreateBool(e->sleepable));
		if (e->arg_reg)
			cJSON_AddNumberToObject(o, "arg_reg", e->arg_reg);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *json_events(const struct model *m, const struct program *p)
{
	static const char *const kinds[] = { "set", "lost", "violation" };
	cJSON *a = cJSON_CreateArray();
	uint32_t i;

	for (i = 0; i < p->sleep_events.n; i++) {
		const struct sleep_event *e = &p->sleep_events.v[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddItemToObject(o, "step", idx_or_null(e->step));
		cJSON_AddNumberToObject(o, "insn", e->insn);
		cJSON_AddItemToObject(o, "subprog", idx_or_null(e->subprog));
		cJSON_AddStringToObject(o, "event", kinds[e->event % 3]);
		cJSON_AddItemToObject(o, "reason", str_or_null(m, e->reason));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *json_diag(const struct model *m, const struct program *p)
{
	cJSON *o, *cp;
	uint32_t i;

	if (!p->has_diag)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "category", str_or_null(m, p->diag.category));
	cJSON_AddItemToObject(o, "title", str_or_null(m, p->diag.title));
	cJSON_AddItemToObject(o, "reason", str_or_null(m, p->diag.reason));
	cJSON_AddItemToObject(o, "at", str_or_null(m, p->diag.at));
	cp = cJSON_AddArrayToObject(o, "causal_path");
	for (i = 0; i < p->diag.causal_path.n; i++)
		cJSON_AddItemToArray(cp, str_or_null(m, p->diag.causal_path.v[i]));
	cJSON_AddItemToObject(o, "suggestion", str_or_null(m, p->diag.suggestion));
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
			      p->sleepable < 0 ? cJSON_CreateNull() : cJSON_CreateBool(p->sleepable));
	cJSON_AddStringToObject(o, "verdict", verdict_name(p->verdict));
	cJSON_AddItemToObject(o, "error", err ? cJSON_CreateString(err) : cJSON_CreateNull());
	free(err);
	cJSON_AddItemToObject(o, "error_insn", idx_or_null(p->error_insn));
	cJSON_AddItemToObject(o, "error_step", idx_or_null(p->error_step));
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
	cJSON_AddItemToObject(o, "dialect", p->verdict == VERDICT_UNKNOWN
						    ? cJSON_CreateNull()
						    : str_or_null(m, p->dialect));
	cJSON_AddItemToObject(o, "log_level", p->log_level ? cJSON_CreateNumber(p->log_level)
							   : cJSON_CreateNull());
	cJSON_AddNumberToObject(o, "steps", p->steps.n);
	cJSON_AddNumberToObject(o, "paths", p->paths.n);
	units = cJSON_AddArrayToObject(o, "units");
	for (i = 0; i < p->units.n; i++) {
		static const char *const kinds[] = { "main", "async_callback", "global" };
		const struct unit *u = &p->units.v[i];
		cJSON *uo = cJSON_CreateObject();

		cJSON_AddStringToObject(uo, "kind", kinds[u->kind % 3]);
		cJSON_AddItemToObject(uo, "name", str_or_null(m, u->name));
		cJSON_AddItemToObject(uo, "start_insn", idx_or_null(u->start_insn));
		cJSON_AddItemToObject(uo, "push_step", idx_or_null(u->push_step));
		cJSON_AddNumberToObject(uo, "paths", u->npaths);
		cJSON_AddNumberToObject(uo, "steps", u->nsteps);
		cJSON_AddItemToArray(units, uo);
	}
	cJSON_AddNumberToObject(o, "unknown_lines", (double)p->line_counts[LINE_UNKNOWN]);
	return o;
}

/*
 * The JSON text, valid UTF-8: the log and the object may hold any bytes, so
 * those that are not UTF-8 become U+FFFD and a warning says how many.
 */
static char *json_utf8(cJSON *root, cJSON *warn)
{
	char *text = cJSON_Print(root), *fixed, msg[128];
	size_t bad;

	if (!text)
		return NULL;
	fixed = textsafe_utf8(text, &bad);
	free(text);
	if (!fixed || !bad)
		return fixed;
	free(fixed);
	snprintf(msg, sizeof(msg), "%zu byte%s of invalid UTF-8 replaced with U+FFFD", bad,
		 bad == 1 ? "" : "s");
	fprintf(stderr, "veristep: warning: %s\n", msg);
	cJSON_AddItemToArray(warn, cJSON_CreateString(msg));
	text = cJSON_Print(root);
	if (!text)
		return NULL;
	fixed = textsafe_utf8(text, &bad);
	free(text);
	return fixed;
}

int json_run(struct model *m, const struct opts *o, FILE *out)
{
	cJSON *root = cJSON_CreateObject(), *progs, *warn;
	char *text;
	uint32_t i;
	int rc = 0;

	cJSON_AddStringToObject(root, "veristep", VERISTEP_VERSION);
	progs = cJSON_AddArrayToObject(root, "programs");
	for (i = 0; i < m->progs.n; i++) {
		const struct program *p = &m->progs.v[i];

		if (o->prog && strcmp(o->prog, strtab_get(&m->str, p->name)))
			continue;
		cJSON_AddItemToArray(progs, json_program(m, p));
	}
	warn = cJSON_AddArrayToObject(root, "warnings");
	for (i = 0; i < m->warnings.n; i++)
		cJSON_AddItemToArray(warn, str_or_null(m, m->warnings.v[i]));
	text = json_utf8(root, warn);
	if (!text) {
		fprintf(stderr, "veristep: out of memory writing JSON\n");
		rc = 1;
	} else {
		fputs(text, out);
		fputc('\n', out);
		free(text);
	}
	cJSON_Delete(root);
	return rc;
}
