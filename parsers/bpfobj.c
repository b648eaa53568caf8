// SPDX-License-Identifier: MIT
/* bpfobj.c — placeholder until the object loader lands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "parsers/bpfobj.h"

int bpfobj_open_mem(struct model *m, const void *buf, size_t len, const char *name, char *err,
		    size_t errlen)
{
	(void)m;
	(void)buf;
	(void)len;
	snprintf(err, errlen, "%s: reading BPF objects is not implemented yet", name);
	return -ENOTSUP;
}

int bpfobj_join(struct model *m, char *err, size_t errlen)
{
	(void)m;
	(void)err;
	(void)errlen;
	return 0;
}

void bpfobj_free(struct bpfobj *obj)
{
	(void)obj;
}
