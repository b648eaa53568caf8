#!/bin/sh
# record_tui.sh — the TUI that `veristep record OBJ` opens is the TUI of
# `veristep OBJ LOG` on the log it recorded: the same screen, with the same
# sleepable context and events (one load path: record parses, joins and
# analyses as the command line does). In tmux, polling for markers. Only
# the header differs: record knows the kernel ("Linux RELEASE"), a log
# read from a file tells only its format ("log format 6.18").
# Prerequisites: ROOT_BPF (root and a kernel that loads the samples) and
# TMUX; skipped with the reason otherwise.
. "$(dirname "$0")/../lib.sh"
SOCK=veristep-rectui-$$
T="tmux -L $SOCK -f /dev/null"
samples="loop_xdp_rej wq_from_tc_ok"

why=""
if ! have_tmux; then
	why="TMUX: tmux is not installed"
elif [ "$(id -u)" != 0 ]; then
	why="ROOT_BPF: not root"
elif ! "$VERISTEP" record -q --no-tui "$TOP/samples/loop_xdp_rej.bpf.o" >"$TMPD/probe" 2>&1; then
	why="ROOT_BPF: this kernel does not load BPF programs: $(tail -n 1 "$TMPD/probe")"
fi
if [ -n "$why" ]; then
	for s in $samples; do
		test_skip "$s: record's TUI shows what veristep OBJ LOG shows" "$why"
	done
	test_done
	exit
fi
trap '$T kill-server >/dev/null 2>&1; rm -rf "$TMPD"' EXIT

# one session lives through the test, so that killing a screen's session
# never stops the server while the next one starts (a race under load)
$T new-session -d -s keep "sleep 3600"

# screen SESSION COMMAND...: run the TUI in a 100x30 pane, print its screen once drawn
screen() {
	_s=$1
	shift
	$T new-session -d -s "$_s" -x 100 -y 30 \
		"cd '$TMPD' && TERM=xterm-256color LANG=C.UTF-8 $*; sleep 600"
	_i=0
	while [ $_i -lt 100 ]; do
		_out=$($T capture-pane -p -t "$_s" 2>/dev/null)
		# drawn, and the same on two looks in a row (not caught mid-paint)
		case "$_out" in *" step "*"q quit"*) [ "$_out" = "${_prev:-}" ] && break ;; esac
		_prev=$_out
		_i=$((_i + 1))
		sleep 0.1
	done
	$T capture-pane -p -t "$_s"
	$T kill-session -t "$_s" >/dev/null 2>&1
}

for s in $samples; do
	obj=$TOP/samples/$s.bpf.o
	screen rec$s "'$VERISTEP' record -o '$TMPD/$s.log' '$obj'" >"$TMPD/$s.rec"
	screen cli$s "'$VERISTEP' '$obj' '$TMPD/$s.log'" >"$TMPD/$s.cli"
	test_expect_success "$s: record's TUI shows what veristep OBJ LOG shows" "
		grep -q 'SLEEPABLE' $s.rec &&
		head -n 1 $s.rec | grep -qF \"Linux \$(uname -r | cut -c1-8)\" &&
		head -n 1 $s.cli | grep -q 'log format [0-9]' &&
		! head -n 1 $s.cli | grep -q Linux &&
		sed 1d $s.cli >$s.cli.body && sed 1d $s.rec >$s.rec.body &&
		diff -u $s.cli.body $s.rec.body
	"
done
test_done
