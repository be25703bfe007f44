#!/usr/bin/env bash
# The benchmark harness: what authentication costs, side by side with a plain YARP host, nginx and the upstream.
#
#   load-tests/run.sh            full run (≈ 30 min on 2 cores): 1M-key store, 5 closed rounds, 20 s open runs
#   load-tests/run.sh --quick    smoke run for CI (about two minutes of load): 10k-key store, 3 rounds, 2 s runs, every
#                                micro-benchmark once (load-tests/micro.sh --quick), and the CPU regression guard
#
# Options: --keys N (keys in the bearer-1m store), --no-nginx, --no-pin (no taskset), --spin (open-model dispatcher
# yields instead of sleeping between sends), --out FILE (result JSON), --only a,b (run only these scenarios),
# --guard X (fail when bearer/rfc9421/sigv4 add more than X times yarp's server CPU per request; --quick: 3),
# --no-micro (--quick without the micro-benchmarks), --closed-only (throughput and CPU only: no open-model runs),
# --no-pause (keep the other gateways and the plain YARP host running while a scenario is measured; by default they
# are stopped with SIGSTOP during each measured run of a scenario they do not serve, and continued after it),
# --base GATEWAY.dll (A/B in one interleaved run: another build of the gateway, e.g. the previous commit's, also
# runs as yarp-base, bearer-base, rfc9421-base and sigv4-base over its own copy of the 1k-key store, and as
# bearer-1m-base over its own big store when --only names bearer-1m-base; "--base current"
# is this build), --base-args "ARGS" and --base-env "VAR=VALUE ..." (extra arguments and environment of that gateway:
# A/B of a setting, e.g. --base current --base-env DOTNET_gcServer=0), --base-seeder SEEDER.dll (the base's stores are
# written by that build of Gateway.LoadTests.Seeder, e.g. the previous commit's: an A/B across a store schema change,
# since a gateway runs on a newer schema without migrating it back), --rounds N (closed rounds per scenario, whose
# median the table shows: default 5, --quick 3, so one disturbed 2 s round does not trip the guard; an A/B of a small effect wants more, PERFORMANCE.md "Measuring"),
# --levels 0.5[,0.75…] (open-model load levels, fractions of each scenario's saturation: default 0.25,0.5,0.75) and
# --open-seconds N (each open run's length: default 20, --quick 2; a p99 wants long runs, PERFORMANCE.md "Stalls") and
# --max-other-cpu N (a closed round or open run during which other processes or the hypervisor took more than N % of
# the machine is measured again, at most 3 times: default 5; 0 counts every run, e.g. on a machine known to be shared),
# --window-steal N (an open run samples the hypervisor's steal every 100 ms; a window where it reached N % of the machine,
# and the one after it, is left out of the run's quiet-window percentiles, which the latency targets read, and a run
# whose quiet windows hold less than 90 % of its schedule is measured again: default 10; 0 turns the sampling off).
# Builds in Release, starts a fixed-response upstream, redis-server, a plain YARP host, four gateways (a 1k-key
# store for yarp/bearer/rfc9421/sigv4, the big store for bearer-1m, a 1k-key store in the default ./run.sh layout
# for bearer-layout, and one of its own for bearer+ratelimit; Redis nonces) and nginx when installed, all on 127.0.0.1 ports,
# then runs every scenario interleaved and prints one table; JSON goes to load-tests/results/.
# Exits non-zero when any request of any scenario failed, the guard tripped, or something could not be started.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

window_steal="" max_other="" quick=0 keys="" use_nginx=1 pin=1 out="" spin=false only="" guard="" micro=1 levels="" base="" base_args="" base_env="" base_seeder="" rounds_override="" pause=1 open_override=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --keys) keys="$2"; shift ;;
    --no-nginx) use_nginx=0 ;;
    --no-pin) pin=0 ;;
    --spin) spin=true ;;
    --out) out="$2"; shift ;;
    --only) only="$2"; shift ;;
    --guard) guard="$2"; shift ;;
    --no-micro) micro=0 ;;
    --closed-only) levels="[]" ;;
    --levels) levels="[$2]"; shift ;;
    --open-seconds) open_override="$2"; shift ;;
    --no-pause) pause=0 ;;
    --base) if [ "$2" = current ]; then base=current; else base="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; fi; shift ;;
    --base-args) base_args="$2"; shift ;;
    --base-env) base_env="$2"; shift ;;
    --base-seeder) base_seeder="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
    --rounds) rounds_override="$2"; shift ;;
    --max-other-cpu) max_other="$2"; shift ;;
    --window-steal) window_steal="$2"; shift ;;
    -h|--help) sed -n '2,33p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "$quick" -eq 1 ]; then
  : "${keys:=10000}"
  warmup=1 closed=2 rounds=3 open=2 mode=quick warmup_requests=5000 warmup_server=0
  : "${guard:=3}"
