#!/usr/bin/env bash
# Installs what orchestrator-agent's build, tests and quickstart need from the OS packages: Maven,
# MariaDB server and client tools, mariabackup, mydumper, btrfs-progs and the tools the fault tests use
# (iproute2's ss, e2fsprogs, util-linux's losetup and mount), socat (benchmark baseline only), openssl.
# As root it installs them with apt-get; otherwise it prints the exact command to run.
set -euo pipefail

PACKAGES=(maven mariadb-server mariadb-client mariadb-backup mydumper btrfs-progs socat openssl procps iproute2
    e2fsprogs util-linux mount)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null; then
    echo "orchestrator-agent's tests need these Debian/Ubuntu packages (or your system's equivalents): ${missing[*]}" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "orchestrator-agent needs these packages: ${missing[*]}" >&2
    echo "install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
echo "installing: ${missing[*]} ..."
apt-get update -qq || { echo "apt-get update failed: check the machine's package sources and network" >&2; exit 1; }
# the distribution's MariaDB service is not needed (tests start their own servers); do not start it
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "apt-get could not install ${missing[*]}: install them by hand (apt-get install -y ${missing[*]})" >&2
    exit 1
fi
echo "installed: ${missing[*]}"
