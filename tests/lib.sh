# tests/lib.sh — a small TAP library for the shell tests, in git's style:
#   . "$(dirname "$0")/../lib.sh"
#   test_expect_success 'what' 'commands'
#   test_skip 'what' 'reason'
#   test_done
# Prerequisites: CORPUS (../shared beside the checkout), TMUX, ROOT_BPF.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
VERISTEP=${VERISTEP:-$TOP/veristep}
SHARED=${VERISTEP_SHARED:-$TOP/../shared}
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/veristep-test.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT
_n=0
_fail=0
_plan=""

test_plan() { _plan=$1; echo "1..$1"; }

test_expect_success() {
	_n=$((_n + 1))
	if (cd "$TMPD" && eval "$2") >"$TMPD/.out" 2>&1; then
		echo "ok $_n - $1"
	else
		echo "not ok $_n - $1"
		sed 's/^/# /' "$TMPD/.out" | head -40
		_fail=$((_fail + 1))
	fi
}

test_skip() {
	_n=$((_n + 1))
	echo "ok $_n - $1 # skip $2"
}

test_done() {
	[ -n "$_plan" ] || echo "1..$_n"
	[ "$_fail" = 0 ]
}

have_corpus() { [ -d "$SHARED/corpus" ]; }
have_tmux() { command -v tmux >/dev/null 2>&1; }

# the one-line error contract: exit 1, one stderr line "veristep: ..."
expect_one_line_error() {
	out=$("$@" 2>&1 >/dev/null)
	rc=$?
	[ "$rc" = 1 ] || { echo "exit $rc, want 1: $out"; return 1; }
	[ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || { echo "not one line: $out"; return 1; }
	case "$out" in veristep:*) ;; *) echo "no prefix: $out"; return 1 ;; esac
}

# json_has FILE KEY JSONVALUE: the JSON text holds "KEY": VALUE (blanks ignored)
json_has() {
	_want=$(printf '"%s":%s' "$2" "$3" | tr -d ' \t\n')
	tr -d ' \t\n' <"$1" | grep -qF -- "$_want"
}
# json_str FILE KEY STRING: the JSON text holds "KEY": "STRING"
json_str() {
	json_has "$1" "$2" "\"$3\""
}
