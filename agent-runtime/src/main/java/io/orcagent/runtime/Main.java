package io.orcagent.runtime;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import io.orcagent.runtime.config.AgentConfig;
import io.orcagent.runtime.config.ConfigException;
import io.orcagent.runtime.config.ConfigLoader;
import io.orcagent.runtime.wiring.AgentRuntime;

/**
 * {@code orchestrator-agent [--config PATH] [--version]}: loads the config, starts the agent, and stops
 * it gracefully on SIGTERM/SIGINT (running seed stages are stopped and their processes killed). Exit status: 2
 * for a configuration error, 3 when the configuration cannot work on this host, 4 when the HTTP listener is lost
 * while running, 1 for any other failure to start.
 */
public final class Main {

    /** Exit status when the HTTP listener is lost (for instance after running out of file descriptors). */
    static final int EXIT_HTTP_LISTENER_LOST = 4;

    private Main() {
    }

    /**
     * Entry point.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        Path configFile = ConfigLoader.DEFAULT_FILE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--version", "-version" -> {
                    System.out.println("orchestrator-agent " + version());
                    return;
                }
                case "--config", "-config" -> {
                    if (i + 1 >= args.length) {
                        usage("--config needs a path");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--help", "-h" -> {
                    usage(null);
                    return;
                }
                default -> usage("unknown argument: " + args[i]);
            }
        }
        AgentConfig config;
        try {
            config = ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        configureLogging(config);
        Logger log = LoggerFactory.getLogger(Main.class);
        try {
            AgentRuntime agent = AgentRuntime.start(config);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                log.info("shutting down");
                agent.close();
                stopped.countDown();
            }, "shutdown"));
            agent.httpListenerLost().thenAccept(reason -> {
                log.error("{}: exiting with status {} so that the service manager restarts the agent", reason,
                        EXIT_HTTP_LISTENER_LOST);
                // another thread: exiting runs the shutdown hook (a clean stop), which stops the watch
                Thread.ofPlatform().name("exit").start(() -> System.exit(EXIT_HTTP_LISTENER_LOST));
            });
            stopped.await();
        } catch (AgentRuntime.StartupException e) {
            log.error("cannot start: {}", e.getMessage());
            System.exit(3);
        } catch (Exception e) {
            log.error("cannot start: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    /**
     * The agent's version from the jar manifest.
     *
     * @return the version, or {@code dev}
     */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    // logback.xml reads these properties; loading the config may already have initialised logback, so
    // it is configured again from the distribution's conf/logback.xml once they are set.
    private static void configureLogging(AgentConfig config) {
        System.setProperty("orchestrator.agent.log.file", config.logging().file().toString());
        System.setProperty("orchestrator.agent.log.level", config.logging().level().toUpperCase(Locale.ROOT));
        String explicit = System.getProperty("logback.configurationFile");
        String home = System.getProperty("orchestrator.agent.home");
        Path file = explicit != null ? Path.of(explicit) : home != null ? Path.of(home, "conf", "logback.xml") : null;
        if (file != null && file.toFile().isFile()
                && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            try {
                configurator.doConfigure(file.toFile());
            } catch (JoranException e) {
                System.err.println("cannot configure logging from " + file + ": " + e.getMessage());
            }
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println(problem);
        }
        System.err.println("usage: orchestrator-agent [--config /etc/orchestrator-agent.conf] [--version]");
        if (problem != null) {
            System.exit(2);
        }
    }
}
