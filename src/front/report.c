// SPDX-License-Identifier: MIT
/*
 * report.c — `veristep report`: the model as text for a person (a
 * reviewer, a CI log, a bug report). Reads the model only; every fact it
 * prints comes from the parsers or the analyses, never from here.
 */
#include <stdlib.h>
#include <string.h>

#include "src/front/cli.h"
#include "src/front/textsafe.h"
#include "src/load.h"
#include "src/analysis/explain.h"
#include "src/analysis/sleep.h"
#include "src/analysis/why.h"

static void print_line(FILE *out, const struct model *m, uint64_t off, const char *indent)
{
	struct span s = model_line_at(m, off);
	uint32_t len = s.len > 200 ? 200 : s.len;

	fprintf(out, "%s%.*s%s\n", indent, (int)len, m->log.buf + s.off, s.len > len ? "..." : "");
}

static const char *subprog_label(const struct model *m, const struct program *p, uint32_t insn,
				 char *buf, size_t n)
{
	const struct subprog *sp = program_subprog_at(p, insn);

	if (!sp)
		snprintf(buf, n, "?");
	else if (sp->name)
		snprintf(buf, n, "%s", strtab_get(&m->str, sp->name));
	else
		snprintf(buf, n, "func#%u", sp->id);
	return buf;
}

/* where the value the error names came from (src/analysis/why.c), under the error */
static void print_provenance(FILE *out, const struct model *m, const struct program *p)
{
	struct why_result r;
	struct why_loc l;
	char loc[32];

	if (why_error_loc(m, p, &l) || why_compute(m, p, p->error_step, l, &r))
		return;
	fprintf(out, "where %s came from (veristep why):\n",
		why_loc_text(&l, l.frame, loc, sizeof(loc)));
	why_print_chain(out, m, p, &r, "  ");
	why_result_release(&r);
}

/* "if r0 == 0x0 goto pc+3" of step k: the text after "N: (xx) ", up to the delta */
static int branch_text(const struct model *m, const struct step *st, const char **t)
{
	struct span sp = step_text(m, st);
	const char *b = m->log.buf + sp.off, *q = b;
	const char *e = b + (st->tail && st->tail < sp.len ? st->tail : sp.len);

	while (q < e && *q != ')')
		q++;
	q = q < e ? q + 1 : b;
	while (q < e && *q == ' ')
		q++;
	while (e > q && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == ';'))
		e--;
	*t = q;
	return (int)(e - q);
}

/*
 * One conditional jump on the path to the error: the outcome it took there
 * (the next step of the same path at its target, or after it), or, for the
 * jump that pushed the next path of the chain, that path (its taken side).
 */
enum branch_outcome { BR_PUSHED, BR_UNKNOWN, BR_TAKEN, BR_FALL };

/* what one conditional jump on the path did, before it is put in words */
struct branch_key {
	uint32_t insn, pushed;
	uint8_t outcome; /* enum branch_outcome */
	struct span tr;	 /* its delta, cut at TR_MAX bytes; len 0 when none */
};
#define TR_MAX 160 /* the bytes of a delta shown, and compared */

/*
 * next_same: the step after k is on the same path. The delta is looked at
 * from where it starts (the step's tail) and no further than TR_MAX bytes:
 * step_trailer() would look for the end of the whole line first.
 */
static void branch_key(const struct model *m, const struct program *p, uint32_t k, uint32_t pushed,
		       bool next_same, struct branch_key *key)
{
	struct step st = step_at(p, k);
	const struct insn_fact *f = program_insn(p, st.insn);

	key->insn = st.insn;
	key->pushed = pushed;
	key->tr = (struct span){ 0, 0 };
	if (pushed != IDX_NONE) {
		key->outcome = BR_PUSHED;
		return;
	}
	if (!next_same) {
		key->outcome = BR_UNKNOWN;
		return;
	}
	key->outcome = f && f->target != IDX_NONE && step_insn(p, k + 1) == f->target &&
				       f->target != st.insn + 1 ?
			       BR_TAKEN :
			       BR_FALL;
	if ((st.flags & STEP_HAS_DELTA) && st.tail)
		key->tr = model_line_head(m, st.off + st.tail, TR_MAX);
}

