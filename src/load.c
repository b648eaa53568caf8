// SPDX-License-Identifier: MIT
/*
 * load.c — FILE... to model. A file is an ELF object when it starts with
 * the ELF magic, else a verifier log; "-" is a log on stdin. The log is
 * mmapped read-only (a pipe is read into one growing buffer); its NUL
 * bytes are the parser's (vlog_parse).
 *
 * The one load path: load_files() (the command line), load_log_mem() (tests
 * and fuzzers) and `record` (a log it just recorded) all end in
 * load_model(): parse, join with the object, run the sleepable analysis.
 * Whoever loads owns what the parsers and analyses built for the model (the
 * object, the state caches) and frees it with load_free(); the model
 * itself frees only its own arrays and its log.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/bpf.h>

#include "parsers/bpfobj.h"
#include "parsers/vlog.h"
#include "src/load.h"
#include "src/analysis/sleep.h"
#include "src/analysis/state.h"

/*
 * A mapped file that shrinks or is rewritten while we read it faults with
 * SIGBUS at the first page past its new end. Each mapping keeps the line to
 * say then (the TUI puts its own handler in front, to restore the terminal
 * first); a fault outside our mappings is not ours and keeps its default.
 */
#define BUS_MAPS 4
static struct bus_map {
	const char *volatile base;
	size_t len;
	char msg[768];
	size_t msglen;
} bus_maps[BUS_MAPS];
static void (*volatile bus_cleanup)(void);

void load_on_fault(void (*cleanup)(void))
{
	bus_cleanup = cleanup;
}

static void on_bus(int sig, siginfo_t *si, void *uc)
{
	const char *a = si ? (const char *)si->si_addr : NULL;
	size_t i;

	(void)uc;
	for (i = 0; i < BUS_MAPS; i++) {
		const char *b = bus_maps[i].base;

		if (b && a >= b && a < b + bus_maps[i].len) {
			void (*c)(void) = bus_cleanup;

			if (c)
				c();
			if (write(2, bus_maps[i].msg, bus_maps[i].msglen) < 0) {
				/* nothing more to say */
			}
			_exit(1);
		}
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void bus_watch(const void *base, size_t len, const char *path)
{
	static bool installed;
	char safe[512];
	size_t i, k;

	for (i = 0; i < BUS_MAPS && bus_maps[i].base; i++)
		;
	if (i == BUS_MAPS)
		return;
	/* the name is untrusted text for the terminal: control bytes become '?' */
	for (k = 0; path[k] && k < sizeof(safe) - 1; k++)
		safe[k] = (unsigned char)path[k] < 0x20 || path[k] == 0x7f ? '?' : path[k];
	safe[k] = '\0';
	snprintf(bus_maps[i].msg, sizeof(bus_maps[i].msg),
		 "veristep: %s: the file shrank or was rewritten while it was read; "
		 "nothing more can be read from it (run again on a copy that does not change)\n",
		 safe);
	bus_maps[i].msglen = strlen(bus_maps[i].msg);
	bus_maps[i].len = len;
	bus_maps[i].base = base;
	if (!installed) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_bus;
		sa.sa_flags = SA_SIGINFO;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGBUS, &sa, NULL);
		installed = true;
	}
}

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22 /* Linux 5.14 */
#endif

/*
 * A big file already in the page cache (a log just recorded, or read
 * before) is mapped in at once: cheaper than a fault every 64 KB while it
 * is parsed (7% of `report` on the 762 MB log). A file still on disk is
 * left to be read as it is parsed, with its progress line. 32 pages spread
 * over the file tell which; an old kernel ignores the request.
 */
static void populate_if_cached(void *map, size_t len)
{
	long pg = sysconf(_SC_PAGESIZE);
	unsigned char v;

	if (len < (16u << 20) || pg <= 0)
		return;
	for (size_t i = 0; i < 32; i++) {
		size_t off = (len / 32 * i) & ~((size_t)pg - 1);

		if (mincore((char *)map + off, 1, &v) || !(v & 1))
			return;
	}
	madvise(map, len, MADV_POPULATE_READ);
}

