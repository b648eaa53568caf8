#!/bin/sh
# make bench — veristep on the kernel's biggest logs, measured against wc -l
# and cat on the same file in the same run (ratios: machines are noisy).
# Needs the shared corpus (../shared) for its 762 MB log; BENCH_LOG=FILE
# measures another log instead.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
VERISTEP=${VERISTEP:-$TOP/veristep}
BUILD=${VERISTEP_BUILD:-$TOP/build}
MOVES_BIN=$BUILD/tests/bench_moves
MEMCHR_BIN=$BUILD/tests/memchr_pass
SHARED=${VERISTEP_SHARED:-$TOP/../shared}
CACHE=$TOP/bench-cache
mkdir -p "$CACHE"

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l 2>/dev/null || awk "BEGIN{print $2 - $1}"; }
fmt() { awk "BEGIN{printf \"%.3f\", $1}"; }
ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }

# best of 3 wall times of a command, in seconds
best3() {
	best=""
	for _ in 1 2 3; do
		t0=$(now)
		"$@" >/dev/null 2>&1
		t1=$(now)
		t=$(awk "BEGIN{print $t1 - $t0}")
		if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
	done
	echo "$best"
}

LOG=${BENCH_LOG:-}
if [ -z "$LOG" ]; then
	XZ=$SHARED/corpus/big_complexity_limit_rej/log2.txt.xz
	if [ ! -f "$XZ" ]; then
		echo "bench: no $XZ (the shared corpus is not beside the checkout); set BENCH_LOG=FILE"
		exit 0
	fi
	LOG=$CACHE/big_complexity_limit_rej.log2.txt
	if [ ! -s "$LOG" ]; then
		echo "bench: decompressing $XZ once into $LOG ..."
		xz -dc "$XZ" >"$LOG.tmp" && mv "$LOG.tmp" "$LOG"
	fi
fi

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //') ($(nproc) cores)"
echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "kernel: $(uname -r)   veristep: $("$VERISTEP" -V)"
SIZE=$(stat -c %s "$LOG")
LINES=$(wc -l <"$LOG")
echo "log: $LOG ($SIZE bytes, $LINES lines)"
cat "$LOG" >/dev/null # warm the page cache

measure() { # FILE LABEL: prints one row of the table, sets R_RATIO R_MEM R_MEMCHR
	f=$1
	sz=$(stat -c %s "$f")
	t_wc=$(best3 wc -l "$f")
	t_cat=$(best3 cat "$f")
	t_mc=$(best3 "$MEMCHR_BIN" "$f")
	t_rep=$(best3 "$VERISTEP" report -q "$f")
	mem=$(VERISTEP_MEMSTATS=1 "$VERISTEP" report -q "$f" 2>&1 >/dev/null | sed -n 's/.*rss_anon_kb \([0-9]*\).*/\1/p')
	R_RATIO=$(ratio "$t_rep" "$t_wc")
	R_MEMCHR=$(ratio "$t_rep" "$t_mc")
	R_MEM=$(awk "BEGIN{printf \"%.1f\", $mem * 1024 * 100 / $sz}")
	printf "%-10s %12s %9s %9s %9s %9s %8s %8s %9s %10s %7s%%\n" "$2" "$sz" "$(fmt "$t_wc")" \
		"$(fmt "$t_cat")" "$(fmt "$t_mc")" "$(fmt "$t_rep")" "$R_RATIO" "$(ratio "$t_rep" "$t_cat")" \
		"$R_MEMCHR" "$((mem / 1024)) MB" "$R_MEM"
}
header() {
	printf "%-10s %12s %9s %9s %9s %9s %8s %8s %9s %10s %8s\n" part bytes "wc -l s" "cat s" \
		"memchr s" "report s" "x wc" "x cat" "x memchr" "anon mem" "of log"
}

echo
echo "== veristep report (best of 3, page cache warm); memory = anonymous RSS at exit"
echo "   memchr: a bare pass finding every line end with one memchr() per line"
header
for frac in 8 4 2; do
	part=$CACHE/part-1-$frac.txt
	n=$((LINES / frac))
	[ -s "$part" ] && [ "$(wc -l <"$part")" = "$n" ] || head -n "$n" "$LOG" >"$part"
	cat "$part" >/dev/null
	measure "$part" "1/$frac"
done
measure "$LOG" "all"
REPORT_RATIO=$R_RATIO
REPORT_MEM=$R_MEM

echo
echo "== veristep json on the whole log (best of 3)"
t_wc=$(best3 wc -l "$LOG")
t_json=$(best3 "$VERISTEP" json "$LOG")
JSON_RATIO=$(ratio "$t_json" "$t_wc")
echo "json $(fmt "$t_json") s, wc -l $(fmt "$t_wc") s: x wc $JSON_RATIO"

