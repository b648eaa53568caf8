/* SPDX-License-Identifier: MIT */
/*
 * strtab.h — interned strings. A string is named by a uint32_t id; id 0 is
 * "no string". strtab_get() returns a pointer owned by the table that stays
 * valid until the next strtab_intern() (the buffer may move): copy or use
 * at once.
 */
#ifndef VERISTEP_STRTAB_H
#define VERISTEP_STRTAB_H

#include <stddef.h>
#include <stdint.h>

struct strtab {
	char *buf;
	uint32_t len, cap;
	uint32_t *hash; /* open addressing: string offsets, 0 = empty */
	uint32_t hcap, count;
};

#define STR_NONE 0u

/* intern s[0..n); returns its id (> 0) or 0 with errno set (ENOMEM/E2BIG) */
uint32_t strtab_intern(struct strtab *t, const char *s, size_t n);
uint32_t strtab_intern_cstr(struct strtab *t, const char *s);
/* id to string; "" for STR_NONE or an id out of range */
const char *strtab_get(const struct strtab *t, uint32_t id);
void strtab_release(struct strtab *t);
uint64_t strtab_bytes(const struct strtab *t);

#endif
