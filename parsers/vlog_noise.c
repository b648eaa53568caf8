// SPDX-License-Identifier: MIT
/*
 * vlog_noise.c — what log collectors and mail clients add around verifier
 * log lines: a timestamp or syslog prefix per line (ISO 8601, dmesg's
 * "[  123.456] ", "Jan  2 03:04:05 host tag[pid]: "), a logfmt or JSON
 * record with the line in its msg field, and a common indentation (a log
 * pasted into a mail or a bug report).
 *
 * The style is chosen once, from the first lines, and applied to every
 * line that has it, so a verifier line is never cut by a guess made for
 * it alone. When there is something to strip, the cleaned text goes into
 * one new buffer (never longer than the log) that replaces m->log.buf;
 * every offset of the model then refers to the cleaned text. A clean log
 * is not copied. Never prints; says what it did with model_warn().
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/vlog_line.h"
#include "src/model/model.h"

#define SAMPLE_LINES 400 /* lines looked at to choose the style */
#define SAMPLE_MIN 2	 /* lines that must show a style to choose it */
#define INDENT_MIN 1	 /* indented anchor lines that show a pasted log */

enum noise_style {
	NS_NONE = 0,
	NS_ISO,	   /* 2024-01-02T03:04:05.123Z [host tag[pid]: ] */
	NS_DMESG,  /* [  123.456789] */
	NS_SYSLOG, /* Jan  2 03:04:05 host tag[pid]: */
	NS_LOGFMT, /* ... msg="..." ... */
	NS_JSON,   /* {"...":..., "msg":"..."} */
	NS__COUNT,
};

static const char *const style_names[NS__COUNT] = {
	[NS_NONE] = "none",
	[NS_ISO] = "ISO 8601 timestamps",
	[NS_DMESG] = "dmesg timestamps",
	[NS_SYSLOG] = "syslog prefixes",
	[NS_LOGFMT] = "logfmt records (msg=\"...\")",
	[NS_JSON] = "JSON records (\"msg\":\"...\")",
};

static bool isdig(char c)
{
	return c >= '0' && c <= '9';
}

static bool isalpha_(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* n digits at s[i] */
static bool digits(const char *s, size_t len, size_t i, size_t n)
{
	size_t k;

	if (i + n > len)
		return false;
	for (k = 0; k < n; k++)
		if (!isdig(s[i + k]))
			return false;
	return true;
}

/* "HH:MM:SS" at s[i], optional ".frac" or ",frac"; returns the end or 0 */
static size_t hms(const char *s, size_t len, size_t i)
{
	if (!digits(s, len, i, 2) || i + 8 > len || s[i + 2] != ':' || !digits(s, len, i + 3, 2) ||
	    s[i + 5] != ':' || !digits(s, len, i + 6, 2))
		return 0;
	i += 8;
	if (i + 1 < len && (s[i] == '.' || s[i] == ',') && isdig(s[i + 1])) {
		i++;
		while (i < len && isdig(s[i]))
			i++;
	}
	return i;
}

/*
 * "host tag: " or "host tag[pid]: " at s[i], as syslog and journald print
 * them. With strict, the tag needs a [pid] or must be "kernel" (after an
 * ISO stamp this is the only hint that the words are not log text).
 */
static size_t host_tag(const char *s, size_t len, size_t i, bool strict)
{
	size_t h = i, t, e;
	bool pid = false;

	while (h < len && s[h] != ' ' && s[h] != ':' && s[h] != '\t')
		h++;
	if (h == i || h >= len || s[h] != ' ')
		return 0;
	t = h + 1;
	if (t >= len || !isalpha_(s[t]))
		return 0;
	e = t;
	while (e < len && s[e] != ' ' && s[e] != ':' && s[e] != '[')
		e++;
	if (e < len && s[e] == '[') {
		size_t d = e + 1;

		while (d < len && isdig(s[d]))
			d++;
		if (d == e + 1 || d >= len || s[d] != ']')
			return 0;
		pid = true;
		e = d + 1;
	}
	if (e + 1 >= len || s[e] != ':' || s[e + 1] != ' ')
		return 0;
	if (strict && !pid && !(e - t == 6 && !memcmp(s + t, "kernel", 6)))
		return 0;
	return e + 2;
}

/* ISO 8601 date-time + one space (+ journald's host and tag); 0 when absent */
static size_t iso_prefix(const char *s, size_t len)
{
	size_t i, j;

	if (!digits(s, len, 0, 4) || len < 20 || s[4] != '-' || !digits(s, len, 5, 2) ||
	    s[7] != '-' || !digits(s, len, 8, 2) || (s[10] != 'T' && s[10] != ' '))
		return 0;
	i = hms(s, len, 11);
	if (!i)
		return 0;
	if (i < len && s[i] == 'Z') {
		i++;
	} else if (i < len && (s[i] == '+' || s[i] == '-') && digits(s, len, i + 1, 2)) {
		i += 3;
		if (i < len && s[i] == ':')
			i++;
		if (digits(s, len, i, 2))
			i += 2;
	}
	if (i >= len || (s[i] != ' ' && s[i] != '\t'))
		return 0;
	i++;
	j = host_tag(s, len, i, true);
	return j ? j : i;
}

/* "[  123.456789] " */
static size_t dmesg_prefix(const char *s, size_t len)
{
	size_t i = 1;

	if (len < 4 || s[0] != '[')
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	if (i >= len || !isdig(s[i]))
		return 0;
	while (i < len && isdig(s[i]))
		i++;
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && isdig(s[i]))
			i++;
	}
	if (i + 1 >= len || s[i] != ']' || s[i + 1] != ' ')
		return 0;
	return i + 2;
}

