package io.orcagent.runtime.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This host's name as orchestrator should know it: the FQDN (what the Go agent got from
 * {@code hostname -f}), else the plain host name.
 */
final class LocalHostName {

    private LocalHostName() {
    }

    static String detect() {
        try {
            InetAddress local = InetAddress.getLocalHost();
            String canonical = local.getCanonicalHostName();
            // getCanonicalHostName answers the address itself when the reverse lookup fails
            if (!canonical.isBlank() && !canonical.equals(local.getHostAddress())) {
                return canonical;
            }
            return local.getHostName();
        } catch (UnknownHostException e) {
            return kernelHostName();
        }
    }

    private static String kernelHostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            return name.isEmpty() ? "localhost" : name;
        } catch (IOException e) {
            return "localhost";
        }
    }
}
