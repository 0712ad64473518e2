package io.orcagent.runtime.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where the MySQL error log is. The running server says ({@code @@log_error}, relative to its
 * datadir); the answer is remembered, so while the server is stopped — when its log matters most —
 * the last known file is used; before the server ever answered, the server's option files say.
 */
public final class ErrorLogLocation {

    private final MysqlFacts facts;
    private final ServerOptionFiles optionFiles;
    private final Supplier<Path> knownDatadir;
    private final Supplier<String> hostName;
    private volatile Path lastKnown;

    /**
     * Creates it.
     *
     * @param facts the running server
     * @param optionFiles the server's option files
     * @param knownDatadir the datadir the agent knows, for option files that name none
     * @param hostName this host's name (the default log file is named after it)
     */
    public ErrorLogLocation(MysqlFacts facts, ServerOptionFiles optionFiles, Supplier<Path> knownDatadir,
                            Supplier<String> hostName) {
        this.facts = Objects.requireNonNull(facts, "facts is null");
        this.optionFiles = Objects.requireNonNull(optionFiles, "optionFiles is null");
        this.knownDatadir = Objects.requireNonNull(knownDatadir, "knownDatadir is null");
        this.hostName = Objects.requireNonNull(hostName, "hostName is null");
    }

    /**
     * The error log file now.
     *
     * @return the absolute path
     * @throws IOException when errors go to stderr, or the server cannot be asked and nothing else
     *     names the file
     * @throws InterruptedException when interrupted
     */
    public Path current() throws IOException, InterruptedException {
        String logError;
        Path datadir;
        try {
            logError = facts.logError();
            datadir = isStderr(logError) ? null : facts.datadir();
        } catch (SQLException e) {
            return whileServerIsDown(e);
        }
        Path file = resolve(logError, datadir);
        lastKnown = file;
        return file;
    }

    /**
     * Resolves a {@code log_error} value.
     *
     * @param logError the value
     * @param datadir the datadir, for a relative value
     * @return the absolute path
     * @throws IOException when the value means stderr (empty or {@code stderr})
     */
    static Path resolve(String logError, Path datadir) throws IOException {
        String value = logError.strip();
        if (value.isEmpty() || value.equals("stderr")) {
            throw new IOException("MySQL writes its error log to stderr (log_error is '" + value
                    + "'), so there is no error log file to read");
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? path.normalize() : datadir.resolve(path).normalize();
    }

    /**
     * This host's name as {@code gethostname()} returns it, which the servers name their default
     * error log after.
     *
     * @return the name, {@code localhost} when unknown
     */
    public static String systemHostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            return name.isEmpty() ? "localhost" : name;
        } catch (IOException e) {
            return "localhost";
        }
    }

    private Path whileServerIsDown(SQLException why) throws IOException, InterruptedException {
        Path known = lastKnown;
        if (known != null) {
            return known;
        }
        return optionFiles.read().errorLog(knownDatadir.get(), hostName.get()).orElseThrow(() -> new IOException(
                "MySQL cannot be asked for its error log (" + firstLine(why.getMessage()) + ") and "
                        + optionFiles.describe() + " set no log-error (errors go to stderr)"));
    }

    private static boolean isStderr(String logError) {
        return logError.isBlank() || logError.strip().equals("stderr");
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
