// SPDX-License-Identifier: MIT
/*
 * test_bpfobj.c — the object loader (parsers/bpfobj*.c) and the
 * disassembler (parsers/bpfdis.c): hand-made instructions, broken inputs,
 * and every object and log of the shared corpus (found through
 *  $VERISTEP_SHARED/corpus, else ../shared/corpus from the working directory;
 * the corpus tests skip with a message when it is absent).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parsers/bpfdis.h"
#include "corpus.h"
#include "parsers/bpfobj.h"
#include "src/model/model.h"
#include "src/load.h"

/* ---- helpers ---- */

static const char *corpus_dir(void)
{
	static char path[PATH_MAX];
	const char *root = corpus_root();

	if (!root)
		return NULL;
	snprintf(path, sizeof(path), "%s/corpus", root);
	return path;
}

#define SKIP_NO_CORPUS()                                                                           \
	do {                                                                                       \
		if (!corpus_dir()) {                                                               \
			SKIP_NO_SHARED();                                                          \
		}                                                                                  \
	} while (0)

static struct model *open_obj(const char *path, char *err, size_t errlen, int *rc)
{
	struct model *m = model_new();
	size_t len = 0;
	char *buf;

	assert_non_null(m);
	buf = corpus_slurp(path, &len);
	assert_non_null(buf);
	*rc = bpfobj_open_mem(m, buf, len, path, err, errlen);
	free(buf);
	return m;
}

/* ---- disassembler ---- */

