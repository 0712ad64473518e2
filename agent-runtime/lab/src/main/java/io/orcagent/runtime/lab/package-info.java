/**
 * A seed lab on one machine: MariaDB sandboxes on their own loopback addresses, agents started from the
 * built distribution, and a stand-in orchestrator to register with. Used by the quickstart
 * ({@code agentctl quickstart}), the end-to-end tests and the benchmarks; never touches anything outside
 * 127.0.0.0/8 and its own directory.
 */
package io.orcagent.runtime.lab;
