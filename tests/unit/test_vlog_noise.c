// SPDX-License-Identifier: MIT
/*
 * test_vlog_noise.c — odd but valid forms of a log give the answers of the
 * clean log: collector prefixes (ISO, dmesg, syslog, journald, logfmt,
 * JSON), CRLF, tab padding, a pasted log's indentation or mail quotes,
 * veristat -v, tc and test_progs framing; plus era samples written for
 * these tests (5.4, 6.1, 6.6, 7.1 analysis block) and what a cut log says.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/load.h"
#include "src/model/model.h"

#define PROCESSED                                                                                  \
	"processed 7 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 "   \
	"mark_read 0\n"

/* a 6.18 level-2 log with a branch, a popped path, a caller block and a two-line error */
static const char clean618[] =
	"func#0 @0\n"
	"func#1 @6\n"
	"0: R1=ctx() R10=fp0\n"
	"; int x = ctx->len; @ p.bpf.c:10\n"
	"0: (61) r2 = *(u32 *)(r1 +0)          ; R1=ctx() R2=scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))\n"
	"1: (15) if r2 == 0x0 goto pc+2        ; R2=scalar(smin=umin=1,smax=umax=0xffffffff)\n"
	"2: (b7) r0 = 0                        ; R0=0\n"
	"3: (95) exit\n"
	"\n"
	"from 1 to 4: R1=ctx() R2=0 R10=fp0\n"
	"4: R1=ctx() R2=0 R10=fp0\n"
	"4: (85) call pc+1\n"
	"caller:\n"
	" R10=fp0\n"
	"callee:\n"
	" frame1: R1=ctx() R10=fp0\n"
	"6: frame1: R1=ctx() R10=fp0\n"
	"6: (85) call bpf_copy_from_user#148\n"
	"helper call might sleep in a non-sleepable prog,\n"
	"R1 \"quoted\" \\ backslash\n"
	"verification time 12 usec\n"
	"stack depth 0+0\n" PROCESSED;

struct facts {
	unsigned nprogs, verdict, steps, paths, fstates, error_insn, stats_insns;
	char error[256], name[64];
};

static void facts_of(const struct model *m, struct facts *f)
{
	const struct program *p;
	char *e;

	memset(f, 0, sizeof(*f));
	f->nprogs = m->progs.n;
	if (!m->progs.n)
		return;
	p = model_prog(m, 0);
	f->verdict = p->verdict;
	f->steps = p->steps.n;
	f->paths = p->paths.n;
	f->fstates = p->fstates.n;
	f->error_insn = p->error_insn;
	f->stats_insns = (unsigned)p->stats.processed_insns;
	e = program_error_text(m, p);
	snprintf(f->error, sizeof(f->error), "%s", e ? e : "");
	free(e);
	snprintf(f->name, sizeof(f->name), "%s", strtab_get(&m->str, p->name));
}

static struct model *parse_n(const char *text, size_t len)
{
	struct model *m = model_new();

	assert_non_null(m);
	assert_int_equal(load_log_mem(m, text, len, NULL), 0);
	return m;
}

/* the log with every line rewritten: pre + line (escaped as asked) + post */
static char *rewrite(const char *log, const char *pre, const char *post, bool escape, bool crlf)
{
	size_t cap = strlen(log) * 3 + 4096, o = 0;
	char *out = malloc(cap);
	const char *s = log;

	assert_non_null(out);
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s), i;

		o += (size_t)sprintf(out + o, "%s", pre);
		for (i = 0; i < n; i++) {
			if (escape && (s[i] == '"' || s[i] == '\\'))
				out[o++] = '\\';
			out[o++] = s[i];
		}
		o += (size_t)sprintf(out + o, "%s%s\n", post, crlf ? "\r" : "");
		s += n + (nl ? 1 : 0);
	}
	out[o] = '\0';
	return out;
}

static void assert_same(const struct facts *a, const struct facts *b, const char *what)
{
	if (a->nprogs != b->nprogs || a->verdict != b->verdict || a->steps != b->steps ||
	    a->paths != b->paths || a->fstates != b->fstates || a->error_insn != b->error_insn ||
	    a->stats_insns != b->stats_insns || strcmp(a->error, b->error))
		fail_msg("%s: progs %u/%u verdict %u/%u steps %u/%u paths %u/%u fstates %u/%u "
			 "error_insn %u/%u error '%s'/'%s'",
			 what, a->nprogs, b->nprogs, a->verdict, b->verdict, a->steps, b->steps,
			 a->paths, b->paths, a->fstates, b->fstates, a->error_insn, b->error_insn,
			 a->error, b->error);
}

