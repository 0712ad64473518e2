package io.orcagent.plugins.clone;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code SET GLOBAL <name> = ?} of the Prepare stage. MySQL cannot take the variable's name as a
 * placeholder, so the name is one of this plugin's constants (checked here); the value is always bound.
 *
 * @param name the clone variable, e.g. {@code clone_max_network_bandwidth}
 * @param value a {@link Long} or a {@link String} ({@code ON}/{@code OFF} for booleans)
 */
record SystemVariable(String name, Object value) {

    private static final Pattern CLONE_VARIABLE = Pattern.compile("clone_[a-z_]{1,40}");

    SystemVariable {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(value, "value is null");
        if (!CLONE_VARIABLE.matcher(name).matches()) {
            throw new IllegalArgumentException("not a clone variable name: " + name);
        }
        if (!(value instanceof Long) && !(value instanceof String)) {
            throw new IllegalArgumentException("a clone variable takes a Long or a String, not " + value.getClass());
        }
    }

    /**
     * The statement, with the value as a placeholder.
     *
     * @return e.g. {@code SET GLOBAL clone_buffer_size = ?}
     */
    String statement() {
        return "SET GLOBAL " + name + " = ?";
    }

    static SystemVariable of(String name, long value) {
        return new SystemVariable(name, value);
    }

    static SystemVariable of(String name, boolean value) {
        return new SystemVariable(name, value ? "ON" : "OFF");
    }

    static SystemVariable of(String name, String value) {
        return new SystemVariable(name, value);
    }
}
