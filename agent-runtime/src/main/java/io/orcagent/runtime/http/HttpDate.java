package io.orcagent.runtime.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The HTTP {@code Date} header value in RFC 9110's IMF-fixdate form ({@code Fri, 04 Dec 2026 20:37:42 GMT}):
 * a two-digit day, which {@link DateTimeFormatter#RFC_1123_DATE_TIME} (and so Helidon) leaves unpadded.
 */
final class HttpDate {

    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HttpDate() {
    }

    static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    static String now() {
        return format(Instant.now());
    }
}
