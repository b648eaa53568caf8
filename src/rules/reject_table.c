// SPDX-License-Identifier: MIT
/*
 * reject_table.c — the rows of the rejection classes (reject_table.h). The
 * wordings and limits are those of the 6.18 verifier (kernel/bpf/verifier.c):
 * MAX_CALL_FRAMES 8, MAX_BPF_STACK 512, BPF_COMPLEXITY_LIMIT_INSNS 1000000.
 */
#include <stdio.h>
#include <string.h>

#include "src/rules/reject_table.h"

static const struct reject_class classes[] = {
	{ "call_stack_too_deep", "the call stack of ", "the call stack of %ld frames",
	  "call stack too deep",
	  "BPF-to-BPF calls (static and global functions, callbacks) may nest at most 8 "
	  "frames deep, the program's own frame included (MAX_CALL_FRAMES).",
	  "this call would make {0} frames.",
	  "mark some static functions __always_inline, flatten the chain of calls, or do the "
	  "repeated part in a bpf_loop callback.",
	  "[source 6.18]" },
	{ "combined_stack_too_large", "combined stack size of ",
	  "combined stack size of %ld calls is %ld", "combined stack too large",
	  "the stack frames of a chain of calls may use at most 512 bytes together "
	  "(MAX_BPF_STACK).",
	  "{0} nested calls use {1} bytes together.",
	  "move large locals into a per-CPU array map (one slot as scratch space), shrink "
	  "them, or inline fewer functions into the deepest one.",
	  "[source 6.18]" },
	{ "program_too_large", "BPF program is too large",
	  "BPF program is too large. Processed %ld", "too many instructions processed",
	  "the verifier walks every path; it gives up after processing 1,000,000 instructions "
	  "in all (BPF_COMPLEXITY_LIMIT_INSNS), however short the program.",
	  "{0} instructions were processed.",
	  "bound loops tighter or write them with bpf_loop / open-coded iterators (bpf_for), "
	  "which verify the body once; keep fewer branches inside loops; let states prune "
	  "(fewer exact scalar values kept alive across a loop); split the work with tail "
	  "calls.",
	  "[source 6.18; confirmed 6.18]" },
	{ "infinite_loop", "infinite loop detected at insn ", "infinite loop detected at insn %ld",
	  "infinite loop",
	  "the verifier came back to a loop's head in a state equal to an "
	  "earlier one there: the loop makes no progress, so it could run forever.",
	  "the loop's head is insn {0}.",
	  "make the loop variable change on every iteration and test it against a constant "
	  "bound, or use bpf_loop / bpf_for.",
	  "[source 6.18; confirmed 6.18]" },
	{ "back_edge", "back-edge from insn ", "back-edge from insn %ld to %ld",
	  "loop (back-edge) refused",
	  "before Linux 5.3 the verifier refused every backward jump: no loops at all.",
	  "the jump from insn {0} goes back to insn {1}.",
	  "unroll the loop (#pragma unroll with a constant bound), or load on 5.3 or later.",
	  "[source 5.2]" },
	{ "misaligned_stack", "misaligned stack access", NULL, "misaligned stack access",
	  "an access to the stack must be aligned to its size (the verifier tracks stack "
	  "slots of 8 bytes and checks this alignment always, whatever the architecture).",
	  NULL,
	  "keep stack variables at offsets aligned to their size (a u64 at a multiple of 8), "
	  "copy packed data with __builtin_memcpy into an aligned variable, or give the "
	  "buffer __attribute__((aligned(8))).",
	  "[source 6.18]" },
	{ "map_value_out_of_bounds", "invalid access to map value",
	  "invalid access to map value, value_size=%ld off=%ld size=%ld",
	  "map value access out of bounds",
	  "every access through a pointer to a map value must stay inside the value: "
	  "0 <= off and off + size <= value_size, for every value the offset may take.",
	  "an access of {2} bytes at offset {1} into a {0}-byte value.",
	  "test the index against the size before using it (if (i >= N) return 0;), or "
	  "mask it (i & (N - 1) for a power of two), so the verifier knows its bound; or "
	  "make the value larger.",
	  "[source 6.18]" },
	{ "unreachable_insn", "unreachable insn ", "unreachable insn %ld",
	  "unreachable instruction",
	  "every instruction must be reachable from the program's start.",
	  "insn {0} cannot be reached.",
	  "rebuild with -O2 (clang removes dead code); in hand-written code remove what no "
	  "jump reaches.",
	  "[source 6.18]" },
	/* the two below have no kernel message: `record` notes them in the log's frame */
	{ "not_verified_kernel", NULL, NULL, "refused before verification",
	  "BPF_PROG_LOAD checks who may load this program type, and the load's attributes, "
	  "before the verifier runs; refused there, the program was never verified (its log "
	  "is empty) and its code is not at fault.",
	  NULL,
	  "for EPERM, load with the capabilities the program type needs (CAP_BPF, plus "
	  "CAP_PERFMON for tracing programs or CAP_NET_ADMIN for networking ones, or "
	  "CAP_SYS_ADMIN), and see whether kernel lockdown or a security module's bpf hook "
	  "forbids it (the same object loads where they allow it); for another errno, the "
	  "attach target, expected attach type or flags the kernel cannot take.",
	  "[source 6.18; confirmed 6.18]" },
	{ "not_verified_libbpf", NULL, NULL, "refused by libbpf",
	  "libbpf prepares the whole object (maps created, relocations and BTF resolved) "
	  "before it asks the kernel to load a program; when that fails the kernel never saw "
	  "the program, and libbpf's own messages (kept with the log) say why.",
	  NULL,
	  "fix what libbpf names: a map the kernel cannot create (its type, size or "
	  "max_entries), a kernel BTF type or kfunc this kernel lacks (mark it __weak and "
	  "test it), a section name libbpf does not know.",
	  "[libbpf 1.1; confirmed 6.18]" },
};

