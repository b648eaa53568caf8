#!/bin/sh
# veristep diff: two explorations compared. Our samples (a log against
# itself, a log against a copy whose addresses changed, an edited program
# against the original), bad usage, and with the corpus the five kernels of
# corpus-kernels: the timer-callback verdict flip, a pair whose logs differ
# only in format, and the directory mode over every kernel pair.
. "$(dirname "$0")/../lib.sh"

S=$TOP/samples
K=$SHARED/corpus-kernels
C=$SHARED/corpus

# diff_rc WANT OUT ARGS...: run diff, keep stdout in OUT, want exit WANT
diff_rc() {
	want=$1 out=$2
	shift 2
	"$VERISTEP" diff "$@" >"$out" 2>"$out.err"
	rc=$?
	[ "$rc" = "$want" ] || { echo "exit $rc, want $want"; cat "$out" "$out.err"; return 1; }
}

for log in "$S"/*.log2; do
	name=$(basename "$log" .log2)
	test_expect_success "$name: a log against itself is no difference (exit 0)" "
		diff_rc 0 self.out '$S/$name.bpf.o' '$log' '$log' &&
		grep -qx 'no difference' self.out &&
		grep -q '^  exploration: the same' self.out
	"
done

test_expect_success 'a log whose addresses and blanks changed is no difference' '
	sed "s/0xffff[0-9a-f]*/0xffff888100001234/g; s/   ; /       ; /" \
		"$S/timer_global_rej.log2" >moved.log2 &&
	! cmp -s moved.log2 "$S/timer_global_rej.log2" &&
	diff_rc 0 moved.out "$S/timer_global_rej.bpf.o" "$S/timer_global_rej.log2" moved.log2
'

test_expect_success 'a log with one value changed differs in its state (exit 1)' '
	sed "s/R3_w=1\$/R3_w=2/; s/R3=1\$/R3=2/" "$S/timer_global_rej.log2" >val.log2 &&
	! cmp -s val.log2 "$S/timer_global_rej.log2" &&
	diff_rc 1 val.out "$S/timer_global_rej.bpf.o" "$S/timer_global_rej.log2" val.log2 &&
	grep -q "what: the state before it: R3 is 1 in A, 2 in B" val.out
'

