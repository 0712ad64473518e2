package io.orcagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.lab.LabOrchestrator;
import io.orcagent.runtime.lab.SeedLab;

/**
 * Hostile connections against an agent started from the distribution: a flood of idle connections, a
 * client that never sends a request, HEAD on a keep-alive connection, ambiguous message framing and the
 * HTTP/1.0 health check of a load balancer. The agent must keep serving, close what it must, and answer
 * in a way a client can frame.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileConnectionsEndToEndTest {

    private static final String ADDRESS = "127.0.0.95";
    private static final int CONNECTION_LIMIT = 32;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3}) ");
    private static final Pattern IMF_FIXDATE = Pattern.compile(
            "(?m)^Date: \\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT\r\n");

    @TempDir
    static Path dir;

    private LabOrchestrator orchestrator;
    private LabHost host;
    private int port;
    private String token;

    @BeforeAll
    void start() throws Exception {
        orchestrator = new LabOrchestrator();
        host = LabHost.start(dir.resolve("agent"), "hostile", ADDRESS, 95, Path.of(System.getProperty("dist.dir")),
                orchestrator.port(), String.join("\n", "http-max-connections = " + CONNECTION_LIMIT,
                        "http-request-head-timeout = \"2s\""), SeedLab.DEFAULT_PLUGIN_SECTIONS);
        port = Integer.parseInt(host.agent().endpoint().split(":")[1]);
        token = host.agent().token();
    }

    @AfterAll
    void stop() {
        if (host != null) {
            host.close();
        }
        if (orchestrator != null) {
            orchestrator.close();
        }
    }

    @Test
    void aFloodOfIdleConnectionsDoesNotTakeTheListenerDown() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 3 * CONNECTION_LIMIT; i++) {
                flood.add(connect());
            }
            awaitLog("HTTP connection limit reached", Duration.ofSeconds(60));
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
        assertThat(ProcessHandle.of(host.agent().pid()).map(ProcessHandle::isAlive)).contains(true);
        String answer = exchange("GET /api/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(statuses(answer)).containsExactly(200);
    }

    @Test
    void aConnectionThatSendsNoRequestIsClosed() throws Exception {
        try (Socket idle = connect()) {
            idle.setSoTimeout(30_000);
            Instant opened = Instant.now();
            assertThat(idle.getInputStream().read()).as("the agent closes it").isEqualTo(-1);
            assertThat(Duration.between(opened, Instant.now())).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void aHeadAnswerHasNoBodyAndTheNextAnswerOnTheConnectionParses() throws Exception {
        String answers = exchange("HEAD /api/get-agent-data?token=" + token + " HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /api/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(statuses(answers)).containsExactly(200, 200);
        String head = answers.substring(0, answers.indexOf("\r\n\r\n") + 4);
        assertThat(head).containsPattern("(?i)content-length: [1-9]");
        assertThat(answers.substring(head.length())).as("the next bytes are the GET's answer").startsWith("HTTP/1.1 200 ");
        assertThat(answers).containsPattern(IMF_FIXDATE);
    }

    @Test
    void ambiguousFramingIsAnsweredWith400AndTheConnectionIsClosed() throws Exception {
        String pipelined = "GET /api/status HTTP/1.1\r\nHost: x\r\n\r\n";
        for (String framing : List.of("Content-Length: 0\r\nContent-Length: 5\r\n",
                "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "Content-Length: -1\r\n")) {
            String answers = exchange("POST /api/status HTTP/1.1\r\nHost: x\r\n" + framing + "\r\n" + pipelined);
            assertThat(statuses(answers)).as(framing).containsExactly(400);
            assertThat(answers).as(framing).containsIgnoringCase("connection: close");
        }
    }

    @Test
    void anHttp10HealthCheckIsAnsweredAndClosed() throws Exception {
        String answer = exchange("GET /api/status HTTP/1.0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.0 200 ");
        assertThat(answer).containsPattern(IMF_FIXDATE);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(ADDRESS, port), 10_000);
        return socket;
    }

    /** Sends the bytes and reads until the agent closes the connection (which every case here must do). */
    private String exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream answers = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int n;
            try {
                while ((n = in.read(buffer)) >= 0) {
                    answers.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the agent did not close the connection; got: " + answers, e);
            }
            return answers.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The status codes of the answers, in order (no body here contains a status line). */
    private static List<Integer> statuses(String answers) {
        List<Integer> found = new ArrayList<>();
        Matcher m = STATUS_LINE.matcher(answers);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    private void awaitLog(String text, Duration limit) throws Exception {
        Path log = dir.resolve("agent/agent.log");
        Instant deadline = Instant.now().plus(limit);
        while (!(Files.exists(log) && Files.readString(log).contains(text))) {
            assertThat(Instant.now()).as("%s in the agent's log", text).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
