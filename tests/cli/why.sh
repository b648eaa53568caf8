#!/bin/sh
# `veristep why`: the chain of steps that produced a value (design.md,
# "Where a value came from"), on the fixtures of tests/fixtures/why (built
# and recorded here, see their headers) and the samples; `json`'s
# error_provenance and the report's lines; and every corpus log.
. "$(dirname "$0")/../lib.sh"

FX=$TOP/tests/fixtures/why

# chain FILE PYTHON: run the python body with w = the JSON object of FILE
# and c = its chain; vias(insn) is the list of "via" words at that insn
chain() {
	python3 - "$1" "$2" <<'PY'
import json, sys
w = json.load(open(sys.argv[1]))
c = w["chain"]
def vias(insn):
    return [l["via"] for l in c if l["insn"] == insn]
def at(insn):
    return [l for l in c if l["insn"] == insn]
exec(sys.argv[2])
PY
}

test_expect_success 'bad WHAT and --step elsewhere are usage errors (exit 2)' '
	"$VERISTEP" why "$FX/why_mask_rej.log2" R11 2>err; test $? = 2 && grep -q "not a register" err &&
	"$VERISTEP" report --step 3 "$FX/why_mask_rej.log2" 2>err; test $? = 2 && grep -q "step goes with why" err &&
	"$VERISTEP" why --step 0 "$FX/why_mask_rej.log2" 2>err; test $? = 2
'
test_expect_success 'a step past the end, an error that names nothing: one line, exit 1' '
	expect_one_line_error "$VERISTEP" why --step 999 "$FX/why_mask_rej.log2" &&
	expect_one_line_error "$VERISTEP" why "$TOP/samples/timer_global_rej.log2" &&
	expect_one_line_error "$VERISTEP" why "$TOP/samples/loop_syscall_ok.log2" &&
	expect_one_line_error "$VERISTEP" why "$TOP/samples/map_oob_rej.bpf.o" &&
	"$VERISTEP" why "$TOP/samples/map_oob_rej.bpf.o" 2>&1 | grep -q "has no steps (no log given"
'
if ! command -v python3 >/dev/null 2>&1; then
	test_skip 'why --json' 'no python3 to read the JSON'
	test_done
	exit 0
fi
test_expect_success 'map value out of bounds: add, shift, mask, the constant on the taken branch, ctx load, lookup' '
	"$VERISTEP" why --json "$FX/why_mask_rej.bpf.o" "$FX/why_mask_rej.log2" >w.json &&
	chain w.json "
