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

struct opts {
	const char *prog;    /* -p NAME */
	const char *kernel;  /* --kernel X.Y */
	const char *format;  /* -T svg|png */
	const char *output;  /* -o FILE */
	int log_level;	     /* record --log-level */
	bool no_color;
	bool no_tui;
	bool quiet;
	bool json; /* rules --json */
	char **files;
	int nfiles;
};

/* the programs a front end should cover: all, or the one -p names (NULL if none matches) */
int opts_select_programs(const struct model *m, const struct opts *o, uint32_t *out, uint32_t max);

int report_run(struct model *m, const struct opts *o, FILE *out);
int json_run(struct model *m, const struct opts *o, FILE *out);
int dot_run(struct model *m, const struct opts *o, FILE *out);
int record_run(const struct opts *o);
/* `veristep rules`: the matrix, one release (kernel X.Y) in words, or JSON */
int rules_print(FILE *out, const char *kernel, bool json);
int rules_run(const struct opts *o, FILE *out);
int tui_run(struct model *m, const struct opts *o);

#endif
