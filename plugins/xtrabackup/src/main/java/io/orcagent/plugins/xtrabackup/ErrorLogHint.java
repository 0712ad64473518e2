package io.orcagent.plugins.xtrabackup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the MySQL error log's location across stages and agent restarts (a file in the plugin's state
 * directory): Prepare reads it from the running server, Restore needs it after a failed start, when the
 * server cannot be asked.
 */
final class ErrorLogHint {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorLogHint.class);
    private static final String FILE = "mysql-error-log";

    private final Path file;

    /**
     * Creates the hint.
     *
     * @param pluginStateDir the plugin's own state directory
     */
    ErrorLogHint(Path pluginStateDir) {
        this.file = Objects.requireNonNull(pluginStateDir, "pluginStateDir is null").resolve(FILE);
    }

    /**
     * Records where the error log is.
     *
     * @param errorLog the log file
     */
    void remember(Path errorLog) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, errorLog.toString() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("could not record the MySQL error log location in {}: {}", file, e.toString());
        }
    }

    /**
     * The recorded location.
     *
     * @return the error log, if one was recorded
     */
    Optional<Path> recall() {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Path.of(text));
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }
}
