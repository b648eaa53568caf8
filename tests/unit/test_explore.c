// SPDX-License-Identifier: MIT
/* test_explore.c — the exploration cursor on a hand-built model (fixture.h). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "src/explore/explore.h"
#include "tests/unit/corpus.h"
#include "tests/unit/fixture.h"
#include "src/load.h"

struct fx {
	struct model *m;
	struct explore x;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->m = fx_model();
	assert_int_equal(explore_init(&f->x, f->m, 0), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	explore_release(&f->x);
	load_free(f->m);
	free(f);
	return 0;
}

static void test_initial_and_linear(void **state)
{
	struct explore *x = &((struct fx *)*state)->x;

	assert_int_equal(explore_nsteps(x), 10);
	assert_int_equal(explore_initial_step(x), 9); /* rejected: the error step */
	assert_int_equal(explore_first(x), 0);
	assert_int_equal(x->step, 0);
	assert_int_equal(explore_prev(x), -ENOENT);
	assert_int_equal(x->step, 0);
	assert_int_equal(explore_next(x), 0);
	assert_int_equal(explore_next(x), 0);
	assert_int_equal(x->step, 2);
	assert_int_equal(explore_last(x), 0);
	assert_int_equal(x->step, 9);
	assert_int_equal(explore_next(x), -ENOENT);
	assert_int_equal(explore_goto(x, 10), -ENOENT);
	assert_int_equal(x->step, 9);
	assert_int_equal(explore_error(x), 0);
	assert_int_equal(x->step, 9);
}

static void test_paths(void **state)
{
	struct explore *x = &((struct fx *)*state)->x;

	explore_goto(x, 2);
	assert_int_equal(explore_next_path(x), 0);
	assert_int_equal(x->step, 7);
	assert_int_equal(explore_next_path(x), 0);
	assert_int_equal(x->step, 8);
	assert_int_equal(explore_next_path(x), -ENOENT);
	explore_goto(x, 9);
	assert_int_equal(explore_prev_path(x), 0); /* start of this path */
	assert_int_equal(x->step, 8);
	assert_int_equal(explore_prev_path(x), 0);
	assert_int_equal(x->step, 7);
	/* back to the branch that pushed path 1 */
	assert_int_equal(explore_back(x), 0);
	assert_int_equal(x->step, 4);
	/* path 0 was pushed by nothing */
	assert_int_equal(explore_back(x), -ENOENT);
	/* the async unit: back to the registering call */
	explore_goto(x, 9);
	assert_int_equal(explore_back(x), 0);
	assert_int_equal(x->step, 5);
}

static void test_calls(void **state)
{
	struct explore *x = &((struct fx *)*state)->x;

	explore_goto(x, 1); /* call pc+3 */
	assert_int_equal(explore_step_over(x), 0);
	assert_int_equal(x->step, 4);
	explore_goto(x, 2); /* inside the callee */
	assert_int_equal(explore_step_out(x), 0);
	assert_int_equal(x->step, 4);
	assert_int_equal(explore_step_out(x), -ENOENT); /* frame 0 */
	explore_goto(x, 0); /* not a call: plain next */
	assert_int_equal(explore_step_over(x), 0);
	assert_int_equal(x->step, 1);
	explore_goto(x, 9); /* a call that never returns */
	assert_int_equal(explore_step_over(x), -ENOENT);
	assert_int_equal(x->step, 9);
}

static void test_visits(void **state)
{
	struct explore *x = &((struct fx *)*state)->x;

	assert_int_equal(explore_ninsns(x), 9);
	assert_int_equal(explore_insn_visits(x, 4), 2);
	assert_int_equal(explore_insn_visits(x, 0), 1);
	assert_true(explore_insn_flags(x, 2) & XI_BRANCH);
	assert_true(explore_insn_flags(x, 8) & XI_ERROR);
	assert_false(explore_insn_flags(x, 0) & XI_ERROR);
	explore_goto(x, 6);
	assert_int_equal(explore_next_visit(x), 0);
	assert_int_equal(x->step, 7);
	assert_int_equal(explore_next_visit(x), 0); /* wraps */
	assert_int_equal(x->step, 6);
	assert_int_equal(explore_prev_visit(x), 0); /* wraps back */
	assert_int_equal(x->step, 7);
	assert_int_equal(explore_prev_visit(x), 0);
	assert_int_equal(x->step, 6);
	explore_goto(x, 0);
	assert_int_equal(explore_next_visit(x), -ENOENT); /* one visit */
	assert_int_equal(explore_goto_insn(x, 4), 0);
	assert_int_equal(x->step, 6);
	explore_goto(x, 6);
	assert_int_equal(explore_goto_insn_near(x, 4), 0);
	assert_int_equal(x->step, 7);
	assert_int_equal(explore_goto_insn(x, 3), 0);
	assert_int_equal(x->step, 5);
	assert_int_equal(explore_goto_insn(x, 100), -ENOENT);
}

