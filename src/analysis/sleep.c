// SPDX-License-Identifier: MIT
/*
 * sleep.c — rule sets, the per-instruction call view, might_sleep, the
 * static walk (object alone) and the error classifier. The log replay and
 * the explanations are in sleep_replay.c and sleep_explain.c.
 *
 * Facts (which call sleeps, since when) come from src/rules/sleep_table.c only.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/bpfobj.h"
#include "src/analysis/sleep.h"
#include "src/analysis/sleep_priv.h"
#include "src/rules/sleep_table.h"
#include "src/rules/kfunc_sets.h"

/* ---- rule sets ---------------------------------------------------------------------- */

int sleep_rules_parse(const char *s, struct sleep_rules *r)
{
	unsigned a = 0, b = 0, c = 0;
	int n;

	memset(r, 0, sizeof(*r));
	if (!s || !*s)
		return -EINVAL;
	if (!strcmp(s, "5.x")) {
		a = 5;
		b = 10;
		n = 2;
	} else {
		char tail;

		n = sscanf(s, "%u.%u.%u%c", &a, &b, &c, &tail);
		if (n == 4 || n < 2 || a < 4 || a > 99 || b > 99)
			return -EINVAL;
	}
	r->ver = (uint16_t)KV(a, b);
	r->patch =
		n == 3 ? (uint8_t)(c < KV_PATCH_LATEST ? c : KV_PATCH_LATEST - 1) : KV_PATCH_LATEST;
	{
		const struct sleep_era *e = sleep_rule_era(SF_TIMER_CB, r->ver, r->patch);

		r->timer_fix = e && e->value == 2;
	}
	snprintf(r->name, sizeof(r->name), "%s", s);
	return 0;
}

/*
 * A dialect is a lower bound (a level-1 log shows few marks): the error
 * message itself may prove a newer kernel. The global might_sleep check
 * exists from 6.15, the unified wording from 7.1.
 */
static void raise_by_error(const struct model *m, const struct program *p, struct sleep_rules *r)
{
	char *err = program_error_text(m, p);
	uint16_t to = 0, unified = sleep_rule_since(SF_MSG_GLOBAL_SLEEP, 2);
	const struct sleep_call *cfu = sleep_call_lookup("bpf_copy_from_user");

	if (!err)
		return;
	if ((strstr(err, "sleepable global function ") || strstr(err, " in non-sleepable prog")) &&
	    r->ver < unified)
		to = unified; /* the unified wording proves that kernel at least */
	if (!to && sleep_classify_error(err) == SK_GLOBAL_SLEEP &&
	    r->ver < sleep_rule_since(SF_GLOBAL_MIGHT_SLEEP, 1))
		to = sleep_rule_since(SF_GLOBAL_MIGHT_SLEEP, 1);
	/* a non-tracing type reached the might_sleep check: bpf_copy_from_user is offered */
	if (!to && cfu && strstr(err, "helper call might sleep") && r->ver < cfu->avail_all &&
	    p->section) {
		uint32_t t, a;
		bool sl;

		if (bpfobj_section_info(strtab_get(&m->str, p->section), &t, &a, &sl) &&
		    !sleep_type_is_tracing(t))
			to = cfu->avail_all;
	}
	free(err);
	if (to && to != KV_NEVER) {
		char d[8], v[16];

		memcpy(d, r->dialect, sizeof(d));
		snprintf(v, sizeof(v), "%u.%u", to / 100, to % 100);
		sleep_rules_parse(v, r);
		memcpy(r->dialect, d, sizeof(d));
		r->source = RULES_DIALECT;
	}
}

void sleep_rules_for(const struct model *m, const struct program *p, const char *kernel,
		     struct sleep_rules *r)
{
	const char *d = p && p->verdict != VERDICT_UNKNOWN ? strtab_get(&m->str, p->dialect) : "";
	const struct sleep_dialect *sd = sleep_dialect_lookup(d);

	if (kernel && !sleep_rules_parse(kernel, r)) {
		r->source = RULES_OPTION;
		return;
	}
	if (sd) {
		sleep_rules_parse(sd->rules, r);
		snprintf(r->dialect, sizeof(r->dialect), "%s", d);
		r->source = RULES_DIALECT;
		raise_by_error(m, p, r);
		return;
	}
	sleep_rules_parse(SLEEP_RULES_DEFAULT, r);
	r->source = RULES_DEFAULT;
}

