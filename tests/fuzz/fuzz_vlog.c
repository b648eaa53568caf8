// SPDX-License-Identifier: MIT
/*
 * fuzz_vlog.c — libFuzzer harness for the verifier log parser and the
 * front ends that read its model: the bytes are a log, parsed with
 * load_log_mem(); then report, JSON and DOT (text, no layout) are written
 * to /dev/null, the checkpoints of every program are taken as the TUI
 * takes them while idle and the state is rebuilt at a few of its steps, and
 * an explore cursor takes a walk chosen by the input's last bytes.
 * Prints nothing, keeps nothing between inputs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/front/cli.h"
#include "src/explore/explore.h"
#include "src/load.h"
#include "src/model/model.h"
#include "src/analysis/state.h"
#include "src/analysis/why.h"
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
	struct state_warm w = { 0 };
	uint32_t picks[5], i;
	uint16_t changed;

	if (!p->steps.n)
		return;
	picks[0] = 0;
	picks[1] = p->steps.n / 2;
	picks[2] = p->steps.n - 1;
	picks[3] = p->error_step;
	picks[4] = p->steps.n; /* out of range: must be refused */
	/* the TUI's idle checkpoints, in small slices, before the rebuilds use them */
	for (i = 0; i < 4096 && state_warm(m, p, &w, 600) == 1; i++)
		;
	for (i = 0; i < 5; i++) {
		if (picks[i] == IDX_NONE)
			continue;
		state_before(m, p, picks[i], vs);
		state_after(m, p, picks[i], vs, &changed);
	}
}

/* the chain of a register and of a slot at the last and the middle step (why also runs in report) */
static void why_some(const struct model *m, const struct program *p, uint8_t pick)
{
	struct why_result r;
	char buf[256];

	if (!p->steps.n)
		return;
	for (uint32_t k = p->steps.n / 2; k < p->steps.n; k += (p->steps.n - k + 1) / 2 + 1) {
		struct why_loc l = { .kind = WHY_REG, .frame = step_frame(p, k), .n = pick % 11 };

		for (int i = 0; i < 2; i++) {
			if (!why_compute(m, p, k, l, &r)) {
				for (uint32_t j = 0; j < r.links.n && j < 8; j++) {
					why_via_text(m, p, &r.links.v[j], buf, sizeof(buf));
					why_link_value(m, p, &r.links.v[j], buf, sizeof(buf));
				}
				why_call_text(m, p, k, buf, sizeof(buf));
				why_result_release(&r);
			}
			l.kind = WHY_SLOT;
			l.n = (int16_t)(-8 * (1 + pick % 8));
		}
	}
}

/* up to 64 cursor moves, one per byte of the input's tail */
static void walk(const struct model *m, uint32_t prog, const uint8_t *data, size_t size)
{
	struct explore_search srch = { 0 };
	struct explore x;
	size_t i;

	if (explore_init(&x, m, prog))
		return;
	explore_goto(&x, explore_initial_step(&x));
	for (i = 0; i < 64 && i < size; i++) {
		uint8_t c = data[size - 1 - i];

		switch (c % 16) {
		case 0: explore_next(&x); break;
		case 1: explore_prev(&x); break;
		case 2: explore_next_path(&x); break;
		case 3: explore_prev_path(&x); break;
		case 4: explore_back(&x); break;
		case 5: explore_step_over(&x); break;
		case 6: explore_step_out(&x); break;
		case 7: explore_next_visit(&x); break;
		case 8: explore_prev_visit(&x); break;
		case 9: explore_error(&x); break;
		case 10: explore_goto_insn(&x, c); break;
		case 11: explore_goto_insn_near(&x, c >> 4); break;
		case 12: explore_insn_flags(&x, c); explore_insn_visits(&x, c >> 3); break;
		case 13: explore_last(&x); break;
		case 14: explore_first(&x); break;
		default: {
			uint32_t frames[MODEL_MAX_FRAMES], calls[MODEL_MAX_FRAMES], n = 0;

			explore_call_stack(&x, frames, calls, MODEL_MAX_FRAMES, 4096);
			explore_search_release(&srch);
			explore_search_start(&x, &srch, c & 1 ? "r1" : "R0=", c & 2 ? 1 : -1);
			while (explore_search_run(&x, &srch, 256) == -EAGAIN && ++n < 64)
				;
			explore_step_matches(&x, &srch, x.step);
			break;
		}
		}
	}
	explore_search_release(&srch);
	explore_release(&x);
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
		dot_run(m, &o, sink);
		if (m->progs.n) {
			o.prog = strtab_get(&m->str, model_prog(m, 0)->name);
			json_run(m, &o, sink);
		}
	}
	vs = malloc(sizeof(*vs));
	if (vs) {
		for (i = 0; i < m->progs.n && i < 4; i++)
			rebuild_some(m, model_prog(m, i), vs);
		for (i = 0; i < m->progs.n && i < 4; i++)
			why_some(m, model_prog(m, i), size ? data[0] : 0);
		free(vs);
	}
	for (i = 0; i < m->progs.n && i < 2; i++)
		walk(m, i, data, size);
out:
	load_free(m);
	return 0;
}
