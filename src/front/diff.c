// SPDX-License-Identifier: MIT
/*
 * diff.c — `veristep diff`: two explorations of the same programs side by
 * side, for reviewers of a verifier patch or of a program change.
 *
 *   veristep diff [OBJ] LOG_A [OBJ_B] LOG_B   one pair of logs
 *   veristep diff DIR_A DIR_B                 logs paired by file name
 *
 * An object applies to the logs after it (one object before both logs
 * serves both). The comparison itself is src/analysis/diff.c; this file
 * loads, pairs programs by name and formats. Exit status as diff(1): 0 no
 * difference, 1 differences, 2 trouble.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/analysis/diff.h"
#include "src/front/cli.h"
#include "src/front/textsafe.h"
#include "src/analysis/sleep.h"
#include "src/rules/sleep_table.h"
#include "src/load.h"

#define DIFF_MAX_FILES 4096

/* one side's input: a log and the object that applies to it */
struct input {
	const char *log, *obj;
};

static int file_is_elf(const char *path)
{
	char magic[4];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, magic, sizeof(magic));
	close(fd);
	return n == 4 && !memcmp(magic, "\177ELF", 4);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* the same bytes? (two builds differ; one object named twice does not) */
static bool same_file_content(const char *a, const char *b)
{
	FILE *fa, *fb;
	bool same = true;
	int ca, cb;

	if (!strcmp(a, b))
		return true;
	fa = fopen(a, "rb");
	fb = fopen(b, "rb");
	if (!fa || !fb) {
		same = false;
		goto out;
	}
	do {
		ca = getc(fa);
		cb = getc(fb);
		if (ca != cb) {
			same = false;
			break;
		}
	} while (ca != EOF);
out:
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return same;
}

static struct model *load_side(const struct input *in, const struct opts *o, char *err,
			       size_t errlen)
{
	struct model *m = model_new();
	struct load_opts lo = { .kernel = o->kernel };
	char *files[2];
	int n = 0;

	if (!m) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (in->obj)
		files[n++] = (char *)in->obj;
	files[n++] = (char *)in->log;
	if (load_files(m, files, n, &lo, err, errlen)) {
		load_free(m);
		return NULL;
	}
	return m;
}

static const char *prog_name(const struct model *m, const struct program *p)
{
	return p && p->name ? strtab_get(&m->str, p->name) : NULL;
}

/*
 * A model's named programs sorted by name (the first of a name first), so
 * that pairing two logs of 200,000 programs each is no quadratic walk; the
 * names come from the packed heads, which expands no program.
 */
struct name_index {
	const struct model *m;
	uint32_t *v, n;
};

static const char *head_name(const struct model *m, uint32_t i)
{
	return strtab_get(&m->str, model_prog_head(m, i).name);
}

static int name_cmp(const void *a, const void *b, void *ctx)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int c = strcmp(head_name(ctx, x), head_name(ctx, y));

	return c ? c : (x > y) - (x < y);
}

static int name_index_build(struct name_index *ix, const struct model *m)
{
	ix->m = m;
	ix->n = 0;
	ix->v = m && m->progs.n ? malloc(m->progs.n * sizeof(*ix->v)) : NULL;
	if (m && m->progs.n && !ix->v)
		return -ENOMEM;
	for (uint32_t i = 0; m && i < m->progs.n; i++)
		if (model_prog_head(m, i).name)
			ix->v[ix->n++] = i;
	if (ix->n > 1)
		qsort_r(ix->v, ix->n, sizeof(*ix->v), name_cmp, (void *)m);
	return 0;
}

/*
 * Programs pair by name, unnamed ones by position: the index of ia's
 * partner in ix's model, or IDX_NONE (found without expanding either).
 */
