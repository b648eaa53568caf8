// SPDX-License-Identifier: MIT
/*
 * test_pack.c — a packed program expands into the program it was: every
 * field, every array element, every step and source line, the cold part,
 * for every sample (with its object) and every corpus log. Two loads of the
 * same files, one packing nothing (VERISTEP_PACK=none) and one packing
 * everything (=all), must hold the same programs.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "src/load.h"
#include "tests/unit/corpus.h"

static struct model *load_with(const char *policy, char **files, int n)
{
	struct model *m = model_new();
	char err[512];

	assert_non_null(m);
	setenv("VERISTEP_PACK", policy, 1);
	if (load_files(m, files, n, NULL, err, sizeof(err))) {
		load_free(m);
		m = NULL;
	}
	unsetenv("VERISTEP_PACK");
	return m;
}

/* the same n elements (their padding is zero on both sides: calloc, vec_push) */
#define SAME_VEC(a, b)                                                                             \
	do {                                                                                       \
		assert_int_equal((a)->n, (b)->n);                                                  \
		if ((a)->n)                                                                        \
			assert_memory_equal((a)->v, (b)->v, (size_t)(a)->n * sizeof(*(a)->v));     \
	} while (0)

/* names point into each load's own object: the same text */
static void same_name(const char *a, const char *b)
{
	assert_int_equal(!a, !b);
	if (a)
		assert_string_equal(a, b);
}

static void same_finding(const struct sleep_finding *a, const struct sleep_finding *b)
{
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->insn, b->insn);
	assert_int_equal(a->subprog, b->subprog);
	same_name(a->call, b->call);
	assert_int_equal(a->callee, b->callee);
	assert_int_equal(a->sleepable, b->sleepable);
	assert_int_equal(a->region, b->region);
	assert_int_equal(a->region_insn, b->region_insn);
	assert_int_equal(a->root, b->root);
	assert_int_equal(a->root_subprog, b->root_subprog);
	assert_int_equal(a->nhops, b->nhops);
	for (unsigned int h = 0; h < a->nhops; h++) {
		assert_int_equal(a->hops[h].kind, b->hops[h].kind);
		assert_int_equal(a->hops[h].insn, b->hops[h].insn);
		assert_int_equal(a->hops[h].to, b->hops[h].to);
		same_name(a->hops[h].via, b->hops[h].via);
		assert_int_equal(a->hops[h].sleepable, b->hops[h].sleepable);
	}
}

