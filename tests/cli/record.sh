#!/bin/sh
# tests/cli/record.sh — `veristep record` and the samples, as TAP.
#
# Without root: every sample's committed logs (name.log1, name.log2) agree
# with the expectations in its header (samples/README.md, "Header grammar"):
# verdict, error text; and, once the parser reports them, with the "verdict"
# and "error" keys of `veristep json` (skipped while it does not).
#
# With root and a kernel that loads BPF (prerequisite ROOT_BPF, skipped with
# the reason otherwise): `veristep record --no-tui` gives each sample the
# verdict its header expects, reproduces the kernel's verdict for every
# program of every object in ../shared/corpus (skipped when absent), and
# the logs it saves parse to the same verdicts. Plus -o, -p, the ENOSPC
# retry, and the refusal without privileges.
#
# VERISTEP is the binary under test (default: ./veristep at the repo root).
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
VERISTEP=${VERISTEP:-$top/veristep}
samples=$top/samples
corpus=${VERISTEP_SHARED:-$top/../shared}/corpus
tmp=$(mktemp -d "${TMPDIR:-/tmp}/veristep-record.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do printf '%s\n' "$l" | sed 's/^/# /'; done; }
skip() { n=$((n + 1)); echo "ok $n # skip $1"; }
check() { # check DESCRIPTION COMMAND...: ok when COMMAND succeeds; its stdout is the diagnostics
	_check_desc=$1
	shift
	if _check_out=$("$@" 2>&1); then
		ok "$_check_desc"
	else
		not_ok "$_check_desc" "$_check_out"
	fi
}

# ---- the sample headers ------------------------------------------------------

# header KEY FILE: the values of "// KEY: value" in the leading comment block
header() {
	awk -v key="$1" '
		!/^\/\// { exit }
		{ p = "// " key ": " }
		index($0, p) == 1 { print substr($0, length(p) + 1) }' "$2"
}

# error_block LOG: the lines between the last exploration line and the
# stats at the end (processed / verification time / stack depth); prints
# "NO-PROCESSED" when the log does not end with the processed line
error_block() {
	awk '
		{ line[NR] = $0 }
		END {
			i = NR
			if (i < 1 || line[i] !~ /^processed /) { print "NO-PROCESSED"; exit }
			while (i > 0 && line[i] ~ /^(processed |verification time |stack depth )/)
				i--
			e = i
			while (i > 0 && line[i] != "" && line[i] !~ /^([0-9]+:|;|from |func#|Func#|Validating |mark_precise|caller:|callee:|returning|to caller|Live regs|SCC |frame|\(| |\t)/)
				i--
			for (k = i + 1; k <= e; k++)
				print line[k]
		}' "$1"
}

# log_verdict LOG: accepted | rejected | unknown (no processed line at the end)
log_verdict() {
	b=$(error_block "$1")
	case "$b" in
	NO-PROCESSED) echo unknown ;;
	"") echo accepted ;;
	*) echo rejected ;;
	esac
}

# check_log SAMPLE.bpf.c LOG: the log agrees with the header; prints why not
check_log() {
	src=$1
	log=$2
	[ -s "$log" ] || { echo "$log: missing or empty"; return 1; }
	want=$(header EXPECT-VERDICT "$src")
	got=$(log_verdict "$log")
	[ "$got" = "$want" ] || { echo "$log: verdict $got, header says $want"; return 1; }
	[ "$want" = rejected ] || return 0
	error_block "$log" > "$tmp/block"
	header EXPECT-ERROR "$src" > "$tmp/want"
	[ -s "$tmp/want" ] || { echo "$src: rejected without EXPECT-ERROR"; return 1; }
	# every expected line, in order, as a whole line of the error text
	awk 'NR == FNR { w[++nw] = $0; next } $0 == w[k + 1] { k++ } END { exit k == nw ? 0 : 1 }' \
		"$tmp/want" "$tmp/block" || {
		echo "$log: error text differs; header expects:"
		cat "$tmp/want"
		echo "log has:"
		cat "$tmp/block"
		return 1
	}
}

