#!/bin/sh
# lessons.sh — the lesson index end to end in tmux: `veristep` with no FILE
# opens it; every lesson, opened from it with Enter, lands on the step its
# sample's header names (STUDENT-SEES, the table's "opens on"), read from
# the status bar: the refusal is the log's error step (from `veristep
# json`), "step N" is step N, "insn N" shows insn N; a sample without logs
# opens on the prediction (the explain overlay). L goes back to the index;
# L from a log opened with FILE opens the index, and Esc goes back to that log. Then the index on a 40x10
# terminal and across resizes (down to 1x1): no crash, still readable; and
# `make run` still opens the seed case.
# TAP on stdout; skips without tmux; polls the pane, never a fixed sleep.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VERISTEP=${VERISTEP:-$ROOT/veristep}
BUILD=${VERISTEP_BUILD:-$ROOT/build}
IDX=$BUILD/lessonindex
S=$ROOT/samples
SOCK=veristep-lessons-$$
T="tmux -L $SOCK -f /dev/null"
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/veristep-lessons.XXXXXX")
n=0
failed=0

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
if [ ! -x "$VERISTEP" ] || [ ! -x "$IDX" ]; then
	echo "1..0 # SKIP no binary at $VERISTEP or no $IDX (make first)"
	exit 0
fi
trap '$T kill-server >/dev/null 2>&1; rm -rf "$TMPD"' EXIT INT TERM
"$IDX" --tsv >"$TMPD/rows"
nl=$(wc -l <"$TMPD/rows")
npred=$(grep -c "	the prediction	" "$TMPD/rows")
echo "1..$((2 * nl + npred + 13))"

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	$T capture-pane -p -t vt$sess 2>/dev/null | sed 's/^/#   /'
}
# wait_for PATTERN: poll until a fixed string shows up (10 s)
wait_for() {
	i=0
	while [ "$i" -lt 100 ]; do
		$T capture-pane -p -t vt$sess 2>/dev/null | grep -qF -- "$1" && return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}
check() { if wait_for "$2"; then ok "$1"; else not_ok "$1 (no '$2')"; fi; }
keys() { $T send-keys -t vt$sess "$@"; }
sess=0
# start ROWSxCOLS 'SHELL COMMAND': a fresh session running it
start() {
	old=vt$sess
	sess=$((sess + 1))
	$T new-session -d -s vt$sess -x "$2" -y "$1" \
		"TERM=xterm-256color LANG=C.UTF-8; export TERM LANG; $3; echo veristep-exit=\$?; sleep 600"
	$T kill-session -t "$old" >/dev/null 2>&1
}

start 30 120 "cd '$TMPD' && '$VERISTEP'"
check "veristep with no FILE opens the lesson index" "lesson 1/$nl"

tab=$(printf '\t')
k=0
while IFS="$tab" read -r sample rule verdict kernels open teaches; do
	k=$((k + 1))
	if ! wait_for "lesson $k/$nl"; then
		not_ok "$sample: selected in the index (lesson $k/$nl)"
		not_ok "$sample: back to the index with L"
		keys j
		continue
	fi
	keys Enter
	case $open in
	'the refusal')
		e=$("$VERISTEP" json "$S/$sample.bpf.o" "$S/$sample.log2" |
			python3 -c 'import json,sys; print(json.load(sys.stdin)["programs"][0]["error_step"])')
		check "$sample: opens on the refusal (step $e)" " step $e/" ;;
	step\ *)
		check "$sample: opens on $open" " step ${open#step }/" ;;
	insn\ *)
		check "$sample: opens on $open" " insn ${open#insn } " ;;
	'the prediction')
		check "$sample: opens on the prediction (the explain overlay, no log)" \
			"$sample: no log"; check "$sample: ... which says what the object predicts" \
			"predicted from the object (Linux" ;;
	esac
	keys L
	check "$sample: back to the index with L" "lesson $k/$nl"
	keys j
done <"$TMPD/rows"

# the seed's lesson: w explains; Esc in the index goes back to the log
keys Home
wait_for "lesson 1/$nl"
keys Enter
wait_for "timer_global_rej, on the refusal"
keys w
check "w explains in a lesson" "Why?"
keys Escape L
check "L in a lesson goes back to the index, on that lesson" "lesson 1/$nl"
keys Escape
check "Esc in the index veristep opened does not quit: it says how" "q quits"
keys q
check "q in the index quits (exit 0)" "veristep-exit=0"

# L from any log opened with FILE, then Esc back to it
start 30 120 "'$VERISTEP' '$S/wq_global_ok.bpf.o' '$S/wq_global_ok.log2'"
wait_for "step 1/"
keys L
check "L opens the lesson index from a log" "lesson 1/$nl"
keys Escape
check "Esc goes back to that log" "wq_global_ok.log2"
keys q
wait_for "veristep-exit=0" || true

# make run still opens the seed case (the normal build only: make run builds ./veristep)
case $BUILD in
*/build-san)
	ok "make run opens the seed case # SKIP the sanitizer build (make run builds ./veristep)" ;;
*)
	start 30 120 "unset MAKEFLAGS MFLAGS MAKELEVEL; make -s -C '$ROOT' run"
	check "make run opens the seed case on its refusal" "timer_global_rej.log2" ;;
esac
wait_for " step 24/" >/dev/null
keys q

# a lesson's log cut under the TUI: the terminal restored, one line, exit 1
mkdir -p "$TMPD/cut"
cp "$S"/timer_global_rej.* "$TMPD/cut/"
start 30 120 "VERISTEP_SAMPLES='$TMPD/cut' '$VERISTEP' 2>'$TMPD/cut.err'; echo veristep-exit=\$?.; stty -a | grep -q ' icanon' && echo tty-sane"
wait_for "lesson 1/$nl" >/dev/null
keys Enter
wait_for " step 24/" >/dev/null
: >"$TMPD/cut/timer_global_rej.log2"
keys g G g
if wait_for "veristep-exit=1." && wait_for "tty-sane" &&
	grep -q "the file changed under the TUI" "$TMPD/cut.err" && [ "$(wc -l <"$TMPD/cut.err")" -eq 1 ]; then
	ok "a lesson's log cut under the TUI: terminal restored, one line, exit 1"
else
	not_ok "a lesson's log cut under the TUI: terminal restored, one line, exit 1"
	sed 's/^/#   stderr: /' "$TMPD/cut.err"
fi

# a tiny terminal, and resizes
start 10 40 "'$VERISTEP'"
check "the index on 40x10: the status bar" "lesson 1/$nl"
check "... and a lesson's name" "timer_global_rej"
$T resize-window -t vt$sess -x 1 -y 1 >/dev/null 2>&1
sleep 0.3
$T resize-window -t vt$sess -x 40 -y 10 >/dev/null 2>&1
keys j j
check "after a resize to 1x1 and back it still runs and selects" "lesson 3/$nl"
$T resize-window -t vt$sess -x 100 -y 30 >/dev/null 2>&1
check "after a resize to 100x30 the selected lesson's line shows in full" \
	"a bpf_wq callback may sleep even when a non-sleepable program arms it"

[ "$failed" = 0 ]