/* "Jan  2 03:04:05 host tag[pid]: " */
static size_t syslog_prefix(const char *s, size_t len)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	size_t i, k;

	if (len < 16 || s[3] != ' ')
		return 0;
	for (k = 0; k < 12; k++)
		if (!memcmp(s, months + 3 * k, 3))
			break;
	if (k == 12)
		return 0;
	i = 4;
	if (s[i] == ' ')
		i++;
	if (!isdig(s[i]))
		return 0;
	while (i < len && isdig(s[i]))
		i++;
	if (i >= len || s[i] != ' ')
		return 0;
	i = hms(s, len, i + 1);
	if (!i || i >= len || s[i] != ' ')
		return 0;
	k = host_tag(s, len, i + 1, false);
	return k ? k : i + 1;
}

/*
 * The value of the msg field of a logfmt (key=value, msg="...") or JSON
 * ("msg":"...") record: its first byte in *start, its end (the closing
 * quote) returned; 0 when the line has none.
 */
static size_t msg_field(const char *s, size_t len, bool json, size_t *start)
{
	static const char *const lf_keys[] = { "msg=\"", "message=\"" };
	static const char *const js_keys[] = { "\"msg\":\"", "\"message\":\"", "\"msg\": \"",
					       "\"message\": \"" };
	const char *const *keys = json ? js_keys : lf_keys;
	size_t nkeys = json ? 4 : 2, k, i;

	if (json && (!len || s[0] != '{'))
		return 0;
	for (k = 0; k < nkeys; k++) {
		size_t kl = strlen(keys[k]);
		const char *p = memmem(s, len, keys[k], kl);

		/* logfmt: the key starts the line or follows a space */
		while (p && !json && p != s && p[-1] != ' ')
			p = memmem(p + 1, len - (size_t)(p + 1 - s), keys[k], kl);
		if (!p)
			continue;
		i = (size_t)(p - s) + kl;
		*start = i;
		while (i < len && s[i] != '"') {
			if (s[i] == '\\' && i + 1 < len)
				i++;
			i++;
		}
		return i < len ? i : 0;
	}
	return 0;
}

static size_t style_prefix(enum noise_style st, const char *s, size_t len)
{
	switch (st) {
	case NS_ISO:
		return iso_prefix(s, len);
	case NS_DMESG:
		return dmesg_prefix(s, len);
	case NS_SYSLOG:
		return syslog_prefix(s, len);
	default:
		return 0;
	}
}

