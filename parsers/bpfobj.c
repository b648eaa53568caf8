// SPDX-License-Identifier: MIT
/*
 * bpfobj.c — a BPF ELF object to struct bpfobj: programs and their
 * sections, the instruction image libbpf 1.x builds for each program
 * (subprograms appended depth-first in order of first reference), names,
 * linkage and prototypes of subprograms, call and callback edges, and
 * .BTF.ext line info. libelf reads the ELF; libbpf parses .BTF and prints
 * prototypes; .BTF.ext is read here. The join with the log is in
 * bpfobj_join.c. Nothing here prints: libbpf's output is silenced while we
 * call it. Every size and offset from the file is checked before use.
 */
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/bpfdis.h"
#include "parsers/bpfobj.h"
#include "parsers/bpfobj_priv.h"
#include "src/model/model.h"
#include "src/model/vec.h"
#include "src/rules/sleep_table.h"

#ifndef EM_BPF
#define EM_BPF 247
#endif
#define BO_MAX_FUNCS 65536
#define BO_MAX_IMAGE (1u << 20)

struct bo_rel {
	uint32_t insn; /* in the section */
	uint32_t sym;
};

struct bo_sec {
	uint32_t shndx;
	const char *name; /* in the ELF copy */
	const struct bpf_insn *insns;
	uint32_t ninsns;
	VEC(struct bo_rel) rels; /* sorted by insn */
};

struct bo_func {
	uint32_t sec;  /* index in ctx->secs */
	uint32_t off;  /* first insn in the section */
	uint32_t size; /* insns */
	const char *name;
	bool global, hidden;
	uint32_t btf_id;
	uint32_t at; /* start in the image being built, BPFOBJ_NONE when not appended */
};

struct bo_sym {
	const char *name;
	uint32_t shndx;
	uint64_t value;
	uint8_t type, bind, vis;
};

struct bo_ext_rec {
	uint32_t sec_name_off;
	uint32_t insn;	  /* in the section */
	uint32_t a, b, c; /* func: type_id; line: file, line, line_col */
	uint32_t seq;	  /* its place in .BTF.ext (a stable order for the index) */
};

/* a run of records of one section, sorted by insn; the runs sorted by name */
struct bo_ext_grp {
	const char *name;
	uint32_t first, n;
};

struct bo_ctx {
	struct model *m;
	struct bpfobj *obj;
	const char *name;
	char *err;
	size_t errlen;
	Elf *elf;
	char *image; /* our copy of the file */
	size_t len;
	size_t shstrndx;
	uint32_t text_shndx, maps_shndx, legacy_maps_shndx;
	VEC(struct bo_sec) secs;
	VEC(struct bo_sym) syms;
	VEC(struct bo_func) funcs;
	struct btf *btf;
	VEC(struct bo_ext_rec) ext[3]; /* [0] func_info, [1] line_info, [2] core_relo */
	VEC(struct bo_ext_grp) grp[3]; /* the index of each ext[], built on first use */
	bool grp_built[3];
	/* the image being built */
	VEC(struct bpf_insn) insns;
	VEC(struct bpfobj_insn_info) info;
	VEC(struct bpfobj_subprog) subs;
	VEC(uint32_t) sub_func; /* func index per subprog */
	uint32_t depth;
};

/* ---- strings owned by the object ---- */

const char *bpfobj_priv_str(struct bpfobj *obj, const char *s, size_t n)
{
	struct bpfobj_priv *pv = obj->priv;
	char *c, **slot;

	c = malloc(n + 1);
	if (!c)
		return NULL;
	memcpy(c, s, n);
	c[n] = '\0';
	slot = vec_push(&pv->strs);
	if (!slot) {
		free(c);
		return NULL;
	}
	*slot = c;
	return c;
}

static const char *bo_strdup(struct bo_ctx *c, const char *s)
{
	return bpfobj_priv_str(c->obj, s, strlen(s));
}

static int bo_fail(struct bo_ctx *c, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int bo_fail(struct bo_ctx *c, int rc, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->errlen)
		snprintf(c->err, c->errlen, "%s: %s", c->name, msg);
	return rc;
}

