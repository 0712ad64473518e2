package io.orcagent.plugins.clone;

/**
 * A clone stage cannot go on: bad input refused before any SQL, a refused {@code CLONE INSTANCE}, a
 * failed clone reported by {@code performance_schema.clone_status}, or a server that did not come back.
 * The message is the stage's error text; it never contains the password.
 */
final class CloneException extends Exception {

    CloneException(String message) {
        super(message);
    }
}
