// SPDX-License-Identifier: MIT
/*
 * dot_render.c — lay out and render a cgraph graph with libgvc. Kept apart
 * from dot.c because Graphviz's gvc.h defines a `struct path` that clashes
 * with the model's: this file sees Graphviz only, never the model.
 */
#include <graphviz/gvc.h>
#include <stdio.h>

#include "src/front/dot_render.h"

int dot_render(Agraph_t *g, const char *format, const char *path, FILE *out)
{
	GVC_t *gvc = gvContext();
	int rc = 0;

	if (!gvc)
		return -1;
	if (gvLayout(gvc, g, "dot")) {
		rc = -1;
		goto out;
	}
	if (path ? gvRenderFilename(gvc, g, format, path) : gvRender(gvc, g, format, out))
		rc = -2;
	gvFreeLayout(gvc, g);
out:
	gvFreeContext(gvc);
	return rc;
}