static int bo_silent(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

/* ---- sections and callbacks: the facts are in src/rules/sleep_table.c ---- */

bool bpfobj_section_info(const char *sec, uint32_t *prog_type, uint32_t *attach_type,
			 bool *sleepable)
{
	const struct sleep_section *d;
	enum bpf_prog_type pt = BPF_PROG_TYPE_UNSPEC;
	enum bpf_attach_type at = 0;
	libbpf_print_fn_t old;
	int rc;

	if (sec[0] == '?')
		sec++;
	d = sleep_section_lookup(sec);
	old = libbpf_set_print(bo_silent);
	rc = libbpf_prog_type_by_name(sec, &pt, &at);
	libbpf_set_print(old);
	*sleepable = d && d->sleepable;
	if (rc) {
		*prog_type = d ? d->prog_type : 0;
		*attach_type = d ? d->attach_type : 0;
		return d != NULL;
	}
	*prog_type = pt;
	*attach_type = at;
	return true;
}

const char *bpfobj_helper_name(int32_t id)
{
	return bpfdis_helper_name(id);
}

/* ---- ELF ---- */

static Elf_Data *bo_sec_data(struct bo_ctx *c, Elf_Scn *scn, GElf_Shdr *sh)
{
	Elf_Data *d;

	if (sh->sh_type == SHT_NOBITS)
		return NULL;
	if (sh->sh_offset > c->len || sh->sh_size > c->len - sh->sh_offset)
		return NULL;
	d = elf_getdata(scn, NULL);
	if (!d || (d->d_size && !d->d_buf) || d->d_size != sh->sh_size)
		return NULL;
	return d;
}

static int bo_rel_cmp(const void *a, const void *b)
{
	const struct bo_rel *x = a, *y = b;

	return x->insn < y->insn ? -1 : x->insn > y->insn;
}

static int bo_read_symtab(struct bo_ctx *c, Elf_Scn *scn, GElf_Shdr *sh)
{
	Elf_Data *d = bo_sec_data(c, scn, sh);
	size_t i, n;

	if (!d)
		return bo_fail(c, -EINVAL, "symbol table out of the file");
	if (!sh->sh_entsize || sh->sh_entsize != sizeof(Elf64_Sym))
		return bo_fail(c, -EINVAL, "bad symbol table entry size");
	n = sh->sh_size / sh->sh_entsize;
	if (n > UINT32_MAX / 2)
		return bo_fail(c, -E2BIG, "too many symbols");
	for (i = 0; i < n; i++) {
		GElf_Sym s;
		struct bo_sym *o;
		const char *nm;

		if (!gelf_getsym(d, (int)i, &s))
			return bo_fail(c, -EINVAL, "unreadable symbol %zu", i);
		o = vec_push(&c->syms);
		if (!o)
			return bo_fail(c, -ENOMEM, "out of memory");
		nm = elf_strptr(c->elf, sh->sh_link, s.st_name);
		o->name = nm ? nm : "";
		o->shndx = s.st_shndx;
		o->value = s.st_value;
		o->type = GELF_ST_TYPE(s.st_info);
		o->bind = GELF_ST_BIND(s.st_info);
		o->vis = GELF_ST_VISIBILITY(s.st_other);
	}
	return 0;
}

static struct bo_sec *bo_sec_by_shndx(struct bo_ctx *c, uint32_t shndx)
{
	uint32_t i;

	for (i = 0; i < c->secs.n; i++)
		if (c->secs.v[i].shndx == shndx)
			return &c->secs.v[i];
	return NULL;
}

static int bo_read_sections(struct bo_ctx *c)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	int rc = 0;

	/* pass 1: executable sections, symbols, license, BTF */
	while ((scn = elf_nextscn(c->elf, scn))) {
		const char *nm;
		Elf_Data *d;
		struct bo_sec *s;

		if (!gelf_getshdr(scn, &sh))
			return bo_fail(c, -EINVAL, "unreadable section header");
		nm = elf_strptr(c->elf, c->shstrndx, sh.sh_name);
		if (!nm)
			return bo_fail(c, -EINVAL, "section name out of the string table");
		if (sh.sh_type == SHT_SYMTAB) {
			if (c->syms.n)
				return bo_fail(c, -EINVAL, "more than one symbol table");
			rc = bo_read_symtab(c, scn, &sh);
			if (rc)
				return rc;
			continue;
		}
		if (!strcmp(nm, ".maps"))
			c->maps_shndx = (uint32_t)elf_ndxscn(scn);
		else if (!strcmp(nm, "maps"))
			c->legacy_maps_shndx = (uint32_t)elf_ndxscn(scn);
		if (!strcmp(nm, "license")) {
			d = bo_sec_data(c, scn, &sh);
			if (d && d->d_size) {
				size_t n = strnlen(d->d_buf, d->d_size);

				c->obj->license = bpfobj_priv_str(c->obj, d->d_buf, n);
			}
			continue;
		}
		if (!strcmp(nm, ".BTF")) {
			libbpf_print_fn_t old;

			if (c->btf) {
				model_warn(c->m, "%s: a second .BTF section, ignored", c->name);
				continue;
			}
			d = bo_sec_data(c, scn, &sh);
			if (!d || d->d_size > UINT32_MAX) {
				model_warn(c->m, "%s: .BTF out of the file, ignored", c->name);
				continue;
			}
			old = libbpf_set_print(bo_silent);
			c->btf = btf__new(d->d_buf, (uint32_t)d->d_size);
			libbpf_set_print(old);
			if (!c->btf || libbpf_get_error(c->btf)) {
				c->btf = NULL;
				model_warn(c->m, "%s: .BTF is broken, ignored", c->name);
			}
			continue;
		}
		if (sh.sh_type != SHT_PROGBITS || !(sh.sh_flags & SHF_EXECINSTR))
			continue;
		if (sh.sh_size % sizeof(struct bpf_insn))
			return bo_fail(c, -EINVAL, "section %s: size %llu is not a multiple of 8",
				       nm, (unsigned long long)sh.sh_size);
		d = bo_sec_data(c, scn, &sh);
		if (!d && sh.sh_size)
			return bo_fail(c, -EINVAL, "section %s: out of the file", nm);
		if (sh.sh_size / sizeof(struct bpf_insn) > BO_MAX_IMAGE)
			return bo_fail(c, -E2BIG, "section %s: too many instructions", nm);
		s = vec_push(&c->secs);
		if (!s)
			return bo_fail(c, -ENOMEM, "out of memory");
		s->shndx = (uint32_t)elf_ndxscn(scn);
		s->name = nm;
		s->insns = d ? d->d_buf : NULL;
		s->ninsns = (uint32_t)(sh.sh_size / sizeof(struct bpf_insn));
		if (!strcmp(nm, ".text"))
			c->text_shndx = s->shndx;
	}
	if (!c->syms.n)
		return bo_fail(c, -EINVAL, "no symbol table");

	/* pass 2: relocations of executable sections */
	scn = NULL;
	while ((scn = elf_nextscn(c->elf, scn))) {
		struct bo_sec *s;
		Elf_Data *d;
		size_t i, n;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_REL)
			continue;
		s = bo_sec_by_shndx(c, (uint32_t)sh.sh_info);
		if (!s)
			continue;
		d = bo_sec_data(c, scn, &sh);
		if (!d || sh.sh_entsize != sizeof(Elf64_Rel))
			return bo_fail(c, -EINVAL, "relocations of %s: out of the file", s->name);
		n = sh.sh_size / sh.sh_entsize;
		for (i = 0; i < n; i++) {
			GElf_Rel r;
			struct bo_rel *o;
			uint64_t sym;

			if (!gelf_getrel(d, (int)i, &r))
				return bo_fail(c, -EINVAL, "relocations of %s: unreadable",
					       s->name);
			sym = GELF_R_SYM(r.r_info);
			if (r.r_offset % sizeof(struct bpf_insn) ||
			    r.r_offset / sizeof(struct bpf_insn) >= s->ninsns || sym >= c->syms.n)
				return bo_fail(c, -EINVAL,
					       "relocations of %s: entry %zu points outside",
					       s->name, i);
			o = vec_push(&s->rels);
			if (!o)
				return bo_fail(c, -ENOMEM, "out of memory");
			o->insn = (uint32_t)(r.r_offset / sizeof(struct bpf_insn));
			o->sym = (uint32_t)sym;
		}
		if (s->rels.n)
			qsort(s->rels.v, s->rels.n, sizeof(*s->rels.v), bo_rel_cmp);
	}
	return 0;
}