/* start a search (releasing the last one) and run it to its first move */
static int search(struct explore *x, struct explore_search *s, const char *re, int dir)
{
	explore_search_release(s);
	if (explore_search_start(x, s, re, dir))
		return -1;
	return explore_search_run(x, s, 0);
}

static void test_search(void **state)
{
	struct explore *x = &((struct fx *)*state)->x;
	struct explore_search s = { 0 };

	explore_goto(x, 0);
	assert_int_equal(search(x, &s, "exit", 1), 1);
	assert_int_equal(x->step, 3);
	assert_int_equal(explore_search_run(x, &s, 0), 1);
	assert_int_equal(x->step, 6);
	/* every match is counted, and ranked */
	assert_int_equal(s.nhits, 3);
	assert_int_equal(explore_search_rank(&s, 7), 3);
	assert_int_equal(explore_search_rank(&s, 6), 2);
	assert_int_equal(explore_search_rank(&s, 3), 1);
	assert_int_equal(explore_search_rank(&s, 4), 0);
	/* register values, smartcase */
	explore_goto(x, 0);
	assert_int_equal(search(x, &s, "r0=1", 1), 1);
	assert_int_equal(x->step, 2);
	assert_int_equal(search(x, &s, "R0=1", 1), 1);
	assert_int_equal(x->step, 4);
	/* source text matches the step it comes into force at */
	assert_int_equal(search(x, &s, "timer_cb\\(map\\)", 1), 1);
	assert_int_equal(x->step, 8);
	/* backward, wrapping */
	explore_goto(x, 1);
	assert_int_equal(search(x, &s, "call", -1), 1);
	assert_int_equal(x->step, 9);
	/* extended regular expressions: classes, alternation, anchors per line */
	explore_goto(x, 0);
	assert_int_equal(search(x, &s, "r[0-9] = 7|nothing", 1), search(x, &s, "r[0-9] = 7", 1));
	assert_int_equal(search(x, &s, "^[0-9]+: \\(95\\) exit$", 1), 1);
	assert_int_equal(x->step, 3);
	/* a bad pattern says why */
	explore_search_release(&s);
	assert_int_equal(explore_search_start(x, &s, "r[0-", 1), -EINVAL);
	assert_true(strlen(explore_search_error(&s)) > 0);
	/* budget: the marking pass runs in slices, then the cursor moves */
	explore_goto(x, 0);
	explore_search_release(&s);
	assert_int_equal(explore_search_start(x, &s, "bpf_copy", 1), 0);
	while (explore_search_run(x, &s, 3) == -EAGAIN)
		assert_int_equal(x->step, 0);
	assert_int_equal(x->step, 9);
	/* not found: the cursor stays */
	assert_int_equal(search(x, &s, "nowhere", 1), 0);
	assert_int_equal(x->step, 9);
	explore_search_release(&s);
}

static void test_call_stack(void **state)
{
	struct explore *x = &((struct fx *)*state)->x;
	uint32_t sp[8], cs[8];

	explore_goto(x, 3);
	assert_int_equal(explore_call_stack(x, sp, cs, 8, 1000), 2);
	assert_int_equal(sp[0], 0);
	assert_int_equal(sp[1], 1);
	assert_int_equal(cs[1], 1);
	explore_goto(x, 5);
	assert_int_equal(explore_call_stack(x, sp, cs, 8, 1000), 1);
	assert_int_equal(sp[0], 0);
}

