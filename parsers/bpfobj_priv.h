/* SPDX-License-Identifier: MIT */
/*
 * bpfobj_priv.h — what bpfobj.c and bpfobj_join.c share and nobody else
 * sees: the strings an object owns.
 */
#ifndef VERISTEP_BPFOBJ_PRIV_H
#define VERISTEP_BPFOBJ_PRIV_H

#include "parsers/bpfobj.h"
#include "src/model/vec.h"

struct bpfobj_priv {
	VEC(char *) strs;     /* every string the object hands out */
	VEC(uint32_t) joined; /* per m->progs index: object program index, BPFOBJ_NONE */
};

/* a copy of s[0..n) owned by obj, NULL on ENOMEM */
const char *bpfobj_priv_str(struct bpfobj *obj, const char *s, size_t n);

#endif
