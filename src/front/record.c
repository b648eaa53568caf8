// SPDX-License-Identifier: MIT
/*
 * record.c — `veristep record`: load a BPF object through libbpf the way an
 * application would (section-derived type and flags, maps created, the
 * instruction image libbpf builds), one program at a time with the others'
 * autoload off, and keep each program's complete verifier log.
 *
 * The log level sent is --log-level (default 2) plus BPF_LOG_STATS (4). A
 * too-small log buffer makes the kernel fail the load with ENOSPC in place of
 * its real answer, so the load is retried with a buffer of the size the
 * kernel reports it needed (attr.log_true_size, kernel 6.4+), or twice the
 * size when it reports nothing, up to the kernel's limit of 1 GiB - 1 byte.
 *
 * libbpf 1.1 neither reads attr.log_true_size back nor accepts log levels
 * above 7, so this file defines syscall(): libbpf's bpf() calls land here.
 * Only the BPF_PROG_LOAD whose log buffer is the one being recorded is
 * touched: its attributes are copied into a zeroed block long enough to hold
 * log_true_size, given the full log level, and sent; the result, errno, flags
 * and log_true_size are kept. Every other call is passed through unchanged.
 *
 * Besides parsers/bpfobj.c this is the only file that includes libbpf.
 * libbpf's messages go to stderr as "veristep: libbpf: ..." (never onto the
 * TUI, which opens only after recording is done).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <bpf/libbpf.h>
#include <linux/bpf.h>
#include <linux/capability.h>

#include "parsers/bpfobj.h"
#include "parsers/vlog.h"
#include "src/rules/sleep_table.h"
#include "src/front/cli.h"
#include "src/front/outfile.h"
#include "src/front/textsafe.h"
#include "src/model/model.h"
#include "src/load.h"

#define REC_LOG_START (16u << 20)   /* first buffer: 16 MiB */
#define REC_LOG_MAX (UINT_MAX >> 2) /* the kernel's limit: 1 GiB - 1 */
#define REC_LOG_STATS 4u	    /* BPF_LOG_STATS */
#define REC_ERROR_LINES 8	    /* at most this many lines of error text */
#define REC_ENOTSUPP 524	    /* kernel-internal, seen from the verifier */

/*
 * attr.log_true_size follows core_relo_rec_size in the BPF_PROG_LOAD
 * attributes (uapi since 6.4; this system's headers may predate it).
 */
#define REC_TRUE_SIZE_OFF (offsetof(union bpf_attr, core_relo_rec_size) + sizeof(__u32))
#define REC_ATTR_END (REC_TRUE_SIZE_OFF + sizeof(__u32))
_Static_assert(REC_TRUE_SIZE_OFF % sizeof(__u32) == 0, "log_true_size is a __u32");

/* what the intercepted BPF_PROG_LOAD did */
struct capture {
	const char *log_buf; /* the load to capture is the one with this buffer */
	__u32 log_level;     /* the full level to send */
	int calls;	     /* loads captured (libbpf may retry) */
	long ret;
	int err;
	__u32 log_true_size;
	__u32 prog_flags;
};

/* one recorded program */
struct rec_prog {
	int index; /* in the object's program order */
	char *name;
	char *section;
	const char *type; /* libbpf's name of the program type (static) */
	bool sleepable;
	bool reached; /* the kernel was asked to load it */
	bool loaded;
	bool truncated; /* ENOSPC even at the largest buffer */
	int err;	/* errno of the load, or of libbpf when !reached */
	char *log;	/* the kernel's log, NUL-terminated */
	char *reason; /* libbpf's lines about it when !reached ("libbpf: prog 'x': ..."), or NULL */
	unsigned int not_verified; /* enum not_verified: the verifier never saw it */
	size_t log_len;
	size_t buf_size;
	__u32 log_true_size;
	int attempts;
};

static struct capture *rec_capture;
/* libbpf's messages during one load attempt, shown only for the last one */
static char *rec_msgs;
static size_t rec_msgs_len;
static FILE *rec_msgs_f;
static long (*rec_real_syscall)(long nr, ...);

