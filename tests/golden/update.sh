#!/bin/sh
# update.sh — rewrite the golden files (make golden); review the diff before
# committing. The JSON and the report of every sample (samples/*.log2 and
# *.log1 with their object) go to tests/golden/samples/ and are compared by
# tests/cli/golden_samples.sh; the hashes of report, json and json --steps
# --states of every sample and corpus log go to outputs.sha256 (compared by
# tests/cli/same_output.sh); the DOT of the corpus programs named in
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
# the output hashes (tests/cli/same_output.sh): without a corpus, its lines stay as they are
. "$here/outputs.sh"
VERISTEP_VMLINUX=/dev/null outputs_hashes "$(cd "$(dirname "$VERISTEP")" && pwd)/$(basename "$VERISTEP")" \
	"$top" "$SHARED" >"$here/outputs.sha256.new" || exit 1
if [ ! -d "$SHARED/corpus" ]; then
	grep -v ' samples/' "$here/outputs.sha256" >>"$here/outputs.sha256.new"
	LC_ALL=C sort -k2 "$here/outputs.sha256.new" >"$here/outputs.sha256"
	rm -f "$here/outputs.sha256.new"
	echo "update.sh: no corpus at $SHARED: the corpus DOT goldens and output hashes are left as they are" >&2
	exit 0
fi
LC_ALL=C sort -k2 "$here/outputs.sha256.new" >"$here/outputs.sha256"
rm -f "$here/outputs.sha256.new"
for s in $(cat "$here/dot.list"); do
	d="$SHARED/corpus/$s"
	"$VERISTEP" dot "$d/prog.bpf.o" "$d/log2.txt" >"$here/$s.dot" || exit 1
	"$VERISTEP" dot "$d/prog.bpf.o" >"$here/$s.obj.dot" || exit 1
done