void sleep_rules_describe(const struct sleep_rules *r, char *buf, size_t n)
{
	static const char *const src[] = { "default: no kernel dialect in the input",
					   "from the log's dialect", "from --kernel" };
	const struct sleep_dialect *sd =
		r->source == RULES_DIALECT ? sleep_dialect_lookup(r->dialect) : NULL;
	const char *fix_commit;
	char range[32];

	if (sd && sd->range && !strcmp(sd->rules, r->name))
		snprintf(range, sizeof(range), "%s", sd->range);
	else
		snprintf(range, sizeof(range), "%s", r->name);
	{
		const struct sleep_era *fix = sleep_rule_era(SF_TIMER_CB, KV_NEVER - 1, 0);

		fix_commit = fix && fix->commit ? fix->commit : "the timer fix";
	}
	snprintf(buf, n, "Linux %s rules (%s%s: timer callbacks %s; %s%s%s)", range,
		 r->timer_fix ? "with " : "before ", fix_commit,
		 r->timer_fix ? "never sleepable" : "sleepable in a sleepable program",
		 src[r->source % 3], r->dialect[0] ? " " : "", r->dialect);
}

/* ---- kinds ------------------------------------------------------------------------- */

static const struct {
	const char *name;
	bool sleep;
} kinds[] = {
#define _(k, s, sl) { s, sl },
	SLEEP_KIND_INFO(_)
#undef _
};

const char *sleep_kind_name(enum sleep_kind k)
{
	return k < SK__COUNT ? kinds[k].name : "?";
}

bool sleep_kind_is_sleep(enum sleep_kind k)
{
	return k < SK__COUNT && kinds[k].sleep;
}

/* the kind a message row means, given the {ctx} it names (NULL when none) */
static enum sleep_kind kind_of_msg(enum sleep_feature f, const char *ctx)
{
	static const char *const ctxs[] = { "non-sleepable prog", "rcu_read_lock region",
					    "non-preemptible region", "IRQ-disabled region",
					    "lock region" };
	int c = -1, i;

	for (i = 0; ctx && i < 5; i++)
		if (!strncmp(ctx, ctxs[i], strlen(ctxs[i])))
			c = i;
	switch (f) {
	case SF_MSG_HELPER_NONSLEEP:
		return SK_HELPER_NONSLEEP;
	case SF_MSG_HELPER_REGION: {
		static const uint8_t k[] = { SK_HELPER_NONSLEEP, SK_HELPER_RCU, SK_HELPER_PREEMPT,
					     SK_HELPER_IRQ, SK_CALL_LOCK };

		return c < 0 ? SK_NONE : k[c];
	}
	case SF_MSG_KFUNC_NONSLEEP:
		return SK_KFUNC_NONSLEEP;
	case SF_MSG_KFUNC_REGION: {
		static const uint8_t k[] = { SK_KFUNC_NONSLEEP, SK_KFUNC_RCU, SK_KFUNC_PREEMPT,
					     SK_KFUNC_IRQ, SK_CALL_LOCK };

		return c < 0 ? SK_NONE : k[c];
	}
	case SF_MSG_GLOBAL_SLEEP:
		return c == 4 ? SK_GLOBAL_LOCK : SK_GLOBAL_SLEEP;
	case SF_GLOBAL_LOCK_MSG:
		return SK_GLOBAL_LOCK;
	case SF_GLOBAL_PREEMPT_REFUSED:
		return SK_GLOBAL_PREEMPT;
	case SF_GLOBAL_IRQ_REFUSED:
		return SK_GLOBAL_IRQ;
	case SF_MSG_CALL_LOCK:
		return SK_CALL_LOCK;
	case SF_MSG_TYPE_NOT_SLEEPABLE:
		return SK_PROG_NOT_SLEEPABLE;
	case SF_MSG_HELPER_UNAVAILABLE:
		return SK_HELPER_UNAVAILABLE;
	case SF_MSG_STRUCT_OPS_MEMBER:
		return SK_STRUCT_OPS_MEMBER;
	default:
		return SK_NONE;
	}
}

/*
 * Does msg read as the wording fmt ("sleepable helper {call}#{id} in {ctx}")?
 * Its literal pieces must appear in order; the first piece is cut at ", "
 * (a multi-line message may come with its first line only, and the type
 * messages share their head). Returns the length of the first piece (longer
 * is more specific), 0 when no match; *ctx points at the {ctx} text.
 */