/* BPF_PROG_LOAD attributes as sent: libbpf's, then zeroes up to past log_true_size */
union rec_attr {
	union bpf_attr attr;
	unsigned char bytes[REC_ATTR_END + 64];
};

static long rec_prog_load(struct capture *cap, union bpf_attr *attr, unsigned long size)
{
	union rec_attr big;
	unsigned long send = size > REC_ATTR_END ? size : REC_ATTR_END;
	__u32 true_size;
	long ret;
	int err;

	memset(&big, 0, sizeof(big));
	memcpy(&big, attr, size);
	big.attr.log_level = cap->log_level;
	ret = rec_real_syscall(__NR_bpf, (long)BPF_PROG_LOAD, (long)&big, (long)send);
	err = errno;
	memcpy(&true_size, big.bytes + REC_TRUE_SIZE_OFF, sizeof(true_size));
	cap->calls++;
	cap->ret = ret;
	cap->err = ret < 0 ? err : 0;
	cap->log_true_size = true_size;
	cap->prog_flags = big.attr.prog_flags;
	errno = err;
	return ret;
}

/*
 * Interposes glibc's syscall() for libbpf's bpf() calls. Like glibc's own
 * generic C version it takes six argument words whatever the call; the
 * real syscall() is found with dlsym(RTLD_NEXT).
 */
long syscall(long nr, ...)
{
	union bpf_attr *attr;
	unsigned long size;
	long a[6];
	va_list ap;
	int i;

	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (!rec_real_syscall) {
		*(void **)&rec_real_syscall = dlsym(RTLD_NEXT, "syscall");
		if (!rec_real_syscall) {
			errno = ENOSYS;
			return -1;
		}
	}
	attr = (union bpf_attr *)a[1];
	size = (unsigned long)a[2];
	if (nr == __NR_bpf && a[0] == BPF_PROG_LOAD && rec_capture && attr &&
	    size >= offsetof(union bpf_attr, log_buf) + sizeof(__u64) &&
	    size <= sizeof(union rec_attr) &&
	    attr->log_buf == (__u64)(uintptr_t)rec_capture->log_buf)
		return rec_prog_load(rec_capture, attr, size);
	return rec_real_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

/*
 * What an older libbpf (Debian 12's 1.1) gets wrong about struct_ops, told
 * by its own messages: it skips SEC(".struct_ops.link") (new in 1.2), so the
 * kernel would refuse every struct_ops program with ENOTSUPP, and it does
 * not know SEC("struct_ops.s/...") programs (sleepable struct_ops, 1.2).
 */
static bool rec_st_link, rec_st_sleepable;

static int rec_libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char *msg, *line, *nl;

	if (level == LIBBPF_DEBUG)
		return 0;
	if (vasprintf(&msg, fmt, ap) < 0)
		return 0;
	if (strstr(msg, "section") && strstr(msg, ".struct_ops.link") && strstr(msg, "skipping")) {
		rec_st_link = true; /* said once, clearly, by record_run() */
		free(msg);
		return 0;
	}
	if (strstr(msg, "struct_ops reloc") && strstr(msg, "is not struct_ops BPF program") &&
	    libbpf_major_version() == 1 && libbpf_minor_version() < 2) {
		rec_st_sleepable = true; /* 1.1 does not know struct_ops.s/ */
		free(msg);
		return 0;
	}
	for (line = msg; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl) {
			fprintf(rec_msgs_f ? rec_msgs_f : stderr, "veristep: %s\n", line);
			break;
		}
		fprintf(rec_msgs_f ? rec_msgs_f : stderr, "veristep: %.*s\n", (int)(nl - line),
			line);
	}
	free(msg);
	return 0;
}

static const char *rec_errno_name(int err, char *buf, size_t len)
{
	const char *s;

	if (err == REC_ENOTSUPP)
		return "ENOTSUPP";
	s = strerrorname_np(err);
	if (s)
		return s;
	snprintf(buf, len, "errno %d", err);
	return buf;
}

