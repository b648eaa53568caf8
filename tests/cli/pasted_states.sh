#!/bin/sh
# A log as users paste it: a tab before ';', CRLF line ends, a collector's
# prefix on every line (dmesg, ISO 8601, syslog), a mail's indentation,
# libbpf's BEGIN/END frame. None may change a path, a step or the state at
# any step: `json --steps --states` of each mangled copy is compared with
# the clean log's, step by step.
. "$(dirname "$0")/../lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	test_skip 'pasted logs' 'no python3 to read the JSON'
	test_done
	exit 0
fi

# compare LOG...: every variant of every LOG against the LOG itself
compare() {
	python3 - "$VERISTEP" "$@" <<'PY'
import json, re, subprocess, sys

veristep, logs = sys.argv[1], sys.argv[2:]

def lines(t):
    return t.split('\n')

def tabs(t):
    # the trailer's run of blanks before ';' becomes one tab (an editor's doing)
    return '\n'.join(re.sub(r'^(\s*\d+: \(.*?\S) {2,};', '\\1\t;', l) for l in lines(t))

VARIANTS = {
    'tabs': tabs,
    'crlf': lambda t: t.replace('\n', '\r\n'),
    'dmesg': lambda t: '\n'.join('[ 1234.%06d] %s' % (i, l) if l else l
                                 for i, l in enumerate(lines(t))),
    'iso': lambda t: '\n'.join('2026-12-01T13:00:%02d.123456Z %s' % (i % 60, l) if l else l
                               for i, l in enumerate(lines(t))),
    'syslog': lambda t: '\n'.join('Dec  1 13:00:00 host loader[42]: ' + l if l else l
                                  for l in lines(t)),
    'indent': lambda t: '\n'.join('    ' + l if l else l for l in lines(t)),
    'libbpf': lambda t: "libbpf: prog 'p': BPF program load failed: Permission denied\n"
                        "libbpf: prog 'p': -- BEGIN PROG LOAD LOG --\n" + t.rstrip('\n') +
                        "\n-- END PROG LOAD LOG --\n",
}
import os
if os.environ.get('PASTED_CONTROL'):
    # a control: a real change of one value must be seen
    VARIANTS = {'control': lambda t: t.replace('R4=fp-24', 'R4=fp-28', 1)}
else:
    for f in logs:
        t = open(f, newline='').read()
        if '  ;' in t and tabs(t) == t:
            raise SystemExit('%s: no trailer got its tab' % f)
KEYS = ('verdict', 'error', 'error_insn', 'error_step', 'paths', 'steps', 'path_list', 'step_list')

def load(data):
    r = subprocess.run([veristep, 'json', '--steps', '--states', '-'], input=data,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode:
        raise SystemExit('exit %d: %s' % (r.returncode, r.stderr.decode()))
    return [{k: p.get(k) for k in KEYS} for p in json.loads(r.stdout)['programs']]

bad = steps = 0
for f in logs:
    text = open(f, newline='').read()
    clean = load(text.encode())
    nsteps = sum(len(p['step_list']) for p in clean)
    if not nsteps:
        raise SystemExit('%s: no steps' % f)
    steps += nsteps
    for name, mangle in VARIANTS.items():
        got = load(mangle(text).encode())
        if len(got) != len(clean):
            print('FAIL %s (%s): %d programs, not %d' % (f, name, len(got), len(clean)))
            bad += 1
            continue
        for a, b in zip(clean, got):
            for k in KEYS:
                if k == 'step_list':
                    for x, y in zip(a[k], b[k]):
                        if x != y:
                            print('FAIL %s (%s): step %d: %s\n  not %s' % (f, name, x['step'], y, x))
                            bad += 1
                            break
                if a[k] != b[k] and (k != 'step_list' or len(a[k]) != len(b[k])):
                    print('FAIL %s (%s): %s differs' % (f, name, k))
                    bad += 1
print('# %d logs, %d variants each, %d steps compared per variant' % (len(logs), len(VARIANTS), steps))
sys.exit(1 if bad else 0)
PY
}

test_expect_success 'the comparison sees one changed value (a control)' '
	grep -q "R4=fp-24" "$TOP/tests/fixtures/slots/slots.log2" &&
	! PASTED_CONTROL=1 compare "$TOP/tests/fixtures/slots/slots.log2" >out &&
	cat out && grep -q "FAIL.*(control): step" out
'
test_expect_success 'a recorded 6.18 log with refs and special slots, a bundled sample' '
	compare "$TOP/tests/fixtures/slots/slots.log2" "$TOP/samples/spin_lock_rej.log2" \
		"$TOP/samples/null_deref_rej.log1"
'
if have_corpus; then
	test_expect_success 'corpus logs of every kernel and public logs' '
		K=$SHARED/corpus-kernels &&
		compare "$SHARED/corpus/async_timer_cb_global_rej/log2.txt" \
			"$SHARED/corpus/region_rcu_sleep_inside_rej/log2.txt" \
			"$SHARED/corpus/struct_deep_static_chain_ok/log2.txt" \
			"$SHARED/corpus/cb_bpf_loop_tc_rej/log1.txt" \
			"$K/5.10.0-32-amd64/reject_helper_arg_type/log2.txt" \
			"$K/6.1.0-56-amd64/cb_bpf_loop_sleepable_ok/log2.txt" \
			"$K/6.12.117+deb13-amd64/async_timer_cb_global_rej/log2.txt" \
			"$K/6.17.13+deb13-amd64/global_mixed_ctx_rej/log2.txt" \
			"$K/7.3.4+deb13-amd64/reject_helper_arg_type/log2.txt" \
			"$K/7.3.4+deb13-amd64/struct_deep_static_chain_ok/log2.txt" \
			"$SHARED/corpus-public/aya-407_k5.18-6.3_l2.txt" \
			"$SHARED/corpus-public/selftest-irq_sleepable_global_subprog_indirect_k6.15_l2.txt"
	'
else
	test_skip 'corpus logs of every kernel' 'no corpus (../shared is absent; VERISTEP_SHARED names another)'
fi
test_done
