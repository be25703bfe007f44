#!/usr/bin/env python3
"""Signs one request with RFC 9421 hmac-sha256 using only the standard library, sends it, prints the outcome.

Usage: sign_rfc9421.py METHOD URL KEY_ID SECRET [BODY]

Covers "@method", "@authority", "@path", "@query" (when the URL has a query) and "content-digest" (when there is
a body, sent as a sha-256 Content-Digest), with created, a random nonce, keyid and alg. Prints the status code on
the first line and the response body after it; exits 0 whenever a response arrived.
"""
import base64
import hashlib
import hmac
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def sf_string(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv):
    method, url, key_id, secret = argv[1:5]
    body = argv[5].encode("utf-8") if len(argv) > 5 else None
    parts = urllib.parse.urlsplit(url)
    authority = parts.netloc.lower()
    path = parts.path or "/"
    query = "?" + parts.query if parts.query else ""

    headers = {}
    components = [("@method", method.upper()), ("@authority", authority), ("@path", path)]
    if query:
        components.append(("@query", query))
    if body is not None:
        digest = "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode("ascii") + ":"
        headers["Content-Digest"] = digest
        headers["Content-Type"] = "application/json"
        components.append(("content-digest", digest))

    nonce = base64.urlsafe_b64encode(secrets.token_bytes(16)).rstrip(b"=").decode("ascii")
    params = "(" + " ".join(sf_string(name) for name, _ in components) + ")"
    params += ";created=%d;keyid=%s;nonce=%s;alg=%s" % (int(time.time()), sf_string(key_id), sf_string(nonce), sf_string("hmac-sha256"))

    lines = ["%s: %s" % (sf_string(name), value) for name, value in components]
    lines.append('"@signature-params": ' + params)
    signature_base = "\n".join(lines).encode("utf-8")
    mac = hmac.new(secret.encode("utf-8"), signature_base, hashlib.sha256).digest()

    headers["Signature-Input"] = "sig1=" + params
    headers["Signature"] = "sig1=:" + base64.b64encode(mac).decode("ascii") + ":"

    request = urllib.request.Request(url, data=body, method=method.upper(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, text = response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode("utf-8")
    print(status)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
