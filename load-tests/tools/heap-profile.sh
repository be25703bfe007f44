#!/usr/bin/env bash
# What the gateway holds in memory under one scenario's load: runs `load-tests/run.sh --only SCENARIO --no-nginx
# --keys 1000 [RUN.SH ARGS]` (full mode unless the arguments say --quick), samples the gateway's resident set
# (VmRSS, /proc/PID/status) every 5 s, and takes a `dotnet-gcdump` of it once the first closed round has ended and
# again once the 50 % open run has begun. A gcdump holds the live objects only (it runs a full collection first), so
# it shows what the gateway keeps, not its garbage; the collection and the dump pause the gateway, so the run's own
# figures are disturbed — use the harness without this tool for those. For bearer-1m the big-store gateway is
# dumped (`--keys N` among the arguments sets its size; seeding 1M keys takes minutes).
#
#   load-tests/tools/heap-profile.sh OUT_DIR SCENARIO [run.sh arguments…]    e.g. heap-profile.sh /tmp/heap bearer-1m --keys 1000000
#
# Needs dotnet-gcdump (dotnet tool install -g dotnet-gcdump). Writes OUT_DIR/SCENARIO.{run.log,rss.txt,closed.gcdump,
# open.gcdump} and prints, per dump, the managed heap's size and the 15 types holding the most bytes (size × count).
set -euo pipefail
out="$1" scenario="$2"; shift 2
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/gateway-under-load.sh"
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-gcdump >/dev/null || { echo "heap-profile.sh: dotnet-gcdump is not installed (dotnet tool install -g dotnet-gcdump)" >&2; exit 2; }
mkdir -p "$out"
log="$out/$scenario.run.log"
"$here/../run.sh" --only "$scenario" --no-nginx --keys 1000 --out "$out/$scenario.json" "$@" >"$log" 2>&1 &
run=$!
gateway="$(gateway_under_load "$log" "$(scenario_data "$scenario")")"
echo "heap-profile.sh: gateway pid ${gateway:?not found}" >&2
: >"$out/$scenario.rss.txt"
dumped_closed="" dumped_open=""
while kill -0 "$gateway" 2>/dev/null; do
  rss="$(awk '/^Vm(RSS|HWM)/ {printf "%s %s kB  ", $1, $2}' "/proc/$gateway/status" 2>/dev/null || true)"
  [ -n "$rss" ] && echo "$(date -u +%T) ${rss}$(grep -E '^  (warmup|closed|open)' "$log" | tail -1 | cut -c1-40)" >>"$out/$scenario.rss.txt"
  if [ -z "$dumped_closed" ] && grep -q '^  closed' "$log"; then
    dotnet-gcdump collect -p "$gateway" -o "$out/$scenario.closed.gcdump" >/dev/null 2>&1 || true; dumped_closed=1
  fi
  if [ -z "$dumped_open" ] && grep -q '^  open 25%' "$log"; then
    sleep 2; dotnet-gcdump collect -p "$gateway" -o "$out/$scenario.open.gcdump" >/dev/null 2>&1 || true; dumped_open=1
  fi
  sleep 5
done
wait "$run" || echo "heap-profile.sh: run.sh exited $? (see $log)" >&2
echo "resident set: largest VmRSS sampled $(awk '{for (i = 1; i < NF; i++) if ($i == "VmRSS:") print $(i + 1)}' "$out/$scenario.rss.txt" | sort -n | tail -1) kB over $(wc -l <"$out/$scenario.rss.txt") samples ($out/$scenario.rss.txt; VmHWM there is the peak since the harness last reset it)"
for dump in "$out/$scenario.closed.gcdump" "$out/$scenario.open.gcdump"; do
  [ -f "$dump" ] || { echo "$(basename "$dump"): not taken (the run ended first, or dotnet-gcdump failed)"; continue; }
  echo "== $(basename "$dump")"
  report="$(dotnet-gcdump report "$dump" 2>/dev/null)"
  sed -n '1,2p' <<<"$report"
  awk 'NR > 3 { size = $1; count = $2; gsub(",", "", size); gsub(",", "", count); $1 = ""; $2 = ""; sub(/^ +/, ""); printf "%12d B %9d × %s\n", size * count, count, $0 }' <<<"$report" \
    | sort -k1,1nr | sed -n '1,15p'
done
