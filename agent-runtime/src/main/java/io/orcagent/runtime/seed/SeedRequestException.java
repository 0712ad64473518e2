package io.orcagent.runtime.seed;

/**
 * A seed request the engine refuses; the message goes to the caller in the error envelope.
 */
public final class SeedRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the message
     */
    public SeedRequestException(String message) {
        super(message);
    }
}
