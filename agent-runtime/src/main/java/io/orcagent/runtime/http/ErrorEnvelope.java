package io.orcagent.runtime.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code {"Code":"ERROR","Message":"…","Details":null}} — the one error shape of both Go agents; also
 * used with {@code OK} for custom-command output.
 *
 * @param code {@code OK} or {@code ERROR}
 * @param message the message
 * @param details always null on the wire in practice
 */
public record ErrorEnvelope(@JsonProperty("Code") String code, @JsonProperty("Message") String message,
                            @JsonProperty("Details") @JsonInclude(JsonInclude.Include.ALWAYS) String details) {

    /**
     * An error.
     *
     * @param message the message
     * @return the envelope
     */
    public static ErrorEnvelope error(String message) {
        return new ErrorEnvelope("ERROR", message, null);
    }

    /**
     * A success carrying a message (custom commands: the command's stdout).
     *
     * @param message the message
     * @return the envelope
     */
    public static ErrorEnvelope ok(String message) {
        return new ErrorEnvelope("OK", message, null);
    }
}
