#!/bin/sh
# Bad input and odd-but-valid input, run through the real binary.
#
# Bad input (empty, binary, huge lines, absurd numbers, directories, missing
# or unreadable files, broken or hostile ELF objects, an ELF of another
# machine, a log of another object) must end with exit 1 and exactly one
# line "veristep: FILE: ..." on stderr, or exit 0 with only warning lines
# (a best-effort answer); never a signal (status >= 128), never more than
# 20 s or (without ASan) 1 GB of address space.
#
# Odd-but-valid forms of a log (CRLF, collector prefixes, indentation, tabs,
# veristat and tc framing) must give the clean log's verdict, error and
# error instruction in `veristep json`.
#
# Needs VERISTEP (the binary); the ELF cases need a BPF object: the shared
# corpus (VERISTEP_SHARED, default ../shared) or samples/*.bpf.o.
set -u
cd "$(dirname "$0")/../.." || exit 1
VERISTEP=${VERISTEP:-$PWD/veristep}
SHARED=${VERISTEP_SHARED:-../shared}
T=$(mktemp -d "${TMPDIR:-/tmp}/veristep-bad.XXXXXX") || exit 1
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT INT TERM

n=0
fails=0
# under ASan, LeakSanitizer's table of suppressions would count as stderr lines
LSAN_OPTIONS="${LSAN_OPTIONS:-}${LSAN_OPTIONS:+:}print_suppressions=0"
export LSAN_OPTIONS
plan=""
out() { printf '%s\n' "$*"; }

# memory limit, unless the binary cannot start under one (ASan reserves terabytes)
MEMLIMIT=1048576
if ! (ulimit -v $MEMLIMIT && "$VERISTEP" --version) >/dev/null 2>&1; then
	MEMLIMIT=""
fi

run() { # run SUBCMD ARGS...: status in $rc, stdout in $T/out, stderr in $T/err
	(
		[ -n "$MEMLIMIT" ] && ulimit -v $MEMLIMIT
		exec timeout 20 "$VERISTEP" "$@"
	) >"$T/out" 2>"$T/err"
	rc=$?
}

ok() { n=$((n + 1)); out "ok $n - $*"; }
not_ok() {
	n=$((n + 1))
	fails=$((fails + 1))
	out "not ok $n - $1"
	shift
	for l in "$@"; do out "#   $l"; done
	sed 's/^/#   stderr: /' "$T/err" | head -5
}
skip() { n=$((n + 1)); out "ok $n # SKIP $*"; }

