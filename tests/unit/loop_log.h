/* SPDX-License-Identifier: MIT */
/*
 * loop_log.h — a 6.x delta log of a loop the verifier walks `iters` times
 * on one path (the complexity-limit shape, small): 1 + 3 * iters steps,
 * each with a delta, a slot of four written in turn, and an iterator at
 * fp-40 holding reference 2 all along. Free the result.
 */
#ifndef VERISTEP_TESTS_LOOP_LOG_H
#define VERISTEP_TESTS_LOOP_LOG_H

#include <stdio.h>
#include <stdlib.h>

static inline char *loop_log(int iters, size_t *len)
{
	size_t cap = 200 + (size_t)iters * 200, n = 0;
	char *log = malloc(cap);

	if (!log)
		return NULL;
	n += (size_t)snprintf(log + n, cap - n, "func#0 @0\n0: R1=ctx() R10=fp0\n"
						"0: (b7) r2 = 0                        ; R2_w=0 "
						"fp-40=iter_num(ref_id=2,state=active,depth=0) refs=2\n");
	for (int i = 1; i <= iters; i++)
		n += (size_t)snprintf(log + n, cap - n,
				      "1: (07) r2 += 1                       ; R2_w=%d refs=2\n"
				      "2: (7b) *(u64 *)(r10 -%d) = r2        ; R2_w=%d R10=fp0 fp-%d_w=%d "
				      "refs=2\n"
				      "3: (05) goto pc-3\n",
				      i, 8 * (1 + i % 4), i, 8 * (1 + i % 4), i);
	n += (size_t)snprintf(log + n, cap - n,
			      "BPF program is too large. Processed %d insn\n"
			      "processed %d insns (limit 1000000) max_states_per_insn 0 "
			      "total_states 0 peak_states 0 mark_read 0\n",
			      1 + 3 * iters, 1 + 3 * iters);
	*len = n;
	return log;
}

#endif
