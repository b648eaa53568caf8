// SPDX-License-Identifier: MIT
/*
 * vlog_scan.c — the chunk scanner of vlog_scan.h: 64 bytes at a time, the
 * newline mask turned into offsets in a tight loop. x86-64 builds carry an
 * AVX2 version beside the SSE2 one and take it when the CPU has it.
 */
#include <stdlib.h>

#include "parsers/vlog_scan.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define SCAN_AVX2 1
#endif

/*
 * The newlines of the 64 bytes at b as a bit mask (bit i: b[i] == '\n'),
 * into *nl; returns whether they hold a NUL. One load of each 16 bytes
 * for both questions.
 */
static bool scan_block64(const char *b, uint64_t *nl)
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

/* the ends of the 64-byte block at base (its newline mask m) */
#define SCAN_PUT(m, base)                                                                          \
	do {                                                                                       \
		for (uint64_t _m = (m); _m; _m &= _m - 1)                                          \
			ends[k++] = (uint16_t)((base) + (uint32_t)__builtin_ctzll(_m));            \
	} while (0)

/* the last n % 64 bytes, one at a time */
static uint32_t scan_tail(const char *b, uint32_t at, uint32_t n, uint16_t *ends, uint32_t k,
			  bool *nul)
{
	if (memchr(b + at, '\0', n - at)) {
		*nul = true;
		return k;
	}
	for (uint32_t j = at; j < n; j++)
		if (b[j] == '\n')
			ends[k++] = (uint16_t)j;
	return k;
}

static uint32_t scan_chunk_base(const char *b, uint32_t n, uint16_t *ends, bool *nul)
{
	uint32_t at, k = 0;

	for (at = 0; at + 64 <= n; at += 64) {
		uint64_t m;

		if (scan_block64(b + at, &m)) {
			*nul = true;
			return k;
		}
		SCAN_PUT(m, at);
	}
	return scan_tail(b, at, n, ends, k, nul);
}

#ifdef SCAN_AVX2
__attribute__((target("avx2"))) static uint32_t scan_chunk_avx2(const char *b, uint32_t n,
								uint16_t *ends, bool *nul)
{
	const __m256i vn = _mm256_set1_epi8('\n'), z = _mm256_setzero_si256();
	uint32_t at, k = 0;

	for (at = 0; at + 64 <= n; at += 64) {
		__m256i x0 = _mm256_loadu_si256((const __m256i *)(const void *)(b + at));
		__m256i x1 = _mm256_loadu_si256((const __m256i *)(const void *)(b + at + 32));
		uint64_t m;

		if (_mm256_movemask_epi8(
			    _mm256_or_si256(_mm256_cmpeq_epi8(x0, z), _mm256_cmpeq_epi8(x1, z)))) {
			*nul = true;
			return k;
		}
		m = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x0, vn)) |
		    (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x1, vn)) << 32;
		SCAN_PUT(m, at);
	}
	return scan_tail(b, at, n, ends, k, nul);
}
#endif

static uint64_t count_nl_base(const char *b, size_t n)
{
	uint64_t c = 0;
	size_t at;

	for (at = 0; at + 64 <= n; at += 64) {
		uint64_t m;

		scan_block64(b + at, &m);
		for (; m; m &= m - 1)
			c++;
	}
	for (; at < n; at++)
		c += b[at] == '\n';
	return c;
}

#ifdef SCAN_AVX2
__attribute__((target("avx2,popcnt"))) static uint64_t count_nl_avx2(const char *b, size_t n)
{
	const __m256i vn = _mm256_set1_epi8('\n');
	uint64_t c = 0;
	size_t at;

	for (at = 0; at + 32 <= n; at += 32)
		c += (uint64_t)__builtin_popcount((unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(
			_mm256_loadu_si256((const __m256i *)(const void *)(b + at)), vn)));
	for (; at < n; at++)
		c += b[at] == '\n';
	return c;
}
#endif

static bool use_avx2(void)
{
#ifdef SCAN_AVX2
	static int avx2 = -1;

	/* VERISTEP_NO_AVX2=1: the SSE2 path on any CPU (the tests run both) */
	if (avx2 < 0)
		avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt") &&
				       !getenv("VERISTEP_NO_AVX2") ?
			       1 :
			       0;
	return avx2;
#else
	return false;
#endif
}

uint64_t scan_count_lines(const char *b, size_t n)
{
#ifdef SCAN_AVX2
	if (use_avx2())
		return count_nl_avx2(b, n);
#endif
	return count_nl_base(b, n);
}

uint32_t scan_chunk(const char *b, uint32_t n, uint16_t *ends, bool *nul)
{
#ifdef SCAN_AVX2
	if (use_avx2())
		return scan_chunk_avx2(b, n, ends, nul);
#endif
	return scan_chunk_base(b, n, ends, nul);
}
