#!/usr/bin/env bash
# Builds the container images and runs them for real with podman: two gateway replicas on one Redis, the sample
# upstream, secrets from files. Checks a service account created through one replica works through the other,
# a revocation is refused on both, a SIGTERM'd replica drains (readiness 503 while serving, exit 0) while the
# other serves light load without one failure, and the containers run as non-root on a read-only root filesystem.
# Ends with "N passed, N failed"; exits non-zero on any failure.
#
# Needs root (podman, debootstrap). Installs podman, runc, debootstrap, docker-compose, curl and python3 when missing. Uses its own
# containers.conf (CONTAINERS_CONF) and host networking; keeps the base images it built in podman's storage so the
# next run skips debootstrap (DEPLOY_TEST_REBUILD_BASE=1 rebuilds them). About 5 minutes with nothing cached.
# DEPLOY_TEST_SDK_STAGE=1 also builds and starts the default (SDK-stage) target on a stand-in SDK image.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

passed=0
failed=0
check() { # check NAME COMMAND...: runs the command, counts and prints the result
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "  ok   $name"; return 0; fi
  failed=$((failed + 1)); echo "  FAIL $name"; return 1
}
finish() { echo "${passed} passed, ${failed} failed"; [ "$failed" -eq 0 ]; exit $?; }
abort() { echo "deploy/test.sh: $*" >&2; failed=$((failed + 1)); finish; }

if [ "$(id -u)" -ne 0 ]; then abort "must run as root (podman with runc and host networking, debootstrap)"; fi
need=()
command -v podman >/dev/null 2>&1 || need+=(podman)
[ -x /usr/sbin/runc ] || need+=(runc)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)   # validates deploy/compose/compose.yaml (`config`: no daemon)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "deploy/test.sh: installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null \
    || abort "apt-get install ${need[*]} failed"
fi
command -v dotnet >/dev/null 2>&1 || abort "the .NET 10 SDK is required"

started=$(date +%s)
work=$(mktemp -d /tmp/gateway-deploy-test.XXXXXX)
run_id=gwtest-$$
export CONTAINERS_CONF="$work/containers.conf"
cat >"$CONTAINERS_CONF" <<'EOF'
[containers]
default_ulimits = []

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
EOF
pod() { podman --runtime /usr/sbin/runc "$@"; }
cleanup() {
  for name in a b redis upstream sdk; do pod rm -f -v -t 0 "$run_id-$name" >/dev/null 2>&1; done
  for name in a b; do pod volume rm -f "$run_id-$name" >/dev/null 2>&1; done
  pod rmi -f "localhost/gateway:$run_id" "localhost/gateway-echo-upstream:$run_id" "localhost/gateway:$run_id-sdk" \
    "localhost/gateway-sdk-standin:$run_id" >/dev/null 2>&1
  rm -rf "$work" "$repo/artifacts/container"
}
trap cleanup EXIT

echo "deploy/test.sh: Compose file and Kubernetes manifests"
compose_config() {
  docker-compose -f deploy/compose/compose.yaml config >"$work/compose.txt" 2>&1 || { cat "$work/compose.txt"; return 1; }
  [ "$(docker-compose -f deploy/compose/compose.yaml config --services | sort | tr '\n' ' ')" = "gateway-1 gateway-2 grafana prometheus redis upstream " ]
}
check "compose file valid (docker-compose config), six services" compose_config
check "compose replicas: read-only root, secrets from files, AOF Redis" python3 - "$work/compose.txt" <<'PY'
import sys, yaml
config = yaml.safe_load(open(sys.argv[1]))
services = config["services"]
for name in ("gateway-1", "gateway-2"):
    service = services[name]
    assert service["read_only"] is True, name
    assert {s if isinstance(s, str) else s["source"] for s in service["secrets"]} == {"hash_key", "master_key", "bootstrap_key"}, name
    assert service["environment"]["GATEWAY__KEYS__HASHKEY_FILE"] == "/run/secrets/hash_key", name
    assert not any(k.upper() == "GATEWAY__KEYS__HASHKEY" for k in service["environment"]), name
    assert str(service["stop_grace_period"]) in ("50s", "50.0"), name
assert "--appendonly" in services["redis"]["command"]
assert all("file" in secret for secret in config["secrets"].values())
PY
check "kubernetes manifests render and validate (deploy/kubernetes/validate.sh)" deploy/kubernetes/validate.sh

