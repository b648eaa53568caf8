/* SPDX-License-Identifier: MIT */
/*
 * outfile.h — the one way a front end writes a file it was given with -o
 * (record's log, dot's DOT/SVG/PNG, report's text), so that the user's file
 * system is never damaged:
 *
 *   "-"                       standard output
 *   a new name                a temporary file beside it (NAME.tmp.XXXXXX),
 *                             renamed to NAME when everything was written
 *   a plain regular file      the same, the new file given the old one's mode
 *   of our own, one link      and owner
 *   a symlink, a hard link,   written through in place (truncated first):
 *   another owner's file,     the link, the other names, the owner, the mode
 *   a device, a FIFO,         and the node stay as they are
 *   /proc/self/fd/N
 *   a directory               an error, before anything is done
 *
 * On any error, and on SIGINT, SIGTERM or SIGHUP while a temporary file
 * exists, the temporary file is removed; a file written in place that
 * failed is left empty, never half-written.
 */
#ifndef VERISTEP_OUTFILE_H
#define VERISTEP_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct outfile {
	const char *path;    /* as given */
	char *tmp;	     /* the temporary file beside path, NULL when in place */
	int fd;		     /* -1 for stdout */
	FILE *f;	     /* once outfile_stream() was called */
	bool in_place;	     /* write through path itself */
	bool regular;	     /* path is (or will be) a regular file */
	bool to_stdout;	     /* "-" */
	bool same_as_stdout; /* a name of the file standard output is (/proc/self/fd/1) */
	bool started;
};

/* check path and open it (or the temporary file): 0, or -errno with "PATH: why" in err */
int outfile_open(struct outfile *of, const char *path, char *err, size_t errlen);

/* the stream to write to (a file written in place is truncated now); NULL on error */
FILE *outfile_stream(struct outfile *of, char *err, size_t errlen);

/* flush, close, rename the temporary file over path: 0, or -errno with "PATH: why" */
int outfile_commit(struct outfile *of, char *err, size_t errlen);

/* give up: remove the temporary file (or empty a file written in place) */
void outfile_abort(struct outfile *of);
/* remove the temporary file being written, if any: async-signal-safe, for a fatal signal */
void outfile_signal_cleanup(void);

#endif
