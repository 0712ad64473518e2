package io.orcagent.runtime.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small real HTTP client for tests.
 */
public final class HttpTestClient {

    private final HttpClient client;
    private final String base;

    /**
     * Creates a client for {@code http://host:port}.
     *
     * @param base the base URL
     */
    public HttpTestClient(String base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /**
     * Creates a client with a prepared JDK client (TLS).
     *
     * @param base the base URL
     * @param client the JDK client
     */
    public HttpTestClient(String base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    /**
     * GETs a path.
     *
     * @param pathAndQuery path with query
     * @return the response
     */
    public HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    /**
     * Sends a request.
     *
     * @param request a prepared builder (URI set)
     * @return the response
     */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Builds a request for a path.
     *
     * @param pathAndQuery path with query
     * @return the builder
     */
    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery));
    }
}
