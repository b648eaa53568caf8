// SPDX-License-Identifier: MIT
/*
 * sleep_explain.c — findings to words: the kernel's message for a finding
 * under a rule set, the one-line chain, the `w` explanation of a step and
 * the report section. Computes only what it words (contexts on demand).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/bpfobj.h"
#include "src/analysis/sleep_priv.h"
#include "src/analysis/state.h"
#include "src/rules/kfunc_sets.h"
#include "src/rules/reject_table.h"

/* a growing text in a caller's buffer (snprintf semantics) */
struct sbuf {
	char *buf;
	size_t n, len;
};

static void sb_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(b->len < b->n ? b->buf + b->len : NULL, b->len < b->n ? b->n - b->len : 0,
		      fmt, ap);
	va_end(ap);
	if (r > 0)
		b->len += (size_t)r;
}

const char *sleep_sub_name(const struct model *m, const struct program *p, uint32_t id, char *buf,
			   size_t n)
{
	const struct subprog *s = id == IDX_NONE ? NULL : program_subprog_by_id(p, id);

	if (s && s->name)
		snprintf(buf, n, "%s", strtab_get(&m->str, s->name));
	else if (id != IDX_NONE)
		snprintf(buf, n, "func#%u", id);
	else
		snprintf(buf, n, "?");
	return buf;
}

void sleep_region_text(uint8_t region, char *buf, size_t n)
{
	static const char *const names[] = { "RCU read section", "preemption disabled",
					     "IRQs disabled", "spin lock held" };
	struct sbuf b = { buf, n, 0 };
	int k;

	if (n)
		buf[0] = '\0';
	for (k = 0; k < REGION__COUNT; k++)
		if (REGION_DEPTH(region, k))
			sb_printf(&b, "%s%s", b.len ? ", " : "", names[k]);
}

const char *sleep_region_kind_name(int region)
{
	static const char *const names[] = { "rcu", "preempt", "irq", "lock" };

	return region >= 0 && region < REGION__COUNT ? names[region] : "?";
}

void sleep_ctx_words(const struct ctx_run *run, char *buf, size_t n)
{
	struct sbuf b = { buf, n, 0 };
	int g;

	if (n)
		buf[0] = '\0';
	if (!run || (run->sleepable < 0 && !run->region)) {
		sb_printf(&b, "context ?");
		return;
	}
	sb_printf(&b, "%s", run->sleepable == 1 && !run->region ? "sleepable" : "NON-SLEEPABLE");
	for (g = 0; g < REGION__COUNT; g++)
		if (REGION_DEPTH(run->region, g))
			sb_printf(&b, " %s", sleep_region_kind_name(g));
}

static const char *ctx_words(int sleepable, uint8_t region)
{
	if (sleepable == 0)
		return "non-sleepable prog";
	if (REGION_DEPTH(region, REGION_RCU))
		return "rcu_read_lock region";
	if (REGION_DEPTH(region, REGION_PREEMPT))
		return "non-preemptible region";
	if (REGION_DEPTH(region, REGION_IRQ))
		return "IRQ-disabled region";
	if (REGION_DEPTH(region, REGION_LOCK))
		return "lock region";
	return "sleepable context";
}

/* the rule whose message a finding's kind prints */
static enum sleep_feature msg_rule(enum sleep_kind k)
{
	switch (k) {
	case SK_HELPER_NONSLEEP:
		return SF_MSG_HELPER_NONSLEEP;
	case SK_HELPER_RCU:
	case SK_HELPER_PREEMPT:
	case SK_HELPER_IRQ:
		return SF_MSG_HELPER_REGION;
	case SK_KFUNC_NONSLEEP:
		return SF_MSG_KFUNC_NONSLEEP;
	case SK_KFUNC_RCU:
	case SK_KFUNC_PREEMPT:
	case SK_KFUNC_IRQ:
		return SF_MSG_KFUNC_REGION;
	case SK_GLOBAL_SLEEP:
		return SF_MSG_GLOBAL_SLEEP;
	case SK_GLOBAL_LOCK:
		return SF_GLOBAL_LOCK_MSG;
	case SK_GLOBAL_PREEMPT:
		return SF_GLOBAL_PREEMPT_REFUSED;
	case SK_GLOBAL_IRQ:
		return SF_GLOBAL_IRQ_REFUSED;
	case SK_CALL_LOCK:
		return SF_MSG_CALL_LOCK;
	case SK_PROG_NOT_SLEEPABLE:
		return SF_MSG_TYPE_NOT_SLEEPABLE;
	case SK_HELPER_UNAVAILABLE:
		return SF_MSG_HELPER_UNAVAILABLE;
	case SK_STRUCT_OPS_MEMBER:
		return SF_MSG_STRUCT_OPS_MEMBER;
	default:
		return SF__COUNT;
	}
}

void sleep_finding_message(const struct model *m, const struct program *p,
			   const struct sleep_rules *r, const struct sleep_finding *f, char *buf,
			   size_t n)
{
	const struct sleep_call *sc = sleep_call_lookup(f->call);
	enum sleep_feature rule = msg_rule(f->kind);
	struct sleep_rules at = *r;
	char g[128];

	sleep_sub_name(m, p, f->callee, g, sizeof(g));
	if (n)
		buf[0] = '\0';
	/* GLOBAL_*: the message of the era that refuses (the check may have gone since) */
	if (rule == SF_GLOBAL_PREEMPT_REFUSED || rule == SF_GLOBAL_IRQ_REFUSED ||
	    rule == SF_GLOBAL_LOCK_MSG) {
		const struct sleep_era *e = sleep_rule_era(rule, r->ver, r->patch);

		if (!e || !e->msg)
			at.ver = sleep_rule_since(rule, 1), at.patch = KV_PATCH_LATEST;
	}
	if (f->kind == SK_EXIT_REGION) {
		sleep_exit_message(f->region, buf, n);
	} else if (f->kind == SK_TRACING_ASYNC) {
		snprintf(buf, n, "tracing progs cannot use %s yet", f->call ? f->call : "?");
	} else if (f->kind == SK_KFUNC_NOT_ALLOWED) {
		snprintf(buf, n, "calling kernel function %s is not allowed",
			 f->call ? f->call : "?");
	} else if (f->kind == SK_STRUCT_OPS_MEMBER) {
		/* call: the member; its struct_ops type from the table */
		const char *st = NULL;

		sleep_struct_ops_member(NULL, f->call, r, &st);
		sleep_rule_message(&at, rule, st ? st : "?", -1, "", f->call ? f->call : "?", buf,
				   n);
	} else if (rule != SF__COUNT)
		sleep_rule_message(&at, rule, f->call, sc ? sc->helper_id : -1,
				   ctx_words(f->sleepable, f->region), g, buf, n);
	if (n && !buf[0])
		snprintf(buf, n, "%s", sleep_kind_name(f->kind));
}