assert w[\"what\"] == \"R0\" and w[\"insn\"] == 18 and w[\"stop\"] == \"origin\", w
assert vias(17) == [\"computed with R1\"], vias(17)          # r0 += r1
assert vias(16) == [\"computed\"]                             # r1 <<= 2
assert vias(15) == [\"computed with R2\"]                     # r1 &= r2
assert vias(14) == [\"origin: constant\"] and at(14)[0][\"value\"] == \"255\"  # r2 = 255
assert at(14)[0][\"text\"] == \"r2 = 255\"
assert 13 not in [l[\"insn\"] for l in c] and 11 not in [l[\"insn\"] for l in c]  # not the other branch
assert vias(9) == [\"origin: load from memory (ctx)\"]        # r1 = skb->len
assert vias(8) == [\"narrowed by branch fall-through\"]       # if r0 == 0
assert at(8)[0][\"value\"].startswith(\"map_value(\")
assert vias(7) == [\"origin: map lookup bpf_map_lookup_elem\"]
assert at(7)[0][\"value\"].startswith(\"map_value_or_null(\")
assert [l[\"step\"] for l in c] == sorted([l[\"step\"] for l in c], reverse=True)  # newest first
"
'
test_expect_success 'the constant is on the pushed path, the rest before its push' '
	"$VERISTEP" json --steps "$FX/why_mask_rej.log2" >s.json &&
	"$VERISTEP" why --json "$FX/why_mask_rej.log2" >w.json &&
	python3 - s.json w.json <<-\PY
	import json, sys
	p = json.load(open(sys.argv[1]))["programs"][0]
	c = json.load(open(sys.argv[2]))["chain"]
	err = [pa for pa in p["path_list"] if pa["first_step"] <= p["error_step"] <= pa["last_step"]][0]
	assert err["pushed_at_step"] is not None, err
	const = [l for l in c if l["insn"] == 14][0]
	assert err["first_step"] <= const["step"] <= err["last_step"]
	ctx = [l for l in c if l["insn"] == 9][0]
	assert ctx["step"] < err["pushed_at_step"], (ctx, err)
	PY
'
test_expect_success 'the same chain from the level-1 log' '
	"$VERISTEP" why --json "$FX/why_mask_rej.log1" >w1.json &&
	chain w1.json "assert [l[\"insn\"] for l in c] == [17, 16, 15, 14, 9, 8, 7], c"
'
test_expect_success 'stack-read refusal: the chain of R4 names r4 = r10 and r4 += -16' '
	"$VERISTEP" why --json "$FX/why_stack_rej.log2" >w.json &&
	chain w.json "
assert w[\"what\"] == \"R4\", w
assert [l[\"text\"] for l in c] == [\"r4 += -16\", \"r4 = r10\"], c
assert c[1][\"via\"] == \"origin: frame pointer\" and c[0][\"value\"] == \"fp-16\"
"
'
test_expect_success 'map_value_or_null refusal: the lookup and the missing NULL check' '
	"$VERISTEP" why --json "$TOP/samples/null_deref_rej.bpf.o" "$TOP/samples/null_deref_rej.log2" >w.json &&
	chain w.json "
assert c[0][\"via\"] == \"no NULL check of R0 on this path after step 7\", c[0]
assert c[0][\"step\"] == w[\"step\"]
assert c[1][\"insn\"] == 7 and c[1][\"via\"] == \"origin: map lookup bpf_map_lookup_elem\"
assert len(c) == 2
"
'
test_expect_success 'spills and fills (through r10 and through a stack pointer), a static subprog: arg in, R0 out' '
	"$VERISTEP" why --json "$FX/why_sub_rej.bpf.o" "$FX/why_sub_rej.log2" >w.json &&
	chain w.json "
got = [(l[\"insn\"], l[\"what\"], l[\"frame\"], l[\"via\"]) for l in c]
want = [(20, \"R0\", 0, \"computed with R7\"),
        (18, \"R0\", 0, \"origin: map lookup bpf_map_lookup_elem\"),
        (11, \"R7\", 0, \"copy of R0\"),
        (27, \"R0\", 0, \"R0 of call clamp\"),
        (26, \"R0\", 1, \"computed\"),
        (25, \"R0\", 1, \"copy of R1\"),
        (10, \"R1\", 1, \"arg R1 of callee clamp\"),
        (9, \"R1\", 0, \"fill fp-16\"),
        (7, \"fp-16\", 0, \"spill fp-16\"),
        (4, \"R1\", 0, \"fill fp-8\"),
        (2, \"fp-8\", 0, \"spill fp-8\"),
        (1, \"R1\", 0, \"origin: load from memory (ctx)\")]
assert got == want, got
assert at(18)[0][\"call\"] == \"r0 = bpf_map_lookup_elem(map: R1=map_ptr(map=vals,ks=4,vs=64), key: R2=fp-20)\", at(18)
assert \"call\" not in at(20)[0]
"
'
test_expect_success 'WHAT and --step: a slot at a step of our choosing' '
	"$VERISTEP" why --json --step 10 "$FX/why_sub_rej.log2" fp-16 >w.json &&
	chain w.json "
assert w[\"what\"] == \"fp-16\" and w[\"step\"] == 10
assert [l[\"via\"] for l in c][:2] == [\"spill fp-16\", \"fill fp-8\"], c
"
'
test_expect_success 'into an async callback: the chain ends at the argument the kernel sets' '
	"$VERISTEP" why --json "$FX/why_timer_rej.bpf.o" "$FX/why_timer_rej.log2" >w.json &&
	chain w.json "
assert w[\"what\"] == \"R1\", w
v = [l[\"via\"] for l in c]
assert v[:4] == [\"computed\", \"fill fp-8\", \"spill fp-8\", \"copy of R3\"], v
assert v[4].startswith(\"origin: async callback argument R3, registered by bpf_timer_set_callback at step \"), v
assert len(c) == 5
"
'
test_expect_success 'json carries error_provenance for a register the error names, not otherwise' '
	"$VERISTEP" json "$FX/why_stack_rej.log2" >j.json &&
	python3 -c "
import json
p = json.load(open(\"j.json\"))[\"programs\"][0]
e = p[\"error_provenance\"]
assert e[\"what\"] == \"R4\" and e[\"step\"] == p[\"error_step\"] and len(e[\"chain\"]) == 2
" &&
	"$VERISTEP" json "$TOP/samples/timer_global_rej.log2" >j.json &&
	! grep -q error_provenance j.json
'
test_expect_success 'report prints the chain under the error' '
	"$VERISTEP" why "$FX/why_stack_rej.log2" >o.txt &&
	grep -qF "r0 = bpf_perf_event_output(ctx: R1=ctx(), map: R2=map_ptr(map=events,ks=4,vs=4), flags: R3=0, data: R4=fp-16, size: R5=8)" o.txt &&
	"$VERISTEP" report "$FX/why_stack_rej.log2" >r.txt &&
	grep -q "^where R4 came from" r.txt &&
	grep -q "r4 = r10" r.txt && grep -q "origin: frame pointer" r.txt
'
test_expect_success 'a log without the parent path says where the chain stops, and why' '
	sed -n "/^from 12 to 14/,\$p" "$FX/why_mask_rej.log2" >cut.log &&
	"$VERISTEP" why --json cut.log >w.json &&
	chain w.json "
assert w[\"stop\"] == \"no_parent\" and w[\"stop_step\"] == 1, w
assert [l[\"insn\"] for l in c] == [17, 16, 15, 14], c
" &&
	"$VERISTEP" why cut.log >o.txt &&
	grep -q "the chain stops at step 1: the path.s parent is not in the log" o.txt
'

# every corpus log: never a crash; a rejected one whose error names a
# register or a slot gets a chain, or says why it stops
if ! have_corpus; then
	test_skip 'why on every corpus log' "no corpus at $SHARED"
else
	test_expect_success 'why on every corpus log: no crash; a chain or a reason' '
		n=0; bad=0
		for f in $(find "$SHARED/corpus" "$SHARED/corpus-kernels" "$SHARED/corpus-public" \
			\( -name "log[12].txt*" -o -name "*_l[12].txt" \) -size -4M | sort); do
			obj=$(dirname "$f")/prog.bpf.o; [ -f "$obj" ] || obj=
			"$VERISTEP" why -q --json $obj "$f" >w.json 2>err; rc=$?
			if [ $rc -gt 1 ]; then echo "exit $rc: $f"; bad=1; continue; fi
			if [ $rc = 1 ]; then
				[ "$(wc -l <err)" = 1 ] || { echo "not one line: $f"; bad=1; }
				continue
			fi
			n=$((n + 1))
			chain w.json "assert c or w[\"stop\"] != \"origin\", w" || { echo "empty: $f"; bad=1; }
		done
		echo "# $n chains" >&2
		test $bad = 0 && test $n -gt 10
	'
fi
test_done
