package io.orcagent.plugins.clone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text of the one statement that cannot take placeholders. */
class CloneStatementTest {

    private static final DonorAddress DONOR = new DonorAddress("10.0.0.5", 3307);

    @Test
    void theStatementNamesAccountHostAndPortInMysqlsSyntax() throws Exception {
        assertThat(CloneStatement.cloneInstance(DonorAccount.of("orchestrator-agent", "pw"), DONOR, false))
                .isEqualTo("CLONE INSTANCE FROM 'orchestrator-agent'@'10.0.0.5':3307 IDENTIFIED BY 'pw'");
    }

    @Test
    void aQuoteInThePasswordIsDoubledSoItCannotEndTheLiteral() {
        assertThat(CloneStatement.literal("x' OR '1", false)).isEqualTo("'x'' OR ''1'");
    }

    @Test
    void aBackslashBeforeAQuoteCannotEscapeTheDoubledQuote() {
        assertThat(CloneStatement.literal("a\\'b", false)).isEqualTo("'a\\\\''b'");
    }

    @Test
    void withNoBackslashEscapesABackslashStaysOneCharacter() {
        assertThat(CloneStatement.literal("a\\'b", true)).isEqualTo("'a\\''b'");
    }
}
