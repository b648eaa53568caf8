#!/bin/sh
# lessons.sh — the lesson index (src/front/lessons.c) is one table: the
# index in samples/README.md is generated from it (`make lesson-index`) and
# must be what the table gives now; each row agrees with its sample's
# header (TEACHES, EXPECT-VERDICT, STUDENT-SEES "at ...:"), every sample
# has a row; where a row opens (the refusal, step N, insn N) exists in the
# sample's level-2 log; the kernel ranges it claims are what the sleepable
# rules give (`veristep check --kernel`). The TUI landing on each step is
# tests/tui/lessons.sh.
. "$(dirname "$0")/../lib.sh"
BUILD=${VERISTEP_BUILD:-$TOP/build}
IDX=$BUILD/lessonindex
S=$TOP/samples

if [ ! -x "$IDX" ]; then
	test_skip 'the lesson index' "no $IDX (make builds it)"
	test_done
	exit
fi
"$IDX" --tsv >"$TMPD/lesson-rows"

# header KEY FILE: the values of "// KEY: value" in the leading comment block
header() {
	awk -v key="$1" '
		!/^\/\// { exit }
		{ p = "// " key ": " }
		index($0, p) == 1 { print substr($0, length(p) + 1) }' "$2"
}

test_expect_success 'samples/README.md holds the index the table gives (make lesson-index)' '
	sed -n "/^<!-- lesson index: /,/^<!-- end of the lesson index -->/p" "$S/README.md" >readme &&
	"$IDX" --markdown >want &&
	test "$(wc -l <want)" -gt 24 &&
	diff -u want readme
'

test_expect_success 'no FILE without a terminal: still the usage error (exit 2)' '
	"$VERISTEP" </dev/null >out 2>err; test $? = 2 && grep -q "no FILE" err && test ! -s out
'

test_expect_success 'every sample has one row, every row a sample' '
	(cd "$S" && ls *.bpf.c hid/*.bpf.c) | sed "s/\.bpf\.c$//" | sort >have &&
	cut -f1 "$TMPD/lesson-rows" | sort >rows && cut -f1 "$TMPD/lesson-rows" | sort -u >urows &&
	diff -u have rows && diff -u rows urows
'

tab=$(printf '\t')
while IFS="$tab" read -r sample rule verdict kernels open teaches; do
	src=$S/$sample.bpf.c
	test_expect_success "$sample: the row agrees with the header (TEACHES, verdict, STUDENT-SEES)" "
		test \"\$(header TEACHES '$src')\" = \"\$(printf '%s' \"\$teaches\")\" &&
		test \"\$(header EXPECT-VERDICT '$src')\" = '$verdict' &&
		sees=\$(header STUDENT-SEES '$src') && test -n \"\$sees\" &&
		case \"\$sees\" in
		'at $open: '?*) ;;
		*) echo \"header: \$sees; table: at $open\"; exit 1 ;;
		esac
	"
	log=$S/$sample.log2
	case $open in
	'the prediction')
		test_expect_success "$sample: opens on the prediction: no log, and NEEDS says why" "
			test ! -e '$log' && test -n \"\$(header NEEDS '$src')\"
		" ;;
	'the refusal')
		test_expect_success "$sample: opens on the refusal: its log is rejected at a step" "
			'$VERISTEP' json '$S/$sample.bpf.o' '$log' >j &&
			python3 -c 'import json,sys; p=json.load(open(\"j\"))[\"programs\"][0]; sys.exit(not (p[\"verdict\"] == \"rejected\" and p[\"error_step\"]))'
		" ;;
	step\ *|insn\ *)
		what=${open%% *} num=${open#* }
		test_expect_success "$sample: its log has $open" "
			'$VERISTEP' json --steps '$S/$sample.bpf.o' '$log' >j &&
			python3 -c 'import json,sys; p=json.load(open(\"j\"))[\"programs\"][0]; l=p[\"step_list\"]; sys.exit(not ($num <= len(l) if \"$what\" == \"step\" else any(s[\"insn\"] == $num for s in l)))'
		" ;;
	*)
		test_expect_success "$sample: opens on '$open'" 'false' ;;
	esac
	[ "$kernels" = - ] && continue
	# "accepted A-B": the rules of A and of B give no refusal, those of the recording kernel do
	case $kernels in
	accepted\ *-*)
		range=${kernels#accepted } a=${range%-*} b=${range#*-}
		test_expect_success "$sample: accepted on $a and $b by the rules, refused on the recording kernel's" "
			'$VERISTEP' check --kernel $a '$S/$sample.bpf.o' >/dev/null &&
			'$VERISTEP' check --kernel $b '$S/$sample.bpf.o' >/dev/null &&
			! '$VERISTEP' check '$S/$sample.bpf.o' >/dev/null
		" ;;
	*)
		test_expect_success "$sample: kernels '$kernels' in a form the test reads" 'false' ;;
	esac
done <"$TMPD/lesson-rows"

test_done