else
  : "${keys:=1000000}"
  warmup=3 closed=5 rounds=5 open=20 mode=full warmup_requests=30000 warmup_server=45
fi
if [ -n "${rounds_override:-}" ]; then
  [[ "$rounds_override" =~ ^[1-9][0-9]?$ ]] || { echo "run.sh: --rounds takes a number from 1 to 99" >&2; exit 2; }
  rounds="$rounds_override"
fi
if [ -n "$open_override" ]; then
  [[ "$open_override" =~ ^[1-9][0-9]{0,2}$ ]] || { echo "run.sh: --open-seconds takes a number from 1 to 999" >&2; exit 2; }
  open="$open_override"
fi
if [ -n "$levels" ] && [ "$levels" != "[]" ]; then
  [[ "$levels" =~ ^\[(0?\.[0-9]+|1(\.0+)?)(,(0?\.[0-9]+|1(\.0+)?))*\]$ ]] || { echo "run.sh: --levels takes fractions of saturation, e.g. 0.5 or 0.25,0.5" >&2; exit 2; }
fi
small_keys=1000
connections=32

log() { echo "run.sh: $*" >&2; }

# --- what the run needs on this machine --------------------------------------------------------------------
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then $SUDO apt-get update -qq >/dev/null 2>&1 || true; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null 2>&1
}
command -v curl >/dev/null 2>&1 || { log "installing curl"; apt_install curl; }
command -v redis-server >/dev/null 2>&1 || { log "installing redis-server"; apt_install redis-server; }
nginx_bin="$(command -v nginx || true)"; [ -z "$nginx_bin" ] && [ -x /usr/sbin/nginx ] && nginx_bin=/usr/sbin/nginx
if [ "$use_nginx" -eq 1 ] && [ -z "$nginx_bin" ]; then
  log "installing nginx"
  if apt_install nginx; then nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"; else log "nginx could not be installed; the nginx scenario is skipped"; fi
fi
[ "$use_nginx" -eq 1 ] && [ -n "$nginx_bin" ] && [ -x "$nginx_bin" ] || use_nginx=0

# CPU placement: the machine has few cores and the load generator shares them with the servers. With taskset and
# at least 2 CPUs, the servers (upstream, proxies, Redis) get every CPU but the last, the load generator the last.
ncpu="$(nproc)"
server_cpus="" client_cpus=""
if [ "$pin" -eq 1 ] && command -v taskset >/dev/null 2>&1 && [ "$ncpu" -ge 2 ]; then
  server_cpus="0-$((ncpu - 2))"; client_cpus="$((ncpu - 1))"
