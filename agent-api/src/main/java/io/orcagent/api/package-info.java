/**
 * The orchestrator-agent plugin SPI.
 *
 * <p>A plugin is a PF4J plugin directory (or zip) whose jar lists one {@link io.orcagent.api.AgentPlugin}
 * implementation in {@code META-INF/services/io.orcagent.api.AgentPlugin}. The plugin contributes
 * factories for seed methods, snapshot providers and command executors; the runtime creates each with a
 * {@link io.orcagent.api.PluginContext} that gives the plugin its own config section and the host
 * services it may use (commands, the local MySQL, paths, streaming).
 *
 * <p>This package depends on nothing but the JDK. Plugins declare it with {@code provided} scope: the
 * runtime always serves it from its own class loader, even when a plugin bundles a copy.
 */
package io.orcagent.api;
