#!/bin/sh
# tui.sh — the TUI end to end in tmux: open a log, step, search the error,
# help, resize, quit. TAP on stdout. Skips when tmux is missing; polls
# capture-pane for markers with a timeout (never a fixed sleep).
#
# VERISTEP: the binary (set by `make test`); default ./veristep.
# timer_global_rej.log is corpus/async_timer_cb_global_rej/log2.txt
# (Linux 6.18.44, log_level 2), kept here so the test runs without the
# corpus. With ../shared/corpus (or $VERISTEP_SHARED/corpus) present, every log2.txt is opened too.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VERISTEP=${VERISTEP:-$ROOT/veristep}
LOG=$ROOT/tests/tui/timer_global_rej.log
CORPUS=${VERISTEP_SHARED:-$ROOT/../shared}/corpus
SOCK=veristep-tui-$$
T="tmux -L $SOCK -f /dev/null"
n=0
failed=0

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
if [ ! -x "$VERISTEP" ]; then
	echo "1..0 # SKIP no binary at $VERISTEP (make first)"
	exit 0
fi

ncorpus=0
if [ -d "$CORPUS" ]; then
	ncorpus=$(ls "$CORPUS"/*/log2.txt 2>/dev/null | wc -l)
fi
echo "1..$((22 + ncorpus))"

cleanup() {
	$T kill-server >/dev/null 2>&1
}
trap cleanup EXIT INT TERM

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	echo "# screen:"
	$T capture-pane -p -t vt$sess 2>/dev/null | sed 's/^/#   /'
}

# wait_for PATTERN [TENTHS]: poll the pane until a fixed string shows up
wait_for() {
	i=0
	limit=${2:-100}
	while [ "$i" -lt "$limit" ]; do
		if $T capture-pane -p -t vt$sess 2>/dev/null | grep -qF -- "$1"; then
			return 0
		fi
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}

check() { # description pattern
	if wait_for "$2"; then ok "$1"; else not_ok "$1 (no '$2')"; fi
}

# start ENV FILE...: a fresh session running veristep; its exit status is printed after it.
# The new session is made before the old one goes, so the server stays up.
sess=0
start() {
	old=vt$sess
	sess=$((sess + 1))
	env=$1
	shift
	$T new-session -d -s vt$sess -x 100 -y 30 \
		"trap : INT; TERM=xterm-256color LANG=C.UTF-8 $env '$VERISTEP' $*; echo veristep-exit=\$?.; stty -a | grep -q ' icanon' && echo tty-sane; sleep 600"
	$T kill-session -t "$old" >/dev/null 2>&1
}

keys() {
	$T send-keys -t vt$sess "$@"
}

start "" "'$LOG'"
check "opens with the status bar" "step "
check "a rejected log opens on the error step" "step 34/34"
keys g
check "g goes to step 1" "step 1/"
keys n n n
check "n n n goes to step 4" "step 4/"
keys p
check "p goes back to step 3" "step 3/"
keys e
check "e shows the error text" "global functions that may sleep are not allowed"
keys h
check "? lists step over" "step over"
keys Escape
check "Esc closes the help" "where am I"
$T resize-window -t vt$sess -x 70 -y 20
check "resize to 70x20 collapses the panes" "70x20 is below 80x24"
$T resize-window -t vt$sess -x 100 -y 30
check "resize back shows every pane" "where am I"
$T resize-window -t vt$sess -x 1 -y 1
$T resize-window -t vt$sess -x 100 -y 30
check "survives 1x1 and comes back" "where am I"
keys : 1 2 Enter
check ":12 goes to step 12" "step 12/34"
keys / b p f _ t i m e r _ s t a r t Enter
check "/ searches (the source line first)" "step 25/34  insn 28"
keys ']'
check "] goes to the next match" "insn 31"
keys q
check "q exits with status 0" "veristep-exit=0"
check "q leaves the terminal sane (icanon)" "tty-sane"

# monochrome still shows the markers
start NO_COLOR=1 "'$LOG'"
if wait_for "✗" && wait_for "step 34/34"; then
	keys q
	check "NO_COLOR keeps the ✗ marker, exits 0" "veristep-exit=0"
else
	not_ok "NO_COLOR keeps the ✗ marker"
fi

# ^C: the terminal is restored and the signal kept (128 + 2)
start "" "'$LOG'"
if wait_for "step 34/34"; then
	keys C-c
	check "^C dies of SIGINT" "veristep-exit=130"
	check "^C leaves the terminal sane (icanon)" "tty-sane"
else
	not_ok "^C restores the terminal"
fi

# the log truncated under the TUI (re-recorded, saved by an editor): SIGBUS on the
# mapping is caught, the terminal restored, one line says what happened
TRUNC=$(mktemp "${TMPDIR:-/tmp}/veristep-trunc.XXXXXX")
cp "$LOG" "$TRUNC"
start "" "'$TRUNC'"
if wait_for "step 34/34"; then
	: >"$TRUNC"
	keys g G g
	check "a log truncated underneath: exit 1, not a signal" "veristep-exit=1."
	check "a log truncated underneath: the terminal is sane" "tty-sane"
	check "a log truncated underneath: says the file changed" "the file changed under the TUI"
else
	not_ok "a log truncated underneath: opens"
	n=$((n + 2))
fi
rm -f "$TRUNC"

if [ "$ncorpus" -gt 0 ]; then
	for f in "$CORPUS"/*/log2.txt; do
		name=$(basename "$(dirname "$f")")
		start "" "'$f'"
		if wait_for "step " 300; then
			keys G g q
			check "corpus $name: opens, G g q, exits 0" "veristep-exit=0"
		else
			not_ok "corpus $name: opens"
		fi
	done
fi

[ "$failed" -eq 0 ]
