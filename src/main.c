// SPDX-License-Identifier: MIT
/*
 * main.c — argv to subcommand to model to front end. The only file that
 * links the TUI (views/). Commands are rows of cmds[] (bpftool's
 * cmd_select()); FILE... goes through the one load path (src/load.h). Exit status: 0 success (a rejected program is
 * data, not an error), 1 bad input, 2 bad usage.
 */
#include <errno.h>
#include <ctype.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/front/cli.h"
#include "src/front/lessons.h"
#include "src/front/outfile.h"
#include "src/front/textsafe.h"
#include "src/load.h"

static const char usage_text[] =
	"usage: veristep [OPTIONS] FILE...          open the TUI\n"
	"       veristep                            on a terminal: the lesson index of the "
	"samples\n"
	"       veristep report [OPTIONS] FILE...   plain-text analysis\n"
	"       veristep json [OPTIONS] FILE...     the model as JSON on stdout\n"
	"       veristep dot [OPTIONS] FILE...      subprog call graph as DOT\n"
	"       veristep record [OPTIONS] OBJ       load OBJ at log_level=2 and keep its log\n"
	"       veristep diff [OPTIONS] [OBJ] LOG_A [OBJ_B] LOG_B\n"
	"       veristep diff [OPTIONS] DIR_A DIR_B   compare two explorations (exit 0 same, 1 "
	"differ)\n"
	"       veristep check [--kernel X.Y] OBJ [LOG]  refusals as file:line:col: error: lines\n"
	"       veristep rules [--kernel X.Y] [--json]  the sleepable-context rules per release\n"
	"       veristep why [OPTIONS] FILE... [--step N] [WHAT]  where a register or slot's\n"
	"                                      value came from (default: what the error names)\n"
	"\n"
	"FILE is a verifier log (log_level 1 or 2), a BPF ELF object, or one of each,\n"
	"told apart by content. '-' reads the log from stdin.\n"
	"\n"
	"options:\n"
	"  -p, --prog NAME      the program to show (default: all, or the first rejected)\n"
	"      --kernel X.Y     apply the sleepable rules of kernel X.Y\n"
	"  -T FORMAT            dot: render with Graphviz (svg, png)\n"
	"  -o FILE              dot: output file; record: where to write the log\n"
	"      --no-tui         record: do not open the TUI\n"
	"      --json           diff: the comparison as JSON; rules: the table; why: the chain\n"
	"      --step N         why: at step N (default: the error step)\n"
	"      --steps          json: every path and step (unit, frame, callee, context)\n"
	"      --states         json: --steps with the state when each step was checked\n"
	"      --objects DIR    diff DIR_A DIR_B: objects in DIR/<the log's folder>/ too\n"
	"      --tui            diff: both explorations side by side, synced\n"
	"      --log-level N    record: verifier log level (default 2)\n"
	"      --no-color       monochrome TUI (also when NO_COLOR is set)\n"
	"  -q, --quiet          no progress line on stderr\n"
	"  -h, --help           this text\n"
	"  -V, --version        the version\n";

static void usage_error(const char *fmt, const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, arg);
	textsafe_error(msg);
	fprintf(stderr, "Try 'veristep --help'.\n");
	exit(2);
}

static void progress_line(void *ctx, uint64_t done, uint64_t total)
{
	(void)ctx;
	if (total)
		fprintf(stderr, "\rveristep: indexing %llu/%llu MB (%u%%)",
			(unsigned long long)(done >> 20), (unsigned long long)(total >> 20),
			(unsigned)(done * 100 / total));
	if (done >= total)
		fprintf(stderr, "\r\033[K");
}

/* for `make bench`: the model's heap and the process's anonymous memory, on stderr */
static void print_memstats(const struct model *m)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");
	unsigned long long anon = 0, hwm = 0;

	while (f && fgets(line, sizeof(line), f)) {
		sscanf(line, "RssAnon: %llu kB", &anon);
		sscanf(line, "VmHWM: %llu kB", &hwm);
	}
	if (f)
		fclose(f);
	fprintf(stderr,
		"memstats: log_bytes %llu model_bytes %llu rss_anon_kb %llu vm_hwm_kb %llu\n",
		(unsigned long long)m->log.len, (unsigned long long)load_bytes(m), anon, hwm);
}

/* --kernel takes X.Y or X.Y.Z (digits only) or 5.x: "6.18x" or "6.18." is a usage error */
static bool kernel_arg_ok(const char *s)
{
	int parts = 0;

	if (!strcmp(s, "5.x"))
		return true;
	for (;;) {
		size_t d = strspn(s, "0123456789");

		if (!d || d > 5)
			return false;
		parts++;
		s += d;
		if (!*s)
			return parts >= 2 && parts <= 3;
		if (*s != '.')
			return false;
		s++;
	}
}