fi
# spawn_server runs in the background (`spawn_server CMD... &`) and execs, so $! is the server's own pid.
spawn_server() { if [ -n "$server_cpus" ]; then exec taskset -c "$server_cpus" "$@"; else exec "$@"; fi; }
on_client() { if [ -n "$client_cpus" ]; then taskset -c "$client_cpus" "$@"; else "$@"; fi; }
# --spin: the open model's dispatcher yields in a loop instead of sleeping (only worth it when the generator's CPU
# is its own: on a shared machine it competes with everything else on that CPU).
server_workers=$(( ncpu > 1 && ${#server_cpus} > 0 ? ncpu - 1 : ncpu ))

# --- build -------------------------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log "building (Release)"
dotnet build "$here/LoadTests.slnx" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
bin() { echo "$root/$1/bin/Release/net10.0/$2.dll"; }

# --- processes ---------------------------------------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/gateway-bench.XXXXXX")"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

used_ports=" "
# free_port VAR...: sets each VAR to a distinct loopback port nobody listens on, below the kernel's ephemeral range
# (32768+ here) so that outgoing connections and port-0 listeners of other processes do not take it meanwhile.
free_port() {
  local name port
  for name in "$@"; do
    for _ in $(seq 1 200); do
      port=$(( 10000 + RANDOM % 22000 ))
      case "$used_ports" in *" $port "*) continue ;; esac
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then used_ports+="$port "; printf -v "$name" '%s' "$port"; continue 2; fi
    done
    log "no free port found"; return 1
  done
}

# launch NAME START PROBE: START picks ports and starts the server in the background (setting launched_pid); then
# PROBE is polled for up to 60 s while the server lives. A server that died because another process took its port
# in between is started again on new ports (up to 3 attempts); any other failure ends the run with its output.
launched_pid=""
launch() {
  local name="$1" start="$2" probe="$3" attempt deadline
  for attempt in 1 2 3; do
    "$start"; pids+=("$launched_pid")
    deadline=$(( SECONDS + 60 ))
    until "$probe" >/dev/null 2>&1; do
      if ! kill -0 "$launched_pid" 2>/dev/null; then
        if [ "$attempt" -lt 3 ] && cat "$work/$name.log" "$work/nginx/error.log" 2>/dev/null | grep -qi 'address already in use'; then
          log "$name: its port was taken meanwhile; starting it again on another"; continue 2
        fi
        log "$name exited during start-up; its output:"; cat "$work/$name.log" >&2 || true; exit 1
      fi
      if [ "$SECONDS" -ge "$deadline" ]; then log "$name not ready after 60 s"; cat "$work/$name.log" >&2 || true; exit 1; fi
      sleep 0.2
    done
    return 0
  done
}

log "work directory $work; servers on CPUs ${server_cpus:-any}, load generator on CPUs ${client_cpus:-any}"

# The upstream answers every request with the same two bytes, so identity headers the gateway adds cost it nothing.
start_echo() {
  free_port echo_port
  spawn_server dotnet "$(bin load-tests/Gateway.LoadTests.Upstream Gateway.LoadTests.Upstream)" --urls "http://127.0.0.1:$echo_port" >"$work/echo.log" 2>&1 &
  launched_pid=$!
}
probe_echo() { curl -fsS "http://127.0.0.1:$echo_port/ready"; }
start_redis() {
  free_port redis_port
  spawn_server redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --daemonize no \
    --loglevel warning --dir "$work" >"$work/redis.log" 2>&1 &
  launched_pid=$!
}
probe_redis() { redis-cli -p "$redis_port" ping | grep -q PONG; }
launch echo start_echo probe_echo; echo_pid=$launched_pid
launch redis start_redis probe_redis; redis_pid=$launched_pid

hash_key="$(head -c 32 /dev/urandom | base64)"
# seed DIR BEARER_KEYS HMAC_KEYS [SAMPLE [SEEDER.dll]]: SAMPLE tokens (default $small_keys, spread evenly over the keys) go to the
# credentials file the load generator draws from. The big stores give it every token: bearer-1m is a uniform key
# stream over the whole store (issue #11), not a thousand hot keys in a big one.
seed() {
  mkdir -p "$1"
  dotnet "${5:-$(bin load-tests/Gateway.LoadTests.Seeder Gateway.LoadTests.Seeder)}" \
    --Gateway:DataDirectory="$1" --Gateway:Keys:HashKey="$hash_key" \
    --Seed:BearerKeys="$2" --Seed:HmacKeys="$3" --Seed:Sample="${4:-$small_keys}" --Seed:Output="$1/credentials.txt" >&2
}
# Data directories lie outside the folder of the routes file (work/routes/ vs work/data/), except for the
# bearer-layout gateway, which runs in the default ./run.sh layout: its routes file and data directory share a folder.
log "seeding a $small_keys-key store (three times) and a $keys-key store"
seed "$work/data/gw-small" "$small_keys" 1
seed "$work/data/gw-big" "$keys" 0 "$keys"
seed "$work/layout/data" "$small_keys" 0
# bearer+ratelimit's gateway gets a copy of its own: gateways never share a data directory, so a gateway that the
# runner pauses (unless --no-pause) cannot hold the SQLite write lock another one is waiting for.
seed "$work/data/gw-rl" "$small_keys" 0
if [ -n "$base" ]; then seed "$work/data/gw-base" "$small_keys" 1 "$small_keys" "$base_seeder"; fi
# bearer-1m-base (only when --only names it): the base gateway over a big store of its own.
base_big=0
case ",$only," in *",bearer-1m-base,"*) if [ -n "$base" ]; then base_big=1; seed "$work/data/gw-base-big" "$keys" 0 "$keys" "$base_seeder"; fi ;; esac

mkdir -p "$work/routes"
sed "s/__UPSTREAM_PORT__/$echo_port/" "$here/yarp.bench.json" >"$work/routes/routes.json"
sed "s/__UPSTREAM_PORT__/$echo_port/" "$here/yarp.bench.json" >"$work/layout/yarp.json"
gw_env="" gw_args=""
# Every gateway also bridges the runtime's allocation and GC pause counters (observable counters, read only when
# /metrics is scraped: nothing per request) next to the default Kestrel meter, for the table's "alloc B/req" and the
# open runs' "gc pause" (the progress log and the JSON).
start_gateway() { # start_gateway NAME DATA_DIR PROXY_PORT STATUS_PORT ADMIN_PORT [ROUTES_FILE [GATEWAY_DLL]]; $gw_env, $gw_args: extras
  # shellcheck disable=SC2086 # word splitting of the extra environment and arguments is intended
  spawn_server env $gw_env dotnet "${7:-$(bin src/Gateway Gateway)}" \
    --Gateway:DataDirectory="$2" --Gateway:RoutesFile="${6:-$work/routes/routes.json}" \
    --Gateway:Listeners:Proxy:Url="http://127.0.0.1:$3" \
    --Gateway:Listeners:Admin:Url="http://127.0.0.1:$5" \
    --Gateway:Listeners:Status:Url="http://127.0.0.1:$4" \
    --Gateway:Keys:HashKey="$hash_key" \
    --Gateway:Redis:Configuration="127.0.0.1:$redis_port" \
    --Gateway:Metrics:Meters="Microsoft.AspNetCore.Server.Kestrel/,System.Runtime/dotnet.gc.heap.total_allocated,System.Runtime/dotnet.gc.pause.time,System.Runtime/dotnet.jit.compilation.time" \
    $gw_args >"$work/$1.log" 2>&1 &
  launched_pid=$!
}
start_small() { free_port gw_port gw_status gw_admin; start_gateway gw-small "$work/data/gw-small" "$gw_port" "$gw_status" "$gw_admin"; }
probe_small() { curl -fsS "http://127.0.0.1:$gw_status/readyz"; }
start_big() { free_port big_port big_status big_admin; start_gateway gw-big "$work/data/gw-big" "$big_port" "$big_status" "$big_admin"; }
probe_big() { curl -fsS "http://127.0.0.1:$big_status/readyz"; }
start_layout() {
  free_port lay_port lay_status lay_admin
  start_gateway gw-layout "$work/layout/data" "$lay_port" "$lay_status" "$lay_admin" "$work/layout/yarp.json"
}
probe_layout() { curl -fsS "http://127.0.0.1:$lay_status/readyz"; }
launch gw-small start_small probe_small; gw_pid=$launched_pid; status_of[$gw_pid]=$gw_status
launch gw-big start_big probe_big; big_pid=$launched_pid; status_of[$big_pid]=$big_status
launch gw-layout start_layout probe_layout; lay_pid=$launched_pid; status_of[$lay_pid]=$lay_status
# bearer+ratelimit: a 1k-key store of its own, its limiter embedded (gw-small's, with Redis configured, is in Redis mode).
start_rl() {
  free_port rl_port rl_status rl_admin
  gw_args="--Gateway:RateLimiting:Store=embedded"
  start_gateway gw-rl "$work/data/gw-rl" "$rl_port" "$rl_status" "$rl_admin"
  gw_args=""
}
probe_rl() { curl -fsS "http://127.0.0.1:$rl_status/readyz"; }
launch gw-rl start_rl probe_rl; rl_pid=$launched_pid; status_of[$rl_pid]=$rl_status
start_base() {
  free_port base_port base_status base_admin
  local dll="$base"; [ "$base" = current ] && dll="$(bin src/Gateway Gateway)"
  gw_env="$base_env" gw_args="$base_args"
  start_gateway gw-base "$work/data/gw-base" "$base_port" "$base_status" "$base_admin" "$work/routes/routes.json" "$dll"
  gw_env="" gw_args=""
}
probe_base() { curl -fsS "http://127.0.0.1:$base_status/readyz"; }
if [ -n "$base" ]; then launch gw-base start_base probe_base; base_pid=$launched_pid; status_of[$base_pid]=$base_status; fi
start_base_big() {
  free_port base_big_port base_big_status base_big_admin
  local dll="$base"; [ "$base" = current ] && dll="$(bin src/Gateway Gateway)"
  gw_env="$base_env" gw_args="$base_args"
  start_gateway gw-base-big "$work/data/gw-base-big" "$base_big_port" "$base_big_status" "$base_big_admin" "$work/routes/routes.json" "$dll"
  gw_env="" gw_args=""
}
probe_base_big() { curl -fsS "http://127.0.0.1:$base_big_status/readyz"; }
if [ "$base_big" -eq 1 ]; then launch gw-base-big start_base_big probe_base_big; base_big_pid=$launched_pid; status_of[$base_big_pid]=$base_big_status; fi

# The reference: a minimal YARP host with default settings and one route to the same upstream.
start_plain() {
  free_port plain_port
  spawn_server dotnet "$(bin load-tests/Gateway.LoadTests.PlainYarp Gateway.LoadTests.PlainYarp)" \
    --urls "http://127.0.0.1:$plain_port" --upstream "http://127.0.0.1:$echo_port/" >"$work/plain-yarp.log" 2>&1 &
  launched_pid=$!
}
probe_plain() { curl -fsS "http://127.0.0.1:$plain_port/ready"; }
launch plain-yarp start_plain probe_plain; plain_pid=$launched_pid

start_nginx() {
  free_port nginx_port
  mkdir -p "$work/nginx"
  rm -f "$work/nginx/error.log"
  cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes $server_workers;
user $(id -un);
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  upstream echo {
    server 127.0.0.1:$echo_port;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://echo;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
EOF
  spawn_server "$nginx_bin" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" >"$work/nginx.log" 2>&1 &
  launched_pid=$!
}
probe_nginx() { curl -fsS "http://127.0.0.1:$nginx_port/ready"; }
nginx_port="" nginx_pid=""
if [ "$use_nginx" -eq 1 ]; then launch nginx start_nginx probe_nginx; nginx_pid=$launched_pid; fi

# --- plan and run ------------------------------------------------------------------------------------------
cred_small="$work/data/gw-small/credentials.txt"; cred_big="$work/data/gw-big/credentials.txt"
cred_layout="$work/layout/data/credentials.txt"
first=1
scenario() { # NAME URL AUTH CREDENTIALS GATEWAY_PID SERVER_PIDS STORE_KEYS (skipped when --only does not name it)
  [ -z "$only" ] || case ",$only," in *",$1,"*) ;; *) return 0 ;; esac
  [ "$first" -eq 1 ] || echo ','
  first=0
  local metrics=null
  if [ "$5" != null ] && [ -n "${status_of[$5]:-}" ]; then metrics="\"http://127.0.0.1:${status_of[$5]}/metrics\""; fi
  printf '    {"name":"%s","url":"%s","auth":"%s","credentialsFile":%s,"gatewayPid":%s,"serverPids":[%s],"storeKeys":%s,"metricsUrl":%s}' \
    "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$metrics"
}
{
  echo '{'
  echo "  \"spinPacer\": $spin,"
  if [ -n "$guard" ]; then echo "  \"cpuGuardRatio\": $guard,"; fi
  if [ -n "$levels" ]; then echo "  \"loadLevels\": $levels,"; fi
  if [ -n "$max_other" ]; then echo "  \"maxOtherCpuPercent\": $max_other,"; fi
  if [ -n "$window_steal" ]; then echo "  \"windowStealPercent\": $window_steal,"; fi
  if [ "$pause" -eq 1 ]; then
    idle="$(printf '%s\n' "$gw_pid" "$big_pid" "$lay_pid" "$rl_pid" "$plain_pid" "${base_pid:-}" "${base_big_pid:-}" | grep -E '^[0-9]+$' | paste -sd, -)"
    echo "  \"idleServerPids\": [$idle],"
  fi
  echo "  \"connections\": $connections, \"warmupSeconds\": $warmup, \"warmupRequests\": $warmup_requests, \"warmupServerSeconds\": $warmup_server, \"closedSeconds\": $closed, \"rounds\": $rounds, \"openSeconds\": $open,"
  echo "  \"labels\": {\"mode\": \"$mode\", \"commit\": \"$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)\", \"serverCpus\": \"${server_cpus:-any}\", \"clientCpus\": \"${client_cpus:-any}\"},"
  echo '  "scenarios": ['
  scenario direct "http://127.0.0.1:$echo_port/echo/b" none null null "$echo_pid" null
  if [ "$use_nginx" -eq 1 ]; then scenario nginx "http://127.0.0.1:$nginx_port/echo/b" none null null "$nginx_pid,$echo_pid" null; fi
  scenario plain-yarp "http://127.0.0.1:$plain_port/anon/b" none null "$plain_pid" "$plain_pid,$echo_pid" null
  scenario yarp "http://127.0.0.1:$gw_port/anon/b" none null "$gw_pid" "$gw_pid,$echo_pid" null
  scenario bearer "http://127.0.0.1:$gw_port/echo/b" bearer "\"$cred_small\"" "$gw_pid" "$gw_pid,$echo_pid" "$((small_keys + 1))"
  scenario rfc9421 "http://127.0.0.1:$gw_port/echo/b" rfc9421 "\"$cred_small\"" "$gw_pid" "$gw_pid,$echo_pid,$redis_pid" "$((small_keys + 1))"
  scenario sigv4 "http://127.0.0.1:$gw_port/echo/b" sigv4 "\"$cred_small\"" "$gw_pid" "$gw_pid,$echo_pid,$redis_pid" "$((small_keys + 1))"
  scenario bearer+ratelimit "http://127.0.0.1:$rl_port/limited/b" bearer "\"$work/data/gw-rl/credentials.txt\"" "$rl_pid" "$rl_pid,$echo_pid" "$small_keys"
  scenario bearer+ratelimit-redis "http://127.0.0.1:$gw_port/limited/b" bearer "\"$cred_small\"" "$gw_pid" "$gw_pid,$echo_pid,$redis_pid" "$((small_keys + 1))"
  scenario bearer-1m "http://127.0.0.1:$big_port/echo/b" bearer "\"$cred_big\"" "$big_pid" "$big_pid,$echo_pid" "$keys"
  scenario bearer-layout "http://127.0.0.1:$lay_port/echo/b" bearer "\"$cred_layout\"" "$lay_pid" "$lay_pid,$echo_pid" "$small_keys"
  scenario bearer+identity-token "http://127.0.0.1:$gw_port/idtoken/b" bearer "\"$cred_small\"" "$gw_pid" "$gw_pid,$echo_pid" "$((small_keys + 1))"
  if [ -n "$base" ]; then
    cred_base="$work/data/gw-base/credentials.txt"
    scenario yarp-base "http://127.0.0.1:$base_port/anon/b" none null "$base_pid" "$base_pid,$echo_pid" null
    scenario bearer-base "http://127.0.0.1:$base_port/echo/b" bearer "\"$cred_base\"" "$base_pid" "$base_pid,$echo_pid" "$((small_keys + 1))"
    scenario rfc9421-base "http://127.0.0.1:$base_port/echo/b" rfc9421 "\"$cred_base\"" "$base_pid" "$base_pid,$echo_pid,$redis_pid" "$((small_keys + 1))"
    scenario sigv4-base "http://127.0.0.1:$base_port/echo/b" sigv4 "\"$cred_base\"" "$base_pid" "$base_pid,$echo_pid,$redis_pid" "$((small_keys + 1))"
    if [ "$base_big" -eq 1 ]; then
      scenario bearer-1m-base "http://127.0.0.1:$base_big_port/echo/b" bearer "\"$work/data/gw-base-big/credentials.txt\"" "$base_big_pid" "$base_big_pid,$echo_pid" "$keys"
    fi
  fi
  echo
  echo '  ]'
  echo '}'
} >"$work/plan.json"

