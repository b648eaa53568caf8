/* SPDX-License-Identifier: MIT */
/*
 * bpfobj.h — the BPF ELF object: programs, sections, instruction images,
 * subprograms, callbacks and BTF line info (libelf + libbpf's BTF parser).
 *
 * What it owns: a struct bpfobj is built by bpfobj_open_mem() into m->obj
 * and freed by bpfobj_free() (load_free() does it: the loader owns it). Every pointer and
 * string reachable from it (names, insns, lines, ...) is owned by the
 * bpfobj, is read-only for callers and stays valid until bpfobj_free().
 * Nothing here prints; libbpf and libelf never leak out of parsers/bpfobj*.c.
 *
 * The image: each program gets the instruction image the kernel verifies,
 * i.e. the program's own instructions followed by the .text subprograms
 * libbpf 1.x appends for it (depth-first, in order of first reference by a
 * `call pc+N` or an `ld_imm64 src_reg=BPF_PSEUDO_FUNC`), with call and
 * function-pointer immediates relocated to image offsets as libbpf does.
 * Instruction indexes everywhere below (insns[], subprog start/end, edges,
 * lines) are indexes in that image: the verifier log's "N:" numbers.
 *
 * Subprogram ids are func#N of the log: order in the image, main = 0.
 *
 * Errors: bpfobj_open_mem() returns 0 or -errno (-EINVAL broken or non-BPF
 * ELF, -ENOMEM, -E2BIG for a size over the limits) with a one-line
 * "NAME: what is wrong" in err. A missing .BTF/.BTF.ext is not an error:
 * has_btf/has_btf_ext are false, names come from ELF symbols, and the
 * caller gets a warning through model_warn() on m.
 */
#ifndef VERISTEP_BPFOBJ_H
#define VERISTEP_BPFOBJ_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/model/model.h"

struct model;

#define BPFOBJ_NONE UINT32_MAX

/*
 * A subprogram's linkage and an edge's kind are the model's own enums
 * (src/model/model.h: enum subprog_linkage, enum edge_kind): one set of
 * values, no copy to keep equal.
 */
struct bpfobj_subprog {
	uint32_t id;	   /* func#N */
	uint32_t start;	   /* first insn in the image */
	uint32_t end;	   /* one past the last insn */
	uint32_t sec_off;  /* first insn within its ELF section */
	const char *name;  /* ELF symbol (or BTF FUNC) name, never NULL */
	uint8_t linkage;   /* enum subprog_linkage (as the kernel will see it) */
	bool elf_global;   /* STB_GLOBAL in the symbol table */
	bool elf_hidden;   /* STV_HIDDEN/INTERNAL visibility */
	uint32_t btf_id;   /* BTF FUNC type id, 0 when none */
	const char *proto; /* BTF prototype "int name(void *ctx)", NULL when no BTF */
};

struct bpfobj_edge {
	uint32_t from, to; /* subprog ids */
	uint32_t insn;	   /* the call pc+N, or the helper/kfunc call consuming the callback */
	uint32_t ld_insn;  /* callbacks: the ld_imm64 loading the pointer; calls: == insn */
	const char *via;   /* helper/kfunc name for callbacks, NULL for calls (and for a
			      * function pointer no call in its basic block consumed) */
	uint8_t kind;	   /* enum edge_kind */
	int8_t sleepable;  /* callback context: 1 (wq, task_work), 0 (timer), -1 inherits */
	uint8_t arg_reg;   /* register that carried the pointer at the call, 0 for calls */
};

/* call targets and operands, per insn of the image */
enum bpfobj_insn_kind {
	BPFOBJ_INSN_PLAIN = 0,
	BPFOBJ_INSN_HELPER,    /* call NAME#ID (helper id in imm) */
	BPFOBJ_INSN_KFUNC,     /* call NAME#ID (extern kfunc, imm is 0/-1 in the object) */
	BPFOBJ_INSN_SUBCALL,   /* call pc+N */
	BPFOBJ_INSN_MAP,       /* ld_imm64 of a map (BPF_PSEUDO_MAP_FD) */
	BPFOBJ_INSN_MAP_VALUE, /* ld_imm64 of a global data address (.data/.bss/.rodata) */
	BPFOBJ_INSN_FUNC_PTR,  /* ld_imm64 of a function pointer (BPF_PSEUDO_FUNC) */
	BPFOBJ_INSN_KSYM,      /* ld_imm64 of an extern variable (__ksym/__kconfig) */
	BPFOBJ_INSN_LD64_HI,   /* second half of an ld_imm64 */
};

struct bpfobj_insn_info {
	uint8_t kind;	  /* enum bpfobj_insn_kind */
	const char *name; /* helper, kfunc, map or extern name; NULL when none */
	uint32_t line;	  /* index in prog->lines of the line_info in force, BPFOBJ_NONE */
	/*
	 * KFUNC: the extern is __weak. When the kernel lacks it libbpf loads
	 * the call with kfunc id 0 (the log prints `call #0`) instead of failing.
	 */
	bool weak;
	bool core; /* .BTF.ext has a CO-RE relocation for it: the kernel rewrites it */
	/*
	 * KFUNC: its parameters from the extern's BTF prototype, comma-
	 * separated: names where the BTF keeps them, else types ("struct
	 * bpf_wq *,void *,unsigned int"); "" for none, NULL when the object's
	 * BTF has no prototype of it.
	 */
	const char *params;
};