static void test_empty(void **state)
{
	struct model *m = model_new();
	struct explore x;

	(void)state;
	assert_int_equal(explore_init(&x, m, 0), -EINVAL);
	model_add_program(m);
	assert_int_equal(explore_init(&x, m, 0), 0);
	assert_int_equal(x.step, IDX_NONE);
	assert_int_equal(explore_next(&x), -ENOENT);
	assert_int_equal(explore_last(&x), -ENOENT);
	assert_int_equal(explore_step_over(&x), -ENOENT);
	assert_int_equal(explore_next_path(&x), -ENOENT);
	assert_int_equal(explore_goto_insn(&x, 0), -ENOENT);
	assert_int_equal(explore_initial_step(&x), IDX_NONE);
	explore_release(&x);
	load_free(m);
}

/* log*.txt (the .xz giants are for the benchmarks) */
static int is_log(const char *name)
{
	size_t n = strlen(name);

	return n > 7 && !strncmp(name, "log", 3) && !strcmp(name + n - 4, ".txt");
}

/*
 * Every corpus log: invariants of the moves. Visit lists agree with the
 * model's counts, N walks every non-empty path in order, step over and
 * step out land in a lower or equal frame of the same path, back lands
 * on a visit of the path's from-insn, search for each error line finds it.
 */
static void check_program(const struct model *m, uint32_t pi)
{
	const struct program *p = model_prog(m, pi);
	struct explore x;
	uint32_t i, k, n;

	assert_int_equal(explore_init(&x, m, pi), 0);
	n = explore_nsteps(&x);
	if (!n) {
		explore_release(&x);
		return;
	}
	for (i = 0; i < p->ninsns && p->visits; i++)
		assert_int_equal(explore_insn_visits(&x, i), p->visits[i]);
	/*
	 * a return ("from EXIT to CALLER:") continues the caller's path: no path
	 * starts at an exit, and every path is a unit's first, or was pushed by a
	 * conditional jump or a call (callbacks, iterators)
	 */
	{
		uint32_t pushers = 0;

		for (i = 0; i < p->paths.n; i++) {
			const struct insn_fact *f = program_insn(p, p->paths.v[i].from_insn);

			if (f && f->opcode == 0x95)
				fail_msg("path %u starts at the return of exit insn %u", i,
					 p->paths.v[i].from_insn);
		}
		for (k = 0; k < n; k++)
			if (step_flags(p, k) & (STEP_BRANCH | STEP_CALL))
				pushers++;
		assert_true(p->paths.n <= pushers + p->units.n);
	}
	/* N from the first step visits paths in increasing order */
	explore_first(&x);
	k = x.step;
	while (!explore_next_path(&x)) {
		assert_true(x.step > k);
		assert_int_equal(p->paths.v[step_path(p, x.step)].first_step, x.step);
		k = x.step;
	}
	for (k = 0; k < n; k += 1 + n / 500) {
		struct step s = step_at(p, k);

		explore_goto(&x, k);
		if (!explore_step_over(&x) && (s.flags & STEP_CALL)) {
			assert_true(step_frame(p, x.step) <= s.frame);
			assert_int_equal(step_path(p, x.step), step_path(p, k));
			assert_true(x.step > k);
		}
		explore_goto(&x, k);
		if (!explore_step_out(&x)) {
			assert_true(step_frame(p, x.step) < s.frame);
			assert_int_equal(step_path(p, x.step), step_path(p, k));
		}
		explore_goto(&x, k);
		if (!explore_back(&x))
			assert_true(x.step < n);
		explore_goto(&x, k);
		if (!explore_next_visit(&x))
			assert_int_equal(step_insn(p, x.step), s.insn);
	}
	/* the verifier stops at its first error: a rejected program's error is its last step */
	if (p->error_step != IDX_NONE)
		assert_int_equal(p->error_step, n - 1);
	if (p->error_step != IDX_NONE) {
		struct explore_search sr = { 0 };
		char needle[64];
		struct step e = step_at(p, p->error_step);
		uint32_t elen = step_text(m, &e).len, len = elen < 20 ? elen : 20;

		/* the error line's text, its ERE metacharacters escaped */
		for (i = 0, k = 0; i < len; i++) {
			char ch = m->log.buf[e.off + i];

			if (strchr("\\^$.|?*+()[]{}", ch))
				needle[k++] = '\\';
			needle[k++] = ch;
		}
		needle[k] = 0;
		explore_first(&x);
		if (!explore_search_start(&x, &sr, needle, -1)) {
			while (explore_search_run(&x, &sr, 1000) == -EAGAIN)
				;
			assert_true(explore_step_matches(&x, &sr, p->error_step));
		}
		explore_search_release(&sr);
	}
	explore_release(&x);
}

