package io.orcagent.runtime.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An agent started from the distribution ({@code bin/orchestrator-agent --config F}) as its own
 * process, as a DBA would run it.
 */
public final class AgentProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /**
     * A directory next to the config file whose programs come first on the agent's {@code PATH}: how a
     * test puts a gated tool in place of one a plugin runs by name (e.g. {@code tar}).
     */
    public static final String TOOLS_DIR = "tools";

    private final Process process;
    private final String address;
    private final int port;
    private final Path tokenFile;
    private final Path log;

    private AgentProcess(Process process, String address, int port, Path tokenFile, Path log) {
        this.process = process;
        this.address = address;
        this.port = port;
        this.tokenFile = tokenFile;
        this.log = log;
    }

    /**
     * Starts an agent and waits until it listens and has written its token. Programs in a
     * {@value #TOOLS_DIR} directory next to the config file come first on its {@code PATH}.
     *
     * @param home the distribution directory (with bin/, lib/, plugins/)
     * @param config the agent's config file
     * @param address the address it binds
     * @param port its HTTP port
     * @param tokenFile its token hint file
     * @param log where its stdout/stderr go
     * @return the running agent
     * @throws IOException when it does not come up (the message carries its log's tail)
     * @throws InterruptedException when interrupted
     */
    public static AgentProcess start(Path home, Path config, String address, int port, Path tokenFile, Path log)
            throws IOException, InterruptedException {
        Objects.requireNonNull(home, "home is null");
        Files.deleteIfExists(tokenFile);
        ProcessBuilder pb = new ProcessBuilder(List.of(home.resolve("bin/orchestrator-agent").toString(),
                "--config", config.toString()));
        Path tools = config.toAbsolutePath().getParent().resolve(TOOLS_DIR);
        if (Files.isDirectory(tools)) {
            pb.environment().put("PATH", tools + ":" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        }
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = pb.start();
        AgentProcess agent = new AgentProcess(process, address, port, tokenFile, log);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!(Files.exists(tokenFile) && listening(address, port))) {
            if (!process.isAlive()) {
                throw new IOException("agent on " + address + ":" + port + " exited with " + process.exitValue()
                        + ":\n" + agent.logTail());
            }
            if (Instant.now().isAfter(deadline)) {
                agent.close();
                throw new IOException("agent on " + address + ":" + port + " did not start:\n" + agent.logTail());
            }
            Thread.sleep(100);
        }
        return agent;
    }

    /**
     * The agent's token, read from its hint file.
     *
     * @return the token
     * @throws IOException when unreadable
     */
    public String token() throws IOException {
        return Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
    }

    /**
     * The token hint file.
     *
     * @return the path
     */
    public Path tokenFile() {
        return tokenFile;
    }

    /**
     * {@code address:port}.
     *
     * @return the endpoint text
     */
    public String endpoint() {
        return address + ":" + port;
    }

    /**
     * The process id.
     *
     * @return pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * The last lines of its log.
     *
     * @return the tail
     */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops it with SIGTERM (graceful shutdown), then SIGKILL after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kills it with SIGKILL, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean listening(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
