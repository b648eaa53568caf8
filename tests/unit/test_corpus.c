// SPDX-License-Identifier: MIT
/*
 * test_corpus.c — every real log of the shared corpus gives the kernel's
 * verdict (verdict.json), the kernel's error text and the processed-insn
 * count of its `processed N insns` line; libbpf- and bpftool-framed
 * captures give the same answers as the plain logs; every log people posted
 * (corpus-public) parses into steps. Skips when ../shared is absent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>

#include "corpus.h"
#include "src/load.h"
#include <malloc.h>

/* a big log's oracle needs only its end: the last 4 MB from a line start */
static char *slurp_tail(const char *path, size_t *len)
{
	struct stat st;
	FILE *f;
	char *buf, *nl;
	size_t want = 4u << 20, got;

	if (stat(path, &st) || (size_t)st.st_size <= want)
		return corpus_slurp(path, len);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	buf = malloc(want + 1);
	if (!buf || fseek(f, (long)((size_t)st.st_size - want), SEEK_SET) ||
	    (got = fread(buf, 1, want, f)) != want) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[want] = '\0';
	nl = strchr(buf, '\n');
	if (nl)
		memmove(buf, nl + 1, strlen(nl + 1) + 1);
	*len = strlen(buf);
	return buf;
}

static bool starts(const char *s, const char *lit)
{
	return !strncmp(s, lit, strlen(lit));
}

/*
 * The oracle for the error text, independent of the parser: the lines right
 * before the stats, after the last line of the exploration, without the
 * 7.3 block and the cur/old state dumps.
 */
static char *oracle_error(const char *text, long long *processed)
{
	char **lines = NULL, *copy = strdup(text), *save = NULL, *ln, *out;
	size_t n = 0, cap = 0, i, end, start, total = 1;
	ssize_t k;

	*processed = -1;
	for (ln = strtok_r(copy, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			lines = realloc(lines, cap * sizeof(*lines));
		}
		lines[n++] = ln;
	}
	for (end = n; end > 0; end--)
		if (starts(lines[end - 1], "processed "))
			break;
	if (!end) {
		free(lines);
		free(copy);
		return NULL;
	}
	*processed = atoll(lines[end - 1] + 10);
	end--;
	/* drop the stats, blank lines and the 7.3 block */
	for (k = (ssize_t)end - 1; k >= 0; k--)
		if (starts(lines[k], "Verification failed: "))
			end = (size_t)k;
	while (end > 0 && (starts(lines[end - 1], "verification time") ||
			   starts(lines[end - 1], "stack depth") || !lines[end - 1][0] ||
			   starts(lines[end - 1], "cur state:") || starts(lines[end - 1], "old state:")))
		end--;
	start = end;
	while (start > 0) {
		const char *l = lines[start - 1];

		if ((l[0] >= '0' && l[0] <= '9') || starts(l, "from ") || starts(l, "func#") ||
		    starts(l, "Func#") || starts(l, "mark_precise") || starts(l, ";") ||
		    starts(l, " ") || starts(l, "(") || starts(l, "Live regs") ||
		    starts(l, "frame ") || starts(l, "last_idx") || starts(l, "regs=") ||
		    starts(l, "parent ") || starts(l, "Validating ") || starts(l, "SCC ") ||
		    starts(l, "libbpf: ") || starts(l, "arg#0 reference") || starts(l, "caller:") ||
		    starts(l, "callee:") || starts(l, "returning from") || starts(l, "to caller"))
			break;
		start--;
	}
	if (start == end) {
		free(lines);
		free(copy);
		return NULL;
	}
	for (i = start; i < end; i++)
		total += strlen(lines[i]) + 1;
	out = calloc(1, total);
	for (i = start; i < end; i++) {
		if (i > start)
			strcat(out, " ");
		strcat(out, lines[i]);
	}
	free(lines);
	free(copy);
	return out;
}

static cJSON *read_json(const char *path)
{
	char *t = corpus_slurp(path, NULL);
	cJSON *j = t ? cJSON_Parse(t) : NULL;

	free(t);
	return j;
}

