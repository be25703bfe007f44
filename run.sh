#!/usr/bin/env bash
# Runs the gateway on the embedded store with the sample echo upstream behind it.
#   proxy  http://localhost:8080   (routes from yarp.json: /echo/** needs a key, /public/** is anonymous)
#   admin  http://127.0.0.1:8081   (/v1 admin API; the first key is in ./data/bootstrap-admin.key)
#   status http://localhost:8082   (/healthz, /readyz)
#   console http://127.0.0.1:8081/console (the admin console in a browser; sign in with the bootstrap key)
# Extra arguments go to the gateway, e.g. ./run.sh --Gateway:DataDirectory=/var/lib/gateway
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build samples/EchoUpstream -c Release -nologo -v quiet
dotnet build src/Gateway -c Release -nologo -v quiet
dotnet samples/EchoUpstream/bin/Release/net10.0/EchoUpstream.dll &
echo_pid=$!
trap 'kill $echo_pid 2>/dev/null || true' EXIT INT TERM
echo "run.sh: admin console at http://127.0.0.1:8081/console — sign in with the key in ./data/bootstrap-admin.key"
dotnet src/Gateway/bin/Release/net10.0/Gateway.dll "$@"
