#!/bin/sh
# explain_w.sh — the TUI's `w` gives the explanation report prints (issue
# 14.6 and 14.9): a program the kernel refused before verification (not
# verified, its rejection class), a kfunc the program type may not call
# (the kfunc set, no sleep rule). TAP; skips without tmux; polls the pane.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VERISTEP=${VERISTEP:-$ROOT/veristep}
FX=$ROOT/tests/fixtures
SOCK=veristep-explain-$$
T="tmux -L $SOCK -f /dev/null"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
echo "1..2"
trap '$T kill-server >/dev/null 2>&1' EXIT INT TERM
failed=0

wait_for() {
	i=0
	while [ "$i" -lt 100 ]; do
		$T capture-pane -p -t e 2>/dev/null | grep -qF -- "$1" && return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}

# check N WHAT "ARGS" MARK WANT...: open, wait for MARK, press w, wait for each WANT
check() {
	num=$1 what=$2 args=$3 mark=$4
	shift 4
	$T new-session -d -s e -x 160 -y 40 "$VERISTEP $args"
	good=0
	if wait_for "$mark" && $T send-keys -t e w; then
		good=1
		for want in "$@"; do
			wait_for "$want" || { good=0; break; }
		done
	fi
	if [ "$good" = 1 ]; then
		echo "ok $num - $what"
	else
		echo "not ok $num - $what"
		$T capture-pane -p -t e 2>/dev/null | sed 's/^/#   /'
		failed=1
	fi
	$T kill-session -t e >/dev/null 2>&1
}

check 1 'w: not verified, refused before verification' \
	"$FX/eperm/fentry_eperm.bpf.o $FX/eperm/fentry_eperm.log2" 'REJECTED' \
	'Not verified: the verifier never saw the program.' \
	'rejection class: refused before verification'
check 2 'w: a kfunc the program type may not call' \
	"-p xdp_cpumask $FX/kfunc_sets/kfunc_not_allowed.bpf.o $FX/kfunc_sets/kfunc_not_allowed.log2" \
	'xdp_cpumask' \
	'kind: kfunc not registered for this program type (not a sleep rule)' \
	'bpf_cpumask_create is in the cpumask'
exit $failed
