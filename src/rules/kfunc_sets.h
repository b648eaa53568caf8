/* SPDX-License-Identifier: MIT */
/*
 * kfunc_sets.h — which kfuncs a program type may call: the kernel keeps
 * kfunc sets registered per program type (register_btf_kfunc_id_set()),
 * each program type maps to one hook, and a kfunc in no set of the
 * program's hook (nor of the common one) is refused with "calling kernel
 * function X is not allowed". The rows in kfunc_sets.c are Linux 6.18's
 * registrations; they say nothing about other releases.
 */
#ifndef VERISTEP_KFUNC_SETS_H
#define VERISTEP_KFUNC_SETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* the release whose registrations the table holds */
#define KFUNC_SETS_KV 618 /* KV(6, 18) */

/* the kernel's kfunc hooks (enum btf_kfunc_hook) */
enum kfunc_hook {
	KFH_COMMON = 0, /* every program type */
	KFH_XDP,
	KFH_TC,
	KFH_STRUCT_OPS,
	KFH_TRACING,
	KFH_SYSCALL,
	KFH_CGROUP,
	KFH_SCHED_ACT,
	KFH_SK_SKB,
	KFH_SOCKET_FILTER,
	KFH_LWT,
	KFH_NETFILTER,
	KFH_KPROBE,
	KFH__COUNT,
};

struct kfunc_set {
	const char *name;	   /* the kernel's set, or what it holds */
	uint32_t hooks;		   /* bit per enum kfunc_hook */
	uint32_t only_type;	   /* a filter lets one program type only (BPF_PROG_TYPE_*), 0 */
	const char *const *kfuncs; /* NULL-terminated */
	const char *src;	   /* "[source 6.18; confirmed 6.18]" */
};

/* the set that holds kfunc name, NULL when the table does not know it */
const struct kfunc_set *kfunc_set_lookup(const char *name);
/* the hook of a program type (BPF_PROG_TYPE_*), -1 when it has none */
int kfunc_hook_of(uint32_t prog_type);
/* may a program of prog_type call kfunc name on 6.18: 1 yes, 0 no, -1 not known */
int kfunc_allowed(const char *name, uint32_t prog_type);
/* the program types whose hook has set s, in words ("tc, xdp, syscall, ..."), into buf */
void kfunc_set_types(const struct kfunc_set *s, char *buf, size_t n);

#endif
