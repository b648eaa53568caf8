// SPDX-License-Identifier: MIT
/*
 * lessons.c — the lesson index (see lessons.h): the table, and where the
 * bundled samples are. The rows are in the order the picker and README
 * show them within a rule.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/front/lessons.h"

#define L(s, r, t, v, k, at)                                                                       \
	{                                                                                          \
		s, LESSON_RULE_##r, t, v, k, at                                                    \
	}

const struct lesson lessons[] = {
	L("timer_global_rej", ASYNC,
	  "a bpf_timer callback never sleeps, even in a sleepable program", "rejected",
	  "accepted 6.1-6.18.1", "the refusal"),
	L("wq_global_ok", ASYNC, "a bpf_wq callback is sleepable: the timer_global_rej twin loads",
	  "accepted", NULL, "step 31"),
	L("wq_from_tc_ok", ASYNC,
	  "a bpf_wq callback may sleep even when a non-sleepable program arms it", "accepted", NULL,
	  "step 31"),
	L("task_work_resume_ok", ASYNC,
	  "task_work callbacks (6.18) are sleepable, like bpf_wq ones", "accepted", NULL,
	  "step 18"),
	L("timer_then_wq_ok", ASYNC,
	  "nested async callbacks each get the context of their own kind", "accepted", NULL,
	  "step 44"),
	L("loop_xdp_rej", SYNC, "a bpf_loop callback inherits its caller's context", "rejected",
	  NULL, "the refusal"),
	L("loop_syscall_ok", SYNC, "the same bpf_loop callback may sleep when its caller may",
	  "accepted", NULL, "step 7"),
	L("global_both_ctx_rej", GLOBAL,
	  "a call to a global that may sleep is judged at each call site", "rejected",
	  "accepted 6.1-6.18.1", "the refusal"),
	L("global_from_wq_tc_rej", GLOBAL,
	  "a global is validated with the PROGRAM's flag, not its caller's", "rejected", NULL,
	  "the refusal"),
	L("global_sleep_tc_rej", GLOBAL,
	  "a global that sleeps cannot be called from a non-sleepable program, and making it "
	  "static "
	  "does not help",
	  "rejected", NULL, "the refusal"),
	L("arm_wq_global_tc_rej", GLOBAL,
	  "\"may sleep\" does not flow up an async callback edge, but the kernel's summary for a "
	  "global does",
	  "rejected", "accepted 6.10-6.14", "the refusal"),
	L("rcu_kfunc_rej", REGION, "an RCU read section is atomic inside a sleepable program",
	  "rejected", NULL, "the refusal"),
	L("preempt_global_rej", REGION,
	  "preemption-disabled sections are atomic, also for global calls", "rejected", NULL,
	  "the refusal"),
	L("spin_lock_rej", REGION, "while a bpf_spin_lock is held, no call at all is allowed",
	  "rejected", NULL, "the refusal"),
	L("exit_rcu_region_rej", REGION,
	  "a program must not end with an RCU read section still open, even when a static subprog "
	  "opened it",
	  "rejected", NULL, "the refusal"),
	L("res_lock_irqsave_nested_ok", REGION,
	  "bpf_res_spin_lock_irqsave pairs nest when released in reverse order: each is a lock and "
	  "an "
	  "IRQ-save region",
	  "accepted", NULL, "step 21"),
	L("kfunc_in_socket_rej", KFUNC, "a sleepable kfunc needs a sleepable program (EACCES)",
	  "rejected", NULL, "the refusal"),
	L("weak_kfunc_ok", KFUNC,
	  "a __weak kfunc this kernel lacks: libbpf zeroes its call, the verifier walks around it",
	  "accepted", NULL, "insn 4"),
	L("hid/hid_wq_ok", HID, "HID-BPF hands the device talk to a bpf_wq: its callback may sleep",
	  "accepted", NULL, "the prediction"),
	L("hid/hid_timer_rej", HID,
	  "a bpf_timer callback never sleeps: HID-BPF cannot talk to the device from it",
	  "rejected", NULL, "the prediction"),
	L("hid/hid_sleepable_event_rej", HID,
	  "struct_ops members have their own sleepability: hid_device_event may not sleep",
	  "rejected", NULL, "the prediction"),
	L("null_deref_rej", PLAIN, "a plain rejection with nothing to do with sleeping", "rejected",
	  NULL, "the refusal"),
	L("null_deref_checked_ok", PLAIN,
	  "the fix of null_deref_rej: test the lookup's result before using it", "accepted", NULL,
	  "insn 8"),
	L("map_oob_rej", PLAIN,
	  "a plain rejection with nothing to do with sleeping: an index into a map value with no "
	  "upper bound",
	  "rejected", NULL, "the refusal"),
};

const size_t lessons_count = sizeof(lessons) / sizeof(lessons[0]);

static const char *const rule_titles[LESSON_RULE__COUNT] = {
#define _(n, t) [LESSON_RULE_##n] = t,
	LESSON_RULE_INFO(_)
#undef _
};

const char *lesson_rule_title(enum lesson_rule r)
{
	return (unsigned int)r < LESSON_RULE__COUNT ? rule_titles[r] : "?";
}

int lesson_shown(int k)
{
	int r, seen = 0;
	size_t i;

	for (r = 0; r < LESSON_RULE__COUNT; r++)
		for (i = 0; i < lessons_count; i++)
			if ((int)lessons[i].rule == r && seen++ == k)
				return (int)i;
	return -1;
}

int lesson_has_log(const struct lesson *l)
{
	enum lesson_at at;
	uint32_t n;

	return !(lesson_open_at(l, &at, &n) == 0 && at == LESSON_AT_PREDICTION);
}

int lesson_open_at(const struct lesson *l, enum lesson_at *at, uint32_t *n)
{
	const char *s = l->open_on;
	char *end;
	unsigned long v;

	*n = 0;
	if (!strcmp(s, "the refusal")) {
		*at = LESSON_AT_REFUSAL;
		return 0;
	}
	if (!strcmp(s, "the prediction")) {
		*at = LESSON_AT_PREDICTION;
		return 0;
	}
	if (!strncmp(s, "step ", 5))
		*at = LESSON_AT_STEP, s += 5;
	else if (!strncmp(s, "insn ", 5))
		*at = LESSON_AT_INSN, s += 5;
	else
		return -EINVAL;
	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (*end || errno || v > UINT32_MAX || (*at == LESSON_AT_STEP && v == 0))
		return -EINVAL;
	*n = (uint32_t)v;
	return 0;
}

char *lesson_verdict_text(const struct lesson *l, char *buf, size_t n)
{
	const char *word = l->verdict;

	if (!lesson_has_log(l))
		word = strcmp(l->verdict, "accepted") ? "predicted refused" : "predicted to load";
	snprintf(buf, n, "%s on %s%s%s", word, LESSONS_KERNEL, l->kernels ? ", " : "",
		 l->kernels ? l->kernels : "");
	return buf;
}

void lesson_paths(const struct lesson *l, const char *dir, char *obj, char *log, size_t n)
{
	snprintf(obj, n, "%s/%s.bpf.o", dir, l->sample);
	if (lesson_has_log(l))
		snprintf(log, n, "%s/%s.log2", dir, l->sample);
	else
		log[0] = '\0';
}

/* dir holds the first lesson's object */
static int is_samples_dir(const char *dir)
{
	char obj[4096], log[4096];

	lesson_paths(&lessons[0], dir, obj, log, sizeof(obj));
	return access(obj, R_OK) == 0 && (!log[0] || access(log, R_OK) == 0);
}

int lessons_dir(char *buf, size_t n)
{
	static const char *const rel[] = { "samples", "../samples", "../share/veristep/samples" };
	const char *env = getenv("VERISTEP_SAMPLES");
	char exe[4096], *slash;
	ssize_t len;
	size_t i;

	if (env && *env) {
		snprintf(buf, n, "%s", env);
		return is_samples_dir(buf) ? 0 : -ENOENT;
	}
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len <= 0)
		return -ENOENT;
	exe[len] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return -ENOENT;
	*slash = '\0';
	for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		if ((size_t)snprintf(buf, n, "%s/%s", exe, rel[i]) >= n)
			continue;
		if (is_samples_dir(buf))
			return 0;
	}
	return -ENOENT;
}
