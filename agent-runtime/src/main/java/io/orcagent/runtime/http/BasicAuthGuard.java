package io.orcagent.runtime.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP Basic authentication on every route ({@code http-auth-user}), answered as martini's auth
 * handler does: 401, {@code WWW-Authenticate: Basic realm="Authorization Required"}, body
 * {@code Not Authorized\n}. Note: neither orchestrator sends credentials, so this is for other callers.
 */
public final class BasicAuthGuard implements RequestGuard {

    private static final WireResponse REFUSED = new WireResponse(401, WireResponse.PLAIN,
            "Not Authorized\n".getBytes(StandardCharsets.US_ASCII),
            Map.of("WWW-Authenticate", "Basic realm=\"Authorization Required\""));

    private final byte[] expected;

    /**
     * Creates the guard.
     *
     * @param user the user
     * @param password the password
     */
    public BasicAuthGuard(String user, String password) {
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(password, "password is null");
        this.expected = ("Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<WireResponse> check(WireRequest request) {
        byte[] presented = request.header().apply("Authorization").orElse("").getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, expected) ? Optional.empty() : Optional.of(REFUSED);
    }
}
