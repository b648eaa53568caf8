#!/bin/sh
# golden_samples.sh — `veristep json` and `veristep report` of every sample
# (samples/*.log2, *.log1 with their object) equal tests/golden/samples/;
# `make golden` rewrites them. Any change to the JSON contract or the report
# shows here as a diff. Runs without root or the corpus.
. "$(dirname "$0")/../lib.sh"
g=$TOP/tests/golden/samples
cd "$TOP" || exit 1
for log in samples/*.log2 samples/*.log1; do
	base=$(basename "$log")
	obj=samples/${base%.log[12]}.bpf.o
	[ -f "$obj" ] || { test_skip "$base" "no object $obj"; continue; }
	for fmt in json report; do
		if [ ! -f "$g/$base.$fmt" ]; then
			test_expect_success "$base: $fmt golden exists" "false"
			continue
		fi
		test_expect_success "$base: $fmt equals the golden" "
			(cd '$TOP' && \"\$VERISTEP\" $fmt '$obj' '$log') >out.$fmt &&
			diff -u '$g/$base.$fmt' out.$fmt
		"
	done
done
# the comparison can fail: a changed byte in a copy of a golden is caught
cp "$g/loop_xdp_rej.log2.json" "$TMPD/changed.json"
sed -i 's/"rejected"/"accepted"/' "$TMPD/changed.json"
test_expect_success "a changed golden is a difference" "
	(cd '$TOP' && \"\$VERISTEP\" json samples/loop_xdp_rej.bpf.o samples/loop_xdp_rej.log2) >out &&
	! diff -q changed.json out >/dev/null
"
test_done
