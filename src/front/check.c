// SPDX-License-Identifier: MIT
/*
 * check.c — `veristep check`: refusals as compiler diagnostics, for CI,
 * make, vim's quickfix and editors' problem matchers:
 *
 *   prog.bpf.c:33:5: error: MESSAGE [veristep-KIND]
 *   prog.bpf.c:49:2: note: CHAIN STEP
 *
 * With a log, the log's own refusal; with the object alone, the refusals
 * the analysis predicts under the rules of --kernel (else 6.18). The
 * position comes from the object's BTF line info, else from the log's
 * "; text @ file:line" lines, else "FILE: PROG: insn N:". Reads the model
 * only: messages, kinds and chains come from src/analysis/sleep.h.
 * Exit status like lint tools: 0 clean, 1 findings (2, trouble, is main's).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/bpfobj.h"
#include "src/analysis/sleep.h"
#include "src/front/cli.h"
#include "src/front/textsafe.h"
#include "src/load.h"

#define CHECK_MAX_FINDINGS 64

/* the enum names of SLEEP_KIND_INFO, for the [veristep-KIND] tag */
static const char *const kind_ids[] = {
#define _(k, s, sl) #k,
	SLEEP_KIND_INFO(_)
#undef _
};

/* text from the log or the object, escaped by the project's one escaping module */
static void put_clean(FILE *out, const char *s, size_t n)
{
	textsafe_fwrite(out, s, strnlen(s, n), 0);
}

static void put_str(FILE *out, const char *s)
{
	put_clean(out, s, strlen(s));
}

/* "veristep-global-sleep" from SK_GLOBAL_SLEEP; "veristep-refused" for an error we do not classify */
static void put_kind(FILE *out, enum sleep_kind k)
{
	const char *id = k > SK_NONE && k < SK__COUNT ? kind_ids[k] : "REFUSED";

	fputs(" [veristep-", out);
	for (; *id; id++)
		fputc(*id == '_' ? '-' : tolower((unsigned char)*id), out);
	fputs("]\n", out);
}

/* where insn sits in the source: BTF line info, else the log's source line */
struct where {
	const char *file; /* NULL: no source position */
	size_t file_len;
	uint32_t line, col;
};

static const char *base_of(const char *f, size_t *len)
{
	while (f[0] == '.' && f[1] == '/')
		f += 2;
	*len = strlen(f);
	return f;
}

/* "...; text @ prog.bpf.c:33" in the log, the last source line before step k */
static bool where_from_log(const struct model *m, const struct program *p, uint32_t k,
			   struct where *w)
{
	struct span s = step_src_at(m, p, k);
	const char *at = m->log.buf + s.off, *colon, *d, *end = at + s.len;
	uint64_t line = 0;

	if (!s.len)
		return false;
	colon = memrchr(at, ':', s.len);
	if (!colon || colon == at)
		return false;
	/* the digits within the span: the log is not NUL-terminated */
	for (d = colon + 1; d < end && *d >= '0' && *d <= '9' && line <= UINT32_MAX; d++)
		line = line * 10 + (uint64_t)(*d - '0');
	if (d == colon + 1 || line == 0 || line > UINT32_MAX)
		return false;
	w->file = at;
	w->file_len = (size_t)(colon - at);
	w->line = (uint32_t)line;
	w->col = 0;
	return true;
}

static void where_of(const struct model *m, uint32_t pi, uint32_t insn, uint32_t step,
		     struct where *w)
{
	const struct bpfobj_prog *op = bpfobj_joined(m, pi);
	const struct bpfobj_line *l = op && insn != IDX_NONE ? bpfobj_line_at(op, insn) : NULL;

	memset(w, 0, sizeof(*w));
	if (l && l->file && *l->file && l->line) {
		w->file = base_of(l->file, &w->file_len);
		w->line = l->line;
		w->col = l->col;
		return;
	}
	if (step != IDX_NONE)
		where_from_log(m, model_prog(m, pi), step, w);
}

/* the position part of a line, up to and including ": error: " or ": note: " */
static void put_where(FILE *out, const struct model *m, uint32_t pi, const struct where *w,
		      uint32_t insn, const char *what)
{
	const struct program *p = model_prog(m, pi);

	if (w->file) {
		put_clean(out, w->file, w->file_len);
		fprintf(out, ":%u:", w->line);
		if (w->col)
			fprintf(out, "%u:", w->col);
	} else {
		put_str(out, m->obj ? m->obj->name : strtab_get(&m->str, m->log.name));
		fputs(": ", out);
		put_str(out, p->name ? strtab_get(&m->str, p->name) : "?");
		fputc(':', out);
		if (insn != IDX_NONE)
			fprintf(out, " insn %u:", insn);
	}
	fprintf(out, " %s: ", what);
}

