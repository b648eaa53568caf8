#!/bin/sh
# update.sh — rewrite the golden DOT files from the corpus (make golden);
# review the diff before committing. tests/cli/golden_dot.sh compares them.
VERISTEP=${VERISTEP:-./veristep}
SHARED=${VERISTEP_SHARED:-../shared}
here=$(dirname "$0")
[ -d "$SHARED/corpus" ] || { echo "no corpus at $SHARED" >&2; exit 1; }
for s in $(cat "$here/dot.list"); do
	d="$SHARED/corpus/$s"
	"$VERISTEP" dot "$d/prog.bpf.o" "$d/log2.txt" >"$here/$s.dot" || exit 1
	"$VERISTEP" dot "$d/prog.bpf.o" >"$here/$s.obj.dot" || exit 1
done
