package io.orcagent.runtime.orchestrator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

import io.orcagent.runtime.config.Secret;

/**
 * HTTP Basic credentials for orchestrator's main API ({@code api-user}, {@code api-password}). The
 * password shows as {@code ****} in {@link #toString()}.
 *
 * @param user the user
 * @param password the password
 */
public record ApiCredentials(String user, Secret password) {

    /**
     * Validates.
     *
     * @param user user
     * @param password password
     */
    public ApiCredentials {
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(password, "password is null");
        if (user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic auth user must be non-empty and contain no colon");
        }
    }

    /**
     * The {@code Authorization} header value.
     *
     * @return {@code Basic <base64(user:password)>}
     */
    String header() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password.value()).getBytes(StandardCharsets.UTF_8));
    }
}
