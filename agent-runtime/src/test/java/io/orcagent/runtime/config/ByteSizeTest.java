package io.orcagent.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest(name = "\"{0}\" is {1} bytes")
    @CsvSource({
        "0, 0",
        "1234, 1234",
        "10B, 10",
        "512KiB, 524288",
        "512k, 524288",
        "2KB, 2000",
        "100MiB, 104857600",
        "100mib, 104857600",
        "100M/s, 104857600",
        "1.5GB, 1500000000",
        "1GiB, 1073741824",
        "'2 TiB', 2199023255552",
    })
    void amountsWithUnitsAreParsed(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "-1", "10 XB", "MiB", "1e6"})
    void textThatIsNotAnAmountIsRefused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse(text))
                .withMessage("must be an amount of bytes such as \"0\" (unlimited), \"512KiB\", \"100MiB\" or \"1GB\""
                        + " (got \"" + text + "\")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9000000TiB", "99999999999999999999"})
    void amountsBeyondALongAreRefused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse(text))
                .withMessage("is too large (got \"" + text + "\")");
    }
}
