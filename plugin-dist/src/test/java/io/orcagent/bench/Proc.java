package io.orcagent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /**
     * CPU time used so far, from {@code /proc/<pid>/stat}.
     *
     * @param self user + system time of the process itself
     * @param children user + system time of its children that it has reaped (the tools it ran)
     */
    record CpuTime(Duration self, Duration children) {

        /**
         * The time used since an earlier reading.
         *
         * @param before the earlier reading
         * @return the difference
         */
        CpuTime since(CpuTime before) {
            return new CpuTime(self.minus(before.self), children.minus(before.children));
        }
    }

    /**
     * Reads a process's CPU time now.
     *
     * @param pid the process
     * @return its CPU time and its reaped children's
     * @throws IOException when the process is gone
     */
    static CpuTime cpuTime(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
        // fields after the command name, which may hold spaces: state is field 3, utime 14 … cstime 17
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
        long self = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return new CpuTime(ticks(self), ticks(children));
    }

    // USER_HZ is 100 on every Linux architecture the agent supports
    private static Duration ticks(long ticks) {
        return Duration.ofMillis(ticks * 10);
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
