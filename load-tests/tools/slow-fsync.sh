#!/usr/bin/env bash
# Runs a command on a slow disk: every fsync/fdatasync of it and its children sleeps MS milliseconds first
# (tools/slow-fsync.c, preloaded). With --log FILE, one line per sync: time, pid, tid, thread name, call, file, and how
# long the real sync took (µs).
#   load-tests/tools/slow-fsync.sh [--ms MS] [--log FILE] -- COMMAND [ARGS...]
#   e.g. load-tests/tools/slow-fsync.sh --ms 1000 --log /tmp/syncs -- load-tests/run.sh --quick --no-micro --closed-only --only yarp,bearer,sigv4
# The syncs of the seeding and of every server are slowed too; a run's "AUDIT EVENTS DROPPED" is what to read.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ms=1000 log=""
while [ $# -gt 0 ]; do
  case "$1" in
    --ms) ms="$2"; shift 2 ;;
    --log) log="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "usage: $0 [--ms MS] [--log FILE] -- COMMAND [ARGS...]" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: $0 [--ms MS] [--log FILE] -- COMMAND [ARGS...]" >&2; exit 2; }
command -v gcc >/dev/null || { echo "slow-fsync.sh: gcc is needed (apt-get install gcc)" >&2; exit 1; }
lib="${TMPDIR:-/tmp}/gateway-slow-fsync-$$.so"  # left for the command: it is preloaded into every process it starts
gcc -shared -fPIC -O2 -o "$lib" "$here/slow-fsync.c" -ldl
export SLOW_FSYNC_MS="$ms"
[ -z "$log" ] || export SLOW_FSYNC_LOG="$log"
LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}" exec "$@"
