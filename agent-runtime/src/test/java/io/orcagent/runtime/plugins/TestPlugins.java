package io.orcagent.runtime.plugins;

import io.orcagent.api.AgentPlugin;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.slf4j.Logger;

/**
 * Builds real plugin jars at test time (Kafka's TestPlugins idea): each fixture under
 * {@code src/test/resources/test-plugins/<name>/} has a {@code plugin.properties}, Java sources under
 * {@code src/} and resources under {@code resources/}. The sources are compiled with javax.tools against
 * agent-api and slf4j only, exactly like a plugin built with the plugin parent POM.
 */
final class TestPlugins {

    private TestPlugins() {
    }

    /**
     * Starts a build of one fixture.
     *
     * @param fixture the fixture directory name
     * @return the builder
     */
    static Builder fixture(String fixture) {
        return new Builder(fixture);
    }

    /** Builds one plugin into a plugins directory. */
    static final class Builder {

        private final String fixture;
        private boolean bundleApi;
        private boolean zipped;
        private Predicate<String> omit = name -> false;

        private Builder(String fixture) {
            this.fixture = fixture;
        }

        /** Puts a copy of agent-api into the plugin's lib/ (a plugin that forgot {@code provided}). */
        Builder bundlingApi() {
            this.bundleApi = true;
            return this;
        }

        /** Leaves compiled classes whose jar entry name starts with the prefix out of the jar. */
        Builder omitting(String entryPrefix) {
            this.omit = name -> name.startsWith(entryPrefix);
            return this;
        }

        /** Writes {@code <name>.zip} instead of an unpacked directory. */
        Builder zipped() {
            this.zipped = true;
            return this;
        }

        /**
         * Builds into the plugins directory.
         *
         * @param pluginsDir the plugins directory
         * @return the plugin directory or zip written
         */
        Path into(Path pluginsDir) {
            try {
                Path source = fixtureDir(fixture);
                // build next to the plugins directory, inside the test's temporary directory
                Path buildRoot = Files.createDirectories(pluginsDir.toAbsolutePath().getParent().resolve("plugin-builds"));
                Path work = Files.createTempDirectory(buildRoot, fixture);
                Path classes = Files.createDirectories(work.resolve("classes"));
                compile(source.resolve("src"), classes);
                copyTree(source.resolve("resources"), classes);

                Path layout = Files.createDirectories(work.resolve("layout"));
                Files.copy(source.resolve("plugin.properties"), layout.resolve("plugin.properties"));
                Path lib = Files.createDirectories(layout.resolve("lib"));
                jar(classes, lib.resolve(fixture + ".jar"), omit);
                if (bundleApi) {
                    Path api = codeSource(AgentPlugin.class);
                    if (Files.isDirectory(api)) {
                        jar(api, lib.resolve("agent-api.jar"), name -> false);
                    } else {
                        Files.copy(api, lib.resolve("agent-api.jar"));
                    }
                }
                Files.createDirectories(pluginsDir);
                if (zipped) {
                    Path zip = pluginsDir.resolve(fixture + ".zip");
                    zip(layout, zip);
                    return zip;
                }
                Path target = pluginsDir.resolve(fixture);
                copyTree(layout, target);
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Path fixtureDir(String fixture) {
        URL url = TestPlugins.class.getResource("/test-plugins/" + fixture + "/plugin.properties");
        if (url == null) {
            throw new IllegalArgumentException("no test plugin fixture " + fixture);
        }
        try {
            return Paths.get(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path codeSource(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void compile(Path sources, Path classes) throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        String classPath = codeSource(AgentPlugin.class) + java.io.File.pathSeparator + codeSource(Logger.class);
        List<String> args = new ArrayList<>(List.of("--release", "21", "-proc:none", "-classpath", classPath,
                "-d", classes.toString()));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        int exit = javac.run(null, null, new OutputStream() {
            @Override
            public void write(int b) {
                errors.write(b);
            }
        }, args.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("test plugin sources in " + sources + " do not compile:\n" + errors);
        }
    }

    private static void jar(Path root, Path jar, Predicate<String> omit) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (omit.test(name)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static void zip(Path root, Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
             Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(root.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
