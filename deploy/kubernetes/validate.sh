#!/usr/bin/env bash
# Renders the Kustomize base and every overlay (`kubectl kustomize`) and validates each rendering with
# validator/validate.mjs: the Kubernetes API schemas (kubernetes-models), strict field names (the official
# client's models) and the gateway's own rules (drain vs grace period, probes, security context, admin port).
# Then proves the validator is not blind: a misspelt field and a too-short grace period must be refused.
# Installs node and npm (Debian) when missing, and the validator's pinned packages (npm ci). Exit 0 when all pass.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if ! command -v kubectl >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubectl >/dev/null \
    || { echo "validate.sh: kubectl (for kubectl kustomize) is not installed and not installable here" >&2; exit 1; }
fi
[ -d validator/node_modules ] || (cd validator && npm ci --no-audit --no-fund --silent)
status=0
for dir in base overlays/*/; do
  dir=${dir%/}
  echo "validate.sh: $dir"
  kubectl kustomize "$dir" | node validator/validate.mjs || status=1
done
rendered=$(kubectl kustomize overlays/production)
if sed 's/^  replicas: 3$/  replica: 3/' <<<"$rendered" | node validator/validate.mjs >/dev/null; then
  echo "validate.sh: the validator accepted a misspelt field (replica)"; status=1
fi
if sed 's/terminationGracePeriodSeconds: 60/terminationGracePeriodSeconds: 20/' <<<"$rendered" | node validator/validate.mjs >/dev/null; then
  echo "validate.sh: the validator accepted a grace period shorter than the drain"; status=1
fi
exit $status