L1_MEM=""
L1_XZ=$SHARED/corpus/big_complexity_limit_rej/log1.txt.xz
if [ -z "${BENCH_LOG:-}" ] && [ -f "$L1_XZ" ]; then
	L1=$CACHE/big_complexity_limit_rej.log1.txt
	[ -s "$L1" ] || { xz -dc "$L1_XZ" >"$L1.tmp" && mv "$L1.tmp" "$L1"; }
	cat "$L1" >/dev/null
	echo
	echo "== the same program's level-1 log (one long path)"
	header
	measure "$L1" "level 1"
	L1_MEM=$R_MEM
fi

echo
echo "== veristep diff of a log against itself: two loads, every step's state compared (best of 3)"
t_diff=$(best3 "$VERISTEP" diff -q "$LOG" "$LOG")
echo "level 2: diff $(fmt "$t_diff") s, x wc $(ratio "$t_diff" "$(best3 wc -l "$LOG")")"
if [ -n "${L1:-}" ] && [ -s "$L1" ]; then
	t_diff1=$(best3 "$VERISTEP" diff -q "$L1" "$L1")
	echo "level 1: diff $(fmt "$t_diff1") s, x wc $(ratio "$t_diff1" "$(best3 wc -l "$L1")")"
fi

echo
echo "== TUI without a terminal: first screen, then 10000 random cursor moves with a redraw each"
"$MOVES_BIN" "$LOG" 10000 | tee "$CACHE/moves.out"
FIRST=$(sed -n 's/.*first screen \([0-9.]*\) s.*/\1/p' "$CACHE/moves.out")
P99=$(sed -n 's/.* p99 \([0-9.]*\) ms.*/\1/p' "$CACHE/moves.out")
STATE_MAX=$(sed -n 's/^state at [0-9]* random steps: max \([0-9.]*\) ms.*/\1/p' "$CACHE/moves.out")
SLICE=$(sed -n 's/.*longest slice \([0-9.]*\) ms.*/\1/p' "$CACHE/moves.out")

TMUX_FIRST=""
if command -v tmux >/dev/null 2>&1; then
	echo
	echo "== the real TUI in tmux (132x40): time until the status bar shows"
	sock=veristep-bench-$$
	t0=$(now)
	tmux -L "$sock" new-session -d -x 132 -y 40 "$VERISTEP -q '$LOG'"
	while :; do
		if tmux -L "$sock" capture-pane -p 2>/dev/null | grep -q ' step [0-9]*/'; then break; fi
		if awk "BEGIN{exit !($(now) - $t0 > 30)}"; then break; fi
		sleep 0.02
	done
	t1=$(now)
	tmux -L "$sock" send-keys q 2>/dev/null || true
	tmux -L "$sock" kill-server 2>/dev/null || true
	TMUX_FIRST=$(awk "BEGIN{printf \"%.3f\", $t1 - $t0}")
	echo "first screen: $TMUX_FIRST s (includes tmux start-up and 20 ms polling)"
fi

IPB=""
if [ -n "${BENCH_CALLGRIND:-}" ] && command -v valgrind >/dev/null 2>&1; then
	echo
	echo "== instructions per input byte (callgrind, report on the 1/8 part)"
	part=$CACHE/part-1-8.txt
	ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$VERISTEP" report -q "$part" 2>&1 >/dev/null |
		sed -n 's/.*Collected : *\([0-9]*\).*/\1/p')
	[ -n "$ir" ] && IPB=$(awk "BEGIN{printf \"%.2f\", $ir / $(stat -c %s "$part")}") &&
		echo "$ir instructions for $(stat -c %s "$part") bytes: $IPB per byte"
fi

echo
echo "== targets"
check() { # LABEL VALUE OP LIMIT
	if awk "BEGIN{exit !($2 $3 $4)}"; then r=ok; else r=MISSED; fi
	printf "%-52s %10s  (target %s %s)  %s\n" "$1" "$2" "$3" "$4" "$r"
}
check "report time / wc -l time" "$REPORT_RATIO" "<=" 2
check "json time / wc -l time" "$JSON_RATIO" "<=" 2
check "anonymous memory, % of the log (level 2)" "$REPORT_MEM" "<=" 5
[ -n "$L1_MEM" ] && check "anonymous memory, % of the log (level 1)" "$L1_MEM" "<=" 10
check "first screen, s (in process)" "$FIRST" "<=" 0.5
[ -n "$TMUX_FIRST" ] && check "first screen, s (real TUI in tmux)" "$TMUX_FIRST" "<=" 0.5
check "cursor move + redraw p99, ms" "$P99" "<" 16
check "state at any step (max of 200 random), ms" "$STATE_MAX" "<=" 10
check "idle work between two looks at the keyboard, ms" "$SLICE" "<" 16
exit 0
