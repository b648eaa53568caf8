#!/bin/sh
# same_output.sh — byte for byte the same output as the recorded one:
# `report`, `json` and `json --steps --states` of every sample and every
# corpus log hash to tests/golden/outputs.sha256 (the list of runs and the
# hashing: tests/golden/outputs.sh). A change meant to be invisible (a faster
# parser, a smaller model) must leave them all; a deliberate change of an
# output is recorded with `make golden` and shows in the diff. The kernel's
# BTF is pinned away (VERISTEP_VMLINUX): kfunc argument names could come
# from this machine's kernel.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/golden/outputs.sh"
WANT=$TOP/tests/golden/outputs.sha256
export VERISTEP_VMLINUX=/dev/null

# compare EXPECTED GOT: every run of GOT has the expected hash
compare() {
	awk 'NR == FNR { want[$2 " " $3 " " $4] = $1; next }
	     { k = $2 " " $3 " " $4
	       if (!(k in want)) { print "no recorded hash: " k; bad++ }
	       else if (want[k] != $1) { print "changed: " k; bad++ }
	       n++ }
	     END { print n " runs, " bad + 0 " differ"; exit bad > 0 }' "$1" "$2"
}

test_expect_success 'the recorded hashes are there' '
	[ -s "$WANT" ] && [ "$(grep -c " samples/" "$WANT")" -gt 100 ]
'
test_expect_success 'every sample log: report, json, json --steps --states as recorded' '
	outputs_hashes "$VERISTEP" "$TOP" /nonexistent >got &&
	[ "$(wc -l <got)" = "$(grep -c " samples/" "$WANT")" ] &&
	compare "$WANT" got
'
# the line scanner has an AVX2 and an SSE2 path: the second, forced, gives the same bytes
test_expect_success 'every sample log, the scanner without AVX2: the same' '
	VERISTEP_NO_AVX2=1 outputs_hashes "$VERISTEP" "$TOP" /nonexistent >got &&
	compare "$WANT" got
'
# a program is packed when its expansion costs more than a quarter of its log,
# and expanded when read: every program packed (VERISTEP_PACK=all), or none, the same bytes
test_expect_success 'every sample log, every program packed and expanded again: the same' '
	VERISTEP_PACK=all outputs_hashes "$VERISTEP" "$TOP" /nonexistent >got &&
	compare "$WANT" got
'
test_expect_success 'every sample log, no program packed: the same' '
	VERISTEP_PACK=none outputs_hashes "$VERISTEP" "$TOP" /nonexistent >got &&
	compare "$WANT" got
'
test_expect_success 'the comparison fails on one changed byte of one output' '
	outputs_hashes "$VERISTEP" "$TOP" /nonexistent | head -3 >got &&
	compare "$WANT" got &&
	sed "2s/^./x/" got >changed && ! compare "$WANT" changed >out && grep -q "^changed: json " out
'
if have_corpus; then
	test_expect_success 'every corpus log: report, json, json --steps --states as recorded' '
		outputs_hashes "$VERISTEP" "$TOP" "$SHARED" | grep -v " samples/" >got &&
		[ "$(wc -l <got)" = "$(grep -vc " samples/" "$WANT")" ] &&
		compare "$WANT" got
	'
	case $VERISTEP in
	*build-san*) test_skip 'every corpus log, every program packed and expanded again: the same' \
		'the ASan build: 40 s more; test_pack packs every corpus program under ASan' ;;
	*) test_expect_success 'every corpus log, every program packed and expanded again: the same' '
		VERISTEP_PACK=all outputs_hashes "$VERISTEP" "$TOP" "$SHARED" | grep -v " samples/" >got &&
		compare "$WANT" got
	' ;;
	esac
	if [ -n "${VERISTEP_CORPUS_ALL:-}" ]; then
		test_expect_success 'every corpus log, the scanner without AVX2: the same' '
			VERISTEP_NO_AVX2=1 outputs_hashes "$VERISTEP" "$TOP" "$SHARED" | grep -v " samples/" >got &&
			compare "$WANT" got
		'
	fi
else
	test_skip 'every corpus log: the same output' 'no corpus (../shared is absent; VERISTEP_SHARED names another)'
fi
test_done
