package io.orcagent.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SectionConfigTest {

    private final SectionConfig section = SectionConfig.of("mydumper", Map.of(
            "enabled", true,
            "threads", 6L,
            "compress", true,
            "output", "/srv/dump",
            "mydumper-addtional-opts", List.of("--routines", "--events"),
            "ratio", 0.5,
            "legacy-key", "x"));

    @Test
    void accessorsReturnTheFilesValues() throws Exception {
        assertThat(section.section()).isEqualTo("mydumper");
        assertThat(section.integer("threads", 1)).isEqualTo(6L);
        assertThat(section.bool("compress", false)).isTrue();
        assertThat(section.string("output", "/tmp")).isEqualTo("/srv/dump");
        assertThat(section.strings("mydumper-addtional-opts", List.of())).containsExactly("--routines", "--events");
    }

    @Test
    void accessorsReturnTheDefaultForAbsentKeys() throws Exception {
        assertThat(section.integer("rows", 100_000)).isEqualTo(100_000L);
        assertThat(section.bool("verbose", true)).isTrue();
        assertThat(section.string("host", "127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(section.strings("myloader-additional-opts", List.of("--threads=2"))).containsExactly("--threads=2");
    }

    @Test
    void enabledIsReadByTheRuntimeAndInvisibleToThePlugin() throws Exception {
        assertThat(section.enabled()).contains(true);
        assertThat(section.keys()).doesNotContain("enabled")
                .containsExactly("compress", "legacy-key", "mydumper-addtional-opts", "output", "ratio", "threads");
        assertThat(section.bool("enabled", false)).isFalse();
        assertThat(SectionConfig.of("lvm", Map.of()).enabled()).isEmpty();
    }

    @Test
    void aNonBooleanEnabledIsRefused() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SectionConfig.of("lvm", Map.of("enabled", "yes")).enabled());

        assertThat(e.key()).isEqualTo("enabled");
        assertThat(e).hasMessage("must be true or false (got \"yes\")");
    }

    @Test
    void aFloatIsNotAnInteger() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> section.integer("ratio", 1));

        assertThat(e.key()).isEqualTo("ratio");
        assertThat(e).hasMessage("must be an integer (got 0.5)");
    }

    @Test
    void aStringIsNotABoolean() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> section.bool("output", false));

        assertThat(e.key()).isEqualTo("output");
        assertThat(e).hasMessage("must be true or false (got \"/srv/dump\")");
    }

    @Test
    void aListIsNotAString() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> section.string("mydumper-addtional-opts", ""));

        assertThat(e).hasMessage("must be a string (got [\"--routines\", \"--events\"])");
    }

    @Test
    void anArrayOfMixedValuesIsNotAListOfStrings() {
        SectionConfig mixed = SectionConfig.of("x", Map.of("opts", List.of("--a", 5L)));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> mixed.strings("opts", List.of()));

        assertThat(e.key()).isEqualTo("opts");
        assertThat(e).hasMessage("must be an array of strings, e.g. [\"a\", \"b\"] (got [\"--a\", 5])");
    }

    @Test
    void unreadKeysAreThePresentKeysNeitherReadNorAccepted() throws Exception {
        section.integer("threads", 1);
        section.strings("mydumper-addtional-opts", List.of());
        section.string("absent", "");
        section.accept("legacy-key");

        assertThat(section.unreadKeys()).containsExactly("compress", "output", "ratio");
    }

    @Test
    void aKeyReadWithTheWrongTypeCountsAsRead() {
        catchThrowableOfType(ConfigException.class, () -> section.bool("output", false));

        assertThat(section.unreadKeys()).doesNotContain("output");
    }

    @Test
    void toStringShowsKeyNamesButNoValues() {
        SectionConfig secret = SectionConfig.of("acme", Map.of("api-token", "tok-123"));

        assertThat(secret.toString()).isEqualTo("SectionConfig[acme, keys=[api-token]]");
    }

    @ParameterizedTest
    @CsvSource({"1.5h, PT1H30M", "90s, PT1M30S", "1h30m, PT1H30M", "250ms, PT0.25S", "0, PT0S", "15m, PT15M",
            "900, PT15M", "2h45m30.5s, PT2H45M30.5S"})
    void durationsAreGoDurationStrings(String text, Duration expected) throws Exception {
        SectionConfig config = SectionConfig.of("p", Map.of("restore-timeout", text));

        assertThat(config.duration("restore-timeout", Duration.ofMinutes(15))).isEqualTo(expected);
        assertThat(config.unreadKeys()).isEmpty();
    }

    @Test
    void aDurationWrittenAsAnIntegerIsSecondsAndAnAbsentOneTheDefault() throws Exception {
        SectionConfig config = SectionConfig.of("p", Map.of("restore-timeout", 600L));

        assertThat(config.duration("restore-timeout", Duration.ZERO)).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.duration("absent", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "15 minutes", "10d", "m", "5m3", "1.5", "-5m"})
    void aBadDurationIsAConfigExceptionNamingTheKey(String text) {
        SectionConfig config = SectionConfig.of("p", Map.of("restore-timeout", text));

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> config.duration("restore-timeout", Duration.ZERO));

        assertThat(e.key()).isEqualTo("restore-timeout");
        assertThat(e.getMessage()).containsAnyOf("must be a duration", "must not be negative");
    }

    @Test
    void aDurationOfTheWrongTypeIsRefused() {
        SectionConfig config = SectionConfig.of("p", Map.of("restore-timeout", true));

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> config.duration("restore-timeout", Duration.ZERO));

        assertThat(e.getMessage()).startsWith("must be a duration");
    }

    @Test
    void aPluginConfigOtherThanTheRuntimesReadsNoDurations() {
        PluginConfig bare = new PluginConfig() {
            @Override
            public String section() {
                return "p";
            }

            @Override
            public java.util.Set<String> keys() {
                return java.util.Set.of();
            }

            @Override
            public String string(String key, String defaultValue) {
                return defaultValue;
            }

            @Override
            public boolean bool(String key, boolean defaultValue) {
                return defaultValue;
            }

            @Override
            public long integer(String key, long defaultValue) {
                return defaultValue;
            }

            @Override
            public List<String> strings(String key, List<String> defaultValue) {
                return defaultValue;
            }

            @Override
            public void accept(String... keys) {
            }
        };

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> bare.duration("k", Duration.ZERO)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
