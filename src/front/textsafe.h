/* SPDX-License-Identifier: MIT */
/*
 * textsafe.h — untrusted text (log lines, names from an object, file names)
 * made safe for a terminal, an XML file or JSON. The one place that decides
 * what is escaped: every text front end (report, check, errors, warnings,
 * record's summary) and the labels of the call graph go through it.
 *
 * Escaped: C0 controls (ESC, BEL, CR, BS, ...; newline and tab unless kept),
 * DEL, the C1 controls U+0080..U+009F, and bytes that are not UTF-8. They
 * become visible text: \n \t \r, \xNN for a byte, \u00NN for a C1 control.
 * Printable UTF-8 (and backslashes) pass through unchanged.
 */
#ifndef VERISTEP_TEXTSAFE_H
#define VERISTEP_TEXTSAFE_H

#include <stddef.h>
#include <stdio.h>

enum {
	TS_KEEP_NL = 1,	 /* a newline stays a newline (multi-line output) */
	TS_KEEP_TAB = 2, /* a tab stays a tab */
};

/* s[0..n) escaped into dst (always NUL-terminated when cap > 0); the length it needs */
size_t textsafe_escape(char *dst, size_t cap, const char *s, size_t n, unsigned flags);

/* s[0..n) escaped onto f; 0, or EOF on a write error */
int textsafe_fwrite(FILE *f, const char *s, size_t n, unsigned flags);

/* "veristep: " + msg escaped (newlines too) + "\n" on stderr: the one-line error */
void textsafe_error(const char *msg);

/*
 * A stream that escapes everything written to it (newlines and tabs kept)
 * and passes it on to out; fclose() it to flush (out stays open). NULL when
 * out of memory.
 */
FILE *textsafe_open(FILE *out);

/*
 * s as valid UTF-8: a copy (malloc'd, NULL when out of memory) where each
 * byte that is not part of a valid UTF-8 sequence is U+FFFD; *nbad counts
 * those bytes. For JSON, whose text must be UTF-8.
 */
char *textsafe_utf8(const char *s, size_t *nbad);

#endif
