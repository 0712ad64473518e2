package io.orcagent.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class HttpDateTest {

    @Test
    void singleDigitDaysArePaddedAsImfFixdateWants() {
        assertThat(HttpDate.format(Instant.parse("2026-12-04T20:37:42Z"))).isEqualTo("Fri, 04 Dec 2026 20:37:42 GMT");
        assertThat(HttpDate.format(Instant.parse("1994-11-06T08:49:37Z"))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDate.format(Instant.parse("2026-12-14T00:00:00Z"))).isEqualTo("Mon, 14 Dec 2026 00:00:00 GMT");
    }
}
