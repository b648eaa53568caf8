#!/bin/sh
# `veristep json --steps [--states]`: the per-step model of design.md
# (path_list, step_list), checked with python3 on a bundled sample and on
# corpus cases.
. "$(dirname "$0")/../lib.sh"

# check FILE PYTHON: run the python body with p = the first program of FILE's JSON
check() {
	python3 - "$1" "$2" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))["programs"][0]
exec(sys.argv[2])
PY
}

test_expect_success '--steps and --states go with json only (exit 2)' '
	"$VERISTEP" report --steps "$TOP/samples/loop_syscall_ok.log2" 2>err; test $? = 2 &&
	grep -q "go with json" err &&
	"$VERISTEP" dot --states "$TOP/samples/loop_syscall_ok.log2" 2>err; test $? = 2
'
if ! command -v python3 >/dev/null 2>&1; then
	test_skip 'json --steps' 'no python3 to read the JSON'
	test_done
	exit 0
fi
test_expect_success 'without --steps there is no step_list' '
	"$VERISTEP" json "$TOP/samples/loop_syscall_ok.log2" >out.json &&
	check out.json "assert \"step_list\" not in p and \"path_list\" not in p"
'
test_expect_success 'a bpf_loop callback: paths, their kinds, 1-based steps, callees' '
	"$VERISTEP" json --steps "$TOP/samples/loop_syscall_ok.log2" >out.json &&
	check out.json "
pl, sl = p[\"path_list\"], p[\"step_list\"]
assert [x[\"kind\"] for x in pl] == [\"start\", \"callback\", \"branch\"], pl
assert len(pl) == p[\"paths\"] and len(sl) == p[\"steps\"]
assert [s[\"step\"] for s in sl] == list(range(1, len(sl) + 1))
for s in sl:
    x = pl[s[\"path\"]]
    assert x[\"first_step\"] <= s[\"step\"] <= x[\"last_step\"], s
    assert \"state\" not in s
assert pl[1][\"from\"] == 5 and pl[1][\"to\"] == 7 and pl[1][\"pushed_at_step\"] == 5
assert sl[pl[1][\"pushed_at_step\"] - 1][\"call\"] == \"bpf_loop\"
assert [s[\"call\"] for s in sl if s[\"call\"]] == [\"bpf_loop\", \"bpf_copy_from_user\"]
assert sl[6][\"frame\"] == 1 and sl[6][\"subprog\"] == 1
"
'
if have_corpus; then
	test_expect_success 'an RCU section: every step from the opener to the refusal is in it' '
		"$VERISTEP" json --states "$SHARED/corpus/region_rcu_sleep_inside_rej/log2.txt" >out.json &&
		check out.json "
sl = p[\"step_list\"]
assert p[\"error_step\"] == len(sl) == 10
opener = [s for s in sl if s[\"call\"] == \"bpf_rcu_read_lock\"][0]
assert opener[\"regions\"] == []
for s in sl[opener[\"step\"]:]:
    assert s[\"regions\"] == [{\"kind\": \"rcu\", \"opened_at_insn\": opener[\"insn\"]}], s
    assert s[\"context\"] == \"non-sleepable\", s
e = sl[-1]
assert e[\"call\"] == \"bpf_copy_from_user\"
assert e[\"state\"][\"R1\"].startswith(\"map_value(\") and e[\"state\"][\"R2\"] == \"16\", e
"
	'
	test_expect_success 'the seed case: the async callback unit, its callee named' '
		"$VERISTEP" json --steps "$SHARED/corpus/async_timer_cb_global_rej/log2.txt" >out.json &&
		check out.json "
pl, sl = p[\"path_list\"], p[\"step_list\"]
assert [x[\"kind\"] for x in pl] == [\"start\", \"async_callback\"], pl
assert pl[1][\"unit\"] == 1 and pl[1][\"from\"] == 26 and pl[1][\"to\"] == 40
e = sl[p[\"error_step\"] - 1]
assert e[\"insn\"] == 44 and e[\"call\"] == \"read_user_global\", e
assert e[\"context\"] == \"non-sleepable\" and e[\"unit\"] == 1
"
	'
else
	test_skip 'an RCU section' 'no corpus (../shared is absent; VERISTEP_SHARED names another)'
	test_skip 'the seed case' 'no corpus (../shared is absent; VERISTEP_SHARED names another)'
fi
test_done