# bad FILE [SUBCMD [EXTRA...]]: exit 1 with one line "veristep: NAME: ..."
bad() {
	what=$1
	f=$2
	shift 2
	sub=${1:-report}
	[ $# -gt 0 ] && shift
	run "$sub" "$@" "$f"
	lines=$(wc -l <"$T/err")
	if [ "$rc" -ge 124 ]; then
		not_ok "$what: status $rc (signal or timeout)"
	elif [ "$rc" -ne 1 ]; then
		not_ok "$what: status $rc, want 1"
	elif [ "$lines" -ne 1 ]; then
		not_ok "$what: $lines lines on stderr, want 1"
	elif ! grep -q "^veristep: .*$(basename "$f"): ." "$T/err"; then
		not_ok "$what: stderr is not 'veristep: FILE: ...'"
	else
		ok "$what: $(cat "$T/err")"
	fi
}

# bad_or_warn FILE...: exit 1 with one line, or exit 0 with only warnings
bad_or_warn() {
	what=$1
	shift
	run report "$@"
	lines=$(wc -l <"$T/err")
	if [ "$rc" -ge 124 ]; then
		not_ok "$what: status $rc (signal or timeout)"
	elif [ "$rc" -eq 1 ] && [ "$lines" -eq 1 ] && grep -q '^veristep: [^ ]*: .' "$T/err"; then
		ok "$what: refused"
	elif [ "$rc" -eq 0 ] && ! grep -qv '^veristep: warning: ' "$T/err"; then
		ok "$what: best effort, $lines warning(s)"
	else
		not_ok "$what: status $rc with $lines stderr lines"
	fi
}

# warn WANT_PATTERN FILE...: exit 0, warnings only, one matching WANT_PATTERN
warn() {
	what=$1
	pat=$2
	shift 2
	run report "$@"
	if [ "$rc" -ne 0 ]; then
		not_ok "$what: status $rc, want 0"
	elif grep -qv '^veristep: warning: ' "$T/err"; then
		not_ok "$what: stderr has more than warnings"
	elif ! grep -q "$pat" "$T/err"; then
		not_ok "$what: no warning matching '$pat'"
	else
		ok "$what: $(grep -m1 "$pat" "$T/err" | cut -c1-100)"
	fi
}

# the facts compared between forms: verdict, error, error_insn of each program
facts() {
	run json "$1"
	[ "$rc" -eq 0 ] || { echo "status $rc"; return; }
	grep -E '^[[:space:]]*"(verdict|error|error_insn|processed_insns)":' "$T/out" | tr -d ' \t'
}

# same CLEAN VARIANT: equal facts
same() {
	what=$1
	ref=$(facts "$2")
	got=$(facts "$3")
	if [ -z "$ref" ]; then
		not_ok "$what: the clean log gives nothing"
	elif [ "$ref" = "$got" ]; then
		ok "$what: same verdict and error"
	else
		not_ok "$what: differs" "clean: $(echo "$ref" | tr '\n' ' ')" \
			"odd:   $(echo "$got" | tr '\n' ' ')"
	fi
}

# ---- inputs ------------------------------------------------------------------

OBJ=""
LOG=""
OTHER_LOG=""
for d in "$SHARED/corpus/async_timer_cb_global_rej" "$SHARED/corpus/cb_bpf_loop_tc_rej"; do
	if [ -f "$d/prog.bpf.o" ] && [ -f "$d/log2.txt" ]; then
		if [ -z "$OBJ" ]; then
			OBJ=$d/prog.bpf.o
			LOG=$d/log2.txt
		else
			OTHER_LOG=$d/log2.txt
		fi
	fi
done
if [ -z "$OBJ" ]; then
	for o in samples/*.bpf.o; do
		[ -f "$o" ] && OBJ=$o && break
	done
fi

# a small log of our own, so the log cases never need the corpus
cat >"$T/clean.log" <<'EOF'
func#0 @0
0: R1=ctx() R10=fp0
; int x = ctx->len; @ p.bpf.c:10
0: (61) r2 = *(u32 *)(r1 +0)          ; R1=ctx() R2=scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))
1: (15) if r2 == 0x0 goto pc+2        ; R2=scalar(smin=umin=1,smax=umax=0xffffffff)
2: (b7) r0 = 0                        ; R0=0
3: (95) exit

from 1 to 4: R1=ctx() R2=0 R10=fp0
4: R1=ctx() R2=0 R10=fp0
4: (85) call bpf_copy_from_user#148
helper call might sleep in a non-sleepable prog
processed 5 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0
EOF
[ -n "$LOG" ] || LOG=$T/clean.log

# deterministic junk: N bytes from a linear congruential generator
junk() {
	LC_ALL=C awk -v n="$1" -v seed="$2" 'BEGIN {
		x = seed; for (i = 0; i < n; i++) { x = (x * 1103515245 + 12345) % 2147483648;
		printf "%c", int(x / 65536) % 256 } }'
}

json_has() { tr -d ' \t\n' <"$1" | grep -qF -- "\"$2\":$3"; }

# little-endian read and write of an N-byte integer at OFF in FILE
rd() { od -An -tu1 -j "$3" -N "$2" "$1" | awk '{ for (i = NF; i >= 1; i--) v = v * 256 + $i } END { printf "%.0f\n", v }'; }
wr() { # wr FILE OFF N VALUE
	LC_ALL=C awk -v v="$4" -v n="$3" 'BEGIN { for (i = 0; i < n; i++) { printf "%c", v % 256; v = int(v / 256) } }' |
		dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
corrupt() { # corrupt NAME OFF N VALUE: a copy of OBJ with one field changed
	cp "$OBJ" "$T/$1"
	wr "$T/$1" "$2" "$3" "$4"
}
# offset of the section header of the first section of type TYPE (2 symtab, 1 progbits+exec...)
shdr_of_type() {
	shoff=$(rd "$OBJ" 8 40)
	shentsize=$(rd "$OBJ" 2 58)
	shnum=$(rd "$OBJ" 2 60)
	i=1
	while [ "$i" -lt "$shnum" ]; do
		h=$((shoff + i * shentsize))
		if [ "$(rd "$OBJ" 4 $((h + 4)))" = "$1" ]; then
			if [ "$1" != 1 ] || [ $(($(rd "$OBJ" 8 $((h + 8))) & 4)) -ne 0 ]; then
				echo "$h"
				return
			fi
		fi
		i=$((i + 1))
	done
}
# offset of the Nth BTF magic (9f eb 01): 1 is .BTF, 2 is .BTF.ext
btf_at() {
	od -An -tx1 -v "$OBJ" | awk -v want="$1" '{ for (i = 1; i <= NF; i++) { b[k++] = $i } }
		END { for (i = 0; i + 2 < k; i++) if (b[i] == "9f" && b[i + 1] == "eb" && b[i + 2] == "01") {
			if (++c == want) { print i; exit } } }'
}

# ---- bad logs ----------------------------------------------------------------

: >"$T/empty.log"
bad "empty file" "$T/empty.log"
junk 65536 7 >"$T/random.bin"
bad "random bytes" "$T/random.bin"
head -c 65536 /dev/zero >"$T/nul.bin"
bad "NUL bytes" "$T/nul.bin"
head -c 5000000 /dev/zero | tr '\0' 'x' >"$T/line.txt"
bad "a single 5 MB line" "$T/line.txt"
{ printf '0: (b7) r0 = 0                        ; R0='; head -c 5000000 /dev/zero | tr '\0' '9'; printf '\n1: (95) exit\n'; } >"$T/longinsn.log"
bad_or_warn "a 5 MB instruction line" "$T/longinsn.log"
{ printf '0: R1=ctx() R10=fp0\n'; head -c 3000000 /dev/zero | tr '\0' '\n'; printf '0: (95) exit\n'; } >"$T/blank.log"
bad_or_warn "3 million empty lines" "$T/blank.log"
awk 'BEGIN { print "0: R1=ctx() R10=fp0"; for (i = 0; i < 300000; i++) printf "%d: (07) r1 += 1\n", i % 1000 }' >"$T/many.log"
bad_or_warn "300000 instruction lines, no end" "$T/many.log"
# hostile scale: each of these took seconds to minutes before (quadratic paths)
awk 'BEGIN { print "0: R1=ctx() R10=fp0"; for (i = 0; i < 100000; i++)
	printf "%d: (95) exit\n%d: R1=ctx() R10=fp0\n", i % 500, i % 500 + 7 }' >"$T/pops.log"
bad_or_warn "100000 level-1 pops" "$T/pops.log"
awk 'BEGIN { for (i = 0; i < 100000; i++) print "libbpf: prog \047x\047: -- BEGIN PROG LOAD LOG --" }' >"$T/begins.log"
bad_or_warn "100000 empty framed programs" "$T/begins.log"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "func#%d @%d\n", i, i; for (i = 0; i < 100000; i++)
	printf "Func#%d (\047f\047) is safe for any args that match its prototype\n%d: (95) exit\n", i, i }' >"$T/units.log"
bad_or_warn "100000 subprograms and 100000 units" "$T/units.log"
for sub in json dot; do
	for f in pops begins units; do
		run $sub "$T/$f.log"
		if [ "$rc" -eq 0 ]; then ok "$sub on $f.log: in time"; else not_ok "$sub on $f.log: status $rc"; fi
	done
done
cat >"$T/absurd.log" <<'EOF'
0: R1=ctx() R10=fp0
4294967299: (b7) r0 = 0
-5: (95) exit
99999999999999999999: R1=ctx()
from 4294967299 to -1: R1=ctx()
from 99999999999999999999 to 1048576: safe
1048576: (95) exit
func#4294967299 @99999999999999999999
frame99999999999: R1=scalar(smin=-99999999999999999999999,umax=0xffffffffffffffffffffff) fp-99999999999999999999=mmmmmmmm
1: (bf) r1 = r10                      ; R1=fp-4294967296 fp-18446744073709551616=0
Func#4294967299 ('x') is global and assumed valid.
processed 99999999999999999999 insns (limit 99999999999999999999) max_states_per_insn 99999999999999999999 total_states -1 peak_states 1 mark_read 0
EOF
warn "absurd numbers (insn 4294967299, negative, 20 digits)" "index out of range" "$T/absurd.log"
printf 'from 1 to 2: ' >"$T/cut1.log"
bad_or_warn "a log cut after 'from 1 to 2: '" "$T/cut1.log"
head -c 200 "$T/clean.log" >"$T/cut.log"
warn "a log cut mid-line" "ends before its \"processed\" line" "$T/cut.log"
printf 'libbpf: prog '"'"'x'"'"': -- BEGIN PROG LOAD LOG --' >"$T/begin.log"
bad_or_warn "only a BEGIN marker" "$T/begin.log"
printf '\xef\xbb\xbf0: R1=ctx() R10=fp0\n\xff\xfe: (95) exit\n\x1b[31m1: (95) exit\x1b[0m\nprocessed 1 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n' >"$T/bytes.log"
bad_or_warn "BOM, escape sequences, invalid UTF-8" "$T/bytes.log"

# a frame holding only libbpf's own reason (the program never reached the kernel)
printf "libbpf: prog 'f': -- BEGIN PROG LOAD LOG --\nlibbpf: prog 'f': failed to find kernel BTF type ID of 'nope': -3\n-- END PROG LOAD LOG --\n" >"$T/reason.log"
run json "$T/reason.log"
if [ "$rc" -eq 0 ] && json_has "$T/out" verdict '"rejected"' && grep -q '"error":.*BTF type ID' "$T/out" && [ ! -s "$T/err" ]; then
	ok "a frame with only libbpf's reason: rejected, with that reason"
else
	not_ok "a frame with only libbpf's reason: status $rc, $(grep -E '"verdict"' "$T/out" | tr -d '\t')"
fi
# logs whose head is missing must be "truncated", not a complete answer
printf '2: R1=0 R10=fp0\n2: (b7) r0 = 0\n3: (95) exit\nprocessed 4 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n' >"$T/tail.log"
printf 'R1 invalid mem access '"'"'scalar'"'"'\nprocessed 12 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0\n' >"$T/noinsn.log"
printf 'Verification failed: Execution Context Safety: Operation is not allowed in this context\n\nReason:\n  The operation sleepable global function f() cannot be used in non-sleepable\n  program.\n\nSuggestion:\n  Move the call outside the critical section.\n\nprocessed 34 insns (limit 1000000) max_states_per_insn 0 total_states 3 peak_states 3 mark_read 0\n' >"$T/diagonly.log"
for f in tail noinsn diagonly; do
	run json "$T/$f.log"
	if [ "$rc" -eq 0 ] && json_has "$T/out" verdict '"truncated"' && grep -q 'head of the log' "$T/out"; then
		ok "head missing ($f.log): truncated, and a warning says so"
	else
		not_ok "head missing ($f.log): status $rc, $(grep '"verdict"' "$T/out" | tr -d '\t')"
	fi
done
printf 'processed 38 insns (limit 1000000) max_states_per_insn 0 total_states 3 peak_states 3 mark_read 0\n' >"$T/acc1.log"
run json "$T/acc1.log"
json_has "$T/out" verdict '"accepted"' && ok "an accepted level-1 log (only processed) stays accepted" || not_ok "level-1 accepted: $(grep '"verdict"' "$T/out")"
# NULs: padding between two kernel buffers is no loss; a NUL inside a line is, and is counted
{ cat "$T/clean.log"; head -c 4096 /dev/zero; cat "$T/clean.log"; head -c 100 /dev/zero; } >"$T/twonul.log"
for how in file pipe; do
	if [ $how = file ]; then run json "$T/twonul.log"; else run json - <"$T/twonul.log"; fi
	np=$(grep -c '"verdict":' "$T/out")
	if [ "$rc" -eq 0 ] && [ "$np" -eq 2 ] && [ ! -s "$T/err" ]; then
		ok "two NUL-padded logs in one $how: two programs, no warning"
	else
		not_ok "two NUL-padded logs ($how): status $rc, $np programs"
	fi
done
{ head -c 30 "$T/clean.log"; printf 'ab\0\0\0\0\0cd\n'; tail -c +31 "$T/clean.log"; } >"$T/innernul.log"
warn "NULs inside a line: dropped and counted" "5 NUL bytes inside lines ignored" "$T/innernul.log"
if [ -c /dev/zero ]; then
	bad "/dev/zero (endless NULs)" /dev/zero
fi
if mkfifo "$T/fifo" 2>/dev/null; then
	(cat "$T/clean.log" >"$T/fifo" &)
	run report "$T/fifo"
	if [ "$rc" -eq 0 ] && grep -q '^verdict: rejected' "$T/out"; then ok "a FIFO"; else not_ok "a FIFO: status $rc"; fi
fi
bad "a directory" "$T"
bad "a missing file" "$T/no-such-file"
cp "$T/clean.log" "$T/unreadable.log"
chmod 000 "$T/unreadable.log"
if cat "$T/unreadable.log" >/dev/null 2>&1; then
	skip "an unreadable file (running as root: it is readable)"
else
	bad "an unreadable file" "$T/unreadable.log"
fi
run report - <"$T/empty.log"
if [ "$rc" -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ]; then ok "empty stdin: $(cat "$T/err")"; else not_ok "empty stdin: status $rc"; fi
run report "$T/clean.log" "$T/clean.log"
if [ "$rc" -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ]; then ok "two logs: $(cat "$T/err")"; else not_ok "two logs: status $rc"; fi
run report "$T/clean.log" "$T/clean.log" "$T/clean.log"
if [ "$rc" -eq 2 ]; then ok "three files: usage error"; else not_ok "three files: status $rc, want 2"; fi

# compressed logs and an object cut below its magic
if command -v xz >/dev/null 2>&1; then
	one_line_match() {
		if [ "$rc" -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "$2" "$T/err"; then
			ok "$1: $(cat "$T/err")"
		else
			not_ok "$1: status $rc: $(head -1 "$T/err")"
		fi
	}
	# an .xz log is read through liblzma: the same JSON as the plain log
	xz -c "$T/clean.log" >"$T/clean.log.xz"
	run json "$T/clean.log.xz"
	grep -v '"name": ".*clean.log' "$T/out" >"$T/xz.json"
	run json "$T/clean.log"
	grep -v '"name": ".*clean.log' "$T/out" >"$T/plain.json"
	if [ "$rc" -eq 0 ] && [ -s "$T/xz.json" ] && cmp -s "$T/xz.json" "$T/plain.json"; then
		ok "an .xz log reads as the plain log"
	else
		not_ok "an .xz log reads as the plain log: $(diff "$T/plain.json" "$T/xz.json" | head -3)"
	fi
	head -c 60 "$T/clean.log.xz" >"$T/cut.log.xz"
	run report "$T/cut.log.xz"
	one_line_match "an .xz log cut short is said to be" "xz data cut short"
fi
gzip -c "$T/clean.log" >"$T/clean.log.gz"
run report "$T/clean.log.gz"
if grep -q "gzip-compressed" "$T/err" && [ "$rc" -eq 1 ]; then ok "a .gz log is said to be gzip"; else not_ok "gz log: $(head -1 "$T/err")"; fi
printf '\177EL' >"$T/cut3.o"
run report "$T/clean.log" "$T/cut3.o"
if [ "$rc" -eq 1 ] && grep -q "cut3.o: an ELF object cut to 3 bytes" "$T/err"; then
	ok "an object cut to 3 bytes beside a log: $(cat "$T/err")"
else
	not_ok "an object cut to 3 bytes: $(head -1 "$T/err")"
fi
for k in 6.18x 6.18. 6 1.2.3.4 ""; do
	run report --kernel "$k" "$T/clean.log"
	if [ "$rc" -eq 2 ]; then ok "--kernel '$k': usage error"; else not_ok "--kernel '$k': status $rc, want 2"; fi
done
run report --kernel 6.18.2 "$T/clean.log"
[ "$rc" -eq 0 ] && ok "--kernel 6.18.2 accepted" || not_ok "--kernel 6.18.2: status $rc"

# ---- untrusted text -------------------------------------------------------------

# terminal_safe FILE: no C0 control but newline and tab, no DEL, no C1 control (8-bit or UTF-8)
terminal_safe() {
	python3 - "$1" <<'PY'
import sys
d = open(sys.argv[1], 'rb').read()
bad = [b for b in d if (b < 0x20 and b not in (9, 10)) or b == 0x7f]
t = d.decode('utf-8', errors='replace')
c1 = [c for c in t if 0x80 <= ord(c) < 0xa0]
if bad or c1 or '\ufffd' in t:
    print('unsafe bytes: %r %r' % (bad[:5], c1[:5]))
    sys.exit(1)
PY
}
# a program name and an error text with OSC 52, CSI 2J, BEL, DEL, C1 CSI (UTF-8 and 8-bit), bad UTF-8
printf "libbpf: prog 'a\033]52;c;aGk=\007b\001\302\233': -- BEGIN PROG LOAD LOG --\nfunc#0 @0\n0: R1=ctx() R10=fp0\n0: (b7) r0 = 0\n1: (85) call bpf_copy_from_user#148\nhelper \033[2J call might\177 sleep \233 in a non-sleepable prog \377\376\nprocessed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n-- END PROG LOAD LOG --\n" >"$T/esc.log"
if ! command -v python3 >/dev/null 2>&1; then
	skip "untrusted text: no python3 to check the output"
else
	run report "$T/esc.log"
	if [ "$rc" -eq 0 ] && grep -q 'x1b\[2J' "$T/out" && terminal_safe "$T/out" >"$T/why" 2>&1; then
		ok "report escapes OSC 52, CSI 2J, C1 and DEL from the log"
	else
		not_ok "report passes control bytes to the terminal: status $rc, $(cat "$T/why")"
	fi
	run json "$T/esc.log"
	if [ "$rc" -eq 0 ] && python3 -m json.tool "$T/out" >/dev/null 2>"$T/why" &&
		grep -q 'invalid UTF-8' "$T/out" && grep -q '^veristep: warning: .*invalid UTF-8' "$T/err"; then
		ok "json of a log with bytes that are not UTF-8 is valid UTF-8, with a warning"
	else
		not_ok "json is not valid UTF-8: status $rc, $(head -1 "$T/why")"
	fi
	run dot -T svg "$T/esc.log"
	if [ "$rc" -eq 0 ] && python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$T/out" 2>"$T/why"; then
		ok "dot -T svg with control characters in a name is valid XML"
	else
		not_ok "dot -T svg is not valid XML: status $rc, $(tail -1 "$T/why")"
	fi
	nl_name="$T/bad
name$(printf '\033')[2J.log"
	printf 'hello\n' >"$nl_name"
	run report "$nl_name"
	if [ "$rc" -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && terminal_safe "$T/err" >"$T/why" 2>&1; then
		ok "a file name with a newline and an escape: one escaped error line: $(cat "$T/err")"
	else
		not_ok "a file name with a newline: status $rc, $(wc -l <"$T/err") lines, $(cat "$T/why")"
	fi
	run report -p "$(printf 'x\033[2Jy')" "$T/clean.log"
	if [ "$rc" -eq 1 ] && terminal_safe "$T/err" >"$T/why" 2>&1; then
		ok "-p NAME with an escape is escaped in the error"
	else
		not_ok "-p NAME: status $rc, $(cat "$T/why")"
	fi
fi

# ---- bad objects -------------------------------------------------------------

if [ -z "$OBJ" ]; then
	skip "ELF cases: no BPF object (no shared corpus, no samples/*.bpf.o)"
else
	size=$(wc -c <"$OBJ")
	for k in 16 64 100 1000 $((size / 2)) $((size - 1)); do
		head -c "$k" "$OBJ" >"$T/trunc$k.o"
		bad "ELF truncated to $k bytes" "$T/trunc$k.o"
	done
	corrupt mach.o 18 2 62
	bad "an ELF of another machine (x86-64)" "$T/mach.o"
	corrupt class.o 4 1 1
	bad "a 32-bit ELF" "$T/class.o"
	corrupt endian.o 5 1 2
	bad "a big-endian ELF" "$T/endian.o"
	corrupt type.o 16 2 2
	bad_or_warn "an executable, not a relocatable object" "$T/type.o"
	corrupt shoff.o 40 8 4294967296
	bad "section headers past the end" "$T/shoff.o"
	corrupt shoff2.o 40 8 $((size - 10))
	bad "section headers across the end" "$T/shoff2.o"
	corrupt shnum.o 60 2 65535
	bad "65535 sections" "$T/shnum.o"
	corrupt shstrndx.o 62 2 60000
	bad "section-name table index out of range" "$T/shstrndx.o"
	corrupt shentsize.o 58 2 7
	bad_or_warn "section header size 7" "$T/shentsize.o"
	sym=$(shdr_of_type 2)
	if [ -n "$sym" ]; then
		corrupt symsize.o $((sym + 32)) 8 1152921504606846976
		bad "symbol table of 2^60 bytes" "$T/symsize.o"
		corrupt symoff.o $((sym + 24)) 8 $((size + 4096))
		bad "symbol table past the end" "$T/symoff.o"
		corrupt symentsize.o $((sym + 56)) 8 0
		bad_or_warn "symbol table entry size 0" "$T/symentsize.o"
		corrupt symlink.o $((sym + 40)) 4 9999
		bad_or_warn "symbol names in section 9999" "$T/symlink.o"
	fi
	text=$(shdr_of_type 1)
	if [ -n "$text" ]; then
		corrupt textsize.o $((text + 32)) 8 $((size * 8))
		bad "code section larger than the file" "$T/textsize.o"
		corrupt textodd.o $((text + 32)) 8 13
		bad "code section of 13 bytes" "$T/textodd.o"
		corrupt texthuge.o $((text + 32)) 8 18446744073709551608
		bad "code section of 2^64-8 bytes" "$T/texthuge.o"
	fi
	btf=$(btf_at 1)
	if [ -n "$btf" ]; then
		corrupt btf_tlen.o $((btf + 12)) 4 4294967295
		warn "BTF that lies: type_len 2^32-1" "BTF" "$T/btf_tlen.o"
		corrupt btf_soff.o $((btf + 16)) 4 2147483647
		warn "BTF that lies: str_off 2^31-1" "BTF" "$T/btf_soff.o"
		corrupt btf_hlen.o $((btf + 4)) 4 4294967295
		warn "BTF that lies: hdr_len 2^32-1" "BTF" "$T/btf_hlen.o"
		cp "$OBJ" "$T/btf_types.o"
		junk 96 3 | dd of="$T/btf_types.o" bs=1 seek=$((btf + 24)) conv=notrunc 2>/dev/null
		bad_or_warn "BTF with junk types" "$T/btf_types.o"
		cp "$OBJ" "$T/btf_vlen.o"
		# the first type's info: kind STRUCT, vlen 0xffff
		wr "$T/btf_vlen.o" $((btf + 24 + 4)) 4 $((4 * 16777216 + 65535))
		bad_or_warn "BTF struct with 65535 members" "$T/btf_vlen.o"
	fi
	ext=$(btf_at 2)
	if [ -n "$ext" ]; then
		corrupt ext_flen.o $((ext + 12)) 4 4294967295
		warn "BTF.ext that lies: func_info_len 2^32-1" "BTF.ext" "$T/ext_flen.o"
		corrupt ext_loff.o $((ext + 16)) 4 4294967200
		warn "BTF.ext that lies: line_info_off near 2^32" "BTF.ext" "$T/ext_loff.o"
		corrupt ext_rec.o $((ext + 24)) 4 0
		bad_or_warn "BTF.ext record size 0" "$T/ext_rec.o"
		corrupt ext_rec2.o $((ext + 24)) 4 4294967295
		bad_or_warn "BTF.ext record size 2^32-1" "$T/ext_rec2.o"
	fi
	# one byte at a time: 60 deterministic single-byte changes across the file
	awk -v size="$size" 'BEGIN { x = 11; for (i = 0; i < 60; i++) {
		x = (x * 1103515245 + 12345) % 2147483648; print int(x / 7) % size, int(x / 65536) % 256 } }' |
	{
		flip_bad=0
		while read -r pos val; do
			cp "$OBJ" "$T/flip.o"
			wr "$T/flip.o" "$pos" 1 "$val"
			run report "$T/flip.o"
			if [ "$rc" -ge 124 ] || { [ "$rc" -eq 1 ] && [ "$(wc -l <"$T/err")" -ne 1 ]; } ||
				{ [ "$rc" -eq 0 ] && grep -qv '^veristep: warning: ' "$T/err"; } ||
				[ "$rc" -gt 1 ]; then
				flip_bad=$((flip_bad + 1))
				echo "# byte $pos = $val: status $rc"
				cp "$T/flip.o" "$T/flip-$pos.o"
			fi
		done
		echo "$flip_bad" >"$T/flip_bad"
	}
	if [ "$(cat "$T/flip_bad")" = 0 ]; then
		ok "60 single-byte corruptions of the object: exit 0 or 1, one line or warnings"
	else
		not_ok "single-byte corruptions: $(cat "$T/flip_bad") misbehaved"
	fi
	bad "a log with an object of another machine" "$T/mach.o" report "$LOG"
	if [ -n "$OTHER_LOG" ]; then
		warn "a log that does not belong to the object" "match" "$OBJ" "$OTHER_LOG"
	else
		warn "a log that does not belong to the object" "match" "$OBJ" "$T/clean.log"
	fi
	# CO-RE: a log from another kernel has other field offsets at relocated insns; it still joins
	KDIR=$SHARED/corpus-kernels
	if [ -d "$KDIR" ]; then
		nj=0
		nbad=0
		for l in "$KDIR"/*/*/log1.txt "$KDIR"/*/*/log2.txt; do
			c=$(basename "$(dirname "$l")")
			o=$SHARED/corpus/$c/prog.bpf.o
			[ -f "$o" ] || continue
			run report -q "$o" "$l"
			nj=$((nj + 1))
			if grep -q 'no program of the object matches' "$T/err"; then
				nbad=$((nbad + 1))
				echo "# $l: $(grep -m1 'no program' "$T/err" | cut -c1-200)"
			fi
		done
		if [ "$nj" -gt 0 ] && [ "$nbad" -eq 0 ]; then
			ok "CO-RE: all $nj corpus-kernels logs join their corpus object"
		else
			not_ok "CO-RE: $nbad of $nj corpus-kernels logs do not join their object"
		fi
	else
		skip "CO-RE offsets: no corpus-kernels"
	fi
	# wrong pairings the join cannot tell (the same code): the object's answer contradicts the log
	C=$SHARED/corpus
	if [ -f "$C/cb_bpf_loop_tc_rej/log2.txt" ] && [ -f "$C/cb_bpf_loop_sleepable_ok/prog.bpf.o" ]; then
		warn "a rejected log with an object that makes it sleepable: may not belong together" \
			"may not belong together" "$C/cb_bpf_loop_sleepable_ok/prog.bpf.o" "$C/cb_bpf_loop_tc_rej/log2.txt"
		warn "an accepted log with an object that predicts a refusal: may not belong together" \
			"may not belong together" "$C/cb_bpf_loop_tc_rej/prog.bpf.o" "$C/cb_bpf_loop_sleepable_ok/log2.txt"
		if [ -f "$C/async_wq_from_kprobe_rej/log2.txt" ] && [ -f "$C/async_wq_from_tc_ok/prog.bpf.o" ]; then
			warn "a tracing program's error with a tc object: may not belong together" \
				"may not belong together" "$C/async_wq_from_tc_ok/prog.bpf.o" "$C/async_wq_from_kprobe_rej/log2.txt"
		fi
		nfp=0
		for d in "$C"/*/ "$SHARED"/corpus-kernels/*/*/; do
			[ -f "$C/$(basename "$d")/prog.bpf.o" ] && [ -f "$d/log2.txt" ] || continue
			run report -q "$C/$(basename "$d")/prog.bpf.o" "$d/log2.txt"
			grep -q 'may not belong' "$T/err" && { nfp=$((nfp + 1)); echo "# $d: $(grep -m1 'may not belong' "$T/err")"; }
		done
		[ "$nfp" -eq 0 ] && ok "no corpus or corpus-kernels log is said not to belong to its own object" ||
			not_ok "$nfp corpus logs said not to belong to their own object"
	else
		skip "wrong pairings: no corpus"
	fi
	run report "$OBJ" "$OBJ"
	if [ "$rc" -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ]; then ok "two objects: $(cat "$T/err")"; else not_ok "two objects: status $rc"; fi
	warn "an empty log next to the object" "no verifier log" "$OBJ" "$T/empty.log"
fi

# ---- dot / report -o: the output file --------------------------------------------

# one_error WHAT PATTERN: exit 1 with exactly one line matching PATTERN
one_error() {
	if [ "$rc" -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "$2" "$T/err"; then
		ok "$1: $(cat "$T/err")"
	else
		not_ok "$1: status $rc, $(wc -l <"$T/err") stderr lines"
	fi
}
run dot -T svg -o "$T/no-such-dir/g.svg" "$T/clean.log"
one_error "dot -T svg -o into a missing directory" "^veristep: .*g.svg: cannot write"
for fmt in svg png dot; do
	run dot -T $fmt -o /dev/full "$T/clean.log"
	one_error "dot -T $fmt -o /dev/full" "^veristep: /dev/full: cannot write"
done
run dot -T svg "$T/clean.log" >/dev/null
[ "$rc" -eq 0 ] && ok "dot -T svg to stdout" || not_ok "dot -T svg to stdout: status $rc"
run report -o "$T/report.txt" "$T/clean.log"
if [ "$rc" -eq 0 ] && [ ! -s "$T/out" ] && grep -q '^verdict: rejected' "$T/report.txt"; then
	ok "report -o FILE writes the report there"
else
	not_ok "report -o FILE: status $rc, stdout $(wc -c <"$T/out") bytes"
fi
run json -o "$T/j.json" "$T/clean.log"
if [ "$rc" -eq 0 ] && [ ! -s "$T/out" ] && grep -q '"verdict"' "$T/j.json"; then
	ok "json -o FILE writes the JSON there"
else
	not_ok "json -o FILE: status $rc"
fi
run report -o /dev/full "$T/clean.log"
one_error "report -o /dev/full" "^veristep: /dev/full: cannot write"
run report -o "$T" "$T/clean.log"
one_error "report -o DIR" "is a directory"
run -o "$T/x" "$T/clean.log"
[ "$rc" -eq 2 ] && ok "-o without a front end that writes a file: usage error" || not_ok "TUI -o: status $rc, want 2"
# a file system that fills up in the middle: no partial file under either name
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 && unshare -m true 2>/dev/null; then
	mkdir "$T/small"
	awk 'BEGIN { for (i = 0; i < 40; i++) printf "func#%d @%d\n", i, i * 10; print "0: R1=ctx() R10=fp0"; print "0: (95) exit"; print "processed 1 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0" }' >"$T/wide.log"
	VERISTEP="$VERISTEP" D="$T/small" L="$T/wide.log" unshare -m sh -c '
		mount -t tmpfs -o size=4k veristep-small "$D" || exit 9
		"$VERISTEP" dot -T svg -o "$D/g.svg" "$L" 2>"$D/../small.err"
		st=$?
		[ "$st" = 1 ] || echo "status $st, want 1"
		[ -z "$(ls -A "$D")" ] || echo "left: $(ls -A "$D")"
		umount "$D"' >"$T/smallout" 2>&1
	drc=$?
	if [ "$drc" -eq 9 ]; then
		skip "a full file system: cannot mount a tmpfs in a private namespace"
	elif [ "$drc" -eq 0 ] && [ ! -s "$T/smallout" ] && [ "$(wc -l <"$T/small.err")" -eq 1 ]; then
		ok "dot -T svg -o on a file system that fills up: exit 1, no partial file: $(cat "$T/small.err")"
	else
		not_ok "dot -o on a full file system: $(tr '\n' ';' <"$T/smallout") $(head -1 "$T/small.err")"
	fi
else
	skip "a full file system: needs root and unshare -m"
fi

# ---- record -o: the output file (root and a kernel that loads BPF) ------------------

REC_OBJ=samples/timer_global_rej.bpf.o
rec_why=""
if [ "$(id -u)" != 0 ]; then
	rec_why="ROOT_BPF: not root"
elif ! "$VERISTEP" record -q --no-tui "$REC_OBJ" >"$T/probe" 2>&1; then
	rec_why="ROOT_BPF: this kernel does not load BPF programs"
fi
# is_log FILE: a complete recorded log
is_log() { [ -f "$1" ] && tail -n 1 "$1" | grep -q '^processed '; }
# errline: stderr without libbpf's own messages
errline() { grep -v '^veristep: libbpf: ' "$T/err"; }
if [ -n "$rec_why" ]; then
	skip "record -o cases: $rec_why"
else
	R=$T/rec
	mkdir "$R"
	run record -q --no-tui -o "$R" "$REC_OBJ"
	if [ "$rc" -eq 1 ] && [ "$(errline | wc -l)" -eq 1 ] && errline | grep -q 'is a directory' &&
		[ ! -s "$T/out" ] && [ -z "$(ls -A "$R")" ]; then
		ok "record -o DIR: refused before anything is loaded: $(errline)"
	else
		not_ok "record -o DIR: status $rc, stdout $(wc -c <"$T/out") bytes"
	fi
	echo old >"$R/target"
	ln -s target "$R/link"
	run record -q --no-tui -o "$R/link" "$REC_OBJ"
	if [ "$rc" -eq 0 ] && [ -L "$R/link" ] && is_log "$R/target"; then
		ok "record -o SYMLINK: written through the link, the link kept"
	else
		not_ok "record -o SYMLINK: status $rc, link $(ls -l "$R/link")"
	fi
	echo old >"$R/h1"
	ln "$R/h1" "$R/h2"
	run record -q --no-tui -o "$R/h1" "$REC_OBJ"
	if [ "$rc" -eq 0 ] && [ "$R/h1" -ef "$R/h2" ] && is_log "$R/h2"; then
		ok "record -o HARDLINK: one file still, both names see the log"
	else
		not_ok "record -o HARDLINK: status $rc, the link is split"
	fi
	echo old >"$R/other"
	chown 65534:65534 "$R/other" && chmod 0444 "$R/other"
	run record -q --no-tui -o "$R/other" "$REC_OBJ"
	if [ "$rc" -eq 0 ] && [ "$(stat -c '%u:%g %a' "$R/other")" = "65534:65534 444" ] && is_log "$R/other"; then
		ok "record -o another user's 0444 file: owner and mode kept"
	else
		not_ok "record -o another user's file: status $rc, now $(stat -c '%u:%g %a' "$R/other")"
	fi
	echo old >"$R/mine"
	chmod 0640 "$R/mine"
	run record -q --no-tui -o "$R/mine" "$REC_OBJ"
	if [ "$rc" -eq 0 ] && [ "$(stat -c '%a' "$R/mine")" = 640 ] && is_log "$R/mine"; then
		ok "record -o OWNFILE: replaced, mode 0640 kept"
	else
		not_ok "record -o OWNFILE: status $rc, mode $(stat -c '%a' "$R/mine")"
	fi
	run record -q --no-tui -o - "$REC_OBJ"
	if [ "$rc" -eq 0 ] && is_log "$T/out" && grep -q '^  verdict: rejected' "$T/err" && [ ! -e ./- ] && [ ! -e "$R/-" ]; then
		ok "record -o -: the log on stdout, the summary on stderr"
	else
		not_ok "record -o -: status $rc"
	fi
	rm -f ./-
	( timeout 20 "$VERISTEP" record -q --no-tui -o /proc/self/fd/1 "$REC_OBJ" | cat >"$T/out" ) 2>"$T/err"
	if is_log "$T/out" && errline | grep -q "^  verdict: "; then
		ok "record -o /proc/self/fd/1 into a pipe: the log on stdout, the summary on stderr"
	else
		not_ok "record -o /proc/self/fd/1: $(errline | head -1)"
	fi
	# device nodes: in a private mount namespace, on a tmpfs of its own (never the real /dev)
	if command -v unshare >/dev/null 2>&1 && unshare -m true 2>/dev/null; then
		mkdir "$R/dev"
		VERISTEP="$VERISTEP" REC_OBJ="$REC_OBJ" D="$R/dev" unshare -m sh -c '
			mount -t tmpfs -o size=1m veristep-dev "$D" || exit 9
			mknod "$D/null" c 1 3 && mknod "$D/full" c 1 7 || exit 9
			ln -s null "$D/stdout"
			"$VERISTEP" record -q --no-tui -o "$D/null" "$REC_OBJ" >/dev/null 2>&1 || echo "null: status $?"
			[ -c "$D/null" ] || echo "null is no longer a device"
			"$VERISTEP" record -q --no-tui -o "$D/stdout" "$REC_OBJ" >/dev/null 2>&1 || echo "stdout: status $?"
			[ -L "$D/stdout" ] && [ -c "$D/null" ] || echo "the symlink to the device was replaced"
			"$VERISTEP" record -q --no-tui -o "$D/full" "$REC_OBJ" >/dev/null 2>"$D/err"
			st=$?
			[ "$st" = 1 ] || echo "full: status $st, want 1"
			[ "$(grep -vc "^veristep: libbpf: " "$D/err")" = 1 ] || echo "full: not one error line"
			[ -c "$D/full" ] || echo "full is no longer a device"
			ls "$D" | grep -q tmp && echo "left a temporary file"
			umount "$D"' >"$T/devout" 2>&1
		drc=$?
		if [ "$drc" -eq 9 ]; then
			skip "device nodes: cannot mount a tmpfs in a private namespace"
		elif [ "$drc" -eq 0 ] && [ ! -s "$T/devout" ]; then
			ok "record -o a device node (null, full, a symlink to one): written in place, the node kept"
		else
			not_ok "record -o device nodes: $(tr '\n' ';' <"$T/devout")"
		fi
	else
		skip "device nodes: no unshare -m here"
	fi
	# a signal while the programs load: the temporary file goes
	BIG=$SHARED/corpus/big_complexity_limit_rej/prog.bpf.o
	if [ ! -f "$BIG" ]; then
		skip "record interrupted: no slow object (the corpus is absent)"
	else
		for sig in INT TERM; do
			"$VERISTEP" record -q --no-tui -o "$R/sig.log" "$BIG" >/dev/null 2>&1 &
			pid=$!
			i=0
			while [ $i -lt 200 ] && ! ls "$R" | grep -q '^sig.log.tmp'; do sleep 0.05; i=$((i + 1)); done
			seen=$(ls "$R" | grep -c '^sig.log.tmp')
			kill -$sig $pid
			wait $pid
			st=$?
			left=$(ls "$R" | grep -c '^sig.log')
			if [ "$seen" = 1 ] && [ "$left" = 0 ] && [ "$st" -gt 128 ]; then
				ok "record killed by SIG$sig while loading: its temporary file removed, status $st"
			else
				not_ok "record and SIG$sig: tmp seen $seen, files left $left, status $st"
			fi
		done
	fi
	# a program libbpf refuses before the kernel sees it: its reason kept in its frame
	if command -v clang >/dev/null 2>&1; then
		cat >"$T/nolibbpf.bpf.c" <<'EOF'
__attribute__((section("fentry/veristep_no_such_function"), used)) int f(void *ctx) { return 0; }
char _license[] __attribute__((section("license"), used)) = "GPL";
EOF
		if clang -target bpf -O2 -g -c "$T/nolibbpf.bpf.c" -o "$T/nolibbpf.bpf.o" 2>/dev/null; then
			run record -q --no-tui -o "$R/nolibbpf.log" "$T/nolibbpf.bpf.o"
			run json "$R/nolibbpf.log"
			if [ "$rc" -eq 0 ] && json_has "$T/out" verdict '"rejected"' &&
				grep -q '"error":.*failed to find kernel BTF type ID' "$T/out"; then
				ok "record keeps libbpf's reason in the log file; reading it back says it"
			else
				not_ok "libbpf's reason lost: status $rc, $(grep -E '"(verdict|error)"' "$T/out" | tr -d '\t' | tr '\n' ' ')"
			fi
		else
			skip "libbpf's reason: clang cannot build a BPF object here"
		fi
	else
		skip "libbpf's reason: no clang"
	fi
	if ls "$R" | grep -q '\.tmp\.'; then not_ok "record left temporary files: $(ls "$R")"; else ok "record left no temporary file"; fi
fi

# ---- odd but valid forms -----------------------------------------------------

for src in "$T/clean.log" ${LOG:+"$LOG"}; do
	[ "$src" = "$T/clean.log" ] && tag=own || tag=corpus
	[ "$tag" = corpus ] && [ "$LOG" = "$T/clean.log" ] && continue
	sed 's/$/\r/' "$src" >"$T/crlf.log"
	same "$tag: CRLF line ends" "$src" "$T/crlf.log"
	sed 's/^/2024-01-02T03:04:05.123Z /' "$src" >"$T/iso.log"
	same "$tag: ISO timestamps" "$src" "$T/iso.log"
	awk '{ printf "[%6d.%06d] %s\n", NR, NR * 37, $0 }' "$src" >"$T/dmesg.log"
	same "$tag: dmesg timestamps" "$src" "$T/dmesg.log"
	sed 's/^/Jan  2 03:04:05 host loader[812]: /' "$src" >"$T/syslog.log"
	same "$tag: syslog prefixes" "$src" "$T/syslog.log"
	sed 's/^/2024-01-02T03:04:05+0000 host kernel: /' "$src" >"$T/journal.log"
	same "$tag: journald prefixes" "$src" "$T/journal.log"
	sed 's/\\/\\\\/g; s/"/\\"/g; s/^/time="2024-01-02T03:04:05Z" level=info msg="/; s/$/" prog=x/' "$src" >"$T/logfmt.log"
	same "$tag: logfmt level=... msg=\"...\"" "$src" "$T/logfmt.log"
	sed 's/\\/\\\\/g; s/"/\\"/g; s/^/{"level":"info","msg":"/; s/$/"}/' "$src" >"$T/json.log"
	same "$tag: JSON lines" "$src" "$T/json.log"
	sed 's/   *;/\t;/' "$src" >"$T/tabs.log"
	same "$tag: tabs for the trailer padding" "$src" "$T/tabs.log"
	sed 's/^/\t/' "$src" >"$T/indent.log"
	same "$tag: indented by a tab" "$src" "$T/indent.log"
	sed 's/^/> /' "$src" >"$T/quoted.log"
	same "$tag: mail quotes" "$src" "$T/quoted.log"
	{ echo "PROCESSING x.bpf.o/prog, DURATION US: 10, VERDICT: failure, VERIFIER LOG:"; cat "$src"; echo; } >"$T/veristat.log"
	same "$tag: veristat -v framing" "$src" "$T/veristat.log"
	{ printf "\nProg section 'tc' rejected: Permission denied (13)!\n - Type:         3\n"
	  printf " - Instructions: 9 (0 over limit)\n - License:      GPL\n\nVerifier analysis:\n\n"
	  cat "$src"; echo "Error fetching program/map!"; } >"$T/tc.log"
	same "$tag: tc framing" "$src" "$T/tc.log"
	{ echo "libbpf: prog 'x': BPF program load failed: Permission denied"
	  echo "libbpf: prog 'x': -- BEGIN PROG LOAD LOG --"; cat "$src"
	  echo "-- END PROG LOAD LOG --"; echo "libbpf: prog 'x': failed to load: -13"; } >"$T/libbpf.log"
	same "$tag: libbpf framing" "$src" "$T/libbpf.log"
	head -c $(($(wc -c <"$src") - 1)) "$src" >"$T/nonl.log"
	same "$tag: no final newline" "$src" "$T/nonl.log"
done

# a log that shrinks while it is read (an editor saving, a log recorded
# again): the mapping faults with SIGBUS; say so in one line, exit 1, and
# leave no output file behind. The shim cuts the file right after the map.
shim=$T/truncate_on_map.so
if cc -shared -fPIC -o "$shim" tests/cli/lib/truncate_on_map.c -ldl 2>"$T/err"; then
	src=samples/exit_rcu_region_rej.log2
	for cmd in report json dot; do
		cp "$src" "$T/shrink.log"
		mkdir -p "$T/od" && rm -f "$T/od/"*
		(
			export VERISTEP_TEST_SHRINK="$T/shrink.log" LD_PRELOAD="$shim"
			export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0"
			exec timeout 20 "$VERISTEP" $cmd -o "$T/od/out" "$T/shrink.log"
		) >"$T/out" 2>"$T/err"
		rc=$?
		if [ "$rc" = 1 ] && [ "$(wc -l <"$T/err")" = 1 ] &&
		   grep -q "shrink.log: the file shrank or was rewritten while it was read" "$T/err" &&
		   [ -z "$(ls -A "$T/od")" ] && [ ! -s "$T/shrink.log" ]; then
			ok "$cmd: a log cut while it is read: exit 1, one line, no output file"
		else
			not_ok "$cmd: a log cut while it is read: exit 1, one line, no output file" \
				"exit $rc, left: $(ls -A "$T/od" | tr '\n' ' ')" "size now $(wc -c <"$T/shrink.log")"
		fi
	done
	# a big log (16 MB and more is mapped in at once when the page cache holds it)
	: >"$T/big.log"
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13; do
		cat "$T/big.log" "$T/big.log" "$src" >"$T/big2.log" && mv "$T/big2.log" "$T/big.log"
	done
	(
		export VERISTEP_TEST_SHRINK="$T/big.log" LD_PRELOAD="$shim"
		export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0"
		exec timeout 20 "$VERISTEP" report "$T/big.log"
	) >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" = 1 ] && [ "$(wc -l <"$T/err")" = 1 ] &&
	   grep -q "big.log: the file shrank or was rewritten while it was read" "$T/err"; then
		ok "a 17 MB log cut while it is read: exit 1, one line"
	else
		not_ok "a 17 MB log cut while it is read: exit 1, one line" "exit $rc: $(head -c 300 "$T/err")"
	fi
else
	skip "a log cut while it is read: no C compiler for the test shim"
fi

out "1..$n"
[ "$fails" -eq 0 ]
