#!/usr/bin/env bash
# A true CPU profile of the gateway under one scenario's closed load, with `perf` (cpu-clock sampling): kernel,
# native libraries (SQLite, OpenSSL, the runtime) and managed code in one picture, unlike dotnet-trace's
# sampled-thread-time, which sees managed frames only and whose own stop-the-world sampling shows up as
# `Thread.PollGC` (docs/PERFORMANCE.md, "Measuring the steady state").
#
#   load-tests/tools/perf-profile.sh OUT_DIR SCENARIO [GATEWAY.dll]     e.g. perf-profile.sh /tmp/perf bearer
#
# SCENARIO is one of yarp, bearer, rfc9421, sigv4, bearer-1m (its big store: KEYS keys, default 200000, e.g.
# KEYS=1000000 perf-profile.sh /tmp/perf bearer-1m; seeding 1M takes minutes). The profiled gateway is run.sh's
# "base" gateway (this build, or GATEWAY.dll; for bearer-1m its big-store one, gw-base-big) started with
# DOTNET_PerfMapEnabled=1 (JIT-compiled code named in /tmp/perf-PID.map), DOTNET_EnableWriteXorExecute=0 (so the
# code addresses are the ones the map names) and DOTNET_ReadyToRun=0 (the framework's precompiled code is JIT-compiled too, so it is named as well). perf records
# 9 s once the first measured round has ended. BASE_ARGS="..." passes extra arguments to that gateway (a setting's A/B,
# e.g. BASE_ARGS="--Gateway:Audit:RequestDetail=None"). Needs perf (Debian: linux-perf) and root or perf_event_paranoid ≤ 1.
# Writes OUT_DIR/SCENARIO.{perf.data,run.log,dso.txt,sym.txt,children.txt,threads.txt}.
set -euo pipefail
out="$1" scenario="$2" base="${3:-current}" keys=1000 data=gw-base
if [ "$scenario" = bearer-1m ]; then keys="${KEYS:-200000}" data=gw-base-big; fi
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/gateway-under-load.sh"
command -v perf >/dev/null || { echo "perf-profile.sh: perf is not installed (apt-get install linux-perf)" >&2; exit 2; }
mkdir -p "$out"
"$here/../run.sh" --base "$base" --base-args "${BASE_ARGS:-}" --base-env "DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0" \
  --only "$scenario-base" --closed-only --no-nginx --keys "$keys" --out "$out/$scenario.json" >"$out/$scenario.run.log" 2>&1 &
run=$!
gateway="$(gateway_under_load "$out/$scenario.run.log" "$data")"
echo "perf-profile.sh: gateway pid ${gateway:?not found}" >&2
for _ in $(seq 1 900); do grep -q '^  closed' "$out/$scenario.run.log" && break; sleep 1; done
perf record -F 2000 -e cpu-clock -g -p "$gateway" -o "$out/$scenario.perf.data" -- sleep 9 >/dev/null 2>&1
wait "$run"
report() { perf report -i "$out/$scenario.perf.data" --stdio "$@" 2>/dev/null | grep -v '^#' | grep -v '^$'; }
# (head closes the pipe early: not a failure)
report --no-children --sort dso -g none | head -15 >"$out/$scenario.dso.txt" || true
report --no-children --sort dso,sym -g none | head -150 >"$out/$scenario.sym.txt" || true
report --children --sort sym -g none | head -300 >"$out/$scenario.children.txt" || true
report --no-children --sort comm -g none | head -15 >"$out/$scenario.threads.txt" || true
grep '^  closed' "$out/$scenario.run.log"
echo "-- CPU by binary (kernel, [JIT] = managed code, libe_sqlite3, libcrypto, libcoreclr = runtime and GC) --"
cat "$out/$scenario.dso.txt"
echo "-- CPU by thread (.NET TP Worker = requests; Audit writer; .NET Tiered Com = the JIT) --"
cat "$out/$scenario.threads.txt"
echo "-- the gateway's own frames, inclusive --"
grep -F '[Gateway]' "$out/$scenario.children.txt" | head -25 | cut -c1-200 || true
