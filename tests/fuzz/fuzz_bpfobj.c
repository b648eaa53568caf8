// SPDX-License-Identifier: MIT
/*
 * fuzz_bpfobj.c — libFuzzer harness for the object loader: the bytes are
 * an ELF file, read by bpfobj_open_mem(), joined once with an empty model
 * (one program per object program) and once with a small fixed log (the
 * matching code), every instruction disassembled, then report, JSON and
 * DOT written to /dev/null. libbpf is silenced; prints nothing, keeps nothing.
 */
#include <bpf/libbpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/bpfobj.h"
#include "src/front/cli.h"
#include "src/load.h"
#include "src/model/model.h"
#include "tests/fuzz/fuzz.h"

#define FUZZ_MAX_OBJ (1u << 20)
#define FUZZ_MAX_DIS 4096

static FILE *sink;

static const char fixed_log[] = "func#0 @0\n"
				"func#1 @3\n"
				"0: R1=ctx() R10=fp0\n"
				"0: (b7) r0 = 0                        ; R0_w=0\n"
				"1: (85) call pc+1\n"
				"2: (95) exit\n"
				"3: (b7) r0 = 1\n"
				"4: (95) exit\n"
				"processed 5 insns (limit 1000000) max_states_per_insn 0 "
				"total_states 0 peak_states 0 mark_read 0\n";

FUZZ_INIT(bpfobj)
{
	(void)argc;
	(void)argv;
	libbpf_set_print(NULL);
	sink = fopen("/dev/null", "w");
	return 0;
}

static void walk(const struct model *m)
{
	const struct bpfobj *obj = m->obj;
	char text[256];
	uint32_t i, k, n = 0;

	if (!obj)
		return;
	for (i = 0; i < obj->nprogs; i++) {
		const struct bpfobj_prog *p = &obj->progs[i];

		bpfobj_prog_by_name(obj, p->name);
		for (k = 0; k < p->ninsns && n < FUZZ_MAX_DIS; k++, n++) {
			bpfobj_disasm(p, k, text, sizeof(text));
			bpfobj_disasm(p, k, text, 8);
			bpfobj_subprog_at(p, k);
			bpfobj_line_at(p, k);
		}
		bpfobj_subprog_at(p, p->ninsns);
	}
}

static void run_writers(struct model *m)
{
	struct opts o = { .log_level = 2 };
	uint32_t nwarn = m->warnings.n;

	if (!sink)
		return;
	m->warnings.n = 0;
	report_run(m, &o, sink);
	m->warnings.n = nwarn;
	json_run(m, &o, sink);
	dot_run(m, &o, sink);
}

static void one(const uint8_t *data, size_t size, bool with_log)
{
	struct model *m = model_new();
	char err[512];

	if (!m)
		return;
	if (with_log && load_log_mem(m, fixed_log, sizeof(fixed_log) - 1, NULL))
		goto out;
	if (bpfobj_open_mem(m, data, size, "fuzz.bpf.o", err, sizeof(err)))
		goto out;
	if (bpfobj_join(m, err, sizeof(err)))
		goto out;
	walk(m);
	run_writers(m);
out:
	load_free(m);
}

FUZZ_TARGET(bpfobj)
{
	if (size > FUZZ_MAX_OBJ)
		return 0;
	one(data, size, false);
	one(data, size, true);
	return 0;
}