static void dis_is(struct bpf_insn *in, uint32_t n, const char *name, const char *want)
{
	char buf[128];

	bpfdis_insn(in, n, name, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

#define INSN(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })

static void test_disasm_forms(void **state)
{
	struct bpf_insn ld[2] = { INSN(0x18, 1, 0, 0, 0x15), INSN(0, 0, 0, 0, 0) };
	struct bpf_insn big[2] = { INSN(0x18, 2, 0, 0, -1), INSN(0, 0, 0, 0, 0x12) };
	struct bpf_insn in;

	(void)state;
	in = INSN(0xbf, 6, 1, 0, 0);
	dis_is(&in, 1, NULL, "(bf) r6 = r1");
	in = INSN(0xb7, 7, 0, 0, 0);
	dis_is(&in, 1, NULL, "(b7) r7 = 0");
	in = INSN(0x07, 2, 0, 0, -4);
	dis_is(&in, 1, NULL, "(07) r2 += -4");
	in = INSN(0x63, 10, 1, -4, 0);
	dis_is(&in, 1, NULL, "(63) *(u32 *)(r10 -4) = r1");
	in = INSN(0x79, 1, 6, 16, 0);
	dis_is(&in, 1, NULL, "(79) r1 = *(u64 *)(r6 +16)");
	in = INSN(0x91, 1, 6, 2, 0); /* ldsx s8 */
	dis_is(&in, 1, NULL, "(91) r1 = *(s8 *)(r6 +2)");
	in = INSN(0xbf, 1, 2, 8, 0); /* movsx */
	dis_is(&in, 1, NULL, "(bf) r1 = (s8)r2");
	in = INSN(0xbc, 1, 2, 16, 0);
	dis_is(&in, 1, NULL, "(bc) w1 = (s16)w2");
	in = INSN(0x85, 0, 0, 0, 1);
	dis_is(&in, 1, NULL, "(85) call bpf_map_lookup_elem#1");
	in = INSN(0x85, 0, 1, 0, 7);
	dis_is(&in, 1, NULL, "(85) call pc+7");
	in = INSN(0x85, 0, 1, 0, -3);
	dis_is(&in, 1, NULL, "(85) call pc-3");
	in = INSN(0x85, 0, 2, 0, 66103);
	dis_is(&in, 1, "bpf_wq_init", "(85) call bpf_wq_init#66103");
	in = INSN(0x55, 0, 0, 22, 0);
	dis_is(&in, 1, NULL, "(55) if r0 != 0x0 goto pc+22");
	in = INSN(0x5e, 1, 2, -5, 0);
	dis_is(&in, 1, NULL, "(5e) if w1 != w2 goto pc-5");
	in = INSN(0x05, 0, 0, 3, 0);
	dis_is(&in, 1, NULL, "(05) goto pc+3");
	in = INSN(0x06, 0, 0, 0, 70000);
	dis_is(&in, 1, NULL, "(06) gotol pc+70000");
	in = INSN(0xe5, 0, 0, 4, 0);
	dis_is(&in, 1, NULL, "(e5) may_goto pc+4");
	in = INSN(0x95, 0, 0, 0, 0);
	dis_is(&in, 1, NULL, "(95) exit");
	in = INSN(0xdc, 1, 0, 0, 16);
	dis_is(&in, 1, NULL, "(dc) r1 = be16 r1");
	in = INSN(0xd7, 1, 0, 0, 32);
	dis_is(&in, 1, NULL, "(d7) r1 = bswap32 r1");
	in = INSN(0xdb, 1, 2, 8, BPF_ADD);
	dis_is(&in, 1, NULL, "(db) lock *(u64 *)(r1 +8) += r2");
	in = INSN(0xc3, 1, 2, 0, BPF_ADD | BPF_FETCH);
	dis_is(&in, 1, NULL, "(c3) r2 = atomic_fetch_add((u32 *)(r1 +0), r2)");
	in = INSN(0xdb, 1, 2, 0, BPF_CMPXCHG);
	dis_is(&in, 1, NULL, "(db) r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)");
	in = INSN(0xdb, 1, 3, -8, BPF_XCHG);
	dis_is(&in, 1, NULL, "(db) r3 = atomic64_xchg((u64 *)(r1 -8), r3)");
	in = INSN(0x3f, 1, 2, 1, 0);
	dis_is(&in, 1, NULL, "(3f) r1 s/= r2");
	in = INSN(0x87, 3, 0, 0, 0);
	dis_is(&in, 1, NULL, "(87) r3 = -r3");
	in = INSN(0x72, 10, 0, -1, 5);
	dis_is(&in, 1, NULL, "(72) *(u8 *)(r10 -1) = 5");
	dis_is(ld, 2, NULL, "(18) r1 = 0x15");
	dis_is(big, 2, NULL, "(18) r2 = 0x12ffffffff");
	dis_is(ld, 1, NULL, "BUG_ld_18");
}

static void test_helper_names(void **state)
{
	(void)state;
	assert_string_equal(bpfdis_helper_name(1), "bpf_map_lookup_elem");
	assert_string_equal(bpfdis_helper_name(148), "bpf_copy_from_user");
	assert_string_equal(bpfdis_helper_name(170), "bpf_timer_set_callback");
	assert_string_equal(bpfdis_helper_name(181), "bpf_loop");
	assert_null(bpfdis_helper_name(0));
	assert_null(bpfdis_helper_name(-1));
	assert_null(bpfdis_helper_name(100000));
}

static void log_line_is(const char *line, int ok, uint32_t want_insn, const char *want)
{
	uint32_t insn = 0;
	const char *t = NULL;
	size_t tl = 0;
	bool r = bpfdis_log_line(line, strlen(line), &insn, &t, &tl);

	assert_int_equal(r, ok);
	if (!ok)
		return;
	assert_int_equal(insn, want_insn);
	assert_int_equal(tl, strlen(want));
	assert_memory_equal(t, want, tl);
}

static void test_log_line(void **state)
{
	(void)state;
	log_line_is("0: (b7) r7 = 0                        ; R7=0", 1, 0, "(b7) r7 = 0");
	log_line_is("6: (85) call bpf_map_lookup_elem#1", 1, 6, "(85) call bpf_map_lookup_elem#1");
	log_line_is("     12: .12....... (85) call pc+7", 1, 12, "(85) call pc+7");
	log_line_is("11: (55) if r2 != 0x1 goto pc+2 14: R0=map_value_or_null(id=1) R10=fp0", 1, 11,
		    "(55) if r2 != 0x1 goto pc+2");
	log_line_is("17: (85) call bpf_timer_set_callback#170 24: R1=map_ptr() async_cb", 1, 17,
		    "(85) call bpf_timer_set_callback#170");
	log_line_is("2: R7=0 R10=fp0 fp-8=0000????", 0, 0, NULL);
	log_line_is("from 17 to 24: R1=map_ptr()", 0, 0, NULL);
	log_line_is("; int k = 0; @ prog.bpf.c:49", 0, 0, NULL);
	log_line_is("func#0 @0", 0, 0, NULL);
	assert_true(bpfdis_text_eq("(18) r1 = 0xffff88814a58ee00", 28, "(18) r1 = 0x0",
				   BPFDIS_CMP_ADDR));
	assert_false(bpfdis_text_eq("(18) r2 = 0xffff88814a58ee00", 28, "(18) r1 = 0x0",
				    BPFDIS_CMP_ADDR));
	assert_true(bpfdis_text_eq("(85) call bpf_wq_init#66103", 27, "(85) call bpf_wq_init#0",
				   BPFDIS_CMP_KFUNC));
	assert_false(bpfdis_text_eq("(85) call bpf_wq_start#66103", 28, "(85) call bpf_wq_init#0",
				    BPFDIS_CMP_KFUNC));
	assert_false(bpfdis_text_eq("(85) call pc+7", 14, "(85) call pc+8", BPFDIS_CMP_EXACT));
}

static void test_section_info(void **state)
{
	uint32_t pt, at;
	bool sl;

	(void)state;
	assert_true(bpfobj_section_info("syscall", &pt, &at, &sl));
	assert_int_equal(pt, BPF_PROG_TYPE_SYSCALL);
	assert_true(sl);
	assert_true(bpfobj_section_info("uprobe.s", &pt, &at, &sl));
	assert_int_equal(pt, BPF_PROG_TYPE_KPROBE);
	assert_true(sl);
	assert_true(bpfobj_section_info("uprobe.s/bin/ls:main", &pt, &at, &sl));
	assert_true(sl);
	assert_true(bpfobj_section_info("uprobe/bin/ls:main", &pt, &at, &sl));
	assert_false(sl);
	assert_true(bpfobj_section_info("tc", &pt, &at, &sl));
	assert_int_equal(pt, BPF_PROG_TYPE_SCHED_CLS);
	assert_false(sl);
	assert_true(bpfobj_section_info("iter.s/task", &pt, &at, &sl));
	assert_int_equal(pt, BPF_PROG_TYPE_TRACING);
	assert_int_equal(at, BPF_TRACE_ITER);
	assert_true(sl);
	assert_true(bpfobj_section_info("?lsm.s/file_open", &pt, &at, &sl));
	assert_int_equal(pt, BPF_PROG_TYPE_LSM);
	assert_true(sl);
	/* newer than libbpf 1.1 */
	assert_true(bpfobj_section_info("struct_ops.s/init", &pt, &at, &sl));
	assert_int_equal(pt, BPF_PROG_TYPE_STRUCT_OPS);
	assert_true(sl);
	assert_true(bpfobj_section_info("tp_btf.s/sys_enter", &pt, &at, &sl));
	assert_true(sl);
	assert_true(bpfobj_section_info("xdp", &pt, &at, &sl));
	assert_int_equal(pt, BPF_PROG_TYPE_XDP);
	assert_false(sl);
	assert_false(bpfobj_section_info("no_such_section", &pt, &at, &sl));
	assert_false(sl);
	/* the callback table moved to src/rules (test_sleep.c checks it) */
}

/* ---- broken inputs ---- */

static void expect_error(const void *buf, size_t len, const char *needle)
{
	struct model *m = model_new();
	char err[256] = "";
	int rc;

	assert_non_null(m);
	rc = bpfobj_open_mem(m, buf, len, "x.o", err, sizeof(err));
	assert_true(rc < 0);
	assert_null(m->obj);
	assert_non_null(strstr(err, "x.o: "));
	assert_null(strchr(err, '\n'));
	if (needle && !strstr(err, needle))
		fail_msg("error '%s' lacks '%s'", err, needle);
	load_free(m);
}

static void test_bad_inputs(void **state)
{
	static const char garbage[200] = "\177ELF this is not really an object";
	size_t len = 0;
	char *ls;

	(void)state;
	expect_error("", 0, "truncated");
	expect_error("\177ELF", 4, "truncated");
	expect_error(garbage, sizeof(garbage), NULL);
	ls = corpus_slurp("/bin/ls", &len);
	if (ls) {
		expect_error(ls, len, "not a BPF object");
		expect_error(ls, 100, NULL);
		free(ls);
	}
}

/* every prefix and many corruptions of a real object: an error or a model, never a crash */
static void test_corrupt_objects(void **state)
{
	char path[PATH_MAX];
	size_t len = 0, cut, i;
	unsigned int seed = 12345;
	char *buf, *copy;

	(void)state;
	SKIP_NO_CORPUS();
	snprintf(path, sizeof(path), "%s/async_wq_timer_global_ok/prog.bpf.o", corpus_dir());
	buf = corpus_slurp(path, &len);
	assert_non_null(buf);
	copy = malloc(len);
	assert_non_null(copy);
	for (cut = 0; cut < len; cut += 1 + cut / 16) {
		struct model *m = model_new();
		char err[256];

		assert_non_null(m);
		if (bpfobj_open_mem(m, buf, cut, "cut.o", err, sizeof(err)) < 0)
			assert_non_null(strstr(err, "cut.o: "));
		load_free(m);
	}
	for (i = 0; i < 3000; i++) {
		struct model *m = model_new();
		char err[256];
		int k, flips = 1 + (int)(i % 8);

		assert_non_null(m);
		memcpy(copy, buf, len);
		for (k = 0; k < flips; k++) {
			seed = seed * 1103515245u + 12345u;
			copy[(seed >> 8) % len] ^= (char)(1u << ((seed >> 4) & 7));
		}
		if (bpfobj_open_mem(m, copy, len, "flip.o", err, sizeof(err)) == 0) {
			const struct bpfobj *o = m->obj;
			uint32_t p, n;
			char dis[128];

			for (p = 0; p < o->nprogs; p++)
				for (n = 0; n < o->progs[p].ninsns; n++)
					bpfobj_disasm(&o->progs[p], n, dis, sizeof(dis));
		}
		load_free(m);
	}
	free(copy);
	free(buf);
}

/* ---- the corpus ---- */

struct corpus_stats {
	unsigned objects, progs, logs, insn_lines, func_lines, Func_lines, cb_lines;
};

static struct corpus_stats stats;

static const char *skip_ws(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

/* check one log (NUL-terminated text) against program p */
static void check_log(const char *scen, const char *file, const struct bpfobj_prog *p,
		      const char *text)
{
	const char *line = text;
	uint32_t nfunc = 0;
	char obj[160];

	stats.logs++;
	while (*line) {
		const char *eol = strchr(line, '\n');
		size_t len = eol ? (size_t)(eol - line) : strlen(line);
		unsigned a, b;
		int used = 0;
		uint32_t insn;
		const char *t;
		size_t tl;

		char lb[256]; /* sscanf on the whole log would strlen() it every time */

		snprintf(lb, sizeof(lb), "%.*s", (int)(len < 255 ? len : 255), line);
		if (sscanf(lb, "func#%u @%u%n", &a, &b, &used) == 2 && (size_t)used == len) {
			stats.func_lines++;
			if (a >= p->nsubprogs || p->subprogs[a].start != b)
				fail_msg("%s/%s: func#%u @%u: object has %u subprogs, start %u", scen,
					 file, a, b, p->nsubprogs,
					 a < p->nsubprogs ? p->subprogs[a].start : 0);
			nfunc++;
		} else if (sscanf(lb, "Func#%u ('%n", &a, &used) == 1 && used > 0) {
			const char *q = strchr(line + used, '\'');
			size_t nl = q ? (size_t)(q - line - used) : 0;

			stats.Func_lines++;
			assert_true(a < p->nsubprogs);
			if (strlen(p->subprogs[a].name) != nl ||
			    memcmp(p->subprogs[a].name, line + used, nl))
				fail_msg("%s/%s: %.*s: object names func#%u '%s'", scen, file,
					 (int)len, line, a, p->subprogs[a].name);
			assert_int_equal(p->subprogs[a].linkage, LINKAGE_GLOBAL);
		} else if (sscanf(lb, "from %u to %u: %n", &a, &b, &used) == 2 && used > 0 &&
			   len > 3 && (!memcmp(line + len - 3, " cb", 3) ||
				       (len > 9 && !memcmp(line + len - 9, " async_cb", 9)))) {
			bool async = len > 9 && !memcmp(line + len - 9, " async_cb", 9);
			uint32_t k;
			bool found = false;

			for (k = 0; k < p->nsubprogs; k++)
				if (p->subprogs[k].start == b)
					break;
			if (k < p->nsubprogs) {
				stats.cb_lines++;
				for (uint32_t e = 0; e < p->nedges; e++) {
					const struct bpfobj_edge *ed = &p->edges[e];

					if (ed->insn == a && ed->to == k &&
					    ed->kind == (async ? EDGE_ASYNC_CALLBACK
							       : EDGE_CALLBACK))
						found = true;
				}
				if (!found)
					fail_msg("%s/%s: %.*s: no %s edge at insn %u to func#%u", scen,
						 file, (int)len, line, async ? "async" : "sync", a, k);
			}
		} else if (bpfdis_log_line(line, len, &insn, &t, &tl)) {
			stats.insn_lines++;
			if (insn >= p->ninsns)
				fail_msg("%s/%s: insn %u beyond the image (%u)", scen, file, insn,
					 p->ninsns);
			if (!bpfobj_insn_matches(p, insn, t, tl, obj, sizeof(obj)))
				fail_msg("%s/%s: insn %u: log '%.*s' vs object '%s'", scen, file,
					 insn, (int)tl, t, obj);
		}
		line = eol ? eol + 1 : line + len;
	}
	if (nfunc && nfunc != p->nsubprogs)
		fail_msg("%s/%s: log has %u func# lines, object %u subprogs", scen, file, nfunc,
			 p->nsubprogs);
	(void)skip_ws;
}


/* the first 4 MB of PATH.xz, cut at the last complete line; NULL when absent */
static char *read_xz_head(const char *path)
{
	char cmd[PATH_MAX * 2 + 64], *buf, *nl;
	size_t cap = 4u << 20, n;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "%s.xz", path);
	if (access(cmd, R_OK) != 0)
		return NULL;
	snprintf(cmd, sizeof(cmd), "xz -dc '%s.xz' 2>/dev/null | head -c %zu", path, cap);
	f = popen(cmd, "r");
	if (!f)
		return NULL;
	buf = malloc(cap + 1);
	n = buf ? fread(buf, 1, cap, f) : 0;
	pclose(f);
	if (!buf || !n) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	nl = strrchr(buf, '\n');
	if (nl)
		nl[1] = '\0';
	return buf;
}

static void check_prog_logs(const char *dir, const char *scen, const struct bpfobj_prog *p,
			    bool first)
{
	static const char *const lv[] = { "log1", "log2" };
	char path[PATH_MAX * 2];
	size_t i, len;

	for (i = 0; i < 2; i++) {
		char *text;

		if (first)
			snprintf(path, sizeof(path), "%s/%s.txt", dir, lv[i]);
		else
			snprintf(path, sizeof(path), "%s/%s.%s.txt", dir, lv[i], p->name);
		text = corpus_slurp(path, &len);
		if (!text)
			text = read_xz_head(path);
		if (!text) {
			print_message("# %s: no %s (absent, or compressed and no xz), not checked\n",
				      scen, strrchr(path, '/') + 1);
			continue;
		}
		check_log(scen, strrchr(path, '/') + 1, p, text);
		free(text);
	}
}

static void check_verdict_prog(const char *scen, const struct bpfobj *o, const cJSON *j,
			       const char *dir, bool first)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(j, "prog");
	const cJSON *sec = cJSON_GetObjectItemCaseSensitive(j, "section");
	const cJSON *sl = cJSON_GetObjectItemCaseSensitive(j, "sleepable");
	const struct bpfobj_prog *p;

	if (!cJSON_IsString(name))
		name = cJSON_GetObjectItemCaseSensitive(j, "name");
	assert_true(cJSON_IsString(name));
	p = bpfobj_prog_by_name(o, name->valuestring);
	if (!p)
		fail_msg("%s: no program %s in the object", scen, name->valuestring);
	if (cJSON_IsString(sec))
		assert_string_equal(p->section, sec->valuestring);
	if (cJSON_IsBool(sl) && cJSON_IsTrue(sl) != p->sleepable)
		fail_msg("%s: %s: sleepable %d, verdict.json says %d", scen, p->name, p->sleepable,
			 cJSON_IsTrue(sl));
	stats.progs++;
	check_prog_logs(dir, scen, p, first);
}

static void check_scenario(const char *scen)
{
	char dir[PATH_MAX], path[PATH_MAX * 2], err[256];
	struct model *m;
	cJSON *j, *progs;
	size_t len;
	char *vj;
	int rc;

	snprintf(dir, sizeof(dir), "%s/%s", corpus_dir(), scen);
	snprintf(path, sizeof(path), "%s/prog.bpf.o", dir);
	m = open_obj(path, err, sizeof(err), &rc);
	if (rc)
		fail_msg("%s: %s", scen, err);
	stats.objects++;
	snprintf(path, sizeof(path), "%s/verdict.json", dir);
	vj = corpus_slurp(path, &len);
	assert_non_null(vj);
	j = cJSON_Parse(vj);
	assert_non_null(j);
	check_verdict_prog(scen, m->obj, j, dir, true);
	progs = cJSON_GetObjectItemCaseSensitive(j, "programs");
	if (cJSON_IsArray(progs)) {
		const cJSON *it;
		const cJSON *first = cJSON_GetObjectItemCaseSensitive(j, "prog");
		int n = 0;

		cJSON_ArrayForEach(it, progs)
		{
			const cJSON *nm = cJSON_GetObjectItemCaseSensitive(it, "prog");

			if (!cJSON_IsString(nm))
				nm = cJSON_GetObjectItemCaseSensitive(it, "name");
			n++;
			if (cJSON_IsString(nm) && cJSON_IsString(first) &&
			    !strcmp(nm->valuestring, first->valuestring))
				continue;
			check_verdict_prog(scen, m->obj, it, dir, false);
		}
		assert_int_equal(n, m->obj->nprogs);
	} else {
		assert_int_equal(m->obj->nprogs, 1);
	}
	cJSON_Delete(j);
	free(vj);
	load_free(m);
}

static void test_corpus(void **state)
{
	struct dirent **ents;
	int n, i;

	(void)state;
	SKIP_NO_CORPUS();
	n = scandir(corpus_dir(), &ents, NULL, alphasort);
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		char path[PATH_MAX * 2];

		snprintf(path, sizeof(path), "%s/%s/prog.bpf.o", corpus_dir(), ents[i]->d_name);
		if (ents[i]->d_name[0] != '.' && access(path, R_OK) == 0)
			check_scenario(ents[i]->d_name);
		free(ents[i]);
	}
	free(ents);
	print_message("# corpus: %u objects, %u programs, %u logs, %u insn lines, %u func# lines, "
		      "%u Func# lines, %u callback pops checked\n",
		      stats.objects, stats.progs, stats.logs, stats.insn_lines, stats.func_lines,
		      stats.Func_lines, stats.cb_lines);
	assert_true(stats.objects >= 27);
}


