#!/usr/bin/env python3
"""Compares `tcplens conns -T zeek` with the Zeek baselines in ../shared/captures: for every TCP
row of a baseline, the row with the same endpoints must have the same conn_state and history
(and every other column the baseline has, except ts, uid and service)."""
import glob, os, subprocess, sys
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
caps = os.path.normpath(os.path.join(here, '..', 'shared', 'captures'))
def parse(text):
    # A Zeek log, or a zeek-cut subset whose first line after the btest banner names the columns.
    fields, rows = None, []
    for line in text.splitlines():
        if line.startswith('#fields'):
            fields = line.split('\t')[1:]
        elif line and not line.startswith('#'):
            if fields is None:
                fields = line.split('\t')
            else:
                rows.append(dict(zip(fields, line.split('\t'))))
    return rows
bad = total = 0
for log in sorted(glob.glob(caps + '/*/*.zeek-conn*.log')) + sorted(glob.glob(caps + '/*/*.zeek-history.txt')):
    pcap = log.split('.pcap')[0] + ('.pcapng' if '.pcapng.' in log else '.pcap')
    if 'vlan-aware' in log or ('chksums' in log and 'ignore' not in log):
        continue  # VLAN-aware keying and checksum-dropping Zeek are options/oracle faults, checked apart
    got = parse(subprocess.run([here + '/tcplens', 'conns', '-r', pcap, '-T', 'zeek'], capture_output=True, text=True).stdout)
    if log.endswith('history.txt'):
        kv = dict(l.split('\t', 1) for l in open(log).read().splitlines() if '\t' in l and not l.startswith('#'))
        want = [{'history': kv.get('history'), 'conn_state': kv.get('conn_state')}]
    else:
        want = [r for r in parse(open(log).read()) if r.get('proto', 'tcp') == 'tcp']
    used = set()
    for w in want:
        total += 1
        key = [k for k in ('id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p') if k in w]
        if key:
            # Rows with the same endpoints (Zeek splits idle connections) are matched in order.
            cands = [g for g in got if all(g[k] == w[k] for k in key) and id(g) not in used][:1]
        else:  # no endpoint columns: some row must have the same history
            cands = [g for g in got if g['history'] == w.get('history')][:1] or got
        if len(cands) != 1:
            bad += 1; print(f'{os.path.relpath(log, caps)}: no single row for {[w.get(k) for k in key]} ({len(cands)})'); continue
        g = cands[0]
        used.add(id(g))
        diffs = [f'{k}: want {w[k]} got {g.get(k)}' for k in w
                 if k in g and k not in ('ts', 'uid', 'service') and w[k] != g.get(k)]
        if diffs:
            bad += 1; print(f'{os.path.relpath(log, caps)} {[w.get(k) for k in key]}: ' + '; '.join(diffs))
print(f'{total - bad} passed, {bad} failed')
