package io.orcagent.plugins.lvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatadirLocatorTest {

    @TempDir
    Path mount;

    private Path datadirAt(String relative) throws IOException {
        Path dir = Files.createDirectories(mount.resolve(relative));
        Files.writeString(dir.resolve("ibdata1"), "x");
        return dir;
    }

    @Test
    void aVolumeMountedAtTheDatadirIsTheDatadir() throws Exception {
        datadirAt(".");

        assertThat(DatadirLocator.locate(mount, Path.of("/var/lib/mysql/"))).isEqualTo(mount);
    }

    @Test
    void aVolumeMountedAtAParentHoldsTheDatadirUnderItsLastComponents() throws Exception {
        Path expected = datadirAt("mysql");

        assertThat(DatadirLocator.locate(mount, Path.of("/data/mysql"))).isEqualTo(expected);
    }

    @Test
    void aSubvolumeHoldingTheDatadirKeepsItsRelativePath() throws Exception {
        Path expected = datadirAt("data");

        assertThat(DatadirLocator.locate(mount, Path.of("/srv/btrfs/mysql/data"))).isEqualTo(expected);
    }

    @Test
    void theLongestMatchingRestWins() throws Exception {
        datadirAt(".");
        Path expected = datadirAt("lib/mysql");

        assertThat(DatadirLocator.locate(mount, Path.of("/var/lib/mysql"))).isEqualTo(expected);
    }

    @Test
    void aSnapshotWithoutIbdata1SaysWhereItLooked() throws Exception {
        Files.createDirectories(mount.resolve("mysql"));

        assertThatThrownBy(() -> DatadirLocator.locate(mount, Path.of("/var/lib/mysql")))
                .isInstanceOf(IOException.class)
                .hasMessage("the snapshot mounted at " + mount + " holds no MySQL datadir for /var/lib/mysql: none of ["
                        + mount.resolve("var/lib/mysql") + ", " + mount.resolve("lib/mysql") + ", " + mount.resolve("mysql")
                        + ", " + mount + "] contains ibdata1");
    }

    @Test
    void aLinkOutOfTheSnapshotIsNotFollowed(@TempDir Path elsewhere) throws Exception {
        Files.writeString(elsewhere.resolve("ibdata1"), "x");
        Files.createSymbolicLink(mount.resolve("mysql"), elsewhere);

        assertThatThrownBy(() -> DatadirLocator.locate(mount, Path.of("/var/lib/mysql"))).isInstanceOf(IOException.class);
    }
}
