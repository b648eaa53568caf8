// SPDX-License-Identifier: MIT
/*
 * lessonindex.c — a build-time tool (beside the front ends: it reads the
 * lesson table, src/front/lessons.c): `lessonindex --markdown` prints the
 * lesson index of samples/README.md, grouped by rule, so the written index
 * cannot drift from the table the TUI's picker reads (`make lesson-index`
 * writes it in; tests/cli/lessons.sh compares). `lessonindex --tsv` prints
 * one row per lesson in the order the picker shows them, "SAMPLE<TAB>RULE<TAB>VERDICT<TAB>KERNELS<TAB>OPEN-ON<TAB>
 * TEACHES", for the test that checks the table against the samples' headers.
 * Not part of veristep itself.
 */
#include <stdio.h>
#include <string.h>

#include "src/front/lessons.h"

#define BEGIN "<!-- lesson index: generated from src/front/lessons.c (make lesson-index) -->"
#define END "<!-- end of the lesson index -->"

static void markdown(void)
{
	int r;
	size_t i;
	char v[256];

	puts(BEGIN);
	for (r = 0; r < LESSON_RULE__COUNT; r++) {
		bool first = true;

		for (i = 0; i < lessons_count; i++) {
			const struct lesson *l = &lessons[i];

			if ((int)l->rule != r)
				continue;
			if (first) {
				printf("\n### %s\n\n", lesson_rule_title((enum lesson_rule)r));
				puts("| sample | verdict | opens on | what it teaches |");
				puts("| --- | --- | --- | --- |");
				first = false;
			}
			printf("| `%s` | %s | %s | %s |\n", l->sample,
			       lesson_verdict_text(l, v, sizeof(v)), l->open_on, l->teaches);
		}
	}
	puts("");
	puts(END);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc == 2 && !strcmp(argv[1], "--markdown")) {
		markdown();
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "--tsv")) {
		for (i = 0; i < lessons_count; i++) {
			const struct lesson *l = &lessons[lesson_shown((int)i)];

			printf("%s\t%s\t%s\t%s\t%s\t%s\n", l->sample, lesson_rule_title(l->rule),
			       l->verdict, l->kernels ? l->kernels : "-", l->open_on, l->teaches);
		}
		return 0;
	}
	fprintf(stderr, "usage: lessonindex --markdown | --tsv\n");
	return 2;
}
