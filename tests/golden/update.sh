#!/bin/sh
# update.sh — rewrite the golden files (make golden); review the diff before
# committing. The JSON and the report of every sample (samples/*.log2 and
# *.log1 with their object) go to tests/golden/samples/ and are compared by
# tests/cli/golden_samples.sh; the DOT of the corpus programs named in
# dot.list is compared by tests/cli/golden_dot.sh (skipped without a corpus).
VERISTEP=${VERISTEP:-./veristep}
SHARED=${VERISTEP_SHARED:-../shared}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cd "$top" || exit 1
for log in samples/*.log2 samples/*.log1; do
	[ -f "$log" ] || continue
	base=$(basename "$log")
	obj=samples/${base%.log[12]}.bpf.o
	[ -f "$obj" ] || continue
	"$VERISTEP" json "$obj" "$log" >"$here/samples/$base.json" || exit 1
	"$VERISTEP" report "$obj" "$log" >"$here/samples/$base.report" || exit 1
done
if [ ! -d "$SHARED/corpus" ]; then
	echo "update.sh: no corpus at $SHARED: the corpus DOT goldens are left as they are" >&2
	exit 0
fi
for s in $(cat "$here/dot.list"); do
	d="$SHARED/corpus/$s"
	"$VERISTEP" dot "$d/prog.bpf.o" "$d/log2.txt" >"$here/$s.dot" || exit 1
	"$VERISTEP" dot "$d/prog.bpf.o" >"$here/$s.obj.dot" || exit 1
done
