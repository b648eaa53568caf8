// SPDX-License-Identifier: MIT
/*
 * fuzz_state.c — libFuzzer harness for the register/stack state grammar:
 * the bytes are one state print ("frame1: R1=ctx() fp-8=mmmm???? cb"),
 * parsed by state_parse_line() and, whole, by state_parse_value(); every
 * value found is formatted back. The replay's cheap scan (state_scan_line()
 * and state_value_finish()) must give the same state as the full parse: a
 * difference aborts. Prints nothing, keeps nothing.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "src/model/model.h"
#include "src/analysis/state.h"
#include "tests/fuzz/fuzz.h"
#include "src/load.h"

#define FUZZ_MAX_STATE (1u << 16)

FUZZ_INIT(state)
{
	(void)argc;
	(void)argv;
	return 0;
}

FUZZ_TARGET(state)
{
	struct state_line *sl, *lazy = NULL;
	struct regval rv;
	struct model *m;
	char text[256];
	uint32_t i;

	if (size > FUZZ_MAX_STATE)
		return 0;
	m = model_new();
	sl = calloc(1, sizeof(*sl));
	lazy = calloc(1, sizeof(*lazy));
	if (!m || !sl || !lazy)
		goto out;
	/* spans refer to the model's log: let them refer to the input */
	m->log.buf = (const char *)data;
	m->log.len = size;
	state_parse_line((const char *)data, 0, (uint32_t)size, sl);
	state_scan_line((const char *)data, 0, (uint32_t)size, lazy);
	if (memcmp(sl, lazy, offsetof(struct state_line, regs)))
		abort();
	for (i = 0; i < STATE_NREGS; i++) {
		if (!(sl->regs_set & (1u << i)))
			continue;
		state_value_finish((const char *)data, &lazy->regs[i]);
		if (memcmp(&sl->regs[i], &lazy->regs[i], sizeof(sl->regs[i])))
			abort();
	}
	for (i = 0; i < STATE_MAX_SLOTS; i++) {
		if (!(sl->slots_set & (1ull << i)))
			continue;
		state_value_finish((const char *)data, &lazy->slots[i].spill);
		if (memcmp(&sl->slots[i], &lazy->slots[i], sizeof(sl->slots[i])))
			abort();
	}
	for (i = 0; i < STATE_NREGS; i++)
		if (sl->regs_set & (1u << i))
			state_format_value(m, &sl->regs[i], text, sizeof(text));
	for (i = 0; i < STATE_MAX_SLOTS; i++)
		if (sl->slots_set & (1ull << i))
			state_format_value(m, &sl->slots[i].spill, text, sizeof(text));
	state_parse_value((const char *)data, 0, (uint32_t)size, &rv);
	state_format_value(m, &rv, text, sizeof(text));
	state_format_value(m, &rv, text, 1);
out:
	free(sl);
	free(lazy);
	if (m)
		m->log.buf = NULL;
	load_free(m);
	return 0;
}
