#!/usr/bin/env bash
# Profiles the gateway under one scenario's closed load: runs `load-tests/run.sh --only SCENARIO --closed-only
# --no-nginx --keys 1000 [RUN.SH ARGS]`, and once the load generator is running (plus 6 s, i.e. inside the measured
# rounds) records 10 s of `dotnet-trace collect --profile dotnet-sampled-thread-time` of the 1k-key gateway (of the
# big-store gateway for bearer-1m; `--keys N` among the run.sh arguments sets its size),
# converts it to speedscope and prints the summary of load-tests/tools/speedscope-summary.py.
#
#   load-tests/tools/profile.sh OUT_DIR SCENARIO [run.sh arguments…]     e.g. profile.sh /tmp/prof bearer
#
# Needs dotnet-trace (dotnet tool install -g dotnet-trace). Writes OUT_DIR/SCENARIO.{nettrace,speedscope.json,
# summary.txt,run.log}.
set -euo pipefail
out="$1" scenario="$2"; shift 2
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/gateway-under-load.sh"
export PATH="$PATH:$HOME/.dotnet/tools"
mkdir -p "$out"
"$here/../run.sh" --only "$scenario" --closed-only --no-nginx --keys 1000 --out "$out/$scenario.json" "$@" >"$out/$scenario.run.log" 2>&1 &
run=$!
gateway="$(gateway_under_load "$out/$scenario.run.log" "$(scenario_data "$scenario")")"
echo "profile.sh: gateway pid ${gateway:?not found}" >&2
sleep 6
dotnet-trace collect -p "$gateway" --profile dotnet-sampled-thread-time --duration 00:00:00:10 -o "$out/$scenario.nettrace" >&2
dotnet-trace convert --format speedscope "$out/$scenario.nettrace" -o "$out/$scenario" >&2
wait "$run"
python3 "$here/speedscope-summary.py" "$out/$scenario.speedscope.json" --top 45 | tee "$out/$scenario.summary.txt"