static size_t msg_matches(const char *msg, const char *fmt, const char **ctx)
{
	const char *at = msg, *f = fmt;
	size_t first = 0;
	bool head = true;

	*ctx = NULL;
	while (*f) {
		const char *ph = strchr(f, '{'), *cut;
		size_t len = ph ? (size_t)(ph - f) : strlen(f);
		char piece[256];
		const char *hit;

		if (head && (cut = strstr(f, ", ")) && (size_t)(cut - f) < len)
			len = (size_t)(cut - f), ph = NULL;
		if (len >= sizeof(piece))
			return 0;
		memcpy(piece, f, len);
		piece[len] = '\0';
		hit = len ? strstr(at, piece) : at;
		if (!hit || (head && len < 8))
			return 0;
		if (head)
			first = len;
		at = hit + len;
		head = false;
		if (!ph)
			break;
		if (!strncmp(ph, "{ctx}", 5))
			*ctx = at;
		f = strchr(ph, '}');
		if (!f)
			return 0;
		f++;
		/* skip the placeholder's text up to the next piece */
	}
	return first;
}

/*
 * An exit of frame 0 with a region open: "BPF_EXIT instruction in main prog
 * cannot be used inside bpf_rcu_read_lock-ed region" (6.18's
 * check_resource_leak(), which checks lock, IRQ, RCU, preempt in that order)
 */
static const char *const exit_region_word[REGION__COUNT] = {
	[REGION_RCU] = "bpf_rcu_read_lock",
	[REGION_PREEMPT] = "bpf_preempt_disable",
	[REGION_IRQ] = "bpf_local_irq_save",
	[REGION_LOCK] = "bpf_spin_lock",
};
static const uint8_t exit_region_order[REGION__COUNT] = { REGION_LOCK, REGION_IRQ, REGION_RCU,
							  REGION_PREEMPT };

void sleep_exit_message(uint8_t region, char *buf, size_t n)
{
	for (unsigned k = 0; k < REGION__COUNT; k++) {
		uint8_t g = exit_region_order[k];

		if (REGION_DEPTH(region, g)) {
			snprintf(buf, n,
				 "BPF_EXIT instruction in main prog cannot be used inside "
				 "%s-ed region",
				 exit_region_word[g]);
			return;
		}
	}
	snprintf(buf, n, "%s", sleep_kind_name(SK_EXIT_REGION));
}

static bool is_exit_region_msg(const char *msg)
{
	const char *at = strstr(msg, "cannot be used inside ");

	if (!at)
		return false;
	at += strlen("cannot be used inside ");
	for (unsigned g = 0; g < REGION__COUNT; g++) {
		size_t l = strlen(exit_region_word[g]);

		if (!strncmp(at, exit_region_word[g], l) && !strncmp(at + l, "-ed region", 10))
			return true;
	}
	return false;
}

/* the wordings the rules table does not hold: load-time and non-sleep refusals */
static const struct {
	const char *text; /* substring */
	uint8_t kind;
} error_patterns[] = {
	{ "programs can be sleepable", SK_PROG_NOT_SLEEPABLE },
	{ "Syscall programs can only be sleepable", SK_PROG_NOT_SLEEPABLE },
	{ "Sleepable program cannot attach to non-faultable tracepoint", SK_PROG_NOT_SLEEPABLE },
	{ "Extension program may sleep, while original does not", SK_EXT_MIGHT_SLEEP },
	{ "unhandled async callback", SK_ASYNC_UNHANDLED },
	{ "tracing progs cannot use bpf_", SK_TRACING_ASYNC },
};

enum sleep_kind sleep_classify_error(const char *msg)
{
	const struct sleep_table *t = sleep_table_get();
	enum sleep_kind best = SK_NONE;
	size_t i, best_len = 0;

	if (!msg)
		return SK_NONE;
	/* fetch_kfunc_meta(): the kfunc is in no set registered for the program's type */
	if (strstr(msg, "calling kernel function ") && strstr(msg, " is not allowed"))
		return SK_KFUNC_NOT_ALLOWED;
	if (strstr(msg, " is not sleepable") && !strstr(msg, "kfunc"))
		return SK_PROG_NOT_SLEEPABLE;
	/* every wording of every kernel, from the table's message rows: the most specific wins */
	for (i = 0; i < t->nrules; i++) {
		const struct sleep_rule_info *ri = &t->rules[i];

		for (uint8_t k = 0; k < ri->neras; k++) {
			const char *ctx;
			size_t len;
			enum sleep_kind kd;

			if (!ri->eras[k].msg)
				continue;
			len = msg_matches(msg, ri->eras[k].msg, &ctx);
			kd = len ? kind_of_msg((enum sleep_feature)ri->rule, ctx) : SK_NONE;
			if (kd != SK_NONE && len > best_len) {
				best = kd;
				best_len = len;
			}
		}
	}
	if (best != SK_NONE)
		return best;
	if (is_exit_region_msg(msg))
		return SK_EXIT_REGION;
	for (i = 0; i < sizeof(error_patterns) / sizeof(error_patterns[0]); i++)
		if (strstr(msg, error_patterns[i].text))
			return error_patterns[i].kind;
	return SK_NONE;
}