/* why's WHAT: "R0".."R10", "r1", "fp-8" (a file of that name is still a file) */
static bool why_word(const char *s)
{
	if (access(s, F_OK) == 0)
		return false;
	if ((s[0] == 'R' || s[0] == 'r') && isdigit((unsigned char)s[1]))
		return true;
	return !strncmp(s, "fp-", 3) || !strncmp(s, "fp+", 3);
}

/* `rules` prints on stdout */
static int rules_cmd(const struct opts *o)
{
	return rules_run(o, stdout);
}

/* the TUI, or the report when stdout is not a terminal */
static int tui_or_report(struct model *m, const struct opts *o, FILE *out)
{
	return isatty(1) ? tui_run(m, o) : report_run(m, o, out);
}

/*
 * The commands, as bpftool's cmd_select() walks them. A command runs on
 * the options alone (.run: it loads what it needs itself), or on the model
 * the one load path builds from FILE... (.run_model). A new command is one
 * row; the flags say which options it takes.
 */
static const struct cmd {
	const char *name;
	int (*run)(const struct opts *o);
	int (*run_model)(struct model *m, const struct opts *o, FILE *out);
	bool json;	      /* takes --json */
	bool steps;	      /* takes --steps, --states */
	bool objects;	      /* takes --objects */
	bool diff_tui;	      /* takes --tui */
	bool outfile;	      /* -o FILE: the output, written whole or not at all */
	bool no_output;	      /* -o is a usage error */
	bool why;	      /* takes --step N and a trailing WHAT */
	const char *one_file; /* takes exactly one FILE: the usage error otherwise */
	int load_error;	      /* exit status when FILE... does not load (1, or check's 2) */
} cmds[] = {
	{ "report", .run_model = report_run, .outfile = true, .load_error = 1 },
	{ "json", .run_model = json_run, .steps = true, .outfile = true, .load_error = 1 },
	{ "dot", .run_model = dot_run, .load_error = 1 },
	{ "check", .run_model = check_run, .load_error = 2 }, /* check: 1 means findings */
	{ "record", .run = record_run, .one_file = "record takes one object file" },
	{ "diff", .run = diff_run, .json = true, .objects = true, .diff_tui = true },
	{ "rules", .run = rules_cmd, .json = true },
	{ "why", .run_model = why_run, .json = true, .why = true, .load_error = 1 },
};

/* no command word: the TUI */
static const struct cmd cmd_tui = { NULL, .run_model = tui_or_report, .no_output = true,
				    .load_error = 1 };

/* argv[1] names a command: its row, else NULL */
static const struct cmd *cmd_select(const char *word)
{
	size_t i;

	for (i = 0; word && i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(word, cmds[i].name))
			return &cmds[i];
	return NULL;
}

