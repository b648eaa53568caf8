/* SPDX-License-Identifier: MIT */
/*
 * vec.h — growable arrays of plain structs, indexed by uint32_t.
 *
 * A vec owns its storage. Elements move when it grows: keep indexes, not
 * pointers. All size arithmetic is checked; vec_grow() returns -ENOMEM or
 * -E2BIG and leaves the vec as it was.
 */
#ifndef VERISTEP_VEC_H
#define VERISTEP_VEC_H

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#define VEC(type)                                                                                  \
	struct {                                                                                   \
		type *v;                                                                           \
		uint32_t n;                                                                        \
		uint32_t cap;                                                                      \
	}

static inline int vec_grow_raw(void **v, uint32_t *cap, uint32_t need, size_t elem)
{
	uint64_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	if (need == UINT32_MAX)
		return -E2BIG;
	/*
	 * from one element: a log may hold 200,000 tiny programs of a few
	 * elements per array, and an array grown past its length and cut
	 * back when its program ends leaves a hole the allocator cannot reuse
	 */
	ncap = *cap ? (uint64_t)*cap * 2 : 1;
	while (ncap < need)
		ncap *= 2;
	if (ncap > UINT32_MAX - 1)
		ncap = UINT32_MAX - 1;
	if (ncap > SIZE_MAX / elem)
		return -E2BIG;
	p = realloc(*v, ncap * elem);
	if (!p)
		return -ENOMEM;
	*v = p;
	*cap = (uint32_t)ncap;
	return 0;
}

/* make room for one more element; 0 or -errno */
#define vec_reserve(vec, extra)                                                                    \
	vec_grow_raw((void **)&(vec)->v, &(vec)->cap, (vec)->n + (uint32_t)(extra),                \
		     sizeof(*(vec)->v))

/* append a zeroed element and return a pointer to it, or NULL on -ENOMEM */
#define vec_push(vec)                                                                              \
	(vec_reserve(vec, 1) ? NULL :                                                              \
			       (__builtin_memset(&(vec)->v[(vec)->n], 0, sizeof(*(vec)->v)),       \
				&(vec)->v[(vec)->n++]))

#define vec_free(vec)                                                                              \
	do {                                                                                       \
		free((vec)->v);                                                                    \
		(vec)->v = NULL;                                                                   \
		(vec)->n = (vec)->cap = 0;                                                         \
	} while (0)

/* give back the unused capacity (an empty vec holds nothing); never fails */
static inline void vec_shrink_raw(void **v, uint32_t n, uint32_t *cap, size_t elem)
{
	void *p;

	if (n == *cap)
		return;
	if (!n) {
		free(*v);
		*v = NULL;
		*cap = 0;
		return;
	}
	p = realloc(*v, (size_t)n * elem);
	if (p) {
		*v = p;
		*cap = n;
	}
}

#define vec_shrink(vec) vec_shrink_raw((void **)&(vec)->v, (vec)->n, &(vec)->cap, sizeof(*(vec)->v))

#define vec_last(vec) (&(vec)->v[(vec)->n - 1])

/* bytes held, for the memory report */
#define vec_bytes(vec) ((uint64_t)(vec)->cap * sizeof(*(vec)->v))

#endif
