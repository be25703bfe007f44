#!/usr/bin/env python3
"""Existence oracle check (docs/SECURITY.md): does an unknown key id answer in a different time than a known key id
with a wrong secret? Sends N interleaved requests of each kind over one keep-alive connection per kind and prints
the median, p90 and mean latency of each, and the difference of the medians.

usage: timing-oracle.py PROXY_URL KNOWN_TOKEN [N]      (bearer: known key id with a wrong secret vs an unknown id)
       timing-oracle.py --fresh-unknown ...             (a new unknown id per request: every one a cache miss)
Only the standard library; the tokens are well formed (checksum included) so both kinds reach the key lookup.
"""
import http.client
import random
import statistics
import string
import sys
import time
import urllib.parse
import zlib

BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def base62(value, width):
    out = []
    for _ in range(width):
        value, digit = divmod(value, 62)
        out.append(BASE62[digit])
    return "".join(reversed(out))


def token(key_body, secret):
    head = "gwk_" + key_body + "_" + secret
    return head + base62(zlib.crc32(head.encode()) & 0xFFFFFFFF, 6)


def random_text(length):
    return "".join(random.choice(BASE62) for _ in range(length))


def measure(url, known, n, fresh_unknown):
    body = known[4:20]
    wrong = token(body, random_text(43))
    unknown = token(random_text(16), random_text(43))
    target = urllib.parse.urlsplit(url)
    connections = {kind: http.client.HTTPConnection(target.hostname, target.port) for kind in ("known", "unknown")}
    samples = {"known": [], "unknown": []}
    for i in range(n * 2):
        kind = "known" if i % 2 == 0 else "unknown"
        credential = wrong if kind == "known" else (token(random_text(16), random_text(43)) if fresh_unknown else unknown)
        connection = connections[kind]
        start = time.perf_counter_ns()
        connection.request("GET", "/echo/timing", headers={"Authorization": "Bearer " + credential})
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter_ns() - start
        if response.status != 401:
            sys.exit(f"expected 401, got {response.status}")
        if i >= 200:  # warm-up
            samples[kind].append(elapsed / 1000.0)
    for kind, values in samples.items():
        values.sort()
        print(f"{kind:8} n={len(values)} median={statistics.median(values):8.1f} us  p90={values[int(len(values) * 0.9)]:8.1f} us  mean={statistics.fmean(values):8.1f} us")
    print(f"median(unknown) - median(known) = {statistics.median(samples['unknown']) - statistics.median(samples['known']):+.1f} us")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--fresh-unknown"]
    measure(args[0], args[1], int(args[2]) if len(args) > 2 else 2000, "--fresh-unknown" in sys.argv)
