/* SPDX-License-Identifier: MIT */
/*
 * vlog_scan.h — finding line ends in chunks, not one call per line.
 *
 * A 762 MB level-2 log has 11 million lines of 69 bytes on average; one
 * memchr() per line pays its set-up 11 million times, and the check that
 * the text holds no NUL was a second pass over it. The scanner compares 64
 * bytes at a time against '\n' and '\0' (with AVX2 where the CPU has it,
 * SSE2 or a plain loop elsewhere) and writes the line ends of a 4 KB chunk
 * into an array in one tight loop; the parser takes them from there. A NUL
 * stops it at the 64-byte block that holds it (the caller then compacts the
 * text and starts again: NULs are rare).
 */
#ifndef VERISTEP_PARSERS_VLOG_SCAN_H
#define VERISTEP_PARSERS_VLOG_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SCAN_CHUNK 4096u

struct line_scan {
	const char *buf;
	size_t len;
	size_t next;		   /* start of the chunk to scan next */
	size_t chunk;		   /* start of the chunk ends[] is from */
	uint32_t n, i;		   /* ends[i..n) not handed out yet */
	bool stop;		   /* the chunk holds a NUL: no end after ends[n - 1] */
	bool nul;		   /* ... and they are all handed out: the scan stopped */
	uint16_t ends[SCAN_CHUNK]; /* newline offsets within the chunk */
};

/*
 * The newline offsets of b[0, n) (n <= SCAN_CHUNK) into ends, in order;
 * returns how many. *nul is set, and the ends stop before the 64-byte block
 * holding it, when there is a NUL. parsers/vlog_scan.c: it picks AVX2 when
 * the CPU has it.
 */
uint32_t scan_chunk(const char *b, uint32_t n, uint16_t *ends, bool *nul);

/* the newlines in b[0, n) (NULs or not) */
uint64_t scan_count_lines(const char *b, size_t n);

static inline void scan_init(struct line_scan *sc, const char *buf, size_t len, size_t off)
{
	sc->buf = buf;
	sc->len = len;
	sc->nul = sc->stop = false;
	sc->next = sc->chunk = off;
	sc->n = sc->i = 0;
}

/*
 * The end of the next line (the offset of its '\n', or len for a last line
 * without one): lines come in order, the first one starting where
 * scan_init() was told. Returns len with sc->nul set on a NUL.
 */
static inline size_t scan_next(struct line_scan *sc)
{
	while (sc->i == sc->n) {
		size_t left = sc->len - sc->next;

		if (sc->stop) {
			sc->nul = true;
			return sc->len;
		}
		if (!left)
			return sc->len;
		sc->chunk = sc->next;
		sc->n = scan_chunk(sc->buf + sc->chunk,
				   left < SCAN_CHUNK ? (uint32_t)left : SCAN_CHUNK, sc->ends,
				   &sc->stop);
		sc->next += left < SCAN_CHUNK ? left : SCAN_CHUNK;
		sc->i = 0;
	}
	return sc->chunk + sc->ends[sc->i++];
}

#endif