/* "prog.bpf.c:33" for insn, "" when unknown */
static void src_of(const struct model *m, const struct program *p, uint32_t insn, char *buf,
		   size_t n)
{
	const struct bpfobj_prog *op = bpfobj_joined(m, p->idx);
	const struct bpfobj_line *l = op && insn != IDX_NONE ? bpfobj_line_at(op, insn) : NULL;

	buf[0] = '\0';
	if (l && l->line) {
		const char *f = strrchr(l->file, '/');

		snprintf(buf, n, "%s:%u", f ? f + 1 : l->file, l->line);
		return;
	}
	for (uint32_t k = 0; k < p->steps.n && insn != IDX_NONE; k++) {
		struct step st = step_at(p, k);

		if (st.insn == insn && step_src(p, k) != IDX_NONE) {
			struct span s = src_line(m, p, step_src(p, k));
			const char *t = m->log.buf + s.off, *at = memmem(t, s.len, " @ ", 3);

			if (at) {
				int len = (int)(s.len - (uint32_t)(at + 3 - t));

				snprintf(buf, n, "%.*s", len, at + 3);
			}
			return;
		}
	}
}

static const char *async_words(const struct sleep_rules *r, const char *via, int sleepable,
			       char *timer_words, size_t n)
{
	const struct sleep_cb *cb = sleep_cb_lookup(via);
	const struct sleep_era *fix = sleep_rule_era(SF_TIMER_CB, KV_NEVER - 1, 0);
	uint8_t kind = cb ? cb->async : SLEEP_ASYNC_NONE;

	if (kind == SLEEP_ASYNC_TIMER && sleepable) {
		snprintf(timer_words, n,
			 "async, sleepable: before %s timer callbacks took the program's flag",
			 fix && fix->commit ? fix->commit : "the fix");
		return timer_words;
	}
	if (kind == SLEEP_ASYNC_TIMER)
		return "async, never sleepable";
	if (kind == SLEEP_ASYNC_TASK_WORK)
		return "async task_work, always sleepable";
	if (kind == SLEEP_ASYNC_WQ)
		return "async bpf_wq, always sleepable";
	(void)r;
	return sleepable == 1 ? "async, sleepable" :
	       sleepable == 0 ? "async, non-sleepable" :
				"async";
}

/* "may sleep: calls bpf_copy_from_user at insn 38" / "→ level2 (insn 6) → ..." */
static void witness(const struct model *m, const struct program *p, const struct sleep_rules *r,
		    uint32_t id, struct sbuf *b, bool *through_async)
{
	uint32_t pi = p->idx, niv, depth = 0;
	struct sleep_iv *iv = sleep_iv_build(m, pi, &niv);
	struct sleep_ms *ms = calloc(p->subprogs.n + 1, sizeof(*ms));
	char nm[128];
	int si = sleep_sub_idx(p, id);

	if (!iv || !ms || si < 0)
		goto out;
	sleep_might_sleep(m, pi, r, iv, niv, ms, true);
	if (ms[si].bit != 1) {
		sb_printf(b, p->subprogs.v[si].might_sleep == 1 ? "may sleep (the kernel says so)" :
								  "may sleep: unknown why");
		goto out;
	}
	sb_printf(b, "may sleep:");
	while (si >= 0 && depth++ < 16) {
		if (ms[si].via == IDX_NONE) {
			uint32_t i = ms[si].insn;

			sb_printf(b, " calls %s at insn %u",
				  i < niv && iv[i].name ? iv[i].name : "?", i);
			break;
		} else {
			const struct edge *e = &program_cold(p)->edges.v[ms[si].via];

			if (e->kind == EDGE_ASYNC_CALLBACK && through_async)
				*through_async = true;
			if (e->kind == EDGE_CALL)
				sb_printf(b, " calls %s (insn %u) →",
					  sleep_sub_name(m, p, e->to, nm, sizeof(nm)), e->insn);
			else
				sb_printf(b, " passes %s to %s (insn %u) →",
					  sleep_sub_name(m, p, e->to, nm, sizeof(nm)),
					  e->via ? strtab_get(&m->str, e->via) : "?", e->insn);
			si = sleep_sub_idx(p, e->to);
		}
	}
out:
	free(iv);
	free(ms);
}

static void prog_words(const struct model *m, const struct program *p, struct sbuf *b)
{
	sb_printf(b, "prog %s (", p->name ? strtab_get(&m->str, p->name) : "?");
	if (p->section)
		sb_printf(b, "%s, ", strtab_get(&m->str, p->section));
	sb_printf(b, "%s)",
		  p->sleepable == 1 ? "sleepable" :
		  p->sleepable == 0 ? "non-sleepable" :
				      "sleepable: unknown");
}

void sleep_finding_chain(const struct model *m, const struct program *p,
			 const struct sleep_rules *r, const struct sleep_finding *f, char *buf,
			 size_t n)
{
	struct sbuf b = { buf, n, 0 };
	char nm[128], rg[96], aw[128];
	uint32_t k;

	if (n)
		buf[0] = '\0';
	prog_words(m, p, &b);
	if (f->insn == IDX_NONE) {
		sb_printf(&b, " → refused at load, before any instruction");
		return;
	}
	if (f->root == UNIT_GLOBAL && !f->nhops)
		sb_printf(&b, " → validation of global %s (once, with the program's flag: %s)",
			  sleep_sub_name(m, p, f->root_subprog, nm, sizeof(nm)),
			  p->sleepable == 1 ? "sleepable" : "non-sleepable");
	for (k = 0; k < f->nhops; k++) {
		const struct sleep_hop *h = &f->hops[k];

		sleep_sub_name(m, p, h->to, nm, sizeof(nm));
		if (h->kind == EDGE_ASYNC_CALLBACK)
			sb_printf(&b, " → %s at insn %u → %s (%s)", h->via ? h->via : "?", h->insn,
				  nm, async_words(r, h->via, h->sleepable, aw, sizeof(aw)));
		else if (h->kind == EDGE_CALLBACK)
			sb_printf(&b, " → %s at insn %u → %s (callback, inherits%s)",
				  h->via ? h->via : "?", h->insn, nm,
				  h->sleepable == 1 ? ": sleepable" :
				  h->sleepable == 0 ? ": non-sleepable" :
						      " the caller's context");
		else
			sb_printf(&b, " → call %s at insn %u (static)", nm, h->insn);
	}
	if (f->region) {
		sleep_region_text(f->region, rg, sizeof(rg));
		if (f->region_insn != IDX_NONE)
			sb_printf(&b, " → region opened at insn %u (%s)", f->region_insn, rg);
		else
			sb_printf(&b, " → inside: %s", rg);
	}
	if (f->callee != IDX_NONE) {
		sb_printf(&b, " → call %s at insn %u (global, ",
			  sleep_sub_name(m, p, f->callee, nm, sizeof(nm)), f->insn);
		witness(m, p, r, f->callee, &b, NULL);
		sb_printf(&b, ")");
	} else if (f->call) {
		const struct sleep_call *sc = sleep_call_lookup(f->call);

		sb_printf(&b, " → %s at insn %u%s", f->call, f->insn,
			  sc ? (sc->flags & SCF_KFUNC ? " (sleepable kfunc)" : " (may sleep)") :
			       "");
	}
}

