// SPDX-License-Identifier: MIT
/*
 * test_sleep.c — the sleepable analysis against the shared corpus: for
 * every sleep scenario the violation (or none), the subprog it sits in,
 * callback contexts, might_sleep of globals, the chain in the report; and
 * from the object alone with --kernel, the prediction against the real
 * verdicts of ../shared/corpus-kernels (failed loads skipped).
 * Skips cleanly when the corpus is absent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/bpfobj.h"
#include "src/analysis/sleep.h"
#include "src/rules/kfunc_sets.h"
#include "src/rules/reject_table.h"
#include "src/front/cli.h"
#include "tests/unit/corpus.h"
#include "src/load.h"

static struct model *load2(const char *obj, const char *log, const char *kernel)
{
	struct model *m = model_new();
	struct load_opts lo = { .kernel = kernel };
	char *files[2], err[512];
	int n = 0;

	if (obj)
		files[n++] = (char *)obj;
	if (log)
		files[n++] = (char *)log;
	if (load_files(m, files, n, &lo, err, sizeof(err))) {
		print_error("load %s %s: %s\n", obj ? obj : "", log ? log : "", err);
		load_free(m);
		return NULL;
	}
	return m;
}

static const struct subprog *sub_named(const struct model *m, const struct program *p,
				       const char *name)
{
	for (uint32_t i = 0; i < p->subprogs.n; i++)
		if (!strcmp(strtab_get(&m->str, p->subprogs.v[i].name), name))
			return &p->subprogs.v[i];
	return NULL;
}

static uint32_t violations(const struct program *p, uint32_t *insn, uint32_t *sub)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < program_cold(p)->sleep_events.n; i++)
		if (program_cold(p)->sleep_events.v[i].event == SEV_VIOLATION && !n++) {
			/* the first one: the verifier stops there */
			*insn = program_cold(p)->sleep_events.v[i].insn;
			*sub = program_cold(p)->sleep_events.v[i].subprog;
		}
	return n;
}

/* scenario, program, violation subprog (NULL: none), callback checks */
static const struct {
	const char *scen, *log, *sub; /* sub: subprog holding the violation, NULL none */
	uint32_t insn;
	const char *cb, *cb_ctx;      /* a callback and its context */
	const char *global;	      /* a global and its might_sleep */
	int global_ms;
	const char *chain;	      /* a piece the report's chain must contain */
} cases[] = {
	{ "async_task_work_from_tc_ok", "log2.txt", NULL, 0, "tw_cb", "sleepable", NULL, 0, NULL },
	{ "async_timer_cb_global_rej", "log2.txt", "timer_cb", 44, "timer_cb", "non-sleepable",
	  "read_user_global", 1,
	  "prog timer_global (syscall, sleepable) → bpf_timer_set_callback at insn 26 → timer_cb "
	  "(async, never sleepable) → call read_user_global at insn 44 (global, may sleep: calls "
	  "bpf_copy_from_user at insn 38)" },
	{ "async_timer_cb_sleep_rej", "log2.txt", "timer_cb", 30, "timer_cb", "non-sleepable", NULL,
	  0, "bpf_timer_set_callback at insn 17 → timer_cb (async, never sleepable)" },
	{ "async_timer_cb_static_mixed_rej", "log2.txt", "read_user", 38, "timer_cb",
	  "non-sleepable", NULL, 0, "→ call read_user at insn 44 (static)" },
	{ "async_wq_from_tc_ok", "log2.txt", NULL, 0, "wq_cb", "sleepable", NULL, 0, NULL },
	{ "async_wq_in_sleepable_ok", "log2.txt", NULL, 0, "wq_cb", "sleepable", NULL, 0, NULL },
	{ "async_wq_timer_global_ok", "log2.txt", NULL, 0, "timer_cb", "non-sleepable",
	  "helper_global", 1, NULL },
	{ "cb_bpf_loop_sleepable_ok", "log2.txt", NULL, 0, "loop_cb", "sleepable", NULL, 0, NULL },
	{ "cb_bpf_loop_tc_rej", "log2.txt", "loop_cb", 22, "loop_cb", "non-sleepable", NULL, 0,
	  "bpf_loop at insn 8 → loop_cb (callback" },
	{ "cb_for_each_map_elem_sleepable_ok", "log2.txt", NULL, 0, "each_cb", "sleepable", NULL, 0,
	  NULL },
	{ "global_chain_sleepable_ok", "log2.txt", NULL, 0, NULL, NULL, "level1", 1, NULL },
	{ "global_mixed_ctx_rej", "log2.txt", "mixed_ctx", 8, NULL, NULL, "read_user_global", 1,
	  "region opened at insn 5 (RCU read section)" },
	{ "global_nonsleep_everywhere_ok", "log2.txt", NULL, 0, "timer_cb", "non-sleepable",
	  "bump_global", 0, NULL },
	{ "global_only_from_wq_sleepable_ok", "log2.txt", NULL, 0, "wq_cb", "sleepable",
	  "fetch_global", 1, NULL },
	{ "kfunc_sleepable_in_tc_rej", "log2.txt", "kfunc_in_tc", 12, NULL, NULL, NULL, 0,
	  "bpf_copy_from_user_str at insn 12" },
	{ "region_preempt_disable_rej", "log2.txt", "preempt_region", 13, NULL, NULL, NULL, 0,
	  "(preemption disabled)" },
	{ "region_rcu_sleep_inside_rej", "log2.txt", "rcu_inside", 11, NULL, NULL, NULL, 0,
	  "(RCU read section)" },
	{ "region_rcu_sleep_outside_ok", "log2.txt", NULL, 0, NULL, NULL, NULL, 0, NULL },
	{ "struct_deep_static_chain_ok", "log2.txt", NULL, 0, NULL, NULL, NULL, 0, NULL },
	{ "struct_multi_prog", "log2.tc_reader.txt", "tc_reader", 1, NULL, NULL, "read_user_global",
	  1, "prog tc_reader (tc, non-sleepable) → call read_user_global at insn 1" },
	{ "struct_multi_prog", "log2.txt", NULL, 0, NULL, NULL, "read_user_global", 1, NULL },
	{ "struct_multi_prog", "log2.xdp_hasher.txt", NULL, 0, NULL, NULL, "hash_global", 0, NULL },
};

