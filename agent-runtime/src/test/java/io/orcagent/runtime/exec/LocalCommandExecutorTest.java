package io.orcagent.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.Command;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalCommandExecutorTest {

    final Command lvs = Command.of("lvs", "--noheading", "vg0/mysql").asPrivileged();

    @Test
    void aPrivilegedCommandRunsThroughNonInteractiveSudo() {
        assertThat(new LocalCommandExecutor(true, "").argv(lvs))
                .containsExactly("sudo", "-n", "--", "lvs", "--noheading", "vg0/mysql");
    }

    @Test
    void theSudoUserIsPassedWithDashU() {
        assertThat(new LocalCommandExecutor(true, "mysql").argv(lvs))
                .containsExactly("sudo", "-n", "-u", "mysql", "--", "lvs", "--noheading", "vg0/mysql");
    }

    @Test
    void anUnprivilegedCommandNeverGetsSudo() {
        Command plain = Command.of("mysqldump", "--all-databases");
        assertThat(new LocalCommandExecutor(true, "mysql").argv(plain)).containsExactly("mysqldump", "--all-databases");
    }

    @Test
    void withSudoOffAPrivilegedCommandRunsAsItIs() {
        assertThat(new LocalCommandExecutor(false, "mysql").argv(lvs)).containsExactly("lvs", "--noheading", "vg0/mysql");
    }

    @Test
    void environmentVariablesArePreservedThroughSudoByName() {
        Command withEnv = lvs.environment(Map.of("LVM_SUPPRESS_FD_WARNINGS", "1", "A_FIRST", "x"));
        assertThat(new LocalCommandExecutor(true, "").argv(withEnv))
                .containsExactly("sudo", "-n", "--preserve-env=A_FIRST,LVM_SUPPRESS_FD_WARNINGS", "--",
                        "lvs", "--noheading", "vg0/mysql");
    }

    @Test
    void aSudoUserThatLooksLikeAnOptionIsRejected() {
        assertThatThrownBy(() -> new LocalCommandExecutor(true, "-s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sudo-user");
        assertThatThrownBy(() -> new LocalCommandExecutor(true, "a b")).isInstanceOf(IllegalArgumentException.class);
    }
}
