#!/bin/sh
# warnings_prog.sh — the TUI's message line counts the warnings about the
# program shown (and the file's), not the other programs' (issue 14.2), as
# report and json do with -p (tests/cli/warnings_prog.sh). TAP; skips
# without tmux; polls the pane, never a fixed sleep.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VERISTEP=${VERISTEP:-$ROOT/veristep}
FX=$ROOT/tests/fixtures/eperm
SOCK=veristep-warn-$$
T="tmux -L $SOCK -f /dev/null"
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/veristep-warn.XXXXXX")

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
echo "1..1"
trap '$T kill-server >/dev/null 2>&1; rm -rf "$TMPD"' EXIT INT TERM
# the second program's frame is empty (a warning about it); a NUL byte (the file's)
grep -v '^veristep: prog' "$FX/eperm_pair.log2" >"$TMPD/pair.log"
printf 'x\0y\n' >>"$TMPD/pair.log"

wait_for() {
	i=0
	while [ "$i" -lt 100 ]; do
		$T capture-pane -p -t w 2>/dev/null | grep -qF -- "$1" && return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}

$T new-session -d -s w -x 120 -y 30 "$VERISTEP -p pair_ok $FX/eperm_pair.bpf.o $TMPD/pair.log"
if wait_for 'showing pair_ok' && $T send-keys -t w j && wait_for 'step 2/' &&
	wait_for '1 warning: ' && ! $T capture-pane -p -t w | grep -q 'is empty'; then
	echo "ok 1 - the shown program's warnings only"
else
	echo "not ok 1 - the shown program's warnings only"
	$T capture-pane -p -t w 2>/dev/null | sed 's/^/#   /'
	exit 1
fi