/* ---- the per-instruction call view ----------------------------------------------------- */

/* a name from the log's text, mapped to static storage when a table knows it */
static const char *canon_name(const char *s, size_t n, int32_t id)
{
	char tmp[96];
	const char *h;

	if (n == 0 || n >= sizeof(tmp))
		return NULL;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	h = id >= 0 ? bpfobj_helper_name(id) : NULL;
	if (h && !strcmp(h, tmp))
		return h;
	if (sleep_call_lookup(tmp))
		return sleep_call_lookup(tmp)->name;
	if (sleep_region_op_lookup(tmp))
		return sleep_region_op_lookup(tmp)->name;
	if (sleep_cb_lookup(tmp))
		return sleep_cb_lookup(tmp)->name;
	if (sleep_async_prim_lookup(tmp))
		return sleep_async_prim_lookup(tmp)->name;
	return NULL;
}

/* a call view from the facts the log parser kept for insn i (no log text is read here) */
static void iv_from_facts(const struct model *m, const struct program *p, uint32_t i,
			  struct sleep_iv *v)
{
	const struct insn_fact *f = program_insn(p, i);
	const char *name;

	v->kind = IV_PLAIN;
	if (!f)
		return;
	switch (f->kind) {
	case INSN_EXIT:
		v->kind = IV_EXIT;
		break;
	case INSN_CALL_SUBPROG:
		v->kind = IV_SUBCALL;
		v->target = f->target;
		break;
	case INSN_CALL_HELPER:
		v->kind = IV_HELPER;
		v->helper_id = f->call_id;
		v->name = bpfobj_helper_name(f->call_id);
		break;
	case INSN_CALL_KFUNC:
		name = strtab_get(&m->str, f->name);
		v->kind = IV_KFUNC;
		v->helper_id = f->call_id;
		v->name = name ? canon_name(name, strlen(name), -1) : NULL;
		break;
	default:
		break;
	}
}

struct sleep_iv *sleep_iv_build(const struct model *m, uint32_t pi, uint32_t *n)
{
	const struct program *p = model_prog(m, pi);
	const struct bpfobj_prog *op = bpfobj_joined(m, pi);
	uint32_t i, cnt = op ? op->ninsns : p->ninsns;
	struct sleep_iv *v = calloc(cnt ? cnt : 1, sizeof(*v));

	if (!v)
		return NULL;
	for (i = 0; i < cnt; i++) {
		v[i].target = IDX_NONE;
		v[i].helper_id = -1;
		if (op) {
			const struct bpf_insn *in = &op->insns[i];
			const struct bpfobj_insn_info *inf = &op->info[i];

			v[i].kind = IV_PLAIN;
			if (in->code == (BPF_JMP | BPF_EXIT))
				v[i].kind = IV_EXIT;
			else if (inf->kind == BPFOBJ_INSN_SUBCALL) {
				v[i].kind = IV_SUBCALL;
				v[i].target = (uint32_t)((int64_t)i + 1 + in->imm);
			} else if (inf->kind == BPFOBJ_INSN_HELPER) {
				v[i].kind = IV_HELPER;
				v[i].helper_id = in->imm;
				v[i].name = inf->name ? inf->name : bpfobj_helper_name(in->imm);
			} else if (inf->kind == BPFOBJ_INSN_KFUNC) {
				v[i].kind = IV_KFUNC;
				v[i].name = inf->name;
			}
		} else {
			iv_from_facts(m, p, i, &v[i]);
		}
	}
	*n = cnt;
	return v;
}

/* ---- program facts ------------------------------------------------------------------- */

