#!/usr/bin/env bash
# Generates the gateway's shared secrets as files, one value per file, for Docker/Compose secrets, Kubernetes
# Secrets or the container's *_FILE variables:
#   hash_key       Gateway:Keys:HashKey (base64 of 32 random bytes)
#   master_key     Gateway:Signing:MasterKeys:0:Key (base64 of 32 random bytes; its id is set beside it)
#   bootstrap_key  Gateway:Admin:BootstrapKey (a gwk_ bearer token for the bootstrap admin)
#   grafana_admin_password  the compose stack's Grafana admin password
# Existing files are kept (rerunning never rotates a key by accident). Files are mode 0444 in a 0700 directory:
# the gateway runs as uid 1654 and must read them through the bind mount. Needs python3.
# Usage: make-secrets.sh [directory]   (default: deploy/compose/secrets)
set -euo pipefail
dir=${1:-$(dirname "$0")/../compose/secrets}
mkdir -p "$dir" && chmod 0700 "$dir"
umask 0377
[ -e "$dir/hash_key" ] || head -c 32 /dev/urandom | base64 >"$dir/hash_key"
[ -e "$dir/master_key" ] || head -c 32 /dev/urandom | base64 >"$dir/master_key"
[ -e "$dir/bootstrap_key" ] || python3 - >"$dir/bootstrap_key" <<'PY'
# gwk_ + 16-character key id + "_" + 43-character secret + 6-character CRC-32 of all before it, all base62.
import secrets, zlib
alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
body = "gwk_" + "".join(secrets.choice(alphabet) for _ in range(16)) + "_" + "".join(secrets.choice(alphabet) for _ in range(43))
value, checksum = zlib.crc32(body.encode()), ""
for _ in range(6):
    checksum, value = alphabet[value % 62] + checksum, value // 62
print(body + checksum)
PY
[ -e "$dir/grafana_admin_password" ] || head -c 18 /dev/urandom | base64 >"$dir/grafana_admin_password"
chmod 0444 "$dir"/hash_key "$dir"/master_key "$dir"/bootstrap_key "$dir"/grafana_admin_password
echo "make-secrets.sh: secrets in $dir"