static uint32_t pair_of(const struct model *ma, uint32_t ia, const struct name_index *ix)
{
	const struct model *mb = ix->m;
	uint32_t lo = 0, hi = ix->n;
	const char *na;

	if (!mb)
		return IDX_NONE;
	if (!model_prog_head(ma, ia).name)
		return ia < mb->progs.n && !model_prog_head(mb, ia).name ? ia : IDX_NONE;
	na = head_name(ma, ia);
	while (lo < hi) { /* the first of that name */
		uint32_t mid = lo + (hi - lo) / 2;

		if (strcmp(head_name(mb, ix->v[mid]), na) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && !strcmp(head_name(mb, ix->v[lo]), na) ? ix->v[lo] : IDX_NONE;
}

/* ---- text ---- */

/* the one-line error, its file names and program names escaped */
static void __attribute__((format(printf, 1, 2))) diff_error(const char *fmt, ...)
{
	char msg[4400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	textsafe_error(msg);
}

/* log text as it is, but no control character reaches the terminal */
static void put_text(FILE *out, const char *s, size_t n)
{
	textsafe_fwrite(out, s, n, TS_KEEP_TAB);
}

static void put_step(FILE *out, const char *side, const struct model *m, const struct program *p,
		     uint32_t k)
{
	struct step st;
	struct span t;

	if (k == IDX_NONE || !p || k >= p->steps.n) {
		fprintf(out, "      %s: (the exploration ended)\n", side);
		return;
	}
	st = step_at(p, k);
	t = step_text(m, &st);
	fprintf(out, "      %s: ", side);
	put_text(out, m->log.buf + t.off, t.len > 160 ? 160 : t.len);
	fputc('\n', out);
	if (step_src(p, k) != IDX_NONE) {
		t = src_line(m, p, step_src(p, k));
		fprintf(out, "         ");
		put_text(out, m->log.buf + t.off, t.len > 160 ? 160 : t.len);
		fputc('\n', out);
	}
}

static const char *ctx_words(uint8_t c)
{
	switch (c & (CTX_SLEEPABLE | CTX_NON_SLEEPABLE)) {
	case CTX_SLEEPABLE:
		return "sleepable";
	case CTX_NON_SLEEPABLE:
		return "non-sleepable";
	case CTX_SLEEPABLE | CTX_NON_SLEEPABLE:
		return "sleepable and non-sleepable";
	default:
		return "not explored";
	}
}

static const char *unit_kind_word(uint8_t k)
{
	switch (k) {
	case UNIT_ASYNC_CB:
		return "async callback";
	case UNIT_GLOBAL:
		return "global function";
	default:
		return "main program";
	}
}

static const char *subprog_name(const struct model *m, const struct program *p, uint32_t insn,
				char *buf, size_t n)
{
	const struct subprog *sp = program_subprog_at(p, insn);

	if (sp && sp->name)
		return strtab_get(&m->str, sp->name);
	snprintf(buf, n, sp ? "func#%u" : "?", sp ? sp->id : 0);
	return buf;
}

void diff_item_text(const struct diff_pair *d, char *name, size_t nn, char *va, char *vb, size_t n)
{
	const struct diff_item *it = &d->r.div.item;

	if (it->reg >= 0)
		snprintf(name, nn, "R%d", it->reg);
	else
		snprintf(name, nn, "fp%d", it->slot_off);
	if (it->reg >= 0 || it->a.kind != REG_NOT_INIT)
		state_format_value(d->ma, &it->a, va, n);
	else
		snprintf(va, n, "%.*s", (int)it->a_slot.len, d->ma->log.buf + it->a_slot.off);
	if (it->reg >= 0 || it->b.kind != REG_NOT_INIT)
		state_format_value(d->mb, &it->b, vb, n);
	else
		snprintf(vb, n, "%.*s", (int)it->b_slot.len, d->mb->log.buf + it->b_slot.off);
}

static void put_item(FILE *out, const struct diff_pair *d)
{
	char name[32], va[256], vb[256];

	diff_item_text(d, name, sizeof(name), va, vb, sizeof(va));
	fprintf(out, "    what: the state before it: ");
	if (d->r.div.item.frame)
		fprintf(out, "frame%u ", d->r.div.item.frame);
	fprintf(out, "%s is ", name);
	put_text(out, va, strlen(va));
	fprintf(out, " in A, ");
	put_text(out, vb, strlen(vb));
	fprintf(out, " in B\n");
}

/* what the divergence is, in words: which side stopped, pruned or went elsewhere */
static void put_what(FILE *out, const struct diff_pair *d)
{
	const struct diff_divergence *dv = &d->r.div;
	uint8_t fa = dv->a_step != IDX_NONE ? step_flags(d->pa, dv->a_step) : 0;
	uint8_t fb = dv->b_step != IDX_NONE ? step_flags(d->pb, dv->b_step) : 0;

	switch (dv->what) {
	case DIFF_INSN:
		fprintf(out, "    what: the explorations take different instructions\n");
		break;
	case DIFF_PRUNE:
		fprintf(out,
			"    what: %s pruned the path here (the state was seen before), %s did "
			"not\n",
			(fa & STEP_PRUNED) || dv->a_step == IDX_NONE ? "A" : "B",
			(fa & STEP_PRUNED) || dv->a_step == IDX_NONE ? "B" : "A");
		break;
	case DIFF_END:
		if ((fa ^ fb) & STEP_ERROR)
			fprintf(out, "    what: %s stops here with its error, %s goes on\n",
				fa & STEP_ERROR ? "A" : "B", fa & STEP_ERROR ? "B" : "A");
		else if (dv->a_step == IDX_NONE || dv->b_step == IDX_NONE)
			fprintf(out, "    what: %s explores on where %s had ended\n",
				dv->a_step == IDX_NONE ? "B" : "A",
				dv->a_step == IDX_NONE ? "A" : "B");
		else
			fprintf(out, "    what: one exploration ends here\n");
		break;
	default:
		break;
	}
}

/* the rule row behind a context change: its cell on each side and the commit between */
static void put_rule(FILE *out, const struct diff_pair *d, enum sleep_feature f)
{
	const struct sleep_rule_info *ri = sleep_rule_info(f);
	struct sleep_rules ra, rb;
	const struct sleep_era *ea, *eb, *newer;

	if (!ri || sleep_rules_parse(strtab_get(&d->ma->str, d->pa->sleep_rules), &ra) ||
	    sleep_rules_parse(strtab_get(&d->mb->str, d->pb->sleep_rules), &rb))
		return;
	ea = sleep_rule_era(f, ra.ver, ra.patch);
	eb = sleep_rule_era(f, rb.ver, rb.patch);
	if (!ea || !eb)
		return;
	/* the commit that began the later of the two eras is the change */
	newer = ea->since > eb->since || (ea->since == eb->since && ea->patch > eb->patch) ? ea :
											     eb;
	fprintf(out, "      rule: %s: %s under %s rules, %s under %s", ri->row, ea->cell, ra.name,
		eb->cell, rb.name);
	if (newer->commit)
		fprintf(out, " (changed by %s)", newer->commit);
	fputc('\n', out);
	if (newer->words)
		fprintf(out, "      %s\n", newer->words);
}

static void put_stat(FILE *out, const char *name, int64_t a, int64_t b, bool *first)
{
	if (a < 0 && b < 0)
		return;
	fprintf(out, "%s%s %lld -> %lld", *first ? "  stats: " : ", ", name, (long long)a,
		(long long)b);
	if (a >= 0 && b >= 0 && a != b)
		fprintf(out, " (%+lld)", (long long)(b - a));
	*first = false;
}

static void put_error(FILE *out, const char *side, const struct model *m, const struct program *p)
{
	char *e = program_error_text(m, p);

	if (!e)
		return;
	fprintf(out, "  error %s: ", side);
	put_text(out, e, strlen(e));
	fputc('\n', out);
	free(e);
}

static void print_pair(FILE *out, const struct diff_pair *d)
{
	const struct program *pa = d->pa, *pb = d->pb;
	const struct diff_result *r = &d->r;
	const char *name = prog_name(d->ma, pa);
	char buf[64];
	bool first = true;
	uint32_t i;

	fprintf(out, "program %s\n", name ? name : "(unnamed)");
	if ((pa->verdict == VERDICT_UNKNOWN) != (pb->verdict == VERDICT_UNKNOWN))
		fprintf(out, "  verdict: %s -> %s (no log in %s: not verified)\n",
			verdict_name(pa->verdict), verdict_name(pb->verdict),
			pa->verdict == VERDICT_UNKNOWN ? "A" : "B");
	else if (r->verdict_changed)
		fprintf(out, "  verdict: %s -> %s\n", verdict_name(pa->verdict),
			verdict_name(pb->verdict));
	else
		fprintf(out, "  verdict: %s (both)\n", verdict_name(pa->verdict));
	if (r->error_changed) {
		put_error(out, "A", d->ma, pa);
		put_error(out, "B", d->mb, pb);
	}
	if (r->has_div) {
		const struct diff_divergence *dv = &r->div;
		uint32_t ua = dv->a_step != IDX_NONE ? dv->a_step : IDX_NONE;
		bool in_a = dv->unit != IDX_NONE;
		const struct program *pu = in_a ? pa : pb;
		const struct unit *u = &pu->units.v[in_a ? dv->unit : dv->b_unit];
		const struct model *mu = in_a ? d->ma : d->mb;

		fprintf(out, "  first divergence: %s unit %u (%s %s)", in_a ? "A" : "B",
			(in_a ? dv->unit : dv->b_unit) + 1, unit_kind_word(u->kind),
			subprog_name(mu, pu, u->start_insn, buf, sizeof(buf)));
		if (dv->a_step != IDX_NONE)
			fprintf(out, ", A path %u step %u insn %u", dv->a_path + 1, dv->a_step + 1,
				step_insn(pa, ua));
		else
			fprintf(out, ", A ended");
		if (dv->b_step != IDX_NONE)
			fprintf(out, ", B path %u step %u insn %u", dv->b_path + 1, dv->b_step + 1,
				step_insn(pb, dv->b_step));
		else
			fprintf(out, ", B ended");
		fputc('\n', out);
		if (dv->what == DIFF_STATE)
			put_item(out, d);
		else
			put_what(out, d);
		put_step(out, "A", d->ma, pa, dv->a_step);
		put_step(out, "B", d->mb, pb, dv->b_step);
	} else if (pa->head_lost || pb->head_lost) {
		fprintf(out,
			"  exploration: not compared (%s log lost its head: a rotated buffer)\n",
			pa->head_lost ? "A's" : "B's");
	} else if (pa->steps.n && pb->steps.n) {
		fprintf(out, "  exploration: the same (%u steps compared)\n", r->steps_compared);
	} else if (pa->steps.n || pb->steps.n) {
		fprintf(out, "  exploration: not compared (%s log shows no step)\n",
			pa->steps.n ? "B's" : "A's");
	}
	for (i = 0; i < r->nctx; i++) {
		const struct diff_ctx *c = &r->ctx[i];
		const struct subprog *s =
			c->a_sp != IDX_NONE ? &pa->subprogs.v[c->a_sp] : &pb->subprogs.v[c->b_sp];
		const struct model *m = c->a_sp != IDX_NONE ? d->ma : d->mb;

		if (!i)
			fprintf(out, "  sleepable contexts that differ:\n");
		fprintf(out, "    %s: %s -> %s\n",
			s->name ? strtab_get(&m->str, s->name) : "(unnamed)", ctx_words(c->a_ctx),
			ctx_words(c->b_ctx));
		if (c->rule >= 0)
			put_rule(out, d, (enum sleep_feature)c->rule);
	}
	if (r->nctx && (pa->sleep_rules || pb->sleep_rules))
		fprintf(out, "    rules: %s in A, %s in B\n",
			pa->sleep_rules ? strtab_get(&d->ma->str, pa->sleep_rules) : "none",
			pb->sleep_rules ? strtab_get(&d->mb->str, pb->sleep_rules) : "none");
	put_stat(out, "processed_insns", pa->stats.processed_insns, pb->stats.processed_insns,
		 &first);
	put_stat(out, "total_states", pa->stats.total_states, pb->stats.total_states, &first);
	put_stat(out, "peak_states", pa->stats.peak_states, pb->stats.peak_states, &first);
	if (!first)
		fputc('\n', out);
	for (i = 0; i < r->nhot; i++)
		fprintf(out, "%s insn %u %u -> %u",
			i ? "," : "  visits changed most:", r->hot[i].insn, r->hot[i].a_visits,
			r->hot[i].b_visits);
	if (r->nhot)
		fputc('\n', out);
}

/* ---- pairs ---- */

struct pairs {
	struct diff_pair *v;
	size_t n, cap;
};

/* a new pair of the two sides (a side NULL: the program is only on the other) */
static struct diff_pair *pairs_add(struct pairs *ps, const char *file, const struct model *ma,
				   const struct model *mb, const struct program *pa,
				   const struct program *pb)
{
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 16;
		struct diff_pair *nv = realloc(ps->v, cap * sizeof(*nv));

		if (!nv)
			return NULL;
		ps->v = nv;
		ps->cap = cap;
	}
	ps->v[ps->n] = (struct diff_pair){ .file = file, .ma = ma, .mb = mb, .pa = pa, .pb = pb };
	return &ps->v[ps->n++];
}

/* every program of A (or the -p one) with its partner in B, then B's own */
static int pair_models(struct pairs *ps, const char *file, const struct model *ma,
		       const struct model *mb, bool two_builds, const struct opts *o)
{
	struct name_index ia = { 0 }, ib = { 0 };
	uint32_t i, j;
	int rc = -ENOMEM;

	if (name_index_build(&ia, ma) || name_index_build(&ib, mb))
		goto out;
	for (i = 0; ma && i < ma->progs.n; i++) {
		const struct program *pa;
		struct diff_pair *d;

		if (!opts_program_selected(ma, i, o))
			continue;
		pa = model_prog(ma, i);
		j = pair_of(ma, i, &ib);
		d = pairs_add(ps, file, ma, mb, pa, j == IDX_NONE ? NULL : model_prog(mb, j));
		if (!d)
			goto out;
		if (d->pb) {
			diff_programs(ma, pa, mb, d->pb, two_builds, &d->r);
			d->differs = diff_any(pa, d->pb, &d->r);
		} else {
			d->differs = true;
		}
	}
	for (i = 0; mb && i < mb->progs.n; i++) {
		struct diff_pair *d;

		if (!opts_program_selected(mb, i, o))
			continue;
		if (pair_of(mb, i, &ia) != IDX_NONE)
			continue;
		d = pairs_add(ps, file, ma, mb, NULL, model_prog(mb, i));
		if (!d)
			goto out;
		d->differs = true;
	}
	rc = 0;
out:
	free(ia.v);
	free(ib.v);
	return rc;
}

static void print_unpaired(FILE *out, const struct diff_pair *d)
{
	const char *n = d->pa ? prog_name(d->ma, d->pa) : prog_name(d->mb, d->pb);

	fprintf(out, "program %s: only in %s (%s)\n", n ? n : "(unnamed)", d->pa ? "A" : "B",
		verdict_name(d->pa ? d->pa->verdict : d->pb->verdict));
}

/* ---- directories ---- */

struct names {
	char **v;
	size_t n, cap;
};

static bool is_log_name(const char *n)
{
	size_t l = strlen(n);

	/* a compressed log is listed too: it says why it is not compared */
	if (l > 3 && !strcmp(n + l - 3, ".xz"))
		l -= 3;

	if (l > 5 && (!strncmp(n + l - 5, ".log1", 5) || !strncmp(n + l - 5, ".log2", 5)))
		return true;
	return !strncmp(n, "log", 3) && l > 4 && !strncmp(n + l - 4, ".txt", 4);
}

static int names_walk(struct names *ns, const char *root, const char *rel)
{
	char path[4096];
	struct dirent *e;
	DIR *d;
	int rc = 0;

	snprintf(path, sizeof(path), "%s%s%s", root, *rel ? "/" : "", rel);
	d = opendir(path);
	if (!d)
		return -errno;
	while ((e = readdir(d)) && !rc) {
		char sub[4096];

		if (e->d_name[0] == '.')
			continue;
		if (snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", e->d_name) >=
		    (int)sizeof(sub))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", root, sub) >= (int)sizeof(path))
			continue;
		if (is_dir(path)) {
			rc = names_walk(ns, root, sub);
		} else if (is_log_name(e->d_name)) {
			if (ns->n == ns->cap) {
				size_t cap = ns->cap ? ns->cap * 2 : 64;
				char **nv = realloc(ns->v, cap * sizeof(*nv));

				if (!nv) {
					rc = -ENOMEM;
					break;
				}
				ns->v = nv;
				ns->cap = cap;
			}
			if (ns->n >= DIFF_MAX_FILES) {
				rc = -E2BIG;
				break;
			}
			ns->v[ns->n] = strdup(sub);
			if (!ns->v[ns->n++])
				rc = -ENOMEM;
		}
	}
	closedir(d);
	return rc;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The object of a log: NAME.bpf.o for NAME.logN, else prog.bpf.o, beside
 * the log under dir, else in the same folder under --objects; NULL when none.
 */
static char *object_of(const char *dir, const char *rel);

static char *object_for(const char *dir, const char *objects, const char *rel)
{
	char *o = object_of(dir, rel);

	return o || !objects ? o : object_of(objects, rel);
}

static char *object_of(const char *dir, const char *rel)
{
	char path[4096], base[4096], *slash, *dot;

	snprintf(base, sizeof(base), "%s/%s", dir, rel);
	dot = strrchr(base, '.');
	if (dot && (!strcmp(dot, ".log1") || !strcmp(dot, ".log2"))) {
		snprintf(path, sizeof(path), "%.*s.bpf.o", (int)(dot - base), base);
		if (!access(path, R_OK))
			return strdup(path);
	}
	slash = strrchr(base, '/');
	snprintf(path, sizeof(path), "%.*s/prog.bpf.o", slash ? (int)(slash - base) : 1,
		 slash ? base : ".");
	return access(path, R_OK) ? NULL : strdup(path);
}

struct dir_row {
	const char *file;
	struct model *ma, *mb;
	char why_a[256], why_b[256]; /* why there is no model on that side */
};

/* one row per program: like `veristat -C`, with the first difference */
static void print_row(FILE *out, const struct diff_pair *d)
{
	const struct program *pa = d->pa, *pb = d->pb;
	char buf[64];
	const char *n = pa ? prog_name(d->ma, pa) : pb ? prog_name(d->mb, pb) : NULL;

	fprintf(out, "%-48s %-28s %-9s %-9s", d->file, n ? n : "-",
		pa ? verdict_name(pa->verdict) : "-", pb ? verdict_name(pb->verdict) : "-");
	if (pa && pb && pa->stats.processed_insns >= 0 && pb->stats.processed_insns >= 0)
		fprintf(out, " %8lld %8lld %+8lld", (long long)pa->stats.processed_insns,
			(long long)pb->stats.processed_insns,
			(long long)(pb->stats.processed_insns - pa->stats.processed_insns));
	else
		fprintf(out, " %8s %8s %8s", "-", "-", "-");
	if (!pa || !pb)
		fprintf(out, "  only in %s", pa ? "A" : "B");
	else if ((pa->verdict == VERDICT_UNKNOWN) != (pb->verdict == VERDICT_UNKNOWN))
		fprintf(out, "  no log in %s (not verified)",
			pa->verdict == VERDICT_UNKNOWN ? "A" : "B");
	else if (d->r.has_div)
		fprintf(out, "  %s at unit %u, step %s%u, insn %s", diff_what_name(d->r.div.what),
			(d->r.div.unit != IDX_NONE ? d->r.div.unit : d->r.div.b_unit) + 1,
			d->r.div.a_step == IDX_NONE ? "B " : "",
			(d->r.div.a_step != IDX_NONE ? d->r.div.a_step : d->r.div.b_step) + 1,
			d->r.div.a_step != IDX_NONE ?
				(snprintf(buf, sizeof(buf), "%u", step_insn(pa, d->r.div.a_step)),
				 buf) :
				(snprintf(buf, sizeof(buf), "%u", step_insn(pb, d->r.div.b_step)),
				 buf));
	else if (pa->head_lost || pb->head_lost)
		fprintf(out, "  not walked: %s log lost its head", pa->head_lost ? "A's" : "B's");
	else if (d->r.error_changed)
		fprintf(out, "  error text");
	else if (d->differs)
		fprintf(out, "  stats");
	else
		fprintf(out, "  same");
	if (pa && pb && d->r.nctx)
		fprintf(out, "; %u context%s", d->r.nctx, d->r.nctx == 1 ? "" : "s");
	fputc('\n', out);
}

static int rank(const struct diff_pair *d)
{
	if (!d->pa || !d->pb || d->r.verdict_changed)
		return 0;
	return d->differs ? 1 : 2;
}

static int cmp_pair(const void *x, const void *y)
{
	const struct diff_pair *a = x, *b = y;
	int ra = rank(a), rb = rank(b);

	return ra != rb ? ra - rb : strcmp(a->file, b->file);
}

static int diff_dirs(const struct opts *o, const char *da, const char *db, FILE *out)
{
	struct names ns = { 0 };
	struct pairs ps = { 0 };
	struct dir_row *rows = NULL;
	size_t i, nrows = 0, nlone = 0, ndiff = 0;
	int rc, status = 0;
	bool any = false;

	rc = names_walk(&ns, da, "");
	if (rc) {
		diff_error("%s: %s", da, strerror(-rc));
		status = 2;
		goto out;
	}
	qsort(ns.v, ns.n, sizeof(*ns.v), cmp_name);
	rows = calloc(ns.n ? ns.n : 1, sizeof(*rows));
	if (!rows) {
		status = 2;
		goto out;
	}
	for (i = 0; i < ns.n; i++) {
		struct dir_row *row = &rows[nrows];
		char pb[4096], pa[4096];
		struct input ia, ib;
		char *oa, *ob;

		snprintf(pa, sizeof(pa), "%s/%s", da, ns.v[i]);
		snprintf(pb, sizeof(pb), "%s/%s", db, ns.v[i]);
		if (access(pb, R_OK)) {
			nlone++;
			continue;
		}
		row->file = ns.v[i];
		oa = object_for(da, o->objects, ns.v[i]);
		ob = object_for(db, o->objects, ns.v[i]);
		if (!oa && ob)
			oa = strdup(ob);
		if (!ob && oa)
			ob = strdup(oa);
		ia = (struct input){ pa, oa };
		ib = (struct input){ pb, ob };
		row->ma = load_side(&ia, o, row->why_a, sizeof(row->why_a));
		row->mb = load_side(&ib, o, row->why_b, sizeof(row->why_b));
		if (row->ma || row->mb)
			rc = pair_models(&ps, row->file, row->ma, row->mb,
					 oa && ob && !same_file_content(oa, ob), o);
		free(oa);
		free(ob);
		nrows++;
		if (rc) {
			status = 2;
			goto out;
		}
	}
	qsort(ps.v, ps.n, sizeof(*ps.v), cmp_pair);
	for (i = 0; i < ps.n; i++)
		ndiff += ps.v[i].differs;
	any = ndiff > 0;
	if (o->json) {
		rc = json_diff_print(out, ps.v, ps.n);
	} else {
		fprintf(out, "%-48s %-28s %-9s %-9s %8s %8s %8s  %s\n", "FILE", "PROGRAM", "A", "B",
			"INSNS A", "INSNS B", "DIFF", "FIRST DIFFERENCE");
		for (i = 0; i < ps.n; i++)
			print_row(out, &ps.v[i]);
		for (i = 0; i < nrows; i++) {
			if (!rows[i].ma && !rows[i].mb) {
				fprintf(out, "%-48s not compared: ", rows[i].file);
				put_text(out, rows[i].why_a, strlen(rows[i].why_a));
				fputc('\n', out);
				continue;
			}
			if (!rows[i].ma || !rows[i].mb) {
				fprintf(out, "%-48s no log in %s: %s\n", rows[i].file,
					rows[i].ma ? "B" : "A",
					rows[i].ma ? rows[i].why_b : rows[i].why_a);
			}
		}
		fprintf(out, "%zu log pairs, %zu programs, %zu differ; %zu logs only in A\n", nrows,
			ps.n, ndiff, nlone);
	}
	status = any ? 1 : 0;
out:
	for (i = 0; i < nrows; i++) {
		if (rows[i].ma)
			load_free(rows[i].ma);
		if (rows[i].mb)
			load_free(rows[i].mb);
	}
	free(rows);
	free(ps.v);
	for (i = 0; i < ns.n; i++)
		free(ns.v[i]);
	free(ns.v);
	return status;
}

/* ---- one pair of logs ---- */

static int diff_logs(const struct opts *o, FILE *out)
{
	struct input in[2] = { { NULL, NULL }, { NULL, NULL } };
	const char *obj = NULL;
	struct pairs ps = { 0 };
	struct model *ma = NULL, *mb = NULL;
	char err[512];
	int i, nlogs = 0, status = 2;
	bool any = false;

	for (i = 0; i < o->nfiles; i++) {
		const char *f = o->files[i];
		int elf = strcmp(f, "-") ? file_is_elf(f) : 0;

		if (elf < 0) {
			diff_error("%s: %s", f, strerror(-elf));
			return 2;
		}
		if (elf) {
			obj = f;
			continue;
		}
		if (nlogs == 2) {
			diff_error("diff: more than two logs (%s)", f);
			return 2;
		}
		in[nlogs++] = (struct input){ f, obj };
	}
	if (nlogs != 2) {
		fprintf(stderr, "veristep: diff takes two logs (and the objects before them)\n"
				"Try 'veristep --help'.\n");
		return 2;
	}
	ma = load_side(&in[0], o, err, sizeof(err));
	if (!ma) {
		textsafe_error(err);
		goto out;
	}
	mb = load_side(&in[1], o, err, sizeof(err));
	if (!mb) {
		textsafe_error(err);
		goto out;
	}
	if (pair_models(&ps, in[0].log, ma, mb,
			in[0].obj && in[1].obj && !same_file_content(in[0].obj, in[1].obj), o))
		goto out;
	if (o->prog && !ps.n) {
		diff_error("no program named '%s' in either log", o->prog);
		goto out;
	}
	for (i = 0; i < (int)ps.n; i++)
		any |= ps.v[i].differs;
	if (o->diff_tui_on) {
		const struct diff_pair *d = NULL;

		/* the first program both logs have that differs, else the first of both */
		for (i = 0; i < (int)ps.n && !d; i++)
			if (ps.v[i].pa && ps.v[i].pb && ps.v[i].differs)
				d = &ps.v[i];
		for (i = 0; i < (int)ps.n && !d; i++)
			if (ps.v[i].pa && ps.v[i].pb)
				d = &ps.v[i];
		if (!d || !o->diff_tui || !isatty(1)) {
			diff_error("diff --tui: %s", !d ? "no program is in both logs" :
							  "needs a terminal on standard output");
			goto out;
		}
		status = o->diff_tui(d, o);
		goto out;
	}
	if (o->json) {
		json_diff_print(out, ps.v, ps.n);
	} else {
		for (i = 0; i < (int)ps.n; i++) {
			if (ps.v[i].pa && ps.v[i].pb)
				print_pair(out, &ps.v[i]);
			else
				print_unpaired(out, &ps.v[i]);
		}
		if (!any)
			fprintf(out, "no difference\n");
	}
	status = any ? 1 : 0;
out:
	free(ps.v);
	if (ma)
		load_free(ma);
	if (mb)
		load_free(mb);
	return status;
}

int diff_run(const struct opts *o)
{
	int rc;

	if (o->nfiles == 2 && is_dir(o->files[0]) && is_dir(o->files[1]))
		rc = diff_dirs(o, o->files[0], o->files[1], stdout);
	else if (o->nfiles >= 2 && o->nfiles <= 4)
		rc = diff_logs(o, stdout);
	else {
		fprintf(stderr, "veristep: diff takes [OBJ] LOG_A [OBJ_B] LOG_B, or DIR_A DIR_B\n"
				"Try 'veristep --help'.\n");
		return 2;
	}
	if (fflush(stdout) == EOF) {
		fprintf(stderr, "veristep: write error: %s\n", strerror(errno));
		return 2;
	}
	return rc;
}
