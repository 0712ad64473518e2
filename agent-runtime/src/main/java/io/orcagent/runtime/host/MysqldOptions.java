package io.orcagent.runtime.host;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's options as {@code my_print_defaults --mysqld} prints them ({@code --name=value}, one a
 * line, later lines winning), and where they put the error log, by the server's own rules.
 */
public final class MysqldOptions {

    private static final String NO_VALUE = "\u0000";

    private final Map<String, String> values;

    private MysqldOptions(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * Reads option lines. Names are compared as the server compares them: {@code _} and {@code -} are
     * the same, a {@code loose-} prefix is dropped, {@code skip-NAME} switches NAME off.
     *
     * @param lines {@code my_print_defaults} output
     * @return the options
     */
    public static MysqldOptions parse(List<String> lines) {
        Map<String, String> values = new HashMap<>();
        for (String line : lines) {
            String option = line.strip();
            if (!option.startsWith("--")) {
                continue;
            }
            int equals = option.indexOf('=');
            String name = normalize(equals < 0 ? option.substring(2) : option.substring(2, equals));
            String value = equals < 0 ? NO_VALUE : option.substring(equals + 1).strip();
            if (name.startsWith("skip-")) {
                values.remove(name.substring("skip-".length()));
            } else {
                values.put(name, value);
            }
        }
        return new MysqldOptions(values);
    }

    /**
     * Where the server writes its error log with these options, resolved as MySQL and MariaDB do: a
     * relative name is relative to the datadir and gets {@code .err} when it has no extension; a
     * {@code log-error} without a name means the pid file's name with {@code .err} for its extension
     * (the pid file defaulting to {@code <log-basename or short host name>.pid} in the datadir).
     *
     * @param knownDatadir the datadir when the options name none
     * @param hostName this host's name
     * @return the file, or empty when the options send errors to stderr (no {@code log-error}, or
     *     {@code log-error=stderr})
     */
    public Optional<Path> errorLog(Path knownDatadir, String hostName) {
        Objects.requireNonNull(knownDatadir, "knownDatadir is null");
        String logError = values.get("log-error");
        if (logError == null || logError.equals("stderr")) {
            return Optional.empty();
        }
        Path datadir = value("datadir").map(Path::of).map(knownDatadir::resolve).orElse(knownDatadir);
        if (logError.equals(NO_VALUE) || logError.isEmpty()) {
            String base = value("log-basename").orElse(beforeFirstDot(hostName));
            Path pidFile = datadir.resolve(value("pid-file").orElse(base + ".pid"));
            return Optional.of(pidFile.resolveSibling(beforeFirstDot(pidFile.getFileName().toString()) + ".err")
                    .normalize());
        }
        Path named = datadir.resolve(logError);
        String fileName = named.getFileName().toString();
        return Optional.of((fileName.contains(".") ? named : named.resolveSibling(fileName + ".err")).normalize());
    }

    /**
     * An option's value.
     *
     * @param name the option (with dashes)
     * @return the value, empty when the option is absent or given without a value
     */
    public Optional<String> value(String name) {
        String value = values.get(normalize(name));
        return value == null || value.equals(NO_VALUE) || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static String normalize(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return n.startsWith("loose-") ? n.substring("loose-".length()) : n;
    }

    // the servers strip "extensions" from the first dot on: host db1.example.com logs to db1.err
    private static String beforeFirstDot(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
