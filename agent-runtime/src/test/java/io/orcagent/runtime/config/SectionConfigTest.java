package io.orcagent.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.orcagent.api.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
