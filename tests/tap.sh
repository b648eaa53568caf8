#!/bin/sh
# tests/tap.sh — run one test program for prove and normalise its TAP:
#   prove -e 'sh tests/tap.sh' build/tests/test_x tests/cli/y.sh ...
#
# Debian 12's cmocka (1.1.5) prints a skipped test as "not ok N # SKIP name",
# which prove counts as a failure. A test that skips prints its reason first
# ("# skip-reason: ..." from SKIP_BECAUSE in tests/unit/corpus.h); this turns
# the pair into "ok N - name # skip reason". Every skip (also the shell
# tests' "ok N # skip ..." and a whole file's "1..0 # SKIP ...") is appended,
# one "FILE<TAB>REASON" line each, to $VERISTEP_SKIPLOG when it is set, for
# the summary that `make test` prints (tests/skip_summary.sh).
# The exit status is the test program's own.
set -u
t=$1
shift
out=$(mktemp "${TMPDIR:-/tmp}/veristep-tap.XXXXXX") || exit 1
trap 'rm -f "$out"' EXIT
case "$t" in
*.sh) sh "$t" "$@" >"$out" ;;
*) "$t" "$@" >"$out" ;;
esac
rc=$?
awk -v file="$t" -v skiplog="${VERISTEP_SKIPLOG:-}" '
function note(reason) { if (skiplog != "") print file "\t" reason >> skiplog }
/^# skip-reason: / { reason = substr($0, 16); print; next }
/^not ok [0-9]+ # SKIP/ {
	n = $3; name = $0; sub(/^not ok [0-9]+ # SKIP ?/, "", name)
	r = (reason != "") ? reason : "no reason given"
	print "ok " n " - " name " # skip " r
	note(r); reason = ""; next
}
/^ok [0-9]+.* # [Ss][Kk][Ii][Pp]/ {
	r = $0; sub(/^ok [0-9]+.* # [Ss][Kk][Ii][Pp]:? ?/, "", r)
	note(r); print; next
}
/^1\.\.0 # [Ss][Kk][Ii][Pp]/ {
	r = $0; sub(/^1\.\.0 # [Ss][Kk][Ii][Pp]:? ?/, "", r)
	note(r " (a whole file)"); print; next
}
{ print }
' "$out"
exit "$rc"
