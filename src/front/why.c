// SPDX-License-Identifier: MIT
/*
 * why.c — `veristep why`: the chain of steps that produced a register or
 * a stack slot at a step (src/analysis/why.c computes it), as text or as
 * the JSON of the contract (json.c's json_why_print). Also the lines the
 * report prints under an error (why_print_chain). Formats only.
 */
#include <stdlib.h>
#include <string.h>

#include "src/analysis/why.h"
#include "src/front/cli.h"
#include "src/front/textsafe.h"
#include "src/load.h"

static void put_span(FILE *out, const struct model *m, struct span sp, uint32_t max)
{
	uint32_t len = sp.len > max ? max : sp.len;

	textsafe_fwrite(out, m->log.buf + sp.off, len, 0);
	if (sp.len > len)
		fputs("...", out);
}

void why_print_chain(FILE *out, const struct model *m, const struct program *p,
		     const struct why_result *r, const char *indent)
{
	char via[256], val[512], loc[32];

	for (uint32_t i = 0; i < r->links.n; i++) {
		const struct why_link *l = &r->links.v[i];
		struct span src = step_src_at(m, p, l->step);

		fprintf(out, "%sstep %u, insn %u: ", indent, l->step + 1, l->insn);
		put_span(out, m, why_insn_text(m, p, l->insn), 120);
		if (src.len) {
			fputs("  @ ", out);
			put_span(out, m, src, 120);
		}
		if (why_call_text(m, p, l->step, val, sizeof(val))) {
			fprintf(out, "\n%s    ", indent);
			textsafe_fwrite(out, val, strlen(val), 0);
		}
		why_loc_text(&l->what, r->what.frame, loc, sizeof(loc));
		why_link_value(m, p, l, val, sizeof(val));
		fprintf(out, "\n%s    %s = ", indent, loc);
		textsafe_fwrite(out, val[0] ? val : "?", strlen(val[0] ? val : "?"), 0);
		why_via_text(m, p, l, via, sizeof(via));
		fputs("  [", out);
		textsafe_fwrite(out, via, strlen(via), 0);
		fputs("]\n", out);
	}
	if (r->stop != WHY_STOP_ORIGIN) {
		fprintf(out, "%sthe chain stops", indent);
		if (r->stop_step != IDX_NONE)
			fprintf(out, " at step %u", r->stop_step + 1);
		fprintf(out, ": %s\n", why_stop_name(r->stop, NAME_TEXT));
	}
}

/*
 * The program `why` looks at: -p's, the only one, or the first rejected
 * one. Those looked at and passed over are dropped again (packed ones).
 */
static const struct program *pick_program(struct model *m, const struct opts *o)
{
	uint32_t first = IDX_NONE;

	for (uint32_t i = 0; i < m->progs.n; i++) {
		if (!opts_program_selected(m, i, o))
			continue;
		if (model_prog(m, i)->error_step != IDX_NONE) {
			if (first != IDX_NONE && first != i)
				load_prog_done(m, first);
			return model_prog(m, i);
		}
		if (first == IDX_NONE)
			first = i;
		else
			load_prog_done(m, i);
	}
	return first == IDX_NONE ? NULL : model_prog(m, first);
}

int why_run(struct model *m, const struct opts *o, FILE *out)
{
	const struct program *p = pick_program(m, o);
	const char *file = o->files[o->nfiles - 1];
	const char *name;
	struct why_result r;
	struct why_loc what;
	char loc[32], msg[512];
	uint32_t step;
	int rc;

	if (!p) {
		snprintf(msg, sizeof(msg), "%s: no program in the log", file);
		textsafe_error(msg);
		return 1;
	}
	name = p->name && *strtab_get(&m->str, p->name) ? strtab_get(&m->str, p->name) :
							  "(unnamed)";
	if (!p->steps.n) {
		snprintf(msg, sizeof(msg),
			 "%s: %s has no steps (no log given, or no instruction in it)", file, name);
		textsafe_error(msg);
		return 1;
	}
	if (o->why_step) {
		if (o->why_step > p->steps.n) {
			snprintf(msg, sizeof(msg), "%s: %s has %u steps, no step %lu", file, name,
				 p->steps.n, o->why_step);
			textsafe_error(msg);
			return 1;
		}
		step = (uint32_t)(o->why_step - 1);
	} else if (p->error_step != IDX_NONE) {
		step = p->error_step;
	} else {
		snprintf(msg, sizeof(msg), "%s: %s has no error step: give --step N", file, name);
		textsafe_error(msg);
		return 1;
	}
	if (o->why_what) {
		if (why_parse_loc(o->why_what, &what)) {
			snprintf(msg, sizeof(msg),
				 "'%s' is not a register (R0-R10) or a slot (fp-8)", o->why_what);
			textsafe_error(msg);
			return 2;
		}
		what.frame = step_frame(p, step);
	} else if (step != p->error_step || why_error_loc(m, p, &what)) {
		snprintf(msg, sizeof(msg), "%s: %s: %s; give WHAT (R1, fp-8)", file, name,
			 step == p->error_step ? "the error names no register or stack slot" :
						 "no WHAT at a step other than the error's");
		textsafe_error(msg);
		return 1;
	}
	rc = why_compute(m, p, step, what, &r);
	if (rc) {
		snprintf(msg, sizeof(msg), "%s: %s: no chain at step %u: %s", file, name, step + 1,
			 strerror(-rc));
		textsafe_error(msg);
		return 1;
	}
	if (o->json) {
		rc = json_why_print(out, m, p, &r) ? 1 : 0;
	} else {
		why_loc_text(&what, 0, loc, sizeof(loc));
		textsafe_fwrite(out, name, strlen(name), 0);
		fprintf(out, ": %s at step %u, insn %u: ", loc, step + 1, step_insn(p, step));
		put_span(out, m, why_insn_text(m, p, step_insn(p, step)), 120);
		if (why_call_text(m, p, step, msg, sizeof(msg))) {
			fputs("\n    ", out);
			textsafe_fwrite(out, msg, strlen(msg), 0);
		}
		fputc('\n', out);
		if (!r.links.n && r.stop == WHY_STOP_ORIGIN)
			fputs("  no step on this path wrote it\n", out);
		why_print_chain(out, m, p, &r, "  ");
	}
	why_result_release(&r);
	return rc;
}
