/* SPDX-License-Identifier: MIT */
/*
 * dot_render.h — render a cgraph graph with Graphviz's "dot" layout.
 * Returns 0, -1 when the layout failed, -2 when rendering failed.
 * format: a gvc output format ("svg", "png"); path NULL writes to out.
 */
#ifndef VERISTEP_DOT_RENDER_H
#define VERISTEP_DOT_RENDER_H

#include <graphviz/cgraph.h>
#include <stdio.h>

int dot_render(Agraph_t *g, const char *format, const char *path, FILE *out);

#endif
