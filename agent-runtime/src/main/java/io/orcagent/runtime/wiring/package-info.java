/**
 * Assembles the agent from its parts (config, exec, host facts, plugins, seed engine, HTTP,
 * registration) and adapts them to each other. No behaviour of its own beyond wiring.
 */
package io.orcagent.runtime.wiring;