/* the hops of step k, from its unit's root down to its frame (backward walk) */
static void chain_of_step(const struct model *m, const struct program *p, uint32_t k,
			  const struct sleep_iv *iv, uint32_t niv, const struct sleep_rules *r,
			  const struct sleep_prog *sp, struct sleep_finding *f, int depth)
{
	const struct path *P = &p->paths.v[step_path(p, k)];
	const struct unit *u = &p->units.v[P->unit];
	struct sleep_hop rev[SLEEP_MAX_HOPS];
	uint32_t nrev = 0, j = k, frame = step_frame(p, k), last_insn = step_insn(p, k);
	uint32_t guard = 0;
	const struct path *cur = P;

	while (frame > 0 && guard++ < 1000000) {
		struct step st;

		if (j == cur->first_step) {
			uint32_t pa;

			if (cur->parent_step == IDX_NONE || cur->parent_step >= cur->first_step)
				break;
			j = cur->parent_step;
			pa = step_path(p, j);
			if (p->paths.v[pa].unit != cur->unit)
				break;
			cur = &p->paths.v[pa];
		} else {
			j--;
		}
		st = step_at(p, j);
		if (st.frame >= frame) {
			if (st.frame == frame)
				last_insn = st.insn;
			continue;
		}
		if (st.frame == frame - 1 && (st.flags & STEP_CALL) && nrev < SLEEP_MAX_HOPS) {
			const struct subprog *to = program_subprog_at(p, last_insn);
			const struct sleep_iv *v = st.insn < niv ? &iv[st.insn] : NULL;
			struct sleep_hop *h = &rev[nrev++];

			memset(h, 0, sizeof(*h));
			h->insn = st.insn;
			h->to = to ? to->id : IDX_NONE;
			h->kind = v && v->kind == IV_SUBCALL ? EDGE_CALL : EDGE_CALLBACK;
			h->via = v && v->kind != IV_SUBCALL ? v->name : NULL;
			h->sleepable = -1;
			frame = st.frame;
			last_insn = st.insn;
		} else if (st.frame < frame) {
			frame = st.frame;
			last_insn = st.insn;
		}
	}
	{
		const struct subprog *us =
			u->start_insn != IDX_NONE ? program_subprog_at(p, u->start_insn) : NULL;
		uint32_t cb_id = us ? us->id : 0;
		const char *via = NULL;

		f->root = u->kind;
		f->root_subprog = cb_id;
		f->nhops = 0;
		if (u->kind == UNIT_ASYNC_CB) {
			if (u->push_step != IDX_NONE && depth < 4) {
				uint32_t pin = step_insn(p, u->push_step);

				chain_of_step(m, p, u->push_step, iv, niv, r, sp, f, depth + 1);
				via = pin < niv ? iv[pin].name : NULL;
			}
			if (f->nhops < SLEEP_MAX_HOPS) {
				struct sleep_hop *h = &f->hops[f->nhops++];

				h->kind = EDGE_ASYNC_CALLBACK;
				h->insn = u->push_step != IDX_NONE ? step_insn(p, u->push_step) :
								     IDX_NONE;
				h->to = cb_id;
				h->via = via;
				h->sleepable = (int8_t)sleep_async_ctx(r, sp, via);
			}
			f->root = UNIT_ASYNC_CB;
			f->root_subprog = cb_id;
		}
	}
	while (nrev-- > 0 && f->nhops < SLEEP_MAX_HOPS)
		f->hops[f->nhops++] = rev[nrev];
}

bool sleep_error_finding(const struct model *m, const struct program *p, struct sleep_finding *out)
{
	uint32_t pi = p->idx, k = p->error_step, niv, event;
	struct sleep_rules r;
	struct sleep_prog sp;
	struct sleep_iv *iv;
	char *err;
	enum sleep_kind kd;
	int sl;
	uint8_t region;

	err = program_error_text(m, p);
	kd = sleep_classify_error(err);
	free(err);
	if (kd == SK_NONE)
		return false;
	memset(out, 0, sizeof(*out));
	out->kind = kd;
	out->insn = k == IDX_NONE ? IDX_NONE : step_insn(p, k);
	out->callee = IDX_NONE;
	out->region_insn = IDX_NONE;
	out->sleepable = (int8_t)p->sleepable;
	if (kd == SK_STRUCT_OPS_MEMBER && p->section) {
		/* the member, from struct_ops.s/MEMBER (the log names it, the section too) */
		const char *slash = strchr(strtab_get(&m->str, p->section), '/');

		out->call = slash ? slash + 1 : NULL;
	}
	if (k == IDX_NONE)
		return true;
	iv = sleep_iv_build(m, pi, &niv);
	if (!iv)
		return true;
	sleep_program_rules(m, p, &r);
	sleep_prog_facts(m, pi, &sp);
	{
		const struct subprog *s = program_subprog_at(p, out->insn);

		out->subprog = s ? s->id : IDX_NONE;
	}
	if (out->insn < niv && iv[out->insn].kind == IV_SUBCALL) {
		int t = sleep_sub_at_start(p, iv[out->insn].target);

		out->callee = t >= 0 ? p->subprogs.v[t].id : IDX_NONE;
	} else if (out->insn < niv) {
		out->call = iv[out->insn].name;
	}
	if (!sleep_context_at(m, p, k, &sl, &region, &event)) {
		out->sleepable = (int8_t)sl;
		out->region = region;
		if (region)
			out->region_insn = sleep_region_opener(m, p, k, region);
	}
	chain_of_step(m, p, k, iv, niv, &r, &sp, out, 0);
	free(iv);
	return true;
}

