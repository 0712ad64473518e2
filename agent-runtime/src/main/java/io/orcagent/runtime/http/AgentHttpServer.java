package io.orcagent.runtime.http;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.socket.PeerInfo;
import io.helidon.common.socket.SocketOptions;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;

/**
 * The Helidon SE web server carrying the agent API. All routing is done by {@link WireRouter} so the Go
 * agents' routing rules hold exactly; Helidon supplies HTTP, TLS and virtual threads.
 *
 * <p>Around Helidon: a connection limit below the file descriptor limit and deadlines for idle and slow
 * clients ({@link ConnectionGuard}), HTTP/1.0 ({@link Http10Connection}), refusal of ambiguous message framing
 * ({@link MessageFraming}), header-only HEAD answers, an IMF-fixdate {@code Date}, and a watch on the listener
 * ({@link ListenerWatch}): Helidon's listener thread ends for good when {@code accept} fails, so its loss is
 * reported through {@link #listenerLost()} for the agent to exit and be restarted.
 */
public final class AgentHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentHttpServer.class);
    /** Go agent TLS: minimum TLS 1.2. */
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final long MAX_BODY = 64L * 1024 * 1024;
    private static final int MAX_REQUEST_LINE = 256 * 1024;
    private static final Duration LISTENER_PROBE_INTERVAL = Duration.ofSeconds(2);

    private final WebServer server;
    private final ConnectionGuard guard;
    private final ListenerWatch watch;
    private final CompletableFuture<String> listenerLost = new CompletableFuture<>();

    private AgentHttpServer(WebServer server, ConnectionGuard guard, String bindAddress) {
        this.server = server;
        this.guard = guard;
        this.watch = new ListenerWatch(probeTarget(bindAddress, server.port()), LISTENER_PROBE_INTERVAL,
                listenerLost::complete);
    }

    /**
     * Server settings.
     *
     * @param bindAddress address to listen on ({@code 0.0.0.0} for all)
     * @param port port (0 picks a free one)
     * @param tls the server's TLS context, when serving HTTPS
     * @param requestClientCertificates whether to ask clients for certificates (mutual TLS)
     * @param limits connection limit and timeouts
     */
    public record Settings(String bindAddress, int port, Optional<SSLContext> tls, boolean requestClientCertificates,
                           ConnectionLimits limits) {

        /**
         * Validates.
         *
         * @param bindAddress address
         * @param port port
         * @param tls TLS
         * @param requestClientCertificates mutual TLS
         * @param limits limits
         */
        public Settings {
            Objects.requireNonNull(bindAddress, "bindAddress is null");
            Objects.requireNonNull(tls, "tls is null");
            Objects.requireNonNull(limits, "limits is null");
        }

        /**
         * Settings with the default limits ({@link ConnectionLimits#defaults()}).
         *
         * @param bindAddress address
         * @param port port
         * @param tls TLS
         * @param requestClientCertificates mutual TLS
         */
        public Settings(String bindAddress, int port, Optional<SSLContext> tls, boolean requestClientCertificates) {
            this(bindAddress, port, tls, requestClientCertificates, ConnectionLimits.defaults());
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
        ConnectionLimits limits = settings.limits();
        ConnectionGuard guard = new ConnectionGuard(limits);
        WebServerConfig.Builder builder = WebServer.builder()
                .featuresDiscoverServices(false)
                .shutdownHook(false)
                .host(settings.bindAddress())
                .port(settings.port())
                .maxPayloadSize(MAX_BODY)
                // Helidon acquires a permit before accept: at the limit, clients wait in the kernel's backlog
                // instead of exhausting file descriptors (accept failing with EMFILE ends Helidon's listener)
                .maxTcpConnections(limits.maxConnections())
                .idleConnectionTimeout(limits.idleTimeout())
                .idleConnectionPeriod(limits.idleTimeout().dividedBy(2))
                .connectionOptions(guard.socketOptions(SocketOptions.builder().build()))
                .connectionSelectors(List.of(new Http10Connection.Selector(router, guard, MAX_REQUEST_LINE, MAX_BODY)))
                // Go accepts request lines up to 1 MiB; refuse only absurd ones before routing
                .addProtocol(Http1Config.builder().maxPrologueLength(MAX_REQUEST_LINE).build())
                .routing(routing -> routing.any((req, res) -> respond(router, guard, req, res)));
        settings.tls().ifPresent(context -> builder.tls(Tls.builder()
                .sslContext(context)
                .enabledProtocols(PROTOCOLS)
                .clientAuth(settings.requestClientCertificates() ? TlsClientAuth.OPTIONAL : TlsClientAuth.NONE)
                .build()));
        try {
            return new AgentHttpServer(builder.build().start(), guard, settings.bindAddress());
        } catch (RuntimeException e) {
            guard.close();
            throw e;
        }
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * Completes, with the reason, when the listener no longer accepts connections (its port refuses them).
     * Helidon does not restart a listener, so the process should end and be restarted.
     *
     * @return the loss of the listener
     */
    public CompletionStage<String> listenerLost() {
        return listenerLost.minimalCompletionStage();
    }

    @Override
    public void close() {
        watch.close();
        server.stop();
        guard.close();
    }

    private static void respond(WireRouter router, ConnectionGuard guard, ServerRequest req, ServerResponse res) {
        SocketAddress remote = req.remotePeer().address();
        SocketAddress local = req.localPeer().address();
        try {
            String method = req.prologue().method().text();
            Optional<String> badFraming = MessageFraming.problem(req.headers().all(HeaderNames.CONTENT_LENGTH, List::of),
                    req.headers().all(HeaderNames.TRANSFER_ENCODING, List::of), false);
            if (badFraming.isPresent()) {
                LOG.info("refused a request from {}: {}", remote, badFraming.get());
                send(res, WireResponse.badRequest(), method.equals("HEAD"), true);
                // the body's end is unknown: nothing after it on this connection can be trusted
                throw new CloseConnectionException("ambiguous message framing: " + badFraming.get());
            }
            // the body is read while the request's deadline still runs: a trickled body is cut off too
            byte[] body = (method.equals("POST") || method.equals("PUT")) ? body(req) : new byte[0];
            guard.requestStarted(remote, local);
            WireResponse response = router.handle(wireRequest(method, req.path().path(), req.query(), req.headers(),
                    req.remotePeer(), body));
            send(res, response, method.equals("HEAD"), false);
            if (asksToClose(req.headers())) {
                // Helidon answers "Connection: close" but keeps reading; RFC 9112 section 9.6 says close
                throw new CloseConnectionException("the client asked to close the connection");
            }
        } finally {
            guard.requestFinished(remote, local);
        }
    }

    private static byte[] body(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try {
            return req.content().as(byte[].class);
        } catch (DataReader.InsufficientDataAvailableException | UncheckedIOException e) {
            // the client went away or the connection guard cut off a trickled body: no one to answer
            LOG.debug("request body from {} ended early: {}", req.remotePeer().address(), e.toString());
            throw new CloseConnectionException("request body ended early", e);
        }
    }

    // A HEAD answer is the GET answer's head: its Content-Length, no body (as Go's net/http sends it).
    private static void send(ServerResponse res, WireResponse response, boolean head, boolean close) {
        res.header(HeaderNames.DATE, HttpDate.now());
        res.status(response.status());
        res.header(HeaderNames.CONTENT_TYPE, response.contentType());
        response.headers().forEach(res::header);
        if (close) {
            res.header(HeaderValues.CONNECTION_CLOSE);
        }
        if (head) {
            res.header(HeaderNames.CONTENT_LENGTH, String.valueOf(response.body().length));
            res.send();
        } else {
            res.send(response.body());
        }
    }

    static boolean asksToClose(Headers headers) {
        for (String value : headers.all(HeaderNames.CONNECTION, List::of)) {
            for (String token : value.split(",")) {
                if (token.strip().equalsIgnoreCase("close")) {
                    return true;
                }
            }
        }
        return false;
    }

    static WireRequest wireRequest(String method, String path, UriQuery uriQuery, Headers headers, PeerInfo peer,
                                   byte[] body) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String name : uriQuery.names()) {
            query.put(name, uriQuery.all(name));
        }
        return new WireRequest(method, path, query, name -> headers.first(HeaderNames.create(name)),
                certificates(peer), body);
    }

    // where the listener can be reached from this host
    private static InetSocketAddress probeTarget(String bindAddress, int port) {
        InetSocketAddress bound = new InetSocketAddress(bindAddress, port);
        InetAddress address = bound.getAddress();
        if (address == null || address.isAnyLocalAddress()) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }
        return bound;
    }

    private static List<X509Certificate> certificates(PeerInfo peer) {
        Optional<Certificate[]> chain = peer.tlsCertificates();
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
