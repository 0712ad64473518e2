package io.orcagent.runtime.http;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An HTTP request as the router sees it, independent of the server library.
 *
 * @param method the HTTP method, upper case
 * @param path the URL-decoded path
 * @param query decoded query parameters (all values per name, in order)
 * @param header looks up a request header (case-insensitive); empty when absent
 * @param clientCertificates the verified client certificate chain, empty when none was presented
 * @param body the request body (only read for POST routes)
 */
public record WireRequest(String method, String path, Map<String, List<String>> query,
                          Function<String, Optional<String>> header, List<X509Certificate> clientCertificates,
                          byte[] body) {

    /**
     * Validates.
     *
     * @param method method
     * @param path path
     * @param query query
     * @param header header lookup
     * @param clientCertificates certificates
     * @param body body
     */
    public WireRequest {
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(path, "path is null");
        query = Map.copyOf(query);
        Objects.requireNonNull(header, "header is null");
        clientCertificates = List.copyOf(clientCertificates);
        Objects.requireNonNull(body, "body is null");
    }

    /**
     * The first value of a query parameter.
     *
     * @param name parameter name
     * @return the value, or empty
     */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