/* ---- join ---- */

/*
 * A hand-built model of a log, as the log parser would leave it: the text,
 * one program (named or not), func#N @M subprogs, and either insn_line
 * offsets (pointing at "(xx)", as vlog does) or steps.
 */
static struct model *model_from_log(char *text, size_t len, const char *name, bool use_steps)
{
	struct model *m = model_new();
	struct program *p;
	size_t off = 0;

	assert_non_null(m);
	m->log.buf = text;
	m->log.len = len;
	m->log.heap = text;
	p = model_add_program(m);
	assert_non_null(p);
	if (name)
		p->name = strtab_intern_cstr(&m->str, name);
	while (off < len) {
		const char *line = text + off, *eol = memchr(line, '\n', len - off);
		size_t ll = eol ? (size_t)(eol - line) : len - off;
		unsigned a, b;
		int used = 0;
		uint32_t insn;
		const char *t;
		size_t tl;

		char lb[64];

		snprintf(lb, sizeof(lb), "%.*s", (int)(ll < 63 ? ll : 63), line);
		p = model_prog(m, 0);
		if (sscanf(lb, "func#%u @%u%n", &a, &b, &used) == 2 && (size_t)used == ll) {
			struct subprog *sp = vec_push(&p->subprogs);

			assert_non_null(sp);
			sp->id = a;
			sp->start = b;
			sp->end = IDX_NONE;
			sp->might_sleep = -1;
		} else if (bpfdis_log_line(line, ll, &insn, &t, &tl)) {
			if (use_steps) {
				struct step st = { .off = off, .insn = insn };

				assert_int_equal(program_add_step(p, &st), 0);
			} else {
				uint32_t i, n = insn + 1;

				if (n > p->ninsns) {
					p->insn_line = realloc(p->insn_line, n * sizeof(uint64_t));
					p->visits = realloc(p->visits, n * sizeof(uint32_t));
					assert_non_null(p->insn_line);
					assert_non_null(p->visits);
					for (i = p->ninsns; i < n; i++) {
						p->insn_line[i] = UINT64_MAX;
						p->visits[i] = 0;
					}
					p->ninsns = n;
				}
				if (p->insn_line[insn] == UINT64_MAX)
					p->insn_line[insn] = (uint64_t)(t - text);
				p->visits[insn]++;
			}
		}
		off += ll + 1;
	}
	return m;
}