static void check_case(size_t c, bool with_log)
{
	const char *root = corpus_root();
	char obj[4096], log[4096];
	struct model *m;
	const struct program *p;
	uint32_t insn = 0, sub = 0, nv;

	snprintf(obj, sizeof(obj), "%s/corpus/%s/prog.bpf.o", root, cases[c].scen);
	snprintf(log, sizeof(log), "%s/corpus/%s/%s", root, cases[c].scen, cases[c].log);
	m = load2(obj, with_log ? log : NULL, NULL);
	assert_non_null(m);
	p = model_prog(m, 0);
	if (!with_log) {
		/* object alone: pick the program the log is about */
		struct model *lm = load2(obj, log, NULL);

		assert_non_null(lm);
		for (uint32_t i = 0; i < m->progs.n; i++)
			if (!strcmp(strtab_get(&m->str, model_prog(m, i)->name),
				    strtab_get(&lm->str, model_prog(lm, 0)->name)))
				p = model_prog(m, i);
		load_free(lm);
	}
	nv = violations(p, &insn, &sub);
	if (!cases[c].sub) {
		if (nv)
			print_error("%s%s: unexpected violation at insn %u\n", cases[c].scen,
				    with_log ? "" : " (object)", insn);
		assert_int_equal(nv, 0);
	} else {
		const struct subprog *s = sub_named(m, p, cases[c].sub);

		assert_true(nv >= 1);
		assert_non_null(s);
		if (with_log)
			assert_int_equal(nv, 1);
		assert_int_equal(insn, cases[c].insn);
		assert_int_equal(sub, s->id);
	}
	if (cases[c].cb) {
		const struct subprog *s = sub_named(m, p, cases[c].cb);
		uint8_t want = !strcmp(cases[c].cb_ctx, "sleepable") ? CTX_SLEEPABLE
								     : CTX_NON_SLEEPABLE;

		assert_non_null(s);
		assert_true(s->roles & (ROLE_CALLBACK | ROLE_ASYNC_CALLBACK));
		assert_int_equal(s->contexts, want);
	}
	if (cases[c].global) {
		const struct subprog *s = sub_named(m, p, cases[c].global);

		assert_non_null(s);
		assert_int_equal(s->linkage, LINKAGE_GLOBAL);
		assert_int_equal(s->might_sleep, cases[c].global_ms);
	}
	if (cases[c].chain && with_log) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);

		sleep_report(f, m, p);
		fclose(f);
		if (!strstr(buf, cases[c].chain))
			print_error("%s: report lacks \"%s\":\n%s\n", cases[c].scen, cases[c].chain,
				    buf);
		assert_non_null(strstr(buf, cases[c].chain));
		free(buf);
	}
	load_free(m);
}

static void test_corpus_cases(void **state)
{
	(void)state;
	if (!corpus_root())
		SKIP_NO_SHARED();
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		check_case(c, true);
		check_case(c, false);
	}
}

/* every log of the 6.18 corpus: the replay's violations are exactly the log's sleep error */
static int want_log2(const char *name)
{
	return !strncmp(name, "log", 3) && strstr(name, ".txt") && !strstr(name, "truncated") &&
	       !strstr(name, ".xz");
}

static void check_log_agrees(const char *obj, const char *log, const char *kernel)
{
	struct model *m = load2(obj, log, kernel);
	char *err;
	enum sleep_kind k;
	uint32_t insn = 0, sub = 0, nv;

	if (!m)
		return;
	for (uint32_t i = 0; i < m->progs.n; i++) {
		const struct program *p = model_prog(m, i);

		err = program_error_text(m, p);
		k = sleep_classify_error(err);
		nv = violations(p, &insn, &sub);
		if (sleep_kind_is_sleep(k) != (nv == 1) || nv > 1) {
			print_error("%s: error '%s' (%s) but %u violations\n", log, err ? err : "",
				    sleep_kind_name(k), nv);
			fail();
		}
		for (uint32_t w = 0; w < m->warnings.n; w++) {
			const char *t = strtab_get(&m->str, m->warnings.v[w]);

			if (strstr(t, "rules")) {
				print_error("%s: %s\n", log, t);
				fail();
			}
		}
		free(err);
	}
	load_free(m);
}

static void test_corpus_logs(void **state)
{
	const char *root = corpus_root();
	struct file_list l = { 0 };
	char dir[4096];

	(void)state;
	if (!root)
		SKIP_NO_SHARED();
	snprintf(dir, sizeof(dir), "%s/corpus", root);
	file_list_walk(&l, dir, want_log2);
	for (size_t i = 0; i < l.n; i++) {
		char obj[4096], *slash;

		snprintf(obj, sizeof(obj), "%s", l.v[i]);
		slash = strrchr(obj, '/');
		snprintf(slash + 1, sizeof(obj) - (size_t)(slash + 1 - obj), "prog.bpf.o");
		check_log_agrees(obj, l.v[i], NULL);
		check_log_agrees(NULL, l.v[i], NULL);
		free(l.v[i]);
	}
	free(l.v);
}

