#!/usr/bin/env bash
# The test command: makes sure the OS packages the tests need are there (installs them as root, names
# them otherwise), picks a JDK >= 21, and runs the whole suite (mvn -B verify). Arguments go to Maven,
# e.g. plugin-dist/test.sh -pl agent-runtime -Dtest=SeedEngineTest.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
    echo "plugin-dist/test.sh: $*" >&2
    exit 1
}

plugin-dist/scripts/install-prerequisites.sh || fail "the OS packages the tests need are missing (see above)."
JAVA_HOME=$(plugin-dist/scripts/find-java.sh) || fail "no JDK 21 or newer: install one (Temurin 21/25, or openjdk-21-jdk-headless where your release has it) or set JAVA_HOME to it."
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
command -v mvn >/dev/null || fail "Maven 3.8+ is needed: apt-get install maven (as root), or put mvn on PATH."
echo "plugin-dist/test.sh: JDK $JAVA_HOME, $(mvn -v 2>/dev/null | head -n 1)"
exec mvn -B verify "$@"