/*
 * Root or CAP_BPF (or CAP_SYS_ADMIN) in the effective set, and a kernel
 * that accepts a trivial program. 0, or -EPERM / -ENOSYS with a message.
 */
static int rec_check_bpf(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3];
	struct bpf_insn insns[2] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr attr;
	bool capable;
	int fd;

	memset(caps, 0, sizeof(caps));
	if (syscall(SYS_capget, &hdr, caps) < 0)
		capable = geteuid() == 0;
	else
		capable =
			(caps[CAP_TO_INDEX(CAP_BPF)].effective & CAP_TO_MASK(CAP_BPF)) ||
			(caps[CAP_TO_INDEX(CAP_SYS_ADMIN)].effective & CAP_TO_MASK(CAP_SYS_ADMIN));
	if (!capable) {
		fprintf(stderr, "veristep: record needs root or CAP_BPF (plus CAP_PERFMON or "
				"CAP_NET_ADMIN for some program types); nothing was loaded\n");
		return -EPERM;
	}
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	attr.insns = (__u64)(uintptr_t)insns;
	attr.insn_cnt = 2;
	attr.license = (__u64)(uintptr_t) "GPL";
	fd = (int)syscall(__NR_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
	if (fd < 0) {
		int err = errno;

		fprintf(stderr,
			"veristep: record: this kernel refuses to load BPF programs (%s)%s\n",
			strerror(err), err == ENOSYS ? ": no bpf() syscall" : "");
		return err == ENOSYS ? -ENOSYS : -EPERM;
	}
	close(fd);
	return 0;
}

/* one error line, escaped: file and program names may hold any byte */
static void __attribute__((format(printf, 1, 2))) rec_error(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	textsafe_error(msg);
}

/* libbpf's lines about one program, as libbpf prints them, for its frame in the log file */
static char *rec_reason(const char *msgs)
{
	static const char pre[] = "veristep: libbpf: prog '", pre_map[] = "veristep: libbpf: map '";
	size_t cap = strlen(msgs) + 1, at = 0;
	char *out = malloc(cap);
	const char *line, *nl;

	if (!out)
		return NULL;
	for (line = msgs; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line);
		if (((size_t)(nl - line) > sizeof(pre) - 1 &&
		     !memcmp(line, pre, sizeof(pre) - 1)) ||
		    ((size_t)(nl - line) > sizeof(pre_map) - 1 &&
		     !memcmp(line, pre_map, sizeof(pre_map) - 1))) {
			size_t k = (size_t)(nl - line) - 10; /* without "veristep: " */

			memcpy(out + at, line + 10, k);
			at += k;
			out[at++] = '\n';
		}
		if (!*nl)
			break;
	}
	out[at] = '\0';
	if (!at) {
		free(out);
		return NULL;
	}
	return out;
}

static void rec_prog_release(struct rec_prog *r)
{
	free(r->reason);
	free(r->name);
	free(r->section);
	free(r->log);
}

static struct bpf_object *rec_open(const char *path, int index, struct bpf_program **out)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *p;
	int i = 0;

	*out = NULL;
	if (!obj)
		return NULL;
	bpf_object__for_each_program(p, obj)
	{
		bpf_program__set_autoload(p, i == index);
		if (i == index)
			*out = p;
		i++;
	}
	return obj;
}

/*
 * Load program number index of path at log_level level into r, growing the
 * log buffer on ENOSPC. 0 when the kernel or libbpf gave an answer, -errno
 * when nothing could be tried (no memory, the object cannot be opened).
 */
static int rec_record_prog(const char *path, int index, __u32 level, size_t size,
			   struct rec_prog *r)
{
	struct bpf_object *obj = NULL;
	struct bpf_program *prog;
	struct capture cap;
	int err = 0;