/* corpus-kernels: read a verdict.json value (flat, enough for our keys) */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(1, (size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* the outcome of program `prog` ("" for the top level) in a verdict.json text */
static void outcome_of(const char *json, const char *prog, char *out, size_t n)
{
	const char *s = json;

	out[0] = '\0';
	if (prog && *prog) {
		char key[256];

		snprintf(key, sizeof(key), "\"prog\": \"%s\"", prog);
		s = strstr(json, "\"programs\"");
		s = s ? strstr(s, key) : NULL;
		if (!s)
			return;
	}
	s = strstr(s, "\"outcome\": \"");
	if (s)
		sscanf(s + 12, "%63[a-z]", out);
}

static void check_kernel_dir(const char *kdir, const char *kver)
{
	const char *root = corpus_root();
	DIR *d = opendir(kdir);
	struct dirent *e;
	unsigned checked = 0;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[4096], obj[4096], *json;
		struct model *om;

		if (e->d_name[0] == '.' || !strcmp(e->d_name, "kernel.json"))
			continue;
		snprintf(path, sizeof(path), "%s/%s/verdict.json", kdir, e->d_name);
		json = slurp(path);
		if (!json)
			continue;
		snprintf(obj, sizeof(obj), "%s/corpus/%s/prog.bpf.o", root, e->d_name);
		om = load2(obj, NULL, kver);
		if (!om) {
			free(json);
			continue;
		}
		for (uint32_t i = 0; i < om->progs.n; i++) {
			const char *pname = strtab_get(&om->str, model_prog(om, i)->name);
			char outcome[64], log[4096];
			struct sleep_finding f[16];
			struct sleep_rules r;
			struct model *lm;
			int nf, want_kind;
			bool sleep_pred = false, found = false;
			uint32_t einsn;

			outcome_of(json, om->progs.n > 1 ? pname : NULL, outcome, sizeof(outcome));
			if (strcmp(outcome, "loaded") && strcmp(outcome, "rejected"))
				continue; /* failed before the verifier: nothing to predict */
			sleep_rules_parse(kver, &r);
			nf = sleep_predict(om, i, &r, f, 16);
			assert_true(nf >= 0);
			for (int k = 0; k < nf && k < 16; k++)
				sleep_pred = true;
			if (!strcmp(outcome, "loaded")) {
				if (sleep_pred)
					print_error("%s %s/%s: loaded, but predicted %s at insn %d\n",
						    kver, e->d_name, pname, sleep_kind_name(f[0].kind),
						    (int)f[0].insn);
				assert_false(sleep_pred);
				checked++;
				continue;
			}
			/* rejected: the log's error, when ours, must be among the predictions */
			if (i == 0)
				snprintf(log, sizeof(log), "%s/%s/log2.txt", kdir, e->d_name);
			else
				snprintf(log, sizeof(log), "%s/%s/log2.%s.txt", kdir, e->d_name, pname);
			{
				struct stat st;

				if (stat(log, &st) || !st.st_size)
					continue; /* only a capped or compressed log */
			}
			lm = load2(NULL, log, kver);
			if (!lm)
				continue;
			{
				char *err = program_error_text(lm, model_prog(lm, 0));

				want_kind = sleep_classify_error(err);
				einsn = model_prog(lm, 0)->error_insn;
				free(err);
			}
			load_free(lm);
			if (want_kind == SK_NONE) {
				checked++; /* not ours (func_info, mem access, E2BIG, ...) */
				continue;
			}
			for (int k = 0; k < nf && k < 16; k++)
				if (f[k].kind == want_kind &&
				    (f[k].insn == IDX_NONE || einsn == IDX_NONE || f[k].insn == einsn))
					found = true;
			if (!found)
				print_error("%s %s/%s: kernel said %s at insn %d; predicted %d findings "
					    "(first %s at %d)\n",
					    kver, e->d_name, pname, sleep_kind_name(want_kind), (int)einsn,
					    nf, nf ? sleep_kind_name(f[0].kind) : "-",
					    nf ? (int)f[0].insn : -1);
			assert_true(found);
			checked++;
		}
		load_free(om);
		free(json);
	}
	closedir(d);
	assert_true(checked > 5);
}

static void test_kernels_predict(void **state)
{
	static const struct {
		const char *dir, *ver;
	} kernels[] = {
		{ "5.10.0-32-amd64", "5.10" },	   { "6.1.0-56-amd64", "6.1" },
		{ "6.12.117+deb13-amd64", "6.12" }, { "6.17.13+deb13-amd64", "6.17" },
		{ "7.3.4+deb13-amd64", "7.3" },
	};
	const char *root = corpus_root();
	char dir[4096];

	(void)state;
	if (!root)
		SKIP_NO_SHARED();
	for (size_t k = 0; k < sizeof(kernels) / sizeof(kernels[0]); k++) {
		snprintf(dir, sizeof(dir), "%s/corpus-kernels/%s", root, kernels[k].dir);
		check_kernel_dir(dir, kernels[k].ver);
	}
	/* and the 6.18 reference, by default rules */
	snprintf(dir, sizeof(dir), "%s/corpus", root);
}

/* every corpus-kernels log, replayed with its dialect's rules: violations == sleep error */
static void test_kernels_logs(void **state)
{
	const char *root = corpus_root();
	struct file_list l = { 0 };
	char dir[4096];

	(void)state;
	if (!root)
		SKIP_NO_SHARED();
	snprintf(dir, sizeof(dir), "%s/corpus-kernels", root);
	file_list_walk(&l, dir, want_log2);
	for (size_t i = 0; i < l.n; i++) {
		char obj[4096], scen[512], kernel[32], *s;
		struct stat st;

		/* .../corpus-kernels/<kernel>/<scenario>/logX.txt */
		snprintf(scen, sizeof(scen), "%s", l.v[i]);
		s = strrchr(scen, '/');
		*s = '\0';
		s = strrchr(scen, '/');
		snprintf(obj, sizeof(obj), "%s/corpus/%s/prog.bpf.o", root, s + 1);
		/*
		 * a level-1 log does not tell its kernel (the analysis takes 6.18's
		 * rules and says so when the object contradicts the log): give it, as
		 * that warning asks, from the directory ("6.1.0-56-amd64" -> "6.1")
		 */
		kernel[0] = '\0';
		if (strstr(strrchr(l.v[i], '/'), "log1")) {
			const char *kd = strrchr(scen, '/');

			while (kd > scen && kd[-1] != '/')
				kd--;
			snprintf(kernel, sizeof(kernel), "%.*s", (int)strspn(kd, "0123456789."), kd);
			if (strchr(kernel, '.') != strrchr(kernel, '.'))
				*strrchr(kernel, '.') = '\0'; /* X.Y.Z -> X.Y */
		}
		if (!stat(l.v[i], &st) && st.st_size > 0 && !strstr(l.v[i], "kfunc_proto") &&
		    !strstr(l.v[i], "capped") && !stat(obj, &st))
			check_log_agrees(obj, l.v[i], kernel[0] ? kernel : NULL);
		free(l.v[i]);
	}
	free(l.v);
}

static void test_rules_parse(void **state)
{
	struct sleep_rules r;

	(void)state;
	assert_int_equal(sleep_rules_parse("6.18", &r), 0);
	assert_true(r.timer_fix);
	assert_int_equal(sleep_rules_parse("6.18.1", &r), 0);
	assert_false(r.timer_fix);
	assert_int_equal(sleep_rules_parse("6.17", &r), 0);
	assert_false(r.timer_fix);
	assert_int_equal(sleep_rules_parse("7.3", &r), 0);
	assert_true(r.timer_fix);
	assert_int_equal(sleep_rules_parse("x", &r), -EINVAL);
	assert_int_equal(sleep_rules_parse("6", &r), -EINVAL);
	assert_int_equal(sleep_classify_error("helper call might sleep in a non-sleepable prog"),
			 SK_HELPER_NONSLEEP);
	assert_int_equal(
		sleep_classify_error("sleepable global function f() called in rcu_read_lock region"),
		SK_GLOBAL_SLEEP);
	assert_int_equal(sleep_classify_error("kernel func bpf_copy_from_user_str is sleepable "
					      "within rcu_read_lock region"),
			 SK_KFUNC_RCU);
	assert_int_equal(sleep_classify_error("unknown func bpf_copy_from_user#148"),
			 SK_HELPER_UNAVAILABLE);
	assert_int_equal(sleep_classify_error("R0 invalid mem access 'map_value_or_null'"), SK_NONE);
}

/* the one table: callbacks, sections, regions */
static void test_table_rows(void **state)
{
	const struct sleep_cb *cb = sleep_cb_lookup("bpf_timer_set_callback");
	const struct sleep_region_op *o;
	struct sleep_rules r;

	(void)state;
	assert_non_null(cb);
	assert_int_equal(cb->kind, SLEEP_CB_ASYNC);
	assert_int_equal(cb->async, SLEEP_ASYNC_TIMER);
	assert_int_equal(sleep_cb_lookup("bpf_task_work_schedule_signal_impl")->arg_reg, 4);
	assert_null(sleep_cb_lookup("bpf_map_lookup_elem"));
	assert_true(sleep_section_lookup("?lsm.s/file_open")->sleepable);
	assert_null(sleep_section_lookup("tc"));
	o = sleep_region_op_lookup("bpf_res_spin_lock_irqsave");
	assert_non_null(o);
	assert_int_equal(o->region, REGION_LOCK);
	assert_int_equal(o->region2, REGION_IRQ);
	/* a timer callback: the program's flag up to 6.18.1, never from 6.18.2 */
	assert_int_equal(sleep_rules_parse("6.17", &r), 0);
	assert_int_equal(sleep_cb_context(&r, "bpf_timer_set_callback", 1, 1), 1);
	assert_int_equal(sleep_rules_parse("6.18.1", &r), 0);
	assert_int_equal(sleep_cb_context(&r, "bpf_timer_set_callback", 1, 1), 1);
	assert_int_equal(sleep_rules_parse("6.18", &r), 0);
	assert_int_equal(sleep_cb_context(&r, "bpf_timer_set_callback", 1, 1), 0);
	assert_int_equal(sleep_cb_context(&r, "bpf_wq_set_callback_impl", 0, 0), 1);
	assert_int_equal(sleep_cb_context(&r, "bpf_loop", 1, 0), 0);
	/* the message rows */
	{
		char buf[256];

		assert_int_equal(sleep_rules_parse("7.3", &r), 0);
		sleep_rule_message(&r, SF_MSG_HELPER_NONSLEEP, "bpf_copy_from_user", 148,
				   "non-sleepable prog", NULL, buf, sizeof(buf));
		assert_string_equal(buf, "sleepable helper bpf_copy_from_user#148 in non-sleepable prog");
		assert_int_equal(sleep_rules_parse("6.18", &r), 0);
		sleep_rule_message(&r, SF_MSG_HELPER_NONSLEEP, "bpf_copy_from_user", 148, NULL, NULL,
				   buf, sizeof(buf));
		assert_string_equal(buf, "helper call might sleep in a non-sleepable prog");
		sleep_rule_message(&r, SF_MSG_HELPER_UNAVAILABLE, "x", 7, NULL, NULL, buf, 12);
		assert_string_equal(buf, "program of ");
	}
}

/* `veristep rules` into a string */
static char *rules_text(const char *kernel, bool json)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(rules_print(f, kernel, json), 0);
	fclose(f);
	return buf;
}