static bool branch_key_eq(const struct model *m, const struct branch_key *a,
			  const struct branch_key *b)
{
	return a->insn == b->insn && a->pushed == b->pushed && a->outcome == b->outcome &&
	       a->tr.len == b->tr.len &&
	       !memcmp(m->log.buf + a->tr.off, m->log.buf + b->tr.off, a->tr.len);
}

/*
 * The same outcome of the same jump many times in a row (a loop the
 * verifier unrolled: 71,427 times in the complexity-limit log) is one line
 * with its count and the step of the last one.
 */
struct branch_fold {
	struct branch_key key;
	uint32_t step, count, last_step;
};

static void fold_flush(FILE *out, struct branch_fold *f, const struct model *m,
		       const struct program *p)
{
	static const char *const words[] = { "", "outcome not in the log", "taken",
					     "fall-through" };
	const struct branch_key *key = &f->key;
	struct step st;
	const char *t;
	int tl;

	if (!f->count)
		return;
	st = step_at(p, f->step);
	tl = branch_text(m, &st, &t);
	fprintf(out, "    insn %u: %.*s: ", key->insn, tl, t);
	if (key->outcome == BR_PUSHED)
		fprintf(out, "taken, explored as path %u", key->pushed);
	else
		fputs(words[key->outcome], out);
	if (key->tr.len)
		fprintf(out, " (%.*s)", (int)key->tr.len, m->log.buf + key->tr.off);
	if (f->count > 1)
		fprintf(out, "  (%u times in a row, the last at step %u)", f->count,
			f->last_step + 1);
	fputc('\n', out);
	f->count = 0;
}

static void fold_branch(FILE *out, struct branch_fold *f, const struct model *m,
			const struct program *p, uint32_t k, uint32_t pushed, bool next_same)
{
	struct branch_key key;

	branch_key(m, p, k, pushed, next_same, &key);
	/* the jump's text is its insn's: the same insn, the same text */
	if (f->count && branch_key_eq(m, &key, &f->key)) {
		f->count++;
		f->last_step = k;
		return;
	}
	fold_flush(out, f, m, p);
	f->key = key;
	f->step = k;
	f->count = 1;
	f->last_step = k;
}

/*
 * The path to the error: each path of the chain from the unit's start, and
 * on each the conditional jumps it went through before the next one or
 * the error, with their outcomes.
 */
static void print_path_chain(FILE *out, const struct model *m, const struct program *p,
			     uint32_t step)
{
	uint32_t chain[64], n = program_path_chain(p, step, chain, 64), i, k, q, nbr = 0;
	struct branch_fold fold = { .count = 0 };

	for (i = n; i--;) {
		const struct path *pa = &p->paths.v[chain[i]];
		uint32_t end = i ? p->paths.v[chain[i - 1]].parent_step : step;

		for (k = pa->first_step;
		     k <= end && k < p->steps.n && k < pa->first_step + pa->nsteps; k++)
			if (step_flags(p, k) & STEP_BRANCH)
				nbr++;
	}
	fprintf(out, "path to the error (%u conditional jump%s):\n", nbr, nbr == 1 ? "" : "s");
	for (i = n; i--;) {
		const struct path *pa = &p->paths.v[chain[i]];
		const struct unit *u = &p->units.v[pa->unit];
		uint32_t end = i ? p->paths.v[chain[i - 1]].parent_step : step;

		if (pa->from_insn == IDX_NONE)
			fprintf(out, "  start of %s at insn %u\n",
				model_unit_kind_name(u->kind, NAME_TEXT), pa->to_insn);
		else
			fprintf(out, "  from %u to %u%s%s%s (path %u)\n", pa->from_insn,
				pa->to_insn, pa->flags & PATH_ASYNC_CB ? " async_cb" : "",
				pa->flags & PATH_CB ? " cb" : "",
				pa->flags & PATH_IMPLICIT ? " (level 1)" : "", chain[i]);
		q = step_path(p, pa->first_step);
		for (k = pa->first_step;
		     k <= end && k < p->steps.n && k < pa->first_step + pa->nsteps; k++)
			if (step_flags(p, k) & STEP_BRANCH) {
				/* q stays step_path(p, k): the paths are sorted by first step */
				while (q + 1 < p->paths.n && p->paths.v[q + 1].first_step <= k)
					q++;
				fold_branch(out, &fold, m, p, k,
					    i && k == end ? chain[i - 1] : IDX_NONE,
					    k + 1 < p->steps.n &&
						    !(q + 1 < p->paths.n &&
						      p->paths.v[q + 1].first_step <= k + 1));
			}
		fold_flush(out, &fold, m, p);
	}
}

