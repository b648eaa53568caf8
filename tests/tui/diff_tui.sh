#!/bin/sh
# diff_tui.sh — `veristep diff --tui` in a real terminal (tmux): it opens on
# the first divergence of the two builds of samples/null_deref, x gives the
# keys to the other side, d jumps to the divergence, q leaves and the shell
# gets its terminal back. Skipped without tmux.
. "$(dirname "$0")/../lib.sh"
SOCK=veristep-difftui-$$
T="tmux -L $SOCK -f /dev/null"
S=$TOP/samples

if ! have_tmux; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
trap '$T kill-server >/dev/null 2>&1; rm -rf "$TMPD"' EXIT

# wait_for TEXT: poll the screen until it shows TEXT (5 s at most)
wait_for() {
	_i=0
	while [ $_i -lt 50 ]; do
		$T capture-pane -p -t d >"$TMPD/screen" 2>/dev/null
		grep -qF -- "$1" "$TMPD/screen" && return 0
		_i=$((_i + 1))
		sleep 0.1
	done
	cat "$TMPD/screen"
	return 1
}

$T new-session -d -s d -x 170 -y 32 \
	"TERM=xterm-256color LANG=C.UTF-8 '$VERISTEP' diff --tui '$S/null_deref_rej.bpf.o' '$S/null_deref_rej.log2' '$S/null_deref_checked_ok.bpf.o' '$S/null_deref_checked_ok.log2'; echo EXIT=\$?; sleep 600"

test_expect_success 'diff --tui opens on the first divergence' '
	wait_for "veristep diff  rejected -> accepted" &&
	wait_for "keys: A  the first divergence: insn" &&
	grep -q "step 8/8  insn 8" "$TMPD/screen" &&
	grep -q "step 8/15  insn 8" "$TMPD/screen"
'
test_expect_success 'x gives the keys to B, and A follows B' '
	$T send-keys -t d x && wait_for "keys: B" &&
	$T send-keys -t d p && wait_for "step 7/15  insn 7" &&
	grep -q "step 7/8  insn 7" "$TMPD/screen"
'
test_expect_success 'd jumps back to the divergence' '
	$T send-keys -t d g && wait_for "step 1/15" &&
	$T send-keys -t d d && wait_for "divergence at A step 8" &&
	grep -q "step 8/8  insn 8" "$TMPD/screen"
'
test_expect_success 'q leaves with status 0' '
	$T send-keys -t d q && wait_for "EXIT=0"
'
test_done