base=localhost/gateway-base:bookworm
redis_image=localhost/gateway-test-redis:bookworm
echo "deploy/test.sh: base image, publish (in parallel)"
if [ "${DEPLOY_TEST_REBUILD_BASE:-0}" = 1 ]; then pod rmi -f "$redis_image" "$base" >/dev/null 2>&1; fi
if [ "${DEPLOY_TEST_REBUILD_BASE:-0}" = 1 ] || ! pod image exists "$base"; then
  (deploy/container/build-base.sh "$base" >"$work/base.log" 2>&1; echo $? >"$work/base.rc") &
else
  echo 0 >"$work/base.rc"; echo "base image $base found in podman storage" >"$work/base.log"
fi
publish() { # publish PROJECT NAME: self-contained linux-x64 into artifacts/container/NAME, intermediates in $work
  dotnet publish "$1" -c Release -r linux-x64 --self-contained -nologo -v q --artifacts-path "$work/build-$2" \
    -p:DebugType=none -p:GenerateDocumentationFile=false -o "artifacts/container/$2" >"$work/publish-$2.log" 2>&1
}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
publish src/Gateway/Gateway.csproj gateway || { cat "$work/publish-gateway.log"; abort "dotnet publish of the gateway failed"; }
publish samples/EchoUpstream/EchoUpstream.csproj echo-upstream || { cat "$work/publish-echo-upstream.log"; abort "dotnet publish of the upstream failed"; }
wait
cat "$work/base.log"
[ "$(cat "$work/base.rc")" = 0 ] || abort "building the base image failed"

echo "deploy/test.sh: images"
build() { # build DOCKERFILE TAG [build args...]
  local file=$1 tag=$2; shift 2
  pod build -q --layers=false --network host --format docker -f "$file" --target runtime-prebuilt \
    --build-arg RUNTIME_IMAGE="$base" "$@" -t "$tag" . >"$work/build.log" 2>&1 || { cat "$work/build.log"; return 1; }
}
build deploy/container/Dockerfile "localhost/gateway:$run_id" || abort "building the gateway image failed"
build deploy/container/echo-upstream.Dockerfile "localhost/gateway-echo-upstream:$run_id" || abort "building the upstream image failed"
if [ "${DEPLOY_TEST_REBUILD_BASE:-0}" = 1 ] || ! pod image exists "$redis_image"; then
  printf 'FROM %s\nRUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null && rm -rf /var/lib/apt/lists/*\nUSER redis\n' "$base" \
    >"$work/redis.Dockerfile"
  pod build -q --layers=false --network host --format docker -f "$work/redis.Dockerfile" -t "$redis_image" "$work" >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; abort "building the Redis image failed"; }
fi
image_bytes=$(pod image inspect --format '{{.Size}}' "localhost/gateway:$run_id")
compressed_bytes=$(pod save --format docker-archive "localhost/gateway:$run_id" 2>/dev/null | gzip -6 | wc -c)
echo "gateway image: $((image_bytes / 1000000)) MB, $((compressed_bytes / 1000000)) MB gzip-compressed"
check "image is at most 120 MB compressed" test "$compressed_bytes" -le 120000000
check "image runs as uid 1654 (not root)" test "$(pod image inspect --format '{{.Config.User}}' "localhost/gateway:$run_id")" = "1654:1654"

echo "deploy/test.sh: stack"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
redis_port=$(free_port); upstream_port=$(free_port)
declare -A proxy admin status
for r in a b; do proxy[$r]=$(free_port); admin[$r]=$(free_port); status[$r]=$(free_port); done
mkdir -p "$work/config"
deploy/container/make-secrets.sh "$work/secrets" >/dev/null || abort "make-secrets.sh failed"
cat >"$work/config/yarp.json" <<EOF
{ "ReverseProxy": {
    "Routes": { "echo": { "ClusterId": "echo", "Match": { "Path": "/echo/{**rest}" } } },
    "Clusters": { "echo": { "Destinations": { "upstream": { "Address": "http://127.0.0.1:$upstream_port/" } } } } } }
EOF
chmod 0444 "$work/config/yarp.json"

pod run -d --name "$run_id-redis" --network host --read-only "$redis_image" \
  redis-server --bind 127.0.0.1 --port "$redis_port" --dir /tmp --appendonly yes --appendfsync always --save '' >/dev/null \
  || abort "starting Redis failed"
pod run -d --name "$run_id-upstream" --network host --read-only "localhost/gateway-echo-upstream:$run_id" \
  --urls "http://127.0.0.1:$upstream_port" >/dev/null || abort "starting the upstream failed"