/* load FILE... through the one load path and hand the model to the command */
static int run_loaded(const struct cmd *cmd, const struct opts *o)
{
	struct load_opts lo = { 0 };
	struct outfile of = { .fd = -1 };
	bool have_of = false;
	FILE *out = stdout;
	struct model *m;
	char err[512];
	int rc;

	if (o->nfiles < 1)
		usage_error("%s", "no FILE given (a verifier log, a BPF object, or both)");
	if (o->nfiles > 2)
		usage_error("%s", "at most two FILEs: one log and one object");
	if (o->output && cmd->no_output)
		usage_error("%s", "-o is for report, json, dot and record, not the TUI");
	/* report/json -o FILE: the target is checked before the log is read */
	if (o->output && cmd->outfile) {
		if (outfile_open(&of, o->output, err, sizeof(err))) {
			textsafe_error(err);
			return 1;
		}
		have_of = true;
	}
	m = model_new();
	if (!m) {
		fprintf(stderr, "veristep: out of memory\n");
		outfile_abort(&of);
		return 1;
	}
	if (!o->quiet && isatty(2)) {
		lo.progress = progress_line;
		lo.progress_ctx = NULL;
	}
	lo.kernel = o->kernel;
	lo.prog = o->prog;
	rc = load_files(m, o->files, o->nfiles, &lo, err, sizeof(err));
	if (rc) {
		textsafe_error(err); /* a file name or log text may hold a newline or an escape */
		if (have_of)
			outfile_abort(&of);
		load_free(m);
		return cmd->load_error;
	}
	if (o->prog) {
		uint32_t sel;

		if (opts_select_programs(m, o, &sel, 1) == 0) {
			snprintf(err, sizeof(err), "%s: no program named '%s'", o->files[0],
				 o->prog);
			textsafe_error(err);
			if (have_of)
				outfile_abort(&of);
			load_free(m);
			return cmd->load_error;
		}
	}
	if (have_of && !(out = outfile_stream(&of, err, sizeof(err)))) {
		textsafe_error(err);
		outfile_abort(&of);
		load_free(m);
		return 1;
	}
	rc = cmd->run_model(m, o, out);
	if (have_of) {
		/* a write error is said by the commit, which removes what was written */
		if (rc && !ferror(out))
			outfile_abort(&of);
		else if (outfile_commit(&of, err, sizeof(err))) {
			textsafe_error(err);
			rc = 1;
		}
	}
	if (getenv("VERISTEP_MEMSTATS"))
		print_memstats(m);
	load_free(m);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "prog", required_argument, NULL, 'p' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "no-tui", no_argument, NULL, 'N' },
		{ "log-level", required_argument, NULL, 'L' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "json", no_argument, NULL, 'J' },
		{ "steps", no_argument, NULL, 'S' },
		{ "states", no_argument, NULL, 'X' },
		{ "objects", required_argument, NULL, 'O' },
		{ "tui", no_argument, NULL, 'U' },
		{ "step", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { .log_level = 2, .tui = tui_run, .diff_tui = diff_tui_run };
	const struct cmd *cmd = cmd_select(argc > 1 ? argv[1] : NULL);
	int c, rc;

	setlocale(LC_ALL, "");
	load_on_fault(outfile_signal_cleanup);
	if (cmd) {
		argv[1] = argv[0];
		argv++;
		argc--;
	} else {
		cmd = &cmd_tui;
	}
	argv[0] = (char *)"veristep"; /* getopt's own messages: "veristep: ...", as every other */
	while ((c = getopt_long(argc, argv, "p:T:o:qhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			o.prog = optarg;
			break;
		case 'k':
			if (!kernel_arg_ok(optarg))
				usage_error("--kernel takes a version X.Y or X.Y.Z, not '%s'",
					    optarg);
			o.kernel = optarg;
			break;
		case 'T':
			if (strcmp(optarg, "svg") && strcmp(optarg, "png") && strcmp(optarg, "dot"))
				usage_error("-T takes svg, png or dot, not '%s'", optarg);
			o.format = optarg;
			break;
		case 'o':
			o.output = optarg;
			break;
		case 'C':
			o.no_color = true;
			break;
		case 'N':
			o.no_tui = true;
			break;
		case 'L': {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*end || v < 1 || v > 15)
				usage_error("--log-level takes 1 to 15, not '%s'", optarg);
			o.log_level = (int)v;
			break;
		}
		case 'q':
			o.quiet = true;
			break;
		case 'U':
			if (!cmd->diff_tui)
				usage_error(
					"%s",
					"--tui goes with diff (the TUI is the default elsewhere)");
			o.diff_tui_on = true;
			break;
		case 'O':
			if (!cmd->objects)
				usage_error("%s", "--objects goes with diff DIR_A DIR_B");
			o.objects = optarg;
			break;
		case 'J':
			if (!cmd->json)
				usage_error("%s", "--json goes with diff, rules or why (use "
						  "'veristep json' for "
						  "the model)");
			o.json = true;
			break;
		case 'S':
		case 'X':
			if (!cmd->steps)
				usage_error("%s", "--steps and --states go with json");
			o.steps = true;
			o.states = o.states || c == 'X';
			break;
		case 'n': {
			char *end;
			unsigned long v = strtoul(optarg, &end, 10);

			if (!cmd->why)
				usage_error("%s", "--step goes with why");
			if (*end || !*optarg || v < 1 || v > UINT32_MAX || optarg[0] == '-')
				usage_error("--step takes a step number from 1, not '%s'", optarg);
			o.why_step = v;
			break;
		}
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case 'V':
			printf("veristep %s\n", VERISTEP_VERSION);
			return 0;
		default:
			fprintf(stderr, "Try 'veristep --help'.\n");
			return 2;
		}
	}
	o.files = argv + optind;
	o.nfiles = argc - optind;
	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		o.no_color = true;

	/* why FILE... [WHAT]: a last word that names a register or a slot, not a file */
	if (cmd->why && o.nfiles > 1 && why_word(o.files[o.nfiles - 1]))
		o.why_what = o.files[--o.nfiles];
	if (cmd->one_file && o.nfiles != 1)
		usage_error("%s", cmd->one_file);
	/* no FILE on a terminal: the lesson index of the bundled samples; else the usage error */
	if (cmd == &cmd_tui && !o.nfiles && !o.output && isatty(0) && isatty(1)) {
		char dir[4096];

		if (lessons_dir(dir, sizeof(dir)))
			usage_error("%s",
				    "no FILE given, and no bundled samples for the lesson index "
				    "(samples/ beside the binary, or ../share/veristep/samples)");
		return tui_lessons_run(&o);
	}
	rc = cmd->run ? cmd->run(&o) : run_loaded(cmd, &o);
	if (fflush(stdout) == EOF && rc == 0) {
		fprintf(stderr, "veristep: write error: %s\n", strerror(errno));
		rc = 1;
	}
	return rc;
}
