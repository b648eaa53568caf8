/*
 * A test shim (LD_PRELOAD): right after the process maps the file named by
 * VERISTEP_TEST_SHRINK, cut that file to zero bytes, as an editor saving
 * or a log being recorded again would. Every read of the mapping then
 * faults (SIGBUS): what veristep must say, and survive, cleanly.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	static void *(*real)(void *, size_t, int, int, int, off_t);
	const char *path = getenv("VERISTEP_TEST_SHRINK");
	struct stat a, b;
	void *p;

	if (!real)
		real = (void *(*)(void *, size_t, int, int, int, off_t))dlsym(RTLD_NEXT, "mmap");
	p = real(addr, len, prot, flags, fd, off);
	if (p != MAP_FAILED && fd >= 0 && path && !fstat(fd, &a) && !stat(path, &b) &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		if (truncate(path, 0) == 0)
			unsetenv("VERISTEP_TEST_SHRINK");
	return p;
}
