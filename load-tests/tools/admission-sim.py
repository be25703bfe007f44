#!/usr/bin/env python3
"""Simulates the credential cache's admission rules under a uniform key stream (PERFORMANCE.md, "Hot path,
seventeenth pass"). Not the gateway's code: a model of its rules, to compare admission policies before measuring one
under load.

Model (src/Gateway/Accounts/CredentialCache.cs and CredentialCacheDoorkeeper.cs): MaxEntries found credentials, each
living a lifetime drawn in [0.8, 1] x 60 s; expired entries swept every 30 s (ResyncInterval) and, when the cache is
full, at most once a second; a full cache serves but does not keep an answer. The doorkeeper is a direct-mapped table
of 4 slots per first sighting of a generation (a power of two), generations of MaxEntries / 2 first sightings, a
sighting recent in its own generation and the next. Adaptive consults it only once the cache holds
MaxEntries x share found credentials. Reported after a warm-up: hit rate, answers admitted per second, and the most
entries held (expired ones included until swept).

Usage: admission-sim.py [KEYS:RATE ...]   (default: 1000000:8400 1000000:13000 200000:12500 200000:8000 20000:8000)
"""
import random
import sys

MAX_ENTRIES = 100_000
LIFETIME = 60.0
SPREAD = 0.2
RESYNC = 30.0
DURATION = 180
WARM_UP = 60


def simulate(keys, rate, mode, share=0.25, seed=1):
    rnd = random.Random(seed)
    generation_size = max(MAX_ENTRIES // 2, 1)
    slot_count = 1
    while slot_count < generation_size * 4:
        slot_count *= 2
    admit_all_below = {"Always": 1 << 60, "SecondSighting": 0, "Adaptive": max(int(MAX_ENTRIES * share), 1)}[mode]
    cache, slots = {}, {}
    generation = sightings = 0
    last_sweep, next_resync = -10.0, RESYNC
    hits = misses = admitted = peak = 0
    for i in range(int(rate * DURATION)):
        now = i / rate
        counted = now >= WARM_UP
        if now >= next_resync:
            cache = {k: v for k, v in cache.items() if v > now}
            next_resync += RESYNC
        key = rnd.randrange(keys)
        expires = cache.get(key)
        if expires is not None and expires > now:
            hits += counted
            continue
        misses += counted
        if len(cache) >= admit_all_below:
            slot, fingerprint = hash((key, 7)) % slot_count, hash((key, 13))
            held = slots.get(slot)
            if held is None or held[0] != fingerprint or generation - held[1] > 1:
                slots[slot] = (fingerprint, generation)
                sightings += 1
                if sightings % generation_size == 0:
                    generation += 1
                continue
        if len(cache) >= MAX_ENTRIES:
            if now - last_sweep >= 1:
                last_sweep = now
                cache = {k: v for k, v in cache.items() if v > now}
            continue
        cache[key] = now + LIFETIME * (1 - SPREAD * rnd.random())
        if counted:
            admitted += 1
            peak = max(peak, len(cache))
    return hits / max(hits + misses, 1), admitted / (DURATION - WARM_UP), peak


def main(args):
    streams = [tuple(int(x) for x in a.split(":")) for a in args] or [
        (1_000_000, 8400), (1_000_000, 13000), (200_000, 12500), (200_000, 8000), (20_000, 8000)]
    policies = [("Always", 0), ("SecondSighting", 0), ("Adaptive", 0.25), ("Adaptive", 0.5), ("Adaptive", 0.125)]
    print("stream | " + " | ".join(f"{m}{' ' + str(s) if s else ''}: hit rate, admitted/s, peak entries" for m, s in policies))
    for keys, rate in streams:
        cells = []
        for mode, share in policies:
            hit_rate, per_second, peak = simulate(keys, rate, mode, share)
            cells.append(f"{hit_rate * 100:.1f} %, {per_second:,.0f}, {peak:,}")
        print(f"{keys:,} keys at {rate:,} req/s | " + " | ".join(cells), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
