#!/bin/sh
# layers.sh — the include structure of the tree, as README's "Layout" says:
#   model < rules < parsers < analysis < explore < load < front < views < main
# (src/model, src/rules, parsers/, src/analysis, src/explore, src/load.* and load_xz.c,
# src/front, views/, src/main.c). A file includes only headers of its own
# layer or of the layers below; no include cycle between modules (x.c, x.h
# and x_priv.h are one module); curses only in views/term.c; Graphviz in at
# most two modules; no weak symbols. Each rule is then shown to fail on a
# copy of the tree with one wrong line added.
. "$(dirname "$0")/../lib.sh"

# layer DIR/FILE-WITHOUT-SUFFIX: its rank, or nothing for a path outside the layers
layer() {
	case "$1" in
	src/model/*) echo 0 ;;
	src/rules/*) echo 1 ;; # kernel facts as tables: the object parser reads its sections there
	parsers/*) echo 2 ;;
	src/analysis/*) echo 3 ;;
	src/explore/*) echo 4 ;;
	src/load | src/load_xz) echo 5 ;;
	src/front/*) echo 6 ;;
	views/*) echo 7 ;;
	src/main) echo 8 ;;
	esac
}

sources() { # ROOT: the tree's C files, relative to ROOT
	(cd "$1" && ls src/*.[ch] src/*/*.[ch] parsers/*.[ch] views/*.[ch] 2>/dev/null)
}

module() { echo "$1" | sed 's/\.[ch]$//; s/_priv$//'; }

# edges ROOT: "FROM TO" for every project include between two modules
edges() {
	for f in $(sources "$1"); do
		from=$(module "$f")
		sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$1/$f" |
			while read -r inc; do
				to=$(module "$inc")
				[ "$to" = "$from" ] || echo "$from $to"
			done
	done | sort -u
}

# check_down ROOT: every include goes to the same layer or below
check_down() {
	edges "$1" | while read -r from to; do
		a=$(layer "$from")
		b=$(layer "$to")
		if [ -z "$a" ] || [ -z "$b" ]; then
			echo "$from includes $to: outside the layers"
		elif [ "$b" -gt "$a" ]; then
			echo "$from (layer $a) includes $to (layer $b): upward"
		fi
	done | grep . && return 1
	return 0
}

# check_cycles ROOT: no cycle between modules (tsort finds them)
check_cycles() {
	out=$(edges "$1" | tsort 2>&1 >/dev/null)
	[ -z "$out" ] || { echo "$out"; return 1; }
}

# check_curses ROOT: curses headers in views/term.c only
check_curses() {
	bad=$(cd "$1" && grep -lE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](n?curses[w]?/)?n?curses(w)?\.h[>"]' \
		$(sources "$1") | grep -vx 'views/term.c')
	[ -z "$bad" ] || { echo "curses outside views/term.c: $bad"; return 1; }
}

# check_graphviz ROOT: Graphviz headers in at most two modules
check_graphviz() {
	mods=$(cd "$1" && grep -lE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](graphviz/)?(gvc|cgraph)\.h[>"]' \
		$(sources "$1") | while read -r f; do module "$f"; done | sort -u)
	n=$(printf '%s\n' "$mods" | grep -c .)
	[ "$n" -le 2 ] || { echo "Graphviz in $n modules:" $mods; return 1; }
}

# check_weak ROOT: no weak symbols in the code or the tests
check_weak() {
	bad=$(cd "$1" && grep -rlE '__attribute__[[:space:]]*\(\([[:space:]]*weak|#[[:space:]]*pragma[[:space:]]+weak' \
		src parsers views tests --include='*.c' --include='*.h' 2>/dev/null)
	[ -z "$bad" ] || { echo "weak symbols in: $bad"; return 1; }
}

for c in down cycles curses graphviz weak; do
	test_expect_success "the tree: check_$c" "check_$c '$TOP'"
done

# each check fails on a copy of the tree with one wrong line
copy() {
	rm -rf "$TMPD/tree"
	mkdir -p "$TMPD/tree"
	(cd "$TOP" && tar cf - src parsers views tests/fuzz/*.c tests/fuzz/*.h) | (cd "$TMPD/tree" && tar xf -)
}
spoil() { # FILE LINE: add LINE at the top of FILE in the copy
	printf '%s\n' "$2" | cat - "$TMPD/tree/$1" >"$TMPD/tree/$1.new" && mv "$TMPD/tree/$1.new" "$TMPD/tree/$1"
}
copy
spoil src/model/strtab.c '#include "parsers/vlog.h"'
test_expect_success "an upward include (model -> parsers) is caught" "! check_down '$TMPD/tree'"
copy
spoil parsers/bpfdis.h '#include "parsers/vlog.h"'
spoil parsers/vlog.h '#include "parsers/bpfdis.h"'
test_expect_success "a cycle in one layer (bpfdis <-> vlog) is caught" "! check_cycles '$TMPD/tree'"
copy
spoil src/front/report.c '#include <ncursesw/curses.h>'
test_expect_success "curses outside views/term.c is caught" "! check_curses '$TMPD/tree'"
copy
spoil src/front/json.c '#include <graphviz/gvc.h>'
spoil src/front/report.c '#include <graphviz/cgraph.h>'
spoil parsers/vlog.c '#include <gvc.h>'
test_expect_success "Graphviz in a third module is caught" "! check_graphviz '$TMPD/tree'"
copy
spoil src/load.c 'int load_hook(void) __attribute__((weak));'
test_expect_success "a weak symbol is caught" "! check_weak '$TMPD/tree'"
test_done
