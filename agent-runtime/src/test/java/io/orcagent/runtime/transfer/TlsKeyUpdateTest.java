package io.orcagent.runtime.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 renews its keys after a fixed amount of data (128 GiB for AES-GCM by default), which a large
 * seed crosses. A child JVM with a key limit of 256 KiB proves the stream survives the key updates in both
 * directions' bookkeeping.
 */
class TlsKeyUpdateTest {

    private static final Pattern KEY_UPDATES = Pattern.compile("Produced KeyUpdate");

    @TempDir
    Path dir;

    @Test
    void aTlsStreamLongerThanTheKeyLimitRenewsTheKeysAndLandsByteExact() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir.resolve("pki"));
        TestCertificates.Issued agent = certificates.issue("agent", "IP:127.0.0.3,IP:127.0.0.2");
        Path data = Loopback.randomFile(dir, "data", 8 * 1024 * 1024 + 5);
        Path out = dir.resolve("out");
        Path security = Files.writeString(dir.resolve("java.security"),
                "jdk.tls.keyLimits=AES/GCM/NoPadding KeyUpdate 2^18, ChaCha20-Poly1305 KeyUpdate 2^18\n");
        Path log = dir.resolve("child.log");
        List<String> argv = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.properties=" + security, "-Djavax.net.debug=ssl:handshake",
                "-cp", System.getProperty("java.class.path"), KeyUpdateTransfer.class.getName(),
                agent.cert().toString(), agent.key().toString(), certificates.ca().toString(), data.toString(),
                out.toString(), Integer.toString(Loopback.freePort("127.0.0.3")));
        Process child = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = child.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(ended).as("the child JVM ended").isTrue();
        assertThat(child.exitValue()).as(output.length() > 4000 ? output.substring(output.length() - 4000) : output)
                .isZero();
        assertThat(Loopback.sha256(out)).isEqualTo(Loopback.sha256(data));
        Matcher updates = KEY_UPDATES.matcher(output);
        int count = 0;
        while (updates.find()) {
            count++;
        }
        assertThat(count).as("key updates produced").isGreaterThan(10);
    }
}
