// SPDX-License-Identifier: MIT
/*
 * test_diff_ui.c — `veristep diff --tui` drawn on a canvas: the two builds
 * of samples/null_deref (the NULL check added) and, with the corpus, the
 * timer-callback flip between Linux 6.17 and 7.3.4. Whole screens are
 * compared with tests/unit/screens/diff_*.txt (VERISTEP_UPDATE=1 rewrites
 * them); the cursors, the side switch and the divergence jumps are checked
 * by value.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/analysis/diff.h"
#include "src/analysis/state.h"
#include "src/load.h"
#include "views/canvas.h"
#include "views/diff_ui.h"
#include "views/view.h"
#include "tests/unit/corpus.h"
#include "tests/unit/loop_log.h"
#include "tests/unit/screens.h"

struct pair_fx {
	struct model *ma, *mb;
	struct diff_pair d;
};

static struct model *load2(const char *obj, const char *log)
{
	struct model *m = model_new();
	char err[512], *files[2] = { (char *)obj, (char *)log };

	assert_non_null(m);
	if (load_files(m, files, 2, NULL, err, sizeof(err)))
		fail_msg("%s", err);
	return m;
}

static void pair_open(struct pair_fx *f, const char *oa, const char *la, const char *ob,
		      const char *lb, bool two_builds)
{
	memset(f, 0, sizeof(*f));
	f->ma = load2(oa, la);
	f->mb = load2(ob, lb);
	assert_true(f->ma->progs.n >= 1 && f->mb->progs.n >= 1);
	f->d.file = la;
	f->d.ma = f->ma;
	f->d.mb = f->mb;
	f->d.pa = model_prog(f->ma, 0);
	f->d.pb = model_prog(f->mb, 0);
	assert_int_equal(diff_programs(f->ma, f->d.pa, f->mb, f->d.pb, two_builds, &f->d.r), 0);
	f->d.differs = diff_any(f->d.pa, f->d.pb, &f->d.r);
}

static void pair_close(struct pair_fx *f)
{
	load_free(f->ma);
	load_free(f->mb);
}

static char *draw(struct diff_ui *du, int rows, int cols)
{
	struct canvas *c = canvas_new(rows, cols);
	char *d;

	assert_non_null(c);
	diff_ui_draw(du, c);
	d = canvas_dump(c);
	canvas_free(c);
	return d;
}

static int press(struct diff_ui *du, int code)
{
	struct key k = { code, 0, 0 };

	return diff_ui_key(du, k);
}

static void test_edit(void **state)
{
	struct pair_fx f;
	struct diff_ui *du;
	char *d;

	(void)state;
	pair_open(&f, "samples/null_deref_rej.bpf.o", "samples/null_deref_rej.log2",
		  "samples/null_deref_checked_ok.bpf.o", "samples/null_deref_checked_ok.log2", true);
	assert_true(f.d.r.has_div);
	du = diff_ui_new(&f.d, true);
	assert_non_null(du);
	/* it opens on the first divergence, both cursors there */
	assert_int_equal(diff_ui_step(du, 0), f.d.r.div.a_step);
	assert_int_equal(diff_ui_step(du, 1), f.d.r.div.b_step);
	d = draw(du, 30, 170);
	assert_non_null(strstr(d, "rejected -> accepted"));
	assert_non_null(strstr(d, "first divergence: insn"));
	assert_screen("diff_edit_open", d);
	free(d);

	/* keys go to A, and B follows step by step */
	press(du, 'p');
	assert_int_equal(diff_ui_step(du, 0), f.d.r.div.a_step - 1);
	assert_int_equal(diff_ui_step(du, 1), f.d.r.div.b_step - 1);
	/* d: to the next place where they stop agreeing: the divergence again */
	press(du, 'g');
	press(du, 'd');
	assert_int_equal(diff_ui_step(du, 0), f.d.r.div.a_step);
	assert_int_equal(diff_ui_step(du, 1), f.d.r.div.b_step);
	/* x: B takes the keys; A follows */
	press(du, 'x');
	assert_int_equal(diff_ui_focus(du), 1);
	press(du, 'p');
	assert_int_equal(diff_ui_step(du, 1), f.d.r.div.b_step - 1);
	assert_int_equal(diff_ui_step(du, 0), f.d.r.div.a_step - 1);
	d = draw(du, 30, 170);
	assert_non_null(strstr(d, "keys: B"));
	assert_screen("diff_edit_side_b", d);
	free(d);
	/* any size, no crash; q quits */
	free(draw(du, 1, 1));
	free(draw(du, 3, 10));
	free(draw(du, 24, 80));
	assert_true(press(du, 'q') & VIEW_QUIT);
	diff_ui_free(du);
	pair_close(&f);
}

