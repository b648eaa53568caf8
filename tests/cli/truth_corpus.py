#!/usr/bin/env python3
"""tests/cli/truth_corpus.py VERISTEP LOG...: the exploration invariants of
issue 13, each checked against the log text itself (not the parser's model)
and `veristep json --steps [--states]`:
- no path starts at the return of an exit insn;
- paths <= popped branches (counted in the log) + units;
- steps are 1..n and a rejected program's error_step is its last step;
- every step after an RCU/preempt/IRQ/lock opener (to its closer or the end
  of the path) has that region open and is not sleepable;
- at a refused call, each of R1-R5 that the error names is in the state.
Prints one FAIL line per violation; exit 1 when there is one."""
import json, lzma, re, subprocess, sys

veristep = sys.argv[1]
files = sys.argv[2:]
# an exit insn, also in 6.17+'s "Live regs before insn:" listing
INSN = re.compile(r'(?:^|\s)(\d+): (?:[.0-9]{10} )?\(95\) exit')
FROM = re.compile(r'(?:^|\s)from (\d+) to (\d+):')
GLUE = re.compile(r'(?:goto pc[+-]\d+|call \S+)\s+\d+: (?:R\d|fp|frame)')
BARE = re.compile(r'^\d+: (R\d|fp)')
REG = re.compile(r'\bR([0-9])\b')
OPEN = {'bpf_rcu_read_lock': 'rcu', 'bpf_preempt_disable': 'preempt',
        'bpf_local_irq_save': 'irq', 'bpf_spin_lock': 'lock',
        'bpf_res_spin_lock': 'lock', 'bpf_res_spin_lock_irqsave': 'lock'}
CLOSE = {'bpf_rcu_read_unlock': 'rcu', 'bpf_preempt_enable': 'preempt',
         'bpf_local_irq_restore': 'irq', 'bpf_spin_unlock': 'lock',
         'bpf_res_spin_unlock': 'lock', 'bpf_res_spin_unlock_irqrestore': 'lock'}
bad = 0
stats = dict(logs=0, paths=0, regions=0, refused_calls=0)

def fail(f, msg):
    global bad
    bad += 1
    print('FAIL %s: %s' % (f, msg))

for f in files:
    raw = (lzma.open(f, 'rt', errors='replace') if f.endswith('.xz')
           else open(f, errors='replace')).read()
    big = len(raw) > 4 << 20
    args = [veristep, 'json', '--steps'] + ([] if big else ['--states']) + [f]
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        if b'no verifier log' in r.stderr or b'empty' in r.stderr:
            continue
        fail(f, 'exit %d: %s' % (r.returncode, r.stderr.decode()[:200]))
        continue
    d = json.loads(r.stdout)
    stats['logs'] += 1
    exits = set(int(m.group(1)) for m in INSN.finditer(raw))
    froms = [(int(m.group(1)), int(m.group(2))) for m in FROM.finditer(raw)]
    # a pop: "from X to Y:" with X not an exit (else it is a return), a
    # level-1 branch or callback call line glued with the popped state ("goto pc+2 11: R0=0"),
    # or (5.10) a bare "Y: R..." state right after an exit or a "safe"
    pops = sum(1 for x, _ in froms if x not in exits) + len(GLUE.findall(raw))
    prev = ''
    for line in raw.splitlines():
        if BARE.match(line) and (prev.endswith('(95) exit') or prev.endswith(': safe')):
            pops += 1
        prev = line.rstrip()
    progs = d['programs']
    for p in progs:
        pl, sl = p.get('path_list', []), p.get('step_list', [])
        stats['paths'] += len(pl)
        # bullet 1: no path starts at an exit's return
        for x in pl:
            if x['from'] is not None and x['from'] in exits:
                fail(f, 'path %d starts at the return of exit insn %d' % (x['path'], x['from']))
        if len(progs) == 1 and len(pl) > pops + len(p['units']):
            fail(f, '%d paths > %d pops + %d units' % (len(pl), pops, len(p['units'])))
        if [s['step'] for s in sl] != list(range(1, len(sl) + 1)):
            fail(f, 'steps are not 1..%d' % len(sl))
        es = p.get('error_step')
        if es is not None and es != len(sl):
            fail(f, 'error_step %s is not the last step %d' % (es, len(sl)))
        # bullet 2: regions (JSON); the TUI's own check is in test_views.c
        openat = {}
        for s in sl:
            if s['step'] > 1 and sl[s['step'] - 2]['path'] != s['path']:
                openat = {}
            kinds = {g['kind']: g['opened_at_insn'] for g in s['regions']}
            for k, at in openat.items():
                stats['regions'] += 1
                if kinds.get(k) is None:
                    fail(f, 'step %d: %s region opened at insn %d not open' % (s['step'], k, at))
                elif s['context'] == 'sleepable':
                    fail(f, 'step %d: sleepable inside a %s region' % (s['step'], k))
            c = s['call']
            if c in OPEN and s['step'] != es:
                openat.setdefault(OPEN[c], s['insn'])
            if c in CLOSE:
                openat.pop(CLOSE[c], None)
        # bullet 3: at a refused call the registers the error names are in the state
        # (a 5.10 level-1 log prints no state after an insn: nothing to show)
        lacks = p['log_level'] == 1 and ' ; R' not in raw and ';\tR' not in raw
        if es is not None and sl and sl[-1]['call'] and 'state' in sl[-1] and not lacks:
            e = sl[-1]
            stats['refused_calls'] += 1
            for n in sorted(set(REG.findall(p['error'] or ''))):
                if int(n) and int(n) <= 5 and 'R' + n not in e['state']:
                    fail(f, 'refused call at step %d: R%s (named by the error) not in the state %s'
                         % (e['step'], n, sorted(e['state'])))
print('# checked %(logs)d logs, %(paths)d paths, %(regions)d in-region steps, '
      '%(refused_calls)d refused calls' % stats)
sys.exit(1 if bad else 0)