static const struct bo_rel *bo_find_rel(const struct bo_sec *s, uint32_t insn)
{
	uint32_t lo = 0, hi = s->rels.n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (s->rels.v[mid].insn < insn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->rels.n && s->rels.v[lo].insn == insn ? &s->rels.v[lo] : NULL;
}

static int bo_func_cmp(const void *a, const void *b)
{
	const struct bo_func *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* functions: STT_FUNC symbols in executable sections */
static int bo_collect_funcs(struct bo_ctx *c)
{
	uint32_t i;

	for (i = 0; i < c->syms.n; i++) {
		const struct bo_sym *y = &c->syms.v[i];
		struct bo_sec *s;
		struct bo_func *f;

		if (y->type != STT_FUNC)
			continue;
		s = bo_sec_by_shndx(c, y->shndx);
		if (!s)
			continue;
		if (y->value % sizeof(struct bpf_insn) ||
		    y->value / sizeof(struct bpf_insn) >= s->ninsns)
			return bo_fail(c, -EINVAL, "function %s: offset outside %s", y->name,
				       s->name);
		if (c->funcs.n >= BO_MAX_FUNCS)
			return bo_fail(c, -E2BIG, "too many functions");
		f = vec_push(&c->funcs);
		if (!f)
			return bo_fail(c, -ENOMEM, "out of memory");
		f->sec = (uint32_t)(s - c->secs.v);
		f->off = (uint32_t)(y->value / sizeof(struct bpf_insn));
		f->name = y->name;
		f->global = y->bind == STB_GLOBAL || y->bind == STB_WEAK;
		f->hidden = y->vis == STV_HIDDEN || y->vis == STV_INTERNAL;
		f->at = BPFOBJ_NONE;
	}
	if (c->funcs.n)
		qsort(c->funcs.v, c->funcs.n, sizeof(*c->funcs.v), bo_func_cmp);
	/* a function runs to the next one (symbol sizes are not trusted) */
	for (i = 0; i < c->funcs.n; i++) {
		struct bo_func *f = &c->funcs.v[i];
		uint32_t end = c->secs.v[f->sec].ninsns;

		if (i + 1 < c->funcs.n && c->funcs.v[i + 1].sec == f->sec)
			end = c->funcs.v[i + 1].off;
		if (end <= f->off)
			return bo_fail(c, -EINVAL, "functions %s and %s overlap", f->name,
				       c->funcs.v[i + 1].name);
		f->size = end - f->off;
	}
	return 0;
}

static int bo_func_at(struct bo_ctx *c, uint32_t shndx, uint64_t insn)
{
	uint32_t i;

	for (i = 0; i < c->funcs.n; i++) {
		const struct bo_func *f = &c->funcs.v[i];

		if (c->secs.v[f->sec].shndx == shndx && insn >= f->off && insn < f->off + f->size)
			return (int)i;
	}
	return -1;
}

/* ---- .BTF.ext ---- */

static uint32_t bo_rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* one info block (func_info or line_info): rec_size, then per section records */
static int bo_ext_block(struct bo_ctx *c, const uint8_t *p, uint32_t len, uint32_t minrec,
			unsigned which)
{
	bool line = which == 1;
	uint32_t rec, pos = 4;

	if (!len)
		return 0;
	if (len < 4)
		return -EINVAL;
	rec = bo_rd32(p);
	if (rec < minrec || rec % 4 || rec > 1024)
		return -EINVAL;
	while (pos < len) {
		uint32_t sec_off, n, k;

		if (len - pos < 8)
			return -EINVAL;
		sec_off = bo_rd32(p + pos);
		n = bo_rd32(p + pos + 4);
		pos += 8;
		if (n > (len - pos) / rec)
			return -EINVAL;
		for (k = 0; k < n; k++, pos += rec) {
			struct bo_ext_rec *r = vec_push(&c->ext[which]);

			if (!r)
				return -ENOMEM;
			r->sec_name_off = sec_off;
			r->seq = c->ext[which].n - 1;
			r->insn = bo_rd32(p + pos) / (uint32_t)sizeof(struct bpf_insn);
			r->a = bo_rd32(p + pos + 4);
			if (line) {
				r->b = bo_rd32(p + pos + 8);
				r->c = bo_rd32(p + pos + 12);
			}
		}
	}
	return 0;
}

static void bo_read_btf_ext(struct bo_ctx *c)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	const uint8_t *p = NULL;
	uint32_t len = 0, hdr, foff, flen, loff, llen;
	int rc;

	while ((scn = elf_nextscn(c->elf, scn))) {
		const char *nm;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh))
			continue;
		nm = elf_strptr(c->elf, c->shstrndx, sh.sh_name);
		if (!nm || strcmp(nm, ".BTF.ext"))
			continue;
		d = bo_sec_data(c, scn, &sh);
		if (d && d->d_size <= UINT32_MAX) {
			p = d->d_buf;
			len = (uint32_t)d->d_size;
		}
		break;
	}
	if (!scn)
		return;
	if (!p || len < 24 || p[0] != 0x9f || p[1] != 0xeb) {
		model_warn(c->m, "%s: .BTF.ext unreadable (not little-endian BTF), no line info",
			   c->name);
		return;
	}
	hdr = bo_rd32(p + 4);
	foff = bo_rd32(p + 8);
	flen = bo_rd32(p + 12);
	loff = bo_rd32(p + 16);
	llen = bo_rd32(p + 20);
	if (hdr < 24 || hdr > len || foff > len - hdr || flen > len - hdr - foff ||
	    loff > len - hdr || llen > len - hdr - loff) {
		model_warn(c->m, "%s: .BTF.ext header out of bounds, no line info", c->name);
		return;
	}
	rc = bo_ext_block(c, p + hdr + foff, flen, 8, 0);
	if (!rc)
		rc = bo_ext_block(c, p + hdr + loff, llen, 16, 1);
	/* CO-RE relocations (header of 32 bytes and more): which insns the kernel's BTF rewrites */
	if (!rc && hdr >= 32) {
		uint32_t coff = bo_rd32(p + 24), clen = bo_rd32(p + 28);

		if (coff <= len - hdr && clen <= len - hdr - coff &&
		    bo_ext_block(c, p + hdr + coff, clen, 16, 2)) {
			c->ext[2].n = 0;
			model_warn(c->m, "%s: .BTF.ext CO-RE relocations unreadable", c->name);
		}
	}
	if (rc) {
		c->ext[0].n = c->ext[1].n = c->ext[2].n = 0;
		model_warn(c->m, "%s: .BTF.ext is broken (%s), no line info", c->name,
			   strerror(-rc));
		return;
	}
	c->obj->has_btf_ext = true;
}

