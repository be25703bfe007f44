#!/usr/bin/env bash
# Runs the gateway on the embedded store with the sample echo upstream behind it.
#   proxy  http://localhost:8080   (routes from yarp.json: /echo/** needs a key, /public/** is anonymous)
#   admin  http://127.0.0.1:8081   (/v1 admin API; the first key is in ./data/bootstrap-admin.key)
#   status http://localhost:8082   (/healthz, /readyz, /metrics)
#   console http://127.0.0.1:8081/console (the admin console in a browser; sign in with the bootstrap key)
#   sample upstream http://127.0.0.1:5080 (UPSTREAM_PORT=5081 ./run.sh to move it; the gateway is pointed at it)
# Extra arguments go to the gateway, e.g. ./run.sh --Gateway:Listeners:Proxy:Url=http://0.0.0.0:9080
# Ctrl+C (SIGINT) or SIGTERM stops the gateway and the upstream. If the upstream cannot start (its port is taken),
# run.sh says so and exits 1 before starting the gateway. Otherwise its exit status is the gateway's.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
upstream_port="${UPSTREAM_PORT:-5080}"
dotnet build samples/EchoUpstream -c Release -nologo -v quiet
dotnet build src/Gateway -c Release -nologo -v quiet

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

upstream_pid="" gateway_pid=""
stop() {
  for pid in $gateway_pid $upstream_pid; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $gateway_pid $upstream_pid; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'trap - EXIT; stop; exit 130' INT
trap 'trap - EXIT; stop; exit 143' TERM

if listening "$upstream_port"; then
  echo "run.sh: cannot start the sample upstream: 127.0.0.1:$upstream_port is already in use (is another ./run.sh running?). Stop it, or set UPSTREAM_PORT to a free port." >&2
  exit 1
fi
dotnet samples/EchoUpstream/bin/Release/net10.0/EchoUpstream.dll --urls "http://127.0.0.1:$upstream_port" \
  --Logging:LogLevel:Default=Warning &
upstream_pid=$!
for _ in $(seq 1 300); do
  if ! kill -0 "$upstream_pid" 2>/dev/null; then
    echo "run.sh: the sample upstream exited before listening on 127.0.0.1:$upstream_port; see its output above." >&2
    upstream_pid=""
    exit 1
  fi
  listening "$upstream_port" && break
  sleep 0.1
done
listening "$upstream_port" || { echo "run.sh: the sample upstream did not listen on 127.0.0.1:$upstream_port within 30 s." >&2; exit 1; }

echo "run.sh: admin console at http://127.0.0.1:8081/console — sign in with the key in ./data/bootstrap-admin.key"
dotnet src/Gateway/bin/Release/net10.0/Gateway.dll \
  "--ReverseProxy:Clusters:echo:Destinations:sample-upstream:Address=http://127.0.0.1:$upstream_port/" "$@" &
gateway_pid=$!
status=0
wait "$gateway_pid" || status=$?
gateway_pid=""
exit "$status"