/* one .BTF.ext line_info record, moved to the image */
struct bpfobj_line {
	uint32_t insn;	  /* first insn it covers */
	const char *file; /* as in BTF, e.g. "./prog.bpf.c" (the log prints its basename) */
	const char *src;  /* the source line text ("" when absent) */
	uint32_t line, col;
};

struct bpfobj_prog {
	const char *name;     /* ELF symbol of the program */
	const char *section;  /* SEC() name, e.g. "syscall", "uprobe.s", "tc" */
	uint32_t prog_type;   /* enum bpf_prog_type (libbpf's for the section), 0 when unknown */
	uint32_t attach_type; /* enum bpf_attach_type (expected attach type) */
	bool sleepable;	      /* libbpf would set BPF_F_SLEEPABLE (section table) */

	struct bpf_insn *insns; /* the image; ninsns entries */
	uint32_t ninsns;
	struct bpfobj_insn_info *info; /* ninsns entries */

	struct bpfobj_subprog *subprogs; /* by id (== sorted by start); [0] is main */
	uint32_t nsubprogs;
	struct bpfobj_edge *edges; /* sorted by insn */
	uint32_t nedges;
	struct bpfobj_line *lines; /* sorted by insn; empty without .BTF.ext */
	uint32_t nlines;
};

struct bpfobj {
	const char *name;	   /* file name given to bpfobj_open_mem() */
	const char *license;	   /* "GPL", or NULL when no "license" section */
	bool has_btf;		   /* .BTF parsed */
	bool has_btf_ext;	   /* .BTF.ext line/func info parsed */
	struct bpfobj_prog *progs; /* in ELF order (section, then symbol offset) */
	uint32_t nprogs;
	void *priv; /* private to bpfobj.c */
};

/*
 * Read an ELF object from memory (copied as needed: buf may go away after
 * the call) into m->obj. 0 or -errno with "NAME: what is wrong" in err.
 * Warnings (no BTF, unknown section, ...) go to model_warn(m).
 */
int bpfobj_open_mem(struct model *m, const void *buf, size_t len, const char *name, char *err,
		    size_t errlen);
/*
 * Join m->obj with the programs parsed from the log (or, without a log,
 * create one program per object program, verdict VERDICT_UNKNOWN).
 * A log program is matched by its name when the log names it, else by its
 * func#N starts and instruction texts. A match is checked (func#N @M, and
 * every instruction text the log shows against bpfobj_insn_matches()); on
 * success the program gets section, sleepable, subprogs (names, linkage,
 * roles, start/end, btf_proto), edges, and visits/insn_line arrays grown
 * to the image size (ninsns). A mismatch is a warning (model_warn: "first
 * differing insn N: log '..' vs object '..'") and the log program is left
 * as it was. 0 or -errno (-ENOMEM) with a message in err.
 */
int bpfobj_join(struct model *m, char *err, size_t errlen);
/*
 * The same, with the program the user named (-p, NULL: none) as a hint
 * for a log that fits several programs of the object (byte-identical
 * twins): instruction texts first, then the source lines the log prints,
 * then the hint; when it still fits several, the log stays alone and a
 * warning names them.
 */
int bpfobj_join_hint(struct model *m, const char *prog, char *err, size_t errlen);
/* the object program joined with m->progs.v[prog], or NULL (no object, no match) */
const struct bpfobj_prog *bpfobj_joined(const struct model *m, uint32_t prog);
void bpfobj_free(struct bpfobj *obj);

/* the program named name, or NULL */
const struct bpfobj_prog *bpfobj_prog_by_name(const struct bpfobj *obj, const char *name);
/* the subprogram containing insn, or NULL */
const struct bpfobj_subprog *bpfobj_subprog_at(const struct bpfobj_prog *p, uint32_t insn);
/* the line_info in force at insn, or NULL */
const struct bpfobj_line *bpfobj_line_at(const struct bpfobj_prog *p, uint32_t insn);

/*
 * Print insn i of p as the kernel's verifier log does, without the "N: "
 * prefix: "(bf) r6 = r1", "(85) call bpf_map_lookup_elem#1", "(85) call pc+7".
 * Map, global data and __ksym loads print "(18) r1 = 0x0" (a privileged
 * load's log shows an address there), kfunc calls "call NAME#0" (the log
 * shows a vmlinux BTF id), the second half of an ld_imm64 "BUG_ld_00"
 * (the kernel never prints it). Returns what snprintf returns.
 */
int bpfobj_disasm(const struct bpfobj_prog *p, uint32_t i, char *buf, size_t len);

/*
 * Does the instruction text of a log line (after "N: ", without the
 * "  ; ..." trailer: see bpfdis_log_line()) equal the disassembly of insn i?
 * Map/data addresses of ld_imm64 and kfunc BTF ids compare as kinds, not
 * values. The object's text is left in obj (objlen bytes, may be NULL).
 */
bool bpfobj_insn_matches(const struct bpfobj_prog *p, uint32_t i, const char *log, size_t loglen,
			 char *obj, size_t objlen);

/* helper name by id ("bpf_map_lookup_elem"), NULL when unknown */
const char *bpfobj_helper_name(int32_t id);

/*
 * Section name to (prog type, expected attach type, sleepable) as libbpf
 * would load it; the sleepable flag and the names newer than libbpf 1.1
 * come from the rules table (src/rules/sleep_table.c). A leading '?' is ignored.
 * Returns false when the section names no program type we know.
 */
bool bpfobj_section_info(const char *sec, uint32_t *prog_type, uint32_t *attach_type,
			 bool *sleepable);

#endif
