package io.orcagent.runtime.plugins;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;

/**
 * The parent of every plugin class loader. It shows a plugin the JDK (through the platform class
 * loader) and, from the runtime's own class loader, only the shared packages: the SPI and the SLF4J
 * API. Everything else the runtime carries (Jackson, Helidon, logback, the JDBC driver, PF4J, the
 * runtime itself) stays invisible, so a plugin cannot depend on it by accident and can bundle its own
 * versions of such libraries.
 */
final class SpiOnlyParentClassLoader extends ClassLoader {

    /** Class-name prefixes served from the runtime's class loader. */
    static final List<String> SHARED_PACKAGES = List.of("io.orcagent.api.", "org.slf4j.");

    private static final List<String> SHARED_RESOURCE_PREFIXES = SHARED_PACKAGES.stream()
            .map(prefix -> prefix.replace('.', '/'))
            .toList();

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader host;

    SpiOnlyParentClassLoader(ClassLoader host) {
        super("orchestrator-agent-plugin-parent", ClassLoader.getPlatformClassLoader());
        this.host = Objects.requireNonNull(host, "host is null");
    }

    /**
     * Whether a class belongs to a package that plugins share with the runtime.
     *
     * @param className a binary class name
     * @return true for the SPI and SLF4J
     */
    static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSharedResource(String name) {
        for (String prefix : SHARED_RESOURCE_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return host.loadClass(name);
        }
        // platform classes only; findClass() of ClassLoader throws ClassNotFoundException for the rest
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        if (isSharedResource(name)) {
            return host.getResource(name);
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (isSharedResource(name)) {
            return host.getResources(name);
        }
        // the runtime's META-INF/services files must never reach a plugin's ServiceLoader
        return super.getResources(name);
    }

    @Override
    protected URL findResource(String name) {
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        return Collections.emptyEnumeration();
    }
}
