package io.orcagent.runtime.exec;

import io.orcagent.api.OptionFile;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes MySQL client option files ({@code [client]} user, password, host, port) for
 * {@code --defaults-extra-file}, so passwords never appear on a command line. Each file is created
 * with mode 0600 atomically (no window in which another user could open it) in a 0700 directory.
 */
public final class OptionFiles {

    private static final Logger LOG = LoggerFactory.getLogger(OptionFiles.class);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final Path directory;
    private final String user;
    private final String password;

    /**
     * Creates the writer.
     *
     * @param directory where files go (created 0700 when missing), e.g. {@code <state-dir>/tmp}
     * @param user the account
     * @param password its password
     */
    public OptionFiles(Path directory, String user, String password) {
        this.directory = Objects.requireNonNull(directory, "directory is null").toAbsolutePath();
        this.user = Objects.requireNonNull(user, "user is null");
        this.password = Objects.requireNonNull(password, "password is null");
    }

    /**
     * Deletes the option files an earlier agent left in the directory: one killed with SIGKILL cannot
     * delete the files of the tools it was running, and each holds the password. Call once at startup,
     * before any file is written.
     *
     * @return how many files were deleted
     * @throws IOException when the directory cannot be read or a file cannot be deleted
     */
    public int removeLeftovers() throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, "client-*.cnf")) {
            for (Path file : leftovers) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        if (removed > 0) {
            LOG.warn("removed {} option file(s) left in {} by an earlier agent", removed, directory);
        }
        return removed;
    }

    /**
     * Writes a file for one connection target.
     *
     * @param host the server ({@code localhost} for the local socket)
     * @param port the server port
     * @return the file; closing it deletes it
     * @throws IOException when it cannot be written
     */
    public OptionFile write(String host, int port) throws IOException {
        Objects.requireNonNull(host, "host is null");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, OWNER_DIR);
        }
        Path file = directory.resolve("client-" + UUID.randomUUID() + ".cnf");
        Files.createFile(file, OWNER_FILE);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
            out.write("[client]\n");
            out.write("user=" + quote(user) + "\n");
            out.write("password=" + quote(password) + "\n");
            out.write("host=" + quote(host) + "\n");
            out.write("port=" + port + "\n");
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new ClientOptionFile(file);
    }

    /**
     * Quotes a value for a MySQL option file: double quotes around it (so {@code #}, leading and
     * trailing spaces survive) and backslash escapes for the characters the parser unescapes.
     *
     * @param value the raw value
     * @return the value as written in the file
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @Override
    public String toString() {
        return "OptionFiles[" + directory + ", user=" + user + "]";
    }

    /** A written file; closing deletes it. */
    private record ClientOptionFile(Path path) implements OptionFile {

        @Override
        public void close() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("could not delete option file {}: {}", path, e.toString());
            }
        }
    }
}