static void test_corpus(void **state)
{
	const char *root = corpus_root();
	struct file_list l = { 0 };
	size_t i, done = 0;

	(void)state;
	if (!root)
		SKIP_NO_SHARED();
	file_list_walk(&l, root, is_log);
	file_list_sort(&l);
	for (i = 0; i < l.n; i++) {
		struct model *m = corpus_load(l.v[i]);
		uint32_t pi;

		if (!m)
			continue;
		for (pi = 0; pi < m->progs.n; pi++)
			check_program(m, pi);
		load_free(m);
		done++;
	}
	file_list_free(&l);
	printf("# %zu corpus logs checked\n", done);
	if (!done)
		fail_msg("the corpus at %s holds no loadable log", root);
}

/* the k-th step at insn, IDX_NONE */
static uint32_t nth_step_at(const struct program *p, uint32_t insn, uint32_t nth)
{
	for (uint32_t k = 0; k < p->steps.n; k++)
		if (step_insn(p, k) == insn && !nth--)
			return k;
	return IDX_NONE;
}

/*
 * A chain of seven static subprogs (6.18): each "returning from callee: ...
 * to caller at N:" is followed by "from EXIT to N:", the state after the
 * return, not a popped branch. One path runs main -> f1 -> ... -> f7 and
 * back; the only push is f7's branch at insn 122 to 125.
 */
static void test_static_chain(void **state)
{
	const char *root = corpus_root();
	char path[4096];
	struct model *m;
	const struct program *p;
	struct explore x;
	uint32_t k;

	(void)state;
	if (!root)
		SKIP_NO_SHARED();
	snprintf(path, sizeof(path), "%s/corpus/struct_deep_static_chain_ok/log2.txt", root);
	m = corpus_load(path);
	if (!m)
		SKIP_BECAUSE("corpus/struct_deep_static_chain_ok/log2.txt is absent");
	p = model_prog(m, 0);
	assert_int_equal(p->paths.n, 2);
	assert_int_equal(p->paths.v[1].from_insn, 122);
	assert_int_equal(p->paths.v[1].to_insn, 125);
	assert_int_equal(explore_init(&x, m, 0), 0);
	/* o on main's call to f1 returns to main's exit, in the same path */
	assert_int_equal(explore_goto(&x, nth_step_at(p, 0, 0)), 0);
	assert_int_equal(explore_step_over(&x), 0);
	assert_int_equal(step_insn(p, x.step), 1);
	assert_int_equal(step_frame(p, x.step), 0);
	assert_int_equal(step_path(p, x.step), 0);
	/* u inside f7 (its first visit of insn 108) lands in f6 after the call at 101 */
	assert_int_equal(explore_goto(&x, nth_step_at(p, 108, 0)), 0);
	assert_int_equal(step_frame(p, x.step), 7);
	assert_int_equal(explore_step_out(&x), 0);
	assert_int_equal(step_insn(p, x.step), 102);
	assert_int_equal(step_frame(p, x.step), 6);
	/* u in f6 after the return goes on to f5, not "not inside a call" */
	assert_int_equal(explore_step_out(&x), 0);
	assert_int_equal(step_insn(p, x.step), 84);
	assert_int_equal(step_frame(p, x.step), 5);
	/* b in the caller after the return goes nowhere: path 0 was pushed by nothing */
	assert_int_equal(explore_back(&x), -ENOENT);
	/* b in the second path: the branch at 122, not an exit */
	k = p->paths.v[1].first_step + 1;
	assert_int_equal(explore_goto(&x, k), 0);
	assert_int_equal(explore_back(&x), 0);
	assert_int_equal(step_insn(p, x.step), 122);
	/* the second path ends pruned at its return to 84 ("from 107 to 84: safe") */
	k = p->paths.v[1].first_step + p->paths.v[1].nsteps - 1;
	assert_int_equal(step_insn(p, k), 107);
	assert_true(step_flags(p, k) & STEP_PRUNED);
	explore_release(&x);
	load_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_initial_and_linear, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calls, setup, teardown),
		cmocka_unit_test_setup_teardown(test_visits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_call_stack, setup, teardown),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_static_chain),
	};

	return cmocka_run_group_tests_name("explore", tests, NULL, NULL);
}