static void report_program(FILE *out, const struct model *m, const struct program *p, uint32_t idx)
{
	char buf[256], *err;
	uint32_t i;

	fprintf(out, "program %u: %s", idx, p->name ? strtab_get(&m->str, p->name) : "(unnamed)");
	if (p->section)
		fprintf(out, "  SEC(\"%s\")", strtab_get(&m->str, p->section));
	if (p->sleepable >= 0)
		fprintf(out, "  %s", p->sleepable ? "sleepable" : "non-sleepable");
	fputc('\n', out);
	for (i = 0; i < program_cold(p)->ctx_args.n; i++) {
		const struct ctx_arg *a = &program_cold(p)->ctx_args.v[i];

		fprintf(out, "context: %s arg%u is %s '%s' (btf_id %u)\n",
			strtab_get(&m->str, a->func), a->arg, strtab_get(&m->str, a->kind),
			strtab_get(&m->str, a->type), a->btf_id);
	}
	fprintf(out, "verdict: %s%s\n", verdict_name(p->verdict),
		p->not_verified ? " (not verified: the verifier never saw the program)" : "");
	if (p->verdict != VERDICT_UNKNOWN && !p->not_verified)
		fprintf(out, "log: level %u, kernel dialect %s, %llu lines\n", p->log_level,
			strtab_get(&m->str, p->dialect), (unsigned long long)p->nlines);
	err = program_error_text(m, p);
	if (err) {
		fprintf(out, "error: %s\n", err);
		free(err);
		if (p->error_after && p->error_insn != IDX_NONE)
			fprintf(out,
				"error at: insn %u, no step: raised after the exploration, by a "
				"later verifier pass\n",
				p->error_insn);
		else if (p->error_after)
			fputs("error at: no step: raised after the exploration, by a later "
			      "verifier "
			      "pass\n",
			      out);
		if (p->error_step != IDX_NONE) {
			struct step st = step_at(p, p->error_step);

			fprintf(out, "error at: insn %u in %s, step %u of %u\n", st.insn,
				subprog_label(m, p, st.insn, buf, sizeof(buf)), p->error_step + 1,
				p->steps.n);
			print_line(out, m, st.off, "  ");
			if (program_call_label(m, p, st.insn, buf, sizeof(buf)))
				fprintf(out, "  → %s\n", buf);
			if (step_src(p, p->error_step) != IDX_NONE)
				print_line(out, m, src_off(p, step_src(p, p->error_step)), "  ");
			print_provenance(out, m, p);
		}
	}
	if (program_cold(p)->has_diag) {
		const struct diagnostic *d = &program_cold(p)->diag;

		fprintf(out, "kernel diagnostic: %s: %s\n", strtab_get(&m->str, d->category),
			strtab_get(&m->str, d->title));
		if (d->reason)
			fprintf(out, "  reason: %s\n", strtab_get(&m->str, d->reason));
		if (d->suggestion)
			fprintf(out, "  suggestion: %s\n", strtab_get(&m->str, d->suggestion));
	}
	if (p->stats.processed_insns >= 0)
		fprintf(out,
			"stats: processed %lld insns (limit %lld), max_states_per_insn %lld, "
			"total_states %lld, peak_states %lld\n",
			(long long)p->stats.processed_insns, (long long)p->stats.insn_limit,
			(long long)p->stats.max_states_per_insn, (long long)p->stats.total_states,
			(long long)p->stats.peak_states);
	if (p->verdict != VERDICT_UNKNOWN && !p->not_verified)
		fprintf(out, "exploration: %u steps, %u paths, %u units, %u full states\n",
			p->steps.n, p->paths.n, p->units.n, p->fstates.n);
	for (i = 0; i < p->units.n; i++) {
		const struct unit *u = &p->units.v[i];

		fprintf(out, "  unit %u: %s", i, model_unit_kind_name(u->kind, NAME_TEXT));
		if (u->name)
			fprintf(out, " %s", strtab_get(&m->str, u->name));
		else if (u->start_insn != IDX_NONE)
			fprintf(out, " %s", subprog_label(m, p, u->start_insn, buf, sizeof(buf)));
		if (u->push_step != IDX_NONE)
			fprintf(out, " (registered at insn %u, step %u)",
				step_insn(p, u->push_step), u->push_step + 1);
		fprintf(out, ": %u paths, %u steps%s\n", u->npaths, u->nsteps,
			u->safe ? ", safe for any args" : "");
	}
	if (p->subprogs.n) {
		fprintf(out, "subprograms:\n");
		for (i = 0; i < p->subprogs.n; i++) {
			const struct subprog *sp = &p->subprogs.v[i];

			fprintf(out, "  func#%u @%u %s %s", sp->id, sp->start,
				sp->name ? strtab_get(&m->str, sp->name) : "-",
				model_linkage_name(sp->linkage, NAME_TEXT));
			explain_subprog_suffix(out, m, p, sp);
			fputc('\n', out);
		}
	}
	explain_program(out, m, p);
	if (p->error_step != IDX_NONE)
		print_path_chain(out, m, p, p->error_step);
	sleep_report(out, m, p);
	if (program_cold(p)->unknown_lines) {
		fprintf(out, "unknown lines: %llu",
			(unsigned long long)program_cold(p)->unknown_lines);
		if (program_cold(p)->unknown.n) {
			struct span s = model_line_at(m, program_cold(p)->unknown.v[0]);

			fprintf(out, " (first: \"%.*s\")", (int)(s.len > 80 ? 80 : s.len),
				m->log.buf + s.off);
		}
		fputc('\n', out);
	}
}

