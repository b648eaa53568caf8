/* SPDX-License-Identifier: MIT */
/*
 * kbtf.h — this machine's kernel BTF (/sys/kernel/btf/vmlinux, or the file
 * VERISTEP_VMLINUX names), read once when first asked, for what an
 * object's BTF lacks: the parameter names of a kfunc (clang keeps only
 * their types for an extern).
 */
#ifndef VERISTEP_PARSERS_KBTF_H
#define VERISTEP_PARSERS_KBTF_H

#include <stddef.h>
#include <stdint.h>

/*
 * The parameter names of kfunc `name`, comma-separated, into buf, when the
 * kernel BTF here has a function of that name at BTF id `id` (the "#N" of
 * the log's `call name#N`): then the log comes from a kernel whose BTF
 * numbers its kfuncs as this one does. NULL otherwise (no BTF here,
 * another kernel, an unnamed parameter, too long for buf).
 */
const char *kbtf_kfunc_params(const char *name, int32_t id, char *buf, size_t n);

#endif
