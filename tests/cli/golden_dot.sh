#!/bin/sh
# golden_dot.sh — `veristep dot` output equals tests/golden/*.dot (make golden rewrites them).
VERISTEP=${VERISTEP:-./veristep}
SHARED=${VERISTEP_SHARED:-../shared}
g=tests/golden
if [ ! -d "$SHARED/corpus" ]; then
	echo "1..0 # SKIP no corpus (../shared is absent; VERISTEP_SHARED names another)"
	exit 0
fi
n=0
fail=0
for s in $(cat $g/dot.list); do
	d="$SHARED/corpus/$s"
	for v in "" .obj; do
		n=$((n + 1))
		if [ -z "$v" ]; then out=$("$VERISTEP" dot "$d/prog.bpf.o" "$d/log2.txt")
		else out=$("$VERISTEP" dot "$d/prog.bpf.o"); fi
		if [ "$out" = "$(cat $g/$s$v.dot)" ]; then
			echo "ok $n - $s$v"
		else
			echo "not ok $n - $s$v"
			fail=1
		fi
	done
done
echo "1..$n"
exit $fail
