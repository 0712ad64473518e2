package io.orcagent.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.lab.LabCertificates;

/**
 * The key formats Go's {@code tls.LoadX509KeyPair} takes for RSA: PKCS#8 ({@code BEGIN PRIVATE KEY}) and
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what {@code openssl genrsa} and older tooling write), proven by
 * a TLS handshake with the context built from them.
 */
class PemTlsTest {

    @TempDir
    Path dir;

    @Test
    void aPkcs8RsaKeyServesTls() throws Exception {
        LabCertificates certs = new LabCertificates(dir);
        LabCertificates.Pair server = certs.issue("server", "/CN=127.0.0.1", "127.0.0.1");
        assertThat(Files.readString(server.key())).startsWith("-----BEGIN PRIVATE KEY-----");

        assertThat(handshake(PemTls.context(server.certificate(), server.key(), Optional.of(certs.ca())), certs))
                .isEqualTo("CN=127.0.0.1");
    }

    @Test
    void aPkcs1RsaKeyServesTls() throws Exception {
        LabCertificates certs = new LabCertificates(dir);
        LabCertificates.Pair server = certs.issue("server", "/CN=127.0.0.1", "127.0.0.1");
        Path pkcs1 = dir.resolve("server-pkcs1.key");
        openssl("rsa", "-in", server.key().toString(), "-traditional", "-out", pkcs1.toString());
        assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        assertThat(handshake(PemTls.context(server.certificate(), pkcs1, Optional.of(certs.ca())), certs))
                .isEqualTo("CN=127.0.0.1");
    }

    @Test
    void aFileWithoutAKeyIsRefusedNamingIt() throws Exception {
        LabCertificates certs = new LabCertificates(dir);
        LabCertificates.Pair server = certs.issue("server", "/CN=127.0.0.1", "127.0.0.1");

        assertThatThrownBy(() -> PemTls.context(server.certificate(), server.certificate(), Optional.empty()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(server.certificate().toString());
        assertThatThrownBy(() -> PemTls.context(dir.resolve("missing.pem"), server.key(), Optional.empty()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("missing.pem");
    }

    @Test
    void aSec1EcKeyIsRefusedNamingTheFile() throws Exception {
        LabCertificates certs = new LabCertificates(dir);
        LabCertificates.Pair server = certs.issue("server", "/CN=127.0.0.1", "127.0.0.1");
        Path sec1 = dir.resolve("ec.key");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", sec1.toString());
        assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");

        assertThatThrownBy(() -> PemTls.context(server.certificate(), sec1, Optional.empty()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(sec1.toString());
    }

    private static String handshake(SSLContext serverContext, LabCertificates certs) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0)) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.startHandshake();
                    socket.getOutputStream().write(1);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            SSLContext client = PemTls.clientContext(Optional.of(certs.ca()), false);
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1",
                    listener.getLocalPort())) {
                socket.startHandshake();
                assertThat(socket.getInputStream().read()).isEqualTo(1);
                accepted.get(10, TimeUnit.SECONDS);
                return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                        .getName();
            }
        }
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of("openssl"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("openssl " + args[0] + " failed: " + output);
        }
    }
}