/* unmap a file mapped by open_input() */
static void bus_unmap(void *base, size_t len)
{
	size_t i;

	for (i = 0; i < BUS_MAPS; i++)
		if (bus_maps[i].base == base)
			bus_maps[i].base = NULL;
	munmap(base, len);
}

static int read_all_fd(int fd, char **out, size_t *outlen)
{
	size_t cap = 1 << 16, len = 0, zrun = 0, i;
	char *buf = malloc(cap);

	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t r;

		if (len == cap) {
			char *nb;

			if (cap > ((size_t)1 << 40)) {
				free(buf);
				return -E2BIG;
			}
			cap *= 2;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				return -ENOMEM;
			}
			buf = nb;
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			r = -errno;
			free(buf);
			return (int)r;
		}
		if (r == 0)
			break;
		/* NUL padding may separate logs; 16 MiB of NULs in a row is the end (/dev/zero) */
		for (i = len; i < len + (size_t)r; i++)
			zrun = buf[i] ? 0 : zrun + 1;
		len += (size_t)r;
		if (zrun >= ((size_t)16 << 20))
			break;
	}
	*out = buf;
	*outlen = len;
	return 0;
}

static bool is_elf(const char *buf, size_t len)
{
	return len >= 4 && !memcmp(buf, "\177ELF", 4);
}

/* a compressed file is not a log: say which compressor, so the user knows what to run */
static const char *compressed_kind(const char *buf, size_t len)
{
	static const struct {
		const char *magic;
		size_t n;
		const char *what;
	} kinds[] = {
		{ "\xfd"
		  "7zXZ\0",
		  6, "xz-compressed (run xz -d on it first)" },
		{ "\x1f\x8b", 2, "gzip-compressed (run gzip -d on it first)" },
		{ "\x28\xb5\x2f\xfd", 4, "zstd-compressed (run zstd -d on it first)" },
		{ "BZh", 3, "bzip2-compressed (run bzip2 -d on it first)" },
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (len >= kinds[i].n && !memcmp(buf, kinds[i].magic, kinds[i].n))
			return kinds[i].what;
	return NULL;
}

/* open a named file: classify it, keep it mapped (map) or read (heap) */
static int open_input(const char *path, void **map, size_t *maplen, char **heap, size_t *len,
		      char *err, size_t errlen)
{
	struct stat st;
	int fd, rc = 0;

	*map = NULL;
	*heap = NULL;
	*maplen = *len = 0;
	if (!strcmp(path, "-")) {
		rc = read_all_fd(0, heap, len);
		if (rc)
			snprintf(err, errlen, "-: cannot read stdin: %s", strerror(-rc));
		return rc;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return rc;
	}
	if (fstat(fd, &st) < 0) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out_close;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = -EISDIR;
		snprintf(err, errlen, "%s: is a directory, not a log or an object", path);
		goto out_close;
	}
	if (S_ISREG(st.st_mode)) {
		if (st.st_size == 0)
			goto out_close; /* an empty log */
		*map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (*map == MAP_FAILED) {
			*map = NULL;
			rc = -errno;
			snprintf(err, errlen, "%s: cannot map: %s", path, strerror(errno));
			goto out_close;
		}
		madvise(*map, (size_t)st.st_size, MADV_SEQUENTIAL);
		bus_watch(*map, (size_t)st.st_size, path);
		populate_if_cached(*map, (size_t)st.st_size);
		*maplen = *len = (size_t)st.st_size;
	} else {
		rc = read_all_fd(fd, heap, len);
		if (rc)
			snprintf(err, errlen, "%s: cannot read: %s", path, strerror(-rc));
	}
out_close:
	close(fd);
	return rc;
}

/* why a log gave no program: empty, binary, or text with no verifier line in it */
static void no_log_reason(const struct model *m, size_t file_len, char *buf, size_t n)
{
	size_t i, ctl = 0, lines = 0, look = m->log.len < 65536 ? m->log.len : 65536;

	if (!file_len) {
		snprintf(buf, n, "empty file");
		return;
	}
	for (i = 0; i < look; i++) {
		unsigned char c = (unsigned char)m->log.buf[i];

		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
			ctl++;
	}
	if (!m->log.len || ctl * 20 > look) {
		snprintf(buf, n, "binary data");
		return;
	}
	for (i = 0; i < m->log.len; i++)
		lines += m->log.buf[i] == '\n';
	if (m->log.len && m->log.buf[m->log.len - 1] != '\n')
		lines++;
	snprintf(buf, n, "%zu line%s of text, none from the BPF verifier", lines,
		 lines == 1 ? "" : "s");
}