static void test_prefixes(void **unused)
{
	static const struct {
		const char *what, *pre, *post;
		bool escape, crlf;
	} forms[] = {
		{ "crlf", "", "", false, true },
		{ "iso", "2024-01-02T03:04:05.123Z ", "", false, false },
		{ "iso offset", "2024-01-02 03:04:05,123+02:00 ", "", false, false },
		{ "journald", "2024-01-02T03:04:05+0000 host kernel: ", "", false, false },
		{ "journald pid", "2024-01-02T03:04:05.000000Z host loader[812]: ", "", false, false },
		{ "dmesg", "[  123.456789] ", "", false, false },
		{ "syslog", "Jan  2 03:04:05 host loader[812]: ", "", false, false },
		{ "logfmt", "time=\"2024-01-02T03:04:05Z\" level=info msg=\"", "\" prog=x", true,
		  false },
		{ "json", "{\"time\":\"2024-01-02T03:04:05Z\",\"level\":\"info\",\"msg\":\"", "\"}",
		  true, false },
		{ "indent", "    ", "", false, false },
		{ "tab indent", "\t", "", false, false },
		{ "mail quote", "> ", "", false, false },
	};
	struct facts ref, got;
	struct model *m = parse_n(clean618, strlen(clean618));
	size_t i;

	(void)unused;
	facts_of(m, &ref);
	assert_int_equal(ref.verdict, VERDICT_REJECTED);
	assert_int_equal(ref.error_insn, 6);
	assert_int_equal(ref.steps, 6);
	assert_int_equal(m->warnings.n, 0);
	load_free(m);
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		char *v = rewrite(clean618, forms[i].pre, forms[i].post, forms[i].escape,
				  forms[i].crlf);

		m = parse_n(v, strlen(v));
		facts_of(m, &got);
		assert_same(&ref, &got, forms[i].what);
		/* the stripping is said once; CRLF needs no word */
		assert_int_equal(m->warnings.n, forms[i].crlf ? 0 : 1);
		load_free(m);
		free(v);
	}
}

/* a prefix-looking start of a real line is not a prefix */
static void test_no_false_prefix(void **unused)
{
	static const char log[] =
		"0: R1=ctx() R10=fp0\n"
		"0: (b7) r0 = 0                        ; R0=0\n"
		"1: (95) exit\n"
		"verifier bug: frame 0: something odd (1)\n"
		"[1] STRUCT foo size=8 vlen=1\n" PROCESSED;
	struct model *m = parse_n(log, strlen(log));
	const struct program *p = model_prog(m, 0);

	(void)unused;
	assert_int_equal(m->warnings.n, 0);
	assert_int_equal(p->error.n, 2);
	assert_memory_equal(m->log.buf + p->error.v[0].off, "verifier bug: ", 14);
	load_free(m);
}

static void test_tabs(void **unused)
{
	static const char log[] = "0: R1=ctx() R10=fp0\n"
				  "0: (b7) r0 = 0\t\t; R0=0\n"
				  "1: (95) exit\n" PROCESSED;
	struct model *m = parse_n(log, strlen(log));
	const struct program *p = model_prog(m, 0);

	(void)unused;
	assert_int_equal(p->steps.n, 2);
	assert_true(step_flags(p, 0) & STEP_HAS_DELTA);
	load_free(m);
}

static void test_veristat(void **unused)
{
	static const char log[] =
		"PROCESSING prog.bpf.o/first, DURATION US: 120, VERDICT: success, VERIFIER LOG:\n"
		"0: R1=ctx() R10=fp0\n"
		"0: (b7) r0 = 0                        ; R0=0\n"
		"1: (95) exit\n"
		"verification time 120 usec\n"
		"stack depth 0\n" PROCESSED "\n"
		"PROCESSING /tmp/x/prog.bpf.o/second, DURATION US: 7, VERDICT: failure, VERIFIER LOG:\n"
		"0: R1=ctx() R10=fp0\n"
		"0: (95) exit\n"
		"R0 !read_ok\n" PROCESSED "\n"
		"File        Program  Verdict  Duration (us)  Insns  States  Peak states\n"
		"----------  -------  -------  -------------  -----  ------  -----------\n"
		"prog.bpf.o  first    success            120      7       1            1\n"
		"----------  -------  -------  -------------  -----  ------  -----------\n"
		"Done. Processed 1 files, 0 skipped, 2 programs.\n";
	struct model *m = parse_n(log, strlen(log));

	(void)unused;
	assert_int_equal(m->progs.n, 2);
	assert_string_equal(strtab_get(&m->str, model_prog(m, 0)->name), "first");
	assert_int_equal(model_prog(m, 0)->verdict, VERDICT_ACCEPTED);
	assert_string_equal(strtab_get(&m->str, model_prog(m, 1)->name), "second");
	assert_int_equal(model_prog(m, 1)->verdict, VERDICT_REJECTED);
	assert_int_equal(model_prog(m, 1)->error.n, 1);
	load_free(m);
}

