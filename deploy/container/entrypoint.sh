#!/bin/bash
# Container entry point. For every environment variable NAME_FILE that names a readable file (a Docker/Compose
# secret, a Kubernetes secret volume), exports NAME with the file's content (trailing newlines dropped) and
# removes NAME_FILE, then runs the gateway as PID 1 (it handles SIGTERM: see Gateway:Shutdown). Values are never
# printed.
set -euo pipefail
while IFS= read -r name; do
  target=${name%_FILE}
  file=${!name}
  if [ ! -r "$file" ]; then
    echo "entrypoint: $name names $file, which is not a readable file" >&2
    exit 64
  fi
  export "$target=$(<"$file")"
  unset "$name"
done < <(compgen -e | grep -E '^[A-Za-z0-9_]+_FILE$' || true)
exec /app/Gateway "$@"
