package io.orcagent.runtime.http;

import java.util.Map;

/**
 * Handles one matched route.
 */
@FunctionalInterface
public interface RouteHandler {

    /**
     * Handles the request.
     *
     * @param request the request
     * @param params path parameters by name (without the colon)
     * @return the response
     * @throws Exception any failure; {@link AgentHttpException} messages go to the caller verbatim
     */
    WireResponse handle(WireRequest request, Map<String, String> params) throws Exception;
}