/*
 * A log and an object that may not belong together, though the join found
 * no differing insn: the object's own answer contradicts the log. The
 * object makes the program sleepable while the log's error is about a
 * non-sleepable program; or, under the log's own dialect, the object
 * predicts a sleepable-context refusal of a program the log says was
 * accepted (level 2 only: a level-1 log shows no dialect). A warning each
 * (in report and json). The source lines the log prints are held to the
 * object's line info by the join (parsers/bpfobj_join.c).
 */
/*
 * The kernel never explores a global function inside its caller: it
 * validates it alone (frame 0) and takes the call as valid. So a step in a
 * global of the object at frame > 0, or a function the log validates as
 * global that the object makes static, says the two are not of one build.
 */
static void check_linkage(struct model *m, const struct program *p, const char *name)
{
	uint32_t i, k, pi = p->idx;

	for (i = 0; i < p->subprogs.n; i++) {
		const struct subprog *s = &p->subprogs.v[i];
		const char *sn = s->name ? strtab_get(&m->str, s->name) : "?";

		if (s->linkage == LINKAGE_STATIC && (s->roles & ROLE_GLOBAL)) {
			model_warn_prog(m, pi,
					"program '%s': the object makes %s() static, the "
					"log validates it as a global function: the log and the "
					"object may not belong together",
					name, sn);
			return;
		}
		if (s->linkage != LINKAGE_GLOBAL || s->end == IDX_NONE)
			continue;
		for (k = 0; k < p->steps.n; k++) {
			struct step st = step_at(p, k);

			if (st.frame && st.insn >= s->start && st.insn < s->end)
				break;
		}
		if (k < p->steps.n) {
			model_warn_prog(m, pi,
					"program '%s': the object makes %s() global, the "
					"log explores it inside its caller at step %u (as a static "
					"function): the log and the object may not belong together",
					name, sn, k + 1);
			return;
		}
	}
}

/*
 * The functions the log names by func#N ("Func#3 ('level3') is safe for any
 * args", "Validating level3() func#3"): the object's func#N must be that
 * function. A level-1 log of an accepted program often says nothing else.
 */
static void check_named_funcs(struct model *m, const struct program *p, const char *name)
{
	const struct bpfobj_prog *op = bpfobj_joined(m, p->idx);
	const struct program_cold *c = program_cold(p);
	uint32_t i, n = c->named_funcs.n + p->units.n;

	for (i = 0; op && i < n; i++) {
		uint32_t id, fn;
		const char *want;

		if (i < c->named_funcs.n) {
			id = c->named_funcs.v[i].id;
			fn = c->named_funcs.v[i].name;
		} else {
			const struct unit *u = &p->units.v[i - c->named_funcs.n];

			if (u->kind != UNIT_GLOBAL || u->func_id == IDX_NONE || u->name == STR_NONE)
				continue;
			id = u->func_id;
			fn = u->name;
		}
		want = strtab_get(&m->str, fn);
		if (id < op->nsubprogs && !strcmp(op->subprogs[id].name, want))
			continue;
		if (id < op->nsubprogs)
			model_warn_prog(
				m, p->idx,
				"program '%s': the log names func#%u %s(), the object's func#%u "
				"is %s(): the log and the object may not belong together",
				name, id, want, id, op->subprogs[id].name);
		else
			model_warn_prog(
				m, p->idx,
				"program '%s': the log names func#%u %s(), the object has no "
				"func#%u: the log and the object may not belong together",
				name, id, want, id);
		return;
	}
}

