package io.orcagent.plugins.mydumper;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginConfig;
import io.orcagent.plugins.seedsupport.ReservedOptions;
import java.util.List;

/**
 * The {@code [mydumper]} config section.
 *
 * @param dumperOptions the operator's extra mydumper arguments, validated and split
 * @param loaderOptions the operator's extra myloader arguments, validated and split
 */
record MydumperSettings(List<String> dumperOptions, List<String> loaderOptions) {

    /** The Go agent's key, typo included. */
    static final String DUMPER_OPTIONS_KEY = "mydumper-addtional-opts";
    static final String LOADER_OPTIONS_KEY = "myloader-additional-opts";

    /** mydumper 0.10 knows all three (-R, -E, -G). */
    static final List<String> DEFAULT_DUMPER_OPTIONS = List.of("--routines", "--events", "--triggers");

    /**
     * Set by the agent for either tool: connection and credentials, where the dump goes or comes from,
     * and the flags the method depends on; also the ones that would make a tool wait for a terminal or
     * detach. One list for both tools, as in the Go agent ({@code -o} and {@code -d} differ between them).
     */
    static final ReservedOptions RESERVED = ReservedOptions.of("--host", "-h", "--user", "-u", "--port", "-P",
            "--password", "-p", "--ask-password", "-a", "-o", "--outputdir", "--overwrite-tables", "-d",
            "--directory", "--no-backup-locks", "--defaults-file", "--defaults-extra-file", "--daemon", "-D");

    MydumperSettings {
        dumperOptions = List.copyOf(dumperOptions);
        loaderOptions = List.copyOf(loaderOptions);
    }

    /**
     * Reads and validates the section.
     *
     * @param config the section
     * @return the settings
     * @throws ConfigException when an option is reserved or a value has the wrong type
     */
    static MydumperSettings read(PluginConfig config) throws ConfigException {
        List<String> dumper = RESERVED.toArguments(DUMPER_OPTIONS_KEY,
                config.strings(DUMPER_OPTIONS_KEY, DEFAULT_DUMPER_OPTIONS));
        List<String> loader = RESERVED.toArguments(LOADER_OPTIONS_KEY, config.strings(LOADER_OPTIONS_KEY, List.of()));
        return new MydumperSettings(dumper, loader);
    }
}
