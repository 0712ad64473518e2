package io.orcagent.runtime.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.http.HeaderNames;
import io.helidon.http.Http1HeadersParser;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

/**
 * HTTP/1.0 requests, which Helidon 4 does not serve at all (it closes the connection without an answer). Load
 * balancers' health checks use HTTP/1.0 (HAProxy's {@code option httpchk} sends {@code GET /path HTTP/1.0}
 * without a Host header), so the agent answers them through the same router, as Go's net/http does: status line
 * {@code HTTP/1.0}, a Content-Length, and the connection closed after the answer unless the request asked for
 * {@code Connection: keep-alive}.
 */
final class Http10Connection implements ServerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(Http10Connection.class);
    private static final int MAX_HEADERS_SIZE = 16 * 1024;

    private final ConnectionContext ctx;
    private final WireRouter router;
    private final ConnectionGuard guard;
    private final int maxRequestLine;
    private final long maxBody;
    private volatile boolean canRun = true;
    private volatile boolean readingHead;
    private volatile long lastAnswer = System.nanoTime();
    private volatile Thread thread;

    private Http10Connection(ConnectionContext ctx, WireRouter router, ConnectionGuard guard, int maxRequestLine,
                             long maxBody) {
        this.ctx = ctx;
        this.router = router;
        this.guard = guard;
        this.maxRequestLine = maxRequestLine;
        this.maxBody = maxBody;
    }

    @Override
    public void handle(Limit limit) {
        thread = Thread.currentThread();
        DataReader reader = ctx.dataReader();
        boolean keepAlive = true;
        while (canRun && keepAlive) {
            readingHead = true;
            String requestLine;
            WritableHeaders<?> headers;
            try {
                int eol = reader.findNewLine(maxRequestLine);
                if (eol >= maxRequestLine) {
                    answerAndClose(WireResponse.badRequest(), false, "request line too long");
                    return;
                }
                requestLine = reader.readAsciiString(eol);
                reader.skip(2);
                headers = Http1HeadersParser.readHeaders(reader, MAX_HEADERS_SIZE, true);
            } catch (DataReader.InsufficientDataAvailableException e) {
                return; // the client closed
            } catch (RuntimeException e) {
                answerAndClose(WireResponse.badRequest(), false, "malformed request head: " + e.getMessage());
                return;
            } finally {
                readingHead = false;
            }
            keepAlive = exchange(reader, requestLine, headers);
        }
    }

    // one request and its answer; true when the connection stays open for the next request
    private boolean exchange(DataReader reader, String requestLine, WritableHeaders<?> headers) {
        try {
            String[] parts = requestLine.split(" ", -1);
            if (parts.length != 3 || !parts[2].equals("HTTP/1.0") || !parts[1].startsWith("/")) {
                answerAndClose(WireResponse.badRequest(), false, "malformed request line");
                return false;
            }
            String method = parts[0];
            HttpPrologue prologue;
            try {
                prologue = HttpPrologue.create("HTTP/1.0", "HTTP", "1.0", Method.create(method), parts[1], true);
            } catch (RuntimeException e) {
                answerAndClose(WireResponse.badRequest(), false, "malformed request line: " + e.getMessage());
                return false;
            }
            List<String> contentLengths = headers.all(HeaderNames.CONTENT_LENGTH, List::of);
            Optional<String> badFraming = MessageFraming.problem(contentLengths,
                    headers.all(HeaderNames.TRANSFER_ENCODING, List::of), true);
            if (badFraming.isPresent()) {
                answerAndClose(WireResponse.badRequest(), method.equals("HEAD"), badFraming.get());
                return false;
            }
            long length = MessageFraming.contentLength(contentLengths);
            if (length > maxBody) {
                answerAndClose(new WireResponse(413, WireResponse.PLAIN,
                        "413 Request Entity Too Large".getBytes(StandardCharsets.US_ASCII), Map.of()), false,
                        "body of " + length + " bytes");
                return false;
            }
            byte[] body = length == 0 ? new byte[0] : reader.readBytes((int) length);
            if (!method.equals("POST") && !method.equals("PUT")) {
                body = new byte[0];
            }
            guard.requestStarted(ctx.remotePeer().address(), ctx.localPeer().address());
            boolean keepAlive = canRun && connectionTokens(headers).contains("keep-alive");
            WireResponse response = router.handle(AgentHttpServer.wireRequest(method, prologue.uriPath().path(),
                    prologue.query(), headers, ctx.remotePeer(), body));
            write(response, method.equals("HEAD"), keepAlive);
            return keepAlive;
        } finally {
            lastAnswer = System.nanoTime();
            guard.requestFinished(ctx.remotePeer().address(), ctx.localPeer().address());
        }
    }

    private void answerAndClose(WireResponse response, boolean head, String why) {
        LOG.info("refused an HTTP/1.0 request from {}: {}", ctx.remotePeer().address(), why);
        try {
            write(response, head, false);
        } catch (RuntimeException e) {
            LOG.debug("could not answer {}: {}", ctx.remotePeer().address(), e.getMessage());
        }
    }

    private void write(WireResponse response, boolean head, boolean keepAlive) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + response.body().length);
        Status status = Status.create(response.status());
        StringBuilder h = new StringBuilder(256)
                .append("HTTP/1.0 ").append(status.code()).append(' ').append(status.reasonPhrase()).append("\r\n")
                .append("Date: ").append(HttpDate.now()).append("\r\n")
                .append("Content-Type: ").append(response.contentType()).append("\r\n");
        response.headers().forEach((name, value) -> h.append(name).append(": ").append(value).append("\r\n"));
        h.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n")
                .append("Content-Length: ").append(response.body().length).append("\r\n\r\n");
        out.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            out.writeBytes(response.body());
        }
        ctx.dataWriter().writeNow(BufferData.create(out.toByteArray()));
    }

    private static Set<String> connectionTokens(WritableHeaders<?> headers) {
        return Set.copyOf(headers.all(HeaderNames.CONNECTION, List::of).stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .map(token -> token.strip().toLowerCase(Locale.ROOT))
                .toList());
    }

    @Override
    public java.time.Duration idleTime() {
        return readingHead ? java.time.Duration.ofNanos(System.nanoTime() - lastAnswer) : java.time.Duration.ZERO;
    }

    @Override
    public void close(boolean interrupt) {
        canRun = false;
        Thread t = thread;
        if (t != null && (interrupt || readingHead)) {
            t.interrupt();
        }
    }

    /**
     * Picks the connections whose first request line ends in {@code HTTP/1.0}; everything else goes to
     * Helidon's HTTP/1.1 connection.
     */
    static final class Selector implements ServerConnectionSelector {
        private final WireRouter router;
        private final ConnectionGuard guard;
        private final int maxRequestLine;
        private final long maxBody;

        Selector(WireRouter router, ConnectionGuard guard, int maxRequestLine, long maxBody) {
            this.router = router;
            this.guard = guard;
            this.maxRequestLine = maxRequestLine;
            this.maxBody = maxBody;
        }

        @Override
        public int bytesToIdentifyConnection() {
            return 0;
        }

        @Override
        public Support supports(BufferData request) {
            int lf = request.indexOf((byte) '\n');
            if (lf == -1) {
                return request.available() > maxRequestLine ? Support.UNSUPPORTED : Support.UNKNOWN;
            }
            return request.readString(lf).endsWith(" HTTP/1.0\r") ? Support.SUPPORTED : Support.UNSUPPORTED;
        }

        @Override
        public Set<String> supportedApplicationProtocols() {
            return Set.of();
        }

        @Override
        public ServerConnection connection(ConnectionContext ctx) {
            return new Http10Connection(ctx, router, guard, maxRequestLine, maxBody);
        }
    }
}
