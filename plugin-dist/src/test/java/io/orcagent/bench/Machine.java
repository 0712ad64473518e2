package io.orcagent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The machine a benchmark ran on, for its report.
 *
 * @param date when (ISO-8601, with offset)
 * @param cpus online processors ({@code nproc})
 * @param cpuModel {@code model name} from /proc/cpuinfo
 * @param kernel {@code uname -r} (from /proc/sys/kernel/osrelease)
 * @param jdk the JDK the agents run on
 * @param memTotal MemTotal from /proc/meminfo
 */
record Machine(String date, int cpus, String cpuModel, String kernel, String jdk, String memTotal) {

    /**
     * Reads the facts now.
     *
     * @return the machine
     * @throws IOException when /proc cannot be read
     */
    static Machine now() throws IOException {
        String model = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst()
                .orElse("unknown");
        String mem = Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("MemTotal:")).map(l -> l.substring(9).strip()).findFirst().orElse("unknown");
        String javaHome = Objects.requireNonNullElse(System.getenv("JAVA_HOME"), System.getProperty("java.home"));
        String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + " ("
                + javaHome + ")";
        return new Machine(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                Runtime.getRuntime().availableProcessors(), model,
                Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip(), jdk, mem);
    }

    /**
     * The 1, 5 and 15 minute load averages now.
     *
     * @return e.g. {@code 2.58 4.98 5.62}
     * @throws IOException when /proc cannot be read
     */
    static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }
}
