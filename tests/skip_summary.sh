#!/bin/sh
# tests/skip_summary.sh SKIPLOG — after prove: how many tests were skipped
# and why, as git's test suite reports missing prerequisites.
set -u
log=$1
if [ ! -s "$log" ]; then
	echo "skipped: 0 tests"
	exit 0
fi
total=$(wc -l <"$log")
echo "skipped: $total tests, by reason:"
cut -f2 "$log" | sort | uniq -c | sort -rn | awk '{ n = $1; $1 = ""; printf "  %5d %s\n", n, substr($0, 2) }'
echo "  (each skip with its test: $log)"
