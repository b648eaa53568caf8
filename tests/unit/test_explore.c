// SPDX-License-Identifier: MIT
/* test_explore.c — the exploration cursor on a hand-built model (fixture.h). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "src/explore.h"
#include "tests/unit/fixture.h"

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
	model_free(f->m);
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

static void test_search(void **state)
{
	struct explore *x = &((struct fx *)*state)->x;
	struct explore_search s;

	explore_goto(x, 0);
	assert_int_equal(explore_search_start(x, &s, "exit", 1), 0);
	assert_int_equal(explore_search_run(x, &s, 0), 1);
	assert_int_equal(x->step, 3);
	assert_int_equal(explore_search_run(x, &s, 0), 1);
	assert_int_equal(x->step, 6);
	/* register values, smartcase */
	explore_goto(x, 0);
	explore_search_start(x, &s, "r0=1", 1);
	assert_int_equal(explore_search_run(x, &s, 0), 1);
	assert_int_equal(x->step, 2);
	explore_search_start(x, &s, "R0=1", 1);
	assert_int_equal(explore_search_run(x, &s, 0), 1);
	assert_int_equal(x->step, 4);
	/* source text matches the step it comes into force at */
	explore_search_start(x, &s, "timer_cb(map)", 1);
	assert_int_equal(explore_search_run(x, &s, 0), 1);
	assert_int_equal(x->step, 8);
	/* backward, wrapping */
	explore_goto(x, 1);
	explore_search_start(x, &s, "call", -1);
	assert_int_equal(explore_search_run(x, &s, 0), 1);
	assert_int_equal(x->step, 9);
	/* budget: one step at a time */
	explore_goto(x, 0);
	explore_search_start(x, &s, "bpf_copy", 1);
	assert_int_equal(explore_search_run(x, &s, 3), -EAGAIN);
	assert_int_equal(x->step, 0);
	assert_int_equal(explore_search_run(x, &s, 3), -EAGAIN);
	assert_int_equal(explore_search_run(x, &s, 3), 1);
	assert_int_equal(x->step, 9);
	/* not found: the cursor stays */
	explore_search_start(x, &s, "nowhere", 1);
	assert_int_equal(explore_search_run(x, &s, 0), 0);
	assert_int_equal(x->step, 9);
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
	model_free(m);
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
	};

	return cmocka_run_group_tests_name("explore", tests, NULL, NULL);
}
