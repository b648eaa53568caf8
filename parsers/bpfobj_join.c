// SPDX-License-Identifier: MIT
/* bpfobj_join.c — placeholder */
#include "parsers/bpfobj.h"

int bpfobj_join(struct model *m, char *err, size_t errlen)
{
	(void)m;
	(void)err;
	(void)errlen;
	return 0;
}