static int open_obj_into(struct model *m, const char *scen)
{
	char path[PATH_MAX], err[256];
	size_t len = 0;
	char *buf;
	int rc;

	snprintf(path, sizeof(path), "%s/%s/prog.bpf.o", corpus_dir(), scen);
	buf = corpus_slurp(path, &len);
	assert_non_null(buf);
	rc = bpfobj_open_mem(m, buf, len, "prog.bpf.o", err, sizeof(err));
	free(buf);
	if (rc)
		fail_msg("%s: %s", scen, err);
	return rc;
}

static char *corpus_log(const char *scen, const char *file, size_t *len)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s/%s", corpus_dir(), scen, file);
	return corpus_slurp(path, len);
}

static void print_warnings(const struct model *m)
{
	uint32_t i;

	for (i = 0; i < m->warnings.n; i++)
		print_message("#   warning: %s\n", strtab_get(&m->str, m->warnings.v[i]));
}

/* join one log with its object and check what the program gained */
static void join_ok(const char *scen, const char *file, const char *want, const char *name,
		    bool use_steps)
{
	size_t len = 0;
	char *text = corpus_log(scen, file, &len), err[256];
	const struct bpfobj_prog *op;
	const struct program *p;
	struct model *m;
	uint32_t i, k, nwarn;

	assert_non_null(text);
	m = model_from_log(text, len, name, use_steps);
	open_obj_into(m, scen);
	nwarn = m->warnings.n; /* struct_no_btf: "no BTF" */
	assert_int_equal(bpfobj_join(m, err, sizeof(err)), 0);
	op = bpfobj_joined(m, 0);
	if (!op || strcmp(op->name, want)) {
		print_warnings(m);
		fail_msg("%s/%s: joined with %s, want %s", scen, file, op ? op->name : "nothing",
			 want);
	}
	p = model_prog(m, 0);
	assert_string_equal(strtab_get(&m->str, p->section), op->section);
	assert_int_equal(p->sleepable, op->sleepable);
	assert_int_equal(p->subprogs.n, op->nsubprogs);
	assert_true(p->ninsns >= op->ninsns);
	for (i = 0; i < p->subprogs.n; i++) {
		const struct subprog *s = &p->subprogs.v[i];

		assert_int_equal(s->start, op->subprogs[s->id].start);
		assert_int_equal(s->end, op->subprogs[s->id].end);
		assert_string_equal(strtab_get(&m->str, s->name), op->subprogs[s->id].name);
		assert_true(s->linkage != LINKAGE_UNKNOWN);
		assert_true(s->roles & (ROLE_MAIN | ROLE_STATIC | ROLE_GLOBAL));
		if (i)
			assert_true(s->start > p->subprogs.v[i - 1].start);
	}
	assert_int_equal(program_cold(p)->edges.n, op->nedges);
	for (k = 0; k < program_cold(p)->edges.n; k++) {
		const struct subprog *to = program_subprog_by_id(p, program_cold(p)->edges.v[k].to);

		assert_non_null(to);
		if (program_cold(p)->edges.v[k].kind == EDGE_ASYNC_CALLBACK)
			assert_true(to->roles & ROLE_ASYNC_CALLBACK);
		if (program_cold(p)->edges.v[k].kind == EDGE_CALLBACK)
			assert_true(to->roles & ROLE_CALLBACK);
	}
	if (m->warnings.n != nwarn) {
		print_warnings(m);
		fail_msg("%s/%s: warnings on a matching join", scen, file);
	}
	load_free(m);
}

