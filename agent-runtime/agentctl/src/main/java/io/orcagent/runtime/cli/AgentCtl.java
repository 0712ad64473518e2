package io.orcagent.runtime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.slf4j.LoggerFactory;

import io.orcagent.runtime.cli.AgentClient.AgentCallException;
import io.orcagent.runtime.host.LocalMysql;
import io.orcagent.runtime.tls.PemTls;
import io.orcagent.runtime.wire.GoJson;

/**
 * {@code agentctl}: drive agents without orchestrator.
 *
 * <pre>
 * agentctl seed --method Mysqldump --source HOST:PORT --target HOST:PORT
 *               [--seed-id N] [--source-token-file F] [--target-token-file F]
 *               [--mysql-user U --mysql-password-file F --repl-user U --repl-password-file F | --no-replication]
 *               [--https] [--insecure]
 * agentctl status  HOST:PORT [--token-file F]
 * agentctl data    HOST:PORT [--token-file F]
 * agentctl plugins HOST:PORT [--token-file F]
 * agentctl reload  HOST:PORT [--token-file F]
 * agentctl abort   HOST:PORT SEED_ID STAGE [--token-file F]
 * agentctl downtime on|off|status HOST:PORT [--token-file F]
 * agentctl quickstart [--dir D] [--method Mysqldump] [--rows N]
 * </pre>
 *
 * Tokens and passwords come from files or the environment (AGENTCTL_TOKEN, AGENTCTL_SOURCE_TOKEN,
 * AGENTCTL_TARGET_TOKEN, AGENTCTL_MYSQL_PASSWORD, AGENTCTL_REPL_PASSWORD), never from argv.
 */
public final class AgentCtl {

    private static final Set<String> FLAGS = Set.of("--https", "--insecure", "--no-replication", "--help");
    private static final Set<String> OPTIONS = Set.of("--dir", "--rows", "--method", "--source", "--target", "--seed-id",
            "--source-token-file", "--target-token-file", "--token-file", "--mysql-user", "--mysql-password-file",
            "--repl-user", "--repl-password-file");

    private final PrintStream out;
    private final PrintStream err;
    private final Secrets secrets;
    private final boolean terminal;

    /**
     * Creates the tool.
     *
     * @param out standard output
     * @param err standard error
     * @param env the environment
     * @param terminal whether the output is a terminal (live progress bar)
     */
    public AgentCtl(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        this.out = out;
        this.err = err;
        this.secrets = new Secrets(env);
        this.terminal = terminal;
    }

    /**
     * Entry point.
     *
     * @param args arguments
     */
    public static void main(String[] args) {
        quietLogging();
        int code = new AgentCtl(System.out, System.err, System.getenv(), System.console() != null).run(args);
        System.exit(code);
    }

    /**
     * Runs one command in this JVM, without a live progress bar: how the lab and the quickstart run agentctl
     * ({@code new SeedLab(dir, distribution, AgentCtl::inProcess)}).
     *
     * @param env the environment tokens and passwords are read from
     * @param out standard output
     * @param err standard error
     * @param args the command line
     * @return the exit code
     */
    public static int inProcess(Map<String, String> env, PrintStream out, PrintStream err, String... args) {
        return new AgentCtl(out, err, env, false).run(args);
    }