	for (;;) {
		free(r->log);
		r->log = malloc(size);
		if (!r->log) {
			err = -ENOMEM;
			goto out;
		}
		r->log[0] = '\0';
		r->buf_size = size;
		obj = rec_open(path, index, &prog);
		if (!obj || !prog) {
			err = obj ? -ENOENT : -errno;
			goto out;
		}
		if (!r->name) {
			r->name = strdup(bpf_program__name(prog));
			r->section = strdup(bpf_program__section_name(prog));
			if (!r->name || !r->section) {
				err = -ENOMEM;
				goto out;
			}
		}
		r->type = libbpf_bpf_prog_type_str(bpf_program__type(prog));
		/* libbpf 1.1 takes levels up to 7; the capture sends the whole level */
		bpf_program__set_log_level(prog, level & 7);
		bpf_program__set_log_buf(prog, r->log, size);
		memset(&cap, 0, sizeof(cap));
		cap.log_buf = r->log;
		cap.log_level = level;
		rec_capture = &cap;
		rec_msgs_f = open_memstream(&rec_msgs, &rec_msgs_len);
		err = bpf_object__load(obj);
		rec_capture = NULL;
		if (rec_msgs_f)
			fclose(rec_msgs_f);
		rec_msgs_f = NULL;
		r->attempts++;
		r->reached = cap.calls > 0;
		if (r->reached) {
			r->loaded = cap.ret >= 0;
			r->err = cap.err;
			r->log_true_size = cap.log_true_size;
			r->sleepable = cap.prog_flags & BPF_F_SLEEPABLE;
		} else {
			const struct sleep_section *ss = sleep_section_lookup(r->section);

			r->loaded = false;
			r->err = err < 0 ? -err : EINVAL;
			/*
			 * libbpf adds BPF_F_SLEEPABLE when it loads the program: refused
			 * before that, the flag is still clear. The section says it.
			 */
			r->sleepable = (bpf_program__flags(prog) & BPF_F_SLEEPABLE) ||
				       (ss && ss->sleepable);
		}
		err = 0;
		bpf_object__close(obj);
		obj = NULL;
		r->log_len = strnlen(r->log, size);
		r->truncated = r->reached && !r->loaded && r->err == ENOSPC && size >= REC_LOG_MAX;
		/* refused with nothing in the log: the verifier never ran */
		r->not_verified = r->loaded || r->truncated || r->log_len ? NOT_VERIFIED_NO :
				  r->reached				  ? NOT_VERIFIED_KERNEL :
									    NOT_VERIFIED_LIBBPF;
		if (!r->reached || r->loaded || r->err != ENOSPC || r->truncated) {
			/* the final answer: show what libbpf said about it */
			if (rec_msgs)
				fputs(rec_msgs, stderr);
			if (!r->reached && rec_msgs)
				r->reason = rec_reason(rec_msgs);
			break;
		}
		free(rec_msgs);
		rec_msgs = NULL;
		if (r->log_true_size > size)
			size = r->log_true_size;
		else
			size = size > REC_LOG_MAX / 2 ? REC_LOG_MAX : size * 2;
		if (size > REC_LOG_MAX)
			size = REC_LOG_MAX;
	}
	/* keep only what the kernel wrote: several programs' buffers stay until the end */
	if (r->log_len + 1 < size) {
		char *shrunk = realloc(r->log, r->log_len + 1);

		if (shrunk)
			r->log = shrunk;
	}
out:
	free(rec_msgs);
	rec_msgs = NULL;
	bpf_object__close(obj);
	return err;
}

static bool starts(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && !memcmp(s, prefix, k);
}

static bool rec_is_stats(const char *s, size_t n)
{
	return starts(s, n, "processed ") || starts(s, n, "verification time ") ||
	       starts(s, n, "stack depth ");
}