static void test_join_corpus(void **state)
{
	struct dirent **ents;
	int n, i;
	unsigned joins = 0;

	(void)state;
	SKIP_NO_CORPUS();
	n = scandir(corpus_dir(), &ents, NULL, alphasort);
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		const char *scen = ents[i]->d_name;
		char path[PATH_MAX * 2], *vj;
		size_t len;
		cJSON *j;
		const cJSON *pr, *progs, *it;

		snprintf(path, sizeof(path), "%s/%s/verdict.json", corpus_dir(), scen);
		vj = scen[0] != '.' ? corpus_slurp(path, &len) : NULL;
		if (!vj) {
			free(ents[i]);
			continue;
		}
		j = cJSON_Parse(vj);
		assert_non_null(j);
		pr = cJSON_GetObjectItemCaseSensitive(j, "prog");
		snprintf(path, sizeof(path), "%s/%s/log2.txt", corpus_dir(), scen);
		if (access(path, R_OK) == 0) {
			join_ok(scen, "log2.txt", pr->valuestring, NULL, false);
			join_ok(scen, "log2.txt", pr->valuestring, NULL, true);
			join_ok(scen, "log2.txt", pr->valuestring, pr->valuestring, false);
			joins += 3;
		}
		progs = cJSON_GetObjectItemCaseSensitive(j, "programs");
		cJSON_ArrayForEach(it, progs)
		{
			const cJSON *nm = cJSON_GetObjectItemCaseSensitive(it, "prog");
			char file[256];

			if (!cJSON_IsString(nm))
				nm = cJSON_GetObjectItemCaseSensitive(it, "name");
			if (!cJSON_IsString(nm) || !strcmp(nm->valuestring, pr->valuestring))
				continue;
			snprintf(file, sizeof(file), "log2.%s.txt", nm->valuestring);
			join_ok(scen, file, nm->valuestring, NULL, false);
			join_ok(scen, file, nm->valuestring, nm->valuestring, true);
			joins += 2;
		}
		cJSON_Delete(j);
		free(vj);
		free(ents[i]);
	}
	free(ents);
	print_message("# %u joins checked\n", joins);
	assert_true(joins >= 80);
}

