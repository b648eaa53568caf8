// SPDX-License-Identifier: MIT
/*
 * load_xz.c — an .xz log read through liblzma, the one user of it. The
 * corpus keeps its large logs as .xz and bug reports attach them so; xz is
 * the format, liblzma its reference library (Debian's liblzma-dev). The
 * whole text is decoded into one buffer, which the model then owns as its
 * log (a mapping is not possible for a decoded stream).
 */
#include <errno.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/load.h"

bool load_is_xz(const char *buf, size_t len)
{
	return len >= 6 && !memcmp(buf,
				   "\xfd"
				   "7zXZ\0",
				   6);
}

int load_xz(const char *buf, size_t len, char **out, size_t *outlen, char *why, size_t whylen)
{
	lzma_stream s = LZMA_STREAM_INIT;
	size_t cap = len * 4 + 4096, n = 0;
	char *o = malloc(cap);
	lzma_ret r;
	int rc = 0;

	*out = NULL;
	*outlen = 0;
	if (!o)
		return -ENOMEM;
	r = lzma_stream_decoder(&s, UINT64_MAX, LZMA_CONCATENATED);
	if (r != LZMA_OK) {
		free(o);
		return r == LZMA_MEM_ERROR ? -ENOMEM : -EINVAL;
	}
	s.next_in = (const uint8_t *)buf;
	s.avail_in = len;
	for (;;) {
		if (n == cap) {
			char *no;

			if (cap > ((size_t)1 << 40)) {
				rc = -E2BIG;
				snprintf(why, whylen, "decodes to more than 1 TiB");
				break;
			}
			no = realloc(o, cap * 2);
			if (!no) {
				rc = -ENOMEM;
				break;
			}
			o = no;
			cap *= 2;
		}
		s.next_out = (uint8_t *)o + n;
		s.avail_out = cap - n;
		r = lzma_code(&s, LZMA_FINISH);
		n = cap - s.avail_out;
		if (r == LZMA_STREAM_END)
			break;
		if (r != LZMA_OK && r != LZMA_BUF_ERROR) {
			rc = r == LZMA_MEM_ERROR ? -ENOMEM : -EINVAL;
			snprintf(why, whylen, "broken xz data at byte %llu of %zu",
				 (unsigned long long)(len - s.avail_in), len);
			break;
		}
		if (r == LZMA_BUF_ERROR && s.avail_out) {
			/* no progress with room left: the input ended early */
			rc = -EINVAL;
			snprintf(why, whylen, "xz data cut short after %zu bytes", len);
			break;
		}
	}
	lzma_end(&s);
	if (rc) {
		free(o);
		return rc;
	}
	*out = o;
	*outlen = n;
	return 0;
}
