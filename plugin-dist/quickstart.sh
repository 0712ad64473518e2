#!/usr/bin/env bash
# Quickstart: installs what is missing (as root), builds the agent, starts two MariaDB sandboxes with
# sample data and two agents on 127.0.0.2 and 127.0.0.3, seeds one from the other through the agents
# with a live progress bar, proves the replica (checksums, replication running, a new row arrives),
# prints a summary and stops everything.
#   plugin-dist/quickstart.sh [--method Mysqldump|Mydumper] [--rows N] [--dir DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

plugin-dist/scripts/install-prerequisites.sh
JAVA_HOME=$(plugin-dist/scripts/find-java.sh)
export JAVA_HOME
command -v mvn >/dev/null || { echo "Maven is needed to build: apt-get install maven" >&2; exit 1; }

echo "building (mvn -q -DskipTests install) ..."
mvn -q -B -DskipTests install
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
exec "plugin-dist/target/orchestrator-agent-$version/bin/agentctl" quickstart "$@"
