#!/usr/bin/env python3
"""Compares tcplens's verdicts with pcapgen's ground truth (../shared/bench/pcapgen.c -t truth.csv)
for every complete connection. Usage: compare-pcapgen.py CAPTURE TRUTH.csv"""
import csv, io, ipaddress, os, subprocess, sys
from collections import defaultdict, Counter
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
capture, truth = sys.argv[1], sys.argv[2]
out = subprocess.run([here + '/tcplens', 'conns', '-r', capture, '-T', 'csv'], capture_output=True, text=True, check=True).stdout
ours = defaultdict(list)
for r in csv.DictReader(io.StringIO(out)):
    key = (str(ipaddress.ip_address(r['orig.ip'])), r['orig.port'], str(ipaddress.ip_address(r['resp.ip'])), r['resp.port'])
    ours[key].append(r)
HANDSHAKE = {'SYNFLOOD': 'no_reply', 'REFUSED': 'refused'}
TEARDOWN = {'FOUR_WAY': 'four_way', 'THREE_WAY': 'three_packet', 'SIMULTANEOUS': 'simultaneous_close', 'RST': 'reset', 'NONE': 'not_seen'}
INITIATOR = {'client': 'originator', 'server': 'responder', '-': None}
seen = Counter(); bad = Counter(); examples = defaultdict(list); used = Counter()
for t in csv.DictReader(open(truth)):
    key = (str(ipaddress.ip_address(t['client'])), t['cport'], str(ipaddress.ip_address(t['server'])), t['sport'])
    i = used[key]; used[key] += 1
    if t['complete'] != '1':
        continue
    seen[t['kind']] += 1
    rows = ours.get(key, [])
    if i >= len(rows):
        bad['missing'] += 1; examples['missing'].append(t['id']); continue
    r = rows[i]
    want_h = HANDSHAKE.get(t['kind'], 'three_way*')
    want_t = 'reset' if t['kind'] == 'REFUSED' else TEARDOWN[t['teardown']]
    want_i = 'both' if t['teardown'] == 'SIMULTANEOUS' else ('responder' if t['kind'] == 'REFUSED' else INITIATOR[t['initiator']])
    problems = []
    if (r['handshake.kind'] != want_h) and not (want_h == 'three_way*' and r['handshake.kind'] in ('three_way', 'three_way_with_data')):
        problems.append(f"handshake {r['handshake.kind']} want {want_h}")
    if r['teardown.kind'] != want_t:
        problems.append(f"teardown {r['teardown.kind']} want {want_t}")
    if want_i and r['teardown.initiator'] != want_i:
        problems.append(f"initiator {r['teardown.initiator']} want {want_i}")
    if problems:
        k = t['kind'] + '/' + t['teardown'] + ': ' + problems[0]
        bad[k] += 1; examples[k].append(t['id'])
total = sum(seen.values()); wrong = sum(bad.values())
print(f'complete connections: {total} ({dict(seen)}); agree: {total - wrong}; disagree: {wrong}')
for k, n in bad.most_common(20):
    print(f'  {n:6d}  {k}  e.g. ids {examples[k][:5]}')