/*
 * The chain as note lines: sleep_finding_chain() joins its steps with
 * " → ". A step that names "at insn N" starts a note placed at that insn;
 * a step that names none (the callback it entered) ends the note before.
 * The first step, the program itself, is placed at its first insn.
 */
static void put_chain_notes(FILE *out, const struct model *m, uint32_t pi,
			    const struct sleep_rules *r, const struct sleep_finding *f)
{
	static const char sep[] = " → ";
	const struct program *p = model_prog(m, pi);
	char *buf = malloc(8192), *seg[SLEEP_MAX_HOPS * 2 + 8];
	uint32_t nseg = 0, i, j;

	if (!buf)
		return;
	sleep_finding_chain(m, p, r, f, buf, 8192);
	for (char *s = buf, *e; s && nseg < sizeof(seg) / sizeof(seg[0]); s = e) {
		seg[nseg++] = s;
		e = strstr(s, sep);
		if (e) {
			*e = '\0';
			e += strlen(sep);
		}
	}
	for (i = 0; i < nseg; i = j) {
		const char *at = strstr(seg[i], "at insn ");
		uint32_t insn = i == 0 ? 0 : at ? (uint32_t)strtoul(at + 8, NULL, 10) : IDX_NONE;
		struct where w;

		where_of(m, pi, insn, IDX_NONE, &w);
		put_where(out, m, pi, &w, insn, "note");
		put_str(out, seg[i]);
		for (j = i + 1; i > 0 && j < nseg && !strstr(seg[j], "at insn "); j++) {
			fputs(sep, out);
			put_str(out, seg[j]);
		}
		if (j == i)
			j = i + 1;
		fputc('\n', out);
	}
	free(buf);
}

/* the log's refusal of program pi: one error line and its chain */
static int check_log(FILE *out, const struct model *m, uint32_t pi)
{
	const struct program *p = model_prog(m, pi);
	struct sleep_finding f;
	struct sleep_rules r;
	struct where w;
	bool ours;
	char *err;

	if (p->verdict != VERDICT_REJECTED)
		return 0;
	err = program_error_text(m, p);
	ours = sleep_error_finding(m, p, &f);
	where_of(m, pi, p->error_insn, p->error_step, &w);
	put_where(out, m, pi, &w, p->error_insn, "error");
	put_str(out, err ? err : "refused by the verifier");
	put_kind(out, ours ? (enum sleep_kind)f.kind : SK_NONE);
	free(err);
	if (ours) {
		if (p->sleep_rules)
			sleep_rules_parse(strtab_get(&m->str, p->sleep_rules), &r);
		else
			sleep_rules_for(m, p, NULL, &r);
		put_chain_notes(out, m, pi, &r, &f);
	}
	return 1;
}

/* the refusals predicted from the object alone under kernel's rules */
static int check_object(FILE *out, const struct model *m, uint32_t pi, const char *kernel)
{
	const struct program *p = model_prog(m, pi);
	struct sleep_finding *f;
	struct sleep_rules r;
	char msg[512];
	int n, i;

	if (!bpfobj_joined(m, pi))
		return 0;
	sleep_rules_for(m, p, kernel, &r);
	f = calloc(CHECK_MAX_FINDINGS, sizeof(*f));
	if (!f)
		return -1;
	n = sleep_predict(m, pi, &r, f, CHECK_MAX_FINDINGS);
	for (i = 0; i < n && i < CHECK_MAX_FINDINGS; i++) {
		struct where w;

		sleep_finding_message(m, p, &r, &f[i], msg, sizeof(msg));
		where_of(m, pi, f[i].insn, IDX_NONE, &w);
		put_where(out, m, pi, &w, f[i].insn, "error");
		put_str(out, msg);
		/* in the verifier's order: the load stops at the first */
		fprintf(out, " (Linux %s rules%s)", r.name, i ? "; also, if fixed" : "");
		put_kind(out, (enum sleep_kind)f[i].kind);
		put_chain_notes(out, m, pi, &r, &f[i]);
	}
	free(f);
	return n < 0 ? -1 : n;
}

int check_run(struct model *m, const struct opts *o, FILE *out)
{
	int found = 0;

	/* every program: one expanded at a time */
	for (uint32_t i = 0; i < m->progs.n; i++) {
		int k;

		if (!opts_program_selected(m, i, o))
			continue;
		k = model_prog_head(m, i).verdict == VERDICT_UNKNOWN ?
			    check_object(out, m, i, o->kernel) :
			    check_log(out, m, i);
		load_prog_done(m, i);

		if (k < 0) {
			fprintf(stderr, "veristep: out of memory\n");
			return 2;
		}
		found += k;
	}
	return found ? 1 : 0;
}
