// SPDX-License-Identifier: MIT
/*
 * explain.c — sentences for people, built from the model's analyses.
 * Computes nothing the JSON would lack: it only words what is there.
 */
#include "src/analysis/explain.h"

void explain_subprog_suffix(FILE *out, const struct model *m, const struct program *p,
			    const struct subprog *sp)
{
	static const struct {
		uint16_t bit;
		const char *name;
	} roles[] = {
		{ ROLE_MAIN, "main" },
		{ ROLE_STATIC, "static" },
		{ ROLE_GLOBAL, "global" },
		{ ROLE_CALLBACK, "callback" },
		{ ROLE_ASYNC_CALLBACK, "async callback" },
		{ ROLE_EXCEPTION_CB, "exception callback" },
	};
	const char *sep = " [";
	size_t i;

	(void)m;
	(void)p;
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		if (sp->roles & roles[i].bit) {
			fprintf(out, "%s%s", sep, roles[i].name);
			sep = ", ";
		}
	}
	if (sep[0] == ',')
		fputc(']', out);
	if (sp->contexts)
		fprintf(out, " contexts: %s%s%s", sp->contexts & CTX_SLEEPABLE ? "sleepable" : "",
			sp->contexts == (CTX_SLEEPABLE | CTX_NON_SLEEPABLE) ? ", " : "",
			sp->contexts & CTX_NON_SLEEPABLE ? "non-sleepable" : "");
	if (sp->might_sleep >= 0)
		fprintf(out, "%s", sp->might_sleep ? " may sleep" : " does not sleep");
}

void explain_program(FILE *out, const struct model *m, const struct program *p)
{
	static const char *const kinds[] = { "call", "callback", "async callback" };
	uint32_t i;

	if (program_cold(p)->edges.n)
		fprintf(out, "edges:\n");
	for (i = 0; i < program_cold(p)->edges.n; i++) {
		const struct edge *e = &program_cold(p)->edges.v[i];

		fprintf(out, "  func#%u -> func#%u  %s at insn %u%s%s\n", e->from, e->to,
			kinds[e->kind % 3], e->insn, e->via ? " via " : "",
			e->via ? strtab_get(&m->str, e->via) : "");
	}
}