static void test_tc(void **unused)
{
	static const char full[] = "\n"
				   "Prog section 'classifier' rejected: Permission denied (13)!\n"
				   " - Type:         3\n"
				   " - Instructions: 2 (0 over limit)\n"
				   " - License:      GPL\n"
				   "\n"
				   "Verifier analysis:\n"
				   "\n"
				   "0: R1=ctx() R10=fp0\n"
				   "0: (95) exit\n"
				   "R0 !read_ok\n" PROCESSED "\n"
				   "Error fetching program/map!\n"
				   "Unable to load program\n";
	static const char skipped[] =
		"Prog section 'classifier' rejected: Permission denied (13)!\n"
		"Verifier analysis:\n"
		"\n"
		"Skipped 2200 bytes, use 'verb' option for the full verbose log.\n"
		"[...]\n"
		"=ctx() R10=fp0\n"
		"7: (95) exit\n"
		"R0 !read_ok\n" PROCESSED "Error fetching program/map!\n";
	struct model *m = parse_n(full, strlen(full));
	const struct program *p = model_prog(m, 0);

	(void)unused;
	assert_int_equal(m->progs.n, 1);
	assert_int_equal(p->verdict, VERDICT_REJECTED);
	assert_int_equal(p->error.n, 1);
	assert_int_equal(program_cold(p)->unknown_lines, 0);
	assert_int_equal(m->warnings.n, 0);
	load_free(m);
	m = parse_n(skipped, strlen(skipped));
	p = model_prog(m, 0);
	assert_int_equal(m->progs.n, 1);
	assert_int_equal(p->verdict, VERDICT_TRUNCATED);
	assert_int_equal(p->error.n, 1);
	assert_int_equal(m->warnings.n, 1);
	assert_non_null(strstr(strtab_get(&m->str, m->warnings.v[0]), "dropped the head"));
	load_free(m);
}

static void test_cut_mid_line(void **unused)
{
	size_t n = strlen(clean618) - 40; /* in the middle of the "processed" line... */
	struct model *m;

	(void)unused;
	/* ...which still names itself: the stats are partial, the verdict is there */
	m = parse_n(clean618, n);
	assert_int_equal(model_prog(m, 0)->verdict, VERDICT_REJECTED);
	load_free(m);
	/* cut inside an instruction line: no verdict, and a warning saying why */
	n = (size_t)(strstr(clean618, "4: (85) call pc+1") - clean618) + 9;
	m = parse_n(clean618, n);
	assert_int_equal(model_prog(m, 0)->verdict, VERDICT_TRUNCATED);
	assert_int_equal(m->warnings.n, 1);
	assert_non_null(strstr(strtab_get(&m->str, m->warnings.v[0]), "in the middle of a line"));
	load_free(m);
}

/* era samples, in the shapes each kernel's printing code gives */
static void test_era_54(void **unused)
{
	static const char log[] = "0: R1=ctx(id=0,off=0,imm=0) R10=fp0\n"
				  "0: (b7) r0 = 0\n"
				  "1: R0_w=inv0 R1=ctx(id=0,off=0,imm=0) R10=fp0\n"
				  "1: (61) r2 = *(u32 *)(r1 +80)\n"
				  "2: R0_w=inv0 R1=ctx(id=0,off=0,imm=0) R2_w=pkt_end(id=0,off=0,imm=0) R10=fp0\n"
				  "2: (71) r3 = *(u8 *)(r2 +0)\n"
				  "R2 invalid mem access 'pkt_end'\n"
				  "processed 3 insns (limit 1000000) max_states_per_insn 0 total_states 0 "
				  "peak_states 0 mark_read 0\n";
	struct model *m = parse_n(log, strlen(log));
	const struct program *p = model_prog(m, 0);

	(void)unused;
	assert_string_equal(strtab_get(&m->str, p->dialect), "5.x");
	assert_int_equal(p->verdict, VERDICT_REJECTED);
	assert_int_equal(p->error_insn, 2);
	load_free(m);
}

