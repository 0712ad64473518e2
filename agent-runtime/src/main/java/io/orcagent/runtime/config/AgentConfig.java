package io.orcagent.runtime.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The whole configuration file, validated.
 *
 * @param file the file it was read from
 * @param common {@code [common]}
 * @param orchestrator {@code [orchestrator]}
 * @param logging {@code [logging]}
 * @param mysql {@code [mysql]}
 * @param customCommands {@code [custom-commands.<name>] cmd}: name to command, sorted by name
 * @param pluginSections every other table (e.g. {@code mysqldump}, {@code clone_plugin}, a third-party
 *     plugin id) with its values as plain Java types, sorted by name; see {@link #pluginConfig(String)}
 */
public record AgentConfig(
        Path file,
        CommonConfig common,
        OrchestratorConfig orchestrator,
        LoggingConfig logging,
        MysqlConfig mysql,
        Map<String, String> customCommands,
        Map<String, Map<String, Object>> pluginSections) {

    /** The name of the special custom command run after every successful seed. */
    public static final String POST_SEED_COMMAND = "post-seed-command";

    /**
     * Checks for nulls and makes the maps immutable and sorted.
     *
     * @param file file
     * @param common common
     * @param orchestrator orchestrator
     * @param logging logging
     * @param mysql mysql
     * @param customCommands custom commands
     * @param pluginSections plugin sections
     */
    public AgentConfig {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(common, "common is null");
        Objects.requireNonNull(orchestrator, "orchestrator is null");
        Objects.requireNonNull(logging, "logging is null");
        Objects.requireNonNull(mysql, "mysql is null");
        customCommands = Collections.unmodifiableSortedMap(new TreeMap<>(customCommands));
        SortedMap<String, Map<String, Object>> sections = new TreeMap<>();
        pluginSections.forEach((name, values) ->
                sections.put(name, Collections.unmodifiableSortedMap(new TreeMap<>(values))));
        pluginSections = Collections.unmodifiableSortedMap(sections);
    }

    /**
     * A plugin's section, ready to hand to the plugin; an empty section when the file has none.
     * Each call returns a fresh view, so key tracking starts anew.
     *
     * @param section the section name (the plugin id)
     * @return the section
     */
    public SectionConfig pluginConfig(String section) {
        return SectionConfig.of(section, pluginSections.getOrDefault(section, Map.of()));
    }

    /**
     * Shows the sections but only the names of custom commands and plugin keys: an operator's command
     * or a plugin's value may hold a password.
     */
    @Override
    public String toString() {
        Map<String, Object> pluginKeys = new TreeMap<>();
        pluginSections.forEach((name, values) -> pluginKeys.put(name, values.keySet()));
        return "AgentConfig[file=" + file + ", common=" + common + ", orchestrator=" + orchestrator
                + ", logging=" + logging + ", mysql=" + mysql + ", customCommands=" + customCommands.keySet()
                + ", pluginSections=" + pluginKeys + "]";
    }
}