/* loaded flag of program `prog` (NULL: the first) in a verdict.json; -1 unknown */
static int expected_loaded(cJSON *v, const char *prog)
{
	cJSON *progs = cJSON_GetObjectItem(v, "programs"), *it;

	if (prog && cJSON_IsArray(progs)) {
		cJSON_ArrayForEach(it, progs)
		{
			cJSON *name = cJSON_GetObjectItem(it, "prog");

			if (!name)
				name = cJSON_GetObjectItem(it, "name");
			if (cJSON_IsString(name) && !strcmp(name->valuestring, prog)) {
				cJSON *l = cJSON_GetObjectItem(it, "loaded");

				return cJSON_IsBool(l) ? cJSON_IsTrue(l) : -1;
			}
		}
	}
	it = cJSON_GetObjectItem(v, "loaded");
	return cJSON_IsBool(it) ? cJSON_IsTrue(it) : -1;
}

struct counts {
	unsigned logs, verdicts, errors, processed, truncated, framed, public_logs;
};

static void check_log(const char *path, cJSON *verdict, const char *prog, struct counts *c)
{
	char plainbuf[4096], *text, *want_err, *got_err;
	const char *plain = corpus_plain(path, plainbuf, sizeof(plainbuf));
	const char *base = strrchr(path, '/') + 1;
	cJSON *entry = cJSON_GetObjectItem(cJSON_GetObjectItem(verdict, "logs"), base);
	cJSON *tr = cJSON_GetObjectItem(entry, "truncated");
	bool truncated = cJSON_IsBool(tr) ? cJSON_IsTrue(tr)
					  : (strstr(path, ".truncated") || strstr(path, ".capped"));
	const struct program *p;
	long long processed;
	struct model *m;
	size_t len = 0;
	int loaded;

	assert_non_null(plain);
	text = slurp_tail(plain, &len);
	assert_non_null(text);
	if (!len) {
		free(text); /* the kernel wrote nothing (libbpf refused first) */
		return;
	}
	m = corpus_load(plain);
	assert_non_null(m);
	c->logs++;
	if (!m->progs.n) {
		fprintf(stderr, "# %s: no program found\n", path);
		fail();
	}
	p = model_prog(m, m->progs.n - 1);
	if (truncated) {
		if (p->verdict != VERDICT_TRUNCATED)
			fprintf(stderr, "# %s: verdict %s, want truncated\n", path,
				verdict_name(p->verdict));
		assert_int_equal(p->verdict, VERDICT_TRUNCATED);
		c->truncated++;
		goto out;
	}
	loaded = expected_loaded(verdict, prog);
	if (cJSON_IsBool(cJSON_GetObjectItem(entry, "loaded")))
		loaded = cJSON_IsTrue(cJSON_GetObjectItem(entry, "loaded"));
	if (loaded >= 0) {
		enum verdict want = loaded ? VERDICT_ACCEPTED : VERDICT_REJECTED;

		if (p->verdict != want)
			fprintf(stderr, "# %s: verdict %s, want %s\n", path, verdict_name(p->verdict),
				verdict_name(want));
		assert_int_equal(p->verdict, want);
		c->verdicts++;
	}
	want_err = oracle_error(text, &processed);
	got_err = program_error_text(m, p);
	if (processed >= 0) {
		assert_int_equal(p->stats.processed_insns, processed);
		c->processed++;
	}
	if ((want_err == NULL) != (got_err == NULL) ||
	    (want_err && strcmp(want_err, got_err))) {
		fprintf(stderr, "# %s: error '%s', want '%s'\n", path, got_err ? got_err : "(none)",
			want_err ? want_err : "(none)");
		fail();
	}
	if (want_err)
		c->errors++;
	free(want_err);
	free(got_err);
out:
	load_free(m);
	free(text);
}

static int want_any(const char *name)
{
	(void)name;
	return 1;
}

