package io.orcagent.runtime.orchestrator;

import java.util.Objects;

/**
 * A call to orchestrator's main API failed. The message names the node and the call, never a
 * credential.
 */
public final class OrchestratorApiException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Kind {
        /**
         * No usable answer (refused connection, timeout, an HTTP error without orchestrator's envelope):
         * another node may do better.
         */
        UNREACHABLE,
        /** orchestrator answered and said no (its ERROR envelope, or 401/403): another node would say the same. */
        REFUSED
    }

    private final Kind kind;

    /**
     * Creates the exception.
     *
     * @param kind why
     * @param message what failed, for logs
     */
    public OrchestratorApiException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind is null");
    }

    /**
     * Why the call failed.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }
}
