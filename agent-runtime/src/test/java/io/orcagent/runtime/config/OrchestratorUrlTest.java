package io.orcagent.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrchestratorUrlTest {

    @TempDir
    Path dir;

    private OrchestratorConfig load(String urlLine) throws Exception {
        String text = ConfigFiles.REQUIRED.replace("url = \"orc.example.com\"", urlLine);
        return ConfigLoader.load(ConfigFiles.write(dir, text)).orchestrator();
    }

    private String problem(String urlLine) throws IOException {
        String text = ConfigFiles.REQUIRED.replace("url = \"orc.example.com\"", urlLine);
        Path file = ConfigFiles.write(dir, text);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e).isNotNull();
        assertThat(e.problems()).hasSize(1);
        String prefix = file + ": orchestrator.url: ";
        assertThat(e.getMessage()).startsWith(prefix);
        return e.getMessage().substring(prefix.length());
    }

    @Test
    void httpIsAddedWhenTheSchemeIsMissing() throws Exception {
        assertThat(load("url = \"orc.example.com\"").urls()).containsExactly(URI.create("http://orc.example.com"));
    }

    @Test
    void httpsIsKept() throws Exception {
        assertThat(load("url = \"HTTPS://Orc.Example.com\"").urls())
                .containsExactly(URI.create("https://orc.example.com"));
    }

    @Test
    void aTrailingSlashIsDropped() throws Exception {
        assertThat(load("url = \"http://orc.example.com/\"").urls())
                .containsExactly(URI.create("http://orc.example.com"));
    }

    @Test
    void severalUrlsAreKeptInFileOrder() throws Exception {
        OrchestratorConfig config = load(
                "url = [\"http://orc2.example.com\", \"orc1.example.com\", \"127.0.0.3\"]");

        assertThat(config.urls()).containsExactly(URI.create("http://orc2.example.com"),
                URI.create("http://orc1.example.com"), URI.create("http://127.0.0.3"));
    }

    @Test
    void agentEndpointsCombineEachUrlWithTheAgentsPort() throws Exception {
        OrchestratorConfig config = load("url = [\"orc1.example.com\", \"https://[::1]\"]\nagents-port = 3101");

        assertThat(config.agentEndpoints()).containsExactly(URI.create("http://orc1.example.com:3101"),
                URI.create("https://[::1]:3101"));
    }

    @Test
    void aUrlWithAPortIsRefusedWithAPointerToAgentsPort() throws IOException {
        assertThat(problem("url = \"http://orc.example.com:3001\"")).isEqualTo("must not contain a port: set"
                + " orchestrator's agents port with agents-port (got \"http://orc.example.com:3001\")");
    }

    @Test
    void aUrlWithAPathIsRefused() throws IOException {
        assertThat(problem("url = \"http://orc.example.com/orchestrator\"")).isEqualTo("must be only a scheme and a"
                + " host, without a path: the agent adds /api/... itself"
                + " (got \"http://orc.example.com/orchestrator\")");
    }

    @Test
    void aSchemeOtherThanHttpIsRefused() throws IOException {
        assertThat(problem("url = \"ftp://orc.example.com\""))
                .isEqualTo("must start with http:// or https:// (got \"ftp://orc.example.com\")");
    }

    @Test
    void anEmptyListIsRefused() throws IOException {
        assertThat(problem("url = []"))
                .isEqualTo("must list at least one orchestrator URL, e.g. url = [\"http://orchestrator.example.com\"]");
    }

    @Test
    void aListOfNonStringsIsRefused() throws IOException {
        assertThat(problem("url = [1, 2]")).isEqualTo("must be a string or an array of strings, e.g. url ="
                + " \"http://orchestrator.example.com\" (got [1, 2])");
    }

    @Test
    void theSameUrlTwiceIsRefused() throws IOException {
        assertThat(problem("url = [\"orc.example.com\", \"http://orc.example.com\"]"))
                .isEqualTo("lists \"http://orc.example.com\" more than once");
    }

    @Test
    void theConfigRecordRequiresAtLeastOneUrl() {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> new OrchestratorConfig(List.of(), 3001, ApiFlavour.AUTO));

        assertThat(e).hasMessage("at least one orchestrator url is required");
    }
}
