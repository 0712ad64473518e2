package io.orcagent.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orcagent.runtime.agent.AgentToken;
import io.orcagent.runtime.agent.Talkback;
import io.orcagent.runtime.http.api.StatusRoutes;

/**
 * HTTP/1.x message handling over real sockets, byte by byte: HEAD answers, message framing (RFC 9112
 * section 6), HTTP/1.0 clients and the Date header.
 */
class HttpProtocolTest {

    private static final String BODY = "\"" + "x".repeat(900) + "\"";

    private final AgentToken token = AgentToken.generate();
    private AgentHttpServer server;

    @BeforeEach
    void start() {
        WireRouter router = WireRouter.builder(new TokenGuard(token, ""))
                .add(new StatusRoutes("/api/status", new Talkback(Clock.systemUTC(), Duration.ofMinutes(5))))
                .get("/api/big", Access.PUBLIC, (req, p) -> WireResponse.json("x".repeat(900)))
                .post("/api/echo-body", Access.PUBLIC, (req, p) -> WireResponse.text(200, new String(req.body())))
                .build();
        server = AgentHttpServer.start(new AgentHttpServer.Settings("127.0.0.1", 0, Optional.empty(), false), router);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawHttp connect() throws Exception {
        return RawHttp.connect(server.port());
    }

    // item 8

    @Test
    void headAnswersCarryTheGetHeadersButNoBody() throws Exception {
        try (RawHttp c = connect()) {
            RawHttp.Response get = c.send("GET /api/big HTTP/1.1\r\nHost: a\r\n\r\n").read(false);
            assertThat(get.body()).isEqualTo(BODY);
            c.send("HEAD /api/big HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            RawHttp.Response head = c.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).contains(String.valueOf(BODY.length()));
            assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
            assertThat(c.readToEnd()).as("bytes after the HEAD answer's head").isEmpty();
        }
    }

    @Test
    void aKeepAliveClientStaysInStepAfterHead() throws Exception {
        try (RawHttp c = connect()) {
            c.send("HEAD /api/big HTTP/1.1\r\nHost: a\r\n\r\nGET /api/status HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.read(true).status()).isEqualTo(200);
            RawHttp.Response next = c.read(false);
            assertThat(next.status()).isEqualTo(500);
            assertThat(next.body()).isEqualTo("\"BAD\"");
        }
    }

    // item 9

    @Test
    void twoDifferentContentLengthsAre400AndTheConnectionCloses() throws Exception {
        try (RawHttp c = connect()) {
            c.send("POST /api/echo-body HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\n"
                    + "GET /api/status HTTP/1.1\r\nHost: a\r\n\r\n");
            assertBadRequestThenClosed(c);
        }
    }

    @Test
    void contentLengthWithTransferEncodingIs400AndTheConnectionCloses() throws Exception {
        try (RawHttp c = connect()) {
            c.send("POST /api/echo-body HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\n\r\nGET /api/status HTTP/1.1\r\nHost: a\r\n\r\n");
            assertBadRequestThenClosed(c);
        }
    }

    @Test
    void aNegativeContentLengthIs400AndTheConnectionCloses() throws Exception {
        try (RawHttp c = connect()) {
            c.send("GET /api/status HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n"
                    + "GET /api/status HTTP/1.1\r\nHost: a\r\n\r\n");
            assertBadRequestThenClosed(c);
        }
    }

    @Test
    void repeatedEqualContentLengthsAndPlainBodiesStillWork() throws Exception {
        try (RawHttp c = connect()) {
            RawHttp.Response r = c.send("POST /api/echo-body HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
                    + "Content-Length: 5\r\n\r\nhello").read(false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello");
            RawHttp.Response chunked = c.send("POST /api/echo-body HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n0\r\n\r\n").read(false);
            assertThat(chunked.body()).isEqualTo("abc");
        }
    }

    private static void assertBadRequestThenClosed(RawHttp c) throws Exception {
        RawHttp.Response r = c.read(false);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Connection")).contains("close");
        assertThat(c.readToEnd()).as("nothing may follow the 400, the pipelined request must not be answered")
                .isEmpty();
    }

    // item 10

    @Test
    void anHttp10RequestIsAnsweredAndTheConnectionClosed() throws Exception {
        try (RawHttp c = connect()) {
            RawHttp.Response r = c.send("GET /api/status HTTP/1.0\r\n\r\n").read(false);
            assertThat(r.statusLine()).isEqualTo("HTTP/1.0 500 Internal Server Error");
            assertThat(r.body()).isEqualTo("\"BAD\"");
            assertThat(r.header("Content-Type")).contains(WireResponse.JSON);
            assertThat(c.readToEnd()).isEmpty();
        }
    }

    @Test
    void anHttp10KeepAliveClientGetsSeveralAnswersOnOneConnection() throws Exception {
        try (RawHttp c = connect()) {
            RawHttp.Response first = c.send("GET /api/big HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read(false);
            assertThat(first.statusLine()).isEqualTo("HTTP/1.0 200 OK");
            assertThat(first.header("Connection")).contains("keep-alive");
            assertThat(first.body()).isEqualTo(BODY);
            RawHttp.Response head = c.send("HEAD /api/big HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read(true);
            assertThat(head.header("Content-Length")).contains(String.valueOf(BODY.length()));
            RawHttp.Response post = c.send("POST /api/echo-body HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi").read(false);
            assertThat(post.body()).isEqualTo("hi");
            assertThat(c.readToEnd()).isEmpty();
        }
    }

    @Test
    void anHttp10UnknownPathIsGo404() throws Exception {
        try (RawHttp c = connect()) {
            RawHttp.Response r = c.send("GET /nope HTTP/1.0\r\nHost: a\r\n\r\n").read(false);
            assertThat(r.statusLine()).isEqualTo("HTTP/1.0 404 Not Found");
            assertThat(r.body()).isEqualTo("404 page not found\n");
        }
    }

    // item 11

    @Test
    void theDateHeaderIsAnImfFixdate() throws Exception {
        for (String request : new String[] {"GET /api/status HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /nope HTTP/1.1\r\nHost: a\r\n\r\n", "GET /api/status HTTP/1.0\r\n\r\n"}) {
            try (RawHttp c = connect()) {
                RawHttp.Response r = c.send(request).read(false);
                assertThat(r.header("Date")).hasValueSatisfying(date -> assertThat(date)
                        .matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"));
            }
        }
    }
}
