#!/usr/bin/env bash
# Prints a JAVA_HOME of a JDK 21 or newer: $JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm.
set -euo pipefail

major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p'
}
ok() {
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
    local m; m=$(major "$1")
    case "$m" in ''|1.*|*[!0-9]*) return 1 ;; esac
    [ "$m" -ge 21 ]
}
if [ -n "${JAVA_HOME:-}" ] && ok "$JAVA_HOME"; then
    echo "$JAVA_HOME"; exit 0
fi
best=""; best_major=0
for d in /usr/lib/jvm/*; do
    [ -d "$d" ] || continue
    if ok "$d"; then
        m=$(major "$d")
        if [ "$m" -gt "$best_major" ]; then best="$d"; best_major="$m"; fi
    fi
done
if [ -z "$best" ]; then
    echo "no JDK 21 or newer found: install one (e.g. Temurin 21/25) or set JAVA_HOME" >&2
    exit 1
fi
echo "$best"
