package io.orcagent.runtime.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPU count, memory and OS name, read once at start ({@code NumCPU}, {@code MemTotal}, {@code OsName}
 * of {@code get-agent-data}).
 *
 * @param numCpu processors available to the agent
 * @param memTotalBytes {@code MemTotal} of {@code /proc/meminfo} in bytes; 0 when unreadable
 * @param osName {@code PRETTY_NAME} of os-release (what {@code hostnamectl} shows as "Operating
 *     System"); empty when unknown
 */
public record SystemFacts(int numCpu, long memTotalBytes, String osName) {

    private static final Logger LOG = LoggerFactory.getLogger(SystemFacts.class);

    /**
     * Validates.
     *
     * @param numCpu cpus
     * @param memTotalBytes memory
     * @param osName os name
     */
    public SystemFacts {
        Objects.requireNonNull(osName, "osName is null");
    }

    /**
     * Reads this host's facts.
     *
     * @return the facts; unreadable parts are logged and left at 0 / empty
     */
    public static SystemFacts detect() {
        Path osRelease = Files.exists(Path.of("/etc/os-release")) ? Path.of("/etc/os-release") : Path.of("/usr/lib/os-release");
        return read(Runtime.getRuntime().availableProcessors(), Path.of("/proc/meminfo"), osRelease);
    }

    static SystemFacts read(int cpus, Path meminfo, Path osRelease) {
        long memTotal = 0;
        try {
            memTotal = memTotalBytes(Files.readAllLines(meminfo, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not read MemTotal from {}: {}", meminfo, e.toString());
        }
        String osName = "";
        try {
            osName = prettyName(Files.readAllLines(osRelease, StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("could not read the OS name from {}: {}", osRelease, e.toString());
        }
        return new SystemFacts(cpus, memTotal, osName);
    }

    /** {@code MemTotal:  16318480 kB} → bytes. */
    static long memTotalBytes(List<String> meminfo) {
        for (String line : meminfo) {
            if (line.startsWith("MemTotal:")) {
                String[] fields = line.substring("MemTotal:".length()).trim().split("\\s+");
                return Long.parseLong(fields[0]) * 1024;
            }
        }
        throw new IllegalArgumentException("no MemTotal line");
    }

    /** The PRETTY_NAME value (shell-style quoting removed), else NAME, else empty. */
    static String prettyName(List<String> osRelease) {
        String name = "";
        for (String line : osRelease) {
            if (line.startsWith("PRETTY_NAME=")) {
                return unquote(line.substring("PRETTY_NAME=".length()));
            }
            if (line.startsWith("NAME=")) {
                name = unquote(line.substring("NAME=".length()));
            }
        }
        return name;
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            boolean doubleQuoted = v.charAt(0) == '"';
            v = v.substring(1, v.length() - 1);
            if (doubleQuoted) {
                // os-release(5): in double quotes, \ escapes $ " \ and `
                v = v.replaceAll("\\\\([$\"\\\\`])", "$1");
            }
        }
        return v;
    }
}
