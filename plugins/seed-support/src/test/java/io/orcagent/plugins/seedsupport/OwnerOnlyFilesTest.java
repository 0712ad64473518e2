package io.orcagent.plugins.seedsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @TempDir
    Path dir;

    @Test
    void anOldWorldReadableFileIsReplacedByAnEmptyPrivateOne() throws Exception {
        Path dump = dir.resolve("dump.sql");
        Files.writeString(dump, "old dump");
        Files.setPosixFilePermissions(dump, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnlyFiles.createEmptyFile(dump);

        assertThat(dump).isEmptyFile();
        assertThat(permissions(dump)).isEqualTo("rw-------");
    }

    @Test
    void missingParentsAreCreatedPrivateAndExistingOnesAreLeftAlone() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        Path dump = dir.resolve("a/b/dump.sql");

        OwnerOnlyFiles.createEmptyFile(dump);

        assertThat(permissions(dir.resolve("a"))).isEqualTo("rwx------");
        assertThat(permissions(dir.resolve("a/b"))).isEqualTo("rwx------");
        assertThat(permissions(dir)).isEqualTo("rwxr-x---");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
