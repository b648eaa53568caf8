// SPDX-License-Identifier: MIT
/*
 * fuzz_vlog.c — libFuzzer harness for the verifier log parser and the
 * front ends that read its model: the bytes are a log, parsed with
 * load_log_mem(); then report and JSON are written to /dev/null and the
 * state is rebuilt at a few steps of every program. Prints nothing, keeps
 * nothing between inputs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/cli.h"
#include "src/load.h"
#include "src/model.h"
#include "src/state.h"
#include "tests/fuzz/fuzz.h"

#define FUZZ_MAX_LOG (1u << 20)

static FILE *sink;

FUZZ_INIT(vlog)
{
	(void)argc;
	(void)argv;
	sink = fopen("/dev/null", "w");
	return 0;
}

static void rebuild_some(const struct model *m, const struct program *p, struct vstate *vs)
{
	uint32_t picks[5], i;
	uint16_t changed;

	if (!p->steps.n)
		return;
	picks[0] = 0;
	picks[1] = p->steps.n / 2;
	picks[2] = p->steps.n - 1;
	picks[3] = p->error_step;
	picks[4] = p->steps.n; /* out of range: must be refused */
	for (i = 0; i < 5; i++) {
		if (picks[i] == IDX_NONE)
			continue;
		state_before(m, p, picks[i], vs);
		state_after(m, p, picks[i], vs, &changed);
	}
}

FUZZ_TARGET(vlog)
{
	struct opts o = { .log_level = 2 };
	struct vstate *vs;
	struct model *m;
	uint32_t i, nwarn;

	if (size > FUZZ_MAX_LOG)
		return 0;
	m = model_new();
	if (!m)
		return 0;
	if (load_log_mem(m, (const char *)data, size, NULL))
		goto out;
	if (sink) {
		/* report prints warnings on stderr: keep them out of its way */
		nwarn = m->warnings.n;
		m->warnings.n = 0;
		report_run(m, &o, sink);
		m->warnings.n = nwarn;
		json_run(m, &o, sink);
		if (m->progs.n) {
			o.prog = strtab_get(&m->str, m->progs.v[0].name);
			json_run(m, &o, sink);
		}
	}
	vs = malloc(sizeof(*vs));
	if (vs) {
		for (i = 0; i < m->progs.n && i < 4; i++)
			rebuild_some(m, &m->progs.v[i], vs);
		free(vs);
	}
out:
	model_free(m);
	return 0;
}