static void same_program(const struct program *a, const struct program *b)
{
	const struct program_cold *ca = program_cold(a), *cb = program_cold(b);

	assert_int_equal(a->name, b->name);
	assert_int_equal(a->section, b->section);
	assert_int_equal(a->sleepable, b->sleepable);
	assert_int_equal(a->verdict, b->verdict);
	assert_int_equal(a->log_level, b->log_level);
	assert_int_equal(a->insn_states_partial, b->insn_states_partial);
	assert_int_equal(a->head_lost, b->head_lost);
	assert_int_equal(a->error_after, b->error_after);
	assert_int_equal(a->not_verified, b->not_verified);
	assert_int_equal(a->sleep_rules_src, b->sleep_rules_src);
	assert_int_equal(a->dialect, b->dialect);
	assert_int_equal(a->sleep_rules, b->sleep_rules);
	assert_int_equal(a->log.off, b->log.off);
	assert_int_equal(a->log.len, b->log.len);
	SAME_VEC(&a->error, &b->error);
	assert_int_equal(a->error_insn, b->error_insn);
	assert_int_equal(a->error_step, b->error_step);
	assert_memory_equal(&a->stats, &b->stats, sizeof(a->stats));
	SAME_VEC(&a->subprogs, &b->subprogs);
	SAME_VEC(&a->ctx_runs, &b->ctx_runs);
	assert_int_equal(a->steps.n, b->steps.n);
	for (uint32_t k = 0; k < a->steps.n; k++) {
		struct step x = step_at(a, k), y = step_at(b, k);

		assert_int_equal(x.off, y.off);
		assert_int_equal(x.insn, y.insn);
		assert_int_equal(x.frame, y.frame);
		assert_int_equal(x.flags, y.flags);
		assert_int_equal(x.tail, y.tail);
	}
	SAME_VEC(&a->fstates, &b->fstates);
	SAME_VEC(&a->paths, &b->paths);
	SAME_VEC(&a->units, &b->units);
	assert_int_equal(a->ninsns, b->ninsns);
	assert_int_equal(a->nlines, b->nlines);
	assert_int_equal(!a->visits, !b->visits);
	assert_int_equal(!a->insn_line, !b->insn_line);
	assert_int_equal(!a->insns, !b->insns);
	if (a->ninsns && a->visits)
		assert_memory_equal(a->visits, b->visits, a->ninsns * sizeof(*a->visits));
	if (a->ninsns && a->insn_line)
		assert_memory_equal(a->insn_line, b->insn_line, a->ninsns * sizeof(*a->insn_line));
	if (a->ninsns && a->insns)
		assert_memory_equal(a->insns, b->insns, a->ninsns * sizeof(*a->insns));
	assert_int_equal(!a->cold, !b->cold);
	SAME_VEC(&ca->edges, &cb->edges);
	SAME_VEC(&ca->sleep_events, &cb->sleep_events);
	assert_int_equal(ca->findings.n, cb->findings.n);
	for (uint32_t i = 0; i < ca->findings.n; i++)
		same_finding(&ca->findings.v[i], &cb->findings.v[i]);
	assert_int_equal(ca->error_finding, cb->error_finding);
	assert_int_equal(ca->refused_errno, cb->refused_errno);
	assert_int_equal(ca->has_diag, cb->has_diag);
	assert_int_equal(ca->diag.category, cb->diag.category);
	assert_int_equal(ca->diag.title, cb->diag.title);
	assert_int_equal(ca->diag.reason, cb->diag.reason);
	assert_int_equal(ca->diag.at, cb->diag.at);
	assert_int_equal(ca->diag.suggestion, cb->diag.suggestion);
	SAME_VEC(&ca->diag.causal_path, &cb->diag.causal_path);
	SAME_VEC(&ca->ctx_args, &cb->ctx_args);
	SAME_VEC(&ca->unknown, &cb->unknown);
	assert_int_equal(ca->unknown_lines, cb->unknown_lines);
	SAME_VEC(&ca->named_funcs, &cb->named_funcs);
	assert_int_equal(program_srcs(a)->n, program_srcs(b)->n);
	for (uint32_t i = 0; i < program_srcs(a)->n; i++)
		assert_int_equal(src_off(a, i), src_off(b, i));
}

/* the files' programs, packed and not: the same; how many programs */
static uint32_t same_loads(char **files, int n)
{
	struct model *a = load_with("none", files, n), *b = load_with("all", files, n);
	uint32_t np;

	assert_int_equal(!a, !b);
	if (!a)
		return 0;
	assert_int_equal(a->progs.n, b->progs.n);
	np = a->progs.n;
	for (uint32_t i = 0; i < np; i++) {
		struct prog_head h = model_prog_head(b, i);

		/* packed: the head is read from the packed form, then the whole */
		assert_null(b->progs.v[i].p);
		assert_int_equal(h.name, model_prog(a, i)->name);
		assert_int_equal(h.verdict, model_prog(a, i)->verdict);
		assert_int_equal(h.nsteps, model_prog(a, i)->steps.n);
		same_program(model_prog(a, i), model_prog(b, i));
		/* dropped and expanded again: still the same */
		load_prog_done(b, i);
		assert_null(b->progs.v[i].p);
		same_program(model_prog(a, i), model_prog(b, i));
		assert_int_equal(program_bytes(model_prog(a, i)), program_bytes(model_prog(b, i)));
	}
	load_free(a);
	load_free(b);
	return np;
}

