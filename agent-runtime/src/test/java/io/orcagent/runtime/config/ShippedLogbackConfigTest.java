package io.orcagent.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** conf/logback.xml takes its file and level from the system properties the runtime sets. */
class ShippedLogbackConfigTest {

    private static final Path SHIPPED = Path.of("../conf/logback.xml");
    private static final String FILE_PROPERTY = "orchestrator.agent.log.file";
    private static final String LEVEL_PROPERTY = "orchestrator.agent.log.level";

    @TempDir
    Path dir;

    private Path logFile;
    private LoggerContext context;

    @BeforeEach
    void pointTheLogAtATemporaryFile() {
        logFile = dir.resolve("agent.log");
        System.setProperty(FILE_PROPERTY, logFile.toString());
    }

    @AfterEach
    void restore() {
        if (context != null) {
            context.stop();
        }
        MDC.clear();
        System.clearProperty(FILE_PROPERTY);
        System.clearProperty(LEVEL_PROPERTY);
    }

    private Logger configuredLogger() throws Exception {
        context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(SHIPPED.toFile());
        return context.getLogger("io.orcagent.runtime.seed.SeedEngine");
    }

    private List<String> loggedLines() throws Exception {
        context.stop();
        return Files.readAllLines(logFile);
    }

    @Test
    void eventsCarryTheSeedAndPluginWhenSet() throws Exception {
        Logger log = configuredLogger();

        MDC.put("seed", "42");
        MDC.put("plugin", "mysqldump");
        log.info("Backup stage started");

        assertThat(loggedLines()).singleElement().asString()
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  \\[.+] "
                        + "io\\.orcagent\\.runtime\\.seed\\.SeedEngine seed=42 plugin=mysqldump"
                        + " - Backup stage started");
    }

    @Test
    void eventsLeaveOutSeedAndPluginWhenNotSet() throws Exception {
        Logger log = configuredLogger();

        log.info("Registered with orchestrator");

        assertThat(loggedLines()).singleElement().asString()
                .endsWith(" io.orcagent.runtime.seed.SeedEngine - Registered with orchestrator")
                .doesNotContain("seed=", "plugin=");
    }

    @Test
    void theLevelComesFromTheSystemProperty() throws Exception {
        System.setProperty(LEVEL_PROPERTY, "warn");
        Logger log = configuredLogger();

        log.info("not written");
        log.warn("written");

        assertThat(loggedLines()).singleElement().asString().endsWith(" - written");
    }

    @Test
    void theDefaultLevelIsInfo() throws Exception {
        Logger log = configuredLogger();

        log.debug("not written");
        log.info("written");

        assertThat(loggedLines()).singleElement().asString().endsWith(" - written");
    }
}
