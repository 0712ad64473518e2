package io.orcagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Connection faults made by the kernel, as a network would make them. */
final class Connections {

    private Connections() {
    }

    /**
     * Cuts the established TCP connections to {@code address:port} with {@code ss -K} (needs root): the
     * kernel aborts the local end of each and the peer's end sees a reset. Fails unless one was cut.
     *
     * @param address the destination address
     * @param port the destination port
     * @throws Exception when {@code ss} cannot run
     */
    static void cut(String address, int port) throws Exception {
        Process ss = new ProcessBuilder("ss", "-K", "-t", "dst", address, "dport", "=", ":" + port)
                .redirectErrorStream(true).start();
        String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ss.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // ss lists each socket it destroyed; Java's sockets show IPv4-mapped addresses ([::ffff:127.0.0.46]:21234)
        assertThat(output.lines().skip(1)).as("ss -K: %s", output)
                .anyMatch(line -> line.startsWith("ESTAB") && line.contains(address + "]:" + port));
    }
}
