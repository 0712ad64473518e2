/**
 * {@code agentctl}: drives agents without orchestrator over their HTTP API ({@code seed}, {@code status},
 * {@code data}, {@code plugins}, {@code reload}, {@code abort}, {@code downtime}) and runs the
 * {@code quickstart} in the lab. Not part of the daemon: its own module, shipped next to the lab in
 * {@code lib/agentctl/}.
 */
package io.orcagent.runtime.cli;
