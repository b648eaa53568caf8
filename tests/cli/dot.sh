#!/bin/sh
# dot.sh — `veristep dot` on every corpus object, with and without each of
# its logs: the output must be accepted by Graphviz (dot -Tsvg) and draw
# every subprogram. TAP output; skips without the corpus or Graphviz.
VERISTEP=${VERISTEP:-./veristep}
SHARED=${VERISTEP_SHARED:-../shared}
if [ ! -d "$SHARED/corpus" ]; then
	echo "1..0 # SKIP no corpus (../shared is absent; VERISTEP_SHARED names another)"
	exit 0
fi
if ! command -v dot >/dev/null 2>&1; then
	echo "1..0 # SKIP no dot (graphviz) on PATH"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
check() { # name, args...
	name=$1
	shift
	n=$((n + 1))
	if "$VERISTEP" dot "$@" >"$tmp/out.dot" 2>"$tmp/err" &&
	   dot -Tsvg "$tmp/out.dot" >"$tmp/out.svg" 2>>"$tmp/err" &&
	   [ "$(grep -c '^[[:space:]]*p[0-9]*_f[0-9]*[[:space:]]*\[' "$tmp/out.dot")" -ge 1 ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		sed 's/^/# /' "$tmp/err"
		fail=1
	fi
}
for d in "$SHARED"/corpus/*/; do
	s=$(basename "$d")
	[ -f "$d/prog.bpf.o" ] || continue
	check "$s object" "$d/prog.bpf.o"
	for l in "$d"/log2*.txt; do
		[ -f "$l" ] || continue
		case $l in *truncated*) continue ;; esac
		check "$s $(basename "$l")" "$d/prog.bpf.o" "$l"
	done
done
# rendering through libgvc
n=$((n + 1))
if "$VERISTEP" dot -T svg -o "$tmp/r.svg" "$SHARED/corpus/async_timer_cb_global_rej/prog.bpf.o" \
	"$SHARED/corpus/async_timer_cb_global_rej/log2.txt" && grep -q '<svg' "$tmp/r.svg"; then
	echo "ok $n - -T svg -o renders"
else
	echo "not ok $n - -T svg -o renders"
	fail=1
fi
echo "1..$n"
exit $fail
