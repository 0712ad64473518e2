/**
 * The agent's configuration: one TOML file ({@code /etc/orchestrator-agent.conf}) read by
 * {@link io.orcagent.runtime.config.ConfigLoader} into immutable records.
 *
 * <p>Core sections ({@code [common]}, {@code [orchestrator]}, {@code [logging]}, {@code [mysql]},
 * {@code [custom-commands.*]}) are validated strictly: unknown keys, wrong types and missing required
 * keys are all reported together. Every other table is a plugin's section and is handed to the
 * plugin untouched through {@link io.orcagent.runtime.config.SectionConfig}.
 */
package io.orcagent.runtime.config;
