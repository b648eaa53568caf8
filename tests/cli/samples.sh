#!/bin/sh
# The teaching samples: what `veristep report` finds on each sample's object
# and level-2 log agrees with the expectations in the sample's header
# (samples/README.md): the subprog where the refusal sits, and the
# sleepable context of each subprog. Runs without root or the corpus.
. "$(dirname "$0")/../lib.sh"

for src in "$TOP"/samples/*.bpf.c; do
	name=$(basename "$src" .bpf.c)
	obj=$TOP/samples/$name.bpf.o
	log=$TOP/samples/$name.log2
	[ -f "$obj" ] && [ -f "$log" ] || { test_skip "$name" "no object or log"; continue; }
	verdict=$(sed -n 's|^// EXPECT-VERDICT: *||p' "$src")
	where=$(sed -n 's|^// EXPECT-VIOLATION-SUBPROG: *||p' "$src")
	test_expect_success "$name: report verdict is $verdict" "
		\"\$VERISTEP\" report '$obj' '$log' >'$name.out' &&
		grep -q '^verdict: $verdict\$' '$name.out'
	"
	if [ -n "$where" ]; then
		test_expect_success "$name: the refusal sits in $where" "
			grep -q '^error at: insn [0-9]* in $where,' '$name.out' || { cat '$name.out'; exit 1; }
			if grep -q 'VIOLATION' '$name.out'; then
				grep -q ' in $where: VIOLATION' '$name.out'
			fi
		"
	fi
	sed -n 's|^// EXPECT-CONTEXT: *||p' "$src" | while read -r sp ctx; do
		echo "$sp $ctx"
	done >"$TMPD/$name.ctx"
	while read -r sp ctx; do
		test_expect_success "$name: $sp is explored $ctx" "
			line=\$(grep '^  func#[0-9]* @[0-9]* $sp ' '$name.out') &&
			got=\$(printf '%s\n' \"\$line\" | sed -n 's/.* contexts: \\([a-z, -]*\\).*/\\1/p' |
				sed 's/ may sleep\$//; s/ does not sleep\$//' | tr ',' '\n' | tr -d ' ') &&
			printf '%s\n' \"\$got\" | grep -qx '$ctx' || { echo \"\$line\"; exit 1; }
		"
	done <"$TMPD/$name.ctx"
	sed -n 's|^// EXPECT-MAY-SLEEP: *||p' "$src" >"$TMPD/$name.ms"
	while read -r sp yn; do
		want="does not sleep"
		[ "$yn" = yes ] && want="may sleep"
		test_expect_success "$name: $sp: $want" "
			line=\$(grep '^  func#[0-9]* @[0-9]* $sp ' '$name.out') &&
			printf '%s\n' \"\$line\" | grep -q ' $want\$' || { echo \"\$line\"; exit 1; }
		"
	done <"$TMPD/$name.ms"
done
test_done
