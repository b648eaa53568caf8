// SPDX-License-Identifier: MIT
/*
 * replay.c — runs the fuzz harnesses without libFuzzer, as sqlite's
 * fuzzcheck does: every file under DIR/HARNESS (tests/fuzz/regress/ by
 * default) goes to that harness's entry point, one TAP line per file.
 * Built with gcc and -DREPLAY_MAIN by `make test`; a crash, a sanitizer
 * report or a hang is the failure.
 *
 * usage: fuzz_replay [DIR]               replay the files under DIR/vlog, DIR/state, ...
 *        fuzz_replay HARNESS FILE...     replay files through one harness
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/fuzz/fuzz.h"

#define HARNESS(name)                                                                              \
	int fuzz_##name##_one(const uint8_t *data, size_t size);                                   \
	int fuzz_##name##_init(int *argc, char ***argv);
HARNESS(vlog)
HARNESS(state)
HARNESS(bpfobj)
HARNESS(insn)
#undef HARNESS

static const struct harness {
	const char *name;
	int (*one)(const uint8_t *data, size_t size);
	int (*init)(int *argc, char ***argv);
} harnesses[] = {
#define HARNESS(name) { #name, fuzz_##name##_one, fuzz_##name##_init },
	HARNESS(vlog) HARNESS(state) HARNESS(bpfobj) HARNESS(insn)
#undef HARNESS
};

#define NHARNESS (sizeof(harnesses) / sizeof(harnesses[0]))

struct fileset {
	char **v;
	size_t n, cap;
};

static int read_file(const char *path, uint8_t **out, size_t *outlen)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 4096, len = 0;
	uint8_t *buf = NULL, *nb;
	int rc = 0;

	if (!f)
		return -errno;
	for (;;) {
		size_t r;

		if (!buf || len == cap) {
			if (buf) {
				if (cap > ((size_t)1 << 30)) {
					rc = -E2BIG;
					break;
				}
				cap *= 2;
			}
			nb = realloc(buf, cap);
			if (!nb) {
				rc = -ENOMEM;
				break;
			}
			buf = nb;
		}
		r = fread(buf + len, 1, cap - len, f);
		len += r;
		if (r == 0)
			break;
	}
	if (!rc && ferror(f))
		rc = -EIO;
	fclose(f);
	if (rc) {
		free(buf);
		return rc;
	}
	/* exactly len bytes, so an over-read is caught by the sanitizers */
	nb = malloc(len ? len : 1);
	if (!nb) {
		free(buf);
		return -ENOMEM;
	}
	memcpy(nb, buf, len);
	free(buf);
	*out = nb;
	*outlen = len;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_dir(const char *dir, struct fileset *fs)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((e = readdir(d))) {
		char *p;

		if (e->d_name[0] == '.')
			continue;
		if (fs->n == fs->cap) {
			size_t ncap = fs->cap ? fs->cap * 2 : 64;
			char **nv = realloc(fs->v, ncap * sizeof(*nv));

			if (!nv)
				break;
			fs->v = nv;
			fs->cap = ncap;
		}
		if (asprintf(&p, "%s/%s", dir, e->d_name) < 0)
			break;
		fs->v[fs->n++] = p;
	}
	closedir(d);
	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(*fs->v), cmp_str);
	return 0;
}

static int replay(const struct harness *h, const char *path, unsigned *testno)
{
	uint8_t *data = NULL;
	size_t len = 0;
	int rc = read_file(path, &data, &len);

	++*testno;
	if (rc) {
		printf("not ok %u - %s: %s: %s\n", *testno, h->name, path, strerror(-rc));
		return 1;
	}
	h->one(data, len);
	free(data);
	printf("ok %u - %s: %s\n", *testno, h->name, path);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	struct fileset sets[NHARNESS] = { 0 };
	const char *dir = "tests/fuzz/regress";
	unsigned testno = 0, total = 0;
	size_t i, k;
	int fails = 0;

	for (i = 0; i < NHARNESS; i++)
		if (harnesses[i].init)
			harnesses[i].init(&argc, &argv);
	if (argc > 2) {
		for (i = 0; i < NHARNESS && strcmp(harnesses[i].name, argv[1]); i++)
			;
		if (i == NHARNESS || !harnesses[i].one) {
			fprintf(stderr, "fuzz_replay: no harness '%s'\n", argv[1]);
			return 2;
		}
		printf("1..%d\n", argc - 2);
		for (k = 2; k < (size_t)argc; k++)
			fails += replay(&harnesses[i], argv[k], &testno);
		return fails ? 1 : 0;
	}
	if (argc == 2)
		dir = argv[1];
	for (i = 0; i < NHARNESS; i++) {
		char *sub;

		if (!harnesses[i].one)
			continue;
		if (asprintf(&sub, "%s/%s", dir, harnesses[i].name) < 0)
			return 1;
		if (list_dir(sub, &sets[i]) < 0) {
			fprintf(stderr, "fuzz_replay: %s: %s\n", sub, strerror(errno));
			free(sub);
			return 1;
		}
		free(sub);
		total += (unsigned)sets[i].n;
	}
	if (!total) {
		printf("1..0 # SKIP no files under %s\n", dir);
		return 0;
	}
	printf("1..%u\n", total);
	for (i = 0; i < NHARNESS; i++) {
		for (k = 0; k < sets[i].n; k++) {
			fails += replay(&harnesses[i], sets[i].v[k], &testno);
			free(sets[i].v[k]);
		}
		free(sets[i].v);
	}
	return fails ? 1 : 0;
}
