package io.orcagent.plugins.seedsupport.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The seed-support library as a jar for a plugin's {@code lib/} in PF4J loading tests. Maven hands a
 * test the library's jar, or, when seed-support is built in the same reactor run only up to
 * {@code test}, its classes directory; a directory is packed into a jar here.
 */
public final class BundledLibraries {

    private BundledLibraries() {
    }

    /**
     * The seed-support jar named by the {@code seed-support.path} system property.
     *
     * @param workDir where to pack a jar when the property names a directory
     * @return a jar file
     * @throws IOException when it cannot be packed
     */
    public static Path seedSupportJar(Path workDir) throws IOException {
        String property = System.getProperty("seed-support.path");
        if (property == null || property.isBlank()) {
            throw new IllegalStateException("system property seed-support.path is not set (see the plugin's pom)");
        }
        Path library = Path.of(property);
        return Files.isDirectory(library) ? pack(library, workDir.resolve("seed-support.jar")) : library;
    }

    private static Path pack(Path classes, Path jar) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (Path file : files) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }
}
