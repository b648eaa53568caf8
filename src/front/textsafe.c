// SPDX-License-Identifier: MIT
/*
 * textsafe.c — escaping of untrusted text (see textsafe.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "src/front/textsafe.h"

/* length of the valid UTF-8 sequence at s[0..n), 0 when s[0] starts none; *cp its value */
static size_t utf8_len(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len, i;
	unsigned long v;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0)
		len = 2, v = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3, v = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		len = 4, v = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
	    v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

/*
 * The escape of the character at s[0..n) into out (at most 7 bytes, not
 * NUL-terminated); its length in *olen. Returns the bytes consumed.
 */
static size_t escape_one(const unsigned char *s, size_t n, unsigned flags, char *out, size_t *olen)
{
	static const char hex[] = "0123456789abcdef";
	unsigned long cp;
	size_t len = utf8_len(s, n, &cp);

	if (!len) { /* not UTF-8 */
		out[0] = '\\', out[1] = 'x', out[2] = hex[s[0] >> 4], out[3] = hex[s[0] & 15];
		*olen = 4;
		return 1;
	}
	if (cp == '\n' && (flags & TS_KEEP_NL)) {
		out[0] = '\n';
		*olen = 1;
		return 1;
	}
	if (cp == '\t' && (flags & TS_KEEP_TAB)) {
		out[0] = '\t';
		*olen = 1;
		return 1;
	}
	if (cp == '\n' || cp == '\t' || cp == '\r') {
		out[0] = '\\';
		out[1] = cp == '\n' ? 'n' : cp == '\t' ? 't' : 'r';
		*olen = 2;
		return 1;
	}
	if (cp < 0x20 || cp == 0x7f) {
		out[0] = '\\', out[1] = 'x', out[2] = hex[cp >> 4], out[3] = hex[cp & 15];
		*olen = 4;
		return 1;
	}
	if (cp >= 0x80 && cp < 0xa0) { /* C1: CSI, OSC, ST... in one character */
		memcpy(out, "\\u00", 4);
		out[4] = hex[cp >> 4], out[5] = hex[cp & 15];
		*olen = 6;
		return len;
	}
	memcpy(out, s, len);
	*olen = len;
	return len;
}

size_t textsafe_escape(char *dst, size_t cap, const char *s, size_t n, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, at = 0;
	bool full = false;

	while (i < n) {
		char e[8];
		size_t elen, k = escape_one(p + i, n - i, flags, e, &elen);

		/* never cut an escape or a character in two */
		if (!full && cap && at + elen < cap)
			memcpy(dst + at, e, elen);
		else if (!full && cap) {
			dst[at] = '\0';
			full = true;
		}
		at += elen;
		i += k;
	}
	if (cap && !full)
		dst[at] = '\0';
	return at;
}

int textsafe_fwrite(FILE *f, const char *s, size_t n, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t j = i, elen, k;
		char e[8];

		/* the run that needs no escape goes out in one piece */
		while (j < n && p[j] >= 0x20 && p[j] < 0x7f)
			j++;
		if (j > i && fwrite(p + i, 1, j - i, f) != j - i)
			return EOF;
		i = j;
		if (i >= n)
			break;
		k = escape_one(p + i, n - i, flags, e, &elen);
		if (fwrite(e, 1, elen, f) != elen)
			return EOF;
		i += k;
	}
	return 0;
}

void textsafe_error(const char *msg)
{
	fputs("veristep: ", stderr);
	textsafe_fwrite(stderr, msg, strlen(msg), 0);
	fputc('\n', stderr);
}

/* the filtering stream: a UTF-8 sequence cut by a buffer boundary waits in pend */
struct safe_cookie {
	FILE *out;
	unsigned char pend[4];
	size_t npend;
};

static ssize_t safe_write(void *c, const char *buf, size_t size)
{
	struct safe_cookie *sc = c;
	size_t n = sc->npend + size, keep = 0, k, j;
	unsigned char *t = malloc(n ? n : 1);
	int rc;

	if (!t)
		return -1;
	memcpy(t, sc->pend, sc->npend);
	memcpy(t + sc->npend, buf, size);
	/* a UTF-8 sequence cut at the end of this write waits for the next */
	for (k = n > 3 ? n - 3 : 0; k < n; k++) {
		unsigned char b = t[k];
		size_t need = b >= 0xf0 && b < 0xf8 ? 4 :
			      b >= 0xe0 && b < 0xf0 ? 3 :
			      b >= 0xc0 && b < 0xe0 ? 2 :
						      0;

		if (!need || k + need <= n)
			continue;
		for (j = k + 1; j < n && (t[j] & 0xc0) == 0x80; j++)
			;
		if (j == n) {
			keep = n - k;
			break;
		}
	}
	rc = textsafe_fwrite(sc->out, (char *)t, n - keep, TS_KEEP_NL | TS_KEEP_TAB);
	memcpy(sc->pend, t + n - keep, keep);
	sc->npend = keep;
	free(t);
	return rc ? -1 : (ssize_t)size;
}

static int safe_close(void *c)
{
	struct safe_cookie *sc = c;
	int rc = 0;

	if (sc->npend && textsafe_fwrite(sc->out, (char *)sc->pend, sc->npend, 0))
		rc = EOF;
	if (fflush(sc->out) == EOF)
		rc = EOF;
	free(sc);
	return rc;
}

FILE *textsafe_open(FILE *out)
{
	static const cookie_io_functions_t io = { .write = safe_write, .close = safe_close };
	struct safe_cookie *sc = calloc(1, sizeof(*sc));
	FILE *f;

	if (!sc)
		return NULL;
	sc->out = out;
	f = fopencookie(sc, "w", io);
	if (!f)
		free(sc);
	return f;
}

char *textsafe_utf8(const char *s, size_t *nbad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, at = 0, bad = 0;
	char *r;

	for (i = 0; i < n;) {
		unsigned long cp;
		size_t k = utf8_len(p + i, n - i, &cp);

		bad += !k;
		i += k ? k : 1;
	}
	*nbad = bad;
	r = malloc(n + 2 * bad + 1);
	if (!r)
		return NULL;
	for (i = 0; i < n;) {
		unsigned long cp;
		size_t k = utf8_len(p + i, n - i, &cp);

		if (k) {
			memcpy(r + at, p + i, k);
			at += k;
			i += k;
		} else {
			memcpy(r + at, "\xef\xbf\xbd", 3);
			at += 3;
			i++;
		}
	}
	r[at] = '\0';
	return r;
}