/* the log of one object, the object of another: a warning, the log alone */
static void test_join_mismatch(void **state)
{
	size_t len = 0;
	char *text, err[256];
	struct model *m;
	const struct program *p;
	const char *w;

	(void)state;
	SKIP_NO_CORPUS();
	text = corpus_log("async_wq_timer_global_ok", "log2.txt", &len);
	assert_non_null(text);
	m = model_from_log(text, len, NULL, false);
	open_obj_into(m, "async_wq_in_sleepable_ok");
	assert_int_equal(bpfobj_join(m, err, sizeof(err)), 0);
	assert_null(bpfobj_joined(m, 0));
	p = model_prog(m, 0);
	assert_int_equal(p->section, STR_NONE);
	assert_int_equal(p->sleepable, -1);
	assert_int_equal(m->warnings.n, 1);
	w = strtab_get(&m->str, m->warnings.v[0]);
	print_message("# %s\n", w);
	assert_non_null(strstr(w, "using the log alone"));
	load_free(m);

	/* same object, a log whose instruction was changed */
	text = corpus_log("async_wq_timer_global_ok", "log2.txt", &len);
	assert_non_null(text);
	{
		char *x = strstr(text, "\n7: (bf) r6 = r0");

		assert_non_null(x);
		memcpy(x + 1, "7: (bf) r6 = r1", 15);
	}
	m = model_from_log(text, len, "prog", true);
	open_obj_into(m, "async_wq_timer_global_ok");
	assert_int_equal(bpfobj_join(m, err, sizeof(err)), 0);
	assert_null(bpfobj_joined(m, 0));
	assert_int_equal(m->warnings.n, 1);
	w = strtab_get(&m->str, m->warnings.v[0]);
	print_message("# %s\n", w);
	assert_non_null(strstr(w, "first differing insn 7: log '(bf) r6 = r1' vs object '(bf) r6 = r0'"));
	load_free(m);

	/* a log naming a program the object lacks */
	text = corpus_log("async_wq_timer_global_ok", "log2.txt", &len);
	m = model_from_log(text, len, "nosuchprog", false);
	open_obj_into(m, "async_wq_timer_global_ok");
	assert_int_equal(bpfobj_join(m, err, sizeof(err)), 0);
	assert_null(bpfobj_joined(m, 0));
	assert_non_null(strstr(strtab_get(&m->str, m->warnings.v[0]), "no program 'nosuchprog'"));
	load_free(m);
}

