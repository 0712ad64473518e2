package io.orcagent.runtime.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import io.orcagent.api.Command;
import io.orcagent.api.TransferService.Receiver;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.tls.PemTls;

/**
 * Child JVM of {@link TlsKeyUpdateTest}: one TLS transfer between two services, in a JVM whose TLS key
 * limit is tiny so the keys are renewed many times during the stream. Exits 0 when the bytes landed.
 */
final class KeyUpdateTransfer {

    private KeyUpdateTransfer() {
    }

    public static void main(String[] args) throws Exception {
        Path cert = Path.of(args[0]);
        Path key = Path.of(args[1]);
        Path ca = Path.of(args[2]);
        Path data = Path.of(args[3]);
        Path out = Path.of(args[4]);
        int port = Integer.parseInt(args[5]);
        SSLContext context = PemTls.context(cert, key, Optional.of(ca));
        Optional<TransferTls> tls = Optional.of(new TransferTls(context, true));
        ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor(), Duration.ofSeconds(2));
        try (AgentTransferService target = new AgentTransferService(
                new TransferSettings("127.0.0.3", port, tls, 0, Duration.ofSeconds(5)), runner);
             AgentTransferService source = new AgentTransferService(
                     new TransferSettings("127.0.0.2", port, tls, 0, Duration.ofSeconds(5)), runner)) {
            Receiver receiver = target.receive(TestStage.prepare(3, runner),
                    Command.of("sh", "-c", "cat > \"$1\"", "consumer", out.toString()));
            source.send(TestStage.backup(3, runner), "127.0.0.3", Command.of("cat", data.toString()));
            receiver.await(Duration.ofMinutes(1));
        } finally {
            runner.shutdown();
        }
    }
}
