package io.orcagent.runtime.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.api.Command;
import io.orcagent.api.TransferService.Receiver;
import io.orcagent.api.TransferService.TransferResult;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;

/**
 * A consumer that exits before the source's end marker arrives ({@code tar -x} stops at the end-of-archive
 * blocks). The producer holds its stdout open until a gate file exists, so the end marker is sent only after
 * the receiver has provably seen the consumer exit: the race of issue 10 happens on every run.
 */
class ConsumerExitRaceTest {

    private static final String TARGET = "127.0.0.3";
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Waits for the gate, then ends (or goes on writing what follows {@code "$2"}). */
    private static final String GATE = "while [ ! -e \"$1\" ]; do sleep 0.02; done";

    @TempDir
    Path dir;

    private final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor(), Duration.ofSeconds(2));
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private Path gate;
    private AgentTransferService target;
    private AgentTransferService source;

    @BeforeEach
    void openAgents() {
        gate = dir.resolve("gate");
        int port = Loopback.freePort(TARGET);
        target = new AgentTransferService(new TransferSettings(TARGET, port, Optional.empty(), 0, Duration.ofSeconds(10)),
                runner);
        source = new AgentTransferService(new TransferSettings("127.0.0.2", port, Optional.empty(), 0,
                Duration.ofSeconds(10)), runner);
    }

    @AfterEach
    void closeAgents() throws IOException {
        openGate(); // a failed test must not leave a producer waiting
        target.close();
        source.close();
        background.shutdownNow();
        runner.shutdown();
    }

    @Test
    void tarEndingAtItsEndOfArchiveBeforeTheEndMarkerIsASuccess() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Loopback.randomFile(src, "ibdata1", 3 * 1024 * 1024 + 7);
        Loopback.randomFile(src, "small", 5000);
        Path out = Files.createDirectories(dir.resolve("out"));
        StreamReceiver receiver = (StreamReceiver) target.receive(TestStage.prepare(7, runner),
                Command.of("tar", "-x", "-f", "-", "-C", out.toString()));
        Command producer = Command.of("sh", "-c", "tar -c -f - -C \"$2\" . && " + GATE, "producer",
                gate.toString(), src.toString());

        Future<TransferResult> sending = background.submit(() -> source.send(TestStage.backup(7, runner), TARGET,
                producer));
        receiver.consumerJudged().get(WAIT.toSeconds(), TimeUnit.SECONDS); // tar exited 0: the stream has not ended
        openGate();

        TransferResult sent = sending.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(receiver.await(WAIT)).isEqualTo(sent);
        assertThat(Loopback.sha256(out.resolve("ibdata1"))).isEqualTo(Loopback.sha256(src.resolve("ibdata1")));
        assertThat(Loopback.sha256(out.resolve("small"))).isEqualTo(Loopback.sha256(src.resolve("small")));
    }

    @Test
    void aConsumerThatExitedWithZeroFailsWhenMorePayloadFollows() throws Exception {
        Path data = Loopback.randomFile(dir, "data", 1500);
        StreamReceiver receiver = (StreamReceiver) target.receive(TestStage.prepare(7, runner),
                Command.of("sh", "-c", "head -c 1000 > /dev/null"));
        Command producer = Command.of("sh", "-c", "head -c 1000 \"$2\"; " + GATE + "; tail -c 500 \"$2\"",
                "producer", gate.toString(), data.toString());

        Future<TransferResult> sending = background.submit(() -> source.send(TestStage.backup(7, runner), TARGET,
                producer));
        receiver.consumerJudged().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        openGate();

        String expected = "the consumer sh ended before the end of the stream, after 1000 bytes (it exited with 0), but 500"
                + " more payload bytes followed";
        assertThat(failureOf(sending)).isInstanceOf(IOException.class).hasMessageEndingWith(expected);
        assertThatThrownBy(() -> receiver.await(WAIT)).isInstanceOf(IOException.class).hasMessage(expected);
        assertThat(receiver.bytesReceived()).isEqualTo(1500);
    }

    @Test
    void aConsumerThatFailsBeforeTheEndMarkerFailsTheTransferAtOnce() throws Exception {
        Path data = Loopback.randomFile(dir, "data", 1000);
        StreamReceiver receiver = (StreamReceiver) target.receive(TestStage.prepare(7, runner),
                Command.of("sh", "-c", "head -c 1000 > /dev/null; echo 'no space left' >&2; exit 3"));
        Command producer = Command.of("sh", "-c", "cat \"$2\"; " + GATE, "producer", gate.toString(), data.toString());

        Future<TransferResult> sending = background.submit(() -> source.send(TestStage.backup(7, runner), TARGET,
                producer));
        receiver.consumerJudged().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        // judged before the end marker was even sent
        String expected = "the consumer sh ended before the end of the stream, after 1000 bytes: it exited with 3:"
                + " no space left";
        assertThatThrownBy(() -> receiver.await(Duration.ofMillis(1))).isInstanceOf(IOException.class)
                .hasMessage(expected);
        openGate();
        assertThat(failureOf(sending)).isInstanceOf(IOException.class).hasMessageEndingWith(expected);
    }

    private void openGate() throws IOException {
        if (!Files.exists(gate)) {
            Files.createFile(gate);
        }
    }

    private static Throwable failureOf(Future<?> sending) throws InterruptedException {
        try {
            sending.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("the send should have failed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the send did not end within " + WAIT);
        }
    }
}
