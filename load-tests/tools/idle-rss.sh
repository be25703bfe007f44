#!/usr/bin/env bash
# What a gateway maps and keeps before any load: starts each given Gateway.dll in turn, ROUNDS times (interleaved, so
# the host's drift touches both alike), on a fresh data directory and a fresh, empty HOME, from the repository root
# (its yarp.json; no upstream is needed: the proxied requests answer 502). After /healthz answers it sends 50 proxied
# requests and fetches the console's sign-in page, waits 5 s, and prints the process's resident set (VmRSS), how many
# mappings System.Private.Xml.dll has, and how many files the gateway wrote under HOME. Then it stops the gateway.
#
#   load-tests/tools/idle-rss.sh [--rounds N] DLL [DLL…]    e.g. idle-rss.sh --rounds 5 /tmp/base/Gateway.dll src/Gateway/bin/Release/net10.0/Gateway.dll
#
# Ports 18080-18082 (PORT_BASE=N moves them). Prints one line per start and, per DLL, the median VmRSS.
set -euo pipefail
rounds=5
if [ "${1:-}" = "--rounds" ]; then rounds="$2"; shift 2; fi
[ $# -ge 1 ] || { echo "usage: idle-rss.sh [--rounds N] DLL [DLL…]" >&2; exit 2; }
root="$(cd "$(dirname "$0")/../.." && pwd)"
base="${PORT_BASE:-18080}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for round in $(seq 1 "$rounds"); do
  index=0
  for dll in "$@"; do
    index=$((index + 1))
    run="$work/$index.$round"
    mkdir -p "$run/home"
    (cd "$root" && HOME="$run/home" exec dotnet "$dll" --Gateway:DataDirectory="$run/data" \
      --Gateway:Listeners:Proxy:Url="http://127.0.0.1:$base" --Gateway:Listeners:Admin:Url="http://127.0.0.1:$((base + 1))" \
      --Gateway:Listeners:Status:Url="http://127.0.0.1:$((base + 2))" >"$run/log" 2>&1) &
    pid=$!
    for _ in $(seq 1 150); do curl -fs -o /dev/null "http://127.0.0.1:$((base + 2))/healthz" && break; sleep 0.2; done
    curl -fs -o /dev/null "http://127.0.0.1:$((base + 2))/healthz" || { echo "idle-rss.sh: $dll did not start; see below" >&2; cat "$run/log" >&2; exit 1; }
    for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$base/public/idle"; done
    curl -fs -o /dev/null "http://127.0.0.1:$((base + 1))/console/sign-in"
    sleep 5
    rss="$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")"
    xml="$(grep -c 'System.Private.Xml.dll' "/proc/$pid/maps" || true)"
    home="$(find "$run/home" -type f | wc -l)"
    echo "round $round  $dll  VmRSS ${rss} kB  System.Private.Xml mappings ${xml}  files under HOME ${home}"
    echo "$rss" >>"$work/rss.$index"
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
  done
done

index=0
for dll in "$@"; do
  index=$((index + 1))
  median="$(sort -n "$work/rss.$index" | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')"
  echo "median VmRSS  $dll  ${median} kB ($((median / 1024)) MiB)"
done
