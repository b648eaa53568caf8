/* SPDX-License-Identifier: MIT */
/*
 * cli.h — options shared by the subcommands, and the entry point of each
 * front end. main.c parses argv into struct opts, loads the model, and
 * calls one of these; each returns the process exit status (0, 1 or 2).
 */
#ifndef VERISTEP_CLI_H
#define VERISTEP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "src/model/model.h"

#define VERISTEP_VERSION "0.1.0"

struct opts;
/* the TUI's entry point (views/), handed to record by main: the core never names it */
typedef int (*tui_run_fn)(struct model *m, const struct opts *o);
struct diff_pair;
/* `diff --tui`'s entry point (views/), likewise handed over by main */
typedef int (*diff_tui_fn)(const struct diff_pair *d, const struct opts *o);

struct opts {
	const char *prog;   /* -p NAME */
	const char *kernel; /* --kernel X.Y */
	const char *format; /* -T svg|png */
	const char *output; /* -o FILE */
	int log_level;	    /* record --log-level */
	bool no_color;
	bool no_tui;
	bool quiet;
	const char *objects; /* diff --objects DIR: where the logs' objects are */
	bool json;	     /* diff --json, rules --json */
	bool steps;	     /* json --steps: path_list, step_list */
	bool states;	     /* json --states: and the state at each step */
	char **files;
	int nfiles;
	tui_run_fn tui;		/* set by main; NULL where no TUI is linked (the fuzzers) */
	diff_tui_fn diff_tui;	/* likewise */
	bool diff_tui_on;	/* diff --tui */
	unsigned long why_step; /* why --step N (1-based), 0 = the error step */
	const char *why_what;	/* why's WHAT (R1, fp-8), NULL = what the error names */
};

/* the one -p filter: does the command line ask for program p? (cli.c) */
bool opts_program_selected(const struct model *m, uint32_t pi, const struct opts *o);
/* is warning w (m->warnings) about a selected program, or about none in particular? */
bool opts_warning_selected(const struct model *m, uint32_t w, const struct opts *o);
/* the programs a front end should cover: all, or the ones -p names; how many (at most max) */
int opts_select_programs(const struct model *m, const struct opts *o, uint32_t *out, uint32_t max);

int report_run(struct model *m, const struct opts *o, FILE *out);
int json_run(struct model *m, const struct opts *o, FILE *out);
int dot_run(struct model *m, const struct opts *o, FILE *out);
int record_run(const struct opts *o);
int diff_run(const struct opts *o);
/* 0 clean, 1 findings, 2 trouble */
int check_run(struct model *m, const struct opts *o, FILE *out);
/* `veristep rules`: the matrix, one release (kernel X.Y) in words, or JSON */
int rules_print(FILE *out, const char *kernel, bool json);
int rules_run(const struct opts *o, FILE *out);
int tui_run(struct model *m, const struct opts *o);
/* `veristep why`: the chain of a register or slot at a step (src/front/why.c) */
int why_run(struct model *m, const struct opts *o, FILE *out);
struct why_result;
/* the chain as text lines, each starting with indent (for why and report) */
void why_print_chain(FILE *out, const struct model *m, const struct program *p,
		     const struct why_result *r, const char *indent);
/* the chain as the JSON of the contract; 0 or -errno (json.c) */
int json_why_print(FILE *out, const struct model *m, const struct program *p,
		   const struct why_result *r);
/* `veristep` with no FILE on a terminal: the lesson index (views/term.c); 2 without a terminal */
int tui_lessons_run(const struct opts *o);
int diff_tui_run(const struct diff_pair *d, const struct opts *o);

/* one compared program for `veristep diff` (src/front/diff.c) */
#include "src/analysis/diff.h"

struct diff_pair {
	const char *file; /* the log (its name under both directories in DIR mode) */
	const struct model *ma, *mb;
	const struct program *pa, *pb; /* NULL: the program is only on the other side */
	struct diff_result r;	       /* when both are there */
	bool differs;
};

/* a DIFF_STATE divergence's item ("R3", "fp-8") and its value on each side, as text */
void diff_item_text(const struct diff_pair *d, char *name, size_t nn, char *va, char *vb, size_t n);

/* the pairs as the JSON of the `diff` contract; 0 or -errno */
int json_diff_print(FILE *out, const struct diff_pair *v, size_t n);

#endif