static const char *region_phrase(int k)
{
	static const char *const n[] = { "an RCU read section", "a preempt-disabled section",
					 "an IRQ-disabled section", "a spin-lock section" };

	return n[k & 3];
}

void sleep_event_format(const struct model *m, const struct program *p, const struct sleep_event *e,
			char *buf, size_t n)
{
	const struct program_cold *c = program_cold(p);
	const struct sleep_finding *f =
		e->finding < c->findings.n ? &c->findings.v[e->finding] : NULL;
	const char *call = e->call ? strtab_get(&m->str, e->call) : "?";
	const struct sleep_cb *cb = sleep_cb_lookup(call);
	struct sleep_rules r;
	char nm[128], chain[1024], km[512];

	if (n)
		buf[0] = '\0';
	switch (e->cause) {
	case SEVC_REGION_OPEN:
	case SEVC_REGION_CLOSE:
		snprintf(buf, n, "%s at insn %u %s %s", call, e->insn,
			 e->cause == SEVC_REGION_OPEN ? "opens" : "closes",
			 region_phrase(e->region));
		break;
	case SEVC_ASYNC_ENTRY:
		sleep_sub_name(m, p, e->callee, nm, sizeof(nm));
		if (e->event == SEV_SET)
			snprintf(buf, n,
				 "entered %s, a %s callback: always sleepable (registered at insn "
				 "%u)",
				 nm,
				 cb && cb->async == SLEEP_ASYNC_TASK_WORK ? "task_work" : "bpf_wq",
				 e->at);
		else
			snprintf(buf, n,
				 "entered %s, a bpf_timer callback: runs in softirq, never "
				 "sleepable "
				 "(registered at insn %u)",
				 nm, e->at);
		break;
	case SEVC_GLOBAL_ENTRY:
		snprintf(buf, n,
			 "global %s is validated once, with the program's flag: non-sleepable, "
			 "although it is called from a sleepable context",
			 sleep_sub_name(m, p, e->callee, nm, sizeof(nm)));
		break;
	case SEVC_REFUSAL:
		sleep_program_rules(m, p, &r);
		if (f) {
			sleep_finding_chain(m, p, &r, f, chain, sizeof(chain));
			snprintf(buf, n, "%s: %s", sleep_kind_name(f->kind), chain);
		} else {
			snprintf(buf, n, "%s", sleep_kind_name(e->kind));
		}
		break;
	case SEVC_PREDICTED:
		sleep_program_rules(m, p, &r);
		if (f) {
			sleep_finding_message(m, p, &r, f, km, sizeof(km));
			sleep_finding_chain(m, p, &r, f, chain, sizeof(chain));
			snprintf(buf, n, "%s: %s", km, chain);
		}
		break;
	case SEVC_LOAD:
	default:
		snprintf(buf, n, "%s", sleep_kind_name(e->kind));
	}
}

const struct sleep_finding *sleep_program_finding(const struct program *p, bool or_predicted)
{
	const struct program_cold *c = program_cold(p);
	uint32_t n, i;
	const struct sleep_finding *f;

	if (c->error_finding != IDX_NONE && c->error_finding < c->findings.n)
		return &c->findings.v[c->error_finding];
	if (!or_predicted || p->verdict != VERDICT_UNKNOWN)
		return NULL;
	/* the object alone: its first predicted refusal, when a sleep rule makes it */
	f = sleep_predictions(p, &n);
	for (i = 0; i < n && i < 1; i++)
		if (sleep_kind_is_sleep(f[i].kind))
			return &f[i];
	return NULL;
}

const struct sleep_finding *sleep_predictions(const struct program *p, uint32_t *n)
{
	const struct program_cold *c = program_cold(p);

	*n = c->findings.n - (c->error_finding != IDX_NONE ? 1 : 0);
	return c->findings.v;
}

void sleep_program_rules(const struct model *m, const struct program *p, struct sleep_rules *r)
{
	if (!p->sleep_rules) {
		sleep_rules_for(m, p, NULL, r);
		return;
	}
	sleep_rules_parse(strtab_get(&m->str, p->sleep_rules), r);
	r->source = p->sleep_rules_src;
	if (r->source == RULES_DIALECT)
		snprintf(r->dialect, sizeof(r->dialect), "%s", strtab_get(&m->str, p->dialect));
}

/* the era of rule f that first takes `value`, NULL when none (versions come from the table) */
static const struct sleep_era *first_era(enum sleep_feature f, uint8_t value)
{
	const struct sleep_rule_info *ri = sleep_rule_info(f);
	uint8_t k;

	for (k = 0; ri && k < ri->neras; k++)
		if (ri->eras[k].value == value)
			return &ri->eras[k];
	return NULL;
}

/* "6.15" for a KV; the minor before ("6.12" for 6.13) */
static const char *kv_text(uint16_t v, int back, char *buf, size_t n)
{
	unsigned a = v / 100, b = v % 100;

	if (back && b)
		b--;
	else if (back)
		a--, b = 19;
	snprintf(buf, n, "%u.%u", a, b);
	return buf;
}

static void rule_sentence(const struct sleep_rules *r, const struct sleep_finding *f,
			  struct sbuf *b)
{
	const struct sleep_era *e;
	const struct sleep_call *cfu;
	char v1[16], v2[16];

