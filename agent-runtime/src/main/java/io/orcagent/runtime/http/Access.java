package io.orcagent.runtime.http;

/**
 * Who may call a route.
 */
public enum Access {
    /** Anyone who passed the server-wide guards (basic auth, client certificate). */
    PUBLIC,
    /** Callers presenting the agent token. */
    TOKEN
}