/* append the unescaped value s[0, n) of a quoted field */
static size_t unescape(char *out, const char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\\' && i + 1 < n) {
			c = s[++i];
			if (c == 'n')
				c = '\n';
			else if (c == 't')
				c = '\t';
			else if (c == 'r' && i + 2 < n && s[i + 1] == '\\' && s[i + 2] == 'n')
				continue; /* "\r\n": the line end is '\n' alone */
			else if (c == 'r')
				c = '\r';
			else if (c == 'u' && i + 4 < n && !memcmp(s + i + 1, "0000", 4)) {
				i += 4; /* "\u0000": a NUL, dropped */
				continue;
			}
			/* \" \\ \/ and anything else: the character itself */
		}
		out[o++] = c;
	}
	return o;
}

/*
 * does s[i] go on with a line that only a verifier log has and that never
 * starts with a blank: an insn, "N: STATE", "from X to Y", "func#N @M",
 * "Live regs before insn:", "processed N insns", ...?
 */
static bool anchor_at(const char *s, size_t len, size_t i)
{
	struct vlog_line l;

	if (len - i > UINT32_MAX)
		return false;
	vlog_classify(s + i, 0, (uint32_t)(len - i), false, false, &l);
	switch (l.kind) {
	case LINE_INSN:
	case LINE_POP:
	case LINE_FUNC_START:
	case LINE_LIVE_REGS:
	case LINE_GLOBAL:
	case LINE_STATS:
	case LINE_PRE:
		return true;
	case LINE_STATE:
		return l.insn != IDX_NONE;
	default:
		return false;
	}
}

/* leading blanks (or mail quotes) of an anchor line; 0 when none or no anchor */
static size_t anchor_indent(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
		i++;
	return i && i < len && anchor_at(s, len, i) ? i : 0;
}

struct noise_scan {
	enum noise_style style;
	const char *indent; /* common indentation of insn lines, NULL when none */
	size_t indent_len;
};

static void scan(const char *buf, size_t len, struct noise_scan *ns)
{
	uint32_t hits[NS__COUNT] = { 0 }, lines = 0, insns = 0;
	size_t off = 0, best = NS_NONE, k;

	memset(ns, 0, sizeof(*ns));
	while (off < len && lines < SAMPLE_LINES) {
		const char *s = buf + off, *nl = memchr(s, '\n', len - off);
		size_t n = nl ? (size_t)(nl - s) : len - off, st;

		off += n + 1;
		if (!n)
			continue;
		lines++;
		for (k = NS_ISO; k <= NS_SYSLOG; k++)
			if (style_prefix(k, s, n))
				hits[k]++;
		if (msg_field(s, n, false, &st))
			hits[NS_LOGFMT]++;
		if (msg_field(s, n, true, &st))
			hits[NS_JSON]++;
	}
	for (k = NS_ISO; k < NS__COUNT; k++)
		if (hits[k] >= SAMPLE_MIN && hits[k] * 2 >= lines && hits[k] > hits[best])
			best = k;
	if (lines && lines < SAMPLE_MIN &&
	    hits[NS_ISO] + hits[NS_DMESG] + hits[NS_SYSLOG] + hits[NS_LOGFMT] + hits[NS_JSON] ==
		    lines) {
		for (k = NS_ISO; k < NS__COUNT; k++)
			if (hits[k] == lines)
				best = k;
	}
	ns->style = (enum noise_style)best;
	if (best != NS_NONE)
		return;
	/*
	 * a pasted log: every insn line indented, none at column 0 (7.1+ indents
	 * the insns of its analysis block: the common part is the paste's)
	 */
	off = 0;
	lines = 0;
	while (off < len && lines < SAMPLE_LINES * 4) {
		const char *s = buf + off, *nl = memchr(s, '\n', len - off);
		size_t n = nl ? (size_t)(nl - s) : len - off, ind;

		off += n + 1;
		lines++;
		ind = anchor_indent(s, n);
		if (ind) {
			insns++;
			if (!ns->indent) {
				ns->indent = s;
				ns->indent_len = ind;
			}
			for (k = 0; k < ns->indent_len && k < ind && s[k] == ns->indent[k]; k++)
				;
			ns->indent_len = k;
		} else if (n && anchor_at(s, n, 0)) {
			ns->indent = NULL;
			return;
		}
	}
	if (!ns->indent_len || insns < INDENT_MIN)
		ns->indent = NULL;
}

