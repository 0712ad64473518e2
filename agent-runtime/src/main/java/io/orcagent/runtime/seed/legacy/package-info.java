/**
 * The upstream orchestrator's seed flow (receive-mysql-seed-data, send-mysql-seed-data, abort-seed,
 * seed-command-completed/succeeded): one background copy per seed id through the transfer service.
 */
package io.orcagent.runtime.seed.legacy;