static void test_era_61_66(void **unused)
{
	static const char l61[] = "0: R1=ctx(off=0,imm=0) R10=fp0\n"
				  "0: (b7) r1 = 0                        ; R1_w=0\n"
				  "1: (bf) r0 = r1                       ; R0_w=0 R1_w=0\n"
				  "2: (95) exit\n"
				  "last_idx 2 first_idx 0\n"
				  "regs=1 stack=0 before 1: (bf) r0 = r1\n"
				  "processed 3 insns (limit 1000000) max_states_per_insn 0 total_states 0 "
				  "peak_states 0 mark_read 0\n";
	static const char l66[] = "0: R1=ctx(off=0,imm=0) R10=fp0\n"
				  "0: (b7) r1 = 0                        ; R1_w=0\n"
				  "1: (bf) r0 = r1                       ; R0_w=0 R1_w=0\n"
				  "2: (95) exit\n"
				  "mark_precise: frame0: last_idx 2 first_idx 0 subseq_idx -1 \n"
				  "mark_precise: frame0: regs=r0 stack= before 1: (bf) r0 = r1\n"
				  "processed 3 insns (limit 1000000) max_states_per_insn 0 total_states 0 "
				  "peak_states 0 mark_read 0\n";
	struct model *m = parse_n(l61, strlen(l61));

	(void)unused;
	assert_string_equal(strtab_get(&m->str, model_prog(m, 0)->dialect), "6.1");
	assert_int_equal(model_prog(m, 0)->verdict, VERDICT_ACCEPTED);
	assert_int_equal(m->line_counts[LINE_PRECISION], 2);
	load_free(m);
	m = parse_n(l66, strlen(l66));
	assert_string_equal(strtab_get(&m->str, model_prog(m, 0)->dialect), "6.6");
	assert_int_equal(model_prog(m, 0)->verdict, VERDICT_ACCEPTED);
	load_free(m);
}

/* 7.1+: the analysis block before the exploration, with its tabs and indented insns */
static void test_era_71_pre(void **unused)
{
	static const char log[] = "func#0 @0\n"
				  "topo_order[0] = prog\n"
				  "subprog#0: analyzing (depth 0)...\n"
				  " 1: (bf) r2 = r10\tr2: _ -> fp0+0\n"
				  "subprog#0 prog:\n"
				  "  0: (b7) r0 = 0\n"
				  "  1: (bf) r2 = r10\n"
				  "  2: (95) exit\n"
				  "stack use/def subprog#0 prog (d0,cs0):\n"
				  "  0: (b7) r0 = 0\n"
				  "Live regs before insn:\n"
				  "      0: .......... (b7) r0 = 0\n"
				  "      1: 0......... (bf) r2 = r10\n"
				  "      2: 0......... (95) exit\n"
				  "0: R1=ctx() R10=fp0\n"
				  "0: (b7) r0 = 0                        ; R0=0\n"
				  "1: (bf) r2 = r10                      ; R2=fp0\n"
				  "2: (95) exit\n" PROCESSED;
	struct model *m = parse_n(log, strlen(log));
	const struct program *p = model_prog(m, 0);
	char *v;

	(void)unused;
	assert_string_equal(strtab_get(&m->str, p->dialect), "7.0");
	assert_int_equal(p->steps.n, 3);
	assert_int_equal(p->verdict, VERDICT_ACCEPTED);
	assert_int_equal(program_cold(p)->unknown_lines, 0);
	assert_int_equal(m->warnings.n, 0);
	load_free(m);
	/* pasted with an indentation: the block's own indentation survives */
	v = rewrite(log, "   ", "", false, false);
	m = parse_n(v, strlen(v));
	p = model_prog(m, 0);
	assert_int_equal(p->steps.n, 3);
	assert_int_equal(program_cold(p)->unknown_lines, 0);
	load_free(m);
	free(v);
}

/* 7.1+: states list only live registers, so a state can be empty or only a marker */
static void test_era_71_live_only(void **unused)
{
	static const char log[] = "0: R1=ctx() R10=fp0\n"
				  "0: (85) call pc+3\n"
				  "Func#1 ('g') is global and assumed valid.\n"
				  "1:\n"
				  "1: (b7) r0 = 0                        ; R0=0\n"
				  "2: (95) exit\n"
				  "from 9 to 50: async_cb\n"
				  "50: async_cb\n"
				  "50: (b7) r0 = 0                       ; R0=0 async_cb\n"
				  "51: (95) exit\n" PROCESSED;
	struct model *m = parse_n(log, strlen(log));
	const struct program *p = model_prog(m, 0);

	(void)unused;
	assert_int_equal(program_cold(p)->unknown_lines, 0);
	assert_int_equal(p->steps.n, 5);
	assert_int_equal(p->paths.n, 2);
	assert_true(p->paths.v[1].flags & PATH_ASYNC_CB);
	assert_int_equal(p->verdict, VERDICT_ACCEPTED);
	load_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_no_false_prefix),
		cmocka_unit_test(test_tabs),
		cmocka_unit_test(test_veristat),
		cmocka_unit_test(test_tc),
		cmocka_unit_test(test_cut_mid_line),
		cmocka_unit_test(test_era_54),
		cmocka_unit_test(test_era_61_66),
		cmocka_unit_test(test_era_71_pre),
		cmocka_unit_test(test_era_71_live_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
