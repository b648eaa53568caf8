// SPDX-License-Identifier: MIT
/*
 * bench_moves.c — the TUI's work without a terminal, timed: load a log,
 * build the first screen (status bar included) on a 132x40 canvas, then
 * let the TUI's idle work run (the checkpoints of long paths, slice by
 * slice, as between keys), replay random cursor moves, each followed by a
 * full redraw, and print the latency distribution; then the state alone
 * at random steps, and at the same steps with no checkpoint at all. Used by `make bench` (tests/bench.sh); not a
 * test. usage: bench_moves LOG [MOVES] [SEED]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/analysis/state.h"
#include "src/load.h"
#include "views/canvas.h"
#include "views/ui.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* anonymous memory of this process, kB (0 when /proc does not say) */
static unsigned long long rss_anon_kb(void)
{
	unsigned long long kb = 0;
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		sscanf(line, "RssAnon: %llu kB", &kb);
	if (f)
		fclose(f);
	return kb;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	static const enum action moves[] = {
		ACT_STEP_NEXT, ACT_STEP_PREV, ACT_PATH_NEXT, ACT_PATH_PREV, ACT_BACK,
		ACT_STEP_OVER, ACT_STEP_OUT,  ACT_VISIT_NEXT, ACT_VISIT_PREV, ACT_ERROR,
		ACT_FIRST,     ACT_LAST,
	};
	const char *names[] = { "n", "p", "N", "P", "b", "o", "u", "v", "V", "e", "g", "G", ":step" };
	double t0 = now(), t_load, t_first, *lat, total = 0;
	unsigned long n = argc > 2 ? strtoul(argv[2], NULL, 10) : 10000;
	unsigned seed = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 42;
	struct ui_opts uo = { 0 };
	struct model *m = model_new();
	struct canvas *c = canvas_new(40, 132);
	char err[512];
	struct ui *ui;
	unsigned long i;

	if (argc < 2 || !m || !c) {
		fprintf(stderr, "usage: bench_moves LOG [MOVES] [SEED]\n");
		return 2;
	}
	if (load_files(m, argv + 1, 1, NULL, err, sizeof(err))) {
		fprintf(stderr, "bench_moves: %s\n", err);
		return 1;
	}
	t_load = now() - t0;
	ui = ui_new(m, &uo);
	if (!ui)
		return 1;
	ui_draw(ui, c);
	t_first = now() - t0;
	if (!strstr(canvas_dump(c), "step ")) {
		fprintf(stderr, "bench_moves: no status bar on the first screen\n");
		return 1;
	}
	while (ui_busy(ui))
		ui_work(ui);
	lat = calloc(n ? n : 1, sizeof(*lat));
	srand(seed);
	for (i = 0; i < n; i++) {
		unsigned r = (unsigned)rand() % 13;
		double t = now();

		if (r == 12) {
			/* ":K" to a random step */
			char buf[32];
			const struct program *p = model_prog(m, ui->x.prog);

			snprintf(buf, sizeof(buf), ":%u\n", (unsigned)((unsigned)rand() % (p->steps.n ? p->steps.n : 1)) + 1);
			for (char *s = buf; *s; s++) {
				struct key k = { .code = *s == '\n' ? KEYC_ENTER : (int)*s };

				ui_key(ui, k);
			}
		} else {
			ui_action(ui, moves[r]);
		}
		ui_draw(ui, c);
		lat[i] = now() - t;
		total += lat[i];
	}
	qsort(lat, n, sizeof(*lat), cmp_d);
	printf("load %.3f s, first screen %.3f s, steps %u\n", t_load, t_first,
	       m->progs.n ? model_prog(m, 0)->steps.n : 0);
	if (n)
		printf("moves %lu (%s ...): mean %.3f ms, p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", n,
		       names[0], total / n * 1e3, lat[n / 2] * 1e3, lat[(n * 99) / 100] * 1e3,
		       lat[n - 1] * 1e3);
	free(lat);
	{
		/* the state alone at random steps: with the checkpoints, then with none */
		const struct program *p = ui->x.p;
		struct vstate *vs = malloc(sizeof(*vs));
		double worst = 0, worst_cold = 0, tw, slice = 0;
		unsigned slices = 0;
		uint32_t ks[200], nk = p->steps.n ? 200 : 0;

		for (uint32_t j = 0; j < nk; j++)
			ks[j] = (uint32_t)((unsigned)rand() % p->steps.n);
		/*
		 * what the TUI does after a switch to a program, while no key
		 * waits: the checkpoints, one slice a look at the keyboard
		 */
		state_cache_free((struct program *)p);
		ui_switch_program(ui, ui->x.prog);
		tw = now();
		while (ui_busy(ui)) {
			double ts = now(), d;

			ui_work(ui);
			d = now() - ts;
			slice = d > slice ? d : slice;
			slices++;
		}
		printf("idle work from no checkpoint: %.3f s in %u slices, longest slice %.2f ms, "
		       "checkpoints %llu kB\n",
		       now() - tw, slices, slice * 1e3,
		       (unsigned long long)(state_cache_bytes(p) >> 10));
		for (uint32_t j = 0; vs && j < nk; j++) {
			double t = now(), d;

			state_before(m, p, ks[j], vs);
			d = now() - t;
			worst = d > worst ? d : worst;
		}
		for (uint32_t j = 0; vs && j < nk && j < 20; j++) {
			double t = now(), d;

			state_rebuild_nocache(m, p, ks[j], vs);
			d = now() - t;
			worst_cold = d > worst_cold ? d : worst_cold;
		}
		printf("anonymous memory with the TUI open, the checkpoints taken: %llu kB, %.1f%% of "
		       "the log\n",
		       rss_anon_kb(), m->log.len ? rss_anon_kb() * 1024.0 * 100 / m->log.len : 0);
		printf("state at %u random steps: max %.3f ms (without checkpoints, 20 of them: max %.1f ms)\n",
		       nk, worst * 1e3, worst_cold * 1e3);
		free(vs);
	}
	ui_free(ui);
	canvas_free(c);
	load_free(m);
	return 0;
}
