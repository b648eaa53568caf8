// SPDX-License-Identifier: MIT
/*
 * outfile.c — safe writing of an -o file (see outfile.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/front/outfile.h"

/* the temporary file a signal must remove (one at a time) */
static char *volatile of_sig_tmp;
static const int of_signals[] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction of_old[3];

static void of_on_signal(int sig)
{
	char *t = of_sig_tmp;

	if (t)
		unlink(t);
	/* SA_RESETHAND gave back the default action: die of the signal */
	raise(sig);
}

void outfile_signal_cleanup(void)
{
	char *t = of_sig_tmp;

	if (t)
		unlink(t);
}

static void of_guard(char *tmp)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = of_on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	of_sig_tmp = tmp;
	for (i = 0; i < sizeof(of_signals) / sizeof(of_signals[0]); i++)
		sigaction(of_signals[i], &sa, &of_old[i]);
}

static void of_unguard(void)
{
	size_t i;

	if (!of_sig_tmp)
		return;
	for (i = 0; i < sizeof(of_signals) / sizeof(of_signals[0]); i++)
		sigaction(of_signals[i], &of_old[i], NULL);
	of_sig_tmp = NULL;
}

static int of_fail(char *err, size_t errlen, const char *path, int e, const char *what)
{
	snprintf(err, errlen, "%s: %s: %s", path, what, strerror(e));
	return -e;
}

static int of_open_tmp(struct outfile *of, const struct stat *old, char *err, size_t errlen)
{
	size_t plen = strlen(of->path);
	mode_t um;

	of->tmp = malloc(plen + sizeof(".tmp.XXXXXX"));
	if (!of->tmp)
		return of_fail(err, errlen, of->path, ENOMEM, "cannot write");
	memcpy(of->tmp, of->path, plen);
	memcpy(of->tmp + plen, ".tmp.XXXXXX", sizeof(".tmp.XXXXXX"));
	of->fd = mkostemp(of->tmp, O_CLOEXEC);
	if (of->fd < 0) {
		int e = errno;

		free(of->tmp);
		of->tmp = NULL;
		return of_fail(err, errlen, of->path, e, "cannot write");
	}
	of_guard(of->tmp);
	if (old) {
		/* the new file replaces the old one: same mode, same owner and group */
		if (fchown(of->fd, old->st_uid, old->st_gid) < 0 ||
		    fchmod(of->fd, old->st_mode & 07777) < 0)
			return -EPERM;
	} else {
		um = umask(0);
		umask(um);
		if (fchmod(of->fd, 0666 & ~um) < 0) {
			int e = errno;

			outfile_abort(of);
			return of_fail(err, errlen, of->path, e, "cannot write");
		}
	}
	return 0;
}

static int of_open_in_place(struct outfile *of, bool create, char *err, size_t errlen)
{
	/* no O_TRUNC yet: the file keeps its content until the writing starts */
	of->fd = open(of->path, O_WRONLY | O_CLOEXEC | O_NOCTTY | (create ? O_CREAT : 0), 0666);
	if (of->fd < 0)
		return of_fail(err, errlen, of->path, errno, "cannot write");
	of->in_place = true;
	return 0;
}

int outfile_open(struct outfile *of, const char *path, char *err, size_t errlen)
{
	struct stat st, lst;
	int rc;

	memset(of, 0, sizeof(*of));
	of->path = path;
	of->fd = -1;
	if (!strcmp(path, "-")) {
		of->to_stdout = true;
		return 0;
	}
	if (stat(path, &st) < 0) {
		if (errno != ENOENT)
			return of_fail(err, errlen, path, errno, "cannot write");
		/* a dangling symlink: create what it points to, keep the link */
		if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
			of->regular = true;
			return of_open_in_place(of, true, err, errlen);
		}
		of->regular = true;
		return of_open_tmp(of, NULL, err, errlen);
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: is a directory; -o takes a file name", path);
		return -EISDIR;
	}
	of->regular = S_ISREG(st.st_mode);
	{
		struct stat out;

		/* /proc/self/fd/1, /dev/stdout: the same file as standard output */
		if (fstat(1, &out) == 0 && out.st_dev == st.st_dev && out.st_ino == st.st_ino)
			of->same_as_stdout = true;
	}
	if (!of->regular || lstat(path, &lst) < 0 || S_ISLNK(lst.st_mode) || st.st_nlink > 1 ||
	    st.st_uid != geteuid())
		return of_open_in_place(of, false, err, errlen);
	rc = of_open_tmp(of, &st, err, errlen);
	if (rc == -EPERM) {
		/* the owner or group cannot be kept on a new file: write in place */
		outfile_abort(of);
		of->fd = -1;
		return of_open_in_place(of, false, err, errlen);
	}
	return rc;
}

FILE *outfile_stream(struct outfile *of, char *err, size_t errlen)
{
	if (of->f)
		return of->f;
	if (of->to_stdout) {
		of->f = stdout;
		of->started = true;
		return of->f;
	}
	if (of->fd < 0) {
		of_fail(err, errlen, of->path, EBADF, "cannot write");
		return NULL;
	}
	if (of->in_place && of->regular && ftruncate(of->fd, 0) < 0) {
		of_fail(err, errlen, of->path, errno, "cannot write");
		return NULL;
	}
	of->started = true;
	of->f = fdopen(of->fd, "w");
	if (!of->f) {
		of_fail(err, errlen, of->path, errno, "cannot write");
		return NULL;
	}
	return of->f;
}

int outfile_commit(struct outfile *of, char *err, size_t errlen)
{
	int e = 0;

	if (!of->f && !outfile_stream(of, err, errlen)) {
		outfile_abort(of);
		return -EIO;
	}
	if (of->to_stdout) {
		if (fflush(stdout) == EOF || ferror(stdout))
			return of_fail(err, errlen, "-", errno ? errno : EIO, "cannot write");
		of->f = NULL;
		return 0;
	}
	if (fflush(of->f) == EOF || ferror(of->f))
		e = errno ? errno : EIO;
	if (fclose(of->f) == EOF && !e)
		e = errno ? errno : EIO;
	of->f = NULL;
	of->fd = -1;
	if (!e && of->tmp && rename(of->tmp, of->path) < 0)
		e = errno;
	if (e) {
		outfile_abort(of);
		return of_fail(err, errlen, of->path, e, "cannot write");
	}
	of_unguard();
	free(of->tmp);
	of->tmp = NULL;
	return 0;
}

void outfile_abort(struct outfile *of)
{
	if (of->f && !of->to_stdout)
		fclose(of->f);
	else if (of->fd >= 0 && !of->f)
		close(of->fd);
	of->f = NULL;
	if (of->tmp) {
		unlink(of->tmp);
		of_unguard();
		free(of->tmp);
		of->tmp = NULL;
	} else if (of->in_place && of->regular && of->started) {
		/* never half a file: what was written in place is dropped */
		int fd = open(of->path, O_WRONLY | O_CLOEXEC | O_NOCTTY);

		if (fd >= 0) {
			if (ftruncate(fd, 0) < 0) {
				/* nothing more to do */
			}
			close(fd);
		}
	}
	of->fd = -1;
}
