// SPDX-License-Identifier: MIT
/*
 * rules.c — `veristep rules`: the sleepable-context rules as a matrix, one
 * row per rule, one column per release range from 5.10 to 7.3, each cell
 * with the commit that began it; `--kernel X.Y` one release in words;
 * `--json` the table. It formats the table in use (src/rules/sleep_table.c),
 * the one the analysis reads; it decides nothing itself.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/analysis/sleep.h"
#include "src/front/cli.h"
#include "src/rules/sleep_table.h"

#define FIRST_KV KV(5, 10)
#define LAST_KV KV(7, 3)
#define MAX_COLS 48

struct rel {
	uint16_t ver;
	uint8_t patch;
};

struct col {
	struct rel from, to; /* inclusive */
};

static int rel_cmp(struct rel a, struct rel b)
{
	if (a.ver != b.ver)
		return a.ver < b.ver ? -1 : 1;
	return a.patch < b.patch ? -1 : a.patch > b.patch;
}

static void rel_text(struct rel r, char *buf, size_t n)
{
	if (r.patch && r.patch != KV_PATCH_LATEST)
		snprintf(buf, n, "%u.%u.%u", r.ver / 100, r.ver % 100, r.patch);
	else
		snprintf(buf, n, "%u.%u", r.ver / 100, r.ver % 100);
}

/* the release just before r: 6.0 -> 5.19, 6.18.2 -> 6.18.1 */
static struct rel rel_prev(struct rel r)
{
	struct rel p = r;

	if (r.patch && r.patch != KV_PATCH_LATEST) {
		p.patch = r.patch - 1;
		return p;
	}
	p.patch = KV_PATCH_LATEST;
	p.ver = r.ver % 100 ? r.ver - 1 : (uint16_t)KV(r.ver / 100 - 1, 19);
	return p;
}

static void col_text(const struct col *c, char *buf, size_t n)
{
	char a[16], b[16];
	struct rel to = c->to;

	rel_text(c->from, a, sizeof(a));
	if (to.patch != KV_PATCH_LATEST && c->from.ver == to.ver && !c->from.patch) {
		/* 6.18.0-6.18.1: a stable backport splits the release */
		snprintf(a, sizeof(a), "%u.%u.0", to.ver / 100, to.ver % 100);
		snprintf(b, sizeof(b), "%u.%u.%u", to.ver / 100, to.ver % 100, to.patch);
	} else
		rel_text((struct rel){ to.ver, KV_PATCH_LATEST }, b, sizeof(b));
	if (!rel_cmp(c->from, to) || (!strcmp(a, b)))
		snprintf(buf, n, "%s", a);
	else if (c->from.patch && c->from.patch != KV_PATCH_LATEST && to.ver == c->from.ver)
		snprintf(buf, n, "%s+", a);
	else
		snprintf(buf, n, "%s-%s", a, b);
}

/* the release ranges: every era start of every row inside [5.10, 7.3] */
static int columns(struct col *cols)
{
	const struct sleep_table *t = sleep_table_get();
	struct rel b[MAX_COLS];
	int nb = 0, i, j;

	b[nb++] = (struct rel){ FIRST_KV, 0 };
	for (i = 0; i < (int)t->nrules; i++) {
		const struct sleep_rule_info *ri = &t->rules[i];

		for (j = 0; j < ri->neras; j++) {
			struct rel r = { ri->eras[j].since, ri->eras[j].patch };
			int k;

			if (r.ver <= FIRST_KV || r.ver > LAST_KV)
				continue;
			for (k = 0; k < nb && rel_cmp(b[k], r); k++)
				;
			if (k < nb || nb == MAX_COLS)
				continue;
			b[nb++] = r;
		}
	}
	/* sort (few entries) */
	for (i = 1; i < nb; i++)
		for (j = i; j > 0 && rel_cmp(b[j - 1], b[j]) > 0; j--) {
			struct rel x = b[j];

			b[j] = b[j - 1];
			b[j - 1] = x;
		}
	for (i = 0; i < nb; i++) {
		cols[i].from = b[i];
		cols[i].to =
			i + 1 < nb ? rel_prev(b[i + 1]) : (struct rel){ LAST_KV, KV_PATCH_LATEST };
	}
	return nb;
}

/* the era of row f in force over column c (the same over the whole column) */
static const struct sleep_era *cell(enum sleep_feature f, const struct col *c)
{
	return sleep_rule_era(f, c->from.ver, c->from.patch);
}

static bool era_starts_in(const struct sleep_era *e, const struct col *c)
{
	return e && e->since == c->from.ver && e->patch == c->from.patch;
}