static int bo_rec_cmp(const void *x, const void *y)
{
	const struct bo_ext_rec *a = x, *b = y;

	if (a->insn != b->insn)
		return a->insn < b->insn ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int bo_grp_cmp(const void *x, const void *y)
{
	const struct bo_ext_grp *a = x, *b = y;
	int d = strcmp(a->name, b->name);

	return d ? d : a->first < b->first ? -1 : a->first > b->first;
}

/*
 * The index of ext[k]: each section's run sorted by insn, the runs sorted
 * by section name, so a lookup is two binary searches (objects with many
 * programs were quadratic here). 0 or -ENOMEM.
 */
static int bo_ext_index(struct bo_ctx *c, unsigned k)
{
	uint32_t i = 0;

	if (c->grp_built[k])
		return 0;
	while (i < c->ext[k].n) {
		uint32_t j = i + 1, off = c->ext[k].v[i].sec_name_off;
		const char *name = btf__str_by_offset(c->btf, off);
		struct bo_ext_grp *g;

		while (j < c->ext[k].n && c->ext[k].v[j].sec_name_off == off)
			j++;
		if (name) {
			g = vec_push(&c->grp[k]);
			if (!g)
				return -ENOMEM;
			*g = (struct bo_ext_grp){ name, i, j - i };
			qsort(c->ext[k].v + i, j - i, sizeof(c->ext[k].v[0]), bo_rec_cmp);
		}
		i = j;
	}
	if (c->grp[k].n)
		qsort(c->grp[k].v, c->grp[k].n, sizeof(c->grp[k].v[0]), bo_grp_cmp);
	c->grp_built[k] = true;
	return 0;
}

/*
 * Records of ext[k] for section sec with lo <= insn < hi, in section order,
 * then insn order: *it starts at 0; each call gives the next, NULL at the end.
 */
struct bo_ext_iter {
	uint32_t g, r; /* group, record within it; g == UINT32_MAX before the first */
};

static const struct bo_ext_rec *bo_ext_next(struct bo_ctx *c, unsigned k, const char *sec,
					    uint32_t lo, uint32_t hi, struct bo_ext_iter *it)
{
	const struct bo_ext_grp *gv = c->grp[k].v;
	uint32_t ng = c->grp[k].n;

	if (it->g == UINT32_MAX) {
		uint32_t a = 0, b = ng;

		while (a < b) { /* the first group named sec */
			uint32_t mid = a + (b - a) / 2;

			if (strcmp(gv[mid].name, sec) < 0)
				a = mid + 1;
			else
				b = mid;
		}
		it->g = a;
		it->r = UINT32_MAX;
	}
	for (; it->g < ng && !strcmp(gv[it->g].name, sec); it->g++, it->r = UINT32_MAX) {
		const struct bo_ext_rec *v = c->ext[k].v + gv[it->g].first;
		uint32_t n = gv[it->g].n;

		if (it->r == UINT32_MAX) {
			uint32_t a = 0, b = n;

			while (a < b) { /* the first record with insn >= lo */
				uint32_t mid = a + (b - a) / 2;

				if (v[mid].insn < lo)
					a = mid + 1;
				else
					b = mid;
			}
			it->r = a;
		}
		if (it->r < n && v[it->r].insn < hi)
			return &v[it->r++];
	}
	return NULL;
}

/* BTF FUNC ids of functions from func_info */
static void bo_func_btf(struct bo_ctx *c)
{
	uint32_t i;

	if (!c->btf)
		return;
	if (bo_ext_index(c, 0))
		return;
	for (i = 0; i < c->funcs.n; i++) {
		struct bo_func *f = &c->funcs.v[i];
		struct bo_ext_iter it = { UINT32_MAX, 0 };
		const struct bo_ext_rec *r =
			bo_ext_next(c, 0, c->secs.v[f->sec].name, f->off, f->off + 1, &it);

		if (r) {
			const struct btf_type *t = btf__type_by_id(c->btf, r->a);

			if (t && btf_is_func(t))
				f->btf_id = r->a;
		}
		if (f->btf_id)
			continue;
		/* no func_info: look the name up */
		{
			int id = btf__find_by_name_kind(c->btf, f->name, BTF_KIND_FUNC);

			if (id > 0)
				f->btf_id = (uint32_t)id;
		}
	}
}

/*
 * BTF prototype text, our own printer: libbpf 1.1's btf_dump trusts type
 * ids that btf__new() did not check, so a corrupt .BTF could crash it.
 * Every id is looked up through btf__type_by_id() and the depth is bounded.
 */
struct bo_sbuf {
	char buf[512];
	size_t len;
};

static void bo_put(struct bo_sbuf *b, const char *s)
{
	size_t n = strlen(s);

	if (n > sizeof(b->buf) - 1 - b->len)
		n = sizeof(b->buf) - 1 - b->len;
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

static const char *bo_tname(const struct btf *btf, const struct btf_type *t)
{
	const char *n = btf__name_by_offset(btf, t->name_off);

	return n && n[0] ? n : "(anon)";
}

static void bo_type(const struct btf *btf, uint32_t id, struct bo_sbuf *b, const char *name,
		    int depth);

static void bo_params(const struct btf *btf, const struct btf_type *fp, struct bo_sbuf *b,
		      int depth)
{
	const struct btf_param *pa = btf_params(fp);
	uint16_t i, n = btf_vlen(fp);

	bo_put(b, "(");
	if (!n)
		bo_put(b, "void");
	for (i = 0; i < n; i++) {
		const char *pn = btf__name_by_offset(btf, pa[i].name_off);

		if (i)
			bo_put(b, ", ");
		if (!pa[i].type && i == n - 1) {
			bo_put(b, "...");
			break;
		}
		bo_type(btf, pa[i].type, b, pn ? pn : "", depth + 1);
	}
	bo_put(b, ")");
}

/* "TYPE NAME" for the type id and declarator name (may be "") */
static void bo_type(const struct btf *btf, uint32_t id, struct bo_sbuf *b, const char *name,
		    int depth)
{
	const struct btf_type *t = id ? btf__type_by_id(btf, id) : NULL;
	char tmp[300];

	if (depth > 16 || (id && !t)) {
		bo_put(b, "?");
		goto name;
	}
	if (!id) {
		bo_put(b, "void");
		goto name;
	}
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPEDEF:
		bo_put(b, bo_tname(btf, t));
		break;
	case BTF_KIND_STRUCT:
		bo_put(b, "struct ");
		bo_put(b, bo_tname(btf, t));
		break;
	case BTF_KIND_UNION:
		bo_put(b, "union ");
		bo_put(b, bo_tname(btf, t));
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		bo_put(b, "enum ");
		bo_put(b, bo_tname(btf, t));
		break;
	case BTF_KIND_FWD:
		bo_put(b, btf_kflag(t) ? "union " : "struct ");
		bo_put(b, bo_tname(btf, t));
		break;
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
		if (btf_kind(t) != BTF_KIND_RESTRICT) {
			bo_put(b, btf_kind(t) == BTF_KIND_CONST ? "const " : "volatile ");
			bo_type(btf, t->type, b, name, depth + 1);
			return;
		}
		bo_type(btf, t->type, b, name, depth + 1);
		return;
	case BTF_KIND_TYPE_TAG:
		bo_type(btf, t->type, b, name, depth + 1);
		return;
	case BTF_KIND_PTR: {
		const struct btf_type *pt = t->type ? btf__type_by_id(btf, t->type) : NULL;

		if (pt && btf_is_func_proto(pt)) {
			snprintf(tmp, sizeof(tmp), "(*%s)", name);
			bo_type(btf, pt->type, b, "", depth + 1);
			bo_put(b, " ");
			bo_put(b, tmp);
			bo_params(btf, pt, b, depth + 1);
			return;
		}
		snprintf(tmp, sizeof(tmp), "*%s", name);
		bo_type(btf, t->type, b, tmp, depth + 1);
		return;
	}
	case BTF_KIND_ARRAY:
		snprintf(tmp, sizeof(tmp), "%s[%u]", name, btf_array(t)->nelems);
		bo_type(btf, btf_array(t)->type, b, tmp, depth + 1);
		return;
	default:
		bo_put(b, "?");
		break;
	}
name:
	if (name[0]) {
		if (name[0] != '*' || b->len == 0 || b->buf[b->len - 1] != '*')
			bo_put(b, " ");
		bo_put(b, name);
	}
}

/*
 * The parameters of the BTF function `name` (an extern kfunc), comma-
 * separated: their names, or their types where the BTF has no name.
 */
static const char *bo_param_names(struct bo_ctx *c, const char *name)
{
	const struct btf_type *t, *fp;
	const struct btf_param *pa;
	struct bo_sbuf b = { .len = 0 };
	int id;

	if (!c->btf || (id = btf__find_by_name_kind(c->btf, name, BTF_KIND_FUNC)) <= 0)
		return NULL;
	t = btf__type_by_id(c->btf, (uint32_t)id);
	fp = t ? btf__type_by_id(c->btf, t->type) : NULL;
	if (!fp || !btf_is_func_proto(fp))
		return NULL;
	pa = btf_params(fp);
	for (uint16_t i = 0; i < btf_vlen(fp); i++) {
		const char *pn = btf__name_by_offset(c->btf, pa[i].name_off);

		if (!pa[i].type) /* "..." */
			break;
		if (i)
			bo_put(&b, ",");
		if (pn && *pn) {
			bo_put(&b, pn);
		} else {
			/* clang keeps no parameter names for an extern: its type then */
			struct bo_sbuf tb = { .len = 0 };

			bo_type(c->btf, pa[i].type, &tb, "", 0);
			for (size_t k = 0; k < tb.len; k++)
				if (tb.buf[k] == ',')
					tb.buf[k] = ';';
			bo_put(&b, tb.len ? tb.buf : "?");
		}
	}
	return bpfobj_priv_str(c->obj, b.buf, b.len);
}

static const char *bo_proto(struct bo_ctx *c, uint32_t func_id, const char *name)
{
	const struct btf_type *t = btf__type_by_id(c->btf, func_id);
	const struct btf_type *fp;
	struct bo_sbuf b = { .len = 0 };

	if (!t || !btf_is_func(t))
		return NULL;
	fp = btf__type_by_id(c->btf, t->type);
	if (!fp || !btf_is_func_proto(fp))
		return NULL;
	bo_type(c->btf, fp->type, &b, name, 0);
	bo_params(c->btf, fp, &b, 0);
	return bpfobj_priv_str(c->obj, b.buf, b.len);
}

/* ---- the image of one program ---- */

static int bo_append(struct bo_ctx *c, uint32_t fi);

static int bo_target(struct bo_ctx *c, uint32_t fi, uint32_t sec_insn, uint32_t *out)
{
	int ti = bo_func_at(c, c->text_shndx, sec_insn);
	int rc;

	if (ti < 0 || !c->text_shndx)
		return bo_fail(c, -EINVAL, "%s: insn %u: call target %u outside .text",
			       c->funcs.v[fi].name, sec_insn, sec_insn);
	if (c->funcs.v[ti].at == BPFOBJ_NONE) {
		rc = bo_append(c, (uint32_t)ti);
		if (rc)
			return rc;
	}
	*out = c->funcs.v[ti].at;
	return 0;
}

static int bo_relocate(struct bo_ctx *c, uint32_t fi)
{
	const struct bo_func *f = &c->funcs.v[fi];
	const struct bo_sec *s = &c->secs.v[f->sec];
	uint32_t base = f->at, size = f->size, off = f->off, k;
	int rc;

	for (k = 0; k < size; k++) {
		uint32_t i = base + k, tgt;
		struct bpf_insn *in = &c->insns.v[i];
		const struct bo_rel *rel = bo_find_rel(s, off + k);
		const struct bo_sym *y = rel ? &c->syms.v[rel->sym] : NULL;
		struct bpfobj_insn_info *inf = &c->info.v[i];

		if (in->code == (BPF_JMP | BPF_CALL)) {
			if (y && y->shndx == SHN_UNDEF) {
				in->src_reg = BPF_PSEUDO_KFUNC_CALL;
				in->imm = 0;
				inf->kind = BPFOBJ_INSN_KFUNC;
				inf->name = bo_strdup(c, y->name);
				inf->weak = y->bind == STB_WEAK;
				inf->params = bo_param_names(c, y->name);
				continue;
			}
			if (in->src_reg != BPF_PSEUDO_CALL) {
				inf->kind = BPFOBJ_INSN_HELPER;
				inf->name = bpfdis_helper_name(in->imm);
				continue;
			}
			if (y) {
				int64_t t =
					(int64_t)(y->value / sizeof(struct bpf_insn)) + in->imm + 1;

				if (y->shndx != c->text_shndx || t < 0 || t > UINT32_MAX)
					return bo_fail(c, -EINVAL,
						       "%s: insn %u: bad call relocation", f->name,
						       off + k);
				rc = bo_target(c, fi, (uint32_t)t, &tgt);
			} else {
				int64_t t = (int64_t)off + k + in->imm + 1;

				if (s->shndx != c->text_shndx || t < 0 || t > UINT32_MAX)
					return bo_fail(c, -EINVAL,
						       "%s: insn %u: call without relocation",
						       f->name, off + k);
				rc = bo_target(c, fi, (uint32_t)t, &tgt);
			}
			if (rc)
				return rc;
			/* c->insns may have moved */
			in = &c->insns.v[i];
			in->imm = (int32_t)((int64_t)tgt - i - 1);
			c->info.v[i].kind = BPFOBJ_INSN_SUBCALL;
			continue;
		}
		if (in->code != (BPF_LD | BPF_IMM | BPF_DW))
			continue;
		if (k + 1 >= size)
			return bo_fail(c, -EINVAL, "%s: insn %u: ld_imm64 cut in half", f->name,
				       off + k);
		c->info.v[i + 1].kind = BPFOBJ_INSN_LD64_HI;
		if (!y) {
			if (in->src_reg == BPF_PSEUDO_FUNC)
				return bo_fail(c, -EINVAL,
					       "%s: insn %u: function pointer without relocation",
					       f->name, off + k);
			k++;
			continue;
		}
		if (y->shndx == SHN_UNDEF) {
			in->src_reg = BPF_PSEUDO_BTF_ID;
			in->imm = in[1].imm = 0;
			inf->kind = BPFOBJ_INSN_KSYM;
			inf->name = bo_strdup(c, y->name);
		} else if (y->shndx == c->text_shndx && c->text_shndx &&
			   (y->type == STT_SECTION || y->type == STT_FUNC)) {
			/* libbpf: any ld_imm64 of a .text symbol is a function pointer */
			int64_t t =
				((int64_t)y->value + in->imm) / (int64_t)sizeof(struct bpf_insn);

			if (t < 0 || t > UINT32_MAX)
				return bo_fail(c, -EINVAL, "%s: insn %u: bad function pointer",
					       f->name, off + k);
			rc = bo_target(c, fi, (uint32_t)t, &tgt);
			if (rc)
				return rc;
			in = &c->insns.v[i];
			in->src_reg = BPF_PSEUDO_FUNC;
			in->imm = (int32_t)((int64_t)tgt - i - 1);
			in[1].imm = 0;
			c->info.v[i].kind = BPFOBJ_INSN_FUNC_PTR;
		} else if (y->shndx == c->maps_shndx || y->shndx == c->legacy_maps_shndx) {
			in->src_reg = BPF_PSEUDO_MAP_FD;
			in->imm = in[1].imm = 0;
			inf->kind = BPFOBJ_INSN_MAP;
			inf->name = bo_strdup(c, y->name);
		} else {
			const char *nm = y->name;

			if (y->type == STT_SECTION) {
				Elf_Scn *ds = elf_getscn(c->elf, y->shndx);
				GElf_Shdr dsh;

				if (ds && gelf_getshdr(ds, &dsh))
					nm = elf_strptr(c->elf, c->shstrndx, dsh.sh_name);
			}
			in->src_reg = BPF_PSEUDO_MAP_VALUE;
			in->imm = in[1].imm = 0;
			c->info.v[i].kind = BPFOBJ_INSN_MAP_VALUE;
			c->info.v[i].name = nm && nm[0] ? bo_strdup(c, nm) : NULL;
		}
		k++;
	}
	return 0;
}

static int bo_append(struct bo_ctx *c, uint32_t fi)
{
	struct bo_func *f = &c->funcs.v[fi];
	const struct bo_sec *s = &c->secs.v[f->sec];
	struct bpfobj_subprog *sp;
	uint32_t *sf, k;
	int rc;

	if (c->insns.n + (uint64_t)f->size > BO_MAX_IMAGE)
		return bo_fail(c, -E2BIG, "program image over %u instructions", BO_MAX_IMAGE);
	if (++c->depth > BO_MAX_FUNCS)
		return bo_fail(c, -E2BIG, "subprograms nested too deep");
	if (!s->insns)
		return bo_fail(c, -EINVAL, "%s: no instructions", f->name);
	rc = vec_reserve(&c->insns, f->size);
	if (!rc)
		rc = vec_reserve(&c->info, f->size);
	if (rc)
		return bo_fail(c, rc, "out of memory");
	f->at = c->insns.n;
	memcpy(&c->insns.v[c->insns.n], &s->insns[f->off], f->size * sizeof(struct bpf_insn));
	memset(&c->info.v[c->info.n], 0, f->size * sizeof(*c->info.v));
	for (k = 0; k < f->size; k++)
		c->info.v[c->info.n + k].line = BPFOBJ_NONE;
	c->insns.n += f->size;
	c->info.n += f->size;
	sp = vec_push(&c->subs);
	sf = vec_push(&c->sub_func);
	if (!sp || !sf)
		return bo_fail(c, -ENOMEM, "out of memory");
	sp->id = c->subs.n - 1;
	sp->start = f->at;
	sp->end = f->at + f->size;
	sp->sec_off = f->off;
	*sf = fi;
	rc = bo_relocate(c, fi);
	c->depth--;
	return rc;
}

static int bo_sub_cmp(const void *a, const void *b)
{
	const struct bpfobj_subprog *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static uint32_t bo_sub_by_start(const struct bpfobj_prog *p, uint32_t start)
{
	uint32_t i;

	for (i = 0; i < p->nsubprogs; i++)
		if (p->subprogs[i].start == start)
			return i;
	return BPFOBJ_NONE;
}

/* names, linkage and prototypes of the subprogs */
static int bo_name_subs(struct bo_ctx *c, struct bpfobj_prog *p)
{
	uint32_t i;

	for (i = 0; i < p->nsubprogs; i++) {
		struct bpfobj_subprog *sp = &p->subprogs[i];
		const struct bo_func *f = &c->funcs.v[c->sub_func.v[i]];
		const struct btf_type *t = f->btf_id ? btf__type_by_id(c->btf, f->btf_id) : NULL;
		const char *nm = f->name;

		if (t && btf_is_func(t)) {
			const char *bn = btf__name_by_offset(c->btf, t->name_off);

			if (bn && bn[0])
				nm = bn;
		}
		sp->name = bo_strdup(c, nm);
		sp->elf_global = f->global;
		sp->elf_hidden = f->hidden;
		sp->btf_id = t ? f->btf_id : 0;
		if (!sp->name)
			return bo_fail(c, -ENOMEM, "out of memory");
		if (i == 0)
			sp->linkage = LINKAGE_MAIN;
		else if (t)
			sp->linkage = btf_vlen(t) == BTF_FUNC_GLOBAL && !f->hidden ?
					      LINKAGE_GLOBAL :
					      LINKAGE_STATIC;
		else
			sp->linkage = f->global && !f->hidden ? LINKAGE_GLOBAL : LINKAGE_STATIC;
		if (t)
			sp->proto = bo_proto(c, f->btf_id, nm);
	}
	return 0;
}

/* the insns of the image that carry a CO-RE relocation (the join accepts any offset there) */
static void bo_core(struct bo_ctx *c, struct bpfobj_prog *p)
{
	uint32_t i;

	if (!c->btf || !c->ext[2].n)
		return;
	if (bo_ext_index(c, 2))
		return;
	for (i = 0; i < p->nsubprogs; i++) {
		const struct bo_func *f = &c->funcs.v[c->sub_func.v[i]];
		const char *sec = c->secs.v[f->sec].name;
		struct bo_ext_iter it = { UINT32_MAX, 0 };
		const struct bo_ext_rec *r;

		while ((r = bo_ext_next(c, 2, sec, f->off, f->off + f->size, &it))) {
			uint32_t at;

			at = p->subprogs[i].start + (r->insn - f->off);
			if (at < p->ninsns)
				p->info[at].core = true;
		}
	}
}

/* line info of every appended function, moved to image offsets */
static int bo_lines(struct bo_ctx *c, struct bpfobj_prog *p)
{
	VEC(struct bpfobj_line) lines = { 0 };
	uint32_t i, k, cur = 0;

	if (!c->btf || !c->ext[1].n)
		return 0;
	if (bo_ext_index(c, 1))
		return bo_fail(c, -ENOMEM, "out of memory");
	for (i = 0; i < p->nsubprogs; i++) {
		const struct bo_func *f = &c->funcs.v[c->sub_func.v[i]];
		const char *sec = c->secs.v[f->sec].name;
		struct bo_ext_iter it = { UINT32_MAX, 0 };
		const struct bo_ext_rec *r;

		while ((r = bo_ext_next(c, 1, sec, f->off, f->off + f->size, &it))) {
			struct bpfobj_line *l;
			const char *file, *src;

			l = vec_push(&lines);
			if (!l) {
				vec_free(&lines);
				return bo_fail(c, -ENOMEM, "out of memory");
			}
			file = btf__str_by_offset(c->btf, r->a);
			src = btf__str_by_offset(c->btf, r->b);
			l->insn = p->subprogs[i].start + (r->insn - f->off);
			l->file = bo_strdup(c, file ? file : "");
			l->src = bo_strdup(c, src ? src : "");
			l->line = r->c >> 10;
			l->col = r->c & 0x3ff;
		}
	}
	/* subprogs are in image order and records in insn order per section */
	for (i = 1; i < lines.n; i++) {
		struct bpfobj_line t = lines.v[i];

		for (k = i; k > 0 && lines.v[k - 1].insn > t.insn; k--)
			lines.v[k] = lines.v[k - 1];
		lines.v[k] = t;
	}
	for (i = 0; i < p->ninsns; i++) {
		while (cur < lines.n && lines.v[cur].insn <= i)
			cur++;
		p->info[i].line = cur ? cur - 1 : BPFOBJ_NONE;
	}
	p->lines = lines.v;
	p->nlines = lines.n;
	return 0;
}

static bool bo_is_call(const struct bpf_insn *in)
{
	return in->code == (BPF_JMP | BPF_CALL);
}

/* register that a non-jump insn writes, or -1 */
static int bo_insn_writes(const struct bpf_insn *in)
{
	uint8_t cls = BPF_CLASS(in->code);

	if (cls == BPF_ALU || cls == BPF_ALU64 || cls == BPF_LDX || cls == BPF_LD)
		return cls == BPF_LD && BPF_MODE(in->code) != BPF_IMM ? 0 : in->dst_reg;
	if (cls == BPF_STX && BPF_MODE(in->code) == BPF_ATOMIC && (in->imm & BPF_FETCH))
		return in->imm == BPF_CMPXCHG ? 0 : in->src_reg;
	return -1;
}

/* the call that consumes a function pointer loaded at insn ld (same basic block) */
static int bo_callback_edge(struct bpfobj_prog *p, uint32_t ld, struct bpfobj_edge *e)
{
	uint16_t regs = (uint16_t)(1u << p->insns[ld].dst_reg);
	uint32_t i;

	for (i = ld + 2; i < p->ninsns && regs; i++) {
		const struct bpf_insn *in = &p->insns[i];
		uint8_t cls = BPF_CLASS(in->code);
		int w;

		if (bo_is_call(in)) {
			const struct bpfobj_insn_info *inf = &p->info[i];
			const struct sleep_cb *cf = sleep_cb_lookup(inf->name);
			uint32_t r;

			if (inf->kind == BPFOBJ_INSN_SUBCALL) {
				regs &= (uint16_t)~0x3fu;
				continue;
			}
			if (cf && (regs & (1u << cf->arg_reg))) {
				e->arg_reg = cf->arg_reg;
				e->kind = cf->kind == SLEEP_CB_ASYNC ? EDGE_ASYNC_CALLBACK :
								       EDGE_CALLBACK;
				/* under the newest rules; the analysis applies the log's */
				e->sleepable = (int8_t)sleep_cb_context(sleep_rules_newest(),
									cf->name, -1, -1);
			} else {
				for (r = 1; r <= 5 && !(regs & (1u << r)); r++)
					;
				if (r > 5) {
					regs &= (uint16_t)~0x3fu;
					continue;
				}
				e->arg_reg = (uint8_t)r;
				e->kind = EDGE_CALLBACK;
				e->sleepable = -1;
			}
			e->insn = i;
			e->via = inf->name;
			return 0;
		}
		if (cls == BPF_JMP || cls == BPF_JMP32)
			break;
		if (p->info[i].kind == BPFOBJ_INSN_LD64_HI)
			continue;
		if (in->code == (BPF_ALU64 | BPF_MOV | BPF_X) && in->off == 0) {
			if (regs & (1u << in->src_reg))
				regs |= (uint16_t)(1u << in->dst_reg);
			else
				regs &= (uint16_t) ~(1u << in->dst_reg);
			continue;
		}
		w = bo_insn_writes(in);
		if (w >= 0 && w < 16)
			regs &= (uint16_t) ~(1u << w);
	}
	return -ENOENT;
}

static int bo_edge_cmp(const void *a, const void *b)
{
	const struct bpfobj_edge *x = a, *y = b;

	if (x->insn != y->insn)
		return x->insn < y->insn ? -1 : 1;
	return x->ld_insn < y->ld_insn ? -1 : x->ld_insn > y->ld_insn;
}

static int bo_edges(struct bo_ctx *c, struct bpfobj_prog *p)
{
	VEC(struct bpfobj_edge) ev = { 0 };
	uint32_t i;
	int rc = 0;

	for (i = 0; i < p->ninsns; i++) {
		const struct bpf_insn *in = &p->insns[i];
		const struct bpfobj_subprog *from = bpfobj_subprog_at(p, i);
		struct bpfobj_edge e = { 0 }, *o;
		uint32_t to;

		if (p->info[i].kind != BPFOBJ_INSN_SUBCALL &&
		    p->info[i].kind != BPFOBJ_INSN_FUNC_PTR)
			continue;
		to = bo_sub_by_start(p, (uint32_t)((int64_t)i + in->imm + 1));
		if (!from || to == BPFOBJ_NONE)
			continue;
		e.from = from->id;
		e.to = to;
		e.insn = e.ld_insn = i;
		e.sleepable = -1;
		if (p->info[i].kind == BPFOBJ_INSN_FUNC_PTR) {
			e.kind = EDGE_CALLBACK;
			if (bo_callback_edge(p, i, &e))
				e.insn = i;
		}
		o = vec_push(&ev);
		if (o)
			*o = e;
		else
			rc = -ENOMEM;
		if (rc) {
			vec_free(&ev);
			return bo_fail(c, rc, "out of memory");
		}
	}
	if (ev.n)
		qsort(ev.v, ev.n, sizeof(*ev.v), bo_edge_cmp);
	p->edges = ev.v;
	p->nedges = ev.n;
	return 0;
}

static int bo_build_prog(struct bo_ctx *c, uint32_t fi, struct bpfobj_prog *p)
{
	const struct bo_func *f = &c->funcs.v[fi];
	const char *sec = c->secs.v[f->sec].name;
	uint32_t i;
	int rc;

	/* only the functions the last program appended (all of them per program was quadratic) */
	for (i = 0; i < c->sub_func.n; i++)
		c->funcs.v[c->sub_func.v[i]].at = BPFOBJ_NONE;
	c->insns.n = c->info.n = c->subs.n = c->sub_func.n = 0;
	c->depth = 0;
	p->name = bo_strdup(c, f->name);
	p->section = bo_strdup(c, sec);
	if (!p->name || !p->section)
		return bo_fail(c, -ENOMEM, "out of memory");
	if (!bpfobj_section_info(sec, &p->prog_type, &p->attach_type, &p->sleepable))
		model_warn(c->m, "%s: program %s: section '%s' names no program type we know",
			   c->name, f->name, sec);
	rc = bo_append(c, fi);
	if (rc)
		return rc;
	p->ninsns = c->insns.n;
	p->insns = malloc(sizeof(*p->insns) * (p->ninsns ? p->ninsns : 1));
	p->info = malloc(sizeof(*p->info) * (p->ninsns ? p->ninsns : 1));
	p->subprogs = malloc(sizeof(*p->subprogs) * (c->subs.n ? c->subs.n : 1));
	if (!p->insns || !p->info || !p->subprogs)
		return bo_fail(c, -ENOMEM, "out of memory");
	memcpy(p->insns, c->insns.v, sizeof(*p->insns) * p->ninsns);
	memcpy(p->info, c->info.v, sizeof(*p->info) * p->ninsns);
	memcpy(p->subprogs, c->subs.v, sizeof(*p->subprogs) * c->subs.n);
	p->nsubprogs = c->subs.n;
	/* appended in order: already sorted by start, ids == order */
	qsort(p->subprogs, p->nsubprogs, sizeof(*p->subprogs), bo_sub_cmp);
	rc = bo_name_subs(c, p);
	if (!rc)
		rc = bo_lines(c, p);
	if (!rc)
		bo_core(c, p);
	if (!rc)
		rc = bo_edges(c, p);
	return rc;
}

static void bo_prog_release(struct bpfobj_prog *p)
{
	free(p->insns);
	free(p->info);
	free(p->subprogs);
	free(p->edges);
	free(p->lines);
}

void bpfobj_free(struct bpfobj *obj)
{
	struct bpfobj_priv *pv;
	uint32_t i;

	if (!obj)
		return;
	for (i = 0; i < obj->nprogs; i++)
		bo_prog_release(&obj->progs[i]);
	free(obj->progs);
	pv = obj->priv;
	if (pv) {
		for (i = 0; i < pv->strs.n; i++)
			free(pv->strs.v[i]);
		vec_free(&pv->strs);
		vec_free(&pv->joined);
		free(pv);
	}
	free(obj);
}

static int bo_check_header(struct bo_ctx *c)
{
	GElf_Ehdr eh;

	if (elf_kind(c->elf) != ELF_K_ELF)
		return bo_fail(c, -EINVAL, "not an ELF file");
	if (!gelf_getehdr(c->elf, &eh))
		return bo_fail(c, -EINVAL, "broken ELF header: %s", elf_errmsg(-1));
	if (eh.e_ident[EI_CLASS] != ELFCLASS64)
		return bo_fail(c, -EINVAL, "not a BPF object (32-bit ELF)");
	if (eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return bo_fail(c, -ENOTSUP,
			       "big-endian ELF: not supported (BPF objects built for "
			       "the host are little-endian)");
	if (eh.e_machine != EM_BPF)
		return bo_fail(c, -EINVAL, "not a BPF object (ELF machine %u, BPF is %u)",
			       eh.e_machine, EM_BPF);
	if (eh.e_type != ET_REL)
		return bo_fail(c, -EINVAL, "not a relocatable BPF object (ELF type %u)", eh.e_type);
	/* section headers inside the file (e_shnum 0 means extended numbering: libelf's) */
	if (eh.e_shnum &&
	    (eh.e_shoff > c->len || (c->len - eh.e_shoff) / sizeof(Elf64_Shdr) < eh.e_shnum))
		return bo_fail(c, -EINVAL,
			       "truncated or corrupt ELF: %u section headers at offset "
			       "%llu do not fit in the file (%zu bytes)",
			       eh.e_shnum, (unsigned long long)eh.e_shoff, c->len);
	if (elf_getshdrstrndx(c->elf, &c->shstrndx))
		return bo_fail(c, -EINVAL, "no section name table");
	return 0;
}

int bpfobj_open_mem(struct model *m, const void *buf, size_t len, const char *name, char *err,
		    size_t errlen)
{
	struct bo_ctx c = { .m = m, .name = name, .err = err, .errlen = errlen };
	VEC(struct bpfobj_prog) progs = { 0 };
	uint32_t i;
	int rc = 0;

	if (errlen)
		err[0] = '\0';
	if (m->obj)
		return bo_fail(&c, -EINVAL, "a second object");
	c.obj = calloc(1, sizeof(*c.obj));
	if (c.obj)
		c.obj->priv = calloc(1, sizeof(struct bpfobj_priv));
	if (!c.obj || !c.obj->priv) {
		rc = bo_fail(&c, -ENOMEM, "out of memory");
		goto out;
	}
	c.obj->name = bo_strdup(&c, name);
	if (len < 64) {
		rc = bo_fail(&c, -EINVAL, "truncated ELF file (%zu bytes)", len);
		goto out;
	}
	c.image = malloc(len);
	if (!c.image) {
		rc = bo_fail(&c, -ENOMEM, "out of memory");
		goto out;
	}
	memcpy(c.image, buf, len);
	c.len = len;
	elf_version(EV_CURRENT);
	c.elf = elf_memory(c.image, len);
	if (!c.elf) {
		rc = bo_fail(&c, -EINVAL, "not an ELF file: %s", elf_errmsg(-1));
		goto out;
	}
	rc = bo_check_header(&c);
	if (!rc)
		rc = bo_read_sections(&c);
	if (!rc)
		rc = bo_collect_funcs(&c);
	if (rc)
		goto out;
	c.obj->has_btf = c.btf != NULL;
	if (c.btf)
		bo_read_btf_ext(&c);
	else
		model_warn(m, "%s: no BTF: names from ELF symbols, no line info", name);
	bo_func_btf(&c);
	for (i = 0; i < c.funcs.n; i++) {
		const struct bo_func *f = &c.funcs.v[i];
		struct bpfobj_prog *p;

		if (c.secs.v[f->sec].shndx == c.text_shndx)
			continue;
		p = vec_push(&progs);
		if (!p) {
			rc = bo_fail(&c, -ENOMEM, "out of memory");
			goto out;
		}
		rc = bo_build_prog(&c, i, p);
		if (rc)
			goto out;
	}
	if (!progs.n) {
		rc = bo_fail(&c, -EINVAL, "no BPF programs in the object");
		goto out;
	}
	c.obj->progs = progs.v;
	c.obj->nprogs = progs.n;
	progs.v = NULL;
	progs.n = 0;
	m->obj = c.obj;
	c.obj = NULL;
out:
	for (i = 0; i < progs.n; i++)
		bo_prog_release(&progs.v[i]);
	vec_free(&progs);
	bpfobj_free(c.obj);
	for (i = 0; i < c.secs.n; i++)
		vec_free(&c.secs.v[i].rels);
	vec_free(&c.secs);
	vec_free(&c.syms);
	vec_free(&c.funcs);
	vec_free(&c.ext[0]);
	vec_free(&c.ext[1]);
	vec_free(&c.grp[0]);
	vec_free(&c.grp[1]);
	vec_free(&c.grp[2]);
	vec_free(&c.ext[2]);
	vec_free(&c.insns);
	vec_free(&c.info);
	vec_free(&c.subs);
	vec_free(&c.sub_func);
	btf__free(c.btf);
	if (c.elf)
		elf_end(c.elf);
	free(c.image);
	return rc;
}

/* ---- look-ups ---- */

const struct bpfobj_prog *bpfobj_prog_by_name(const struct bpfobj *obj, const char *name)
{
	uint32_t i;

	if (!obj || !name)
		return NULL;
	for (i = 0; i < obj->nprogs; i++)
		if (!strcmp(obj->progs[i].name, name))
			return &obj->progs[i];
	return NULL;
}

const struct bpfobj_subprog *bpfobj_subprog_at(const struct bpfobj_prog *p, uint32_t insn)
{
	uint32_t i;

	for (i = 0; i < p->nsubprogs; i++)
		if (insn >= p->subprogs[i].start && insn < p->subprogs[i].end)
			return &p->subprogs[i];
	return NULL;
}

const struct bpfobj_line *bpfobj_line_at(const struct bpfobj_prog *p, uint32_t insn)
{
	if (insn >= p->ninsns || p->info[insn].line == BPFOBJ_NONE)
		return NULL;
	return &p->lines[p->info[insn].line];
}

int bpfobj_disasm(const struct bpfobj_prog *p, uint32_t i, char *buf, size_t len)
{
	const char *call = NULL;

	if (len)
		buf[0] = '\0';
	if (i >= p->ninsns)
		return 0;
	if (p->info[i].kind == BPFOBJ_INSN_KFUNC)
		call = p->info[i].name;
	return bpfdis_insn(&p->insns[i], p->ninsns - i, call, buf, len);
}

bool bpfobj_insn_matches(const struct bpfobj_prog *p, uint32_t i, const char *log, size_t loglen,
			 char *obj, size_t objlen)
{
	enum bpfdis_cmp how = BPFDIS_CMP_EXACT;
	char tmp[128];

	if (!obj || objlen < sizeof(tmp)) {
		obj = tmp;
		objlen = sizeof(tmp);
	}
	if (i >= p->ninsns)
		return false;
	bpfobj_disasm(p, i, obj, objlen);
	/* a __weak kfunc the kernel lacks: libbpf zeroed the call (id 0, no name) */
	if (p->info[i].kind == BPFOBJ_INSN_KFUNC && p->info[i].weak) {
		static const char zeroed[] = "(85) call #0";
		size_t zl = sizeof(zeroed) - 1;

		while (loglen && (log[0] == ' ' || log[0] == '\t'))
			log++, loglen--;
		if (loglen >= zl && !memcmp(log, zeroed, zl) &&
		    (loglen == zl || log[zl] == ' ' || log[zl] == '\t'))
			return true;
	}
	switch (p->info[i].kind) {
	case BPFOBJ_INSN_MAP:
	case BPFOBJ_INSN_MAP_VALUE:
	case BPFOBJ_INSN_KSYM:
		how = BPFDIS_CMP_ADDR;
		break;
	case BPFOBJ_INSN_KFUNC:
		how = BPFDIS_CMP_KFUNC;
		break;
	default:
		break;
	}
	if (how == BPFDIS_CMP_EXACT && p->info[i].core)
		how = BPFDIS_CMP_CORE;
	return bpfdis_text_eq(log, loglen, obj, how);
}
