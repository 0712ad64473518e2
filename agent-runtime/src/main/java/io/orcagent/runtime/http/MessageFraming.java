package io.orcagent.runtime.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks how a request says where its body ends (RFC 9112 section 6). Messages whose framing is ambiguous are
 * refused with 400 and the connection is closed, so that nothing behind them on the connection is read as a
 * request (request smuggling): several different {@code Content-Length} values, a value that is not a
 * non-negative decimal number, {@code Content-Length} together with {@code Transfer-Encoding}, and
 * {@code Transfer-Encoding} in an HTTP/1.0 request.
 */
final class MessageFraming {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private MessageFraming() {
    }

    /**
     * The framing problem of a request, if any.
     *
     * @param contentLengths every {@code Content-Length} header value, in order
     * @param transferEncodings every {@code Transfer-Encoding} header value
     * @param http10 whether the request is HTTP/1.0 (which has no transfer codings)
     * @return why the request must be refused, or empty when its framing is sound
     */
    static Optional<String> problem(List<String> contentLengths, List<String> transferEncodings, boolean http10) {
        if (!transferEncodings.isEmpty() && http10) {
            return Optional.of("Transfer-Encoding in an HTTP/1.0 request");
        }
        if (contentLengths.isEmpty()) {
            return Optional.empty();
        }
        if (!transferEncodings.isEmpty()) {
            return Optional.of("both Content-Length and Transfer-Encoding");
        }
        List<String> values = new ArrayList<>();
        for (String header : contentLengths) {
            for (String value : header.split(",", -1)) {
                values.add(value.strip());
            }
        }
        for (String value : values) {
            if (!DIGITS.matcher(value).matches()) {
                return Optional.of("invalid Content-Length " + quoted(value));
            }
            if (Long.parseLong(value) != Long.parseLong(values.get(0))) {
                return Optional.of("different Content-Length values " + values);
            }
        }
        return Optional.empty();
    }

    /**
     * The body length a request announces.
     *
     * @param contentLengths the {@code Content-Length} values, already accepted by {@link #problem}
     * @return the length, 0 when there is none
     */
    static long contentLength(List<String> contentLengths) {
        return contentLengths.isEmpty() ? 0 : Long.parseLong(contentLengths.get(0).split(",", -1)[0].strip());
    }

    private static String quoted(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
