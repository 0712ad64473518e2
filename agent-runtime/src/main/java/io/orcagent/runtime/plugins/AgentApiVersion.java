package io.orcagent.runtime.plugins;

import io.orcagent.api.AgentPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The version of the agent-api the runtime carries, read from {@code io/orcagent/api/agent-api.properties}
 * inside the agent-api jar, which the build filters from the POM's {@code agent.api.version}: plugins'
 * {@code plugin.requires} is checked against it, and nothing else in the runtime repeats it.
 */
public final class AgentApiVersion {

    /** Where agent-api keeps its version. */
    static final String RESOURCE = "/io/orcagent/api/agent-api.properties";

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final String CURRENT = read();

    private AgentApiVersion() {
    }

    /**
     * The agent-api version.
     *
     * @return e.g. {@code 1.1.0}
     */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        // the agent-api on the runtime's class path, never a copy a plugin bundles
        try (InputStream in = AgentPlugin.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("agent-api carries no " + RESOURCE + ": a broken build");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            if (!VERSION.matcher(version).matches()) {
                throw new IllegalStateException(RESOURCE + " says version '" + version + "': the build did not filter it");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
