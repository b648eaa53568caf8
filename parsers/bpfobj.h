/* SPDX-License-Identifier: MIT */
/*
 * bpfobj.h — the BPF ELF object: programs, sections, instruction images,
 * subprograms, callbacks and BTF line info (libbpf + libelf).
 * (Interface placeholder: the object loader fills this in.)
 */
#ifndef VERISTEP_BPFOBJ_H
#define VERISTEP_BPFOBJ_H

#include <stddef.h>

struct bpfobj;
struct model;

/*
 * Read an ELF object from memory (copied as needed: buf may go away after
 * the call) into m->obj. 0 or -errno with "NAME: what is wrong" in err.
 */
int bpfobj_open_mem(struct model *m, const void *buf, size_t len, const char *name, char *err,
		    size_t errlen);
/*
 * Join m->obj with the programs parsed from the log (or, without a log,
 * create one program per object program). Mismatches are warnings
 * (model_warn), not errors. 0 or -errno with a message in err.
 */
int bpfobj_join(struct model *m, char *err, size_t errlen);
void bpfobj_free(struct bpfobj *obj);

#endif
