/* SPDX-License-Identifier: MIT */
/*
 * helper_proto.h — the argument names of common BPF helpers (uapi
 * include/uapi/linux/bpf.h, the helpers' documentation), for showing a
 * call with its arguments: `r0 = bpf_map_lookup_elem(map: R1=..., key:
 * R2=fp-4)`. One row per helper in helper_proto.c; a helper not in the
 * table is shown as the log prints it. BTF prototypes are not read.
 */
#ifndef VERISTEP_HELPER_PROTO_H
#define VERISTEP_HELPER_PROTO_H

#define HELPER_MAX_ARGS 5

struct helper_proto {
	const char *name; /* "bpf_map_lookup_elem" */
	unsigned char nargs;
	const char *args[HELPER_MAX_ARGS]; /* "map", "key", ... */
};

/* the row of helper `name` (with or without the "bpf_" prefix), NULL when unknown */
const struct helper_proto *helper_proto_lookup(const char *name);

#endif
