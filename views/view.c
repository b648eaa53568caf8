// SPDX-License-Identifier: MIT
/* view.c — small formatting helpers every pane shares (no curses). */
#include <stdio.h>
#include <string.h>

#include "src/model/model.h"
#include "views/view.h"

char *view_count(uint64_t v, char *buf, size_t n)
{
	if (v < 1000)
		snprintf(buf, n, "%llu", (unsigned long long)v);
	else if (v < 10000)
		snprintf(buf, n, "%llu.%lluk", (unsigned long long)(v / 1000),
			 (unsigned long long)(v % 1000 / 100));
	else if (v < 1000000)
		snprintf(buf, n, "%lluk", (unsigned long long)(v / 1000));
	else if (v < 1000000000ull)
		snprintf(buf, n, "%lluM", (unsigned long long)(v / 1000000));
	else
		snprintf(buf, n, "%lluG", (unsigned long long)(v / 1000000000ull));
	return buf;
}

const char *view_ctx_name(unsigned int contexts)
{
	switch (contexts & (CTX_SLEEPABLE | CTX_NON_SLEEPABLE)) {
	case CTX_SLEEPABLE:
		return "sleepable";
	case CTX_NON_SLEEPABLE:
		return "NON-SLEEPABLE";
	case CTX_SLEEPABLE | CTX_NON_SLEEPABLE:
		return "both contexts";
	default:
		return "context ?";
	}
}

void view_subprog_kind(const struct subprog *s, char *buf, size_t n)
{
	static const char *const linkage[] = { "", "main", "static", "global" };
	const char *sep = "";
	size_t at;

	snprintf(buf, n, "%s", s->linkage < 4 ? linkage[s->linkage] : "");
	at = strlen(buf);
	if (at)
		sep = " · ";
	if (s->roles & ROLE_ASYNC_CALLBACK)
		snprintf(buf + at, n - at, "%sasync callback", sep);
	else if (s->roles & ROLE_CALLBACK)
		snprintf(buf + at, n - at, "%scallback", sep);
	else if (s->roles & ROLE_EXCEPTION_CB)
		snprintf(buf + at, n - at, "%sexception cb", sep);
}