static void check_pairing(struct model *m)
{
	static const char *const nonsleep[] = {
		"might sleep in a non-sleepable prog",
		"called in non-sleepable prog",
		"must be sleepable to call sleepable kfunc",
		"cannot be used in non-sleepable program",
	};
	uint32_t pi, k;

	for (pi = 0; pi < m->progs.n; pi++) {
		const struct program *p = model_prog(m, pi);
		const char *name = p->name ? strtab_get(&m->str, p->name) : "?";
		struct sleep_finding f;
		struct sleep_rules r;
		char *err;
		int n;

		if (!bpfobj_joined(m, pi))
			continue;
		/* only an error of the main program: a callback's context is its own */
		err = p->sleepable == 1 && p->error_step != IDX_NONE &&
				      p->units.v[p->paths.v[step_path(p, p->error_step)].unit]
						      .kind == UNIT_MAIN ?
			      program_error_text(m, p) :
			      NULL;
		for (k = 0; err && k < sizeof(nonsleep) / sizeof(nonsleep[0]); k++)
			if (strstr(err, nonsleep[k])) {
				model_warn_prog(
					m, pi,
					"program '%s': the object makes it sleepable, "
					"the log's error is about a non-sleepable program: the "
					"log and the object may not belong together",
					name);
				break;
			}
		free(err);
		/* "tracing progs cannot use bpf_wq yet": the kernel's is_tracing_prog_type() */
		err = program_error_text(m, p);
		if (err && strstr(err, "tracing progs cannot use")) {
			uint32_t t = bpfobj_joined(m, pi)->prog_type;

			if (t && t != BPF_PROG_TYPE_KPROBE && t != BPF_PROG_TYPE_TRACEPOINT &&
			    t != BPF_PROG_TYPE_PERF_EVENT && t != BPF_PROG_TYPE_RAW_TRACEPOINT &&
			    t != BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE)
				model_warn_prog(
					m, pi,
					"program '%s': the log's error is for a tracing "
					"program, the object's is not one: the log and the object "
					"may not belong together",
					name);
		}
		free(err);
		check_linkage(m, p, name);
		check_named_funcs(m, p, name);
		if (p->verdict != VERDICT_ACCEPTED || !p->sleep_rules ||
		    sleep_rules_parse(strtab_get(&m->str, p->sleep_rules), &r))
			continue;
		n = sleep_predict(m, pi, &r, &f, 1);
		/* a sleep rule, or a refusal at load, before any instruction (a map, a flag) */
		if (n <= 0 || !(sleep_kind_is_sleep(f.kind) || (f.insn == IDX_NONE && p->steps.n)))
			continue;
		if (p->log_level == 2)
			model_warn_prog(
				m, pi,
				"program '%s': the log says accepted, the object predicts a "
				"refusal %sunder the log's %s rules: the log and the object may "
				"not "
				"belong together",
				name, f.insn == IDX_NONE ? "at load " : "", r.name);
		else
			/* a level-1 log does not tell its kernel: the rules are a guess */
			model_warn_prog(
				m, pi,
				"program '%s': the log says accepted, the object predicts a "
				"refusal %sunder %s rules, the default (a level-1 log does not "
				"tell its "
				"kernel): the log comes from a kernel with other rules (say which "
				"with "
				"--kernel), or the log and the object do not belong together",
				name, f.insn == IDX_NONE ? "at load " : "", r.name);
	}
}

