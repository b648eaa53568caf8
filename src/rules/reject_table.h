/* SPDX-License-Identifier: MIT */
/*
 * reject_table.h — the common rejection classes that are not sleepable-
 * context errors (the stack of calls too deep, the program too large, an
 * infinite loop, a misaligned stack access, a map value out of bounds, ...):
 * for each one the kernel's wording, the rule in words, the values the
 * message carries and the usual fixes, one row each in reject_table.c.
 * Every front end explains such a rejection from this table.
 */
#ifndef VERISTEP_REJECT_TABLE_H
#define VERISTEP_REJECT_TABLE_H

#include <stddef.h>

#define REJECT_MAX_VALS 3

struct reject_class {
	const char *id;	   /* stable key ("call_stack_too_deep") */
	const char *match; /* a substring of the kernel's message; NULL: found by id only */
	const char *scan;  /* sscanf format for its values (%ld each, from `match` on), NULL */
	const char *title; /* "call stack too deep" */
	const char *rule;  /* the rule, one sentence */
	const char *here;  /* the values in words: {0} {1} {2} stand for them; NULL */
	const char *fixes; /* the usual ways out */
	const char *src;   /* where the facts come from: [source 6.18] */
};

/* the class of a verifier message, NULL when none */
const struct reject_class *reject_class_lookup(const char *msg);
/* the class of that id ("not_verified_kernel"), NULL when none */
const struct reject_class *reject_class_by_id(const char *id);
/* the values of msg by c->scan: how many were read (0 when none) */
int reject_class_values(const struct reject_class *c, const char *msg, long v[REJECT_MAX_VALS]);
/* c->here with the values put in ("9 frames of calls"); "" when c has none */
void reject_class_here(const struct reject_class *c, const char *msg, char *buf, size_t n);

#endif
