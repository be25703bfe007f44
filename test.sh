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
# The failed tests' names ("  Failed Namespace.Class.Method [12 ms]"), each with the first lines of its error message and
# the first stack frame that has a line number, repeated just before the closing line so that the end of the output says
# what failed and why (a CI log shown only in part shows its end; one showed a failed test's name and nothing of why).
failed_tests=$(awk '
  /^[[:space:]]+Failed .+ \[[^]]*\][[:space:]]*$/ {
    name = $0; sub(/^[[:space:]]+Failed /, "", name); sub(/ \[[^]]*\][[:space:]]*$/, "", name)
    print name; state = 0; shown = 0; next
  }
  /^[[:space:]]+Error Message:/ { state = 1; next }
  /^[[:space:]]+Stack Trace:/ { state = 2; next }
  state == 1 && shown < 4 { line = $0; sub(/^[[:space:]]+/, "", line); if (line != "") { print "  " substr(line, 1, 300); shown++ } next }
  state == 2 && / in .+:line [0-9]+/ { line = $0; sub(/^[[:space:]]+/, "", line); print "  " substr(line, 1, 300); state = 0 }
' "$log")
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

# Code style (README "Code style"): the code is formatted as .editorconfig says: whitespace, final newline, using
# order and the style rules .editorconfig lists as checked (--diagnostics; the build already runs the other analyzers).
# load-tests/ (not in Gateway.sln) gets the whitespace check only. Counted as one test; skipped when arguments select
# tests (e.g. --filter).
if [ $# -eq 0 ]; then
  fmt_log=$(mktemp); fmt_start=$SECONDS
  fmt_rules=$(sed -nE 's/^# Checked by test.sh: (.*)$/\1/p' .editorconfig)
  if dotnet format Gateway.sln --verify-no-changes --no-restore --diagnostics $fmt_rules >"$fmt_log" 2>&1 \
     && dotnet format whitespace load-tests --folder --verify-no-changes >>"$fmt_log" 2>&1; then
    passed=$((passed + 1))
    echo "test.sh: dotnet format --verify-no-changes: no change needed ($((SECONDS - fmt_start)) s)"
  else
    failed=$((failed + 1)); status=1
    sed -E 's/ \[[^]]*\]$//' "$fmt_log" | head -40
    echo "test.sh: FAILED dotnet format --verify-no-changes: the files above are not formatted as .editorconfig says;"
    echo "test.sh: run 'dotnet format Gateway.sln' (and 'dotnet format whitespace load-tests --folder') and commit the result"
  fi
  rm -f "$fmt_log"
fi
if [ -n "$failed_tests" ]; then
  echo "test.sh: failed tests:"
  sed 's/^/test.sh:   /' <<<"$failed_tests"
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