/* a line of the exploration, which ends the error text above it */
static bool rec_is_trace(const char *s, size_t n)
{
	static const char *const prefixes[] = {
		";",	   "from ",   "func#",	   "Func#",	"Validating ", "mark_precise",
		"caller:", "callee:", "returning", "to caller", "Live regs",   "SCC ",
		"frame",   "(",	      " ",	   "\t",
	};
	size_t i, d = 0;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (starts(s, n, prefixes[i]))
			return true;
	while (d < n && s[d] >= '0' && s[d] <= '9')
		d++;
	return d > 0 && d < n && s[d] == ':';
}

/* find the line before [*s, *s+*n) in log[0..end); false at the start */
static bool rec_prev_line(const char *log, const char **s, size_t *n)
{
	const char *e = *s, *b;

	if (e == log)
		return false;
	e--; /* the newline ending the previous line */
	b = e;
	while (b > log && b[-1] != '\n')
		b--;
	*s = b;
	*n = (size_t)(e - b);
	return true;
}

/*
 * The error text: the lines between the last exploration line and the stats
 * at the end, joined with spaces into out. "processed N" into *insns (-1).
 */
static void rec_summarize(const struct rec_prog *r, char *out, size_t outlen, long long *insns)
{
	const char *log = r->log, *end = r->log + r->log_len, *s, *first = NULL, *last = NULL;
	size_t n, len = 0;
	int lines = 0;

	out[0] = '\0';
	*insns = -1;
	/* the line after the final newline, or the last one */
	s = end;
	n = 0;
	if (s > log && s[-1] == '\n') {
		if (!rec_prev_line(log, &s, &n))
			return;
	} else {
		while (s > log && s[-1] != '\n')
			s--;
		n = (size_t)(end - s);
	}
	for (;;) {
		if (starts(s, n, "processed "))
			*insns = strtoll(s + 10, NULL, 10);
		if (n && !rec_is_stats(s, n))
			break;
		if (!rec_prev_line(log, &s, &n))
			return;
	}
	if (r->loaded)
		return;
	last = s + n;
	while (n && !rec_is_trace(s, n) && lines < REC_ERROR_LINES) {
		first = s;
		lines++;
		if (!rec_prev_line(log, &s, &n))
			break;
	}
	for (s = first; s && s < last && len + 1 < outlen;) {
		const char *nl = memchr(s, '\n', (size_t)(last - s));
		size_t k = nl ? (size_t)(nl - s) : (size_t)(last - s);

		if (len && len + 1 < outlen)
			out[len++] = ' ';
		if (k > outlen - len - 1)
			k = outlen - len - 1;
		memcpy(out + len, s, k);
		len += k;
		out[len] = '\0';
		if (!nl)
			break;
		s = nl + 1;
	}
}

static void rec_print(FILE *f, const struct rec_prog *r, __u32 level, const char *output)
{
	char error[1024], ebuf[32];
	long long insns;

	rec_summarize(r, error, sizeof(error), &insns);
	if (r->not_verified) {
		/* what the log's frame says, as `report` reads it back */
		int k = snprintf(error, sizeof(error), "not verified: %s (%s)",
				 vlog_not_verified_words(r->not_verified),
				 rec_errno_name(r->err, ebuf, sizeof(ebuf)));

		for (const char *t = r->reason;
		     t && *t && k > 0 && (size_t)k + 2 < sizeof(error);) {
			const char *nl = strchr(t, '\n');
			size_t len = nl ? (size_t)(nl - t) : strlen(t);

			k += snprintf(error + k, sizeof(error) - (size_t)k, " %.*s", (int)len, t);
			t += len + (nl ? 1 : 0);
		}
	}
	fprintf(f, "prog %s: section %s, type %s, %s\n", r->name, r->section,
		r->type ? r->type : "unknown", r->sleepable ? "sleepable" : "non-sleepable");
	if (r->loaded)
		fprintf(f, "  verdict: accepted\n");
	else if (r->truncated)
		fprintf(f, "  verdict: truncated (ENOSPC at the largest log buffer)\n");
	else
		fprintf(f, "  verdict: rejected (%s)%s\n",
			rec_errno_name(r->err, ebuf, sizeof(ebuf)),
			r->reached ? "" : " by libbpf, before the kernel saw the program");
	if (!r->loaded)
		fprintf(f, "  error: %s\n",
			error[0]   ? error :
			r->log_len ? "(none)" :
				     "(empty log)");
	if (insns >= 0)
		fprintf(f, "  processed: %lld insns\n", insns);
	else
		fprintf(f, "  processed: -\n");
	fprintf(f, "  log: %zu bytes at log_level %u", r->log_len, level);
	if (r->attempts > 1)
		fprintf(f, ", %d loads (buffer grown to %zu bytes)", r->attempts, r->buf_size);
	if (output)
		fprintf(f, ", in %s", output);
	fprintf(f, "\n");
}