/* the program a log file belongs to: log2.NAME.txt → NAME; log2.txt → NULL (the first) */
static char *prog_of(const char *base)
{
	const char *dot = strchr(base, '.'), *end = strstr(base, ".txt");

	if (!dot || !end || end <= dot)
		return NULL;
	if (!strncmp(dot, ".truncated", 10) || !strncmp(dot, ".capped", 7) || dot == end)
		return NULL;
	return strndup(dot + 1, (size_t)(end - dot - 1));
}

static void test_corpus_logs(void **unused)
{
	const char *root = corpus_root();
	struct file_list l = { 0 };
	struct counts c = { 0 };
	char path[4096];

	(void)unused;
	if (!root) {
		SKIP_NO_SHARED();
		return;
	}
	snprintf(path, sizeof(path), "%s/corpus", root);
	file_list_walk(&l, path, want_any);
	snprintf(path, sizeof(path), "%s/corpus-kernels", root);
	file_list_walk(&l, path, want_any);
	file_list_sort(&l);
	for (size_t i = 0; i < l.n; i++) {
		const char *f = l.v[i], *base = strrchr(f, '/') + 1;
		char dir[4096], vpath[4200], *prog;
		cJSON *v;
		struct stat st;

		if (strncmp(base, "log", 3) || !strstr(base, ".txt"))
			continue;
		(void)st;
		snprintf(dir, sizeof(dir), "%.*s", (int)(base - f - 1), f);
		snprintf(vpath, sizeof(vpath), "%s/verdict.json", dir);
		v = read_json(vpath);
		if (!v)
			continue;
		prog = prog_of(base);
		check_log(f, v, prog, &c);
		free(prog);
		cJSON_Delete(v);
	}
	fprintf(stderr,
		"# corpus: %u logs: %u verdicts, %u error texts, %u processed counts checked, %u "
		"truncated logs\n",
		c.logs, c.verdicts, c.errors, c.processed, c.truncated);
	assert_true(c.logs > 200);
	assert_true(c.verdicts > 150);
	file_list_free(&l);
}

/* libbpf's default output and bpftool -d output: framed, named, same verdict */
static void test_corpus_framed(void **unused)
{
	const char *root = corpus_root();
	struct file_list l = { 0 };
	unsigned n = 0;
	char path[4096];

	(void)unused;
	if (!root) {
		SKIP_NO_SHARED();
		return;
	}
	snprintf(path, sizeof(path), "%s/corpus", root);
	file_list_walk(&l, path, want_any);
	file_list_sort(&l);
	for (size_t i = 0; i < l.n; i++) {
		const char *f = l.v[i], *base = strrchr(f, '/') + 1;
		char dir[4096], vpath[4200];
		struct model *m;
		cJSON *v, *prog;
		size_t len;
		char *text;

		if (strcmp(base, "libbpf_default.txt") && strcmp(base, "bpftool_debug.txt"))
			continue;
		text = corpus_slurp(f, &len);
		if (!text || !len) {
			free(text);
			continue;
		}
		free(text);
		snprintf(dir, sizeof(dir), "%.*s", (int)(base - f - 1), f);
		snprintf(vpath, sizeof(vpath), "%s/verdict.json", dir);
		v = read_json(vpath);
		assert_non_null(v);
		prog = cJSON_GetObjectItem(v, "prog");
		m = corpus_load(f);
		assert_non_null(m);
		assert_int_equal(m->progs.n, 1);
		assert_string_equal(strtab_get(&m->str, model_prog(m, 0)->name), prog->valuestring);
		assert_int_equal(model_prog(m, 0)->verdict,
				 expected_loaded(v, NULL) ? VERDICT_ACCEPTED : VERDICT_REJECTED);
		/* the framed log says the same as the plain one: the error text */
		if (model_prog(m, 0)->verdict == VERDICT_REJECTED) {
			char lp[4200];
			struct model *m1;
			char *a, *b;

			snprintf(lp, sizeof(lp), "%s/log1.txt", dir);
			m1 = corpus_load(lp);
			assert_non_null(m1);
			a = program_error_text(m, model_prog(m, 0));
			b = program_error_text(m1, model_prog(m1, 0));
			assert_non_null(a);
			assert_non_null(b);
			assert_string_equal(a, b);
			free(a);
			free(b);
			load_free(m1);
		}
		load_free(m);
		cJSON_Delete(v);
		n++;
	}
	fprintf(stderr, "# framed captures checked: %u\n", n);
	assert_true(n >= 2);
	file_list_free(&l);
}

