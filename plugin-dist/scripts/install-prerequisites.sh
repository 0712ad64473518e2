#!/usr/bin/env bash
# Installs what orchestrator-agent's build, tests and quickstart need from the OS packages:
# MariaDB server and client tools, mariabackup, mydumper, btrfs-progs, socat (benchmark baseline only),
# openssl. As root it installs them with apt-get; otherwise it prints the exact command to run.
set -euo pipefail

PACKAGES=(mariadb-server mariadb-client mariadb-backup mydumper btrfs-progs socat openssl procps)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "orchestrator-agent needs these packages: ${missing[*]}" >&2
    echo "install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# the distribution's MariaDB service is not needed (tests start their own servers); do not start it
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "installed: ${missing[*]}"
