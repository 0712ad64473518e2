package io.orcagent.runtime.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A lab with a stand-in orchestrator and any number of hosts; runs {@code agentctl} against them.
 *
 * <p>The lab does not depend on agentctl (agentctl depends on the lab, for its quickstart): it is given the
 * way to run agentctl, in practice {@code AgentCtl::inProcess}.
 */
public final class SeedLab implements AutoCloseable {

    /** Runs {@code agentctl}: e.g. {@code AgentCtl::inProcess} (no live progress bar). */
    @FunctionalInterface
    public interface Agentctl {
        /**
         * Runs one agentctl command.
         *
         * @param env the environment it reads tokens and passwords from
         * @param out its standard output
         * @param err its standard error (progress)
         * @param args the command line, e.g. {@code seed --method Mysqldump ...}
         * @return its exit code
         */
        int run(Map<String, String> env, PrintStream out, PrintStream err, String... args);
    }

    /** Plugin sections enabling the logical methods in the lab agents. */
    public static final String DEFAULT_PLUGIN_SECTIONS = String.join("\n",
            "[mysqldump]", "enabled = true", "[mydumper]", "enabled = true");

    private final Path root;
    private final Path distribution;
    private final Agentctl agentctl;
    private final LabOrchestrator orchestrator;
    private final List<LabHost> hosts = new ArrayList<>();

    /**
     * Creates a lab.
     *
     * @param root the lab's directory
     * @param distribution the built distribution directory
     * @param agentctl how {@link #seed} runs agentctl
     * @throws IOException when the stand-in orchestrator cannot start
     */
    public SeedLab(Path root, Path distribution, Agentctl agentctl) throws IOException {
        this.root = Objects.requireNonNull(root, "root is null");
        this.distribution = Objects.requireNonNull(distribution, "distribution is null");
        this.agentctl = Objects.requireNonNull(agentctl, "agentctl is null");
        this.orchestrator = new LabOrchestrator();
    }

    /**
     * Starts a host.
     *
     * @param name name
     * @param address loopback address
     * @param serverId server id
     * @param pluginSections plugin sections for its agent
     * @return the host
     * @throws IOException when it does not start
     * @throws InterruptedException when interrupted
     */
    public LabHost host(String name, String address, int serverId, String pluginSections)
            throws IOException, InterruptedException {
        return host(root.resolve(name), name, address, serverId, "", pluginSections);
    }

    /**
     * Starts a host in a given directory with extra {@code [common]} keys.
     *
     * @param dir the host's directory (e.g. on a btrfs subvolume)
     * @param name name
     * @param address loopback address
     * @param serverId server id
     * @param commonExtra extra {@code [common]} TOML lines
     * @param pluginSections plugin sections for its agent
     * @return the host
     * @throws IOException when it does not start
     * @throws InterruptedException when interrupted
     */
    public LabHost host(Path dir, String name, String address, int serverId, String commonExtra, String pluginSections)
            throws IOException, InterruptedException {
        LabHost host = LabHost.start(dir, name, address, serverId, distribution, orchestrator.port(), commonExtra,
                pluginSections);
        hosts.add(host);
        return host;
    }

    /**
     * The stand-in orchestrator.
     *
     * @return it
     */
    public LabOrchestrator orchestrator() {
        return orchestrator;
    }

    /**
     * Runs {@code agentctl seed} from source to target.
     *
     * @param method the method
     * @param seedId the seed id
     * @param source the source host
     * @param target the target host
     * @param progress where progress goes
     * @return agentctl's exit code and output
     */
    public AgentctlRun seed(String method, long seedId, LabHost source, LabHost target, PrintStream progress) {
        Map<String, String> env = new HashMap<>(target.agentctlEnvironment());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = agentctl.run(env, new PrintStream(out, true, StandardCharsets.UTF_8), progress,
                "seed", "--method", method, "--seed-id", Long.toString(seedId),
                "--source", source.agent().endpoint(), "--target", target.agent().endpoint(),
                "--source-token-file", source.agent().tokenFile().toString(),
                "--target-token-file", target.agent().tokenFile().toString(),
                "--mysql-user", target.mysql().settings().user(),
                "--repl-user", source.mysql().settings().replicationUser());
        return new AgentctlRun(code, out.toString(StandardCharsets.UTF_8));
    }

    /**
     * The result of an agentctl run.
     *
     * @param exitCode exit code
     * @param output its stdout
     */
    public record AgentctlRun(int exitCode, String output) {
    }

    @Override
    public void close() {
        for (int i = hosts.size() - 1; i >= 0; i--) {
            hosts.get(i).close();
        }
        orchestrator.close();
    }
}
