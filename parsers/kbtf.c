// SPDX-License-Identifier: MIT
/*
 * kbtf.c — the parameter names of kfuncs from this machine's kernel BTF.
 * See kbtf.h.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "parsers/kbtf.h"

static struct btf *kbtf;
static bool kbtf_tried;

static const struct btf *kbtf_get(void)
{
	const char *path = getenv("VERISTEP_VMLINUX");

	if (!kbtf_tried) {
		kbtf_tried = true;
		kbtf = btf__parse(path && *path ? path : "/sys/kernel/btf/vmlinux", NULL);
		if (libbpf_get_error(kbtf))
			kbtf = NULL;
	}
	return kbtf;
}

const char *kbtf_kfunc_params(const char *name, int32_t id, char *buf, size_t n)
{
	const struct btf *b;
	const struct btf_type *t, *fp;
	const struct btf_param *pa;
	const char *tn;
	size_t len = 0;

	if (id <= 0 || !name || !(b = kbtf_get()))
		return NULL;
	t = btf__type_by_id(b, (uint32_t)id);
	if (!t || !btf_is_func(t) || !(tn = btf__name_by_offset(b, t->name_off)) ||
	    strcmp(tn, name))
		return NULL;
	fp = btf__type_by_id(b, t->type);
	if (!fp || !btf_is_func_proto(fp))
		return NULL;
	pa = btf_params(fp);
	for (uint16_t i = 0; i < btf_vlen(fp); i++) {
		const char *pn = btf__name_by_offset(b, pa[i].name_off);
		size_t l = pn ? strlen(pn) : 0;

		if (!pa[i].type) /* "..." */
			break;
		if (!l || len + l + 2 > n)
			return NULL;
		if (i)
			buf[len++] = ',';
		memcpy(buf + len, pn, l);
		len += l;
	}
	if (!n)
		return NULL;
	buf[len] = '\0';
	return buf;
}