/* the report of every selected program onto out, which escapes what the log and object say */
static void report_all(struct model *m, const struct opts *o, FILE *out)
{
	uint32_t i, shown = 0;

	if (!m->progs.n) {
		fprintf(out, "no verifier log found: no program\n");
		return;
	}
	for (i = 0; i < m->progs.n; i++) {
		if (!opts_program_selected(m, i, o))
			continue;
		if (shown++)
			fputc('\n', out);
		report_program(out, m, model_prog(m, i), i);
		load_prog_done(m, i); /* one program expanded at a time */
	}
}

int report_run(struct model *m, const struct opts *o, FILE *out)
{
	FILE *safe;
	uint32_t i;
	int rc;

	for (i = 0; i < m->warnings.n; i++) {
		if (!opts_warning_selected(m, i, o))
			continue; /* about a program -p left out */
		fputs("veristep: warning: ", stderr);
		textsafe_fwrite(stderr, strtab_get(&m->str, m->warnings.v[i]),
				strlen(strtab_get(&m->str, m->warnings.v[i])), 0);
		fputc('\n', stderr);
	}
	/* log lines, names and error texts are untrusted: no control byte reaches the terminal */
	safe = textsafe_open(out);
	if (!safe) {
		fprintf(stderr, "veristep: out of memory\n");
		return 1;
	}
	report_all(m, o, safe);
	rc = ferror(safe) ? 1 : 0;
	if (fclose(safe) == EOF)
		rc = 1;
	return rc;
}