	switch (f->kind) {
	case SK_GLOBAL_SLEEP:
		e = first_era(SF_GLOBAL_MIGHT_SLEEP, 1);
		if (!e)
			break;
		sb_printf(b,
			  "Since Linux %s%s%s%s a call to a global function that may "
			  "sleep is refused in a non-sleepable context or an RCU/preempt/IRQ "
			  "section; before, it was not checked at all.\n",
			  kv_text(e->since, 0, v1, sizeof(v1)), e->commit ? " (" : "",
			  e->commit ? e->commit : "", e->commit ? ")" : "");
		break;
	case SK_HELPER_NONSLEEP:
	case SK_KFUNC_NONSLEEP:
		sb_printf(b,
			  "A call that may sleep needs in_sleepable at the call (Linux %s rules)."
			  "\n",
			  r->name);
		break;
	case SK_HELPER_RCU:
	case SK_HELPER_PREEMPT:
	case SK_HELPER_IRQ:
	case SK_KFUNC_RCU:
	case SK_KFUNC_PREEMPT:
	case SK_KFUNC_IRQ:
		sb_printf(b,
			  "Inside an RCU read section, a preempt-disabled or an IRQ-disabled "
			  "section nothing may sleep, even in a sleepable program. The log shows "
			  "no mark for RCU and preempt sections: veristep follows the lock/unlock "
			  "calls.\n");
		break;
	case SK_GLOBAL_LOCK:
	case SK_CALL_LOCK:
	case SK_GLOBAL_PREEMPT:
	case SK_GLOBAL_IRQ:
		sb_printf(b, "Global functions are verified once, on their own, so the verifier "
			     "cannot follow a held lock or a disabled preemption/IRQ state into "
			     "them.\n");
		break;
	case SK_HELPER_UNAVAILABLE:
		cfu = sleep_call_lookup("bpf_copy_from_user");
		e = first_era(SF_HELPER_MIGHT_SLEEP, 1);
		if (!cfu || !e)
			break;
		sb_printf(b,
			  "Not a sleep rule: this kernel does not offer the helper to this "
			  "program type at all (bpf_copy_from_user was tracing-only up to %s, "
			  "and before %s offered to sleepable programs only).\n",
			  kv_text(cfu->avail_all, 1, v1, sizeof(v1)),
			  kv_text(e->since, 0, v2, sizeof(v2)));
		break;
	case SK_TRACING_ASYNC:
		e = first_era(SF_TRACING_TIMER_OK, 1);
		if (!e)
			break;
		sb_printf(b,
			  "Not a sleep rule: kprobe, tracepoint, perf_event and raw_tp programs "
			  "cannot use maps holding bpf_timer/bpf_wq before %s.\n",
			  kv_text(e->since, 0, v1, sizeof(v1)));
		break;
	case SK_KFUNC_NOT_ALLOWED: {
		const struct kfunc_set *ks = kfunc_set_lookup(f->call);
		char types[256];

		kfunc_set_types(ks, types, sizeof(types));
		if (ks)
			sb_printf(
				b,
				"Not a sleep rule: a program may call only the kfuncs of the sets "
				"registered for its type. %s is in the %s set, which Linux 6.18 "
				"registers for %s %s.\n",
				f->call, ks->name, types, ks->src);
		else
			sb_printf(
				b,
				"Not a sleep rule: a program may call only the kfuncs of the sets "
				"registered for its type, and %s is in none registered for this "
				"one (veristep's table of 6.18's sets does not hold it).\n",
				f->call ? f->call : "the kfunc");
		break;
	}
	case SK_PROG_NOT_SLEEPABLE:
		sb_printf(b, "The program type itself cannot be loaded sleepable on this kernel "
			     "(docs: sleepable-rules §1.1).\n");
		break;
	case SK_STRUCT_OPS_MEMBER: {
		const char *st = NULL;
		char list[512];

		sleep_struct_ops_member(NULL, f->call, r, &st);
		sleep_struct_ops_sleepable_list(st, r, list, sizeof(list));
		sb_printf(b,
			  "struct_ops members have their own sleepability: %s's check_member lets "
			  "BPF_F_SLEEPABLE (SEC(\"struct_ops.s/...\")) through only for %s. "
			  "%s is not one of them: load it as SEC(\"struct_ops/%s\") and hand the "
			  "sleeping work to a bpf_wq callback.\n",
			  st ? st : "the subsystem", list[0] ? list : "no member",
			  f->call ? f->call : "?", f->call ? f->call : "...");
		break;
	}
	default:
		break;
	}
}

/* do all callers of global `id` enter it from a sleepable context (and some do)? */
static bool callers_sleepable(const struct program *p, uint32_t id)
{
	bool any = false;

	for (uint32_t k = 0; k < program_cold(p)->edges.n; k++) {
		const struct edge *e = &program_cold(p)->edges.v[k];
		int c = sleep_sub_idx(p, e->from);

		if (e->to != id || e->kind != EDGE_CALL)
			continue;
		if (c < 0 || p->subprogs.v[c].contexts != CTX_SLEEPABLE)
			return false;
		any = true;
	}
	return any;
}

/* the sleeping work cannot stay where it is: where can it go under rules r? */
static void move_sleeping_work(const struct model *m, const struct program *p,
			       const struct sleep_rules *r, struct sbuf *b)
{
	struct sleep_prog sp;
	const char *msg;
	bool wq = sleep_rules_has(r, SF_WQ_CB), tw = sleep_rules_has(r, SF_TASK_WORK_CB);

	sleep_prog_facts(m, p->idx, &sp);
	/* kprobe, tracepoint, perf_event, raw_tp: no map with an async primitive either */
	if (sleep_type_no_timer(sp.prog_type) && !sleep_rules_has(r, SF_TRACING_TIMER_OK))
		wq = tw = false;
	if (p->sleepable == 0 && sp.prog_type &&
	    sleep_type_may_sleep(sp.prog_type, sp.attach_type, r, &msg))
		sb_printf(b, "load the program sleepable (its type may be), or ");
	else if (p->sleepable == 0 && sp.prog_type)
		sb_printf(b, "this program type cannot be loaded sleepable: ");
	if (wq || tw)
		sb_printf(b,
			  "move the sleeping call into a %s%s%s callback, armed from here "
			  "(it runs later, in its own sleepable context).\n",
			  wq ? "bpf_wq" : "", wq && tw ? " or task_work" : "",
			  !wq && tw ? "task_work" : "");
	else
		sb_printf(b, "avoid the sleeping call on this path, or use a program type that may "
			     "be sleepable (no sleepable async callback is open to this one under "
			     "these rules).\n");
}

