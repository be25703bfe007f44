#!/usr/bin/env python3
"""Existence oracle check (docs/SECURITY.md): does an unknown key id answer in a different time than a known key id
with a wrong secret? Sends N interleaved requests of each kind over one keep-alive connection per kind and prints
the median, p90 and mean latency of each, and the difference of the medians.

usage: timing-oracle.py PROXY_URL KNOWN_TOKEN [N]      (bearer: known key id with a wrong secret vs an unknown id)
       timing-oracle.py --fresh-unknown ...             (a new unknown id per request: every one a cache miss)
       timing-oracle.py --rfc9421 PROXY_URL HMAC_KEY_ID [N]  (RFC 9421: a known HMAC key id signed with a wrong
                                                        secret vs an unknown key id; a fresh nonce per request)
Only the standard library; the tokens are well formed (checksum included) so both kinds reach the key lookup.
"""
import base64
import hashlib
import hmac
import http.client
import secrets
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


def rfc9421_headers(authority, key_id):
    """GET /echo/timing signed with a random (wrong) secret: both kinds fail only at the signature check."""
    components = [("@method", "GET"), ("@authority", authority), ("@path", "/echo/timing")]
    nonce = base64.urlsafe_b64encode(secrets.token_bytes(16)).rstrip(b"=").decode("ascii")
    params = "(" + " ".join('"%s"' % name for name, _ in components) + ")"
    params += ';created=%d;keyid="%s";nonce="%s";alg="hmac-sha256"' % (int(time.time()), key_id, nonce)
    base = "\n".join('"%s": %s' % (name, value) for name, value in components) + '\n"@signature-params": ' + params
    mac = hmac.new(random_text(40).encode(), base.encode(), hashlib.sha256).digest()
    return {"Signature-Input": "sig1=" + params, "Signature": "sig1=:" + base64.b64encode(mac).decode("ascii") + ":"}


def measure(url, known, n, fresh_unknown, rfc9421=False):
    body = known[4:20]
    wrong = token(body, random_text(43))
    unknown = token(random_text(16), random_text(43))
    unknown_key_id = "ak_" + random_text(16)
    target = urllib.parse.urlsplit(url)
    connections = {kind: http.client.HTTPConnection(target.hostname, target.port) for kind in ("known", "unknown")}
    samples = {"known": [], "unknown": []}
    for i in range(n * 2):
        kind = "known" if i % 2 == 0 else "unknown"
        if rfc9421:
            key_id = known if kind == "known" else ("ak_" + random_text(16) if fresh_unknown else unknown_key_id)
            headers = rfc9421_headers(target.netloc, key_id)
        else:
            credential = wrong if kind == "known" else (token(random_text(16), random_text(43)) if fresh_unknown else unknown)
            headers = {"Authorization": "Bearer " + credential}
        connection = connections[kind]
        start = time.perf_counter_ns()
        connection.request("GET", "/echo/timing", headers=headers)
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
    args = [a for a in sys.argv[1:] if a not in ("--fresh-unknown", "--rfc9421")]
    measure(args[0], args[1], int(args[2]) if len(args) > 2 else 2000, "--fresh-unknown" in sys.argv, "--rfc9421" in sys.argv)