start_gateway() { # start_gateway a|b (podman's stderr to a log: it complains it cannot time health checks without systemd)
  local r=$1
  pod run -d --name "$run_id-$r" --network host --read-only --health-interval disable \
    -v "$run_id-$r:/var/lib/gateway" \
    -v "$work/config/yarp.json:/etc/gateway/yarp.json:ro" \
    -v "$work/secrets/hash_key:/run/secrets/hash_key:ro" \
    -v "$work/secrets/master_key:/run/secrets/master_key:ro" \
    -v "$work/secrets/bootstrap_key:/run/secrets/bootstrap_key:ro" \
    -e Gateway__Listeners__Proxy__Url="http://127.0.0.1:${proxy[$r]}" \
    -e Gateway__Listeners__Admin__Url="http://127.0.0.1:${admin[$r]}" \
    -e Gateway__Listeners__Status__Url="http://127.0.0.1:${status[$r]}" \
    -e Gateway__Store__Provider=redis \
    -e Gateway__Redis__Configuration="127.0.0.1:$redis_port" \
    -e Gateway__Shutdown__DrainDelay=00:00:05 \
    -e GATEWAY__KEYS__HASHKEY_FILE=/run/secrets/hash_key \
    -e GATEWAY__SIGNING__MASTERKEYS__0__ID=k1 \
    -e GATEWAY__SIGNING__MASTERKEYS__0__KEY_FILE=/run/secrets/master_key \
    -e GATEWAY__ADMIN__BOOTSTRAPKEY_FILE=/run/secrets/bootstrap_key \
    "localhost/gateway:$run_id" >/dev/null 2>>"$work/podman.log"
}
ready() { # ready PORT: /readyz answers 200 within 60 s
  local deadline=$(($(date +%s) + 60))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/readyz")" = 200 ]; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}
start_gateway a && start_gateway b || abort "starting the gateway containers failed"
for r in a b; do
  check "replica $r ready" ready "${status[$r]}" || { pod logs "$run_id-$r" 2>&1 | tail -30; abort "replica $r never became ready"; }
done

echo "deploy/test.sh: checks"
check "HEALTHCHECK of replica a passes" pod healthcheck run "$run_id-a"
check "container runs as uid 1654" test "$(pod exec "$run_id-a" id -u)" = 1654
check "root filesystem is read-only (inspect)" test "$(pod inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$run_id-a")" = true
check "root filesystem refuses writes" bash -c "! podman --runtime /usr/sbin/runc exec $run_id-a bash -c 'echo x > /app/probe' 2>/dev/null"
check "data volume is writable" pod exec "$run_id-a" bash -c 'echo x > /var/lib/gateway/probe && rm /var/lib/gateway/probe'
check "no *_FILE variable left in the gateway's environment" bash -c "! podman --runtime /usr/sbin/runc exec $run_id-a bash -c 'tr \"\\0\" \"\\n\" < /proc/1/environ' | grep -q '_FILE='"

bootstrap=$(cat "$work/secrets/bootstrap_key")
api() { # api METHOD URL [BODY]: prints the body, then the status on the last line
  curl -s -X "$1" -H "Authorization: Bearer $bootstrap" -H 'Content-Type: application/json' ${3:+-d "$3"} -w '\n%{http_code}' "$2"
}
json() { python3 -c "import json,sys; print(json.loads(sys.stdin.read().strip().rsplit('\n',1)[0])['$1'])"; }
account=$(api POST "http://127.0.0.1:${admin[a]}/v1/service-accounts" '{"name":"deploy-test","orgId":"acme","roles":["editor"]}')
account_id=$(json id <<<"$account" 2>/dev/null)
key=$(api POST "http://127.0.0.1:${admin[a]}/v1/service-accounts/$account_id/keys" '{"kind":"bearer"}')
key_id=$(json id <<<"$key" 2>/dev/null); token=$(json token <<<"$key" 2>/dev/null)
check "service account and key created through replica a" test -n "$token" \
  || printf 'account: %s\nkey: %s\n' "$account" "$key" | sed "s/$bootstrap/<bootstrap>/g"
call() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$1/echo/hello"; }
check "key works through replica b" test "$(call "${proxy[b]}")" = 200
check "key works through replica a" test "$(call "${proxy[a]}")" = 200
check "key revoked through replica a" test "$(api DELETE "http://127.0.0.1:${admin[a]}/v1/service-accounts/$account_id/keys/$key_id" | tail -1)" = 204
check "revoked key refused by replica b" test "$(call "${proxy[b]}")" = 401
check "revoked key refused by replica a" test "$(call "${proxy[a]}")" = 401