static void test_timer_flip(void **state)
{
	const char *root = corpus_root();
	char obj[4200], la[4200], lb[4200];
	struct pair_fx f;
	struct diff_ui *du;
	char *d;

	(void)state;
	if (!root)
		SKIP_NO_SHARED();
	snprintf(obj, sizeof(obj), "%s/corpus/async_timer_cb_global_rej/prog.bpf.o", root);
	snprintf(la, sizeof(la), "%s/corpus-kernels/6.17.13+deb13-amd64/async_timer_cb_global_rej/log2.txt",
		 root);
	snprintf(lb, sizeof(lb), "%s/corpus-kernels/7.3.4+deb13-amd64/async_timer_cb_global_rej/log2.txt",
		 root);
	pair_open(&f, obj, la, obj, lb, false);
	du = diff_ui_new(&f.d, true);
	assert_non_null(du);
	/* on the divergence: the call in timer_cb where 7.3.4 stops */
	assert_int_equal(step_insn(f.d.pa, diff_ui_step(du, 0)), 44);
	assert_int_equal(step_insn(f.d.pb, diff_ui_step(du, 1)), 44);
	d = draw(du, 32, 170);
	assert_non_null(strstr(d, "accepted -> rejected"));
	assert_screen("diff_timer_flip", d);
	free(d);
	diff_ui_free(du);
	pair_close(&f);
}

/* the hot insns (one program, two kernels) cover both: B's insns past A's last one count too */
static void test_hot_past_shorter(void **state)
{
	static const char la[] = "0: R1=ctx() R10=fp0\n"
				 "0: (b7) r0 = 0\n"
				 "1: (95) exit\n"
				 "processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 "
				 "peak_states 0 mark_read 0\n";
	static const char lb[] = "0: R1=ctx() R10=fp0\n"
				 "0: (b7) r0 = 0\n"
				 "1: (05) goto pc+4\n"
				 "6: (95) exit\n"
				 "processed 3 insns (limit 1000000) max_states_per_insn 0 total_states 0 "
				 "peak_states 0 mark_read 0\n";
	struct model *ma = model_new(), *mb = model_new();
	struct diff_result r;
	uint32_t i;
	bool six = false;

	(void)state;
	assert_non_null(ma);
	assert_non_null(mb);
	assert_int_equal(load_log_mem(ma, la, strlen(la), NULL), 0);
	assert_int_equal(load_log_mem(mb, lb, strlen(lb), NULL), 0);
	assert_int_equal(diff_programs(ma, model_prog(ma, 0), mb, model_prog(mb, 0), false, &r), 0);
	for (i = 0; i < r.nhot; i++)
		if (r.hot[i].insn == 6) {
			assert_int_equal(r.hot[i].a_visits, 0);
			assert_int_equal(r.hot[i].b_visits, 1);
			six = true;
		}
	assert_true(six);
	load_free(ma);
	load_free(mb);
}

/*
 * the work of either side while no key waits: a search of 300,000 steps
 * (more than one slice) ends on its match, and the checkpoints of both
 * long paths are taken
 */
static void test_idle_work(void **state)
{
	size_t la = 0, lb = 0;
	char *a = loop_log(100000, &la), *b = loop_log(100001, &lb);
	struct pair_fx f;
	struct diff_ui *du;
	const char *pat = "/R10=fp0 fp-24_w=99990\n";
	int slices = 0;

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	/* B starts from another R2: the two differ at once, and the diff stops there */
	assert_non_null(strstr(b, "R2_w=0 "));
	strstr(b, "R2_w=0 ")[5] = '7';
	memset(&f, 0, sizeof(f));
	f.ma = model_new();
	f.mb = model_new();
	assert_int_equal(load_log_mem(f.ma, a, la, NULL), 0);
	assert_int_equal(load_log_mem(f.mb, b, lb, NULL), 0);
	f.d.file = "loop";
	f.d.ma = f.ma;
	f.d.mb = f.mb;
	f.d.pa = model_prog(f.ma, 0);
	f.d.pb = model_prog(f.mb, 0);
	assert_int_equal(diff_programs(f.ma, f.d.pa, f.mb, f.d.pb, false, &f.d.r), 0);
	du = diff_ui_new(&f.d, true);
	assert_non_null(du);
	assert_true(diff_ui_busy(du));
	while (diff_ui_busy(du) && slices < 1000)
		diff_ui_work(du), slices++;
	assert_false(diff_ui_busy(du));
	assert_true(state_cache_bytes(f.d.pa) > 0 && state_cache_bytes(f.d.pb) > 0);
	press(du, 'g');
	for (const char *c = pat; *c; c++)
		press(du, *c == '\n' ? KEYC_ENTER : *c);
	/* one slice ran with the Enter; the rest is idle work */
	assert_true(diff_ui_busy(du));
	while (diff_ui_busy(du) && slices < 2000)
		diff_ui_work(du), slices++;
	/* iteration i writes its slot at step 3i - 1 */
	assert_int_equal(diff_ui_step(du, 0), 3 * 99990 - 1);
	diff_ui_free(du);
	pair_close(&f);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edit),
		cmocka_unit_test(test_timer_flip),
		cmocka_unit_test(test_hot_past_shorter),
		cmocka_unit_test(test_idle_work),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