void sleep_prog_facts(const struct model *m, uint32_t pi, struct sleep_prog *sp)
{
	const struct program *p = model_prog(m, pi);
	const struct bpfobj_prog *op = bpfobj_joined(m, pi);

	memset(sp, 0, sizeof(*sp));
	sp->sleepable = p->sleepable;
	if (op) {
		sp->prog_type = op->prog_type;
		sp->attach_type = op->attach_type;
	} else if (p->section) {
		uint32_t t, a;
		bool sl;

		if (bpfobj_section_info(strtab_get(&m->str, p->section), &t, &a, &sl)) {
			sp->prog_type = t;
			sp->attach_type = a;
		}
	}
}

/* ---- the call checks (§2.2, §3, §4.3, §5) ----------------------------------------------- */

static bool call_sleeps(const struct sleep_rules *r, const struct sleep_prog *sp,
			const struct sleep_call *sc)
{
	if (!sc || r->ver >= sc->until)
		return false;
	if ((sc->flags & SCF_COND_SLEEPABLE_PROG) &&
	    !(sp->sleepable == 1 && sleep_type_is_tracing(sp->prog_type)))
		return false;
	if ((sc->flags & SCF_STRUCT_OPS_ONLY) && sp->prog_type != BPF_PROG_TYPE_STRUCT_OPS)
		return false;
	return true;
}

bool sleep_iv_sleeps(const struct sleep_rules *r, const struct sleep_prog *sp,
		     const struct sleep_iv *v)
{
	if (v->kind != IV_HELPER && v->kind != IV_KFUNC)
		return false;
	return call_sleeps(r, sp, sleep_call_lookup(v->name));
}

enum sleep_kind sleep_check_call(const struct sleep_rules *r, const struct sleep_prog *sp,
				 const struct sleep_iv *v, int sleepable, uint8_t region,
				 int8_t callee_might_sleep, bool callee_global)
{
	bool rcu = REGION_DEPTH(region, REGION_RCU), pre = REGION_DEPTH(region, REGION_PREEMPT);
	bool irq = REGION_DEPTH(region, REGION_IRQ), lock = REGION_DEPTH(region, REGION_LOCK);
	const struct sleep_call *sc;

	if (v->kind == IV_SUBCALL) {
		if (lock && !callee_global && !sleep_rules_has(r, SF_GLOBAL_LOCK_MSG))
			return SK_CALL_LOCK;
		if (!callee_global)
			return SK_NONE;
		if (lock)
			return sleep_rules_has(r, SF_GLOBAL_LOCK_MSG) ? SK_GLOBAL_LOCK :
									SK_CALL_LOCK;
		if (sleep_rules_has(r, SF_GLOBAL_MIGHT_SLEEP)) {
			if (callee_might_sleep == 1 && (sleepable == 0 || rcu || pre || irq))
				return SK_GLOBAL_SLEEP;
			return SK_NONE;
		}
		if (pre && sleep_rules_has(r, SF_GLOBAL_PREEMPT_REFUSED))
			return SK_GLOBAL_PREEMPT;
		if (irq && sleep_rules_has(r, SF_GLOBAL_IRQ_REFUSED))
			return SK_GLOBAL_IRQ;
		return SK_NONE;
	}
	if (v->kind != IV_HELPER && v->kind != IV_KFUNC)
		return SK_NONE;
	if (lock && !sleep_call_allowed_under_lock(v->name))
		return SK_CALL_LOCK;
	/* the kfunc set check comes before any sleep check; the table is 6.18's */
	if (v->kind == IV_KFUNC && sp->prog_type && r->ver == KFUNC_SETS_KV &&
	    kfunc_allowed(v->name, sp->prog_type) == 0)
		return SK_KFUNC_NOT_ALLOWED;
	sc = sleep_call_lookup(v->name);
	if (v->kind == IV_HELPER && sc && sp->prog_type) {
		if ((sc->flags & SCF_TRACING_ONLY_BEFORE) && r->ver < sc->avail_all &&
		    !sleep_type_is_tracing(sp->prog_type))
			return SK_HELPER_UNAVAILABLE;
		if ((sc->flags & SCF_LSM_ONLY) && sp->prog_type != BPF_PROG_TYPE_LSM)
			return SK_HELPER_UNAVAILABLE;
		if ((sc->flags & SCF_SYSCALL_ONLY) && sp->prog_type != BPF_PROG_TYPE_SYSCALL)
			return SK_HELPER_UNAVAILABLE;
	}
	if (v->kind == IV_HELPER && sc && (sc->flags & SCF_SLEEPABLE_PROG_ONLY_BEFORE_6_0) &&
	    !sleep_rules_has(r, SF_HELPER_MIGHT_SLEEP) && sp->sleepable == 0)
		return SK_HELPER_UNAVAILABLE; /* < 6.0: offered to sleepable programs only */
	if (!call_sleeps(r, sp, sc))
		return SK_NONE;
	if (v->kind == IV_HELPER) {
		if (!sleep_rules_has(r, SF_HELPER_MIGHT_SLEEP))
			return SK_NONE;
		if (sleepable == 0)
			return SK_HELPER_NONSLEEP;
		if (rcu && sleep_rules_has(r, SF_RCU_REGION))
			return SK_HELPER_RCU;
		if (pre)
			return SK_HELPER_PREEMPT;
		if (irq)
			return SK_HELPER_IRQ;
		return SK_NONE;
	}
	if (sleepable == 0)
		return SK_KFUNC_NONSLEEP;
	if (rcu)
		return SK_KFUNC_RCU;
	if (pre)
		return SK_KFUNC_PREEMPT;
	if (irq)
		return SK_KFUNC_IRQ;
	return SK_NONE;
}