# same_as_rebuild OBJ A B: diff --json finds what rebuilding both states at
# every step finds (VERISTEP_DIFF_REBUILD=1); without it, a step whose two
# sides move the state alike is not rebuilt
same_as_rebuild() {
	"$VERISTEP" diff --json "$@" >fast.json 2>/dev/null
	fast=$?
	VERISTEP_DIFF_REBUILD=1 "$VERISTEP" diff --json "$@" >slow.json 2>/dev/null
	slow=$?
	[ "$fast" = "$slow" ] && [ "$fast" -lt 2 ] && cmp -s fast.json slow.json ||
		{ echo "$*: exit $fast and $slow"; diff fast.json slow.json | head; return 1; }
}
# bump N FILE: the Nth delta ending in "=NUMBER" gets NUMBER+1 (a value that
# later steps overwrite: the states differ for a while, then agree)
bump() {
	awk -v n="$1" '/ ; R[0-9]/ && / R[0-9]+(_w)?=[0-9]+$/ && ++seen == n {
		match($0, /[0-9]+$/); $0 = substr($0, 1, RSTART - 1) (substr($0, RSTART) + 1) } { print }' "$2"
}
# bump_state N FILE: the same in the Nth full state print ("12: R1=.. R3=5 ..")
bump_state() {
	awk -v n="$1" '/^[0-9]+: (frame[0-9]+: )?R[0-9]/ && / R[0-9]+(_w)?=[0-9]+( |$)/ && ++seen == n {
		match($0, / R[0-9]+(_w)?=[0-9]+( |$)/); s = substr($0, RSTART, RLENGTH)
		sub(/[0-9]+ ?$/, "9&", s); $0 = substr($0, 1, RSTART - 1) s substr($0, RSTART + RLENGTH) } { print }' "$2"
}
# bumped_samples: each sample with enough deltas against its bumped copy; how many
bumped_samples() {
	n=0
	for log in "$S"/*.log2; do
		d=$(grep -E ' ; R[0-9]' "$log" | grep -cE ' R[0-9]+(_w)?=[0-9]+$')
		[ "$d" -gt 2 ] || continue
		bump $((d / 2)) "$log" >bumped.log2
		! cmp -s bumped.log2 "$log" &&
			same_as_rebuild "${log%.log2}.bpf.o" "$log" bumped.log2 &&
			grep -qE '"what":[[:space:]]*"state"' fast.json || { echo "$log"; return 1; }
		n=$((n + 1))
	done
	echo "$n samples"
	[ "$n" -ge 8 ]
}
test_expect_success 'every sample, one delta value changed in the middle: the same divergence as a rebuild at every step' '
	bumped_samples
'

test_expect_success 'an edited program: the added NULL check is the first divergence' '
	diff_rc 1 edit.out "$S/null_deref_rej.bpf.o" "$S/null_deref_rej.log2" \
		"$S/null_deref_checked_ok.bpf.o" "$S/null_deref_checked_ok.log2" &&
	grep -q "^  verdict: rejected -> accepted\$" edit.out &&
	grep -q "^  error A: R0 invalid mem access .map_value_or_null.\$" edit.out &&
	grep -q "^  first divergence: A unit 1 (main program null_deref), A path 1 step 8 insn 8, B path 1 step 8 insn 8\$" edit.out &&
	grep -q "what: the explorations take different instructions" edit.out &&
	grep -q "B: 8: (15) if r0 == 0x0 goto" edit.out &&
	grep -q "; if (!hits) @ null_deref_checked_ok.bpf.c:" edit.out
'

test_expect_success 'the same edit as JSON' '
	diff_rc 1 edit.json --json "$S/null_deref_rej.bpf.o" "$S/null_deref_rej.log2" \
		"$S/null_deref_checked_ok.bpf.o" "$S/null_deref_checked_ok.log2" &&
	python3 - edit.json <<-EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	p = d["programs"][0]
	assert p["name"] == "null_deref", p
	assert p["verdict_changed"] is True and p["two_builds"] is True, p
	assert p["a"]["verdict"] == "rejected" and p["b"]["verdict"] == "accepted", p
	fd = p["first_divergence"]
	assert fd["what"] == "insn" and fd["insn"] == 8 and fd["a_step"] == 8, fd
	assert fd["b_text"].startswith("8: (15) if r0 == 0x0"), fd
	assert p["stats_delta"]["processed_insns"] == 7, p["stats_delta"]
	EOF
'

test_expect_success 'bad usage and missing files exit 2' '
	diff_rc 2 u1.out "$S/timer_global_rej.log2" &&
	diff_rc 2 u2.out "$S/timer_global_rej.log2" "$S/wq_global_ok.log2" "$S/loop_xdp_rej.log2" &&
	diff_rc 2 u3.out "$S/timer_global_rej.log2" /nonexistent/log2 &&
	grep -q "^veristep: /nonexistent/log2: " u3.out.err &&
	diff_rc 2 u4.out -p no_such_prog "$S/timer_global_rej.log2" "$S/timer_global_rej.log2"
'

test_expect_success 'diff --tui without a terminal says so (exit 2)' '
	diff_rc 2 t.out --tui "$S/null_deref_rej.bpf.o" "$S/null_deref_rej.log2" \
		"$S/null_deref_checked_ok.bpf.o" "$S/null_deref_checked_ok.log2" </dev/null &&
	grep -q "^veristep: diff --tui: needs a terminal" t.out.err
'

if [ -d "$K" ] && [ -d "$C" ]; then
	k617=$(ls -d "$K"/6.17* | head -n 1)
	k73=$(ls -d "$K"/7.3* | head -n 1)
	test_expect_success '6.17 -> 7.3.4: the timer callback flips the verdict, with its context' "
		diff_rc 1 flip.out '$C/async_timer_cb_global_rej/prog.bpf.o' \
			'$k617/async_timer_cb_global_rej/log2.txt' '$k73/async_timer_cb_global_rej/log2.txt' &&
		grep -q '^  verdict: accepted -> rejected\$' flip.out &&
		grep -q '^  first divergence: A unit 2 (async callback timer_cb), .* insn 44, .* insn 44\$' flip.out &&
		grep -q 'what: B stops here with its error, A goes on' flip.out &&
		grep -q '^    timer_cb: sleepable -> non-sleepable\$' flip.out &&
		grep -q '^      rule: bpf_timer callback: .* (changed by 469d638d1520)\$' flip.out &&
		\"\$VERISTEP\" diff --json '$C/async_timer_cb_global_rej/prog.bpf.o' \
			'$k617/async_timer_cb_global_rej/log2.txt' '$k73/async_timer_cb_global_rej/log2.txt' >flip.json
		[ \$? = 1 ] && python3 -c '
import json, sys
p = json.load(open(\"flip.json\"))[\"programs\"][0]
c = [x for x in p[\"contexts\"] if x[\"subprog\"] == \"timer_cb\"][0]
assert c[\"a\"] == [\"sleepable\"] and c[\"b\"] == [\"non-sleepable\"] and c[\"rule\"] == \"timer_cb\", c
assert p[\"first_divergence\"][\"what\"] == \"end\" and p[\"first_divergence\"][\"insn\"] == 44, p
'
	"
	test_expect_success '6.17 -> 7.3.4: logs that differ only in format are no difference' "
		! cmp -s '$k617/global_chain_sleepable_ok/log2.txt' '$k73/global_chain_sleepable_ok/log2.txt' &&
		diff_rc 0 fmt.out '$C/global_chain_sleepable_ok/prog.bpf.o' \
			'$k617/global_chain_sleepable_ok/log2.txt' '$k73/global_chain_sleepable_ok/log2.txt'
	"
	test_expect_success '6.17 -> 7.3.4: the code listing of 7.x and its poisoned slots are no difference' "
		diff_rc 0 deep.out '$C/struct_deep_static_chain_ok/prog.bpf.o' \
			'$k617/struct_deep_static_chain_ok/log2.txt' '$k73/struct_deep_static_chain_ok/log2.txt' &&
		\"\$VERISTEP\" json '$k73/struct_deep_static_chain_ok/log2.txt' >deep.json &&
		python3 -c '
import json
p = json.load(open(\"deep.json\"))[\"programs\"][0]
assert len(p[\"units\"]) == 1 and p[\"units\"][0][\"kind\"] == \"main\", p[\"units\"]
assert p[\"steps\"] == 135, p[\"steps\"]
'
	"
	test_expect_success 'every case, 6.12 -> 6.17 and 6.17 -> 7.3.4: the same as a rebuild at every step' "
		k612=\$(ls -d '$K'/6.12* | head -n 1) && n=0 &&
		for c in '$C'/*/; do
			c=\$(basename \$c)
			for pair in \"\$k612 $k617\" \"$k617 $k73\"; do
				set -- \$pair
				[ -f \$1/\$c/log2.txt ] && [ -f \$2/\$c/log2.txt ] || continue
				same_as_rebuild '$C'/\$c/prog.bpf.o \$1/\$c/log2.txt \$2/\$c/log2.txt || exit 1
				n=\$((n + 1))
			done
		done
		echo \"\$n pairs\" && [ \$n -ge 40 ]
	"
	test_expect_success 'a value changed in a full state print mid-path (every 7th print of 700): as a rebuild at every step' "
		log='$C/big_many_states_pruning_ok/log2.txt' && n=0 &&
		for i in 7 100 350 699; do
			bump_state \$i \"\$log\" >bumped.log2 && ! cmp -s bumped.log2 \"\$log\" &&
			same_as_rebuild '$C/big_many_states_pruning_ok/prog.bpf.o' \"\$log\" bumped.log2 &&
			grep -qE '\"what\":[[:space:]]*\"state\"' fast.json || exit 1
			n=\$((n + 1))
		done
		[ \$n = 4 ]
	"
	test_expect_success 'directory mode over every pair of kernels, in seconds' "
		set -- \$(ls -d '$K'/*/) &&
		prev= &&
		for d in \"\$@\"; do
			if [ -n \"\$prev\" ]; then
				timeout 30 \"\$VERISTEP\" diff --objects '$C' \"\$prev\" \"\$d\" >dir.out 2>dir.err
				rc=\$?
				[ \$rc = 1 ] || { echo \"\$prev \$d: exit \$rc\"; cat dir.err; exit 1; }
				grep -q '^FILE  *PROGRAM ' dir.out || exit 1
				grep -q ' log pairs, .* programs, .* differ' dir.out || exit 1
			fi
			prev=\$d
		done
	"
	test_expect_success 'rotated logs (read from .xz) are not walked in step' "
		diff_rc 0 rot.out '$k617/big_complexity_limit_rej/log2.capped.txt.xz' \
			'$k73/big_complexity_limit_rej/log2.capped.txt.xz' ||
		diff_rc 1 rot.out '$k617/big_complexity_limit_rej/log2.capped.txt.xz' \
			'$k73/big_complexity_limit_rej/log2.capped.txt.xz'
		grep -q '^  exploration: not compared (A.s log lost its head: a rotated buffer)\$' rot.out
	"
	test_expect_success 'directory mode: verdict changes sort first' "
		\"\$VERISTEP\" diff --objects '$C' '$k617' '$k73' >dir2.out
		[ \$? = 1 ] &&
		sed -n 2p dir2.out | grep -q 'async_timer_cb_global_rej/log1.txt  *timer_global  *accepted  *rejected'
	"
else
	for t in 'timer flip' 'format only' 'directory mode' 'directory order'; do
		test_skip "corpus-kernels: $t" 'no corpus (../shared is absent; VERISTEP_SHARED names another)'
	done
fi
test_done