# check_header SAMPLE.bpf.c: the header has what the tests read
check_header() {
	src=$1
	for k in SAMPLE TEACHES PROG SECTION SLEEPABLE EXPECT-VERDICT; do
		[ -n "$(header "$k" "$src")" ] || { echo "$src: no // $k: line"; return 1; }
	done
	v=$(header EXPECT-VERDICT "$src")
	case "$v" in
	accepted) ;;
	rejected)
		[ -n "$(header EXPECT-ERRNO "$src")" ] || { echo "$src: rejected without EXPECT-ERRNO"; return 1; }
		[ -n "$(header EXPECT-ERROR "$src")" ] || { echo "$src: rejected without EXPECT-ERROR"; return 1; }
		;;
	*) echo "$src: EXPECT-VERDICT is '$v', not accepted or rejected"; return 1 ;;
	esac
	[ "$(header SAMPLE "$src")" = "$(basename "$src" .bpf.c)" ] ||
		{ echo "$src: SAMPLE does not match the file name"; return 1; }
	[ -s "${src%.c}.o" ] || { echo "${src%.c}.o: not committed"; return 1; }
}

# json_check SAMPLE.bpf.c LOG: `veristep json LOG` agrees (rc 2: no verdict key yet);
# verdict and error are read from the log alone, so the object is not passed
json_check() {
	src=$1
	log=$2
	"$VERISTEP" json "$log" > "$tmp/json" 2> "$tmp/json.err" || {
		echo "veristep json failed:"
		cat "$tmp/json.err"
		return 1
	}
	grep -q '"verdict"' "$tmp/json" || return 2
	want=$(header EXPECT-VERDICT "$src")
	grep -Eq "\"verdict\"[[:space:]]*:[[:space:]]*\"$want\"" "$tmp/json" || {
		echo "json verdict is not $want:"
		grep -o '"verdict"[[:space:]]*:[[:space:]]*"[a-z]*"' "$tmp/json"
		return 1
	}
	[ "$want" = rejected ] || return 0
	first=$(header EXPECT-ERROR "$src" | head -n 1)
	grep '"error"' "$tmp/json" | grep -qF -- "$first" || {
		echo "json error does not contain: $first"
		grep -o '"error" *: *.*' "$tmp/json" | head -n 3
		return 1
	}
}

# ---- what record prints --------------------------------------------------------

# record_verdicts OUT: "NAME VERDICT ERRNO" per program from record's stdout
record_verdicts() {
	awk '
		/^prog / { name = $2; sub(/:$/, "", name) }
		/^  verdict: accepted/ { print name, "accepted", "-" }
		/^  verdict: rejected/ { e = $3; gsub(/[()]/, "", e); print name, "rejected", e }
		/^  verdict: truncated/ { print name, "truncated", "ENOSPC" }' "$1"
}

# record_error OUT NAME: the error line record printed for NAME
record_error() {
	awk -v want="$2" '
		/^prog / { name = $2; sub(/:$/, "", name) }
		name == want && /^  error: / { sub(/^  error: /, ""); print }' "$1"
}

