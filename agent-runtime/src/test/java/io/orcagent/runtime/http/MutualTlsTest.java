package io.orcagent.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.agent.AgentToken;
import io.orcagent.runtime.agent.Talkback;
import io.orcagent.runtime.http.api.StatusRoutes;
import io.orcagent.runtime.lab.LabCertificates;
import io.orcagent.runtime.tls.PemTls;

/**
 * HTTPS with mutual TLS and the OU check, with a CA and certificates made by openssl in the test.
 */
class MutualTlsTest {

    @TempDir
    static Path dir;

    private static AgentHttpServer server;
    private static LabCertificates certs;
    private static final AgentToken TOKEN = AgentToken.generate();

    @BeforeAll
    static void start() throws Exception {
        certs = new LabCertificates(dir);
        LabCertificates.Pair serverCert = certs.issue("server", "/CN=127.0.0.2", "127.0.0.2");
        SSLContext tls = PemTls.context(serverCert.certificate(), serverCert.key(), Optional.of(certs.ca()));
        WireRouter router = WireRouter.builder(new TokenGuard(TOKEN, ""))
                .guard(new ClientCertificateGuard(Set.of("dba"), "/api/status", false))
                .add(new StatusRoutes("/api/status", new Talkback(Clock.systemUTC(), Duration.ofMinutes(5))))
                .get("/api/echo/:v", Access.TOKEN, (req, p) -> WireResponse.json(p.get("v")))
                .build();
        server = AgentHttpServer.start(new AgentHttpServer.Settings("127.0.0.2", 0, Optional.of(tls), true), router);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private HttpTestClient client(LabCertificates.Pair clientCert) throws Exception {
        SSLContext context = clientCert == null
                ? PemTls.clientContext(Optional.of(certs.ca()), false)
                : PemTls.context(clientCert.certificate(), clientCert.key(), Optional.of(certs.ca()));
        return new HttpTestClient("https://127.0.0.2:" + server.port(),
                HttpClient.newBuilder().sslContext(context).build());
    }

    @Test
    void aClientCertificateWithAValidOuIsServed() throws Exception {
        HttpResponse<String> r = client(certs.issue("dba", "/CN=orchestrator/OU=dba", null))
                .get("/api/echo/hi?token=" + TOKEN.value());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("\"hi\"");
    }

    @Test
    void aCertificateWithAnotherOuIsRefused() throws Exception {
        HttpResponse<String> r = client(certs.issue("other", "/CN=intruder/OU=marketing", null))
                .get("/api/echo/hi?token=" + TOKEN.value());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("Invalid OU\n");
    }

    @Test
    void noClientCertificateIsRefusedExceptOnTheStatusPath() throws Exception {
        HttpTestClient anonymous = client(null);
        HttpResponse<String> refused = anonymous.get("/api/echo/hi?token=" + TOKEN.value());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo("No TLS\n");
        assertThat(anonymous.get("/api/status").statusCode()).isEqualTo(500);
    }

    @Test
    void mentioningTheStatusPathInTheQueryDoesNotBypassTheCheck() throws Exception {
        HttpResponse<String> r = client(null).get("/api/echo/hi?x=/api/status&token=" + TOKEN.value());
        assertThat(r.statusCode()).isEqualTo(401);
    }
}