/* no log: one program per object program */
static void test_join_object_only(void **state)
{
	struct model *m;
	char err[256];
	uint32_t i;

	(void)state;
	SKIP_NO_CORPUS();
	m = model_new();
	assert_non_null(m);
	open_obj_into(m, "struct_multi_prog");
	assert_int_equal(bpfobj_join(m, err, sizeof(err)), 0);
	assert_int_equal(m->progs.n, 4);
	for (i = 0; i < m->progs.n; i++) {
		const struct program *p = model_prog(m, i);
		const struct bpfobj_prog *op = bpfobj_joined(m, i);

		assert_non_null(op);
		assert_int_equal(p->verdict, VERDICT_UNKNOWN);
		assert_string_equal(strtab_get(&m->str, p->name), op->name);
		assert_int_equal(p->subprogs.n, 2);
		assert_int_equal(p->subprogs.v[1].linkage, LINKAGE_GLOBAL);
		assert_int_equal(p->ninsns, op->ninsns);
		assert_int_equal(program_cold(p)->edges.n, 1);
		assert_int_equal(program_cold(p)->edges.v[0].kind, EDGE_CALL);
	}
	assert_string_equal(strtab_get(&m->str, model_prog(m, 0)->section), "syscall");
	assert_int_equal(model_prog(m, 0)->sleepable, 1);
	assert_string_equal(strtab_get(&m->str, model_prog(m, 1)->section), "uprobe.s");
	assert_int_equal(model_prog(m, 1)->sleepable, 1);
	assert_string_equal(strtab_get(&m->str, model_prog(m, 2)->section), "tc");
	assert_int_equal(model_prog(m, 2)->sleepable, 0);
	load_free(m);
}