# corpus_expect DIR: "PROG loaded|rejected ERRNO" per program of verdict.json
# (top level, or each entry of "programs"); the file is indent=2 JSON
corpus_expect() {
	awk '
		function val(s) { sub(/^[^:]*: */, "", s); sub(/,$/, "", s); gsub(/"/, "", s); return s }
		/^  "programs": \[/ { inprogs = 1; next }
		inprogs && /^  \]/ { inprogs = 0; next }
		inprogs && /^      "prog":/ { np++; p[np] = val($0) }
		inprogs && /^      "loaded":/ { l[np] = val($0) }
		inprogs && /^      "errno_name":/ { e[np] = val($0) }
		!inprogs && /^  "prog":/ { tp = val($0) }
		!inprogs && /^  "loaded":/ { tl = val($0) }
		!inprogs && /^  "errno_name":/ { te = val($0) }
		END {
			if (!np) { np = 1; p[1] = tp; l[1] = tl; e[1] = te }
			for (i = 1; i <= np; i++)
				print p[i], (l[i] == "true" ? "accepted" : "rejected"), (e[i] == "" ? "-" : e[i])
		}' "$1/verdict.json"
}

# ---- plan ------------------------------------------------------------------------

srcs=$(ls "$samples"/*.bpf.c 2>/dev/null)
nsamples=$(printf '%s\n' "$srcs" | grep -c .)
ncorpus=0
if [ -d "$corpus" ]; then
	for d in "$corpus"/*/; do
		[ -f "$d/verdict.json" ] && [ -f "$d/prog.bpf.o" ] || continue
		ncorpus=$((ncorpus + 1))
	done
fi
# per sample: header, log1, log2, json(log2); root: record verdict, saved-log json
# per corpus object: record verdicts, saved-log json; misc root tests: 6
plan=$((nsamples * 6 + ncorpus * 2 + 6))
echo "1..$plan"

if [ "$nsamples" -eq 0 ]; then
	echo "Bail out! no samples/*.bpf.c"
	exit 1
fi

# ---- without root: committed logs vs headers ---------------------------------------

for src in $srcs; do
	s=$(basename "$src" .bpf.c)
	check "sample $s: header has the expectations and the object" check_header "$src"
	check "sample $s: $s.log1 agrees with the header" check_log "$src" "$samples/$s.log1"
	check "sample $s: $s.log2 agrees with the header" check_log "$src" "$samples/$s.log2"
	out=$(json_check "$src" "$samples/$s.log2" 2>&1)
	case $? in
	0) ok "sample $s: veristep json verdict/error agree with the header" ;;
	2) skip "veristep json has no \"verdict\" yet (parser not merged): $s" ;;
	*) not_ok "sample $s: veristep json verdict/error agree with the header" "$out" ;;
	esac
done

# ---- ROOT_BPF: record against the kernel ---------------------------------------------

why=""
if [ "$(id -u)" != 0 ]; then
	why="ROOT_BPF: not root"
elif ! "$VERISTEP" record -q --no-tui "$samples/null_deref_rej.bpf.o" > "$tmp/probe" 2>&1; then
	why="ROOT_BPF: this kernel does not load BPF programs: $(tail -n 1 "$tmp/probe")"
fi

skip_rest() {
	while [ "$n" -lt "$plan" ]; do
		skip "$why"
	done
	exit 0
}
[ -z "$why" ] || skip_rest

# record_sample SRC: record's verdict, errno and error for the sample match its header
record_sample() {
	src=$1
	s=$(basename "$src" .bpf.c)
	"$VERISTEP" record -q --no-tui -o "$tmp/$s.log" "${src%.c}.o" > "$tmp/$s.out" 2> "$tmp/$s.err" || {
		echo "record failed:"
		cat "$tmp/$s.err"
		return 1
	}
	prog=$(header PROG "$src")
	want="$prog $(header EXPECT-VERDICT "$src") $(header EXPECT-ERRNO "$src")"
	want=${want% }
	[ "$(header EXPECT-VERDICT "$src")" = accepted ] && want="$want -"
	got=$(record_verdicts "$tmp/$s.out")
	[ "$got" = "$want" ] || { echo "record says '$got', header '$want'"; return 1; }
	header EXPECT-ERROR "$src" | while IFS= read -r l; do
		record_error "$tmp/$s.out" "$prog" | grep -qF -- "$l" ||
			{ echo "error line lacks: $l"; cat "$tmp/$s.out"; return 1; }
	done
}

for src in $srcs; do
	s=$(basename "$src" .bpf.c)
	check "record $s: verdict, errno and error match the header" record_sample "$src"
	out=$(json_check "$src" "$tmp/$s.log" 2>&1)
	case $? in
	0) ok "record $s: the saved log parses to the header's verdict" ;;
	2) skip "veristep json has no \"verdict\" yet (parser not merged): saved $s log" ;;
	*) not_ok "record $s: the saved log parses to the header's verdict" "$out" ;;
	esac
done

