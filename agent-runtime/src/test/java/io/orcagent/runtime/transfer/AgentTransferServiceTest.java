package io.orcagent.runtime.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.api.Command;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.StageAbortedException;
import io.orcagent.api.TransferService.Receiver;
import io.orcagent.api.TransferService.TransferResult;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;

class AgentTransferServiceTest {

    private static final String TARGET = "127.0.0.3";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int SIZE = 8 * 1024 * 1024 + 13;

    @TempDir
    Path dir;

    private final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor(), Duration.ofSeconds(2));
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private int port;
    private AgentTransferService target;
    private AgentTransferService source;

    @BeforeEach
    void openAgents() {
        port = Loopback.freePort(TARGET);
        target = service(TARGET, 0, Duration.ofSeconds(10));
        source = service("127.0.0.2", 0, Duration.ofSeconds(10));
    }

    @AfterEach
    void closeAgents() {
        target.close();
        source.close();
        background.shutdownNow();
        runner.shutdown();
    }

    private AgentTransferService service(String bindAddress, long cap, Duration connectWindow) {
        return new AgentTransferService(new TransferSettings(bindAddress, port, Optional.empty(), cap, connectWindow),
                runner);
    }

    private static Command writeTo(Path out) {
        return Command.of("sh", "-c", "cat > \"$1\"", "consumer", out.toString());
    }

    private static Command cat(Path in) {
        return Command.of("cat", in.toString());
    }

    private Future<TransferResult> sendInBackground(TestStage stage, String host, Command producer) {
        return background.submit(() -> source.send(stage, host, producer));
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

    @Test
    void aPlainTransferLandsByteExact() throws Exception {
        Path data = Loopback.randomFile(dir, "data", SIZE);
        Path out = dir.resolve("out");
        Receiver receiver = target.receive(TestStage.prepare(7, runner), writeTo(out));

        TransferResult sent = source.send(TestStage.backup(7, runner), TARGET, cat(data));
        TransferResult received = receiver.await(WAIT);

        assertThat(Loopback.sha256(out)).isEqualTo(Loopback.sha256(data));
        assertThat(sent).isEqualTo(received);
        assertThat(sent.bytes()).isEqualTo(SIZE);
        assertThat(sent.checksum()).matches("crc32c:[0-9a-f]{8}");
        assertThat(receiver.bytesReceived()).isEqualTo(SIZE);
    }

    @Test
    void theSenderReportsEveryByteAsProgress() throws Exception {
        Path data = Loopback.randomFile(dir, "data", SIZE);
        target.receive(TestStage.prepare(7, runner), writeTo(dir.resolve("out")));
        TestStage backup = TestStage.backup(7, runner);

        source.send(backup, TARGET, cat(data));

        assertThat(backup.lastBytesReported()).isEqualTo(SIZE);
        assertThat(backup.lastTotalReported()).isEqualTo(SIZE);
    }

    @Test
    void aConnectionForAnotherSeedIsRefusedAndTheRightOneThenSucceeds() throws Exception {
        Path data = Loopback.randomFile(dir, "data", SIZE);
        Path out = dir.resolve("out");
        Receiver receiver = target.receive(TestStage.prepare(7, runner), writeTo(out));

        assertThatThrownBy(() -> source.send(TestStage.backup(8, runner), TARGET, cat(data)))
                .isInstanceOf(IOException.class)
                .hasMessage("the target " + TARGET + ":" + port
                        + " refused the transfer: this agent is waiting for seed 7, not seed 8");
        source.send(TestStage.backup(7, runner), TARGET, cat(data));

        assertThat(receiver.await(WAIT).bytes()).isEqualTo(SIZE);
        assertThat(Loopback.sha256(out)).isEqualTo(Loopback.sha256(data));
    }

    @Test
    void theSenderWaitsForTheTargetsListenerToOpen() throws Exception {
        Path data = Loopback.randomFile(dir, "data", SIZE);
        Path out = dir.resolve("out");
        TestStage backup = TestStage.backup(7, runner);
        Future<TransferResult> sending = sendInBackground(backup, TARGET, cat(data));
        Loopback.eventually(WAIT, () -> backup.cancelChecks() >= 3, "a refused connect attempt and a retry");

        Receiver receiver = target.receive(TestStage.prepare(7, runner), writeTo(out));

        assertThat(sending.get(WAIT.toSeconds(), TimeUnit.SECONDS).bytes()).isEqualTo(SIZE);
        assertThat(receiver.await(WAIT).bytes()).isEqualTo(SIZE);
        assertThat(Loopback.sha256(out)).isEqualTo(Loopback.sha256(data));
    }

    @Test
    void aTargetWithoutAReceiverFailsTheSendAfterTheConnectWindowWithoutStartingTheProducer() throws Exception {
        AgentTransferService impatient = service("127.0.0.2", 0, Duration.ofMillis(600));
        Path marker = dir.resolve("producer-ran");
        TestStage backup = TestStage.backup(9, runner);

        assertThatThrownBy(() -> impatient.send(backup, TARGET, Command.of("touch", marker.toString())))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot connect to the transfer listener of " + TARGET + ":" + port + " within 0.6s: ")
                .hasMessageEndingWith("(is the target's receiver open for seed 9?)");
        assertThat(marker).doesNotExist();
    }

    @Test
    void abortingWhileWaitingForTheTargetsListenerStopsPromptlyWithoutStartingTheProducer() throws Exception {
        Path marker = dir.resolve("producer-ran");
        TestStage backup = TestStage.backup(7, runner);
        Future<TransferResult> sending = sendInBackground(backup, TARGET, Command.of("touch", marker.toString()));
        Loopback.eventually(WAIT, () -> backup.cancelChecks() >= 3, "a refused connect attempt and a retry");

        backup.cancel();

        assertThat(failureOf(sending)).isInstanceOf(StageAbortedException.class)
                .hasMessage("stage Backup of seed 7 was aborted");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aCorruptedStreamFailsBothSides() throws Exception {
        Path data = Loopback.randomFile(dir, "data", SIZE);
        Receiver receiver = target.receive(TestStage.prepare(7, runner), writeTo(dir.resolve("out")));
        long payloadByte = TransferProtocol.HEADER_BYTES + TransferProtocol.FRAME_HEADER_BYTES + 2;
        try (CorruptingProxy proxy = new CorruptingProxy("127.0.0.4", port, new InetSocketAddress(TARGET, port),
                payloadByte)) {

            Throwable sending = catchThrowable(() -> source.send(TestStage.backup(7, runner), "127.0.0.4", cat(data)));

            assertThat(sending).isInstanceOf(IOException.class).hasMessageContaining("failed the transfer: checksum mismatch");
            assertThatThrownBy(() -> receiver.await(WAIT)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("checksum mismatch: received " + SIZE + " bytes with crc32c:")
                    .hasMessageContaining("the source sent " + SIZE + " bytes with crc32c:");
        }
    }

    @Test
    void aFailingProducerFailsBothSidesWithItsStderr() throws Exception {
        Path data = Loopback.randomFile(dir, "data", SIZE);
        Receiver receiver = target.receive(TestStage.prepare(7, runner), writeTo(dir.resolve("out")));
        Command producer = Command.of("sh", "-c", "head -c 100000 \"$1\"; echo 'disk on fire' >&2; exit 3",
                "producer", data.toString());

        Throwable sending = catchThrowable(() -> source.send(TestStage.backup(7, runner), TARGET, producer));

        assertThat(sending).isInstanceOf(CommandFailedException.class)
                .hasMessage("sh exited with 3: disk on fire");
        assertThatThrownBy(() -> receiver.await(WAIT)).isInstanceOf(IOException.class)
                .hasMessage("the source gave up after 100000 bytes: sh exited with 3: disk on fire");
    }

    @Test
    void aConsumerThatStopsEarlyFailsBothSidesWithItsStderr() throws Exception {
        Path data = Loopback.randomFile(dir, "data", SIZE);
        Command consumer = Command.of("sh", "-c", "head -c 1000 > /dev/null; echo 'no space left' >&2; exit 2");
        Receiver receiver = target.receive(TestStage.prepare(7, runner), consumer);

        Throwable sending = catchThrowable(() -> source.send(TestStage.backup(7, runner), TARGET, cat(data)));

        assertThat(sending).isInstanceOf(IOException.class)
                .hasMessageContaining("failed the transfer: the consumer sh ")
                .hasMessageEndingWith("it exited with 2: no space left");
        assertThatThrownBy(() -> receiver.await(WAIT)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the consumer sh ")
                .hasMessageEndingWith("it exited with 2: no space left");
    }

    @Test
    void aConsumerFailingAfterTheLastByteFailsBothSides() throws Exception {
        Path data = Loopback.randomFile(dir, "data", SIZE);
        Command consumer = Command.of("sh", "-c", "cat > /dev/null; echo 'bad archive' >&2; exit 4");
        Receiver receiver = target.receive(TestStage.prepare(7, runner), consumer);

        Throwable sending = catchThrowable(() -> source.send(TestStage.backup(7, runner), TARGET, cat(data)));

        assertThat(sending).isInstanceOf(IOException.class)
                .hasMessage("the target " + TARGET + ":" + port + " failed the transfer: the consumer sh failed after all "
                        + SIZE + " bytes arrived: it exited with 4: bad archive");
        assertThatThrownBy(() -> receiver.await(WAIT)).isInstanceOf(IOException.class)
                .hasMessage("the consumer sh failed after all " + SIZE + " bytes arrived: it exited with 4: bad archive");
    }

    @Test
    void abortingTheSendingStageKillsBothProcessTreesAndFreesThePort() throws Exception {
        AgentTransferService slowSource = service("127.0.0.2", 4L << 20, Duration.ofSeconds(10));
        String producerMarker = "producer-" + port;
        String consumerMarker = "consumer-" + port;
        Receiver receiver = target.receive(TestStage.prepare(7, runner),
                Command.of("sh", "-c", "cat > /dev/null; true", consumerMarker));
        TestStage backup = TestStage.backup(7, runner);
        Future<TransferResult> sending = background.submit(() -> slowSource.send(backup, TARGET,
                Command.of("sh", "-c", "cat /dev/zero; true", producerMarker)));
        Loopback.eventually(WAIT, () -> receiver.bytesReceived() > (1 << 20), "a MiB streamed");
        List<ProcessHandle> trees = Stream.concat(Loopback.treesMentioning(producerMarker).stream(),
                Loopback.treesMentioning(consumerMarker).stream()).toList();
        assertThat(trees).hasSizeGreaterThanOrEqualTo(4); // sh and cat on each side

        backup.cancel();

        assertThat(failureOf(sending)).isInstanceOf(StageAbortedException.class)
                .hasMessage("stage Backup of seed 7 was aborted; the transfer was stopped");
        assertThatThrownBy(() -> receiver.await(WAIT)).isInstanceOf(IOException.class)
                .hasMessageMatching("the (source closed the connection|connection from the source broke) after \\d+ bytes.*");
        assertThat(trees).noneMatch(Loopback::running);
        assertThat(backup.anyProcessAlive()).isFalse();
        assertThat(Loopback.nothingListens(TARGET, port)).isTrue();
        slowSource.close();
    }

    @Test
    void releasingTheSeedMidTransferKillsBothProcessTreesAndFreesThePort() throws Exception {
        AgentTransferService slowSource = service("127.0.0.2", 4L << 20, Duration.ofSeconds(10));
        String producerMarker = "producer-" + port;
        String consumerMarker = "consumer-" + port;
        Receiver receiver = target.receive(TestStage.prepare(7, runner),
                Command.of("sh", "-c", "cat > /dev/null; true", consumerMarker));
        TestStage backup = TestStage.backup(7, runner);
        Future<TransferResult> sending = background.submit(() -> slowSource.send(backup, TARGET,
                Command.of("sh", "-c", "cat /dev/zero; true", producerMarker)));
        Loopback.eventually(WAIT, () -> receiver.bytesReceived() > (1 << 20), "a MiB streamed");
        List<ProcessHandle> trees = Stream.concat(Loopback.treesMentioning(producerMarker).stream(),
                Loopback.treesMentioning(consumerMarker).stream()).toList();
        assertThat(trees).hasSizeGreaterThanOrEqualTo(4);

        target.release(7);

        assertThat(failureOf(sending)).isInstanceOf(IOException.class)
                .hasMessageContaining("the target " + TARGET + ":" + port);
        assertThatThrownBy(() -> receiver.await(WAIT)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the receiver for seed 7 was closed on the target");
        assertThat(target.receiver(7)).isEmpty();
        assertThat(trees).noneMatch(Loopback::running);
        assertThat(Loopback.nothingListens(TARGET, port)).isTrue();
        slowSource.close();
    }

    @Test
    void releasingAWaitingReceiverFreesThePortAtOnceAndKillsTheConsumer() throws Exception {
        String consumerMarker = "consumer-" + port;
        Receiver receiver = target.receive(TestStage.prepare(7, runner),
                Command.of("sh", "-c", "cat > /dev/null; true", consumerMarker));
        List<ProcessHandle> tree = Loopback.treesMentioning(consumerMarker);

        target.release(7);

        assertThat(Loopback.nothingListens(TARGET, port)).isTrue();
        assertThatThrownBy(() -> receiver.await(WAIT)).isInstanceOf(IOException.class)
                .hasMessage("the receiver for seed 7 was closed on the target after 0 bytes");
        assertThat(tree).isNotEmpty().noneMatch(Loopback::running);
    }

    @Test
    void theListenerClosesOnceTheTransferHasCompleted() throws Exception {
        Path data = Loopback.randomFile(dir, "data", 1000);
        Receiver receiver = target.receive(TestStage.prepare(7, runner), writeTo(dir.resolve("out")));
        assertThat(Loopback.nothingListens(TARGET, port)).isFalse();

        source.send(TestStage.backup(7, runner), TARGET, cat(data));

        assertThat(receiver.await(WAIT).bytes()).isEqualTo(1000);
        assertThat(Loopback.nothingListens(TARGET, port)).isTrue();
        assertThat(target.receiver(7)).containsSame(receiver);
    }

    @Test
    void aNewReceiverForTheSameSeedClosesTheOldOne() throws Exception {
        Path data = Loopback.randomFile(dir, "data", SIZE);
        Path out = dir.resolve("out");
        Receiver first = target.receive(TestStage.prepare(7, runner),
                Command.of("sh", "-c", "cat > /dev/null", "first-" + port));
        List<ProcessHandle> firstTree = Loopback.treesMentioning("first-" + port);

        Receiver second = target.receive(TestStage.prepare(7, runner), writeTo(out));
        source.send(TestStage.backup(7, runner), TARGET, cat(data));

        assertThatThrownBy(() -> first.await(WAIT)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the receiver for seed 7 was closed");
        assertThat(firstTree).isNotEmpty().noneMatch(Loopback::running);
        assertThat(second.await(WAIT).bytes()).isEqualTo(SIZE);
        assertThat(target.receiver(7)).containsSame(second);
    }

    @Test
    void aReceiverForAnotherSeedClosesTheOldSeedsReceiver() throws Exception {
        Receiver old = target.receive(TestStage.prepare(7, runner), writeTo(dir.resolve("old")));

        target.receive(TestStage.prepare(8, runner), writeTo(dir.resolve("new")));

        assertThatThrownBy(() -> old.await(WAIT)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the receiver for seed 7 was closed");
        assertThat(target.receiver(7)).isEmpty();
        assertThat(target.receiver(8)).isPresent();
    }

    @Test
    void releasingAnotherSeedLeavesTheReceiverOpen() throws Exception {
        Path data = Loopback.randomFile(dir, "data", SIZE);
        Receiver receiver = target.receive(TestStage.prepare(7, runner), writeTo(dir.resolve("out")));

        target.release(6);
        source.send(TestStage.backup(7, runner), TARGET, cat(data));

        assertThat(receiver.await(WAIT).bytes()).isEqualTo(SIZE);
    }

    @Test
    void theBandwidthCapChargesEveryByteAtTheConfiguredRate() throws Exception {
        ManualTicker ticker = new ManualTicker();
        AgentTransferService capped = new AgentTransferService(
                new TransferSettings("127.0.0.2", port, Optional.empty(), 1L << 20, Duration.ofSeconds(10)), runner,
                ticker);
        Path data = Loopback.randomFile(dir, "data", 3 << 20);
        Receiver receiver = target.receive(TestStage.prepare(7, runner), writeTo(dir.resolve("out")));

        capped.send(TestStage.backup(7, runner), TARGET, cat(data));

        assertThat(receiver.await(WAIT).bytes()).isEqualTo(3 << 20);
        // 3 MiB at 1 MiB/s: three seconds of (virtual) waiting, give or take a nanosecond per chunk
        assertThat(ticker.slept()).isBetween(3_000_000_000L - 1_000, 3_000_000_000L);
    }

    @Test
    void aProducerWritingToAFileIsRefusedBeforeAnythingStarts() {
        Command toFile = Command.of("cat", "/etc/hostname").stdoutTo(dir.resolve("x"), false);

        assertThatThrownBy(() -> source.send(TestStage.backup(7, runner), TARGET, toFile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the producer cat must write the transfer to stdout, not to a file");
    }

    @Test
    void aConsumerReadingAFileIsRefusedBeforeAnythingStarts() {
        Command fromFile = Command.of("cat").stdinFrom(dir.resolve("x"));

        assertThatThrownBy(() -> target.receive(TestStage.prepare(7, runner), fromFile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the consumer cat must read the transfer from stdin, not from a file");
        assertThat(Loopback.nothingListens(TARGET, port)).isTrue();
    }

    @Test
    void aTargetHostThatIsNotAHostNameIsRefused() {
        assertThatThrownBy(() -> source.send(TestStage.backup(7, runner), "db1; rm -rf /", Command.of("true")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a host name or IP address: \"db1; rm -rf /\"");
    }

    @Test
    void aBusySeedPortIsReportedClearly() throws Exception {
        try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getByName(TARGET))) {

            assertThatThrownBy(() -> target.receive(TestStage.prepare(7, runner), writeTo(dir.resolve("out"))))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot listen on " + TARGET + ":" + port + " for seed transfers: ")
                    .hasMessageEndingWith("(is another program using seed-port?)");
        }
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }
}
