/* SPDX-License-Identifier: MIT */
/*
 * vlog_scan.h — finding line ends in blocks, not one call per line.
 *
 * A 762 MB level-2 log has 11 million lines of 69 bytes on average; one
 * memchr() per line pays its set-up 11 million times, and the check that
 * the text holds no NUL was a second pass over it. The scanner compares 64
 * bytes at a time against '\n' and '\0', keeps the newline positions of the
 * block as a bit mask and hands them out in order; a NUL anywhere stops it
 * (the caller then compacts the text and starts again: NULs are rare).
 */
#ifndef VERISTEP_PARSERS_VLOG_SCAN_H
#define VERISTEP_PARSERS_VLOG_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

struct line_scan {
	const char *buf;
	size_t len;
	size_t blk;	/* start of the block in mask; len when past the last */
	uint64_t mask; /* newlines of that block not yet handed out */
	bool nul;	/* a NUL was seen: the scan stopped */
};

/*
 * The newlines of the 64 bytes at b as a bit mask (bit i: b[i] == '\n'),
 * into *nl; returns whether they hold a NUL. One load of each 16 bytes
 * for both questions.
 */
static inline bool scan_block64(const char *b, uint64_t *nl)
{
#ifdef __SSE2__
	const __m128i vn = _mm_set1_epi8('\n'), z = _mm_setzero_si128();
	__m128i x0 = _mm_loadu_si128((const __m128i *)(const void *)b);
	__m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)(b + 16));
	__m128i x2 = _mm_loadu_si128((const __m128i *)(const void *)(b + 32));
	__m128i x3 = _mm_loadu_si128((const __m128i *)(const void *)(b + 48));
	__m128i nul = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x0, z), _mm_cmpeq_epi8(x1, z)),
				   _mm_or_si128(_mm_cmpeq_epi8(x2, z), _mm_cmpeq_epi8(x3, z)));

	*nl = (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x0, vn)) |
	      (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x1, vn)) << 16 |
	      (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x2, vn)) << 32 |
	      (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x3, vn)) << 48;
	return _mm_movemask_epi8(nul) != 0;
#else
	uint64_t m = 0;
	bool z = false;

	for (int k = 0; k < 64; k++) {
		m |= (uint64_t)(b[k] == '\n') << k;
		z |= b[k] == '\0';
	}
	*nl = m;
	return z;
#endif
}

/* load the block at sc->blk; false (and sc->nul) when it holds a NUL */
static inline bool scan_load(struct line_scan *sc)
{
	size_t n = sc->len - sc->blk;

	if (n >= 64) {
		/* the text comes from the page cache: ask for it well before it is read */
		__builtin_prefetch(sc->buf + sc->blk + 1024);
		if (scan_block64(sc->buf + sc->blk, &sc->mask)) {
			sc->nul = true;
			return false;
		}
		return true;
	}
	/* the tail: fewer than 64 bytes */
	if (memchr(sc->buf + sc->blk, '\0', n)) {
		sc->nul = true;
		return false;
	}
	sc->mask = 0;
	for (size_t k = 0; k < n; k++)
		sc->mask |= (uint64_t)(sc->buf[sc->blk + k] == '\n') << k;
	return true;
}

static inline void scan_init(struct line_scan *sc, const char *buf, size_t len, size_t off)
{
	sc->buf = buf;
	sc->len = len;
	sc->nul = false;
	sc->blk = off;
	sc->mask = 0;
	if (off < len)
		scan_load(sc);
	else
		sc->blk = len;
}

/*
 * The end of the next line (the offset of its '\n', or len for a last line
 * without one): lines come in order, the first one starting where
 * scan_init() was told. Returns len with sc->nul set on a NUL.
 */
static inline size_t scan_next(struct line_scan *sc)
{
	for (;;) {
		if (sc->mask) {
			size_t e = sc->blk + (size_t)__builtin_ctzll(sc->mask);

			sc->mask &= sc->mask - 1;
			return e;
		}
		if (sc->len - sc->blk <= 64) {
			sc->blk = sc->len;
			return sc->len;
		}
		sc->blk += 64;
		if (!scan_load(sc))
			return sc->len;
	}
}

#endif