static const cJSON *rule_row(const cJSON *j, const char *id)
{
	const cJSON *r;

	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(j, "rules"))
		if (!strcmp(cJSON_GetObjectItemCaseSensitive(r, "id")->valuestring, id))
			return r;
	fail_msg("no rule %s", id);
	return NULL;
}

/* the matrix cell of rule id in the column of releases `col` */
static const cJSON *matrix_cell(const cJSON *j, const char *id, const char *col)
{
	const cJSON *c;
	int k = 0;

	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(j, "columns")) {
		if (!strcmp(cJSON_GetObjectItemCaseSensitive(c, "releases")->valuestring, col))
			return cJSON_GetArrayItem(
				cJSON_GetObjectItemCaseSensitive(rule_row(j, id), "cells"), k);
		k++;
	}
	fail_msg("no column %s", col);
	return NULL;
}

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : "(null)";
}

static void test_rules_matrix(void **state)
{
	char *t = rules_text(NULL, true), *a, *b;
	cJSON *j = cJSON_Parse(t), *ja, *jb;
	const cJSON *r;
	int differ = 0;

	(void)state;
	assert_non_null(j);
	/* a sleepable program's timer callback: the program's flag up to 6.17, never from 6.18 */
	assert_string_equal(str_of(matrix_cell(j, "timer_cb", "6.15-6.17"), "value"), "prog flag");
	assert_string_equal(str_of(matrix_cell(j, "timer_cb", "6.18.2-6.19"), "value"), "never");
	assert_string_equal(str_of(matrix_cell(j, "timer_cb", "6.18.2-6.19"), "commit"),
			    "469d638d1520");
	/* a global that may sleep: refused in a non-sleepable context from 6.15 */
	assert_string_equal(str_of(matrix_cell(j, "global_might_sleep", "6.14"), "value"),
			    "no check");
	assert_string_equal(str_of(matrix_cell(j, "global_might_sleep", "6.15-6.17"), "value"),
			    "refused");
	assert_string_equal(str_of(matrix_cell(j, "global_might_sleep", "6.15-6.17"), "commit"),
			    "e2d8f560d178");
	cJSON_Delete(j);
	free(t);
	t = rules_text(NULL, false);
	assert_non_null(strstr(t, "469d638d1520"));
	assert_non_null(strstr(t, "bpf_timer callback"));
	free(t);

	/* --kernel 6.17 and 6.18: the timer callback row differs (and task_work, new in 6.18) */
	a = rules_text("6.17", true);
	b = rules_text("6.18", true);
	ja = cJSON_Parse(a);
	jb = cJSON_Parse(b);
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(ja, "rules")) {
		const char *id = str_of(r, "id");
		const cJSON *ea = cJSON_GetObjectItemCaseSensitive(r, "in_force");
		const cJSON *eb = cJSON_GetObjectItemCaseSensitive(rule_row(jb, id), "in_force");

		if (strcmp(str_of(ea, "words"), str_of(eb, "words"))) {
			differ++;
			if (strcmp(id, "timer_cb") && strcmp(id, "task_work_cb"))
				fail_msg("6.17 and 6.18 differ in %s", id);
		}
	}
	assert_int_equal(differ, 2);
	assert_string_equal(str_of(cJSON_GetObjectItemCaseSensitive(rule_row(jb, "timer_cb"),
								    "in_force"),
				   "cell"),
			    "never");
	assert_string_equal(str_of(cJSON_GetObjectItemCaseSensitive(rule_row(ja, "timer_cb"),
								    "in_force"),
				   "cell"),
			    "prog flag");
	cJSON_Delete(ja);
	cJSON_Delete(jb);
	free(a);
	free(b);
}

/* the seed sample under 6.17 rules: the timer callback's context, from the log and the object */
static void seed_under_617(int *ctx_at_error, int *predicted_sleep_refusals)
{
	struct model *m = load2("samples/timer_global_rej.bpf.o", "samples/timer_global_rej.log2",
				"6.17");
	const struct program *p;
	struct sleep_finding f[16];
	struct sleep_rules r;
	int n, i;

	assert_non_null(m);
	p = model_prog(m, 0);
	assert_true(p->error_step != IDX_NONE);
	assert_non_null(sleep_step_context(p, p->error_step));
	*ctx_at_error = sleep_step_context(p, p->error_step)->sleepable;
	assert_int_equal(sleep_rules_parse("6.17", &r), 0);
	n = sleep_predict(m, 0, &r, f, 16);
	assert_true(n >= 0);
	*predicted_sleep_refusals = 0;
	for (i = 0; i < n && i < 16; i++)
		*predicted_sleep_refusals += f[i].kind == SK_GLOBAL_SLEEP;
	load_free(m);
}

/* a fixture table with one row changed: `rules` and the analysis both move */
static void test_rules_fixture_table(void **state)
{
	const struct sleep_table *bt = sleep_table_builtin();
	static struct sleep_rule_info rows[SF__COUNT];
	struct sleep_table fx = *bt;
	struct sleep_era *never = NULL;
	int ctx, refusals;
	char *t;
	cJSON *j;
	uint8_t k;

	(void)state;
	seed_under_617(&ctx, &refusals);
	assert_int_equal(ctx, 1); /* 6.17: the timer callback took the program's flag */
	assert_int_equal(refusals, 0);

	/* the fixture: timer callbacks never sleepable from 6.17 on */
	memcpy(rows, bt->rules, sizeof(rows));
	for (k = 0; k < rows[SF_TIMER_CB].neras; k++)
		if (rows[SF_TIMER_CB].eras[k].value == 2)
			never = &rows[SF_TIMER_CB].eras[k];
	assert_non_null(never);
	never->since = KV(6, 17);
	never->patch = 0;
	fx.rules = rows;
	sleep_table_use(&fx);

	t = rules_text("6.17", true);
	j = cJSON_Parse(t);
	assert_string_equal(str_of(cJSON_GetObjectItemCaseSensitive(rule_row(j, "timer_cb"),
								    "in_force"),
				   "cell"),
			    "never");
	cJSON_Delete(j);
	free(t);
	t = rules_text(NULL, true);
	j = cJSON_Parse(t);
	assert_string_equal(str_of(matrix_cell(j, "timer_cb", "6.17"), "value"), "never");
	cJSON_Delete(j);
	free(t);
	seed_under_617(&ctx, &refusals);
	sleep_table_use(NULL);
	assert_int_equal(ctx, 0); /* the log's replay moved */
	assert_int_equal(refusals, 1); /* and the object's prediction */
}

