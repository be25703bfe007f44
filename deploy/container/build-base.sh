#!/usr/bin/env bash
# Builds a local stand-in for mcr.microsoft.com/dotnet/runtime-deps (Debian 12 "bookworm", minbase) with
# debootstrap and imports it into podman as $1 (default localhost/gateway-base:bookworm). For machines that reach
# a Debian mirror but no container registry. Holds what runtime-deps holds — glibc, libstdc++, OpenSSL 3, zlib,
# CA certificates, tzdata — minus ICU (the gateway runs with invariant globalization), plus the `app` user (uid
# 1654) of the official .NET images. apt stays, so other images can be built FROM it (deploy/test.sh's Redis).
# Needs root, debootstrap and podman. Usage: build-base.sh [image] [mirror]
set -euo pipefail
image=${1:-localhost/gateway-base:bookworm}
mirror=${2:-http://deb.debian.org/debian}
root=$(mktemp -d /var/tmp/gateway-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase --include=ca-certificates,libssl3,zlib1g,tzdata bookworm "$root/rootfs" "$mirror" \
  > "$root/debootstrap.log" 2>&1 || { tail -20 "$root/debootstrap.log" >&2; exit 1; }
chroot "$root/rootfs" /usr/sbin/groupadd --gid 1654 app
chroot "$root/rootfs" /usr/sbin/useradd --uid 1654 --gid 1654 --no-create-home --home-dir /app --shell /usr/sbin/nologin app
rm -rf "$root"/rootfs/var/cache/apt/archives/*.deb "$root"/rootfs/var/lib/apt/lists/* \
       "$root"/rootfs/usr/share/doc/* "$root"/rootfs/usr/share/man/* "$root"/rootfs/usr/share/info/* \
       "$root"/rootfs/var/log/*.log "$root"/rootfs/var/cache/debconf/*-old
find "$root/rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} +
tar --numeric-owner -C "$root/rootfs" -cf - . | podman import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV APP_UID=1654' \
  --change 'CMD ["/bin/bash"]' \
  - "$image" >/dev/null
echo "build-base.sh: $image ($(podman image inspect --format '{{.Size}}' "$image") bytes)"
