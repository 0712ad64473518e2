package io.orcagent.plugins.mysqldump;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginConfig;
import io.orcagent.plugins.seedsupport.Executables;
import io.orcagent.plugins.seedsupport.ReservedOptions;
import java.util.List;
import java.util.Objects;

/**
 * The {@code [mysqldump]} config section.
 *
 * @param dumpCommand the dump program ({@code dump-command})
 * @param clientCommand the client program used to restore ({@code client-command})
 * @param dumpOptions the operator's extra dump arguments, validated and split
 */
record MysqldumpSettings(String dumpCommand, String clientCommand, List<String> dumpOptions) {

    /** The documented key (the Go README's spelling, typo included). */
    static final String OPTIONS_KEY = "mysqldump-addtional-opts";
    /** The key the Go agent's code actually read; accepted as an alias. */
    static final String GO_OPTIONS_KEY = "addtional-opts";
    static final String DUMP_COMMAND_KEY = "dump-command";
    static final String CLIENT_COMMAND_KEY = "client-command";

    static final List<String> DEFAULT_OPTIONS = List.of("--single-transaction", "--quick", "--routines", "--events",
            "--triggers", "--hex-blob");

    /** Set by the agent: connection and credentials, the coordinates mode and what to dump. */
    static final ReservedOptions RESERVED = ReservedOptions.of("--host", "-h", "--user", "-u", "--port", "-P",
            "--password", "-p", "--master-data", "--source-data", "--dump-slave", "--dump-replica", "--all-databases",
            "-A", "--defaults-file", "--defaults-extra-file", "--result-file", "-r");

    MysqldumpSettings {
        Objects.requireNonNull(dumpCommand, "dumpCommand is null");
        Objects.requireNonNull(clientCommand, "clientCommand is null");
        dumpOptions = List.copyOf(dumpOptions);
    }

    /**
     * Reads and validates the section.
     *
     * @param config the section
     * @return the settings
     * @throws ConfigException when both option keys are present, an option is reserved, or a command is blank
     */
    static MysqldumpSettings read(PluginConfig config) throws ConfigException {
        boolean documented = config.keys().contains(OPTIONS_KEY);
        boolean goSpelling = config.keys().contains(GO_OPTIONS_KEY);
        if (documented && goSpelling) {
            throw new ConfigException(GO_OPTIONS_KEY, "both " + OPTIONS_KEY + " and its alias " + GO_OPTIONS_KEY
                    + " are set; keep one");
        }
        String optionsKey = goSpelling ? GO_OPTIONS_KEY : OPTIONS_KEY;
        List<String> options = RESERVED.toArguments(optionsKey, config.strings(optionsKey, DEFAULT_OPTIONS));
        config.accept(OPTIONS_KEY, GO_OPTIONS_KEY);
        String dump = program(config, DUMP_COMMAND_KEY, Executables.preferred("mariadb-dump", "mysqldump"));
        String client = program(config, CLIENT_COMMAND_KEY, Executables.preferred("mariadb", "mysql"));
        return new MysqldumpSettings(dump, client, options);
    }

    private static String program(PluginConfig config, String key, String defaultValue) throws ConfigException {
        String value = config.string(key, defaultValue);
        if (value.isBlank() || value.indexOf('\0') >= 0) {
            throw new ConfigException(key, "must name a program");
        }
        return value.strip();
    }
}
