package io.orcagent.runtime.config;

import java.util.Objects;

/**
 * A secret string (a password) that never shows itself: {@link #toString()} prints {@code ****}, so a
 * record holding one can be logged safely.
 *
 * @param value the secret itself; read it only where it is needed
 */
public record Secret(String value) {

    /** The empty secret (an unset password). */
    public static final Secret EMPTY = new Secret("");

    /**
     * Validates.
     *
     * @param value the secret
     */
    public Secret {
        Objects.requireNonNull(value, "value is null");
    }

    /**
     * Whether the secret is the empty string.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "****";
    }
}