/* facts about particular objects */
static void test_object_facts(void **state)
{
	const struct bpfobj_prog *p;
	const struct bpfobj_line *l;
	struct model *m;

	(void)state;
	SKIP_NO_CORPUS();
	m = model_new();
	open_obj_into(m, "async_wq_timer_global_ok");
	assert_string_equal(m->obj->license, "GPL");
	assert_true(m->obj->has_btf && m->obj->has_btf_ext);
	p = bpfobj_prog_by_name(m->obj, "prog");
	assert_non_null(p);
	assert_int_equal(p->ninsns, 51);
	assert_int_equal(p->nsubprogs, 4);
	assert_string_equal(p->subprogs[1].name, "wq_cb");
	assert_string_equal(p->subprogs[2].name, "helper_global");
	assert_string_equal(p->subprogs[3].name, "timer_cb");
	assert_int_equal(p->subprogs[1].linkage, LINKAGE_STATIC);
	assert_int_equal(p->subprogs[2].linkage, LINKAGE_GLOBAL);
	assert_string_equal(p->subprogs[0].proto, "int prog(void *ctx)");
	assert_string_equal(p->subprogs[2].proto, "int helper_global(long p)");
	/* wq callback: ld_imm64 at 17 into r2, consumed by the kfunc at 21 */
	assert_int_equal(p->nedges, 4);
	assert_int_equal(p->edges[0].ld_insn, 17);
	assert_int_equal(p->edges[0].insn, 21);
	assert_int_equal(p->edges[0].to, 1);
	assert_int_equal(p->edges[0].kind, EDGE_ASYNC_CALLBACK);
	assert_int_equal(p->edges[0].sleepable, 1);
	assert_int_equal(p->edges[0].arg_reg, 2);
	assert_string_equal(p->edges[0].via, "bpf_wq_set_callback_impl");
	assert_int_equal(p->edges[1].insn, 33);
	assert_int_equal(p->edges[1].sleepable, 0);
	assert_string_equal(p->edges[1].via, "bpf_timer_set_callback");
	assert_int_equal(p->edges[2].kind, EDGE_CALL);
	assert_int_equal(p->edges[2].insn, 35);
	assert_int_equal(p->edges[3].from, 1);
	assert_int_equal(p->edges[3].to, 2);
	assert_int_equal(p->info[4].kind, BPFOBJ_INSN_MAP);
	assert_string_equal(p->info[4].name, "amap");
	assert_int_equal(p->info[15].kind, BPFOBJ_INSN_KFUNC);
	assert_string_equal(p->info[15].name, "bpf_wq_init");
	assert_int_equal(p->info[44].kind, BPFOBJ_INSN_MAP_VALUE);
	l = bpfobj_line_at(p, 1);
	assert_non_null(l);
	assert_int_equal(l->line, 49);
	assert_non_null(strstr(l->file, "prog.bpf.c"));
	assert_string_equal(l->src, "\tint k = 0;");
	l = bpfobj_line_at(p, 47); /* inside helper_global, appended at 43 */
	assert_non_null(l);
	assert_non_null(strstr(l->src, "bpf_copy_from_user"));
	load_free(m);

	/* no BTF: a warning, names from ELF symbols, no lines */
	m = model_new();
	open_obj_into(m, "struct_no_btf");
	assert_false(m->obj->has_btf);
	assert_int_equal(m->warnings.n, 1);
	assert_non_null(strstr(strtab_get(&m->str, m->warnings.v[0]), "no BTF"));
	p = &m->obj->progs[0];
	assert_int_equal(p->nlines, 0);
	assert_null(bpfobj_line_at(p, 0));
	assert_string_equal(p->subprogs[1].name, "classify");
	assert_null(p->subprogs[1].proto);
	load_free(m);

	/* a sync callback: bpf_loop(nr, cb, ctx, flags), pointer in r2 */
	m = model_new();
	open_obj_into(m, "cb_bpf_loop_tc_rej");
	p = &m->obj->progs[0];
	assert_int_equal(p->nedges, 1);
	assert_int_equal(p->edges[0].kind, EDGE_CALLBACK);
	assert_string_equal(p->edges[0].via, "bpf_loop");
	assert_int_equal(p->edges[0].arg_reg, 2);
	assert_int_equal(p->edges[0].sleepable, -1);
	load_free(m);

	/* task_work: the callback is the 4th argument */
	m = model_new();
	open_obj_into(m, "async_task_work_from_tc_ok");
	p = &m->obj->progs[0];
	assert_int_equal(p->nedges, 1);
	assert_int_equal(p->edges[0].arg_reg, 4);
	assert_int_equal(p->edges[0].sleepable, 1);
	assert_string_equal(p->edges[0].via, "bpf_task_work_schedule_signal_impl");
	load_free(m);
}

/*
 * The join makes the per-insn tables cover the object's image: a level-1
 * log shows a few insns of a longer program, the rest reads as unseen.
 */
static void test_join_grows_insn_tables(void **state)
{
	static const char *const logs[] = { "samples/arm_wq_global_tc_rej.log1",
					    "samples/arm_wq_global_tc_rej.log2" };
	uint32_t k, i;

	(void)state;
	for (k = 0; k < 2; k++) {
		char *files[2] = { (char *)"samples/arm_wq_global_tc_rej.bpf.o", (char *)logs[k] };
		struct model *m = model_new();
		const struct bpfobj_prog *op;
		const struct program *p;
		char err[256];
		uint32_t seen = 0;

		assert_non_null(m);
		assert_int_equal(load_files(m, files, 2, NULL, err, sizeof(err)), 0);
		p = model_prog(m, 0);
		op = bpfobj_joined(m, 0);
		assert_non_null(op);
		assert_int_equal(p->ninsns, op->ninsns); /* not the capacity the log grew */
		for (i = 0; i < p->ninsns; i++) {
			const struct insn_fact *f = program_insn(p, i);

			assert_true(!f || p->insn_line[i] != UINT64_MAX);
			seen += f != NULL;
		}
		assert_true(seen > 0);
		if (!k)
			assert_true(seen < op->ninsns); /* the level-1 log shows only some */
		load_free(m);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_disasm_forms),
		cmocka_unit_test(test_helper_names),
		cmocka_unit_test(test_log_line),
		cmocka_unit_test(test_section_info),
		cmocka_unit_test(test_bad_inputs),
		cmocka_unit_test(test_corrupt_objects),
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_object_facts),
		cmocka_unit_test(test_join_corpus),
		cmocka_unit_test(test_join_mismatch),
		cmocka_unit_test(test_join_object_only),
		cmocka_unit_test(test_join_grows_insn_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