static void print_matrix(FILE *out)
{
	const struct sleep_table *t = sleep_table_get();
	struct col cols[MAX_COLS];
	int nc = columns(cols), w[MAX_COLS], i, k, lw = 4;
	const char *group = "";
	char buf[64];

	for (i = 0; i < (int)t->nrules; i++)
		if ((int)strlen(t->rules[i].row) + 2 > lw)
			lw = (int)strlen(t->rules[i].row) + 2;
	for (k = 0; k < nc; k++) {
		col_text(&cols[k], buf, sizeof(buf));
		w[k] = (int)strlen(buf);
		for (i = 0; i < (int)t->nrules; i++) {
			const struct sleep_era *e = cell((enum sleep_feature)i, &cols[k]);
			int l = e ? (int)strlen(e->cell) : 1;

			if (l > w[k])
				w[k] = l;
			if (era_starts_in(e, &cols[k]) && e->commit && w[k] < 12)
				w[k] = 12;
		}
	}
	fprintf(out, "Sleepable-context rules, Linux 5.10 to 7.3 (the table the analysis uses).\n"
		     "A cell holds the rule over that release range; the line below a row names\n"
		     "the commit where the rule changed, when known. veristep rules --kernel X.Y\n"
		     "says one release's rules in words.\n\n");
	fprintf(out, "%-*s", lw, "rule");
	for (k = 0; k < nc; k++) {
		col_text(&cols[k], buf, sizeof(buf));
		fprintf(out, " %-*s", w[k], buf);
	}
	fputc('\n', out);
	for (i = 0; i < (int)t->nrules; i++) {
		const struct sleep_rule_info *ri = &t->rules[i];
		bool commits = false;

		if (strcmp(group, ri->group)) {
			group = ri->group;
			fprintf(out, "%s\n", group);
		}
		fprintf(out, "  %-*s", lw - 2, ri->row);
		for (k = 0; k < nc; k++) {
			const struct sleep_era *e = cell((enum sleep_feature)i, &cols[k]);

			fprintf(out, " %-*s", w[k], e ? e->cell : "-");
			if (era_starts_in(e, &cols[k]) && e->commit)
				commits = true;
		}
		fputc('\n', out);
		if (!commits)
			continue;
		fprintf(out, "%-*s", lw, "");
		for (k = 0; k < nc; k++) {
			const struct sleep_era *e = cell((enum sleep_feature)i, &cols[k]);

			fprintf(out, " %-*s", w[k],
				era_starts_in(e, &cols[k]) && e->commit ? e->commit : "");
		}
		fputc('\n', out);
	}
	fprintf(out, "\nmessages, in full:\n");
	for (i = 0; i < (int)t->nrules; i++) {
		const struct sleep_rule_info *ri = &t->rules[i];

		for (k = 0; k < ri->neras; k++) {
			const struct sleep_era *e = &ri->eras[k];
			struct rel r = { e->since, e->patch };

			if (!e->msg)
				continue;
			rel_text(r, buf, sizeof(buf));
			fprintf(out, "  %-20s %-12s %-7s %s\n", ri->id, e->cell,
				e->since ? buf : "5.10", e->msg);
		}
	}
}

static void era_since(const struct sleep_era *e, char *buf, size_t n)
{
	rel_text((struct rel){ e->since, e->patch }, buf, n);
}

/* the struct_ops members that may be loaded sleepable, per type the release has */
static void print_members(FILE *out, const struct sleep_rules *r)
{
	const struct sleep_table *t = sleep_table_get();
	size_t i, j;
	bool head = false;

	if (!sleep_rules_has(r, SF_TYPE_STRUCT_OPS))
		return; /* no struct_ops program may be sleepable yet */
	for (i = 0; i < t->nmembers; i++) {
		const struct sleep_st_member *star = &t->members[i];
		const char *sep = "";

		if (strcmp(star->member, "*") || r->ver < star->since)
			continue;
		if (!head)
			fprintf(out,
				"\nstruct_ops members that may be sleepable (struct_ops.s/, the "
				"subsystem's check_member):\n");
		head = true;
		fprintf(out, "  %s: %s", star->st_ops,
			star->flags & SMF_SLEEPABLE ? "every member" : "");
		for (j = 0; j < t->nmembers; j++) {
			const struct sleep_st_member *e = &t->members[j];
			const char *st;

			if (strcmp(e->st_ops, star->st_ops) || !strcmp(e->member, "*") ||
			    r->ver < e->since)
				continue;
			if (star->flags & SMF_SLEEPABLE) {
				if (sleep_struct_ops_member(e->st_ops, e->member, r, &st) == 0)
					fprintf(out, " but %s (%s)", e->member,
						e->flags & SMF_UNSUPPORTED ? "unsupported" :
									     "non-sleepable");
			} else if (sleep_struct_ops_member(e->st_ops, e->member, r, &st) == 1) {
				fprintf(out, "%s%s", sep, e->member);
				sep = ", ";
			}
		}
		fprintf(out, " %s\n", star->src);
	}
}

