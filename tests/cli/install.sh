#!/bin/sh
# install.sh — `make install DESTDIR=... PREFIX=/usr` installs the binary,
# veristep(1) and the bash completion; `man -l` renders every section with
# no warning, and its KEYS section lists every binding of the keymap tables
# (the build generates it from them: build/mankeys --text prints the same
# walk); the completion offers the subcommands and the object's programs;
# the lessons go under share/veristep/samples, where the installed binary
# finds them (veristep with no FILE opens the index); uninstall removes all.
. "$(dirname "$0")/../lib.sh"
BUILD=${VERISTEP_BUILD:-$TOP/build}
case $BUILD in *build-san) SAN=SANITIZE=1 ;; *) SAN= ;; esac
ROOT=$TMPD/root
MAN=$ROOT/usr/share/man/man1/veristep.1
COMP=$ROOT/usr/share/bash-completion/completions/veristep

test_expect_success 'make install DESTDIR=... PREFIX=/usr installs the three files' '
	make -C "$TOP" --no-print-directory -s $SAN install DESTDIR="$ROOT" PREFIX=/usr >log 2>&1 ||
		{ cat log; exit 1; }
	test -x "$ROOT/usr/bin/veristep" && test -f "$MAN" && test -f "$COMP" &&
	"$ROOT/usr/bin/veristep" --version | grep -q "^veristep "
'
have_man() { command -v man >/dev/null 2>&1; }
if have_man; then
	test_expect_success 'man -l renders every section, without a warning' '
		LC_ALL=C MANWIDTH=200 man --warnings -l "$MAN" >page 2>warn &&
		test ! -s warn &&
		for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS KEYS FILES ENVIRONMENT \
			"EXIT STATUS" EXAMPLES "SEE ALSO"; do
			grep -qx "$s" page || { echo "no section $s"; exit 1; }
		done &&
		grep -q "NO_COLOR" page && grep -q "bpftool(8)" page
	'
	test_expect_success 'COMMANDS names every subcommand of --help' '
		LC_ALL=C MANWIDTH=200 man -l "$MAN" >page &&
		sed -n "/^COMMANDS/,/^OPTIONS/p" page >cmds &&
		"$VERISTEP" --help | sed -n "s/^ *\(usage: \)\{0,1\}veristep \([a-z][a-z]*\) .*/\2/p" >sub &&
		test -s sub &&
		while read -r c; do grep -q "^ *veristep $c " cmds || { echo "no $c"; exit 1; }; done <sub
	'
	test_expect_success 'KEYS lists every binding of the keymap tables' '
		LC_ALL=C MANWIDTH=200 man -l "$MAN" >page &&
		sed -n "/^KEYS/,/^FILES/p" page >keys &&
		"$BUILD/mankeys" --text >table && test "$(wc -l <table)" -gt 20 &&
		while IFS="	" read -r map k help; do
			# one entry: the keys, then the help text on the same or the next line
			grep -A1 -F -- "       $k" keys | grep -qF -- "$help" ||
				{ echo "missing in $map: $k  $help"; exit 1; }
		done <table &&
		test "$(grep -c "^       [^ ]" keys)" -ge "$(wc -l <table)"
	'
else
	test_skip 'man -l renders every section, without a warning' 'no man (man-db)'
	test_skip 'COMMANDS names every subcommand of --help' 'no man (man-db)'
	test_skip 'KEYS lists every binding of the keymap tables' 'no man (man-db)'
fi
if command -v bash >/dev/null 2>&1; then
	# complete WORDS...: what the completion offers for the last word
	complete_words() {
		PATH="$(dirname "$VERISTEP"):$PATH" bash -c '
			. "$1"; shift
			COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
			_veristep; printf "%s\n" "${COMPREPLY[@]}"' sh "$COMP" "$@"
	}
	test_expect_success 'completion: the subcommands' '
		complete_words veristep "" >c && grep -qx check c && grep -qx report c &&
		complete_words veristep ch >c && grep -qx check c && ! grep -qx report c
	'
	test_expect_success 'completion: options of the subcommand' '
		complete_words veristep dot -- >c && complete_words veristep dot - >c &&
		grep -qx -- -T c && grep -qx -- --prog c &&
		complete_words veristep report - >c && ! grep -qx -- -T c
	'
	test_expect_success 'completion: -p offers the programs of the given object' '
		complete_words veristep "$TOP/samples/timer_global_rej.bpf.o" -p "" >c &&
		test "$(cat c)" = timer_global
	'
	if have_corpus; then
		test_expect_success 'completion: -p offers the four programs of a multi-program object' '
			complete_words veristep report "$SHARED/corpus/struct_multi_prog/prog.bpf.o" --prog "" >c &&
			test "$(sort c | tr "\n" " ")" = "sys_reader tc_reader uprobe_reader xdp_hasher "
		'
	else
		test_skip 'completion: -p offers the four programs of a multi-program object' \
			'no corpus (../shared is absent; VERISTEP_SHARED names another)'
	fi
else
	test_skip 'completion' 'no bash'
fi

# the lessons: installed under share/veristep/samples, found there by the installed binary
test_expect_success 'make install puts every lesson (object, logs, source) under share/veristep/samples' '
	L=$ROOT/usr/share/veristep/samples &&
	"$BUILD/lessonindex" --tsv | while IFS="	" read -r s rule v k open t; do
		test -f "$L/$s.bpf.o" && test -f "$L/$s.bpf.c" || { echo "no $s"; exit 1; }
		[ "$open" = "the prediction" ] || test -f "$L/$s.log2" || { echo "no $s.log2"; exit 1; }
	done &&
	cmp "$L/timer_global_rej.log2" "$TOP/samples/timer_global_rej.log2" && test -f "$L/hid/hid_bpf.h"
'
if command -v tmux >/dev/null 2>&1; then
	test_expect_success 'the installed veristep with no FILE opens the index, and a lesson from it' '
		T="tmux -L veristep-install-$$ -f /dev/null"
		$T new-session -d -s i -x 120 -y 30 "cd / && TERM=xterm-256color LANG=C.UTF-8 $ROOT/usr/bin/veristep; sleep 600" &&
		seen() { i=0; while [ $i -lt 100 ]; do $T capture-pane -p -t i | grep -qF -- "$1" && return 0; i=$((i + 1)); sleep 0.1; done; return 1; }
		r=0
		seen "lesson 1/" && $T send-keys -t i Enter && seen "timer_global_rej, on the refusal" || r=1
		$T capture-pane -p -t i | tail -3
		$T kill-server
		exit $r
	'
else
	test_skip 'the installed veristep with no FILE opens the index, and a lesson from it' 'no tmux'
fi
test_expect_success 'make uninstall removes the samples too' '
	make -C "$TOP" --no-print-directory -s $SAN uninstall DESTDIR="$ROOT" PREFIX=/usr >log 2>&1 &&
	test ! -e "$ROOT/usr/share/veristep" && test ! -e "$ROOT/usr/bin/veristep"
'
test_done