/*
 * The predictions come in the verifier's order: the first is where the load
 * stops. tc_reader calls a global that sleeps: from 6.8 the main program is
 * verified first (the call refused at insn 1, as the 6.18 log says), the
 * global after it; with lazy globals off (a fixture row) the global first.
 */
static void test_predictions_verifier_order(void **state)
{
	const struct sleep_table *bt = sleep_table_builtin();
	static struct sleep_rule_info rows[SF__COUNT];
	struct sleep_table fx = *bt;
	struct sleep_finding f[16];
	struct sleep_rules r;
	struct model *m;
	char obj[4200];
	uint8_t k;
	int n;

	(void)state;
	if (!corpus_root())
		SKIP_NO_SHARED();
	snprintf(obj, sizeof(obj), "%s/corpus/struct_multi_prog/prog.bpf.o", corpus_root());
	if (access(obj, R_OK))
		SKIP_BECAUSE("corpus/struct_multi_prog is absent");
	m = load2(obj, NULL, NULL);
	assert_non_null(m);
	assert_string_equal(strtab_get(&m->str, model_prog(m, 2)->name), "tc_reader");
	assert_int_equal(sleep_rules_parse("6.18", &r), 0);
	n = sleep_predict(m, 2, &r, f, 16);
	assert_int_equal(n, 2);
	assert_int_equal(f[0].insn, 1);
	assert_int_equal(f[0].root, UNIT_MAIN);
	assert_int_equal(f[1].insn, 7);
	assert_int_equal(f[1].root, UNIT_GLOBAL);

	memcpy(rows, bt->rules, sizeof(rows));
	for (k = 0; k < rows[SF_LAZY_GLOBALS].neras; k++)
		rows[SF_LAZY_GLOBALS].eras[k].value = 0;
	fx.rules = rows;
	sleep_table_use(&fx);
	n = sleep_predict(m, 2, &r, f, 16);
	sleep_table_use(NULL);
	assert_int_equal(n, 2);
	assert_int_equal(f[0].root, UNIT_GLOBAL); /* globals first, as before 6.8 */
	assert_int_equal(f[0].insn, 7);
	assert_int_equal(f[1].insn, 1);
	load_free(m);
}

/* struct_ops members: which may be sleepable, per type and release; the kernel's refusal */
static void test_struct_ops_members(void **state)
{
	const struct sleep_table *bt = sleep_table_builtin();
	struct sleep_table fx = *bt;
	static struct sleep_st_member rows[64];
	struct sleep_rules r611, r612, r66;
	const char *st;
	char list[256];
	size_t i;

	(void)state;
	assert_int_equal(sleep_rules_parse("6.11", &r611), 0);
	assert_int_equal(sleep_rules_parse("6.12", &r612), 0);
	assert_int_equal(sleep_rules_parse("6.6", &r66), 0);
	assert_int_equal(sleep_struct_ops_member(NULL, "hid_device_event", &r612, &st), 0);
	assert_string_equal(st, "hid_bpf_ops");
	assert_int_equal(sleep_struct_ops_member(NULL, "hid_rdesc_fixup", &r612, &st), 1);
	assert_int_equal(sleep_struct_ops_member("hid_bpf_ops", "hid_hw_request", &r611, &st), 1);
	/* hid_driver_probe came in 6.12: before, it is any other member (not sleepable) */
	assert_int_equal(sleep_struct_ops_member(NULL, "hid_driver_probe", &r611, &st), 0);
	assert_int_equal(sleep_struct_ops_member(NULL, "hid_driver_probe", &r612, &st), 1);
	/* no hid_bpf_ops before 6.11 */
	assert_int_equal(sleep_struct_ops_member(NULL, "hid_device_event", &r66, &st), -1);
	assert_int_equal(sleep_struct_ops_member(NULL, "init_task", &r612, &st), 1);
	assert_string_equal(st, "sched_ext_ops");
	assert_int_equal(sleep_struct_ops_member(NULL, "enqueue", &r612, &st), 0);
	assert_int_equal(sleep_struct_ops_member("sched_ext_ops", "tick", &r612, &st), 0);
	assert_int_equal(sleep_struct_ops_member(NULL, "ssthresh", &r66, &st), 1);
	assert_string_equal(st, "tcp_congestion_ops");
	assert_int_equal(sleep_struct_ops_member("tcp_congestion_ops", "get_info", &r612, &st), 0);
	assert_int_equal(sleep_struct_ops_member(NULL, "no_such_member", &r612, &st), -1);
	assert_null(st);
	sleep_struct_ops_sleepable_list("hid_bpf_ops", &r611, list, sizeof(list));
	assert_string_equal(list, "hid_rdesc_fixup, hid_hw_request, hid_hw_output_report");
	assert_int_equal(sleep_classify_error("attach to unsupported member hid_device_event of "
					      "struct hid_bpf_ops"),
			 SK_STRUCT_OPS_MEMBER);

	/* a fixture row: hid_device_event made sleepable, and the lookup follows the table */
	assert_true(bt->nmembers <= 64);
	memcpy(rows, bt->members, bt->nmembers * sizeof(*rows));
	for (i = 0; i < bt->nmembers; i++)
		if (!strcmp(rows[i].member, "hid_device_event"))
			rows[i].flags = SMF_SLEEPABLE;
	fx.members = rows;
	sleep_table_use(&fx);
	assert_int_equal(sleep_struct_ops_member(NULL, "hid_device_event", &r612, &st), 1);
	sleep_table_use(NULL);
	assert_int_equal(sleep_struct_ops_member(NULL, "hid_device_event", &r612, &st), 0);
}

/* the refusal and the predictions are stored once, as data */
static void test_findings_stored(void **state)
{
	struct model *m = load2("samples/timer_global_rej.bpf.o", "samples/timer_global_rej.log2",
				NULL);
	const struct program *p;
	const struct sleep_finding *f, *pr;
	uint32_t n, k;
	bool timer_hop = false;

	(void)state;
	assert_non_null(m);
	p = model_prog(m, 0);
	f = sleep_program_finding(p, false);
	assert_non_null(f);
	assert_int_equal(program_cold(p)->error_finding,
			 (uint32_t)(f - program_cold(p)->findings.v));
	assert_int_equal(f->kind, SK_GLOBAL_SLEEP);
	assert_int_equal(f->insn, step_insn(p, p->error_step));
	assert_non_null(program_subprog_by_id(p, f->callee));
	assert_int_equal(program_subprog_by_id(p, f->callee)->linkage, LINKAGE_GLOBAL);
	for (k = 0; k < f->nhops; k++)
		timer_hop |= f->hops[k].kind == EDGE_ASYNC_CALLBACK && f->hops[k].sleepable == 0;
	assert_true(timer_hop);
	/* the events are data; their sentence is the formatter's */
	{
		bool entry = false, refusal = false;
		char buf[1600];

		for (k = 0; k < program_cold(p)->sleep_events.n; k++) {
			const struct sleep_event *e = &program_cold(p)->sleep_events.v[k];

			sleep_event_format(m, p, e, buf, sizeof(buf));
			assert_string_equal(buf, strtab_get(&m->str, e->reason));
			if (e->cause == SEVC_ASYNC_ENTRY && e->event == SEV_LOST) {
				entry = true;
				assert_true(e->callee != IDX_NONE && e->at != IDX_NONE);
				assert_string_equal(strtab_get(&m->str, e->call),
						    "bpf_timer_set_callback");
			}
			if (e->cause == SEVC_REFUSAL) {
				refusal = true;
				assert_int_equal(e->finding, program_cold(p)->error_finding);
				assert_int_equal(e->kind, SK_GLOBAL_SLEEP);
			}
		}
		assert_true(entry && refusal);
	}
	pr = sleep_predictions(p, &n);
	assert_true(n >= 1);
	assert_int_equal(pr[0].kind, SK_GLOBAL_SLEEP);
	assert_int_equal(pr[0].insn, f->insn);
	load_free(m);
}