echo "deploy/test.sh: SIGTERM replica a under light load"
key=$(api POST "http://127.0.0.1:${admin[b]}/v1/service-accounts/$account_id/keys" '{"kind":"bearer"}')
token=$(json token <<<"$key" 2>/dev/null)
python3 - "$token" "http://127.0.0.1:${proxy[b]}/echo/load" "$work/stop" >"$work/load.txt" 2>&1 <<'EOF' &
import os, sys, threading, urllib.request
token, url, stop = sys.argv[1:4]
counts = {"ok": 0, "failed": 0}
lock = threading.Lock()
def worker():
    while not os.path.exists(stop):
        try:
            request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
            with urllib.request.urlopen(request, timeout=10) as response:
                good = response.status == 200
        except Exception as error:
            good = False
            print("failed:", error, file=sys.stderr)
        with lock:
            counts["ok" if good else "failed"] += 1
threads = [threading.Thread(target=worker) for _ in range(4)]
for thread in threads: thread.start()
for thread in threads: thread.join()
print(counts["ok"], counts["failed"])
EOF
load_pid=$!
sleep 1
pod kill --signal TERM "$run_id-a" >/dev/null
saw_503=0; served_while_draining=0; deadline=$(($(date +%s) + 10))
while [ "$(date +%s)" -lt "$deadline" ]; do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${status[a]}/readyz")" = 503 ]; then
    saw_503=1
    [ "$(call "${proxy[a]}")" = 200 ] && served_while_draining=1
    break
  fi
  sleep 0.05
done
check "replica a reports /readyz 503 after SIGTERM" test "$saw_503" = 1
check "replica a still serves during the drain delay" test "$served_while_draining" = 1
exit_code=$(timeout 60 podman --runtime /usr/sbin/runc wait "$run_id-a" 2>/dev/null)
check "replica a exits 0" test "$exit_code" = 0
sleep 1
touch "$work/stop"; wait "$load_pid"
read -r load_ok load_failed < <(tail -1 "$work/load.txt")
echo "  load on replica b during the drain: ${load_ok:-0} ok, ${load_failed:-?} failed"
check "zero failed requests on replica b while a drained" test "${load_failed:-1}" = 0 -a "${load_ok:-0}" -gt 0
check "replica a logged the drain" bash -c "podman --runtime /usr/sbin/runc logs $run_id-a 2>&1 | grep -q 'In-flight requests finished'"
check "no per-request framework lines in replica a's logs (the production log levels)" bash -c "! podman --runtime /usr/sbin/runc logs $run_id-a 2>&1 | grep -q -e 'Proxying to' -e 'Request starting'"
check "no secret in replica a's logs" bash -c "! podman --runtime /usr/sbin/runc logs $run_id-a 2>&1 | grep -Fq -e \"\$(cat $work/secrets/bootstrap_key)\" -e \"$token\""

if [ "${DEPLOY_TEST_SDK_STAGE:-0}" = 1 ]; then
  # Opt-in (about 3 more minutes): the production path, default target, with the build stage on a stand-in SDK
  # image (the base plus this machine's .NET SDK, NuGet cache and CA certificates mounted into the build).
  echo "deploy/test.sh: default target through the SDK stage"
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  printf 'FROM %s\nENV DOTNET_ROOT=%s PATH=%s:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 NUGET_CERT_REVOCATION_MODE=offline\n' \
    "$base" "$dotnet_root" "$dotnet_root" >"$work/sdk.Dockerfile"
  sdk_build() {
    pod build -q -f "$work/sdk.Dockerfile" -t "localhost/gateway-sdk-standin:$run_id" "$work" >/dev/null \
      && pod build -q --layers=false --network host --format docker -f deploy/container/Dockerfile \
        --build-arg SDK_IMAGE="localhost/gateway-sdk-standin:$run_id" --build-arg RUNTIME_IMAGE="$base" \
        -v "$dotnet_root:$dotnet_root:ro" -v "${NUGET_PACKAGES:-$HOME/.nuget/packages}:/root/.nuget/packages" \
        -v /etc/ssl/certs:/etc/ssl/certs:ro -t "localhost/gateway:$run_id-sdk" . >"$work/build.log" 2>&1 \
      || { tail -30 "$work/build.log"; return 1; }
  }
  check "default target builds through the SDK stage" sdk_build
  sdk_status=$(free_port)
  pod run -d --name "$run_id-sdk" --network host --read-only --health-interval disable \
    -e Gateway__Listeners__Proxy__Url="http://127.0.0.1:$(free_port)" \
    -e Gateway__Listeners__Admin__Url="http://127.0.0.1:$(free_port)" \
    -e Gateway__Listeners__Status__Url="http://127.0.0.1:$sdk_status" \
    "localhost/gateway:$run_id-sdk" >/dev/null 2>>"$work/podman.log"
  check "the SDK-built image starts read-only and is ready" ready "$sdk_status"
fi

echo "deploy/test.sh: $(($(date +%s) - started)) s"
finish