/* the frame's line that says the verifier never saw r; its length */
static int rec_nv_line(const struct rec_prog *r, char *buf, size_t n)
{
	char ebuf[32];
	int k = vlog_not_verified_line(buf, n, r->name, r->not_verified,
				       rec_errno_name(r->err, ebuf, sizeof(ebuf)));

	return k < 0 ? 0 : (buf && (size_t)k >= n ? (int)(n ? n - 1 : 0) : k);
}

static const char rec_begin_fmt[] = "libbpf: prog '%s': -- BEGIN PROG LOAD LOG --\n";
static const char rec_end[] = "-- END PROG LOAD LOG --\n";

/*
 * The text -o writes (and the TUI reads): one program's log as the kernel
 * printed it, or, for several programs, each log framed as libbpf frames
 * it. *buf is r[0].log (not a copy) for a single program; *owned says.
 */
static int rec_join_logs(struct rec_prog *r, int n, char **buf, size_t *len, bool *owned)
{
	size_t total = 0, off = 0;
	char *b;
	int i;

	*owned = false;
	/*
	 * one program alone is written as the kernel printed it; one the verifier
	 * never saw needs its frame, which says so (vlog_not_verified_line())
	 */
	if (n == 1 && !r[0].reason && !r[0].not_verified) {
		*buf = r[0].log;
		*len = r[0].log_len;
		return 0;
	}
	for (i = 0; i < n; i++)
		total += sizeof(rec_begin_fmt) + strlen(r[i].name) + r[i].log_len + 1 +
			 sizeof(rec_end) + (r[i].reason ? strlen(r[i].reason) : 0) +
			 (r[i].not_verified ? (size_t)rec_nv_line(&r[i], NULL, 0) : 0);
	b = malloc(total + 1);
	if (!b)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		off += (size_t)sprintf(b + off, rec_begin_fmt, r[i].name);
		memcpy(b + off, r[i].log, r[i].log_len);
		off += r[i].log_len;
		if (r[i].not_verified)
			off += (size_t)rec_nv_line(&r[i], b + off, total + 1 - off);
		if (r[i].reason && !r[i].log_len) {
			/* the kernel never saw it: libbpf's reason stands in the frame */
			memcpy(b + off, r[i].reason, strlen(r[i].reason));
			off += strlen(r[i].reason);
		}
		if (r[i].log_len && r[i].log[r[i].log_len - 1] != '\n')
			b[off++] = '\n';
		memcpy(b + off, rec_end, sizeof(rec_end) - 1);
		off += sizeof(rec_end) - 1;
	}
	b[off] = '\0';
	*buf = b;
	*len = off;
	*owned = true;
	return 0;
}

static int rec_read_file(const char *path, char **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16, n = 0;
	char *b = NULL, *nb;
	int err = 0;

	if (!f)
		return -errno;
	for (;;) {
		nb = realloc(b, cap);
		if (!nb) {
			err = -ENOMEM;
			goto out;
		}
		b = nb;
		n += fread(b + n, 1, cap - n, f);
		if (n < cap)
			break;
		cap *= 2;
	}
	if (ferror(f))
		err = -EIO;
out:
	fclose(f);
	if (err) {
		free(b);
		return err;
	}
	*buf = b;
	*len = n;
	return 0;
}

