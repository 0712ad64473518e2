package io.orcagent.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts an agent with {@code bin/orchestrator-agent --config F} (optionally with {@code JAVA_OPTS}),
 * times it from process start to the first answer of {@code GET /api/status}, lets it idle and reads
 * its resident memory from {@code /proc}, then stops it with SIGTERM.
 */
final class AgentStartup {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern SINCE_JVM_START = Pattern.compile("(\\d+) milliseconds since JVM startup");

    private AgentStartup() {
    }

    /**
     * One measured start.
     *
     * @param toFirstAnswer from {@code ProcessBuilder.start()} to the first HTTP status line of /api/status
     * @param status that answer's HTTP status (200 "OK" or 500 "BAD")
     * @param rssKiB VmRSS after the idle period
     * @param jvmToListening Helidon's "N milliseconds since JVM startup" when its listener was up, or -1
     * @param vmFlags {@code jcmd <pid> VM.flags} output, or empty when not asked for
     */
    record Measurement(Duration toFirstAnswer, int status, long rssKiB, long jvmToListening, String vmFlags) {
    }

    /**
     * Times what the launcher runs before the agent's own JVM: {@code java -XshowSettings:properties
     * -version}, a whole JVM start to read the Java version.
     *
     * @return how long it took
     * @throws IOException when java cannot run
     * @throws InterruptedException when interrupted
     */
    static Duration launcherVersionCheck() throws IOException, InterruptedException {
        String javaHome = Objects.requireNonNullElse(System.getenv("JAVA_HOME"), System.getProperty("java.home"));
        long started = System.nanoTime();
        Process p = new ProcessBuilder(Path.of(javaHome, "bin", "java").toString(), "-XshowSettings:properties",
                "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException("java -version failed");
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * Starts, measures and stops one agent.
     *
     * @param home the distribution
     * @param config its config file
     * @param address the address it binds
     * @param port its HTTP port
     * @param javaOpts {@code JAVA_OPTS} for the launcher, empty to unset it
     * @param idle how long to let it idle before reading its memory
     * @param withFlags whether to ask the JVM for its flags (after the memory is read)
     * @param log where its output goes
     * @return the figures
     * @throws IOException when it does not answer in time (with its log)
     * @throws InterruptedException when interrupted
     */
    static Measurement measure(Path home, Path config, String address, int port, String javaOpts, Duration idle,
                               boolean withFlags, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(home.resolve("bin/orchestrator-agent").toString(),
                "--config", config.toString()));
        Map<String, String> env = pb.environment();
        if (javaOpts.isEmpty()) {
            env.remove("JAVA_OPTS");
        } else {
            env.put("JAVA_OPTS", javaOpts);
        }
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long started = System.nanoTime();
        Process process = pb.start();
        try {
            int status = -1;
            while (status < 0) {
                status = statusLine(address, port);
                if (status < 0) {
                    if (!process.isAlive()) {
                        throw new IOException("agent exited with " + process.exitValue() + ": " + tail(log));
                    }
                    if (System.nanoTime() - started > START_TIMEOUT.toNanos()) {
                        throw new IOException("agent did not answer /api/status in " + START_TIMEOUT + ": " + tail(log));
                    }
                    Thread.sleep(5);
                }
            }
            Duration toFirstAnswer = Duration.ofNanos(System.nanoTime() - started);
            Thread.sleep(idle.toMillis());
            long rss = Proc.rssKiB(process.pid());
            String flags = withFlags ? Proc.vmFlags(process.pid()) : "";
            return new Measurement(toFirstAnswer, status, rss, jvmToListening(log), flags);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    // One HTTP/1.1 request on a raw socket: the HTTP status, or -1 while nothing answers yet.
    private static int statusLine(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 200);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/status HTTP/1.1\r\nHost: " + address + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            String[] parts = line.toString().split(" ");
            return parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (IOException | NumberFormatException notYet) {
            return -1;
        }
    }

    private static long jvmToListening(Path log) throws IOException {
        long found = -1;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = SINCE_JVM_START.matcher(line);
            if (m.find()) {
                found = Long.parseLong(m.group(1));
            }
        }
        return found;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