# record_corpus DIR: record reproduces verdict.json for every program
record_corpus() {
	d=$1
	c=$(basename "$d")
	set -- -q --no-tui
	# a huge log is recorded and checked, but not saved
	[ -f "$d/log2.txt.xz" ] || set -- "$@" -o "$tmp/$c.log"
	"$VERISTEP" record "$@" "$d/prog.bpf.o" > "$tmp/$c.out" 2> "$tmp/$c.err" || {
		echo "record failed:"
		cat "$tmp/$c.err"
		return 1
	}
	corpus_expect "$d" > "$tmp/$c.want"
	record_verdicts "$tmp/$c.out" > "$tmp/$c.got"
	cmp -s "$tmp/$c.want" "$tmp/$c.got" || {
		echo "kernel verdicts (verdict.json):"
		cat "$tmp/$c.want"
		echo "record:"
		cat "$tmp/$c.got"
		return 1
	}
}

# saved_corpus DIR: the log record saved parses to the same verdicts (rc 2: can't tell yet)
saved_corpus() {
	c=$(basename "$1")
	[ -f "$tmp/$c.log" ] || return 3
	"$VERISTEP" json "$tmp/$c.log" > "$tmp/$c.json" 2>&1 || {
		cat "$tmp/$c.json"
		return 1
	}
	grep -q '"verdict"' "$tmp/$c.json" || return 2
	want=$(awk '{ print $2 }' "$tmp/$c.want" | tr '\n' ' ')
	got=$(grep -o '"verdict"[[:space:]]*:[[:space:]]*"[a-z]*"' "$tmp/$c.json" | sed 's/.*"\([a-z]*\)"$/\1/' | tr '\n' ' ')
	[ "$got" = "$want" ] || { echo "json verdicts '$got', kernel '$want'"; return 1; }
}

if [ "$ncorpus" -eq 0 ]; then
	i=0
	while [ "$i" -lt $((ncorpus * 2)) ]; do skip "no corpus (../shared is absent; VERISTEP_SHARED names another)"; i=$((i + 1)); done
else
	for d in "$corpus"/*/; do
		d=${d%/}
		[ -f "$d/verdict.json" ] && [ -f "$d/prog.bpf.o" ] || continue
		c=$(basename "$d")
		check "record corpus/$c: the kernel's verdict for every program" record_corpus "$d"
		out=$(saved_corpus "$d" 2>&1)
		case $? in
		0) ok "record corpus/$c: the saved log parses to the same verdicts" ;;
		2) skip "veristep json has no \"verdict\" yet (parser not merged): corpus/$c" ;;
		3) skip "corpus/$c: huge log, not saved" ;;
		*) not_ok "record corpus/$c: the saved log parses to the same verdicts" "$out" ;;
		esac
	done
fi

# ---- record options ------------------------------------------------------------------

seed=$samples/timer_global_rej.bpf.o

plain_log() {
	"$VERISTEP" record -q --no-tui -o "$tmp/plain.log" "$seed" > "$tmp/plain.out" 2>/dev/null ||
		return 1
	head -n 1 "$tmp/plain.log" | grep -q '^libbpf:' && { echo "framed"; return 1; }
	tail -n 1 "$tmp/plain.log" | grep -q '^processed ' || { echo "no processed line"; return 1; }
	bytes=$(wc -c < "$tmp/plain.log")
	grep -q "log: $bytes bytes" "$tmp/plain.out" || { echo "size $bytes not reported"; return 1; }
}
check "record -o with one program writes the kernel's log as is" plain_log

framed_log() {
	obj=$corpus/struct_multi_prog/prog.bpf.o
	[ -f "$obj" ] || obj=$samples/wq_global_ok.bpf.o
	"$VERISTEP" record -q --no-tui -o "$tmp/framed.log" "$obj" > "$tmp/framed.out" 2>/dev/null ||
		return 1
	np=$(grep -c '^prog ' "$tmp/framed.out")
	nb=$(grep -c "^libbpf: prog '.*': -- BEGIN PROG LOAD LOG --\$" "$tmp/framed.log")
	ne=$(grep -c '^-- END PROG LOAD LOG --$' "$tmp/framed.log")
	if [ "$np" -eq 1 ]; then
		[ "$nb" -eq 0 ] || { echo "one program framed"; return 1; }
	else
		[ "$nb" -eq "$np" ] && [ "$ne" -eq "$np" ] || { echo "$np programs, $nb/$ne frames"; return 1; }
	fi
}
check "record -o with several programs frames each log as libbpf does" framed_log

grown_log() {
	VERISTEP_RECORD_BUF=256 "$VERISTEP" record -q --no-tui -o "$tmp/grown.log" "$seed" \
		> "$tmp/grown.out" 2>/dev/null || return 1
	grep -q 'loads (buffer grown to' "$tmp/grown.out" || { cat "$tmp/grown.out"; return 1; }
	grep -q '^  verdict: rejected (EINVAL)' "$tmp/grown.out" || { cat "$tmp/grown.out"; return 1; }
	[ "$(log_verdict "$tmp/grown.log")" = rejected ] || { echo "grown log incomplete"; return 1; }
	# the same log, but for the addresses that change at every load
	sed 's/0x[0-9a-f]*/X/g; /^verification time/d' "$tmp/grown.log" > "$tmp/g1"
	sed 's/0x[0-9a-f]*/X/g; /^verification time/d' "$tmp/plain.log" > "$tmp/g2"
	cmp -s "$tmp/g1" "$tmp/g2" || { diff "$tmp/g1" "$tmp/g2" | head; return 1; }
}
check "record grows a too-small buffer on ENOSPC to the size the kernel reports" grown_log