int load_files(struct model *m, char *const *files, int nfiles, const struct load_opts *lo,
	       char *err, size_t errlen)
{
	const char *log_path = NULL, *obj_path = NULL;
	size_t log_file_len = 0;
	int i, rc = 0;

	err[0] = '\0';
	for (i = 0; i < nfiles; i++) {
		void *map;
		char *heap;
		size_t maplen, len;
		const char *data;

		rc = open_input(files[i], &map, &maplen, &heap, &len, err, errlen);
		if (rc)
			return rc;
		data = map ? map : heap;
		if (data && is_elf(data, len)) {
			if (obj_path) {
				snprintf(err, errlen, "%s: a second object (%s is the first)",
					 files[i], obj_path);
				rc = -EINVAL;
			} else {
				obj_path = files[i];
				rc = bpfobj_open_mem(m, data, len, files[i], err, errlen);
			}
			if (map)
				bus_unmap(map, maplen);
			free(heap);
			if (rc)
				return rc;
			continue;
		}
		if (data && len < 4 && len && !memcmp(data, "\177ELF", len)) {
			snprintf(err, errlen, "%s: an ELF object cut to %zu byte%s", files[i], len,
				 len == 1 ? "" : "s");
			rc = -EINVAL;
		} else if (data && load_is_xz(data, len)) {
			char *dec, why[96] = "";
			size_t dlen;

			rc = load_xz(data, len, &dec, &dlen, why, sizeof(why));
			if (rc) {
				snprintf(err, errlen, "%s: %s", files[i],
					 rc == -ENOMEM ? "out of memory decoding xz" : why);
			} else {
				if (map)
					bus_unmap(map, maplen);
				free(heap);
				map = NULL;
				maplen = 0;
				heap = dec;
				data = dec;
				len = dlen;
			}
		} else if (data && compressed_kind(data, len)) {
			snprintf(err, errlen, "%s: %s", files[i], compressed_kind(data, len));
			rc = -EINVAL;
		}
		if (rc) {
			if (map)
				bus_unmap(map, maplen);
			free(heap);
			return rc;
		}
		if (log_path) {
			snprintf(err, errlen, "%s: a second log (%s is the first)", files[i],
				 log_path);
			if (map)
				bus_unmap(map, maplen);
			free(heap);
			return -EINVAL;
		}
		log_path = files[i];
		log_file_len = len;
		m->log.map = map;
		m->log.map_len = maplen;
		m->log.heap = heap;
		m->log.name = strtab_intern_cstr(&m->str, files[i]);
		m->log.buf = data ? data : "";
		m->log.len = data ? len : 0;
	}
	return load_model(m, log_path, log_file_len, lo, err, errlen);
}

/* which programs the load packs (VERISTEP_PACK, for tests): those worth it, all, none */
enum pack_policy { PACK_WORTH = 0, PACK_ALL, PACK_NONE };

static enum pack_policy pack_policy(void)
{
	const char *v = getenv("VERISTEP_PACK");

	if (v && !strcmp(v, "all"))
		return PACK_ALL;
	if (v && !strcmp(v, "none"))
		return PACK_NONE;
	return PACK_WORTH;
}

/* program pi is loaded: give back its spare capacity, pack it when that pays */
static int settle(struct model *m, uint32_t pi, enum pack_policy pol)
{
	int rc = 0;

	program_shrink(model_prog(m, pi));
	if (pol == PACK_ALL || (pol == PACK_WORTH && model_prog_worth_packing(m, pi)))
		rc = model_prog_pack(m, pi);
	return rc == -EINVAL ? 0 : rc;
}

struct each_ctx {
	const char *kernel;
	enum pack_policy pol;
};

/* without an object, a program's load ends with its parse: analyse it and settle it at once */
static int load_each(void *ctx, struct model *m, uint32_t pi)
{
	const struct each_ctx *c = ctx;
	int rc = sleep_analyze_prog(m, pi, c->kernel);

	return rc ? rc : settle(m, pi, c->pol);
}

static int load_parse(struct model *m, const struct load_opts *lo)
{
	struct each_ctx c = { .kernel = lo ? lo->kernel : NULL, .pol = pack_policy() };
	struct sleep_rules r;

	if (m->obj)
		return vlog_parse(m, lo ? lo->progress : NULL, lo ? lo->progress_ctx : NULL);
	if (c.kernel && sleep_rules_parse(c.kernel, &r))
		return -EDOM; /* a bad --kernel, said as load_finish() says it */
	return vlog_parse_each(m, lo ? lo->progress : NULL, lo ? lo->progress_ctx : NULL, load_each,
			       &c);
}

static int load_finish(struct model *m, const struct load_opts *lo, char *err, size_t errlen);

/*
 * The rest of a load once the log is parsed: with an object, the join and
 * the analyses (load_finish()); without one, each program was loaded as the
 * parser handed it over, and only the slots are left to cut to size.
 */