static int want_sample(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && (!strcmp(name + n - 5, ".log1") || !strcmp(name + n - 5, ".log2"));
}

static void test_samples(void **state)
{
	struct file_list l = { 0 };
	uint32_t progs = 0;

	(void)state;
	file_list_walk(&l, "samples", want_sample);
	file_list_sort(&l);
	assert_true(l.n > 20);
	for (size_t i = 0; i < l.n; i++) {
		char obj[4096], *files[2] = { obj, l.v[i] };
		struct stat st;
		size_t n = strlen(l.v[i]);

		snprintf(obj, sizeof(obj), "%.*s.bpf.o", (int)(n - 5), l.v[i]);
		progs += same_loads(stat(obj, &st) ? files + 1 : files, stat(obj, &st) ? 1 : 2);
	}
	printf("# %zu sample logs, %u programs packed and expanded\n", l.n, progs);
	assert_true(progs >= l.n);
	file_list_free(&l);
}

static int want_log(const char *name)
{
	size_t n = strlen(name);

	return (n > 4 && !strcmp(name + n - 4, ".txt")) || (n > 7 && !strcmp(name + n - 7, ".txt.xz"));
}

static void test_corpus(void **state)
{
	const char *root = corpus_root(), *dirs[] = { "corpus", "corpus-kernels", "corpus-public" };
	struct file_list l = { 0 };
	uint32_t progs = 0, logs = 0;
	char path[4096];

	(void)state;
	if (!root)
		SKIP_NO_SHARED();
	for (size_t d = 0; d < 3; d++) {
		snprintf(path, sizeof(path), "%s/%s", root, dirs[d]);
		file_list_walk(&l, path, want_log);
	}
	file_list_sort(&l);
	for (size_t i = 0; i < l.n; i++) {
		char plain[4096], *files[1];
		struct stat st;

		files[0] = (char *)corpus_plain(l.v[i], plain, sizeof(plain));
		if (!files[0] || stat(files[0], &st) || st.st_size > (16 << 20))
			continue; /* the giants: same_output.sh packs them */
		logs++;
		progs += same_loads(files, 1);
	}
	printf("# %u corpus logs, %u programs packed and expanded\n", logs, progs);
	assert_true(logs > 100 && progs > 100);
	file_list_free(&l);
}

/* 200,000 tiny programs: packed at their load, each costs less than half its log */
static void test_tiny_programs(void **state)
{
	static const char prog[] = "0: (b7) r0 = 0\n1: (95) exit\n"
				   "processed 2 insns (limit 1000000) max_states_per_insn 0 "
				   "total_states 0 peak_states 0 mark_read 0\n";
	size_t n = 200000, len = n * (sizeof(prog) - 1);
	char *buf = malloc(len);
	struct model *m = model_new();

	(void)state;
	assert_non_null(buf);
	for (size_t i = 0; i < n; i++)
		memcpy(buf + i * (sizeof(prog) - 1), prog, sizeof(prog) - 1);
	assert_int_equal(load_log_mem(m, buf, len, NULL), 0);
	assert_int_equal(m->progs.n, n);
	for (uint32_t i = 0; i < m->progs.n; i++)
		assert_null(m->progs.v[i].p); /* all packed at their load */
	printf("# %zu programs of %zu bytes: %llu bytes of model each\n", n, sizeof(prog) - 1,
	       (unsigned long long)(model_bytes(m) / n));
	assert_true(model_bytes(m) < len / 2); /* well under the log: about 54 bytes of 125 */
	assert_int_equal(model_prog(m, 12345)->steps.n, 2);
	assert_int_equal(model_prog(m, 12345)->verdict, VERDICT_ACCEPTED);
	load_free(m);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_tiny_programs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