no_such_prog() {
	if "$VERISTEP" record -q --no-tui -p no_such_prog -o "$tmp/none.log" "$seed" > "$tmp/none.out" 2>&1; then
		echo "exit 0"
		return 1
	fi
	[ ! -e "$tmp/none.log" ] || { echo "wrote a log"; return 1; }
	grep -q "no program named 'no_such_prog'" "$tmp/none.out" || { cat "$tmp/none.out"; return 1; }
}
check "record -p NAME of a missing program fails and writes nothing" no_such_prog

only_one() {
	obj=$corpus/struct_multi_prog/prog.bpf.o
	[ -f "$obj" ] || return 2
	"$VERISTEP" record -q --no-tui -p tc_reader -o "$tmp/one.log" "$obj" > "$tmp/one.out" 2>/dev/null ||
		return 1
	[ "$(grep -c '^prog ' "$tmp/one.out")" -eq 1 ] || { cat "$tmp/one.out"; return 1; }
	grep -q '^prog tc_reader:' "$tmp/one.out" || return 1
	[ "$(log_verdict "$tmp/one.log")" = rejected ] || { echo "plain log not rejected"; return 1; }
}
out=$(only_one 2>&1)
case $? in
0) ok "record -p NAME loads only that program" ;;
2) skip "no corpus (../shared is absent; VERISTEP_SHARED names another)" ;;
*) not_ok "record -p NAME loads only that program" "$out" ;;
esac

unprivileged() {
	command -v setpriv > /dev/null 2>&1 || return 2
	mkdir "$tmp/open" && chmod 1777 "$tmp/open" && chmod 755 "$tmp"
	if setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$VERISTEP" record --no-tui -o "$tmp/open/x.log" "$seed" > "$tmp/open.out" 2> "$tmp/open.err"; then
		echo "exit 0 without privileges"
		return 1
	fi
	[ -z "$(ls -A "$tmp/open")" ] || { echo "left files:"; ls -A "$tmp/open"; return 1; }
	[ "$(wc -l < "$tmp/open.err")" -eq 1 ] || { cat "$tmp/open.err"; return 1; }
	grep -q 'root or CAP_BPF' "$tmp/open.err" || { cat "$tmp/open.err"; return 1; }
}
out=$(unprivileged 2>&1)
case $? in
0) ok "record without privileges: one line, exit 1, nothing written" ;;
2) skip "setpriv not installed" ;;
*) not_ok "record without privileges: one line, exit 1, nothing written" "$out" ;;
esac

[ "$n" -eq "$plan" ] || echo "# planned $plan, ran $n"