uint8_t sleep_region_apply(uint8_t region, const char *name)
{
	const struct sleep_region_op *op = sleep_region_op_lookup(name);
	int d;

	if (!op)
		return region;
	d = REGION_DEPTH(region, op->region) + op->delta;
	region = REGION_SET(region, op->region, d < 0 ? 0 : d > 3 ? 3 : d);
	if (op->region2 >= 0) {
		d = REGION_DEPTH(region, op->region2) + op->delta2;
		region = REGION_SET(region, op->region2, d < 0 ? 0 : d > 3 ? 3 : d);
	}
	return region;
}

uint8_t sleep_region_undo(uint8_t region, const char *name)
{
	const struct sleep_region_op *op = sleep_region_op_lookup(name);
	int d;

	if (!op || !op->fallible)
		return region;
	d = REGION_DEPTH(region, op->region) - op->delta;
	region = REGION_SET(region, op->region, d < 0 ? 0 : d > 3 ? 3 : d);
	if (op->region2 >= 0) {
		d = REGION_DEPTH(region, op->region2) - op->delta2;
		region = REGION_SET(region, op->region2, d < 0 ? 0 : d > 3 ? 3 : d);
	}
	return region;
}

int sleep_async_ctx(const struct sleep_rules *r, const struct sleep_prog *sp, const char *via)
{
	return sleep_cb_context(r, via, sp->sleepable, sp->sleepable);
}

/* ---- might_sleep (§4.2) ------------------------------------------------------------ */

int sleep_might_sleep(const struct model *m, uint32_t pi, const struct sleep_rules *r,
		      const struct sleep_iv *iv, uint32_t niv, struct sleep_ms *ms, bool kernel)
{
	const struct program *p = model_prog(m, pi);
	struct sleep_prog sp;
	uint32_t i, k;
	bool changed = true;

	sleep_prog_facts(m, pi, &sp);
	for (k = 0; k < p->subprogs.n; k++) {
		const struct subprog *s = &p->subprogs.v[k];
		uint32_t end = s->end == IDX_NONE || s->end > niv ? niv : s->end;
		bool unknown = s->end == IDX_NONE;

		ms[k].bit = 0;
		ms[k].insn = IDX_NONE;
		ms[k].via = IDX_NONE;
		for (i = s->start; i < end; i++) {
			if (iv[i].kind == IV_UNKNOWN)
				unknown = true;
			if (sleep_iv_sleeps(r, &sp, &iv[i])) {
				ms[k].bit = 1;
				ms[k].insn = i;
				break;
			}
		}
		if (!ms[k].bit && unknown)
			ms[k].bit = -1;
	}
	/* bottom-up along calls and function-pointer references: a DAG, so iterate */
	while (changed) {
		changed = false;
		for (i = 0; i < program_cold(p)->edges.n; i++) {
			const struct edge *e = &program_cold(p)->edges.v[i];
			int f = -1, t = -1;

			for (k = 0; k < p->subprogs.n; k++) {
				if (p->subprogs.v[k].id == e->from)
					f = (int)k;
				if (p->subprogs.v[k].id == e->to)
					t = (int)k;
			}
			if (f < 0 || t < 0 || ms[f].bit == 1 || ms[t].bit != 1)
				continue;
			if (!kernel && e->kind == EDGE_ASYNC_CALLBACK)
				continue;
			ms[f].bit = 1;
			ms[f].insn = e->insn;
			ms[f].via = i;
			changed = true;
		}
	}
	return 0;
}
