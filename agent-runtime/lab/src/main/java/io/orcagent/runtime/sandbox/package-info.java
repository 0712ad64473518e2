/**
 * Throw-away MariaDB servers for tests, the benchmarks and {@code agentctl quickstart}: a server in a
 * directory on a loopback address, a rich sample dataset, and table checksums to prove two servers
 * hold the same data.
 */
package io.orcagent.runtime.sandbox;
