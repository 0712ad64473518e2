package io.orcagent.runtime.http;

import java.util.Optional;

/**
 * A check every request passes before routing (martini middleware).
 */
@FunctionalInterface
public interface RequestGuard {

    /**
     * Checks a request.
     *
     * @param request the request
     * @return a refusal response, or empty to let it through
     */
    Optional<WireResponse> check(WireRequest request);
}
