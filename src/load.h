/* SPDX-License-Identifier: MIT */
/*
 * load.h — FILE... to model: tells a log from an ELF object by content
 * (the ELF magic), maps or reads the log, runs the parsers, joins them.
 *
 * Then runs the sleepable analysis (src/analysis/sleep.h) over the joined model.
 * The caller owns the result: free it with load_free(), which frees the
 * object and the state caches the model only points at.
 *
 * Returns 0, or -errno with a one-line message "FILE: what is wrong" in
 * err (no "veristep: " prefix, no newline).
 */
#ifndef VERISTEP_LOAD_H
#define VERISTEP_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "src/model/model.h"

/* progress callback for long parses: done/total bytes; may be NULL */
typedef void (*load_progress_fn)(void *ctx, uint64_t done, uint64_t total);

struct load_opts {
	load_progress_fn progress;
	void *progress_ctx;
	const char *kernel; /* --kernel X.Y for the sleepable rules, NULL: the log's dialect */
	const char *prog;   /* -p NAME: which program a log fitting several is of, NULL */
};

int load_files(struct model *m, char *const *files, int nfiles, const struct load_opts *lo,
	       char *err, size_t errlen);

/*
 * The rest of the one load path, once m->log is set (file, pipe, memory, a
 * recorded log) and m->obj is open when there is one: parse the log (when
 * log_name is not NULL; file_len is its size for the "no verifier log"
 * message), join it with the object, run the sleepable analysis.
 */
int load_model(struct model *m, const char *log_name, size_t file_len, const struct load_opts *lo,
	       char *err, size_t errlen);

/* take a log held in memory (not copied: buf must outlive m); for tests and fuzzers */
int load_log_mem(struct model *m, const char *buf, size_t len, const struct load_opts *lo);

/*
 * A front end is done with program pi (read by model_prog()): when the
 * program is packed, free its expansion and the caches it grew, so that a
 * walk over 200,000 programs holds one at a time. Its pointers are invalid
 * after this; model_prog() expands it again.
 */
void load_prog_done(struct model *m, uint32_t pi);

/* free a model and what the load built for it: the object, the state caches; NULL is fine */
void load_free(struct model *m);

/*
 * A mapped input cut while it is read faults (SIGBUS): the loader then says
 * so in one line and exits 1, after calling cleanup (async-signal-safe: it
 * removes a half-written output file, say). NULL: nothing to call.
 */
void load_on_fault(void (*cleanup)(void));

/* bytes held by the model and by what the load built for it (the memory report) */
uint64_t load_bytes(const struct model *m);

/*
 * load_xz.c: is buf an xz stream; decode it whole into *out (malloc'd,
 * the caller owns it). 0, -ENOMEM, -E2BIG, or -EINVAL with why filled.
 */
bool load_is_xz(const char *buf, size_t len);
int load_xz(const char *buf, size_t len, char **out, size_t *outlen, char *why, size_t whylen);

#endif
