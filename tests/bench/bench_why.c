// SPDX-License-Identifier: MIT
/*
 * bench_why.c — `veristep why`'s work, timed apart from the load: load
 * FILE... once, then compute the chain of every register R0-R9 at the
 * last step and at 20 other steps spread over the exploration, with the
 * value of every link formatted (as the CLI prints it), and print the
 * median and the slowest. Not a test. usage: bench_why FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "src/analysis/why.h"
#include "src/load.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	struct model *m = model_new();
	const struct program *p;
	double t[21 * 10], worst = 0;
	uint32_t nt = 0, worst_step = 0, worst_links = 0;
	int worst_reg = 0;
	char err[512], val[512];

	if (argc < 2 || argc > 3 || !m) {
		fprintf(stderr, "usage: bench_why FILE...\n");
		return 2;
	}
	if (load_files(m, argv + 1, argc - 1, NULL, err, sizeof(err))) {
		fprintf(stderr, "bench_why: %s\n", err);
		return 1;
	}
	p = model_prog(m, 0);
	if (!p->steps.n) {
		fprintf(stderr, "bench_why: no steps\n");
		return 1;
	}
	for (uint32_t i = 0; i <= 20; i++) {
		uint32_t k = i == 20 ? p->steps.n - 1 : (uint32_t)((uint64_t)p->steps.n * i / 20);

		for (int r = 0; r < 10; r++) {
			struct why_loc l = { .kind = WHY_REG, .frame = step_frame(p, k), .n = (int16_t)r };
			struct why_result res;
			double t0 = now(), dt;

			if (why_compute(m, p, k, l, &res))
				continue;
			for (uint32_t j = 0; j < res.links.n; j++)
				why_link_value(m, p, &res.links.v[j], val, sizeof(val));
			dt = now() - t0;
			t[nt++] = dt;
			if (dt > worst) {
				worst = dt;
				worst_step = k;
				worst_reg = r;
				worst_links = res.links.n;
			}
			why_result_release(&res);
		}
	}
	qsort(t, nt, sizeof(t[0]), cmp_d);
	printf("why: %u chains, median %.1f ms, slowest %.1f ms (R%d at step %u, %u links)\n", nt,
	       nt ? t[nt / 2] * 1e3 : 0, worst * 1e3, worst_reg, worst_step + 1, worst_links);
	load_free(m);
	return 0;
}
