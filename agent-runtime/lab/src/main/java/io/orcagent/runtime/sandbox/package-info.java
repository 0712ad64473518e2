/**
 * Throw-away MariaDB servers for tests, the quickstart and {@code agentctl sandbox}: a server in a
 * directory on a loopback address, a rich sample dataset, and table checksums to prove two servers
 * hold the same data.
 */
package io.orcagent.runtime.sandbox;
