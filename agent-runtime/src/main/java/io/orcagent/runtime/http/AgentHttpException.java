package io.orcagent.runtime.http;

/**
 * A failure whose message is meant for the caller: the router answers it with the 500 envelope and
 * this exact message. Messages must never contain secrets.
 */
public final class AgentHttpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the message for the envelope
     */
    public AgentHttpException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause (logged, not sent).
     *
     * @param message the message for the envelope
     * @param cause the cause
     */
    public AgentHttpException(String message, Throwable cause) {
        super(message, cause);
    }
}
