package io.orcagent.runtime.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code [logging]} section.
 *
 * @param file {@code file}: the log file (default /var/log/orchestrator-agent.log)
 * @param level {@code level}: {@code debug}, {@code info}, {@code warn} or {@code error}, lower case
 *     (default {@code info})
 */
public record LoggingConfig(Path file, String level) {

    /** Default {@code file}. */
    public static final Path DEFAULT_FILE = Path.of("/var/log/orchestrator-agent.log");
    /** Default {@code level}. */
    public static final String DEFAULT_LEVEL = "info";

    /**
     * Checks for nulls.
     *
     * @param file log file
     * @param level level
     */
    public LoggingConfig {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(level, "level is null");
    }
}
