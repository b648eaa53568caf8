#!/bin/sh
# outputs.sh — the runs whose output must stay byte for byte the same:
# `report`, `json` and `json --steps --states` of every sample log and every
# corpus log (corpus, corpus-kernels with the corpus case's object, and
# corpus-public), one line per run. Sourced by update.sh (which writes
# outputs.sha256) and by tests/cli/same_output.sh (which compares); a
# speed-up of the parser or the model must not change one of these hashes,
# and a deliberate change of an output shows as changed lines in the diff.
#
# outputs_list TOP SHARED: prints "CMD<TAB>OBJ<TAB>LOG" (OBJ "-" for none),
# LOG relative to TOP (samples/...) or to SHARED (corpus.../...). The
# 762 MB and 100 MB giants get report and json only (the bench's logs);
# json --steps --states is left out for logs over 4 MB.
outputs_list() {
	_top=$1
	_sh=$2
	(cd "$_top" && for log in samples/*.log1 samples/*.log2; do
		[ -f "$log" ] || continue
		b=$(basename "$log")
		obj=samples/${b%.log[12]}.bpf.o
		[ -f "$obj" ] || obj=-
		printf '%s\t%s\t%s\n' small "$obj" "$log"
	done)
	[ -d "$_sh/corpus" ] || return 0
	(cd "$_sh" && find -L corpus corpus-kernels corpus-public -type f \
		\( -name "*.txt" -o -name "*.txt.xz" \) ! -name README.md | LC_ALL=C sort |
		while read -r log; do
			case $log in
			corpus/*) case_dir=${log#corpus/} ;;
			corpus-kernels/*) case_dir=${log#corpus-kernels/*/} ;;
			*) case_dir= ;;
			esac
			case_dir=${case_dir%%/*}
			obj=-
			[ -n "$case_dir" ] && [ -f "corpus/$case_dir/prog.bpf.o" ] && obj=corpus/$case_dir/prog.bpf.o
			size=$(stat -c %s "$log")
			case $log in
			*.xz) kind=big ;;
			*) if [ "$size" -gt 4194304 ]; then kind=big; else kind=small; fi ;;
			esac
			printf '%s\t%s\t%s\n' "$kind" "$obj" "$log"
		done)
}

# outputs_hashes VERISTEP TOP SHARED: prints "SHA256  CMD OBJ LOG" for every
# run, the hash over its stdout, stderr and exit status
outputs_hashes() {
	_v=$1
	outputs_list "$2" "$3" | while IFS='	' read -r kind obj log; do
		case $log in samples/*) base=$2 ;; *) base=$3 ;; esac
		for cmd in report json "json --steps --states"; do
			[ "$kind" = big ] && [ "$cmd" = "json --steps --states" ] && continue
			h=$(cd "$base" && { if [ "$obj" = - ]; then "$_v" $cmd "$log"; else
				"$_v" $cmd "$obj" "$log"; fi; echo "exit $?"; } 2>&1 | sha256sum | cut -d' ' -f1)
			printf '%s  %s %s %s\n' "$h" "$(echo "$cmd" | tr ' ' '_')" "$obj" "$log"
		done
	done
}
