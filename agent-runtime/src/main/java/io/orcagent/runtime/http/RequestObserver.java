package io.orcagent.runtime.http;

/**
 * Told about every request after it was answered (for metrics).
 */
@FunctionalInterface
public interface RequestObserver {

    /** Observes nothing. */
    RequestObserver NONE = (method, route, status, nanos) -> { };

    /**
     * Records one request.
     *
     * @param method HTTP method
     * @param route the matched route pattern, or {@code unmatched}
     * @param status the response status
     * @param nanos time spent
     */
    void observe(String method, String route, int status, long nanos);
}