static int load_parsed(struct model *m, const struct load_opts *lo, char *err, size_t errlen)
{
	if (m->obj)
		return load_finish(m, lo, err, errlen);
	model_progs_shrink(m);
	return 0;
}

static void bad_kernel(const struct load_opts *lo, char *err, size_t errlen)
{
	snprintf(err, errlen, "--kernel %s: not a kernel version (X.Y or X.Y.Z)",
		 lo && lo->kernel ? lo->kernel : "");
}

int load_model(struct model *m, const char *log_name, size_t file_len, const struct load_opts *lo,
	       char *err, size_t errlen)
{
	int rc = 0;

	if (log_name) {
		rc = load_parse(m, lo);
		if (rc == -EDOM) {
			bad_kernel(lo, err, errlen);
			return -EINVAL;
		}
		if (rc) {
			snprintf(err, errlen, "%s: %s", log_name,
				 rc == -ENOMEM ? "out of memory" : strerror(-rc));
			return rc;
		}
		if (!m->progs.n) {
			char why[96];

			no_log_reason(m, file_len, why, sizeof(why));
			if (!m->obj) {
				snprintf(err, errlen, "%s: no verifier log in it (%s)", log_name,
					 why);
				return -EINVAL;
			}
			model_warn(m, "%s: no verifier log in it (%s): showing the object alone",
				   log_name, why);
		}
		return load_parsed(m, lo, err, errlen);
	}
	return load_finish(m, lo, err, errlen);
}

/* what a load with an object does after parsing: join, run the analyses, then settle each */
static int load_finish(struct model *m, const struct load_opts *lo, char *err, size_t errlen)
{
	enum pack_policy pol = pack_policy();
	int rc = 0;

	if (m->obj)
		rc = bpfobj_join_hint(m, lo ? lo->prog : NULL, err, errlen);
	if (!rc) {
		rc = sleep_analyze(m, lo ? lo->kernel : NULL);
		if (!rc && m->obj && !(lo && lo->kernel))
			check_pairing(m);
		if (rc == -EINVAL)
			bad_kernel(lo, err, errlen);
		else if (rc)
			snprintf(err, errlen, "sleepable analysis: %s", strerror(-rc));
	}
	for (uint32_t i = 0; !rc && i < m->progs.n; i++)
		if ((rc = settle(m, i, pol)))
			snprintf(err, errlen, "%s", strerror(-rc));
	model_progs_shrink(m);
	return rc;
}

int load_log_mem(struct model *m, const char *buf, size_t len, const struct load_opts *lo)
{
	char err[256], why[96];
	int rc;

	/* an xz stream is decoded first, as load_files does; the model owns the text */
	if (load_is_xz(buf, len)) {
		char *dec;

		rc = load_xz(buf, len, &dec, &len, why, sizeof(why));
		if (rc)
			return rc;
		m->log.heap = dec;
		buf = dec;
	}
	/* a text with no program in it is a model with no program here, not an error */
	m->log.buf = buf;
	m->log.len = len;
	rc = load_parse(m, lo);
	if (rc == -EDOM)
		return -EINVAL;
	return rc ? rc : load_parsed(m, lo, err, sizeof(err));
}

void load_prog_done(struct model *m, uint32_t pi)
{
	struct program *p = m->progs.v[pi].p;

	if (!p || m->progs.v[pi].pack == UINT64_MAX)
		return;
	state_cache_free(p);
	model_prog_drop(m, pi);
}

void load_free(struct model *m)
{
	uint32_t i;

	if (!m)
		return;
	for (i = 0; i < m->progs.n; i++)
		if (m->progs.v[i].p)
			state_cache_free(m->progs.v[i].p);
	for (i = 0; i < BUS_MAPS; i++)
		if (m->log.map && bus_maps[i].base == m->log.map)
			bus_maps[i].base = NULL;
	bpfobj_free(m->obj);
	m->obj = NULL;
	model_free(m);
}

uint64_t load_bytes(const struct model *m)
{
	uint64_t b = model_bytes(m);
	uint32_t i;

	for (i = 0; i < m->progs.n; i++)
		if (m->progs.v[i].p)
			b += state_cache_bytes(m->progs.v[i].p);
	return b;
}
