package io.orcagent.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A flood of idle connections against the HTTP server in a child JVM limited to 300 file descriptors ({@code
 * ulimit -n 300}), 320 connections: more than the process can hold. Helidon's listener dies when {@code accept}
 * fails with "Too many open files"; with the connection limit it never gets there, and should it die anyway the
 * process exits non-zero so that systemd restarts it.
 */
class ListenerFdExhaustionTest {

    private static final int FD_LIMIT = 300;
    private static final int FLOOD = 320;

    private Process child;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final List<Socket> flood = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        closeFlood();
        if (child != null) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theListenerServesAgainAfterAFloodOfIdleConnections() throws Exception {
        int port = startChild(0, 60_000);
        assertThat(seen.getLast()).as("the default connection limit derived from the descriptor limit")
                .isEqualTo("LISTENING " + port + " " + ConnectionLimits.fromDescriptorLimit(FD_LIMIT));
        openFlood(port);
        // the server either stops accepting at its connection limit or its listener dies of EMFILE
        String outcome = awaitLine(line -> line.contains("HTTP connection limit reached") || line.contains("terminating now")
                || line.contains("Too many open files"), Duration.ofSeconds(60));
        closeFlood();
        assertThat(outcome).contains("HTTP connection limit reached");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("\"BAD\"");
        assertThat(child.isAlive()).isTrue();
    }

    @Test
    void whenTheListenerDiesAnywayTheProcessExitsNonZero() throws Exception {
        // a connection limit above the descriptor limit lets accept fail, as a leak elsewhere in the agent would
        int port = startChild(1000, 60_000);
        openFlood(port);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
        drain();
        assertThat(child.exitValue()).as("output: %s", seen).isEqualTo(4);
        assertThat(seen).anyMatch(line -> line.contains("LISTENER LOST") && line.contains("is gone"));
    }

    private int startChild(int maxConnections, int headTimeoutMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "ulimit -n " + FD_LIMIT + " && exec \"$0\" -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                + " -cp \"$1\" " + HttpListenerFixture.class.getName() + " " + maxConnections + " " + headTimeoutMillis;
        child = new ProcessBuilder("bash", "-c", command, java, System.getProperty("java.class.path"))
                .redirectErrorStream(true).start();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output ended: " + e + ")");
            }
        });
        String listening = awaitLine(line -> line.startsWith("LISTENING "), Duration.ofSeconds(60));
        return Integer.parseInt(listening.split(" ")[1]);
    }

    private void openFlood(int port) throws IOException {
        for (int i = 0; i < FLOOD; i++) {
            flood.add(new Socket("127.0.0.1", port));
        }
    }

    private void closeFlood() throws IOException {
        for (Socket socket : flood) {
            socket.close();
        }
        flood.clear();
    }

    private String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = output.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (line == null && !child.isAlive() && output.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no such line within " + timeout + "; output: " + String.join("\n", seen));
    }

    private void drain() throws InterruptedException {
        for (String line = output.poll(1, TimeUnit.SECONDS); line != null; line = output.poll(1, TimeUnit.SECONDS)) {
            seen.add(line);
        }
    }
}
