package io.orcagent.plugins.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.OptionFile;
import io.orcagent.runtime.exec.OptionFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the password back from the option files the runtime really writes. */
class OptionFilePasswordTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"plain", "s3 cr;e#t\"pw", "it's \\ here", "tab\there", " leading and trailing ", "ünïcødé"})
    void thePasswordTheRuntimeWroteIsReadBackExactly(String password) throws IOException {
        try (OptionFile file = new OptionFiles(temp, "orcagent", password).write("db1.example.com", 3306)) {
            assertThat(OptionFilePassword.read(file.path())).isEqualTo(password);
        }
    }

    @Test
    void anUnquotedValueIsReadWithMysqlsEscapes() throws IOException {
        Path file = Files.writeString(temp.resolve("my.cnf"), "[mysqld]\npassword=not-this\n[client]\nuser=u\n"
                + "password = one\\stwo\n");

        assertThat(OptionFilePassword.read(file)).isEqualTo("one two");
    }

    @Test
    void aFileWithoutAClientPasswordIsAnError() throws IOException {
        Path file = Files.writeString(temp.resolve("my.cnf"), "[client]\nuser=u\n");

        assertThatThrownBy(() -> OptionFilePassword.read(file)).isInstanceOf(IOException.class)
                .hasMessage("the client option file written by the agent holds no password");
    }
}
