package io.orcagent.runtime.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The configuration file cannot be used. The message lists every problem found, one per line, each
 * as {@code <file>: <section.key>: <plain sentence>}, e.g.
 * {@code /etc/orchestrator-agent.conf: common.port: must be an integer between 1 and 65535 (got "abc")}.
 */
public final class ConfigException extends Exception {

    private final Path file;
    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param file the configuration file
     * @param problems the problems, already formatted with {@link #problem(Path, String, String)}; at
     *     least one
     */
    public ConfigException(Path file, List<String> problems) {
        super(String.join("\n", problems));
        this.file = Objects.requireNonNull(file, "file is null");
        this.problems = List.copyOf(problems);
        if (this.problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
    }

    /**
     * Formats one problem line.
     *
     * @param file the configuration file
     * @param key the key as {@code section.key}
     * @param sentence what is wrong, e.g. {@code must be true or false (got "yes")}
     * @return the line
     */
    public static String problem(Path file, String key, String sentence) {
        return file + ": " + key + ": " + sentence;
    }

    /**
     * The configuration file.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }

    /**
     * Every problem, in the order found.
     *
     * @return problem lines
     */
    public List<String> problems() {
        return problems;
    }
}
