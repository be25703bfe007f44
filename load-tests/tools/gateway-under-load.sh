# Sourced by profile.sh, heap-profile.sh and perf-profile.sh: waits until the run.sh started in the background (its
# output in LOG) has its load generator running, then prints the pid of that run's gateway serving from data directory
# DATA (gw-small, gw-big or gw-base). Only this run's processes: other runs may be going on on the same machine.
#
#   gateway="$(gateway_under_load LOG DATA)"
gateway_under_load() {
  local log="$1" data="$2" work=""
  for _ in $(seq 1 900); do
    [ -n "$work" ] || work="$(sed -n 's/^run.sh: work directory \([^;]*\);.*/\1/p' "$log" | head -1)"
    if [ -n "$work" ] && pgrep -f "Gateway.LoadTests.dll $work/" >/dev/null; then break; fi
    sleep 1
  done
  ps -eo pid,args | grep "Gateway.dll" | grep -F "${work:?no work directory in $log}/data/$data " | grep -v grep | awk '{print $1}' | head -1
}

# The data directory of the gateway that serves SCENARIO in a run without --base: the big store's for bearer-1m, the
# 1,000-key one's for every other scenario.
#
#   data="$(scenario_data SCENARIO)"
scenario_data() {
  if [ "$1" = bearer-1m ]; then echo gw-big; else echo gw-small; fi
}
