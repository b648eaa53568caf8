// SPDX-License-Identifier: MIT
/*
 * memchr_pass.c — the floor a one-thread line parser is measured against:
 * map the file and find every line end with one memchr() per line, as a
 * parser that looks at nothing else would. Prints the line count. Used by
 * `make bench` (tests/bench.sh); not a test. usage: memchr_pass FILE
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct stat st;
	const char *b, *p, *end;
	unsigned long long lines = 0;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: memchr_pass FILE\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0) {
		perror(argv[1]);
		return 1;
	}
	if (!st.st_size) {
		puts("0");
		return 0;
	}
	b = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (b == MAP_FAILED) {
		perror(argv[1]);
		return 1;
	}
	madvise((void *)b, (size_t)st.st_size, MADV_SEQUENTIAL);
	for (p = b, end = b + st.st_size; p < end; lines++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		p = nl ? nl + 1 : end;
	}
	printf("%llu\n", lines);
	return 0;
}
