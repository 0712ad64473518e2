package io.orcagent.plugins.xtrabackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.plugins.seedsupport.testing.TestStageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The datadir guard and the datadir operations, run with the real find/touch/rm/cat/tail. */
class TargetDatadirTest {

    @TempDir
    Path temp;

    private final TestStageContext stage = TestStageContext.of(1, Stage.RESTORE, Side.TARGET);

    @Test
    void theRootDirectoryIsNeverEmptied() {
        assertThatThrownBy(() -> TargetDatadir.of(Path.of("/")))
                .isInstanceOf(UnsafeDatadirException.class)
                .hasMessageContaining("the MySQL datadir is /: refusing to empty it");
        assertThatThrownBy(() -> TargetDatadir.of(Path.of("/var/lib/../..")))
                .isInstanceOf(UnsafeDatadirException.class)
                .hasMessageContaining("the MySQL datadir is /: refusing to empty it");
    }

    @Test
    void aRelativeOrEmptyDatadirIsRefused() {
        assertThatThrownBy(() -> TargetDatadir.of(Path.of("data"))).isInstanceOf(UnsafeDatadirException.class)
                .hasMessageContaining("not an absolute path");
        assertThatThrownBy(() -> TargetDatadir.of(Path.of(""))).isInstanceOf(UnsafeDatadirException.class)
                .hasMessageContaining("knows no MySQL datadir");
    }

    @Test
    void aDatadirOtherThanTheServersIsRefused() throws Exception {
        Path agents = Files.createDirectories(temp.resolve("a/data"));
        Path servers = Files.createDirectories(temp.resolve("b/data"));
        assertThatThrownBy(() -> TargetDatadir.of(agents).requireSameAs(servers))
                .isInstanceOf(UnsafeDatadirException.class)
                .hasMessageContaining("is not the running server's datadir " + servers);
    }

    @Test
    void theServersDatadirReachedThroughALinkIsTheSame() throws Exception {
        Path real = Files.createDirectories(temp.resolve("data"));
        Path link = Files.createSymbolicLink(temp.resolve("mysql"), real);
        TargetDatadir.of(link).requireSameAs(Path.of(real + "/"));
    }

    @Test
    void withTheServerDownOnlyADirectoryThatLooksLikeADatadirIsAccepted() throws Exception {
        Path notes = Files.createDirectories(temp.resolve("notes"));
        Files.writeString(notes.resolve("todo.txt"), "keep me\n");
        assertThatThrownBy(() -> TargetDatadir.of(notes).requireLooksLikeDatadir())
                .isInstanceOf(UnsafeDatadirException.class)
                .hasMessageContaining("does not look like a MySQL datadir");
        Path datadir = Files.createDirectories(temp.resolve("data/mysql")).getParent();
        TargetDatadir.of(datadir).requireLooksLikeDatadir();
        TargetDatadir.of(Files.createDirectories(temp.resolve("emptied"))).requireLooksLikeDatadir();
    }

    @Test
    void emptyingDeletesEverythingInsideButTheDirectoryAndNothingBeside() throws Exception {
        Path datadir = Files.createDirectories(temp.resolve("data/shop"));
        Files.writeString(datadir.resolve("orders.ibd"), "x");
        Files.writeString(temp.resolve("data/ibdata1"), "x");
        Files.writeString(temp.resolve("neighbour.txt"), "stays");
        TargetDatadir.of(temp.resolve("data")).empty(stage);
        assertThat(temp.resolve("data")).isEmptyDirectory();
        assertThat(temp.resolve("neighbour.txt")).exists();
    }

    @Test
    void theLockFileIsCreatedAndRemoved() throws Exception {
        TargetDatadir datadir = TargetDatadir.of(Files.createDirectories(temp.resolve("data")));
        datadir.createLock(stage);
        assertThat(temp.resolve("data/orchestrator-agent.lock")).exists();
        datadir.removeLock(stage);
        datadir.removeLock(stage);
        assertThat(temp.resolve("data")).isEmptyDirectory();
    }

    @Test
    void compressedFilesAreFoundByWhatArrivedAndRemovedAlone() throws Exception {
        TargetDatadir datadir = TargetDatadir.of(Files.createDirectories(temp.resolve("data/shop")).getParent());
        Files.writeString(temp.resolve("data/xtrabackup_checkpoints"), "backup_type = full-backuped\n");
        assertThat(datadir.firstCompressedFile(stage)).isEmpty();
        Files.writeString(temp.resolve("data/shop/orders.ibd.zst"), "z");
        assertThat(datadir.firstCompressedFile(stage)).contains("shop/orders.ibd.zst");
        datadir.removeCompressedFiles(stage);
        try (Stream<Path> files = Files.walk(temp.resolve("data"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactly("xtrabackup_checkpoints");
        }
    }

    @Test
    void theBinlogInfoIsReadUnderEitherOfItsNames() throws Exception {
        TargetDatadir datadir = TargetDatadir.of(Files.createDirectories(temp.resolve("data")));
        assertThat(datadir.readBinlogInfo(stage)).isEmpty();
        Files.writeString(temp.resolve("data/mariadb_backup_binlog_info"), "mysql-bin.000002\t342\t0-1-7\n");
        assertThat(datadir.readBinlogInfo(stage)).contains(
                new TargetDatadir.NamedText("mariadb_backup_binlog_info", "mysql-bin.000002\t342\t0-1-7\n"));
        Files.writeString(temp.resolve("data/xtrabackup_binlog_info"), "mysql-bin.000003\t4\t0-1-8\n");
        assertThat(datadir.readBinlogInfo(stage).orElseThrow().name()).isEqualTo("xtrabackup_binlog_info");
    }

    @Test
    void anErrorLogThatCannotBeReadIsSaidSo() throws Exception {
        assertThat(TargetDatadir.tailOf(stage, temp.resolve("missing.err"))).startsWith("(cannot read " + temp.resolve("missing.err"));
        Files.writeString(temp.resolve("host.err"), "line 1\n[ERROR] InnoDB: corrupt\n");
        assertThat(TargetDatadir.tailOf(stage, temp.resolve("host.err"))).isEqualTo("line 1\n[ERROR] InnoDB: corrupt");
    }
}