/* every wording of every kernel is classified from the table's message rows */
static void test_classify_wordings(void **state)
{
	static const struct {
		const char *msg;
		enum sleep_kind kind;
	} words[] = {
		{ "helper call might sleep in a non-sleepable prog", SK_HELPER_NONSLEEP },
		{ "sleepable helper bpf_copy_from_user#148 in non-sleepable prog", SK_HELPER_NONSLEEP },
		{ "sleepable helper bpf_copy_from_user#148 in rcu_read_lock region", SK_HELPER_RCU },
		{ "sleepable helper bpf_copy_from_user#148 in non-preemptible region", SK_HELPER_PREEMPT },
		{ "sleepable helper bpf_copy_from_user#148 in IRQ-disabled region", SK_HELPER_IRQ },
		{ "sleepable helper bpf_copy_from_user#148 in lock region", SK_CALL_LOCK },
		{ "program must be sleepable to call sleepable kfunc bpf_copy_from_user_str",
		  SK_KFUNC_NONSLEEP },
		{ "kernel function bpf_lookup_user_key is sleepable but the program is not",
		  SK_KFUNC_NONSLEEP },
		{ "kernel func bpf_copy_from_user_str is sleepable within rcu_read_lock region",
		  SK_KFUNC_RCU },
		{ "kernel func bpf_copy_from_user_str is sleepable within non-preemptible region",
		  SK_KFUNC_PREEMPT },
		{ "kernel func bpf_copy_from_user_str is sleepable within IRQ-disabled region",
		  SK_KFUNC_IRQ },
		{ "kernel func bpf_copy_from_user_str is sleepable within non-sleepable prog",
		  SK_KFUNC_NONSLEEP },
		{ "global functions that may sleep are not allowed in non-sleepable context, i.e., "
		  "in a RCU/IRQ/preempt-disabled section, or in a non-sleepable BPF program context",
		  SK_GLOBAL_SLEEP },
		{ "global functions that may sleep are not allowed in non-sleepable context,",
		  SK_GLOBAL_SLEEP },
		{ "sleepable global function read_user() called in non-sleepable prog",
		  SK_GLOBAL_SLEEP },
		{ "sleepable global function read_user() called in lock region", SK_GLOBAL_LOCK },
		{ "global function calls are not allowed while holding a lock, use static function "
		  "instead",
		  SK_GLOBAL_LOCK },
		{ "global function calls are not allowed with preemption disabled, use static "
		  "function instead",
		  SK_GLOBAL_PREEMPT },
		{ "global function calls are not allowed with IRQs disabled, use static function "
		  "instead",
		  SK_GLOBAL_IRQ },
		{ "function calls are not allowed while holding a lock", SK_CALL_LOCK },
		{ "Only fentry/fexit/fmod_ret and lsm programs can be sleepable",
		  SK_PROG_NOT_SLEEPABLE },
		{ "Only fentry/fexit/fmod_ret, lsm, iter, uprobe, and struct_ops programs can be "
		  "sleepable",
		  SK_PROG_NOT_SLEEPABLE },
		{ "Program of this type cannot be sleepable", SK_PROG_NOT_SLEEPABLE },
		{ "Syscall programs can only be sleepable", SK_PROG_NOT_SLEEPABLE },
		{ "unknown func bpf_copy_from_user#148", SK_HELPER_UNAVAILABLE },
		{ "program of this type cannot use helper bpf_copy_from_user#148",
		  SK_HELPER_UNAVAILABLE },
		{ "BPF_EXIT instruction in main prog cannot be used inside bpf_rcu_read_lock-ed region",
		  SK_EXIT_REGION },
		{ "BPF_EXIT instruction in main prog cannot be used inside bpf_spin_lock-ed region",
		  SK_EXIT_REGION },
		{ "tracing progs cannot use bpf_timer yet", SK_TRACING_ASYNC },
		{ "R1 type=scalar expected=fp", SK_NONE },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (sleep_classify_error(words[i].msg) != words[i].kind)
			fail_msg("'%s': %s, want %s", words[i].msg,
				 sleep_kind_name(sleep_classify_error(words[i].msg)),
				 sleep_kind_name(words[i].kind));
}

static void test_explain_step(void **state)
{
	const char *root = corpus_root();
	char obj[4096], log[4096], buf[8192];
	struct model *m;
	const struct program *p;

	(void)state;
	if (!root)
		SKIP_NO_SHARED();
	snprintf(obj, sizeof(obj), "%s/corpus/async_timer_cb_global_rej/prog.bpf.o", root);
	snprintf(log, sizeof(log), "%s/corpus/async_timer_cb_global_rej/log2.txt", root);
	m = load2(obj, log, NULL);
	assert_non_null(m);
	p = model_prog(m, 0);
	assert_true(sleep_explain_step(m, p, p->error_step, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "bpf_timer callbacks run in softirq"));
	assert_non_null(strstr(buf, "Ways out"));
	/* the step before the error sits in the timer callback: non-sleepable since entry */
	assert_true(sleep_explain_step(m, p, p->error_step - 1, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "NON-SLEEPABLE"));
	assert_non_null(strstr(buf, "bpf_timer callback"));
	/* and step 0 of main: sleepable from the program's flag */
	assert_true(sleep_explain_step(m, p, 0, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "SLEEPABLE"));
	load_free(m);

	/* a non-sleep error names the register */
	snprintf(obj, sizeof(obj), "%s/corpus/reject_invalid_mem_access/prog.bpf.o", root);
	snprintf(log, sizeof(log), "%s/corpus/reject_invalid_mem_access/log2.txt", root);
	m = load2(obj, log, NULL);
	assert_non_null(m);
	p = model_prog(m, 0);
	assert_true(sleep_explain_step(m, p, p->error_step, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "the register: R0 = map_value_or_null"));
	load_free(m);
}

/* issue 14.2: an exit with a region open (opened in a static subprog) is predicted */
static void test_exit_region_predicted(void **state)
{
	struct model *m = load2("samples/exit_rcu_region_rej.bpf.o",
				"samples/exit_rcu_region_rej.log2", NULL);
	const struct program *p;
	struct sleep_finding f[16];
	struct sleep_rules r;
	char msg[256], *err, buf[8192];
	int n, i, hit = -1;

	(void)state;
	assert_non_null(m);
	p = model_prog(m, 0);
	assert_int_equal(sleep_rules_parse("6.18", &r), 0);
	n = sleep_predict(m, 0, &r, f, 16);
	for (i = 0; i < n && i < 16; i++)
		if (f[i].kind == SK_EXIT_REGION)
			hit = i;
	assert_true(hit >= 0);
	assert_int_equal(f[hit].insn, 3);	   /* main's exit, not the subprog's */
	assert_int_equal(f[hit].region_insn, 5); /* bpf_rcu_read_lock in read_parent */
	/* the message is the kernel's own */
	err = program_error_text(m, p);
	assert_non_null(err);
	sleep_finding_message(m, p, &r, &f[hit], msg, sizeof(msg));
	assert_string_equal(msg, err);
	free(err);
	/* log and object agree: no "the kernel's rules differ" warning */
	for (i = 0; i < (int)m->warnings.n; i++)
		assert_null(strstr(strtab_get(&m->str, m->warnings.v[i]), "rules differ"));
	/* the explanation talks of an exit and of closing the section */
	assert_true(sleep_explain_step(m, p, p->error_step, buf, sizeof(buf)) > 0);
	assert_null(strstr(buf, "calls ?"));
	assert_null(strstr(buf, "move the call"));
	assert_non_null(strstr(buf, "reaches exit"));
	assert_non_null(strstr(buf, "bpf_rcu_read_unlock()"));
	load_free(m);
}

/*
 * issue 21.2: "may sleep" flows up calls and sync callbacks, not up an async
 * callback edge; a global keeps the kernel's summary, which does
 */
static void test_may_sleep_async_edge(void **state)
{
	static const struct {
		const char *sample, *sub;
		int ms;
	} ms_cases[] = {
		{ "wq_from_tc_ok", "wq_from_tc", 0 },	    /* arms a sleeping wq callback */
		{ "wq_from_tc_ok", "fetch_later", 1 },
		{ "timer_then_wq_ok", "on_timer", 0 },	    /* arms a wq from a timer callback */
		{ "arm_wq_global_tc_rej", "arm_from_tc", 0 }, /* calls a global that arms one */
		{ "arm_wq_global_tc_rej", "arm_fetch", 1 },   /* the kernel's summary: refused */
		{ "loop_syscall_ok", "loop_syscall", 1 },     /* a sync callback that sleeps */
	};
	char obj[256], log[256];

	(void)state;
	for (size_t c = 0; c < sizeof(ms_cases) / sizeof(ms_cases[0]); c++) {
		struct model *m;
		const struct subprog *s;

		snprintf(obj, sizeof(obj), "samples/%s.bpf.o", ms_cases[c].sample);
		snprintf(log, sizeof(log), "samples/%s.log2", ms_cases[c].sample);
		m = load2(obj, log, NULL);
		assert_non_null(m);
		s = sub_named(m, model_prog(m, 0), ms_cases[c].sub);
		assert_non_null(s);
		if (s->might_sleep != ms_cases[c].ms)
			fail_msg("%s: %s might_sleep %d, want %d", ms_cases[c].sample, ms_cases[c].sub,
				 s->might_sleep, ms_cases[c].ms);
		if (!strcmp(ms_cases[c].sample, "arm_wq_global_tc_rej") && !ms_cases[c].ms) {
			const struct program *p = model_prog(m, 0);
			char buf[8192];

			/* the refusal says why a global that sleeps nowhere is refused */
			assert_true(sleep_explain_step(m, p, p->error_step, buf, sizeof(buf)) > 0);
			assert_non_null(strstr(buf, "Nothing sleeps in arm_fetch's own context"));
		}
		load_free(m);
	}
}

/* issue 14.8: each "Ways out" line checked against the program type and the rules */
static void test_ways_out(void **state)
{
	static const struct {
		const char *obj, *log; /* under samples/, or corpus/ when log is NULL */
		const char *want, *not1, *not2;
	} wc[] = {
		/* a global that sleeps in its own body, from tc: static would sleep too */
		{ "global_sleep_tc_rej", "", "making read_user static does not help",
		  "make the function static", "load the program sleepable" },
		/* a global that only arms a sleeping wq: static is the fix */
		{ "arm_wq_global_tc_rej", "", "make arm_fetch static", "does not help", NULL },
		/* a global validated alone, only called from a wq callback: static is the fix */
		{ "global_from_wq_tc_rej", "", "make copy_later static",
		  "move the sleeping call into", "load the program sleepable" },
		/* a socket filter cannot be sleepable */
		{ "kfunc_in_socket_rej", "", "cannot be loaded sleepable",
		  "load the program sleepable", NULL },
		/* bpf_wq itself is refused in a kprobe: no wq callback can help */
		{ "async_wq_from_kprobe_rej", NULL, "another program type", "callback", NULL },
	};
	const char *root = corpus_root();
	char obj[4096], log[4096], buf[8192];

	(void)state;
	for (size_t c = 0; c < sizeof(wc) / sizeof(wc[0]); c++) {
		struct model *m;
		const struct program *p;
		const char *wo;

		if (wc[c].log) {
			snprintf(obj, sizeof(obj), "samples/%s.bpf.o", wc[c].obj);
			snprintf(log, sizeof(log), "samples/%s.log2", wc[c].obj);
		} else if (root) {
			snprintf(obj, sizeof(obj), "%s/corpus/%s/prog.bpf.o", root, wc[c].obj);
			snprintf(log, sizeof(log), "%s/corpus/%s/log2.txt", root, wc[c].obj);
		} else {
			continue; /* the corpus case; the samples above still ran */
		}
		m = load2(obj, log, NULL);
		assert_non_null(m);
		p = model_prog(m, 0);
		assert_true(sleep_explain_step(m, p, p->error_step, buf, sizeof(buf)) > 0);
		wo = strstr(buf, "Ways out:");
		if (!wo || !strstr(wo, wc[c].want) || strstr(wo, wc[c].not1) ||
		    (wc[c].not2 && strstr(wo, wc[c].not2)))
			fail_msg("%s: %s", wc[c].obj, wo ? wo : buf);
		load_free(m);
	}
}

/*
 * issue 14.3: nested bpf_res_spin_lock_irqsave pairs, released in order: the
 * res_spin_lock kfuncs are allowed under a lock, and the branch where a
 * lock attempt failed holds nothing (object and log agree: no refusal)
 */
static void test_res_lock_nested(void **state)
{
	struct model *m = load2("samples/res_lock_irqsave_nested_ok.bpf.o",
				"samples/res_lock_irqsave_nested_ok.log2", NULL);
	struct sleep_finding f[16];
	struct sleep_rules r;
	int n;

	(void)state;
	assert_non_null(m);
	assert_int_equal(sleep_rules_parse("6.18", &r), 0);
	n = sleep_predict(m, 0, &r, f, 16);
	if (n != 0)
		fail_msg("predicted %d refusals, the first %s at insn %u", n,
			 sleep_kind_name(f[0].kind), f[0].insn);
	for (uint32_t i = 0; i < m->warnings.n; i++)
		fail_msg("warning: %s", strtab_get(&m->str, m->warnings.v[i]));
	assert_true(sleep_call_allowed_under_lock("bpf_res_spin_lock_irqsave"));
	assert_false(sleep_call_allowed_under_lock("bpf_spin_lock"));
	load_free(m);
}

/* issue 14.4: a __weak kfunc the kernel lacks (`call #0` in the log) keeps the join */
static void test_weak_kfunc_join(void **state)
{
	struct model *m = load2("samples/weak_kfunc_ok.bpf.o", "samples/weak_kfunc_ok.log2", NULL);
	const struct program *p;

	(void)state;
	assert_non_null(m);
	p = model_prog(m, 0);
	assert_non_null(bpfobj_joined(m, 0));
	assert_string_equal(strtab_get(&m->str, p->name), "weak_kfunc");
	assert_int_equal(p->sleepable, 1);
	for (uint32_t i = 0; i < m->warnings.n; i++)
		fail_msg("warning: %s", strtab_get(&m->str, m->warnings.v[i]));
	load_free(m);
}

/* issue 14.10: the other rejections get a class, its rule, the values and the fixes */
static void test_reject_classes(void **state)
{
	static const struct {
		const char *msg, *id, *here;
	} rcs[] = {
		{ "the call stack of 9 frames is too deep !", "call_stack_too_deep",
		  "this call would make 9 frames." },
		{ "BPF program is too large. Processed 1000001 insn", "program_too_large",
		  "1000001 instructions were processed." },
		{ "infinite loop detected at insn 6", "infinite_loop", "the loop's head is insn 6." },
		{ "misaligned stack access off 0+-3+0 size 4", "misaligned_stack", "" },
		{ "invalid access to map value, value_size=64 off=64 size=1", "map_value_out_of_bounds",
		  "an access of 1 bytes at offset 64 into a 64-byte value." },
		{ "combined stack size of 3 calls is 544. Too large", "combined_stack_too_large",
		  "3 nested calls use 544 bytes together." },
		{ "R1 type=scalar expected=fp", NULL, NULL },
	};
	struct model *m;
	const struct program *p;
	char here[256], buf[8192];

	(void)state;
	for (size_t i = 0; i < sizeof(rcs) / sizeof(rcs[0]); i++) {
		const struct reject_class *c = reject_class_lookup(rcs[i].msg);

		if (!rcs[i].id) {
			assert_null(c);
			continue;
		}
		assert_non_null(c);
		assert_string_equal(c->id, rcs[i].id);
		reject_class_here(c, rcs[i].msg, here, sizeof(here));
		assert_string_equal(here, rcs[i].here);
	}
	/* and the explanation of a real one (the TUI's `w` and report print it) */
	m = load2("samples/map_oob_rej.bpf.o", "samples/map_oob_rej.log2", NULL);
	assert_non_null(m);
	p = model_prog(m, 0);
	assert_true(sleep_explain_step(m, p, p->error_step, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "rejection class: map value access out of bounds"));
	assert_non_null(strstr(buf, "here: an access of 1 bytes at offset 64 into a 64-byte value."));
	assert_non_null(strstr(buf, "usual fixes: test the index"));
	load_free(m);
}

/*
 * The kfunc sets per program type (issue 14.9): 6.18's registrations, and a
 * kfunc a type may not call predicted as that, not as a sleep rule.
 */
static void test_kfunc_sets(void **state)
{
	static const struct {
		const char *kfunc;
		uint32_t type;
		int allowed;
	} rows[] = {
		{ "bpf_cpumask_create", 6 /* xdp */, 0 },
		{ "bpf_cpumask_create", 31 /* syscall */, 1 },
		{ "bpf_cpumask_create", 5 /* tracepoint: the tracing hook */, 1 },
		{ "bpf_task_from_pid", 1 /* socket filter */, 0 },
		{ "bpf_task_from_pid", 3 /* tc */, 1 },
		{ "bpf_task_from_pid", 13 /* sock_ops: the cgroup hook */, 1 },
		{ "bpf_dynptr_from_skb", 1, 1 },
		{ "bpf_dynptr_from_skb", 6, 0 },
		{ "bpf_get_file_xattr", 26 /* tracing */, 0 },
		{ "bpf_get_file_xattr", 29 /* lsm */, 1 },
		{ "bpf_rcu_read_lock", 17 /* raw_tracepoint: the common set only */, 1 },
		{ "bpf_obj_new_impl", 17, 0 },
		{ "no_such_kfunc", 6, -1 },
	};
	struct sleep_finding f[4];
	struct sleep_rules r;
	struct model *m;
	char buf[8192];
	int n;

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(kfunc_allowed(rows[i].kfunc, rows[i].type), rows[i].allowed);
	m = load2("tests/fixtures/kfunc_sets/kfunc_not_allowed.bpf.o",
		  "tests/fixtures/kfunc_sets/kfunc_not_allowed.log2", NULL);
	assert_non_null(m);
	assert_int_equal(m->progs.n, 4);
	for (uint32_t pi = 0; pi < m->progs.n; pi++) {
		const struct program *p = model_prog(m, pi);
		char *err = program_error_text(m, p);

		sleep_program_rules(m, p, &r);
		n = sleep_predict(m, pi, &r, f, 4);
		if (p->verdict == VERDICT_ACCEPTED) {
			assert_int_equal(n, 0);
			free(err);
			continue;
		}
		/* the kernel's words are the prediction's, and the kind is no sleep rule */
		assert_true(n >= 1);
		assert_int_equal(f[0].kind, SK_KFUNC_NOT_ALLOWED);
		sleep_finding_message(m, p, &r, &f[0], buf, sizeof(buf));
		assert_string_equal(buf, err);
		assert_int_equal(sleep_classify_error(err), SK_KFUNC_NOT_ALLOWED);
		assert_true(sleep_explain_step(m, p, p->error_step, buf, sizeof(buf)) > 0);
		assert_non_null(strstr(buf, "Not a sleep rule: a program may call only the kfuncs"));
		free(err);
	}
	/* the table is 6.18's: another release's rules predict no set refusal */
	assert_int_equal(sleep_rules_parse("6.12", &r), 0);
	n = sleep_predict(m, 0, &r, f, 4);
	assert_true(n < 1 || f[0].kind != SK_KFUNC_NOT_ALLOWED);
	load_free(m);
}

/* the bpf_timer / bpf_wq primitives are rows of the rules, not names in the analysis */
static void test_async_prims(void **state)
{
	const struct sleep_async_prim *a;

	(void)state;
	a = sleep_async_prim_lookup("bpf_timer_cancel");
	assert_non_null(a);
	assert_string_equal(sleep_async_word(a->async), "bpf_timer");
	a = sleep_async_prim_lookup("bpf_wq_start");
	assert_non_null(a);
	assert_string_equal(sleep_async_word(a->async), "bpf_wq");
	assert_null(sleep_async_prim_lookup("bpf_timer_"));
	assert_null(sleep_async_prim_lookup("bpf_wqueue_init"));
	assert_null(sleep_async_word(SLEEP_ASYNC_NONE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_async_prims),
		cmocka_unit_test(test_kfunc_sets),
		cmocka_unit_test(test_rules_parse),
		cmocka_unit_test(test_table_rows),
		cmocka_unit_test(test_rules_matrix),
		cmocka_unit_test(test_rules_fixture_table),
		cmocka_unit_test(test_findings_stored),
		cmocka_unit_test(test_predictions_verifier_order),
		cmocka_unit_test(test_struct_ops_members),
		cmocka_unit_test(test_classify_wordings),
		cmocka_unit_test(test_corpus_cases),
		cmocka_unit_test(test_corpus_logs),
		cmocka_unit_test(test_explain_step),
		cmocka_unit_test(test_exit_region_predicted),
		cmocka_unit_test(test_may_sleep_async_edge),
		cmocka_unit_test(test_ways_out),
		cmocka_unit_test(test_res_lock_nested),
		cmocka_unit_test(test_weak_kfunc_join),
		cmocka_unit_test(test_reject_classes),
		cmocka_unit_test(test_kernels_predict),
		cmocka_unit_test(test_kernels_logs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
