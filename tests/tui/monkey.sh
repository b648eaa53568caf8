#!/bin/sh
# monkey.sh — the TUI under random input in tmux: keys, counts, searches,
# resizes down to 1x1, SIGWINCH and SIGSTOP/SIGCONT, then the log truncated
# underneath. It must never die of a signal or exit on its own, and must end
# with exit 1, one line saying the file changed, and a sane terminal.
#
# Fixed seed (MONKEY_SEED, default 19) and a short budget (MONKEY_SECONDS,
# default 12; 150 when CI=true). VERISTEP: the binary. TAP on stdout.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VERISTEP=${VERISTEP:-$ROOT/veristep}
SEED=${MONKEY_SEED:-19}
if [ -n "${MONKEY_SECONDS:-}" ]; then
	BUDGET=$MONKEY_SECONDS
elif [ "${CI:-}" = true ]; then
	BUDGET=150
else
	BUDGET=12
fi
SOCK=veristep-monkey-$$
T="tmux -L $SOCK -f /dev/null"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
echo "1..4"
D=$(mktemp -d "${TMPDIR:-/tmp}/veristep-monkey.XXXXXX")
trap '$T kill-server >/dev/null 2>&1; rm -rf "$D"' EXIT INT TERM
# a log with a hostile line in it: escapes must not reach the terminal
{ cat "$ROOT/tests/tui/timer_global_rej.log"; } >"$D/log"
sed -i '5s/$/ \x1b]52;c;aGk=\x07 \x1b[2J/' "$D/log"

$T new-session -d -s m -x 100 -y 30 \
	"TERM=xterm-256color LANG=C.UTF-8 '$VERISTEP' '$D/log' 2>'$D/err'; echo veristep-exit=\$?.; stty -a | grep -q ' icanon' && echo tty-sane; sleep 600"
# OSC 52 reaching tmux would set a paste buffer: none may appear
$T set -g set-clipboard on
screen() { $T capture-pane -p -t m 2>/dev/null; }
i=0
while [ $i -lt 100 ] && ! screen | grep -q 'step '; do sleep 0.1; i=$((i + 1)); done

# the random actions, one per line, from a fixed seed
awk -v seed="$SEED" 'BEGIN {
	srand(seed)
	nk = split("n p N P b o u v V e g G w Tab BTab Enter Escape ? ] [ Up Down Left Right PageUp PageDown Home End C-l", k, " ")
	for (a = 0; a < 100000; a++) {
		r = rand()
		if (r < 0.70) print "key " k[int(rand() * nk) + 1]
		else if (r < 0.78) print "count " int(rand() * 1000000000)
		else if (r < 0.83) print "search"
		else if (r < 0.86) print "goto " int(rand() * 60)
		else if (r < 0.95) print "resize " (int(rand() * 200) + 1) " " (int(rand() * 60) + 1)
		else if (r < 0.98) print "winch"
		else print "stopcont"
	}
}' >"$D/actions"

vpid=$(ps -o pid= --ppid "$($T display -p -t m '#{pane_pid}')" | head -1 | tr -d ' ')
end=$(($(date +%s) + BUDGET))
n=0
early=""
while read -r what a b; do
	[ "$(date +%s)" -ge "$end" ] && break
	case $what in
	key) $T send-keys -t m "$a" ;;
	count) $T send-keys -t m -l "${a}" && $T send-keys -t m v ;;
	search) $T send-keys -t m / && $T send-keys -t m -l "r$((a + 0))" && $T send-keys -t m Enter ;;
	goto) $T send-keys -t m : && $T send-keys -t m -l "$a" && $T send-keys -t m Enter ;;
	resize) $T resize-window -t m -x "$a" -y "$b" ;;
	winch) kill -WINCH "$vpid" 2>/dev/null ;;
	stopcont) kill -STOP "$vpid" 2>/dev/null; kill -CONT "$vpid" 2>/dev/null ;;
	esac
	n=$((n + 1))
	if [ $((n % 50)) -eq 0 ]; then
		if screen | grep -q 'veristep-exit='; then
			early="after $n actions (last: $what $a)"
			break
		fi
		$T send-keys -t m Escape
	fi
done <"$D/actions"
$T resize-window -t m -x 100 -y 30
$T send-keys -t m Escape Escape
sleep 0.3
if [ -z "$early" ] && ! screen | grep -q 'veristep-exit='; then
	echo "ok 1 - $n random actions in ${BUDGET}s (seed $SEED): still running"
else
	echo "not ok 1 - the TUI ended under random input $early (seed $SEED)"
	screen | sed 's/^/#   /'
fi
# the log's OSC 52 never reached the terminal (tmux would have made it a paste buffer)
if [ -n "$($T list-buffers 2>/dev/null)" ]; then
	echo "not ok 2 - the log's OSC 52 reached the terminal: $($T list-buffers)"
else
	echo "ok 2 - the log's OSC 52 never reached the terminal (no clipboard write)"
fi
: >"$D/log"
$T send-keys -t m g G g
i=0
while [ $i -lt 100 ] && ! screen | grep -q 'veristep-exit='; do sleep 0.1; i=$((i + 1)); done
if screen | grep -q 'veristep-exit=1\.' && grep -q 'the file changed under the TUI' "$D/err" &&
	[ "$(wc -l <"$D/err")" -eq 1 ]; then
	echo "ok 3 - the log truncated underneath: exit 1 with one line"
else
	echo "not ok 3 - the log truncated underneath"
	screen | sed 's/^/#   /'
	sed 's/^/#   stderr: /' "$D/err"
fi
if screen | grep -q 'tty-sane'; then
	echo "ok 4 - the terminal is sane afterwards"
else
	echo "not ok 4 - the terminal is left raw"
fi
