package io.orcagent.api;

import java.util.Objects;

/**
 * A plugin's config section is invalid. The runtime reports it with the config file name and stops
 * the start (or refuses a reload).
 */
public final class ConfigException extends Exception {

    private final String key;

    /**
     * Creates the exception.
     *
     * @param key the offending key within the plugin's section
     * @param message a plain sentence, e.g. "must be a list of strings"
     */
    public ConfigException(String key, String message) {
        super(message);
        this.key = Objects.requireNonNull(key, "key is null");
    }

    /**
     * The offending key.
     *
     * @return the key, relative to the plugin's section
     */
    public String key() {
        return key;
    }
}