static void ways_out(const struct model *m, const struct program *p, const struct sleep_rules *r,
		     const struct sleep_finding *f, struct sbuf *b)
{
	bool timer = false, via_async = false;
	char nm[128];

	for (uint32_t k = 0; k < f->nhops; k++)
		if (f->hops[k].kind == EDGE_ASYNC_CALLBACK && f->hops[k].via &&
		    strstr(f->hops[k].via, "timer"))
			timer = true;
	if (f->kind == SK_GLOBAL_SLEEP && f->callee != IDX_NONE) {
		char w[512];
		struct sbuf wb = { w, sizeof(w), 0 };

		witness(m, p, r, f->callee, &wb, &via_async);
	}
	sb_printf(b, "\nWays out: ");
	if (f->kind == SK_EXIT_REGION) {
		const struct sleep_table *t = sleep_table_get();
		unsigned nc = 0;

		sb_printf(b, "close the section on that path before it reaches exit (call ");
		for (size_t k = 0; k < t->nregions; k++) {
			const struct sleep_region_op *o = &t->regions[k];

			if ((o->delta < 0 && REGION_DEPTH(f->region, o->region)) ||
			    (o->region2 >= 0 && o->delta2 < 0 &&
			     REGION_DEPTH(f->region, o->region2)))
				sb_printf(b, "%s%s()", nc++ ? " / " : "", o->name);
		}
		sb_printf(b,
			  "%s as the opener pairs; also on an early return from the subprog "
			  "that opened it), or open the section later, after the test that "
			  "leaves.\n",
			  nc ? "," : "the unlock/restore,");
	} else if (f->kind == SK_TRACING_ASYNC) {
		const struct sleep_era *e = first_era(SF_TRACING_TIMER_OK, 1);
		char v1[16];

		/* bpf_timer/bpf_wq is what is refused: no callback of theirs can help */
		sb_printf(b,
			  "%s itself is what kprobe, tracepoint, perf_event and raw_tp programs "
			  "may not use: arm it from another program type (fentry/fexit or "
			  "tp_btf for tracing, or tc, xdp, syscall)%s%s%s.\n",
			  f->call ? f->call : "bpf_timer/bpf_wq", e ? ", or use Linux " : "",
			  e ? kv_text(e->since, 0, v1, sizeof(v1)) : "",
			  e ? "+, where any type may" : "");
	} else if (f->kind == SK_PROG_NOT_SLEEPABLE) {
		sb_printf(b, "load it without the sleepable flag (a section without \".s\") and ");
		if (sleep_rules_has(r, SF_WQ_CB))
			sb_printf(b, "do the sleeping work in a bpf_wq callback; ");
		sb_printf(b, "or use a program type that may be sleepable (syscall, uprobe.s, "
			     "iter.s, fentry.s/lsm.s where the kernel allows them).\n");
	} else if (f->region) {
		sb_printf(b, "move the call out of the section, or use a non-sleeping variant.\n");
	} else if (timer) {
		if (sleep_rules_has(r, SF_WQ_CB))
			sb_printf(b,
				  "do the sleeping work in a bpf_wq callback (always sleepable), "
				  "armed from the timer callback or from the program; or avoid the "
				  "sleeping call on this path.\n");
		else
			sb_printf(b,
				  "avoid the sleeping call in the timer callback (these rules have "
				  "no bpf_wq).\n");
	} else if (f->kind == SK_GLOBAL_SLEEP && via_async) {
		sb_printf(b,
			  "make %s static: it is then verified in its caller's context, where "
			  "arming the callback is allowed, and the callback keeps its own "
			  "context; the kernel's summary of a global follows the callback.\n",
			  sleep_sub_name(m, p, f->callee, nm, sizeof(nm)));
	} else if (f->kind == SK_GLOBAL_SLEEP) {
		/* the callee sleeps in its own body: static, it would sleep here all the same */
		sb_printf(b,
			  "making %s static does not help (its body would be verified in this "
			  "non-sleepable context and the sleeping call refused there); ",
			  sleep_sub_name(m, p, f->callee, nm, sizeof(nm)));
		move_sleeping_work(m, p, r, b);
	} else if (f->kind == SK_GLOBAL_LOCK || f->kind == SK_GLOBAL_PREEMPT ||
		   f->kind == SK_GLOBAL_IRQ) {
		sb_printf(b, "make the function static (verified per call site, in the caller's "
			     "context), or keep the sleeping part out of it.\n");
	} else if (f->kind == SK_HELPER_UNAVAILABLE) {
		sb_printf(b, "use a program type that has the helper on this kernel, or a newer "
			     "kernel.\n");
	} else if (f->kind == SK_KFUNC_NOT_ALLOWED) {
		const struct kfunc_set *ks = kfunc_set_lookup(f->call);
		char types[256];

		kfunc_set_types(ks, types, sizeof(types));
		if (ks)
			sb_printf(b,
				  "call %s from a program of a type that has its set (%s); "
				  "loading this one sleepable or moving the call into a callback "
				  "does not help (a callback is verified as part of this program, "
				  "of this type).\n",
				  f->call, types);
		else
			sb_printf(b, "call it from a program type whose kfunc sets hold it.\n");
	} else if (f->root == UNIT_GLOBAL && p->sleepable == 0 &&
		   callers_sleepable(p, f->root_subprog)) {
		/* validated alone with the program's flag; every caller is sleepable */
		sb_printf(b,
			  "make %s static: it is then verified in each caller's context, and "
			  "every caller runs sleepable (it is already called from a sleepable "
			  "callback; moving the call elsewhere is not needed).\n",
			  sleep_sub_name(m, p, f->root_subprog, nm, sizeof(nm)));
	} else {
		move_sleeping_work(m, p, r, b);
	}
}

static void explain_finding(const struct model *m, const struct program *p,
			    const struct sleep_rules *r, const struct sleep_finding *f,
			    struct sbuf *b)
{
	char chain[1024], src[128], nm[128], rules[200];

