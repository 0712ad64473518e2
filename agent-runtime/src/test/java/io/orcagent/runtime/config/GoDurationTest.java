package io.orcagent.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest(name = "\"{0}\" is {1} ms")
    @CsvSource({
        "1m0s, 60000",
        "300s, 300000",
        "1h, 3600000",
        "1.5h, 5400000",
        "90m, 5400000",
        "10ms, 10",
        "1h2m3s, 3723000",
        ".5s, 500",
        "1.s, 1000",
        "-1m, -60000",
        "+2s, 2000",
        "0, 0",
        "0s, 0",
    })
    void goDurationStringsAreParsed(String text, long millis) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void microsecondsAcceptEverySpellingGoAccepts() {
        assertThat(GoDuration.parse("1500us")).isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(GoDuration.parse("1500\u00b5s")).isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(GoDuration.parse("1500\u03bcs")).isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(GoDuration.parse("7ns")).isEqualTo(Duration.ofNanos(7));
    }

    @Test
    void aPlainIntegerIsSecondsAsInTheLegacyAgent() {
        assertThat(GoDuration.parse("60")).isEqualTo(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "1d", "1 m", "1m 2s", "m1", "1.2.3s", ".s", "--1s", "abc"})
    void textThatIsNotADurationIsRefused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse(text))
                .withMessage("must be a duration such as \"90s\", \"1m30s\", \"1.5h\" or a number of seconds"
                        + " (got \"" + text + "\")");
    }

    @Test
    void aDurationBeyondGosLimitIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("3000000h"))
                .withMessage("is too long a duration (got \"3000000h\")");
    }
}
