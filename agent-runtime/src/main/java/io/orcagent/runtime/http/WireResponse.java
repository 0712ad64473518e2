package io.orcagent.runtime.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import io.orcagent.runtime.wire.GoJson;

/**
 * A response in the exact form the Go agents send.
 *
 * @param status HTTP status
 * @param contentType the Content-Type header
 * @param body the body bytes
 * @param headers extra headers
 */
public record WireResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    /** Go's {@code r.JSON} content type. */
    public static final String JSON = "application/json; charset=UTF-8";
    /** Go's {@code r.Text} content type. */
    public static final String TEXT = "text/plain; charset=UTF-8";
    /** Go's {@code http.Error}/NotFound content type. */
    public static final String PLAIN = "text/plain; charset=utf-8";

    /**
     * Validates.
     *
     * @param status status
     * @param contentType content type
     * @param body body
     * @param headers headers
     */
    public WireResponse {
        Objects.requireNonNull(contentType, "contentType is null");
        Objects.requireNonNull(body, "body is null");
        headers = Map.copyOf(headers);
    }

    /**
     * A 200 JSON response.
     *
     * @param value serialised with {@link GoJson}
     * @return the response
     */
    public static WireResponse json(Object value) {
        return json(200, value);
    }

    /**
     * A JSON response.
     *
     * @param status status
     * @param value serialised with {@link GoJson}
     * @return the response
     */
    public static WireResponse json(int status, Object value) {
        return new WireResponse(status, JSON, GoJson.bytes(value), Map.of());
    }

    /**
     * A text response ({@code r.Text}).
     *
     * @param status status
     * @param text body
     * @return the response
     */
    public static WireResponse text(int status, String text) {
        return new WireResponse(status, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * The error envelope, HTTP 500.
     *
     * @param message the message
     * @return the response
     */
    public static WireResponse error(String message) {
        return json(500, ErrorEnvelope.error(message));
    }

    /**
     * Go's 404 for unknown paths and wrong methods.
     *
     * @return the response
     */
    public static WireResponse notFound() {
        return new WireResponse(404, PLAIN, "404 page not found\n".getBytes(StandardCharsets.US_ASCII), Map.of());
    }

    /**
     * Go's answer to a request it cannot parse: 400, plain text; the connection is closed after it.
     *
     * @return the response
     */
    public static WireResponse badRequest() {
        return new WireResponse(400, PLAIN, "400 Bad Request".getBytes(StandardCharsets.US_ASCII), Map.of());
    }

    /**
     * The body as text (for tests and logs).
     *
     * @return the body
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
