package io.orcagent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads a process's memory figures from {@code /proc/<pid>/status} and its JVM flags with
 * {@code jcmd}.
 */
final class Proc {

    private Proc() {
    }

    /**
     * Resident set size now.
     *
     * @param pid the process
     * @return VmRSS in KiB
     * @throws IOException when the process is gone
     */
    static long rssKiB(long pid) throws IOException {
        return statusKiB(pid, "VmRSS:");
    }

    /**
     * Peak resident set size.
     *
     * @param pid the process
     * @return VmHWM in KiB
     * @throws IOException when the process is gone
     */
    static long peakRssKiB(long pid) throws IOException {
        return statusKiB(pid, "VmHWM:");
    }

    private static long statusKiB(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
            }
        }
        throw new IOException(field + " not in /proc/" + pid + "/status");
    }

    /**
     * The JVM's non-default flags ({@code jcmd <pid> VM.flags}), from the JDK agents start with.
     *
     * @param pid a JVM
     * @return the flags line, or a note why they could not be read
     * @throws InterruptedException when interrupted
     */
    static String vmFlags(long pid) throws InterruptedException {
        String javaHome = Objects.requireNonNullElse(System.getenv("JAVA_HOME"), System.getProperty("java.home"));
        try {
            Process p = new ProcessBuilder(List.of(Path.of(javaHome, "bin", "jcmd").toString(), Long.toString(pid),
                    "VM.flags")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                return "(jcmd failed: " + out.strip() + ")";
            }
            // first line is "<pid>:"
            return out.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> a + " " + b)
                    .orElse("");
        } catch (IOException e) {
            return "(jcmd not available: " + e.getMessage() + ")";
        }
    }
}
