#!/bin/sh
# scale.sh — hostile shapes of input that once cost more than their size:
# a program with an insn index near 2^20 followed by many tiny programs
# (each new program cleared the grown per-insn tables whole: 10,000 took
# 24 s), and many tiny programs (each kept a few KB of spare capacity). Not a benchmark: the bound is generous and only stops a regression
# to quadratic work; `make bench` measures speed.
. "$(dirname "$0")/../lib.sh"

# tiny N [BIG]: a libbpf-framed log of N tiny programs, after one at insn BIG
tiny() {
	awk -v n="$1" -v big="${2:-}" '
	function prog(name, insn) {
		printf "libbpf: prog '\''%s'\'': BPF program load failed: Permission denied\n", name
		printf "libbpf: prog '\''%s'\'': -- BEGIN PROG LOAD LOG --\n", name
		printf "0: R1=ctx() R10=fp0\n%d: (b7) r0 = 0                        ; R0_w=0\n", insn
		printf "%d: (95) exit\n", insn + 1
		printf "processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n"
		print "-- END PROG LOAD LOG --"
	}
	BEGIN { if (big != "") prog("big", big); for (i = 0; i < n; i++) prog("p" i, 0) }'
}

test_expect_success 'one 2^20-insn program then 20,000 tiny ones: report in linear time' '
	tiny 20000 1048570 >many.log &&
	timeout 20 "$VERISTEP" report many.log >many.out &&
	[ "$(grep -c "^program " many.out)" = 20001 ] &&
	grep -q "^program 20000: p19999" many.out
'
# model_ratio FILE: the model's size over the log's, times 100 (report's memstats)
model_ratio() {
	VERISTEP_MEMSTATS=1 "$VERISTEP" report "$1" 2>"$1.mem" >/dev/null &&
	log=$(sed -n "s/.*log_bytes \([0-9]*\).*/\1/p" "$1.mem") &&
	model=$(sed -n "s/.*model_bytes \([0-9]*\).*/\1/p" "$1.mem") &&
	[ -n "$log" ] && [ -n "$model" ] &&
	echo "log $log model $model: $((model / ($(grep -c "^processed" "$1")))) bytes a program" >&2 &&
	echo $((model * 100 / log))
}
# what a tiny program costs: packed (src/model/pack.c), about 40 bytes
# and a 16-byte slot; expanded, it was 456 bytes (a 272-byte struct
# program, its 2 steps, state, path, unit and context run, 2 rows of
# per-insn tables), 980 when each kept its rarely used fields and spare rows
test_expect_success '20,000 tiny programs: the model costs what they hold (under 0.4x the log)' '
	tiny 20000 >small.log &&
	r=$(model_ratio small.log) && echo "model/log: $r%" &&
	[ "$r" -lt 40 ]
'
test_expect_success '20,000 tiny programs without the loader framing: under 0.5x the log' '
	grep -v "^libbpf: \|^-- END" small.log >bare.log &&
	[ "$(grep -c "^processed" bare.log)" = 20000 ] &&
	r=$(model_ratio bare.log) && echo "model/log: $r%" &&
	[ "$r" -lt 50 ]
'
# pairing walked every pair of programs, reading each (now expanding a packed one)
test_expect_success 'diff of two logs of 20,000 tiny programs: paired by name, not pair by pair' '
	sed "s/p1\([0-9]*\)/q1\1/" small.log >renamed.log &&
	{ timeout 20 "$VERISTEP" diff small.log renamed.log >d.out; [ $? = 1 ]; } &&
	[ "$(grep -c ": only in B" d.out)" = 11111 ] && [ "$(grep -c ": only in A" d.out)" = 11111 ]
'
case $VERISTEP in
*build-san*) test_skip '200,000 bare tiny programs (the count of issue 19): linear, under 0.6x the log' \
	'the ASan build: 4 s for the report alone' ;;
*) test_expect_success '200,000 bare tiny programs (the count of issue 19): linear, under 0.6x the log' '
	awk "BEGIN { for (i = 0; i < 200000; i++) printf \"0: (b7) r0 = 0\\n1: (95) exit\\n%s\\n\", \
		\"processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\" }" >issue.log &&
	timeout 20 "$VERISTEP" report issue.log >issue.out &&
	grep -q "^program 199999:" issue.out &&
	r=$(model_ratio issue.log) && echo "model/log: $r%" &&
	[ "$r" -lt 60 ]
' ;;
esac
case $VERISTEP in
*build-san*) test_skip '20,000 tiny programs: the heap holds what the model counts, no holes' \
	'the ASan build: its quarantine keeps freed memory' ;;
*) test_expect_success '20,000 tiny programs: the heap holds what the model counts, no holes' '
	# arrays that grew to 16 elements and were cut to 2 when their program
	# ended left holes: the heap was twice the model
	sed -n 1,7p small.log >one.log &&
	VERISTEP_MEMSTATS=1 "$VERISTEP" report one.log 2>one.mem >/dev/null &&
	base=$(sed -n "s/.*rss_anon_kb \([0-9]*\).*/\1/p" one.mem) &&
	rss=$(sed -n "s/.*rss_anon_kb \([0-9]*\).*/\1/p" small.log.mem) &&
	model=$(sed -n "s/.*model_bytes \([0-9]*\).*/\1/p" small.log.mem) &&
	echo "anonymous memory $rss kB (one program: $base kB), model $model bytes" &&
	[ -n "$base" ] && [ -n "$rss" ] && [ $(((rss - base) * 1024)) -lt $((model * 3 / 2)) ]
' ;;
esac
case $VERISTEP in
*build-san*) test_skip '20,000 tiny programs: json holds one program as a JSON tree at a time' \
	'the ASan build: its quarantine keeps freed memory, peaks do not compare' ;;
*) test_expect_success '20,000 tiny programs: json holds one program as a JSON tree at a time' '
	VERISTEP_MEMSTATS=1 "$VERISTEP" report small.log 2>rmem >/dev/null &&
	VERISTEP_MEMSTATS=1 "$VERISTEP" json small.log 2>jmem >small.json &&
	r=$(sed -n "s/.*vm_hwm_kb \([0-9]*\).*/\1/p" rmem) &&
	j=$(sed -n "s/.*vm_hwm_kb \([0-9]*\).*/\1/p" jmem) &&
	echo "peak: report $r kB, json $j kB" &&
	[ -n "$r" ] && [ -n "$j" ] && [ "$j" -lt $((r * 3 / 2 + 2048)) ] &&
	python3 -c "import json,sys; d=json.load(open(\"small.json\")); sys.exit(len(d[\"programs\"]) != 20000)"
' ;;
esac
test_done
