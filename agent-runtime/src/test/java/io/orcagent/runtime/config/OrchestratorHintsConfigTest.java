package io.orcagent.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main-API keys of [orchestrator]: api-url, credentials, discovery, promotion rule, downtime, jitter. */
class OrchestratorHintsConfigTest {

    @TempDir
    Path dir;

    private Path file;

    private OrchestratorConfig load(String lines) throws Exception {
        file = ConfigFiles.write(dir, ConfigFiles.requiredWith("orchestrator", lines));
        return ConfigLoader.load(file).orchestrator();
    }

    private OrchestratorHintsConfig hints(String lines) throws Exception {
        return load(lines).hints().orElseThrow();
    }

    private List<String> problems(String lines) throws IOException {
        file = ConfigFiles.write(dir, ConfigFiles.requiredWith("orchestrator", lines));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e).as("the file must be refused").isNotNull();
        return e.problems();
    }

    private String line(String key, String sentence) {
        return file + ": orchestrator." + key + ": " + sentence;
    }

    @Test
    void withoutApiUrlThereAreNoHintsAndTheAgentBehavesAsBefore() throws Exception {
        assertThat(load("").hints()).isEmpty();
    }

    @Test
    void anApiUrlAloneGivesTheDefaults() throws Exception {
        OrchestratorHintsConfig hints = hints("api-url = \"http://orc.example.com:3000\"");

        assertThat(hints.apiUrls()).containsExactly(URI.create("http://orc.example.com:3000"));
        assertThat(hints.apiUser()).isEmpty();
        assertThat(hints.apiPassword().isEmpty()).isTrue();
        assertThat(hints.discoverInterval()).isEqualTo(Duration.ofHours(24));
        assertThat(hints.promotionRule()).isEmpty();
        assertThat(hints.promotionRuleCommand()).isEmpty();
        assertThat(hints.promotionRuleInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(hints.downtime()).isFalse();
        assertThat(hints.downtimeDuration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(hints.downtimeOwner()).isEqualTo("orchestrator-agent");
        assertThat(hints.downtimeReason()).isEqualTo("continuous downtime from orchestrator-agent");
        assertThat(hints.hintJitter()).isEqualTo(0.2);
    }

    @Test
    void everyKeyIsRead() throws Exception {
        OrchestratorHintsConfig hints = hints("""
                api-url = ["orc1.example.com:3000", "HTTPS://Orc2.example.com:3443/orchestrator/api/"]
                api-user = "agents"
                api-password = "pw-in-config"
                discover-interval = "12h"
                promotion-rule = "Prefer_Not"
                promotion-rule-interval = "5m"
                downtime = true
                downtime-duration = "10m"
                downtime-owner = "dba team"
                downtime-reason = "auto-restore box (nightly)"
                hint-jitter = 0.1
                """);

        assertThat(hints).isEqualTo(new OrchestratorHintsConfig(
                List.of(URI.create("http://orc1.example.com:3000"),
                        URI.create("https://orc2.example.com:3443/orchestrator")),
                Optional.of("agents"), new Secret("pw-in-config"), Duration.ofHours(12),
                Optional.of(PromotionRule.PREFER_NOT), Optional.empty(), Duration.ofMinutes(5), true,
                Duration.ofMinutes(10), "dba team", "auto-restore box (nightly)", 0.1));
    }

    @Test
    void aZeroDiscoverIntervalSwitchesDiscoveryOff() throws Exception {
        OrchestratorHintsConfig hints = hints("api-url = \"orc:3000\"\ndiscover-interval = \"0\"");

        assertThat(hints.discoveryEnabled()).isFalse();
    }

    @Test
    void aPromotionRuleCommandIsKeptButNotShown() throws Exception {
        OrchestratorHintsConfig hints = hints(
                "api-url = \"orc:3000\"\npromotion-rule-command = \"cat /etc/rule --token=abc\"");

        assertThat(hints.promotionRuleCommand()).contains("cat /etc/rule --token=abc");
        assertThat(hints.toString()).doesNotContain("abc").contains("promotionRuleCommand=(set)");
    }

    @Test
    void thePasswordNeverShowsInToString() throws Exception {
        OrchestratorHintsConfig hints = hints("api-url = \"orc:3000\"\napi-user = \"u\"\napi-password = \"hunter2\"");

        assertThat(hints.toString()).doesNotContain("hunter2");
    }

    @Test
    void hintKeysWithoutApiUrlAreRefused() throws IOException {
        assertThat(problems("downtime = true\npromotion-rule = \"prefer\"")).containsExactly(
                line("promotion-rule", "needs api-url, orchestrator's main API"
                        + " (e.g. api-url = \"http://orchestrator.example.com:3000\")"),
                line("downtime", "needs api-url, orchestrator's main API"
                        + " (e.g. api-url = \"http://orchestrator.example.com:3000\")"));
    }

    @Test
    void anApiUrlWithCredentialsIsRefused() throws IOException {
        assertThat(problems("api-url = \"http://u:secret@orc:3000\"")).hasSize(1).first().asString()
                .startsWith(line("api-url", "must not contain a user name or password: set api-user and api-password"));
    }

    @Test
    void anApiUrlWithAQueryIsRefused() throws IOException {
        assertThat(problems("api-url = \"http://orc:3000/?x=1\"")).containsExactly(
                line("api-url", "must not contain a query or a fragment (got \"http://orc:3000/?x=1\")"));
    }

    @Test
    void theSameApiUrlTwiceIsRefused() throws IOException {
        assertThat(problems("api-url = [\"orc:3000\", \"http://orc:3000/api\"]")).containsExactly(
                line("api-url", "lists \"http://orc:3000\" more than once"));
    }

    @Test
    void anEmptyApiUrlListIsRefused() throws IOException {
        assertThat(problems("api-url = []")).containsExactly(line("api-url",
                "must list at least one URL, e.g. api-url = [\"http://orchestrator.example.com:3000\"]"));
    }

    @Test
    void anUnknownPromotionRuleIsRefused() throws IOException {
        assertThat(problems("api-url = \"orc:3000\"\npromotion-rule = \"must\"")).containsExactly(line(
                "promotion-rule", "must be one of prefer, neutral, prefer_not, must_not (got \"must\")"));
    }

    @Test
    void aRuleAndARuleCommandTogetherAreRefused() throws IOException {
        assertThat(problems("api-url = \"orc:3000\"\npromotion-rule = \"prefer\"\npromotion-rule-command = \"x\""))
                .containsExactly(line("promotion-rule-command",
                        "cannot be combined with promotion-rule: set one of them"));
    }

    @Test
    void aUserWithoutPasswordIsRefused() throws IOException {
        assertThat(problems("api-url = \"orc:3000\"\napi-user = \"agents\"")).containsExactly(
                line("api-password", "is required with api-user"));
    }

    @Test
    void aPasswordOfTheWrongTypeIsReportedWithoutItsValue() throws IOException {
        List<String> problems = problems("api-url = \"orc:3000\"\napi-user = \"u\"\napi-password = 987654");

        assertThat(problems).contains(line("api-password", "must be a string (got an integer)"));
        assertThat(String.join("\n", problems)).doesNotContain("987654");
    }

    @Test
    void aVeryShortDiscoverIntervalIsRefused() throws IOException {
        assertThat(problems("api-url = \"orc:3000\"\ndiscover-interval = \"10s\"")).containsExactly(
                line("discover-interval", "must be 0 (off) or at least 1m, so a fleet does not storm orchestrator"
                        + " (got \"10s\")"));
    }

    @Test
    void aVeryShortPromotionRuleIntervalIsRefused() throws IOException {
        assertThat(problems("api-url = \"orc:3000\"\npromotion-rule-interval = \"5s\"")).containsExactly(
                line("promotion-rule-interval", "must be at least 10s (got \"5s\")"));
    }

    @Test
    void aDowntimeDurationBelowAMinuteIsRefused() throws IOException {
        assertThat(problems("api-url = \"orc:3000\"\ndowntime-duration = \"30s\"")).containsExactly(
                line("downtime-duration", "must be at least 1m (got \"30s\")"));
    }

    @Test
    void aDowntimeDurationWithFractionsOfASecondIsRefused() throws IOException {
        assertThat(problems("api-url = \"orc:3000\"\ndowntime-duration = \"90.5s\"")).containsExactly(
                line("downtime-duration", "must be a whole number of seconds (got \"90.5s\")"));
    }

    @Test
    void aDowntimeReasonWithASlashIsRefused() throws IOException {
        assertThat(problems("api-url = \"orc:3000\"\ndowntime-reason = \"a/b\"")).containsExactly(
                line("downtime-reason", "must be 1 to 128 letters, digits, spaces or _ . , : @ ( ) - (got \"a/b\")"));
    }

    @Test
    void aJitterAboveOneHalfIsRefused() throws IOException {
        assertThat(problems("api-url = \"orc:3000\"\nhint-jitter = 0.7")).containsExactly(
                line("hint-jitter", "must be between 0 and 0.5 (got 0.7)"));
    }

    @Test
    void aZeroJitterMayBeWrittenAsAnInteger() throws Exception {
        assertThat(hints("api-url = \"orc:3000\"\nhint-jitter = 0").hintJitter()).isZero();
    }

    @Test
    void aNegativeDiscoverIntervalIsRefused() throws IOException {
        assertThat(problems("api-url = \"orc:3000\"\ndiscover-interval = \"-1h\"")).containsExactly(
                line("discover-interval", "must not be negative (got \"-1h\")"));
    }
}
