package io.orcagent.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.OptionFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionFilesTest {

    @TempDir
    Path dir;

    @Test
    void theFileIsReadableByItsOwnerOnly() throws Exception {
        try (OptionFile file = new OptionFiles(dir, "agent", "secret").write("localhost", 3306)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        }
    }

    @Test
    void aMissingDirectoryIsCreatedForItsOwnerOnly() throws Exception {
        Path tmp = dir.resolve("state/tmp");
        try (OptionFile file = new OptionFiles(tmp, "agent", "secret").write("localhost", 3306)) {
            assertThat(file.path().getParent()).isEqualTo(tmp);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp))).isEqualTo("rwx------");
        }
    }

    @Test
    void theFileHoldsAClientGroupWithQuotedEscapedValues() throws Exception {
        try (OptionFile file = new OptionFiles(dir, "agent", "p\"a's\\s #x").write("db-1.example", 3307)) {
            assertThat(file.path()).hasContent("""
                    [client]
                    user="agent"
                    password="p\\"a\\'s\\\\s #x"
                    host="db-1.example"
                    port=3307
                    """);
        }
    }

    @Test
    void closingDeletesTheFile() throws Exception {
        OptionFile file = new OptionFiles(dir, "agent", "secret").write("localhost", 3306);
        file.close();
        assertThat(file.path()).doesNotExist();
        file.close();
    }

    @Test
    void controlCharactersAreEscapedSoTheFileKeepsOneValuePerLine() {
        assertThat(OptionFiles.quote("a\nb\tc\rd")).isEqualTo("\"a\\nb\\tc\\rd\"");
    }

    @Test
    void thePasswordIsNotInTheWritersToString() {
        assertThat(new OptionFiles(dir, "agent", "hunter2").toString()).doesNotContain("hunter2").contains("agent");
    }

    @Test
    void filesLeftByAnEarlierAgentAreRemovedAndOtherFilesKept() throws Exception {
        OptionFiles earlier = new OptionFiles(dir, "agent", "secret");
        OptionFile first = earlier.write("localhost", 3306);
        OptionFile second = earlier.write("db-1.example", 3306);
        Path other = Files.writeString(dir.resolve("notes.txt"), "not ours");

        assertThat(new OptionFiles(dir, "agent", "secret").removeLeftovers()).isEqualTo(2);

        assertThat(first.path()).doesNotExist();
        assertThat(second.path()).doesNotExist();
        assertThat(other).exists();
    }

    @Test
    void aMissingDirectoryHasNoLeftovers() throws Exception {
        assertThat(new OptionFiles(dir.resolve("absent"), "agent", "secret").removeLeftovers()).isZero();
    }
}
