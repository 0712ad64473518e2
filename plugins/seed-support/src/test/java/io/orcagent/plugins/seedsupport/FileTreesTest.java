package io.orcagent.plugins.seedsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path dir;

    @Test
    void theSizeOfADirectoryIsTheSumOfItsFiles() throws IOException {
        Files.write(dir.resolve("a"), new byte[100]);
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("sub/b"), new byte[23]);
        assertThat(FileTrees.sizeOf(dir)).isEqualTo(123);
    }

    @Test
    void aMissingPathHasSizeZero() {
        assertThat(FileTrees.sizeOf(dir.resolve("nothing"))).isZero();
    }

    @Test
    void deletingATreeRemovesEverythingUnderIt() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("dump/sub"));
        Files.write(tree.resolve("f"), new byte[1]);
        assertThat(FileTrees.delete(dir.resolve("dump"))).isTrue();
        assertThat(dir.resolve("dump")).doesNotExist();
    }

    @Test
    void deletingDoesNotFollowASymbolicLink() throws IOException {
        Path precious = Files.createDirectories(dir.resolve("precious"));
        Files.write(precious.resolve("keep"), new byte[1]);
        Path link = Files.createSymbolicLink(dir.resolve("link"), precious);
        assertThat(FileTrees.delete(link)).isTrue();
        assertThat(link).doesNotExist();
        assertThat(precious.resolve("keep")).exists();
    }

    @Test
    void deletingAMissingPathIsNotAnError() throws IOException {
        assertThat(FileTrees.delete(dir.resolve("nothing"))).isFalse();
    }
}
