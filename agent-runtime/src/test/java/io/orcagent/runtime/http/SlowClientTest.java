package io.orcagent.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.agent.AgentToken;
import io.orcagent.runtime.agent.Talkback;
import io.orcagent.runtime.http.api.StatusRoutes;
import io.orcagent.runtime.lab.LabCertificates;
import io.orcagent.runtime.tls.PemTls;

/**
 * Clients that hold connections without sending a request: they are closed once the request head deadline or
 * the idle timeout passes, plain and with mutual TLS; a request that takes long to answer is not.
 */
class SlowClientTest {

    private static final ConnectionLimits LIMITS = new ConnectionLimits(64, Duration.ofSeconds(1), Duration.ofSeconds(2));
    /** Far longer than any deadline above: only a server that never closes reaches it. */
    private static final int NEVER_MILLIS = 15_000;

    @TempDir
    Path dir;

    private AgentHttpServer server;

    private WireRouter router() {
        return WireRouter.builder(new TokenGuard(AgentToken.generate(), ""))
                .add(new StatusRoutes("/api/status", new Talkback(Clock.systemUTC(), Duration.ofMinutes(5))))
                .post("/api/post", Access.PUBLIC, (req, p) -> WireResponse.json(req.body().length))
                .get("/api/slow", Access.PUBLIC, (req, p) -> {
                    Thread.sleep(LIMITS.requestHeadTimeout().plus(LIMITS.idleTimeout()).toMillis());
                    return WireResponse.json("done");
                })
                .build();
    }

    private int startPlain() {
        server = AgentHttpServer.start(new AgentHttpServer.Settings("127.0.0.1", 0, Optional.empty(), false, LIMITS),
                router());
        return server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        try (RawHttp idle = RawHttp.connect(startPlain())) {
            assertThat(idle.closedWithin(NEVER_MILLIS)).isTrue();
        }
    }

    @Test
    void aRequestHeadTrickledInIsCutOff() throws Exception {
        assertCutOffWhileTrickling(startPlain(), "GET /api/status HTTP/1.1\r\nHost: a\r\n", "X-Slow: a\r\n");
    }

    @Test
    void aRequestBodyTrickledInIsCutOff() throws Exception {
        assertCutOffWhileTrickling(startPlain(), "POST /api/post HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n",
                "0123456789");
    }

    private static void assertCutOffWhileTrickling(int port, String start, String trickle) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(start.getBytes(StandardCharsets.US_ASCII));
            CountDownLatch closed = new CountDownLatch(1);
            Thread.ofVirtual().start(() -> {
                try {
                    socket.getInputStream().readAllBytes(); // an error answer may come first
                } catch (IOException e) {
                    // reset: closed too
                }
                closed.countDown();
            });
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(NEVER_MILLIS);
            while (closed.getCount() > 0 && System.nanoTime() < deadline) {
                try {
                    out.write(trickle.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    break; // the server closed
                }
                closed.await(200, TimeUnit.MILLISECONDS);
            }
            assertThat(closed.await(1, TimeUnit.SECONDS)).as("closed while the request was still trickling in").isTrue();
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (RawHttp c = RawHttp.connect(startPlain())) {
            assertThat(c.send("GET /api/status HTTP/1.1\r\nHost: a\r\n\r\n").read(false).body()).isEqualTo("\"BAD\"");
            assertThat(c.closedWithin(NEVER_MILLIS)).isTrue();
        }
    }

    @Test
    void aSlowAnswerIsNotCutOff() throws Exception {
        try (RawHttp c = RawHttp.connect(startPlain())) {
            RawHttp.Response r = c.send("GET /api/slow HTTP/1.1\r\nHost: a\r\n\r\n").read(false);
            assertThat(r.body()).isEqualTo("\"done\"");
        }
    }

    @Test
    void withMutualTlsAConnectionThatNeverStartsTheHandshakeIsClosed() throws Exception {
        LabCertificates certs = new LabCertificates(dir);
        LabCertificates.Pair serverCert = certs.issue("server", "/CN=127.0.0.1", "127.0.0.1");
        SSLContext tls = PemTls.context(serverCert.certificate(), serverCert.key(), Optional.of(certs.ca()));
        server = AgentHttpServer.start(new AgentHttpServer.Settings("127.0.0.1", 0, Optional.of(tls), true, LIMITS),
                router());
        try (RawHttp idle = RawHttp.connect(server.port())) {
            assertThat(idle.closedWithin(NEVER_MILLIS)).isTrue();
        }
    }
}
