/* SPDX-License-Identifier: MIT */
/*
 * corpus.h — helpers for unit tests that read the shared corpus
 * (../shared beside the checkout, or $VERISTEP_SHARED): listing its logs,
 * decompressing .xz ones once into tests/out/, loading a log into a model.
 */
#ifndef VERISTEP_TEST_CORPUS_H
#define VERISTEP_TEST_CORPUS_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/load.h"
#include "src/model/model.h"

/*
 * A skipped test says why: Debian 12's cmocka prints a skip as
 * "not ok N # SKIP name"; tests/tap.sh turns it into "ok N - name # skip
 * REASON" with the reason printed here, and `make test` counts the reasons.
 */
#define SKIP_BECAUSE(why)                                                                          \
	do {                                                                                       \
		printf("# skip-reason: %s\n", (why));                                               \
		fflush(stdout);                                                                    \
		skip();                                                                            \
	} while (0)
#define NO_CORPUS "no corpus (../shared is absent; VERISTEP_SHARED names another)"
#define SKIP_NO_SHARED() SKIP_BECAUSE(NO_CORPUS)

static inline const char *corpus_root(void)
{
	static char buf[4096];
	const char *env = getenv("VERISTEP_SHARED");
	struct stat st;

	if (env && *env)
		snprintf(buf, sizeof(buf), "%s", env);
	else
		snprintf(buf, sizeof(buf), "../shared");
	if (stat(buf, &st) || !S_ISDIR(st.st_mode))
		return NULL;
	return buf;
}

/* every file under dir (recursively) whose name matches the filter, sorted */
struct file_list {
	char **v;
	size_t n, cap;
};

static inline void file_list_add(struct file_list *l, const char *path)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = strdup(path);
}

static inline void file_list_walk(struct file_list *l, const char *dir,
				  int (*want)(const char *name))
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];

	if (!d)
		return;
	while ((e = readdir(d))) {
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= (int)sizeof(path))
			continue;
		if (stat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode))
			file_list_walk(l, path, want);
		else if (want(e->d_name))
			file_list_add(l, path);
	}
	closedir(d);
}

static inline int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static inline void file_list_sort(struct file_list *l)
{
	qsort(l->v, l->n, sizeof(*l->v), cmp_str);
}

static inline void file_list_free(struct file_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/* a whole file, NUL-terminated; *len gets its size (may be NULL); NULL on error */
static inline char *corpus_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		if (buf) {
			buf[n] = '\0';
			if (len)
				*len = (size_t)n;
		}
	}
	fclose(f);
	return buf;
}

/* a readable path to the log: .xz files are decompressed once into tests/out/xz/ */
static inline const char *corpus_plain(const char *path, char *buf, size_t n)
{
	size_t len = strlen(path);
	char cmd[8192];
	struct stat st;

	if (len < 3 || strcmp(path + len - 3, ".xz"))
		return path;
	snprintf(buf, n, "tests/out/xz/");
	for (const char *p = path; *p && strlen(buf) + 2 < n; p++) {
		size_t b = strlen(buf);

		buf[b] = (*p == '/') ? '_' : *p;
		buf[b + 1] = '\0';
	}
	buf[strlen(buf) - 3] = '\0';
	if (!stat(buf, &st) && st.st_size > 0)
		return buf;
	snprintf(cmd, sizeof(cmd), "mkdir -p tests/out/xz && xz -dc '%s' > '%s.tmp' && mv '%s.tmp' '%s'",
		 path, buf, buf, buf);
	if (system(cmd))
		return NULL;
	return buf;
}

static inline struct model *corpus_load(const char *path)
{
	struct model *m = model_new();
	char err[512], *files[1] = { (char *)path };

	if (!m)
		return NULL;
	if (load_files(m, files, 1, NULL, err, sizeof(err))) {
		fprintf(stderr, "# %s\n", err);
		load_free(m);
		return NULL;
	}
	return m;
}

#endif
