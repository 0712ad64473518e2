package io.orcagent.plugins.seedsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReservedOptionsTest {

    private static final ReservedOptions MYSQLDUMP = ReservedOptions.of("--host", "-h", "--user", "-u", "--port",
            "-P", "--password", "-p", "--master-data", "--all-databases", "-A", "--defaults-file",
            "--defaults-extra-file");
    private static final ReservedOptions MYDUMPER = ReservedOptions.of("--host", "-h", "--user", "-u", "--port",
            "-P", "--password", "-p", "-o", "--outputdir", "--overwrite-tables", "-d", "--directory",
            "--no-backup-locks", "--defaults-file");

    @Test
    void allowedOptionsPassThroughInOrder() throws ConfigException {
        assertThat(MYSQLDUMP.toArguments("opts", List.of("--single-transaction", "--quick", "--hex-blob")))
                .containsExactly("--single-transaction", "--quick", "--hex-blob");
    }

    @Test
    void anOptionWrittenWithASpaceBecomesTwoArguments() throws ConfigException {
        assertThat(MYDUMPER.toArguments("opts", List.of("--threads 6", "--routines")))
                .containsExactly("--threads", "6", "--routines");
    }

    @Test
    void aReservedLongOptionWithAValueIsRefused() {
        assertThatThrownBy(() -> MYSQLDUMP.toArguments("opts", List.of("--quick", "--host=db9")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--host");
    }

    @Test
    void aReservedFlagIsRefused() {
        assertThatThrownBy(() -> MYSQLDUMP.toArguments("opts", List.of("--all-databases")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--all-databases");
    }

    @Test
    void theRefusalNamesTheConfigKey() {
        assertThatThrownBy(() -> MYSQLDUMP.toArguments("mysqldump-addtional-opts", List.of("-A")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("mysqldump-addtional-opts"));
    }

    @Test
    void aLongPasswordIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> MYSQLDUMP.toArguments("opts", List.of("--password=hunter2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--password")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aShortPasswordWithAnAttachedValueIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> MYSQLDUMP.toArguments("opts", List.of("-phunter2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("-p ")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aShortOptionWithASeparateValueIsRefused() {
        assertThatThrownBy(() -> MYSQLDUMP.toArguments("opts", List.of("-h other-host")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("-h");
    }

    @Test
    void shortOptionsAreCaseSensitive() throws ConfigException {
        assertThat(MYDUMPER.toArguments("opts", List.of("-D", "-O skip.txt")))
                .containsExactly("-D", "-O", "skip.txt");
    }

    @Test
    void anAbbreviatedLongOptionIsRefusedAsTheToolWouldExpandIt() {
        assertThatThrownBy(() -> MYSQLDUMP.toArguments("opts", List.of("--pass=hunter2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--pass")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void looseAndUnderscoreSpellingsAreRefused() {
        assertThatThrownBy(() -> MYSQLDUMP.toArguments("opts", List.of("--loose-password=x")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> MYSQLDUMP.toArguments("opts", List.of("--master_data=1")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void anOptionThatMerelyStartsLikeAReservedOneIsAllowed() throws ConfigException {
        assertThat(MYSQLDUMP.toArguments("opts", List.of("--hex-blob", "--user-defined-x")))
                .containsExactly("--hex-blob", "--user-defined-x");
    }

    @Test
    void aNulCharacterIsRefused() {
        assertThatThrownBy(() -> MYSQLDUMP.toArguments("opts", List.of("--quick\0")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void aMalformedReservedEntryIsAProgrammingError() {
        assertThatThrownBy(() -> ReservedOptions.of("host"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
