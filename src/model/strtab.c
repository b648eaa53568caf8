// SPDX-License-Identifier: MIT
/*
 * strtab.c — interning of names (subprogs, programs, helpers, maps).
 * Strings live NUL-terminated in one growing buffer; an id is the offset.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "src/model/strtab.h"

static uint32_t str_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int strtab_rehash(struct strtab *t, uint32_t ncap)
{
	uint32_t *nh = calloc(ncap, sizeof(*nh));
	uint32_t i;

	if (!nh)
		return -ENOMEM;
	for (i = 0; i < t->hcap; i++) {
		uint32_t off = t->hash[i], j;

		if (!off)
			continue;
		j = str_hash(t->buf + off, strlen(t->buf + off)) & (ncap - 1);
		while (nh[j])
			j = (j + 1) & (ncap - 1);
		nh[j] = off;
	}
	free(t->hash);
	t->hash = nh;
	t->hcap = ncap;
	return 0;
}

uint32_t strtab_intern(struct strtab *t, const char *s, size_t n)
{
	uint32_t j, off;

	if (n > (1u << 20) || t->len > UINT32_MAX - n - 2) {
		errno = E2BIG;
		return 0;
	}
	if (!t->buf) {
		t->cap = 256;
		t->buf = malloc(t->cap);
		if (!t->buf) {
			errno = ENOMEM;
			return 0;
		}
		t->buf[0] = '\0';
		t->len = 1;
	}
	if ((t->count + 1) * 2 > t->hcap && strtab_rehash(t, t->hcap ? t->hcap * 2 : 64)) {
		errno = ENOMEM;
		return 0;
	}
	j = str_hash(s, n) & (t->hcap - 1);
	while ((off = t->hash[j])) {
		if (!strncmp(t->buf + off, s, n) && t->buf[off + n] == '\0' && !memchr(s, '\0', n))
			return off;
		j = (j + 1) & (t->hcap - 1);
	}
	if (t->len + n + 1 > t->cap) {
		uint64_t ncap = (uint64_t)t->cap * 2;
		char *nb;

		while (ncap < (uint64_t)t->len + n + 1)
			ncap *= 2;
		if (ncap > UINT32_MAX)
			ncap = UINT32_MAX;
		nb = realloc(t->buf, ncap);
		if (!nb) {
			errno = ENOMEM;
			return 0;
		}
		t->buf = nb;
		t->cap = (uint32_t)ncap;
	}
	off = t->len;
	memcpy(t->buf + off, s, n);
	t->buf[off + n] = '\0';
	t->len += (uint32_t)n + 1;
	t->hash[j] = off;
	t->count++;
	return off;
}

uint32_t strtab_intern_cstr(struct strtab *t, const char *s)
{
	return strtab_intern(t, s, strlen(s));
}

const char *strtab_get(const struct strtab *t, uint32_t id)
{
	if (!id || !t->buf || id >= t->len)
		return "";
	return t->buf + id;
}

void strtab_release(struct strtab *t)
{
	free(t->buf);
	free(t->hash);
	memset(t, 0, sizeof(*t));
}

uint64_t strtab_bytes(const struct strtab *t)
{
	return (uint64_t)t->cap + (uint64_t)t->hcap * sizeof(uint32_t);
}
