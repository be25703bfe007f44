#!/usr/bin/env bash
# Runs every test of the solution and ends with one line: "N passed, N failed".
# Installs what the tests need when it is missing (redis-server, redis-tools, curl, python3, python3-botocore, python3-jwt, jq,
# prometheus for promtool, chromium and chromium-driver, from Debian packages).
set -uo pipefail
cd "$(dirname "$0")"

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)   # the Redis Cluster test creates its cluster with it
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v chromium >/dev/null 2>&1 || need+=(chromium)               # the console tests drive real headless Chromium
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
python3 -c 'import botocore' >/dev/null 2>&1 || need+=(python3-botocore)   # SigV4 retry test (botocore's retry handler)
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import jwt, cryptography' >/dev/null 2>&1 || need+=(python3-jwt python3-cryptography)   # identity-token outside check (PyJWT)
command -v jq >/dev/null 2>&1 || need+=(jq)               # the README's walkthrough (run by a test) uses it
command -v promtool >/dev/null 2>&1 || need+=(prometheus)   # promtool checks and unit-tests deploy/prometheus/alerts.yml
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build Gateway.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
# Console logger at "minimal": a failed test is printed with its message and stack trace, passing ones are not.
dotnet test Gateway.sln -c Release --no-build -nologo -v quiet --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-project summaries ("Passed!  - Failed: 0, Passed: 42, Skipped: 0, Total: 42, ...").
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed"
exit "$status"