mkdir -p "$here/results"
: "${out:=$here/results/$(date -u +%Y%m%dT%H%M%SZ)-$mode.json}"
log "running ($mode): ${warmup}s warm-up, $rounds × ${closed}s closed, 3 × ${open}s open per scenario"
status=0
on_client dotnet "$(bin load-tests/Gateway.LoadTests Gateway.LoadTests)" "$work/plan.json" "$out" || status=$?
for name in gw-small gw-big gw-layout gw-base gw-base-big gw-rl; do
  if [ -f "$work/$name.log" ] && grep -qiE 'fail|crit|exception' "$work/$name.log"; then
    # The first errors with their exception's first lines (a tail alone loses the exception's message), then the end.
    log "$name logged warnings or errors; the first ones:"; grep -E -m3 -A15 '^(fail|crit): ' "$work/$name.log" >&2 || true
    log "$name: the log's last lines:"; tail -20 "$work/$name.log" >&2
  fi
done

# The quick mode also runs every micro-benchmark once (in process), so CI notices one that no longer runs.
if [ "$quick" -eq 1 ] && [ "$micro" -eq 1 ]; then
  log "micro-benchmarks, smoke run (load-tests/micro.sh --quick)"
  if "$here/micro.sh" --quick >"$work/micro.log" 2>&1; then
    grep -E '^\|' "$work/micro.log" | cut -c1-160 || true
  else
    log "micro-benchmarks FAILED:"; tail -40 "$work/micro.log" >&2; status=1
  fi
fi
exit "$status"
