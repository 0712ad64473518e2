package io.orcagent.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.orcagent.runtime.agent.AgentToken;
import io.orcagent.runtime.agent.Talkback;
import io.orcagent.runtime.http.api.StatusRoutes;

class WireRouterHttpTest {

    private final AgentToken token = AgentToken.generate();
    private final Talkback talkback = new Talkback(Clock.systemUTC(), Duration.ofSeconds(300));
    private AgentHttpServer server;

    private HttpTestClient start(WireRouter.Builder builder) {
        server = AgentHttpServer.start(new AgentHttpServer.Settings("127.0.0.1", 0, Optional.empty(), false),
                builder.build());
        return new HttpTestClient("http://127.0.0.1:" + server.port());
    }

    private WireRouter.Builder routes(String tokenHeader) {
        return WireRouter.builder(new TokenGuard(token, tokenHeader))
                .add(new StatusRoutes("/api/status", talkback))
                .get("/api/echo/:value", Access.TOKEN, (req, p) -> WireResponse.json(p.get("value")))
                .get("/api/fail", Access.TOKEN, (req, p) -> {
                    throw new AgentHttpException("it broke <here>");
                });
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void unknownPathIsGoPlainText404() {
        HttpResponse<String> r = start(routes("")).get("/api/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("404 page not found\n");
        assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
    }

    @Test
    void wrongMethodIsAlso404() {
        HttpTestClient client = start(routes(""));
        HttpResponse<String> r = client.send(client.request("/api/status").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void trailingSlashIsOptionalAndPathParametersAreDecoded() {
        HttpTestClient client = start(routes(""));
        HttpResponse<String> r = client.get("/api/echo/a%20b/?token=" + token.value());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("\"a b\"");
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json; charset=UTF-8");
    }

    @Test
    void encodedSlashCannotSmuggleAnExtraSegment() {
        HttpResponse<String> r = start(routes("")).get("/api/echo/a%2Fb?token=" + token.value());
        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void headIsServedByGetRoutes() {
        HttpTestClient client = start(routes(""));
        HttpResponse<String> r = client.send(client.request("/api/status").method("HEAD",
                HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(500);
    }

    @Test
    void missingOrWrongTokenGetsTheInvalidTokenEnvelope() {
        HttpTestClient client = start(routes(""));
        for (String path : new String[] {"/api/echo/x", "/api/echo/x?token=abc", "/api/echo/x?token="}) {
            HttpResponse<String> r = client.get(path);
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).isEqualTo("{\"Code\":\"ERROR\",\"Message\":\"Invalid token\",\"Details\":null}");
        }
    }

    @Test
    void configuredHeaderCarriesTheTokenAndTheQueryStillWorks() {
        HttpTestClient client = start(routes("X-Agent-Token"));
        assertThat(client.send(client.request("/api/echo/x").header("X-Agent-Token", token.value())).statusCode())
                .isEqualTo(200);
        assertThat(client.get("/api/echo/x?token=" + token.value()).statusCode()).isEqualTo(200);
        assertThat(client.send(client.request("/api/echo/x").header("X-Agent-Token", "wrong")).statusCode())
                .isEqualTo(500);
    }

    @Test
    void handlerErrorsBecomeTheEnvelopeWithEscapedMessage() {
        HttpResponse<String> r = start(routes("")).get("/api/fail?token=" + token.value());
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"Code\":\"ERROR\",\"Message\":\"it broke \\u003chere\\u003e\",\"Details\":null}");
    }

    @Test
    void statusIsBadUntilOrchestratorAnsweredThenOk() {
        HttpTestClient client = start(routes(""));
        HttpResponse<String> bad = client.get("/api/status");
        assertThat(bad.statusCode()).isEqualTo(500);
        assertThat(bad.body()).isEqualTo("\"BAD\"");
        talkback.succeeded();
        HttpResponse<String> ok = client.get("/api/status");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("\"OK\"");
    }

    @Test
    void basicAuthGuardsEveryRouteIncludingUnknownOnes() {
        HttpTestClient client = start(routes("").guard(new BasicAuthGuard("dba", "s3cret")));
        HttpResponse<String> refused = client.get("/api/status");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo("Not Authorized\n");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"Authorization Required\"");
        assertThat(client.get("/api/nope").statusCode()).isEqualTo(401);
        String good = "Basic " + Base64.getEncoder().encodeToString("dba:s3cret".getBytes());
        assertThat(client.send(client.request("/api/status").header("Authorization", good)).statusCode()).isEqualTo(500);
        String bad = "Basic " + Base64.getEncoder().encodeToString("dba:wrong".getBytes());
        assertThat(client.send(client.request("/api/status").header("Authorization", bad)).statusCode()).isEqualTo(401);
    }
}
