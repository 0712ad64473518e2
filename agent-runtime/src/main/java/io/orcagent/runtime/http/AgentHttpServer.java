package io.orcagent.runtime.http;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;

/**
 * The Helidon SE web server carrying the agent API. All routing is done by {@link WireRouter} so the Go
 * agents' routing rules hold exactly; Helidon supplies HTTP, TLS and virtual threads.
 */
public final class AgentHttpServer implements AutoCloseable {

    /** Go agent TLS: minimum TLS 1.2. */
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final long MAX_BODY = 64L * 1024 * 1024;
    private static final int MAX_REQUEST_LINE = 256 * 1024;

    private final WebServer server;

    private AgentHttpServer(WebServer server) {
        this.server = server;
    }

    /**
     * Server settings.
     *
     * @param bindAddress address to listen on ({@code 0.0.0.0} for all)
     * @param port port (0 picks a free one)
     * @param tls the server's TLS context, when serving HTTPS
     * @param requestClientCertificates whether to ask clients for certificates (mutual TLS)
     */
    public record Settings(String bindAddress, int port, Optional<SSLContext> tls, boolean requestClientCertificates) {

        /**
         * Validates.
         *
         * @param bindAddress address
         * @param port port
         * @param tls TLS
         * @param requestClientCertificates mutual TLS
         */
        public Settings {
            Objects.requireNonNull(bindAddress, "bindAddress is null");
            Objects.requireNonNull(tls, "tls is null");
        }
    }

    /**
     * Starts a server.
     *
     * @param settings where and how to listen
     * @param router the router
     * @return the running server
     */
    public static AgentHttpServer start(Settings settings, WireRouter router) {
        WebServerConfig.Builder builder = WebServer.builder()
                .featuresDiscoverServices(false)
                .shutdownHook(false)
                .host(settings.bindAddress())
                .port(settings.port())
                .maxPayloadSize(MAX_BODY)
                // Go accepts request lines up to 1 MiB; refuse only absurd ones before routing
                .addProtocol(Http1Config.builder().maxPrologueLength(MAX_REQUEST_LINE).build())
                .routing(routing -> routing.any((req, res) -> respond(router, req, res)));
        settings.tls().ifPresent(context -> builder.tls(Tls.builder()
                .sslContext(context)
                .enabledProtocols(PROTOCOLS)
                .clientAuth(settings.requestClientCertificates() ? TlsClientAuth.OPTIONAL : TlsClientAuth.NONE)
                .build()));
        return new AgentHttpServer(builder.build().start());
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static void respond(WireRouter router, ServerRequest req, ServerResponse res) {
        String method = req.prologue().method().text();
        byte[] body = (method.equals("POST") || method.equals("PUT")) && req.content().hasEntity()
                ? req.content().as(byte[].class)
                : new byte[0];
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String name : req.query().names()) {
            query.put(name, req.query().all(name));
        }
        WireRequest request = new WireRequest(method, req.path().path(), query,
                name -> req.headers().first(HeaderNames.create(name)), certificates(req), body);
        WireResponse response = router.handle(request);
        res.status(response.status());
        res.header(HeaderNames.CONTENT_TYPE, response.contentType());
        response.headers().forEach(res::header);
        res.send(response.body());
    }

    private static List<X509Certificate> certificates(ServerRequest req) {
        Optional<Certificate[]> chain = req.remotePeer().tlsCertificates();
        List<X509Certificate> out = new ArrayList<>();
        chain.ifPresent(certs -> {
            for (Certificate cert : certs) {
                if (cert instanceof X509Certificate x509) {
                    out.add(x509);
                }
            }
        });
        return out;
    }
}
