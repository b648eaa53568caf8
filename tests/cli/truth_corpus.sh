#!/bin/sh
# Issue 13's "Done when" on every log of the three corpora (corpus,
# corpus-kernels, corpus-public): tests/cli/truth_corpus.py checks paths,
# steps, regions and the refused call's arguments against each log's text.
# The 16 MB capped logs (14 s) run with VERISTEP_CORPUS_ALL=1; the two
# giants (100 MB, 762 MB) are the benchmarks' (make bench).
. "$(dirname "$0")/../lib.sh"

CHECK="$TOP/tests/cli/truth_corpus.py"
if ! command -v python3 >/dev/null 2>&1; then
	test_skip 'exploration invariants' 'no python3 to read the JSON'
	test_done
	exit 0
fi

# a veristep whose JSON is doctored by the python body: the checker must see it
fake() {
	cat >"$TMPD/fake" <<FAKE
#!/bin/sh
"$VERISTEP" "\$@" | python3 -c '
import json, sys
d = json.load(sys.stdin)
p = d["programs"][0]
$1
json.dump(d, sys.stdout)'
FAKE
	chmod +x "$TMPD/fake"
}
test_expect_success 'the checker passes the samples' '
	python3 "$CHECK" "$VERISTEP" "$TOP"/samples/*.log2 >out && cat out &&
	grep -q "checked [1-9][0-9]* logs" out
'
log=$TOP/samples/rcu_kfunc_rej.log2
test_expect_success 'it fails on a path from an exit, a wrong error_step, too many paths' '
	fake "p[\"path_list\"].append(dict(p[\"path_list\"][0], path=1, **{\"from\": 18}))" &&
	grep -q "18: 0\.* (95) exit" "$log" &&
	! python3 "$CHECK" "$TMPD/fake" "$log" >out && grep -q "starts at the return of exit insn 18" out &&
	grep -q "2 paths > 0 pops + 1 units" out &&
	fake "p[\"error_step\"] = 1" &&
	! python3 "$CHECK" "$TMPD/fake" "$log" >out && grep -q "error_step 1 is not the last step" out
'
test_expect_success 'it fails on a step out of its RCU region, a refused call without R2' '
	fake "p[\"step_list\"][-2][\"regions\"] = []; del p[\"step_list\"][-1][\"state\"][\"R2\"]; p[\"error\"] += \" R2\"" &&
	! python3 "$CHECK" "$TMPD/fake" "$log" >out &&
	grep -q "rcu region opened at insn 2 not open" out && grep -q "R2 (named by the error) not in the state" out
'
if have_corpus; then
	test_expect_success 'every corpus log: paths, steps, regions, refused calls' '
		find -L "$SHARED/corpus" "$SHARED/corpus-kernels" "$SHARED/corpus-public" -type f \
			\( -name "*.txt" -o -name "*.txt.xz" \) ! -path "*/corpus/big_complexity_limit_rej/*.xz" |
			{ if [ "${VERISTEP_CORPUS_ALL:-}" ]; then cat; else grep -v "capped"; fi; } |
			sort >logs && [ "$(wc -l <logs)" -gt 300 ] &&
		python3 "$CHECK" "$VERISTEP" $(cat logs) >out; rc=$?; cat out; [ $rc = 0 ] &&
		grep -q "in-region steps" out
	'
else
	test_skip 'every corpus log' 'no corpus (../shared is absent; VERISTEP_SHARED names another)'
fi
test_done