	sleep_finding_chain(m, p, r, f, chain, sizeof(chain));
	sb_printf(b, "chain: %s\n\n", chain);
	if (p->sleepable == 1)
		sb_printf(b, "%s is a sleepable program%s%s%s.\n",
			  p->name ? strtab_get(&m->str, p->name) : "The program",
			  p->section ? ": SEC(\"" : "",
			  p->section ? strtab_get(&m->str, p->section) : "",
			  p->section ? "\") loads with BPF_F_SLEEPABLE" : "");
	else if (p->sleepable == 0)
		sb_printf(b, "%s is not a sleepable program%s%s%s.\n",
			  p->name ? strtab_get(&m->str, p->name) : "The program",
			  p->section ? ": SEC(\"" : "",
			  p->section ? strtab_get(&m->str, p->section) : "",
			  p->section ? "\") loads without BPF_F_SLEEPABLE" : "");
	for (uint32_t k = 0; k < f->nhops; k++) {
		const struct sleep_hop *h = &f->hops[k];

		if (h->kind != EDGE_ASYNC_CALLBACK)
			continue;
		src_of(m, p, h->insn, src, sizeof(src));
		sb_printf(b, "At insn %u%s%s%s it registers %s with %s.\n", h->insn,
			  src[0] ? " (" : "", src, src[0] ? ")" : "",
			  sleep_sub_name(m, p, h->to, nm, sizeof(nm)), h->via ? h->via : "?");
		if (sleep_cb_lookup(h->via) &&
		    sleep_cb_lookup(h->via)->async == SLEEP_ASYNC_TIMER &&
		    first_era(SF_TIMER_CB, 2)) {
			const struct sleep_era *fix = first_era(SF_TIMER_CB, 2);
			char v1[16], v2[16], v3[16];

			/* "Linux 6.18.y with commit X, and 6.19+; up to 6.17": from the table */
			sb_printf(
				b,
				"bpf_timer callbacks run in softirq context: the verifier explores "
				"them with in_sleepable = %s (Linux %s%s with commit %s, "
				"and %s+: never sleepable; up to %s a sleepable program's "
				"timer callback was treated as sleepable and such a program "
				"loaded).\n",
				h->sleepable ? "true under these rules" :
					       "false, whatever the program's flag",
				kv_text(fix->since, 0, v1, sizeof(v1)), fix->patch ? ".y" : "",
				fix->commit ? fix->commit : "?",
				kv_text(fix->since + (fix->patch ? 1 : 0), 0, v2, sizeof(v2)),
				kv_text(fix->since, 1, v3, sizeof(v3)));
		} else
			sb_printf(b,
				  "%s callbacks run from process context: always sleepable, "
				  "whatever the program's flag.\n",
				  h->via && strstr(h->via, "task_work") ? "task_work" : "bpf_wq");
	}
	if (f->root == UNIT_GLOBAL && !f->nhops)
		sb_printf(b,
			  "%s is a global function: it is verified once, on its own, with the "
			  "program's flag (%s), whoever calls it.\n",
			  sleep_sub_name(m, p, f->root_subprog, nm, sizeof(nm)),
			  p->sleepable == 1 ? "sleepable" : "non-sleepable");
	if (f->region_insn != IDX_NONE) {
		src_of(m, p, f->region_insn, src, sizeof(src));
		sleep_region_text(f->region, nm, sizeof(nm));
		sb_printf(b,
			  "At insn %u%s%s%s a section starts (%s); sleeping is forbidden until it "
			  "ends.\n",
			  f->region_insn, src[0] ? " (" : "", src, src[0] ? ")" : "", nm);
	}
	src_of(m, p, f->insn, src, sizeof(src));
	if (f->callee != IDX_NONE) {
		char w[512];
		struct sbuf wb = { w, sizeof(w), 0 };

		bool async = false;

		witness(m, p, r, f->callee, &wb, &async);
		sb_printf(b, "At insn %u%s%s%s %s calls %s(), a global function that %s.\n",
			  f->insn, src[0] ? " (" : "", src, src[0] ? ")" : "",
			  sleep_sub_name(m, p, f->subprog, chain, sizeof(chain)),
			  sleep_sub_name(m, p, f->callee, nm, sizeof(nm)), w);
		if (async)
			sb_printf(
				b,
				"Nothing sleeps in %s's own context: the sleeping call is in an "
				"async callback it arms, which runs later in its own context. The "
				"verifier's might_sleep summary of a global follows every "
				"reference to a subprog, async callbacks too, so the call is "
				"refused all the same.\n",
				nm);
	} else if (f->kind == SK_EXIT_REGION && f->insn != IDX_NONE) {
		sleep_region_text(f->region, nm, sizeof(nm));
		sb_printf(b,
			  "At insn %u%s%s%s %s reaches exit (the end of its verification, frame "
			  "0) with the section still open (%s): every path must close what it "
			  "opened before exit.\n",
			  f->insn, src[0] ? " (" : "", src, src[0] ? ")" : "",
			  sleep_sub_name(m, p, f->subprog, chain, sizeof(chain)), nm);
	} else if (f->insn != IDX_NONE) {
		sb_printf(b, "At insn %u%s%s%s %s calls %s.\n", f->insn, src[0] ? " (" : "", src,
			  src[0] ? ")" : "", sleep_sub_name(m, p, f->subprog, nm, sizeof(nm)),
			  f->call ? f->call : "?");
	}
	rule_sentence(r, f, b);
	sleep_rules_describe(r, rules, sizeof(rules));
	sb_printf(b, "Rules: %s.\n", rules);
	ways_out(m, p, r, f, b);
}

/* the rejection class of the program's error: by the kernel's words, or what record noted */
const struct reject_class *sleep_reject_class(const struct model *m, const struct program *p)
{
	const struct reject_class *rc;
	char *err;

	if (p->not_verified)
		return reject_class_by_id(p->not_verified == NOT_VERIFIED_KERNEL ?
						  "not_verified_kernel" :
						  "not_verified_libbpf");
	err = program_error_text(m, p);
	rc = reject_class_lookup(err);
	free(err);
	return rc;
}

static void class_block(const struct reject_class *rc, const char *err, struct sbuf *b)
{
	char here[256];

	if (!rc)
		return;
	reject_class_here(rc, err, here, sizeof(here));
	sb_printf(b, "\nrejection class: %s\n  rule: %s\n", rc->title, rc->rule);
	if (here[0])
		sb_printf(b, "  here: %s\n", here);
	sb_printf(b, "  usual fixes: %s\n", rc->fixes);
}

static void explain_other_error(const struct model *m, const struct program *p, uint32_t step,
				const char *err, struct sbuf *b)
{
	uint32_t chain[64], n = program_path_chain(p, step, chain, 64);
	const char *r;

	sb_printf(b, "Not a sleepable-context error.\n");
	class_block(sleep_reject_class(m, p), err, b);
	sb_printf(b, "\npath of branches:\n");
	while (n--) {
		const struct path *pa = &p->paths.v[chain[n]];

		if (pa->from_insn == IDX_NONE)
			sb_printf(b, "  start at insn %u\n", pa->to_insn);
		else
			sb_printf(b, "  from %u to %u%s%s\n", pa->from_insn, pa->to_insn,
				  pa->flags & PATH_ASYNC_CB ? " (async callback)" : "",
				  pa->flags & PATH_CB ? " (callback)" : "");
	}
	/* the register the message names: "R0 invalid mem access", "R2 type=ctx ..." */
	for (r = err; r && *r; r++) {
		if (r[0] == 'R' && r[1] >= '0' && r[1] <= '9' && (r == err || r[-1] == ' ')) {
			int reg = r[1] - '0';
			struct vstate vs;

			if (r[2] >= '0' && r[2] <= '9')
				reg = reg * 10 + r[2] - '0';
			if (reg < STATE_NREGS && !state_before(m, p, step, &vs)) {
				const struct frame_state *fs = &vs.frames[vs.curframe];
				char val[256];

				state_format_value(m, &fs->regs[reg], val, sizeof(val));
				sb_printf(b, "\nthe register: R%d = %s before insn %u (frame %u)\n",
					  reg,
					  fs->regs[reg].kind == REG_NOT_INIT ? "not initialised" :
									       val,
					  step_insn(p, step), vs.curframe);
			}
			break;
		}
	}
}

