"""Verifies an X-Gateway-Identity token with PyJWT, knowing nothing but the JWKS URL (the outside check).

usage: verify_identity_token.py JWKS_URL ISSUER AUDIENCE TOKEN
Prints the verified claims as JSON; exits non-zero when verification fails.
"""
import json
import sys

import jwt

jwks_url, issuer, audience, token = sys.argv[1:5]
signing_key = jwt.PyJWKClient(jwks_url).get_signing_key_from_jwt(token)
claims = jwt.decode(token, signing_key.key, algorithms=["ES256"], audience=audience, issuer=issuer,
                    options={"require": ["iss", "sub", "aud", "iat", "exp", "jti"]})
print(json.dumps(claims))
