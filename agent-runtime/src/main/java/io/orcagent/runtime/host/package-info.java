/**
 * Host and MySQL facts for {@code get-agent-data} and the legacy polling routes: datadir, databases
 * with engines and sizes, disk usage measured in the background, free space, CPU/memory/OS and the error
 * log tail. Values are plain records; the HTTP layer maps them to JSON.
 */
package io.orcagent.runtime.host;
