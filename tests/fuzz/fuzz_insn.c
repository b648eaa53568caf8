// SPDX-License-Identifier: MIT
/*
 * fuzz_insn.c — libFuzzer harness for instruction text, both ways: the
 * first 16 bytes are two BPF instructions printed by the disassembler
 * (bpfdis_insn), the rest is one log line cut by bpfdis_log_line() and
 * classified by the log's line classifier; the two texts are then
 * compared under each rule the join uses, and decoded into operands
 * (vlog_insn_ops) and checked against the bytes. Prints nothing, keeps
 * nothing.
 */
#include <string.h>

#include "parsers/bpfdis.h"
#include "parsers/vlog_insn.h"
#include "parsers/vlog_line.h"
#include "tests/fuzz/fuzz.h"

#define FUZZ_MAX_LINE (1u << 16)

FUZZ_INIT(insn)
{
	(void)argc;
	(void)argv;
	return 0;
}

FUZZ_TARGET(insn)
{
	struct bpf_insn insns[2];
	struct vlog_line l;
	struct vlog_state_info si;
	struct dialect_marks dm = { 0 };
	struct vlog_insn_ops ops;
	char obj[128], small[6];
	const char *line, *text;
	size_t len, textlen;
	uint32_t insn;

	if (size < sizeof(insns) || size > FUZZ_MAX_LINE + sizeof(insns))
		return 0;
	memcpy(insns, data, sizeof(insns));
	line = (const char *)data + sizeof(insns);
	len = size - sizeof(insns);
	bpfdis_insn(&insns[0], 2, NULL, obj, sizeof(obj));
	bpfdis_insn(&insns[0], 1, "kfunc", small, sizeof(small));
	bpfdis_insn(&insns[1], 1, NULL, small, sizeof(small));
	bpfdis_helper_name(insns[0].imm);
	if (bpfdis_log_line(line, len, &insn, &text, &textlen)) {
		bpfdis_text_eq(text, textlen, obj, BPFDIS_CMP_EXACT);
		bpfdis_text_eq(text, textlen, obj, BPFDIS_CMP_ADDR);
		bpfdis_text_eq(text, textlen, obj, BPFDIS_CMP_KFUNC);
	}
	/* the operands of the disassembler's text agree with its bytes; a log line's decode */
	vlog_insn_ops(obj, (uint32_t)strlen(obj), &ops);
	vlog_insn_ops_agree(&ops, insns[0].code, insns[0].dst_reg, insns[0].src_reg, insns[0].off);
	vlog_insn_ops(line, (uint32_t)len, &ops);
	vlog_classify(line, 0, (uint32_t)len, false, false, &l);
	vlog_classify(line, 0, (uint32_t)len, true, true, &l);
	if (l.trailer_len && l.trailer_off + l.trailer_len <= len)
		vlog_state_info(line + l.trailer_off, l.trailer_len, &si, &dm);
	vlog_state_info(line, (uint32_t)len, &si, &dm);
	return 0;
}
