#!/bin/sh
# tools.sh — the TUI as handy as less, end to end in tmux: a piped log
# opens the TUI with keys from the terminal, regex search with a match
# count, the raw log overlay (a mark_precise line, synced with n/p), the
# program picker on a three-program log, PgDn scrolling the code pane.
# TAP on stdout; skips without tmux; polls the pane, never a fixed sleep.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VERISTEP=${VERISTEP:-$ROOT/veristep}
LOG=$ROOT/tests/tui/timer_global_rej.log
SOCK=veristep-tools-$$
T="tmux -L $SOCK -f /dev/null"
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/veristep-tools.XXXXXX")
n=0
failed=0

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
echo "1..17"
trap '$T kill-server >/dev/null 2>&1; rm -rf "$TMPD"' EXIT INT TERM

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
# wait_gone PATTERN: poll until a fixed string is gone (10 s)
wait_gone() {
	i=0
	while [ "$i" -lt 100 ]; do
		$T capture-pane -p -t vt$sess 2>/dev/null | grep -qF -- "$1" || return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}
check() { if wait_for "$2"; then ok "$1"; else not_ok "$1 (no '$2')"; fi; }
keys() { $T send-keys -t vt$sess "$@"; }
# start 'SHELL COMMAND': a fresh 100x30 session running it
sess=0
start() {
	old=vt$sess
	sess=$((sess + 1))
	$T new-session -d -s vt$sess -x 100 -y 30 \
		"TERM=xterm-256color LANG=C.UTF-8; export TERM LANG; $1; echo veristep-exit=\$?; sleep 600"
	$T kill-session -t "$old" >/dev/null 2>&1
}

# a piped log: keys come from /dev/tty, as in less
start "cat '$LOG' | '$VERISTEP' -"
check "a piped log opens the TUI" "step 34/34"
keys g
check "... and takes keys from the terminal" "step 1/34"
keys q
check "... and q exits 0" "veristep-exit=0"

# regex search, smart case, match count
start "'$VERISTEP' '$LOG'"
wait_for "step 34/34"
# seven steps match: the six visited "rX = rY" insns, and step 1, whose raw
# lines hold the Live regs table; the search starts after the cursor (step 1)
keys g / 'r[0-9] = r[0-9]+' Enter
check "a regex search finds and counts (2/7 from step 1)" "/r[0-9] = r[0-9]+  2/7"
keys ']'
check "] goes to the next match" "/r[0-9] = r[0-9]+  3/7"
keys g / 'MARK_PRECISE' Enter
check "a capital letter makes it case-sensitive" "pattern not found: MARK_PRECISE"
keys g / 'mark_precise' Enter
check "lower case ignores case, and the raw log lines are searched" "/mark_precise  1/"

# the raw log overlay: every line, synced both ways
keys r
check "r opens the raw log on the current step" "raw log · step"
check "... showing a mark_precise line of the log" "mark_precise: frame0: last_idx 1 first_idx 0"
step_now() { $T capture-pane -p -t vt$sess | sed -n 's/.*raw log · step \([0-9]*\)\/.*/\1/p' | head -1; }
s0=$(step_now)
keys n
if wait_gone "raw log · step $s0/"; then
	s1=$(step_now)
	[ "$s1" = $((s0 + 1)) ] && ok "n moves the step and the raw log follows ($s0 -> $s1)" ||
		not_ok "n moves the step and the raw log follows ($s0 -> $s1)"
else
	not_ok "n moves the step and the raw log follows"
fi
keys p
check "p goes back" "raw log · step $s0/"
keys j j j j j j
if wait_gone "raw log · step $s0/"; then
	ok "moving the line (j) moves the cursor to the step owning it"
else
	not_ok "moving the line (j) moves the cursor to the step owning it"
fi
keys Escape
check "Esc closes the raw log" "where am I"

# PgDn scrolls the code pane
keys g
wait_for "step 1/34"
keys NPage
check "PgDn scrolls the code pane" "code scrolled to insn"

# the program picker on a three-program log (libbpf's framing)
for prog in timer_global_rej loop_xdp_rej wq_global_ok; do
	printf "libbpf: prog '%s': -- BEGIN PROG LOAD LOG --\n" "$prog"
	cat "$ROOT/samples/$prog.log2"
	printf -- "-- END PROG LOAD LOG --\n"
done >"$TMPD/three.log"
start "'$VERISTEP' '$TMPD/three.log'"
check "a three-program log opens on the first rejected program" "veristep  timer_global_rej"
keys m
check "m opens the program picker with the three programs" "wq_global_ok"
keys j j Enter
check "j j Enter switches to the third program" "veristep  wq_global_ok"
[ "$failed" -eq 0 ]
