#!/usr/bin/env python3
"""Pages (WAL frames) and CPU that one audit usage write costs under a uniform key stream over a big store, with the
statements of schema 6 (a key's last use in its `api_keys` row, `key_usage` keyed (key_id, minute), keys in arrival
order) and of schema 7 (`key_last_used`, `key_usage` keyed (minute, key_id), keys in (minute, key id) order), on the
same store and the same key draws: docs/PERFORMANCE.md, "Hot path, ninth pass: SQLite under a wide key stream".

    load-tests/tools/usage-pages.py [STORE_KEYS PER_WRITE WRITES [AUTOCHECKPOINT ...]]   default 200000 5000 80

Uses Python's sqlite3 (the system SQLite) and the migrations of src/Gateway/Accounts/Sqlite/SqliteSchema.cs. Each
write is preceded by a full checkpoint, so the WAL holds exactly the pages it dirtied; every key drawn was last used
over a minute before, as under `bearer-1m`. With AUTOCHECKPOINT values, it then times schema 7's writes (30 of them,
after 40 that fill `key_last_used`) under SQLite's automatic checkpoint at each of those WAL sizes instead.
CPU is this process's (Python's own per-statement cost included, the same on both sides).
"""
import os, random, re, shutil, sqlite3, string, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
schema = open(os.path.join(here, '..', '..', 'src', 'Gateway', 'Accounts', 'Sqlite', 'SqliteSchema.cs')).read()
migrations = re.findall(r'"""\n(.*?)"""', schema, re.S)
args = [int(a) for a in sys.argv[1:]]
store_keys, per_write, writes = (args + [200000, 5000, 80][len(args):])[:3]
checkpoints = args[3:]
work = tempfile.mkdtemp(prefix='usage-pages.')


def build(path, version):
    c = sqlite3.connect(path, isolation_level=None)
    c.execute('PRAGMA journal_mode=WAL')
    for m in migrations[:version]:
        c.executescript(m)
    if version == 6:  # created by the audit store before schema 7
        c.execute('CREATE TABLE key_usage (key_id TEXT NOT NULL, minute INTEGER NOT NULL, requests INTEGER NOT NULL, '
                  'denied INTEGER NOT NULL, PRIMARY KEY (key_id, minute)) WITHOUT ROWID')
    c.execute("INSERT INTO accounts (id, org_id, name, roles, allowed_cidrs, status, created_at, updated_at) "
              "VALUES ('sa_x', 'acme', 'x', 'executor', '', 0, 1, 1)")
    rnd = random.Random(7)
    alphabet = string.ascii_letters + string.digits
    ids = ['ak_' + ''.join(rnd.choice(alphabet) for _ in range(22)) for _ in range(store_keys)]
    c.execute('BEGIN')
    c.executemany("INSERT INTO api_keys (id, account_id, kind, fingerprint, secret_hash, encrypted_secret, allowed_cidrs, "
                  "created_at) VALUES (?, 'sa_x', 0, ?, randomblob(32), randomblob(60), '', 1)", [(i, 'gwk_' + i[-8:]) for i in ids])
    c.execute('COMMIT')
    c.execute('PRAGMA wal_autocheckpoint=0')
    c.execute('PRAGMA synchronous=NORMAL')
    return c, ids


def write(c, version, keys, minute):
    at = minute * 60000 + 1000
    c.execute('BEGIN')
    if version == 6:
        for k in keys:
            c.execute('UPDATE api_keys SET last_used_at = ?2 WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at <= ?2 - ?3)', (k, at, 60000))
            c.execute('INSERT INTO key_usage (key_id, minute, requests, denied) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key_id, minute) '
                      'DO UPDATE SET requests = requests + excluded.requests, denied = denied + excluded.denied', (k, minute, 1, 0))
    else:
        keys = sorted(keys)
        for k in keys:
            c.execute('INSERT INTO key_last_used (key_id, at) VALUES (?1, ?2) ON CONFLICT (key_id) DO UPDATE SET at = excluded.at '
                      'WHERE at <= excluded.at - ?3', (k, at, 60000))
        for k in keys:
            c.execute('INSERT INTO key_usage (minute, key_id, requests, denied) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (minute, key_id) '
                      'DO UPDATE SET requests = requests + excluded.requests, denied = denied + excluded.denied', (minute, k, 1, 0))
    c.execute('COMMIT')


for version in (6, 7):
    path = os.path.join(work, f'v{version}.db')
    c, ids = build(path, version)
    rnd, minute, frames, cpu = random.Random(11), 30_000_000, [], []
    for _ in range(writes):
        c.execute('PRAGMA wal_checkpoint(TRUNCATE)')
        keys = rnd.sample(ids, per_write)
        minute += 1
        started = time.process_time()
        write(c, version, keys, minute)
        cpu.append(time.process_time() - started)
        frames.append((os.path.getsize(path + '-wal') - 32) // (4096 + 24))
    print(f'schema {version}: {store_keys} keys, {per_write} per write: WAL frames of writes 1, 11, 21, ...: {frames[::10]}; '
          f'last {frames[-1]} = {frames[-1] / per_write:.2f} pages per key; CPU {sum(cpu[-3:]) / 3 / per_write * 1e6:.1f} µs per key (last 3)')
    c.close()

for checkpoint in checkpoints:
    path = os.path.join(work, f'ck{checkpoint}.db')
    c, ids = build(path, 7)
    c.execute(f'PRAGMA wal_autocheckpoint={checkpoint}')
    rnd, minute = random.Random(11), 30_000_000
    for w in range(40):
        write(c, 7, rnd.sample(ids, per_write), minute + w)
    c.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    started, largest = time.process_time(), 0
    for w in range(30):
        write(c, 7, rnd.sample(ids, per_write), minute + 100 + w)
        largest = max(largest, os.path.getsize(path + '-wal'))
    print(f'schema 7, wal_autocheckpoint={checkpoint}: CPU {(time.process_time() - started) / 30 / per_write * 1e6:.1f} µs per key, '
          f'WAL file up to {largest / 1e6:.1f} MB')
    c.close()

shutil.rmtree(work)
