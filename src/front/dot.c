// SPDX-License-Identifier: MIT
/*
 * dot.c — `veristep dot`: the subprogram call graph, built with Graphviz's
 * cgraph (never printed by hand) and written as DOT, or rendered with gvc
 * (-T svg|png [-o OUT]). One cluster per program; nodes styled by linkage
 * and sleepable context; edges by kind, labelled with via and insn; the
 * chain of the violation (from the log's error, or predicted from the
 * object) drawn in red. Only dot.c (cgraph) and gvlayout.c (the layout) include Graphviz.
 */
#include <graphviz/cgraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/front/cli.h"
#include "src/front/gvlayout.h"
#include "src/front/outfile.h"
#include "src/front/textsafe.h"
#include "src/load.h"
#include "src/analysis/sleep.h"

/*
 * Every value is escaped: a name with a control byte must not make the SVG
 * invalid XML. In a label a backslash starts a Graphviz escape (\N, \l):
 * a backslash of the text is doubled to stay itself.
 */
static void set(void *obj, const char *k, const char *v)
{
	char safe[2048], lab[4096];
	size_t i, j = 0;

	textsafe_escape(safe, sizeof(safe), v, strlen(v), TS_KEEP_NL);
	if (strcmp(k, "label")) {
		agsafeset(obj, (char *)k, safe, "");
		return;
	}
	for (i = 0; safe[i] && j + 2 < sizeof(lab); i++) {
		if (safe[i] == '\\')
			lab[j++] = '\\';
		lab[j++] = safe[i];
	}
	lab[j] = '\0';
	agsafeset(obj, (char *)k, lab, "");
}

static const char *ctx_fill(uint8_t ctx)
{
	if (ctx == (CTX_SLEEPABLE | CTX_NON_SLEEPABLE))
		return "khaki";
	if (ctx & CTX_SLEEPABLE)
		return "palegreen";
	if (ctx & CTX_NON_SLEEPABLE)
		return "lightpink";
	return "white";
}

static const char *ctx_text(uint8_t ctx)
{
	if (ctx == (CTX_SLEEPABLE | CTX_NON_SLEEPABLE))
		return "sleepable + NON-SLEEPABLE";
	if (ctx & CTX_SLEEPABLE)
		return "sleepable";
	if (ctx & CTX_NON_SLEEPABLE)
		return "NON-SLEEPABLE";
	return "not explored";
}

static Agnode_t *sub_node(Agraph_t *sg, uint32_t pi, uint32_t id)
{
	char name[64];

	snprintf(name, sizeof(name), "p%u_f%u", pi, id);
	return agnode(sg, name, 0);
}

/* the refusal to highlight: the log's error, else the first prediction (stored by the analysis) */
static bool pick_finding(const struct model *m, uint32_t pi, struct sleep_finding *f)
{
	const struct sleep_finding *sf = sleep_program_finding(model_prog(m, pi), true);

	if (!sf || sf->insn == IDX_NONE)
		return false;
	*f = *sf;
	return true;
}

static void mark_red(void *obj, bool edge)
{
	set(obj, "color", "red");
	set(obj, "penwidth", "2.5");
	if (edge)
		set(obj, "fontcolor", "red");
}

