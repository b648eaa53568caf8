/* SPDX-License-Identifier: MIT */
/*
 * explain.h — the human-readable sentences behind the analyses, shared by
 * report, the TUI's `w` view and json's reasons: the role and context of a
 * subprog, the sleepable events of a program, why a rejection happened.
 */
#ifndef VERISTEP_EXPLAIN_H
#define VERISTEP_EXPLAIN_H

#include <stdio.h>

#include "src/model/model.h"

/* " [global, async callback] contexts: sleepable, may sleep" after a subprog line */
void explain_subprog_suffix(FILE *out, const struct model *m, const struct program *p,
			    const struct subprog *sp);
/* the edges, sleepable events and the explanation of the verdict, when known */
void explain_program(FILE *out, const struct model *m, const struct program *p);

#endif