    // agentctl talks to people: library and lab chatter stays out unless AGENTCTL_DEBUG is set
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                    .setLevel(System.getenv("AGENTCTL_DEBUG") == null ? Level.WARN : Level.DEBUG);
        }
    }

    /**
     * Runs a command.
     *
     * @param args arguments
     * @return the exit code (0 success, 1 failure, 2 usage)
     */
    public int run(String... args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            usage();
            return args.length == 0 ? 2 : 0;
        }
        try {
            Arguments a = new Arguments(Arrays.asList(args).subList(1, args.length), FLAGS, OPTIONS);
            return switch (args[0]) {
                case "seed" -> seed(a);
                case "status" -> show(a, "active-seed");
                case "data" -> show(a, "get-agent-data");
                case "plugins" -> show(a, "plugins");
                case "reload" -> reload(a);
                case "abort" -> abort(a);
                case "downtime" -> downtime(a);
                case "quickstart" -> quickstart(a);
                default -> {
                    err.println("unknown command " + args[0]);
                    usage();
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("agentctl: " + e.getMessage());
            return 2;
        } catch (AgentCallException | IOException | SeedDriver.SeedFailedException e) {
            err.println("agentctl: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("agentctl: interrupted");
            return 1;
        }
    }

    private int seed(Arguments a) throws IOException, InterruptedException, SeedDriver.SeedFailedException {
        boolean https = a.flag("--https");
        HttpClient http = http(a);
        AgentEndpoint source = AgentEndpoint.parse(a.required("--source"),
                secrets.read(a.option("--source-token-file"), "AGENTCTL_SOURCE_TOKEN", "source agent token"), https);
        AgentEndpoint target = AgentEndpoint.parse(a.required("--target"),
                secrets.read(a.option("--target-token-file"), "AGENTCTL_TARGET_TOKEN", "target agent token"), https);
        Optional<ReplicationSettings> replication = Optional.empty();
        if (!a.flag("--no-replication")) {
            replication = Optional.of(new ReplicationSettings(a.required("--mysql-user"),
                    secrets.read(a.option("--mysql-password-file"), "AGENTCTL_MYSQL_PASSWORD", "target MySQL password"),
                    a.required("--repl-user"),
                    secrets.read(a.option("--repl-password-file"), "AGENTCTL_REPL_PASSWORD", "replication password")));
        }
        long seedId = a.option("--seed-id").map(Long::parseLong).orElse(System.currentTimeMillis() / 1000);
        SeedPlan plan = new SeedPlan(seedId, a.required("--method"), source, target, replication);
        SeedDriver driver = new SeedDriver(new AgentClient(http, source), new AgentClient(http, target),
                new ProgressDisplay(err, terminal),
                server -> LocalMysql.dataSource(server.host(), server.port(), server.user(), server.password()));
        SeedDriver.Report report = driver.run(plan);
        out.printf("seed %d completed in %.1fs: %s:%d%s%s%n", report.seedId(), report.took().toMillis() / 1000.0,
                report.logFile(), report.logPos(), report.gtidExecuted().isEmpty() ? "" : " GTID " + report.gtidExecuted(),
                report.replicating() ? ", replica is replicating" : "");
        return 0;
    }

    private int quickstart(Arguments a) throws IOException, InterruptedException {
        String home = System.getProperty("orchestrator.agent.home");
        if (home == null) {
            throw new IllegalArgumentException("quickstart runs from the distribution (bin/agentctl quickstart)");
        }
        Path dir = Path.of(a.option("--dir").orElse(Path.of(System.getProperty("java.io.tmpdir"),
                "orchestrator-agent-quickstart-" + ProcessHandle.current().pid()).toString())).toAbsolutePath();
        try {
            return new Quickstart(out, err).run(Path.of(home).toAbsolutePath(), dir, a.option("--method").orElse("Mysqldump"),
                    Long.parseLong(a.option("--rows").orElse("20000")));
        } catch (java.sql.SQLException e) {
            err.println("agentctl: " + e.getMessage());
            return 1;
        }
    }

    private int show(Arguments a, String command) throws IOException, AgentCallException {
        AgentClient client = single(a);
        JsonNode node = client.json(command);
        out.println(GoJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node));
        return 0;
    }

    private int reload(Arguments a) throws IOException, AgentCallException {
        AgentClient client = single(a);
        out.println(client.post("plugins/reload").body());
        return 0;
    }

    private int abort(Arguments a) throws IOException, AgentCallException {
        List<String> p = a.positional();
        if (p.size() != 3) {
            throw new IllegalArgumentException("usage: agentctl abort HOST:PORT SEED_ID STAGE");
        }
        AgentClient client = single(a);
        out.println(client.get("abort-seed-stage/" + Long.parseLong(p.get(1)) + "/" + p.get(2)).body());
        return 0;
    }

    // Continuous downtime in orchestrator: the agent's choice lasts until it restarts.
    private int downtime(Arguments a) throws IOException, AgentCallException {
        List<String> p = a.positional();
        if (p.size() != 2 || !List.of("on", "off", "status").contains(p.get(0))) {
            throw new IllegalArgumentException("usage: agentctl downtime on|off|status HOST:PORT");
        }
        AgentClient client = client(a, p.get(1));
        AgentClient.Reply reply = p.get(0).equals("status") ? client.get("downtime")
                : client.post("downtime/" + p.get(0));
        out.println(GoJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(GoJson.mapper().readTree(reply.body())));
        return 0;
    }

    private AgentClient single(Arguments a) throws IOException {
        List<String> p = a.positional();
        if (p.isEmpty()) {
            throw new IllegalArgumentException("the agent's HOST:PORT is required");
        }
        return client(a, p.get(0));
    }

    private AgentClient client(Arguments a, String hostPort) throws IOException {
        return new AgentClient(http(a), AgentEndpoint.parse(hostPort,
                secrets.read(a.option("--token-file"), "AGENTCTL_TOKEN", "agent token"), a.flag("--https")));
    }

    private static HttpClient http(Arguments a) throws IOException {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (a.flag("--insecure")) {
            b.sslContext(PemTls.clientContext(Optional.empty(), true));
        }
        return b.build();
    }

    private void usage() {
        err.println("""
                usage:
                  agentctl seed --method METHOD --source HOST:PORT --target HOST:PORT [--seed-id N]
                                [--source-token-file F] [--target-token-file F]
                                --mysql-user USER [--mysql-password-file F] --repl-user USER [--repl-password-file F]
                                | --no-replication
                  agentctl status|data|plugins|reload HOST:PORT [--token-file F]
                  agentctl abort HOST:PORT SEED_ID STAGE [--token-file F]
                  agentctl downtime on|off|status HOST:PORT [--token-file F]
                  agentctl quickstart [--dir D] [--method Mysqldump|Mydumper] [--rows N]
                options for every command: --https, --insecure (skip certificate checks)
                secrets: token files or AGENTCTL_TOKEN / AGENTCTL_SOURCE_TOKEN / AGENTCTL_TARGET_TOKEN;
                         password files or AGENTCTL_MYSQL_PASSWORD / AGENTCTL_REPL_PASSWORD""");
    }
}