static void add_program(Agraph_t *g, const struct model *m, uint32_t pi)
{
	const struct program *p = model_prog(m, pi);
	struct sleep_finding f = { 0 };
	bool bad;
	char name[96], label[1024];
	Agraph_t *sg;
	uint32_t i, k;

	snprintf(name, sizeof(name), "cluster_%u", pi);
	sg = agsubg(g, name, 1);
	snprintf(label, sizeof(label), "prog %s%s%s%s (%s) — %s",
		 p->name ? strtab_get(&m->str, p->name) : "?", p->section ? " SEC(\"" : "",
		 p->section ? strtab_get(&m->str, p->section) : "", p->section ? "\")" : "",
		 p->sleepable == 1 ? "sleepable" :
		 p->sleepable == 0 ? "non-sleepable" :
				     "?",
		 p->verdict == VERDICT_UNKNOWN ? "object only" : verdict_name(p->verdict));
	set(sg, "label", label);
	set(sg, "style", "rounded");
	bad = pick_finding(m, pi, &f);

	for (i = 0; i < p->subprogs.n; i++) {
		const struct subprog *s = &p->subprogs.v[i];
		Agnode_t *n;
		char nm[64];

		snprintf(nm, sizeof(nm), "p%u_f%u", pi, s->id);
		n = agnode(sg, nm, 1);
		snprintf(label, sizeof(label), "%s\nfunc#%u @%u · %s%s%s\n%s%s",
			 s->name ? strtab_get(&m->str, s->name) : nm, s->id, s->start,
			 model_linkage_name(s->linkage, NAME_TEXT),
			 s->roles & ROLE_ASYNC_CALLBACK ? " · async callback" :
			 s->roles & ROLE_CALLBACK	? " · callback" :
							  "",
			 "", ctx_text(s->contexts),
			 s->might_sleep == 1 ? "\nmay sleep" :
			 s->might_sleep == 0 ? "" :
					       "\nmay sleep: unknown");
		set(n, "label", label);
		set(n, "shape", s->linkage == LINKAGE_GLOBAL ? "box" : "box");
		set(n, "style",
		    s->linkage == LINKAGE_MAIN	 ? "filled,bold" :
		    s->linkage == LINKAGE_GLOBAL ? "filled,rounded" :
						   "filled");
		if (s->linkage == LINKAGE_GLOBAL)
			set(n, "peripheries", "2");
		set(n, "fillcolor", ctx_fill(s->contexts));
		set(n, "fontname", "Helvetica");
		if (bad && f.subprog == s->id)
			mark_red(n, false);
	}
	for (i = 0; i < program_cold(p)->edges.n; i++) {
		const struct edge *e = &program_cold(p)->edges.v[i];
		Agnode_t *a = sub_node(sg, pi, e->from), *b = sub_node(sg, pi, e->to);
		Agedge_t *ed;
		char key[64];
		bool red = false;

		if (!a || !b)
			continue;
		snprintf(key, sizeof(key), "p%u_e%u", pi, i);
		ed = agedge(sg, a, b, key, 1);
		if (e->kind == EDGE_CALL)
			snprintf(label, sizeof(label), "call @%u", e->insn);
		else
			snprintf(label, sizeof(label), "%s @%u%s",
				 e->via ? strtab_get(&m->str, e->via) : "callback", e->insn,
				 e->sleepable == 1 ? "\nsleepable" :
				 e->sleepable == 0 ? "\nNON-SLEEPABLE" :
						     "");
		set(ed, "label", label);
		set(ed, "fontname", "Helvetica");
		set(ed, "fontsize", "10");
		set(ed, "style",
		    e->kind == EDGE_CALL     ? "solid" :
		    e->kind == EDGE_CALLBACK ? "dashed" :
					       "bold,dashed");
		set(ed, "arrowhead", e->kind == EDGE_ASYNC_CALLBACK ? "veevee" : "normal");
		if (bad) {
			for (k = 0; k < f.nhops; k++)
				if (f.hops[k].insn == e->insn && f.hops[k].to == e->to)
					red = true;
			if (f.callee != IDX_NONE && e->insn == f.insn && e->to == f.callee)
				red = true;
		}
		if (red)
			mark_red(ed, true);
	}
	/* a refused helper/kfunc gets its own node, so the chain ends somewhere */
	if (bad && f.callee == IDX_NONE && f.call) {
		Agnode_t *from = sub_node(sg, pi, f.subprog), *c;
		Agedge_t *ed;
		char nm[96];

		snprintf(nm, sizeof(nm), "p%u_call%u", pi, f.insn);
		c = agnode(sg, nm, 1);
		snprintf(label, sizeof(label), "%s\n%s", f.call, sleep_kind_name(f.kind));
		set(c, "label", label);
		set(c, "shape", "note");
		set(c, "fontname", "Helvetica");
		mark_red(c, false);
		if (from) {
			ed = agedge(sg, from, c, nm, 1);
			snprintf(label, sizeof(label), "✗ @%u", f.insn);
			set(ed, "label", label);
			mark_red(ed, true);
		}
	}
}

int dot_run(struct model *m, const struct opts *o, FILE *out)
{
	struct outfile of = { .fd = -1 };
	char err[512];
	Agraph_t *g;
	uint32_t i;
	int rc = 0;

	g = agopen("veristep", Agdirected, NULL);
	if (!g) {
		fprintf(stderr, "veristep: out of memory building the graph\n");
		return 1;
	}
	set(g, "rankdir", "TB");
	set(g, "fontname", "Helvetica");
	set(g, "compound", "true");
	for (i = 0; i < m->progs.n; i++) {
		if (!opts_program_selected(m, i, o))
			continue;
		add_program(g, m, i);
		load_prog_done(m, i);
	}
	/* -o OUT: through the safe writer, so a failure leaves no partial file */
	if (o->output) {
		if (outfile_open(&of, o->output, err, sizeof(err)) ||
		    !(out = outfile_stream(&of, err, sizeof(err)))) {
			outfile_abort(&of);
			textsafe_error(err);
			agclose(g);
			return 1;
		}
	}
	if (o->format && strcmp(o->format, "dot")) {
		/*
		 * Rendered into memory, then written: Graphviz's own messages about
		 * a failing stream never reach the user, the write error does.
		 */
		char *img = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&img, &len);
		int r = mem ? dot_render(g, o->format, NULL, mem) : -2;

		if (mem && fclose(mem) && !r)
			r = -2;
		if (r) {
			snprintf(err, sizeof(err), "%s: Graphviz %s failed",
				 o->output ? o->output : "-", r == -1 ? "layout" : "rendering");
			rc = 1;
		} else if (fwrite(img, 1, len, out) != len || fflush(out) == EOF) {
			snprintf(err, sizeof(err), "%s: cannot write", o->output ? o->output : "-");
			rc = 1;
		}
		free(img);
	} else if (agwrite(g, out) == EOF) {
		snprintf(err, sizeof(err), "%s: cannot write", o->output ? o->output : "-");
		rc = 1;
	}
	if (o->output) {
		if (rc)
			outfile_abort(&of);
		else if (outfile_commit(&of, err, sizeof(err)))
			rc = 1;
	}
	if (rc)
		textsafe_error(err);
	agclose(g);
	return rc;
}
