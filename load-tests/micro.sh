#!/usr/bin/env bash
# Micro-benchmarks (BenchmarkDotNet, [MemoryDiagnoser]) of the hot functions: bearer parse + verify, RFC 9421
# parse + verify, SigV4 parse + verify, the identity-header transform, and the store lookup / secret unsealing /
# principal around them.
#
#   load-tests/micro.sh            full run, BenchmarkDotNet's default job (about 5 minutes)
#   load-tests/micro.sh --quick    CI smoke: every benchmark once, in process (seconds); numbers are meaningless
#
# Extra arguments go to BenchmarkDotNet, e.g. --filter '*Bearer*' (default: every benchmark) or --job short. Reports: load-tests/results/benchmarks/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
job=()
if [ "${1:-}" = "--quick" ]; then job=(--job dry --inProcess); shift; fi
dotnet build "$here/Gateway.Benchmarks" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
filter=(--filter '*'); for arg in "$@"; do [ "$arg" = "--filter" ] && filter=(); done
dotnet "$here/Gateway.Benchmarks/bin/Release/net10.0/Gateway.Benchmarks.dll" "${filter[@]}" --join \
  --artifacts "$here/results/benchmarks" "${job[@]}" "$@"
