package io.orcagent.plugins.seedsupport;

import io.orcagent.api.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Options the agent sets itself (connection, credentials, output location) and that an operator's
 * additional tool options therefore may not contain.
 *
 * <p>The Go agent dropped such options with an error log; this class refuses them when the plugin is
 * created, so a misconfiguration stops the start instead of being silently ignored. Each configured
 * element is split on whitespace ({@code "--threads 6"} becomes two arguments). A long option is
 * compared by its name (the text before {@code =}), with MySQL's {@code --loose-}/{@code --skip-}/
 * {@code --enable-}/{@code --disable-}/{@code --maximum-} prefixes removed, {@code _} read as
 * {@code -}, and abbreviations ({@code --pass=x}) caught as the tools would expand them.
 * A short option is compared by its first letter, so {@code -pSecret} and {@code -h host} are caught.
 * Error messages name the option, never its value (it may be a password).
 */
public final class ReservedOptions {

    /** Shortest abbreviation of a long option treated as that option ({@code --pa}, {@code --hos}). */
    private static final int MIN_ABBREVIATION = 2;
    private static final List<String> MYSQL_OPTION_PREFIXES =
            List.of("loose-", "skip-", "enable-", "disable-", "maximum-");

    private final Set<String> longNames;
    private final Set<Character> shortLetters;

    private ReservedOptions(Set<String> longNames, Set<Character> shortLetters) {
        this.longNames = Set.copyOf(longNames);
        this.shortLetters = Set.copyOf(shortLetters);
    }

    /**
     * Builds the list.
     *
     * @param options reserved options as written on a command line: {@code --host}, {@code -h}, …
     * @return the reserved list
     * @throws IllegalArgumentException when an entry is not a {@code --long} or {@code -x} option
     */
    public static ReservedOptions of(String... options) {
        Set<String> longNames = new LinkedHashSet<>();
        Set<Character> shortLetters = new LinkedHashSet<>();
        for (String option : options) {
            Objects.requireNonNull(option, "option is null");
            if (option.startsWith("--") && option.length() > 2) {
                longNames.add(normaliseLongName(option.substring(2)));
            } else if (option.length() == 2 && option.charAt(0) == '-' && option.charAt(1) != '-') {
                shortLetters.add(option.charAt(1));
            } else {
                throw new IllegalArgumentException("not an option: " + option);
            }
        }
        return new ReservedOptions(longNames, shortLetters);
    }

    /**
     * Turns configured option strings into arguments, refusing reserved options.
     *
     * @param configKey the config key the options came from, for the error
     * @param configured the configured elements
     * @return the arguments, in order
     * @throws ConfigException when an element holds a reserved option or a NUL character
     */
    public List<String> toArguments(String configKey, List<String> configured) throws ConfigException {
        Objects.requireNonNull(configKey, "configKey is null");
        List<String> arguments = new ArrayList<>();
        for (String element : Objects.requireNonNull(configured, "configured is null")) {
            if (element == null || element.indexOf('\0') >= 0) {
                throw new ConfigException(configKey, "contains an empty or NUL-containing option");
            }
            for (String token : element.strip().split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                String reserved = reservedOptionIn(token);
                if (reserved != null) {
                    throw new ConfigException(configKey, "option " + reserved
                            + " is set by the agent and may not be configured here");
                }
                arguments.add(token);
            }
        }
        return List.copyOf(arguments);
    }

    /**
     * Names the reserved option a token is, if any.
     *
     * @param token one argument
     * @return the option as the operator wrote it (without its value), or null when allowed
     */
    private String reservedOptionIn(String token) {
        if (token.startsWith("--")) {
            int equals = token.indexOf('=');
            String written = equals < 0 ? token : token.substring(0, equals);
            String name = stripMysqlPrefix(normaliseLongName(written.substring(2)));
            return isReservedLongName(name) ? written : null;
        }
        if (token.length() >= 2 && token.charAt(0) == '-') {
            return shortLetters.contains(token.charAt(1)) ? token.substring(0, 2) : null;
        }
        return null;
    }

    private boolean isReservedLongName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (String reserved : longNames) {
            if (reserved.equals(name) || (name.length() >= MIN_ABBREVIATION && reserved.startsWith(name))) {
                return true;
            }
        }
        return false;
    }

    private static String normaliseLongName(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String stripMysqlPrefix(String name) {
        String stripped = name;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String prefix : MYSQL_OPTION_PREFIXES) {
                if (stripped.startsWith(prefix)) {
                    stripped = stripped.substring(prefix.length());
                    changed = true;
                }
            }
        }
        return stripped;
    }
}