/* the common indentation a line starts with, or 0 */
static size_t indent_prefix(const struct noise_scan *ns, const char *s, size_t n)
{
	size_t k = ns->indent_len;

	if (!ns->indent)
		return 0;
	if (n >= k && !memcmp(s, ns->indent, k))
		return k;
	/* quoted mail: "> " lines that lost their trailing blank */
	if (n < k && !memcmp(s, ns->indent, n))
		return n;
	return 0;
}

int vlog_denoise(struct model *m)
{
	const char *buf = m->log.buf;
	size_t len = m->log.len, off = 0, o = 0;
	uint64_t stripped = 0;
	struct noise_scan ns;
	char *out;

	if (!len)
		return 0;
	scan(buf, len, &ns);
	if (ns.style == NS_NONE && !ns.indent)
		return 0;
	out = malloc(len + 1);
	if (!out)
		return -ENOMEM;
	while (off < len) {
		const char *s = buf + off, *nl = memchr(s, '\n', len - off);
		size_t n = nl ? (size_t)(nl - s) : len - off, skip = 0, start, end;

		off += n + (nl ? 1 : 0);
		if (n && s[n - 1] == '\r')
			n--;
		if (ns.style == NS_LOGFMT || ns.style == NS_JSON) {
			end = msg_field(s, n, ns.style == NS_JSON, &start);
			if (end) {
				o += unescape(out + o, s + start, end - start);
				stripped++;
				goto eol;
			}
		} else if (ns.style != NS_NONE) {
			skip = style_prefix(ns.style, s, n);
		} else {
			skip = indent_prefix(&ns, s, n);
		}
		if (skip)
			stripped++;
		memcpy(out + o, s + skip, n - skip);
		o += n - skip;
	eol:
		if (nl)
			out[o++] = '\n';
	}
	if (!stripped) {
		free(out);
		return 0;
	}
	model_warn(m, "%s: %llu lines carried %s; read without them",
		   m->log.name ? strtab_get(&m->str, m->log.name) : "the log",
		   (unsigned long long)stripped,
		   ns.style != NS_NONE ? style_names[ns.style] : "a common indentation");
	free(m->log.heap);
	m->log.heap = out;
	m->log.buf = out;
	m->log.len = o;
	return 0;
}

int vlog_denul(struct model *m)
{
	const char *buf = m->log.buf, *end = buf + m->log.len, *p, *q;
	size_t at = 0, inner = 0;
	char *c = malloc(m->log.len + 1);

	if (!c)
		return -ENOMEM;
	for (p = buf; p < end;) {
		const char *z = memchr(p, '\0', (size_t)(end - p));
		size_t k = z ? (size_t)(z - p) : (size_t)(end - p);

		memcpy(c + at, p, k);
		at += k;
		if (!z)
			break;
		for (q = z; q < end && !*q; q++)
			;
		/* padding ends a line or lies between two; a run with text on both sides is a loss */
		if (q < end && at && c[at - 1] != '\n' && *q != '\n' && *q != '\r')
			inner += (size_t)(q - z);
		p = q;
	}
	c[at] = '\0';
	free(m->log.heap);
	m->log.heap = c;
	m->log.buf = c;
	m->log.len = at;
	if (inner)
		model_warn(m, "%s: %zu NUL byte%s inside lines ignored",
			   m->log.name ? strtab_get(&m->str, m->log.name) : "log", inner,
			   inner == 1 ? "" : "s");
	return 0;
}