static void diag_block(const struct model *m, const struct program *p, struct sbuf *b)
{
	const struct diagnostic *d = &program_cold(p)->diag;

	if (!program_cold(p)->has_diag)
		return;
	sb_printf(b, "\nkernel diagnostic (7.3): %s%s%s\n", strtab_get(&m->str, d->category),
		  d->category ? ": " : "", strtab_get(&m->str, d->title));
	if (d->reason)
		sb_printf(b, "  reason: %s\n", strtab_get(&m->str, d->reason));
	if (d->at)
		sb_printf(b, "  at: %s\n", strtab_get(&m->str, d->at));
	for (uint32_t i = 0; i < d->causal_path.n; i++)
		sb_printf(b, "  causal path: %s\n", strtab_get(&m->str, d->causal_path.v[i]));
	if (d->suggestion)
		sb_printf(b, "  suggestion: %s\n", strtab_get(&m->str, d->suggestion));
}

int sleep_explain_step(const struct model *m, const struct program *p, uint32_t step, char *buf,
		       size_t n)
{
	struct sbuf b = { buf, n, 0 };
	struct sleep_rules r;
	int sl;
	uint8_t region;
	uint32_t ev;
	char rg[96];

	if (n)
		buf[0] = '\0';
	if (step >= p->steps.n && !(step == IDX_NONE && p->error_step == IDX_NONE && p->error.n))
		return -EINVAL;
	sleep_program_rules(m, p, &r);
	if (step == p->error_step || step == IDX_NONE) {
		struct sleep_finding own;
		const struct sleep_finding *f = sleep_program_finding(p, false);
		char *err = program_error_text(m, p);

		/* a model the analysis never ran on (built by hand): compute it here */
		if (!f && !p->sleep_rules && sleep_error_finding(m, p, &own))
			f = &own;
		sb_printf(&b, "Why is %s refused?\n\nerror: %s\n",
			  step == IDX_NONE ? "the program" : "this instruction", err ? err : "?");
		if (f) {
			sb_printf(&b, "kind: %s\n", sleep_kind_name(f->kind));
			explain_finding(m, p, &r, f, &b);
		} else if (step != IDX_NONE) {
			explain_other_error(m, p, step, err, &b);
		} else if (p->not_verified) {
			sb_printf(&b, "Not verified: the verifier never saw the program.\n");
			class_block(sleep_reject_class(m, p), err, &b);
		}
		free(err);
		diag_block(m, p, &b);
		return (int)b.len;
	}
	if (sleep_context_at(m, p, step, &sl, &region, &ev)) {
		/* no analysis stored for this program (a model built by hand): unknown */
		sl = -1;
		region = 0;
		ev = IDX_NONE;
	}
	sleep_region_text(region, rg, sizeof(rg));
	sb_printf(&b, "step %u, insn %u: context %s%s%s%s\n", step + 1, step_insn(p, step),
		  sl == 1 && !region ? "SLEEPABLE" :
		  sl < 0	     ? "UNKNOWN" :
				       "NON-SLEEPABLE",
		  region ? " (" : "", rg, region ? ")" : "");
	if (sl == 1 && region)
		sb_printf(&b,
			  "  in_sleepable is set, but an atomic section forbids sleeping here\n");
	if (ev != IDX_NONE) {
		const struct sleep_event *e = &program_cold(p)->sleep_events.v[ev];

		sb_printf(&b, "  %s at step %u (insn %u): %s\n",
			  e->event == SEV_SET ? "set" : "lost", e->step + 1, e->insn,
			  strtab_get(&m->str, e->reason));
	} else {
		sb_printf(&b, "  from the start of this unit: the program's flag (%s)\n",
			  p->sleepable == 1 ? "sleepable" :
			  p->sleepable == 0 ? "non-sleepable" :
					      "unknown");
	}
	return (int)b.len;
}

void sleep_report(FILE *out, const struct model *m, const struct program *p)
{
	uint32_t pi = p->idx, i;
	struct sleep_rules r;
	char buf[8192];
	const struct sleep_finding *f;
	uint32_t npred;
	int nf;

	sleep_program_rules(m, p, &r);
	sleep_rules_describe(&r, buf, sizeof(buf));
	fprintf(out, "sleepable rules: %s\n", buf);
	if (program_cold(p)->sleep_events.n) {
		fprintf(out, "sleep events%s:\n",
			p->steps.n ? "" : " (predicted from the object alone)");
		for (i = 0; i < program_cold(p)->sleep_events.n && i < 200; i++) {
			const struct sleep_event *e = &program_cold(p)->sleep_events.v[i];
			static const char *const kinds[] = { "set", "lost", "VIOLATION" };
			char nm[128];

			if (e->step != IDX_NONE)
				fprintf(out, "  step %u ", e->step + 1);
			else
				fprintf(out, "  ");
			if (e->insn != IDX_NONE)
				fprintf(out, "insn %u in %s: ", e->insn,
					sleep_sub_name(m, p, e->subprog, nm, sizeof(nm)));
			fprintf(out, "%s: %s\n", kinds[e->event % 3],
				strtab_get(&m->str, e->reason));
		}
		if (program_cold(p)->sleep_events.n > 200)
			fprintf(out, "  ... %u more\n", program_cold(p)->sleep_events.n - 200);
	}
	f = sleep_predictions(p, &npred);
	nf = bpfobj_joined(m, pi) ? (int)npred : -1;
	if (nf >= 0) {
		fprintf(out, "predicted from the object (Linux %s rules): %s\n", r.name,
			nf ? "" : "no refusal");
		for (i = 0; i < (uint32_t)nf && i < 32; i++) {
			char msg[512];

			sleep_finding_message(m, p, &r, &f[i], msg, sizeof(msg));
			/* in the verifier's order: it stops at the first, the rest wait their turn */
			fprintf(out, "  %s%s at %s%u: %s%s\n", i ? "also, if fixed: " : "",
				sleep_kind_is_sleep(f[i].kind) ? "refusal" :
								 "refusal (not a sleep rule)",
				f[i].insn == IDX_NONE ? "load, insn " : "insn ",
				f[i].insn == IDX_NONE ? 0 : f[i].insn, msg,
				!i && nf > 1 ? " (the verifier stops here)" : "");
			sleep_finding_chain(m, p, &r, &f[i], buf, sizeof(buf));
			fprintf(out, "    %s\n", buf);
		}
	}
	if (p->error.n) {
		int len = sleep_explain_step(m, p, p->error_step, buf, sizeof(buf));

		if (len > 0) {
			fprintf(out, "explanation:\n");
			for (char *s = buf, *e; *s; s = e + 1) {
				e = strchr(s, '\n');
				if (!e) {
					fprintf(out, "  %s\n", s);
					break;
				}
				fprintf(out, "  %.*s\n", (int)(e - s), s);
			}
		}
	}
}