static void test_corpus_public(void **unused)
{
	const char *root = corpus_root();
	struct file_list l = { 0 };
	char path[4096];
	unsigned n = 0;

	(void)unused;
	if (!root) {
		SKIP_NO_SHARED();
		return;
	}
	snprintf(path, sizeof(path), "%s/corpus-public", root);
	file_list_walk(&l, path, want_any);
	file_list_sort(&l);
	for (size_t i = 0; i < l.n; i++) {
		struct model *m = corpus_load(l.v[i]);
		uint32_t steps = 0;

		assert_non_null(m);
		for (uint32_t k = 0; k < m->progs.n; k++)
			steps += model_prog(m, k)->steps.n;
		if (!steps)
			fprintf(stderr, "# %s: no steps\n", l.v[i]);
		assert_true(steps > 0);
		load_free(m);
		n++;
	}
	fprintf(stderr, "# corpus-public: %u logs parse with steps\n", n);
	assert_true(n > 0);
	file_list_free(&l);
}

/*
 * The memory model: parsing a big log (the 100 MB level-1 log of
 * big_complexity_limit_rej, and the 16 MB tail of its level-2 log) keeps the
 * model far under the log's size: lines are offsets, states are not copied.
 */
static void test_memory_model(void **unused)
{
	const char *root = corpus_root();
	/*
	 * The targets of issue 20. A level-1 log of a long path is nearly all
	 * instruction lines (about 100 bytes each, 8 bytes of step, and a source
	 * line in 4 bytes every few steps: 8.9%): its bound is looser than a
	 * level-2 log's, where precision and state lines cost nothing (1.8%).
	 */
	const char *logs[] = {
		"corpus/big_complexity_limit_rej/log1.txt.xz",
		"corpus-kernels/6.17.13+deb13-amd64/big_complexity_limit_rej/log2.capped.txt.xz",
		"corpus-kernels/7.3.4+deb13-amd64/big_complexity_limit_rej/log2.capped.txt.xz",
	};
	const unsigned bound_pct[] = { 10, 5, 5 };
	char path[4096], plain[4096];

	(void)unused;
	if (!root) {
		SKIP_NO_SHARED();
		return;
	}
	for (size_t i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		const char *f;
		struct model *m;
		size_t before, after;
		uint64_t size;

		snprintf(path, sizeof(path), "%s/%s", root, logs[i]);
		f = corpus_plain(path, plain, sizeof(plain));
		assert_non_null(f);
		before = mallinfo2().uordblks + mallinfo2().hblkhd;
		m = corpus_load(f);
		assert_non_null(m);
		after = mallinfo2().uordblks + mallinfo2().hblkhd;
		size = m->log.len;
		assert_true(size > (10u << 20));
		assert_true(m->progs.n == 1 && model_prog(m, 0)->steps.n > 10000);
		fprintf(stderr, "# %s: %llu bytes of log, model %llu bytes (%.1f%%), heap grew %zu bytes\n",
			logs[i], (unsigned long long)size, (unsigned long long)model_bytes(m),
			100.0 * (double)model_bytes(m) / (double)size, after - before);
		assert_true(model_bytes(m) * 100 < size * bound_pct[i]);
#if !defined(__SANITIZE_ADDRESS__)
		assert_true((uint64_t)(after - before) * 100 < size * bound_pct[i]);
#endif
		load_free(m);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_logs),
		cmocka_unit_test(test_corpus_framed),
		cmocka_unit_test(test_corpus_public),
		cmocka_unit_test(test_memory_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