const struct reject_class *reject_class_lookup(const char *msg)
{
	for (size_t i = 0; msg && i < sizeof(classes) / sizeof(classes[0]); i++)
		if (classes[i].match && strstr(msg, classes[i].match))
			return &classes[i];
	return NULL;
}

const struct reject_class *reject_class_by_id(const char *id)
{
	for (size_t i = 0; id && i < sizeof(classes) / sizeof(classes[0]); i++)
		if (!strcmp(classes[i].id, id))
			return &classes[i];
	return NULL;
}

int reject_class_values(const struct reject_class *c, const char *msg, long v[REJECT_MAX_VALS])
{
	const char *at;
	int n;

	v[0] = v[1] = v[2] = 0;
	if (!c || !c->scan || !msg || !(at = strstr(msg, c->match)))
		return 0;
	n = sscanf(at, c->scan, &v[0], &v[1], &v[2]);
	return n < 0 ? 0 : n;
}

void reject_class_here(const struct reject_class *c, const char *msg, char *buf, size_t n)
{
	long v[REJECT_MAX_VALS];
	int nv = reject_class_values(c, msg, v);
	size_t o = 0;

	if (n)
		buf[0] = '\0';
	if (!c || !c->here || !n)
		return;
	for (const char *t = c->here; *t && o + 1 < n; t++) {
		if (t[0] == '{' && t[1] >= '0' && t[1] < '0' + REJECT_MAX_VALS && t[2] == '}') {
			int k = t[1] - '0';
			int w = k < nv ? snprintf(buf + o, n - o, "%ld", v[k]) :
					 snprintf(buf + o, n - o, "?");

			if (w < 0)
				break;
			o += (size_t)w < n - o ? (size_t)w : n - o - 1;
			t += 2;
			continue;
		}
		buf[o++] = *t;
	}
	buf[o < n ? o : n - 1] = '\0';
	/* the message carried none of the values: say nothing rather than "?" */
	if (c->scan && !nv)
		buf[0] = '\0';
}
