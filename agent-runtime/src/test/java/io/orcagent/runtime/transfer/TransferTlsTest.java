package io.orcagent.runtime.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.api.Command;
import io.orcagent.api.TransferService.Receiver;
import io.orcagent.runtime.config.CommonConfig;
import io.orcagent.runtime.config.ConfigLoader;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.tls.PemTls;

class TransferTlsTest {

    private static final String TARGET = "127.0.0.3";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int SIZE = 4 * 1024 * 1024 + 7;

    @TempDir
    static Path pki;

    private static TestCertificates certificates;
    private static TestCertificates.Issued agent;
    private static TestCertificates.Issued stranger;

    @TempDir
    Path dir;

    private final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor(), Duration.ofSeconds(2));
    private int port;
    private Path data;
    private Path out;
    private AgentTransferService target;
    private AgentTransferService source;

    @BeforeAll
    static void issueCertificates() throws Exception {
        certificates = TestCertificates.createIn(pki);
        agent = certificates.issue("agent", "IP:127.0.0.3,IP:127.0.0.2,DNS:localhost");
        stranger = certificates.issue("stranger", "DNS:elsewhere.example");
    }

    @BeforeEach
    void prepareData() throws IOException {
        port = Loopback.freePort(TARGET);
        data = Loopback.randomFile(dir, "data", SIZE);
        out = dir.resolve("out");
    }

    @AfterEach
    void closeAgents() {
        if (target != null) {
            target.close();
        }
        if (source != null) {
            source.close();
        }
        runner.shutdown();
    }

    private SSLContext contextOf(TestCertificates.Issued identity) throws IOException {
        return PemTls.context(identity.cert(), identity.key(), Optional.of(certificates.ca()));
    }

    private AgentTransferService service(String bindAddress, Optional<TransferTls> tls) {
        return new AgentTransferService(new TransferSettings(bindAddress, port, tls, 0, Duration.ofSeconds(5)), runner);
    }

    private Receiver receive() throws IOException {
        return target.receive(TestStage.prepare(7, runner),
                Command.of("sh", "-c", "cat > \"$1\"", "consumer", out.toString()));
    }

    @Test
    void aTlsTransferLandsByteExact() throws Exception {
        target = service(TARGET, Optional.of(new TransferTls(contextOf(agent), false)));
        source = service("127.0.0.2", Optional.of(new TransferTls(contextOf(agent), false)));
        Receiver receiver = receive();

        source.send(TestStage.backup(7, runner), TARGET, Command.of("cat", data.toString()));

        assertThat(receiver.await(WAIT).bytes()).isEqualTo(SIZE);
        assertThat(Loopback.sha256(out)).isEqualTo(Loopback.sha256(data));
    }

    @Test
    void aMutualTlsTransferLandsByteExact() throws Exception {
        target = service(TARGET, Optional.of(new TransferTls(contextOf(agent), true)));
        source = service("127.0.0.2", Optional.of(new TransferTls(contextOf(agent), true)));
        Receiver receiver = receive();

        source.send(TestStage.backup(7, runner), TARGET, Command.of("cat", data.toString()));

        assertThat(receiver.await(WAIT).bytes()).isEqualTo(SIZE);
        assertThat(Files.mismatch(out, data)).isEqualTo(-1);
    }

    @Test
    void theSettingsFromTheConfigFileStreamOverMutualTls() throws Exception {
        CommonConfig common = ConfigLoader.parse(dir.resolve("agent.conf"), """
                [common]
                backup-dir = "/var/backup"
                bind-address = "%s"
                seed-port = %d
                transfer-bandwidth-limit = "64MiB"
                transfer-use-tls = true
                transfer-mutual-tls = true
                ssl-cert-file = "%s"
                ssl-private-key-file = "%s"
                ssl-ca-file = "%s"
                [orchestrator]
                url = "orc.example.com"
                [mysql]
                user = "agent"
                password = "pw"
                """.formatted(TARGET, port, agent.cert(), agent.key(), certificates.ca())).common();

        TransferSettings settings = TransferSettings.of(common);
        target = new AgentTransferService(settings, runner);
        source = new AgentTransferService(settings, runner);
        Receiver receiver = receive();
        source.send(TestStage.backup(7, runner), TARGET, Command.of("cat", data.toString()));

        assertThat(settings.tls()).hasValueSatisfying(tls -> assertThat(tls.mutual()).isTrue());
        assertThat(settings.bandwidthLimit()).isEqualTo(64L << 20);
        assertThat(receiver.await(WAIT).bytes()).isEqualTo(SIZE);
        assertThat(Files.mismatch(out, data)).isEqualTo(-1);
    }

    @Test
    void mutualTlsRefusesASourceWithoutACertificateAndKeepsWaitingForOneWithIt() throws Exception {
        target = service(TARGET, Optional.of(new TransferTls(contextOf(agent), true)));
        AgentTransferService anonymous = service("127.0.0.2",
                Optional.of(new TransferTls(PemTls.clientContext(Optional.of(certificates.ca()), false), true)));
        source = service("127.0.0.2", Optional.of(new TransferTls(contextOf(agent), true)));
        Receiver receiver = receive();

        assertThatThrownBy(() -> anonymous.send(TestStage.backup(7, runner), TARGET, Command.of("cat", data.toString())))
                .isInstanceOf(IOException.class)
                .hasMessage("the target " + TARGET + ":" + port + " refused the transfer: this agent requires the"
                        + " sending agent's certificate (transfer-mutual-tls)");
        source.send(TestStage.backup(7, runner), TARGET, Command.of("cat", data.toString()));

        assertThat(receiver.await(WAIT).bytes()).isEqualTo(SIZE);
        assertThat(Loopback.sha256(out)).isEqualTo(Loopback.sha256(data));
    }

    @Test
    void mutualTlsRefusesASourceWhoseCertificateIsNotSignedByTheCa() throws Exception {
        Path otherPki = dir.resolve("other-pki");
        TestCertificates otherCa = TestCertificates.createIn(otherPki);
        TestCertificates.Issued impostor = otherCa.issue("impostor", "IP:127.0.0.2");
        target = service(TARGET, Optional.of(new TransferTls(contextOf(agent), true)));
        AgentTransferService untrusted = service("127.0.0.2", Optional.of(new TransferTls(
                PemTls.context(impostor.cert(), impostor.key(), Optional.of(certificates.ca())), true)));
        Receiver receiver = receive();

        assertThatThrownBy(() -> untrusted.send(TestStage.backup(7, runner), TARGET, Command.of("cat", data.toString())))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("the TLS handshake with the target " + TARGET + ":" + port + " failed: ");
        assertThat(receiver.bytesReceived()).isZero();
        assertThat(target.receiver(7)).containsSame(receiver);
    }

    @Test
    void theSourceRefusesATargetWhoseCertificateNamesAnotherHost() throws Exception {
        target = service(TARGET, Optional.of(new TransferTls(contextOf(stranger), false)));
        source = service("127.0.0.2", Optional.of(new TransferTls(contextOf(agent), false)));
        Receiver receiver = receive();

        assertThatThrownBy(() -> source.send(TestStage.backup(7, runner), TARGET, Command.of("cat", data.toString())))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("the TLS handshake with the target " + TARGET + ":" + port + " failed: ")
                .hasMessageContaining(TARGET);
        assertThat(receiver.bytesReceived()).isZero();
    }

    @Test
    void aPlainSourceIsToldTheTargetExpectsTls() throws Exception {
        target = service(TARGET, Optional.of(new TransferTls(contextOf(agent), false)));
        source = service("127.0.0.2", Optional.empty());
        receive();

        assertThatThrownBy(() -> source.send(TestStage.backup(7, runner), TARGET, Command.of("cat", data.toString())))
                .isInstanceOf(IOException.class)
                .hasMessage("the target " + TARGET + ":" + port + " did not answer like an orchestrator-agent receiver"
                        + " (is transfer-use-tls the same on both agents?)");
    }
}