/* open the TUI on the recorded log(s) joined with the object; takes logbuf */
static int rec_open_tui(const struct opts *o, const char *prog, char *logbuf, size_t loglen)
{
	struct opts to = *o;
	struct load_opts lo = { 0 };
	struct model *m;
	char err[512];
	char *obj = NULL;
	size_t objlen = 0;
	int rc = 1;

	m = model_new();
	if (!m) {
		free(logbuf);
		fprintf(stderr, "veristep: out of memory\n");
		return 1;
	}
	m->log.heap = logbuf;
	m->log.buf = logbuf;
	m->log.len = loglen;
	m->log.name = strtab_intern_cstr(&m->str, o->output ? o->output : "(recorded log)");
	{
		/* recorded here: the kernel is known, not guessed from the log's wording */
		struct utsname uts;

		if (!uname(&uts))
			m->kernel_release = strtab_intern_cstr(&m->str, uts.release);
	}
	err[0] = '\0';
	rc = rec_read_file(o->files[0], &obj, &objlen);
	if (rc) {
		snprintf(err, sizeof(err), "%s: %s", o->files[0], strerror(-rc));
		rc = 1;
		goto out;
	}
	rc = 1;
	/* the log alone still shows the exploration: an unreadable object is a warning */
	if (bpfobj_open_mem(m, obj, objlen, o->files[0], err, sizeof(err))) {
		rec_error("%s (showing the log alone)", err);
		err[0] = '\0';
	}
	/* the one load path: parse, join and analyse as `veristep OBJ LOG` does */
	lo.kernel = o->kernel;
	if (load_model(m, "recorded log", loglen, &lo, err, sizeof(err)))
		goto out;
	to.prog = prog;
	to.files = NULL;
	to.nfiles = 0;
	rc = o->tui(m, &to);
out:
	if (rc && err[0])
		rec_error("%s", err);
	free(obj);
	load_free(m);
	return rc;
}

