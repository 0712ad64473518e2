package io.orcagent.api;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A plugin's own config section: the TOML table named after the plugin id (e.g. {@code [mysqldump]}).
 * The key {@code enabled} is the runtime's and is not visible here.
 *
 * <p>Each accessor records the key as known; keys that no accessor asked for by the end of
 * {@code create} are reported as unknown keys and stop the start. Wrong types throw
 * {@link ConfigException}.
 */
public interface PluginConfig {

    /**
     * The section name as written in the file.
     *
     * @return the section name
     */
    String section();

    /**
     * Keys present in the file's section.
     *
     * @return present keys
     */
    Set<String> keys();

    /**
     * A string value.
     *
     * @param key key
     * @param defaultValue value when absent
     * @return the value
     * @throws ConfigException when present but not a string
     */
    String string(String key, String defaultValue) throws ConfigException;

    /**
     * A boolean value.
     *
     * @param key key
     * @param defaultValue value when absent
     * @return the value
     * @throws ConfigException when present but not a boolean
     */
    boolean bool(String key, boolean defaultValue) throws ConfigException;

    /**
     * An integer value.
     *
     * @param key key
     * @param defaultValue value when absent
     * @return the value
     * @throws ConfigException when present but not an integer
     */
    long integer(String key, long defaultValue) throws ConfigException;

    /**
     * A duration, in the one grammar every key of the agent's config file uses: a Go duration string
     * ({@code "1.5h"}, {@code "90s"}, {@code "1h30m"}, {@code "250ms"}, {@code "0"}; units {@code ns},
     * {@code us}, {@code ms}, {@code s}, {@code m}, {@code h}, decimal fractions allowed), a string of
     * digits read as seconds, or an integer read as seconds. Negative durations are refused; a key
     * that must not be zero checks that itself.
     *
     * <p>Added in agent-api 1.1.0. The runtime's config view implements it; this default, for other
     * implementations (test doubles), throws {@link UnsupportedOperationException}.
     *
     * @param key key
     * @param defaultValue value when absent
     * @return the value, never negative
     * @throws ConfigException when present but not a duration, or negative
     * @since 1.1.0
     */
    default Duration duration(String key, Duration defaultValue) throws ConfigException {
        throw new UnsupportedOperationException("this PluginConfig reads no durations");
    }

    /**
     * A list of strings.
     *
     * @param key key
     * @param defaultValue value when absent (an array in the file replaces it)
     * @return an immutable list
     * @throws ConfigException when present but not an array of strings
     */
    List<String> strings(String key, List<String> defaultValue) throws ConfigException;

    /**
     * Marks keys as known without reading them (for keys kept for compatibility and ignored).
     *
     * @param keys keys to accept
     */
    void accept(String... keys);
}
