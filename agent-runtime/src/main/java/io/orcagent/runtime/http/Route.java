package io.orcagent.runtime.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A martini-style route: {@code /api/backup/:seedID/:seedMethod}; a {@code :name} segment matches one
 * non-empty path segment.
 *
 * @param method {@code GET} or {@code POST} ({@code GET} also serves {@code HEAD})
 * @param pattern the path pattern
 * @param access who may call it
 * @param handler the handler
 */
public record Route(String method, String pattern, Access access, RouteHandler handler) {

    /**
     * Validates.
     *
     * @param method method
     * @param pattern pattern
     * @param access access
     * @param handler handler
     */
    public Route {
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(pattern, "pattern is null");
        Objects.requireNonNull(access, "access is null");
        Objects.requireNonNull(handler, "handler is null");
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("pattern must start with /: " + pattern);
        }
    }

    /**
     * Matches a decoded path whose optional trailing slash has been removed.
     *
     * @param pathSegments the request path split on {@code /} (without the leading empty segment)
     * @return the path parameters when it matches
     */
    Optional<Map<String, String>> match(List<String> pathSegments) {
        List<String> patternSegments = segments(pattern);
        if (patternSegments.size() != pathSegments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < patternSegments.size(); i++) {
            String expected = patternSegments.get(i);
            String actual = pathSegments.get(i);
            if (expected.startsWith(":")) {
                if (actual.isEmpty() || actual.indexOf('#') >= 0 || actual.indexOf('?') >= 0) {
                    return Optional.empty();
                }
                params.put(expected.substring(1), actual);
            } else if (!expected.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(Map.copyOf(params));
    }

    /**
     * The parameter names of a pattern, in order.
     *
     * @param pattern e.g. {@code /api/backup/:seedID/:seedMethod}
     * @return e.g. {@code [seedID, seedMethod]}
     */
    public static List<String> parameterNames(String pattern) {
        return segments(pattern).stream().filter(s -> s.startsWith(":")).map(s -> s.substring(1)).toList();
    }

    static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return List.of(trimmed.split("/", -1));
    }
}