int record_run(const struct opts *o)
{
	const char *path = o->files[0];
	__u32 level = (__u32)o->log_level | REC_LOG_STATS;
	struct rec_prog *recs = NULL;
	struct bpf_object *obj = NULL;
	struct bpf_program *p, *dummy;
	struct utsname uts;
	int i, n = 0, nall = 0, first = -1, rc = 1, err;
	char *joined = NULL;
	size_t joined_len = 0;
	bool owned = false;
	struct outfile out = { .fd = -1 };
	bool have_out = false, written = false;
	FILE *summary = stdout;
	char oerr[512];
	size_t start = REC_LOG_START;
	const char *env = getenv("VERISTEP_RECORD_BUF");

	/* a smaller first buffer, for tests of the ENOSPC retry */
	if (env && *env) {
		unsigned long long v = strtoull(env, NULL, 0);

		if (v >= 2 && v <= REC_LOG_MAX)
			start = (size_t)v;
	}
	libbpf_set_print(rec_libbpf_print);
	if (rec_check_bpf())
		return 1;

	obj = rec_open(path, -1, &dummy);
	if ((rec_st_link && libbpf_major_version() == 1 && libbpf_minor_version() < 2) ||
	    (!obj && rec_st_sleepable)) {
		rec_error(
			"%s: %s needs libbpf 1.2 or later to load, and this veristep uses libbpf "
			"%u.%u (%s): rebuild the object %s",
			path,
			rec_st_link ? "SEC(\".struct_ops.link\")" : "SEC(\"struct_ops.s/...\")",
			libbpf_major_version(), libbpf_minor_version(),
			rec_st_link ? "it skips that section, and the kernel would refuse every "
				      "struct_ops program" :
				      "it does not know sleepable struct_ops programs",
			rec_st_link ?
				"with SEC(\".struct_ops\")" :
				"as SEC(\"struct_ops/...\"), record it with a veristep built on a "
				"newer libbpf, or predict it from the object (veristep report "
				"OBJ)");
		if (obj)
			bpf_object__close(obj);
		return 1;
	}
	if (!obj) {
		char msg[128];

		libbpf_strerror(errno, msg, sizeof(msg));
		rec_error("%s: cannot open as a BPF object: %s", path, msg);
		return 1;
	}
	bpf_object__for_each_program(p, obj) nall++;
	recs = calloc(nall ? (size_t)nall : 1, sizeof(*recs));
	if (!recs) {
		fprintf(stderr, "veristep: out of memory\n");
		goto out;
	}
	/* which programs: all, or the one -p names */
	i = 0;
	bpf_object__for_each_program(p, obj)
	{
		if (!o->prog || !strcmp(o->prog, bpf_program__name(p)))
			recs[n++].index = i;
		i++;
	}
	bpf_object__close(obj);
	obj = NULL;
	if (!n) {
		if (o->prog)
			rec_error("%s: no program named '%s'", path, o->prog);
		else
			rec_error("%s: the object has no programs", path);
		goto out;
	}
	/* the target is checked (and a temporary file made) before anything is loaded */
	if (o->output) {
		if (outfile_open(&out, o->output, oerr, sizeof(oerr))) {
			textsafe_error(oerr);
			goto out;
		}
		have_out = true;
		/* the log is the standard output: the summary goes to stderr */
		if (out.to_stdout || out.same_as_stdout)
			summary = stderr;
	}
	if (!o->quiet) {
		if (uname(&uts) < 0)
			strcpy(uts.release, "?");
		fprintf(stderr,
			"veristep: recording %d program%s of %s at log_level %u on Linux %s\n", n,
			n == 1 ? "" : "s", path, level, uts.release);
	}
	for (i = 0; i < n; i++) {
		err = rec_record_prog(path, recs[i].index, level, start, &recs[i]);
		if (err) {
			rec_error("%s: cannot record program #%d: %s", path, recs[i].index,
				  strerror(-err));
			goto out;
		}
		if (first < 0 && !recs[i].loaded)
			first = i;
	}
	err = rec_join_logs(recs, n, &joined, &joined_len, &owned);
	if (err) {
		fprintf(stderr, "veristep: out of memory\n");
		goto out;
	}
	/* the log is written before the summary says where it is */
	if (o->output) {
		FILE *f = outfile_stream(&out, oerr, sizeof(oerr));

		if (f && joined_len)
			fwrite(joined, 1, joined_len, f);
		have_out = false;
		written = f && !outfile_commit(&out, oerr, sizeof(oerr));
	}
	{
		/* names and error texts come from the object and the kernel: escaped */
		FILE *safe = textsafe_open(summary);

		for (i = 0; i < n; i++)
			rec_print(safe ? safe : summary, &recs[i], level,
				  written ? o->output : NULL);
		if (safe)
			fclose(safe);
		fflush(summary);
	}
	if (o->output && !written) {
		textsafe_error(oerr);
		goto out;
	}
	rc = 0;
	if (o->no_tui || summary == stderr)
		goto out;
	if (first < 0)
		first = 0;
	if (!o->tui || !isatty(1)) {
		if (o->output)
			fprintf(stderr, "veristep: %s; open it with: veristep -p %s %s %s\n",
				o->tui ? "no terminal for the TUI" : "the TUI is not built in yet",
				recs[first].name, path, o->output);
		else
			fprintf(stderr, "veristep: %s; record with -o LOG to keep the log\n",
				o->tui ? "no terminal for the TUI" : "the TUI is not built in yet");
		goto out;
	}
	if (!owned) {
		/* the model takes the buffer */
		recs[0].log = NULL;
		owned = true;
	}
	/* nothing may print over the screen from here on */
	libbpf_set_print(NULL);
	rc = rec_open_tui(o, recs[first].name, joined, joined_len);
	joined = NULL;
out:
	if (have_out)
		outfile_abort(&out);
	if (owned)
		free(joined);
	for (i = 0; recs && i < n; i++)
		rec_prog_release(&recs[i]);
	free(recs);
	bpf_object__close(obj);
	return rc;
}
