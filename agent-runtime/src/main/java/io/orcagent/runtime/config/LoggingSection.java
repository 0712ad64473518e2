package io.orcagent.runtime.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Binds {@code [logging]}. */
final class LoggingSection {

    static final String NAME = "logging";
    private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error");

    private LoggingSection() {
    }

    static Optional<LoggingConfig> bind(SectionReader r) {
        Path file = r.absolutePath("file", LoggingConfig.DEFAULT_FILE);
        String level = r.string("level", LoggingConfig.DEFAULT_LEVEL).trim().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            r.problem("level", "must be debug, info, warn or error (got " + ValueText.describe(level) + ")");
        }
        r.reportUnknownKeys();
        return r.clean() ? Optional.of(new LoggingConfig(file, level)) : Optional.empty();
    }
}