static int print_kernel(FILE *out, const struct sleep_rules *r)
{
	const struct sleep_table *t = sleep_table_get();
	const char *group = "";
	char since[16];
	int i;

	fprintf(out, "Sleepable-context rules of Linux %s:\n", r->name);
	for (i = 0; i < (int)t->nrules; i++) {
		const struct sleep_rule_info *ri = &t->rules[i];
		const struct sleep_era *e = sleep_rule_era((enum sleep_feature)i, r->ver, r->patch);

		if (!e)
			continue;
		if (strcmp(group, ri->group)) {
			group = ri->group;
			fprintf(out, "\n%s:\n", group);
		}
		era_since(e, since, sizeof(since));
		fprintf(out, "  %s: %s", ri->row, e->words);
		if (e->since)
			fprintf(out, " (since %s%s%s)", since, e->commit ? ", " : "",
				e->commit ? e->commit : "");
		fputc('\n', out);
		if (e->msg)
			fprintf(out, "      message: %s\n", e->msg);
	}
	print_members(out, r);
	return 0;
}

static cJSON *era_json(const struct sleep_era *e)
{
	cJSON *o = cJSON_CreateObject();
	char since[16];

	era_since(e, since, sizeof(since));
	cJSON_AddItemToObject(o, "since",
			      e->since ? cJSON_CreateString(since) : cJSON_CreateNull());
	cJSON_AddNumberToObject(o, "value", e->value);
	cJSON_AddStringToObject(o, "cell", e->cell);
	cJSON_AddStringToObject(o, "words", e->words);
	cJSON_AddItemToObject(o, "commit",
			      e->commit ? cJSON_CreateString(e->commit) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "message",
			      e->msg ? cJSON_CreateString(e->msg) : cJSON_CreateNull());
	return o;
}

static cJSON *rules_json(const struct sleep_rules *r)
{
	const struct sleep_table *t = sleep_table_get();
	cJSON *root = cJSON_CreateObject(), *rows = cJSON_CreateArray();
	struct col cols[MAX_COLS];
	char buf[32];
	int nc = columns(cols), i, k;

	cJSON_AddStringToObject(root, "veristep", VERISTEP_VERSION);
	if (r) {
		cJSON_AddStringToObject(root, "kernel", r->name);
	} else {
		cJSON *ca = cJSON_CreateArray();

		for (k = 0; k < nc; k++) {
			cJSON *c = cJSON_CreateObject();

			col_text(&cols[k], buf, sizeof(buf));
			cJSON_AddStringToObject(c, "releases", buf);
			rel_text(cols[k].from, buf, sizeof(buf));
			cJSON_AddStringToObject(c, "from", buf);
			cJSON_AddItemToArray(ca, c);
		}
		cJSON_AddItemToObject(root, "columns", ca);
	}
	for (i = 0; i < (int)t->nrules; i++) {
		const struct sleep_rule_info *ri = &t->rules[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "id", ri->id);
		cJSON_AddStringToObject(o, "rule", ri->row);
		cJSON_AddStringToObject(o, "group", ri->group);
		cJSON_AddStringToObject(o, "source", ri->src);
		if (r) {
			const struct sleep_era *e =
				sleep_rule_era((enum sleep_feature)i, r->ver, r->patch);

			cJSON_AddItemToObject(o, "in_force", e ? era_json(e) : cJSON_CreateNull());
		} else {
			cJSON *eras = cJSON_CreateArray(), *cells = cJSON_CreateArray();

			for (k = 0; k < ri->neras; k++)
				cJSON_AddItemToArray(eras, era_json(&ri->eras[k]));
			for (k = 0; k < nc; k++) {
				const struct sleep_era *e = cell((enum sleep_feature)i, &cols[k]);
				cJSON *c = cJSON_CreateObject();

				cJSON_AddStringToObject(c, "value", e ? e->cell : "-");
				cJSON_AddItemToObject(c, "commit",
						      era_starts_in(e, &cols[k]) && e->commit ?
							      cJSON_CreateString(e->commit) :
							      cJSON_CreateNull());
				cJSON_AddItemToArray(cells, c);
			}
			cJSON_AddItemToObject(o, "eras", eras);
			cJSON_AddItemToObject(o, "cells", cells);
		}
		cJSON_AddItemToArray(rows, o);
	}
	cJSON_AddItemToObject(root, "rules", rows);
	return root;
}

int rules_print(FILE *out, const char *kernel, bool json)
{
	struct sleep_rules r;
	bool one = kernel != NULL;

	if (one && sleep_rules_parse(kernel, &r)) {
		fprintf(stderr, "veristep: --kernel takes X.Y or X.Y.Z, not '%s'\n", kernel);
		return 2;
	}
	if (json) {
		cJSON *j = rules_json(one ? &r : NULL);
		char *s = j ? cJSON_Print(j) : NULL;

		cJSON_Delete(j);
		if (!s) {
			fprintf(stderr, "veristep: out of memory\n");
			return 1;
		}
		fprintf(out, "%s\n", s);
		free(s);
		return 0;
	}
	if (one)
		return print_kernel(out, &r);
	print_matrix(out);
	return 0;
}

int rules_run(const struct opts *o, FILE *out)
{
	if (o->nfiles) {
		fprintf(stderr, "veristep: rules takes no FILE\nTry 'veristep --help'.\n");
		return 2;
	}
	return rules_print(out, o->kernel, o->json);
}
