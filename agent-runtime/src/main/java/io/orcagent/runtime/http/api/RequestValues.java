package io.orcagent.runtime.http.api;

import java.util.regex.Pattern;

import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.runtime.seed.WireNames;
import io.orcagent.runtime.http.AgentHttpException;

/**
 * Validation of path and query values before anything uses them. Messages keep the Go agents' texts
 * where orchestrator may show them; echoed input is shortened and stripped of control characters.
 */
public final class RequestValues {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern METHOD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private RequestValues() {
    }

    /**
     * A seed id: a positive decimal integer.
     *
     * @param raw the path value
     * @return the id
     */
    public static long seedId(String raw) {
        if (!DIGITS.matcher(raw).matches()) {
            throw new AgentHttpException("strconv.ParseInt: parsing " + quoted(raw) + ": invalid syntax");
        }
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new AgentHttpException("strconv.ParseInt: parsing " + quoted(raw) + ": value out of range");
        }
        if (id <= 0) {
            throw new AgentHttpException("seed id must be a positive integer, got " + quoted(raw));
        }
        return id;
    }

    /**
     * A TCP port.
     *
     * @param raw the path value
     * @return the port
     */
    public static int port(String raw) {
        if (!DIGITS.matcher(raw).matches() || raw.length() > 5) {
            throw new AgentHttpException("strconv.Atoi: parsing " + quoted(raw) + ": invalid syntax");
        }
        int port = Integer.parseInt(raw);
        if (port < 1 || port > 65535) {
            throw new AgentHttpException("port out of range: " + port);
        }
        return port;
    }

    /**
     * A host name (RFC 1123) or an IPv4/IPv6 literal.
     *
     * @param raw the path value
     * @return the host
     */
    public static String host(String raw) {
        if (isHost(raw)) {
            return raw;
        }
        throw new AgentHttpException("invalid host name " + quoted(raw));
    }

    /**
     * Whether a value is a host name or IP literal.
     *
     * @param raw the value
     * @return true when valid
     */
    public static boolean isHost(String raw) {
        if (raw.isEmpty() || raw.length() > 253) {
            return false;
        }
        if (IPV4.matcher(raw).matches()) {
            return true;
        }
        if (raw.contains(":")) {
            return IPV6.matcher(raw).matches();
        }
        for (String label : raw.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A seed method name (syntax only; the engine knows which exist).
     *
     * @param raw the path value
     * @return the name
     */
    public static String method(String raw) {
        if (!METHOD.matcher(raw).matches()) {
            throw new AgentHttpException("Seed method undefinded");
        }
        return raw;
    }

    /**
     * A side.
     *
     * @param raw the path value
     * @return the side
     */
    public static Side side(String raw) {
        return WireNames.side(raw).orElseThrow(() -> new AgentHttpException("Seed side undefinded"));
    }

    /**
     * A stage.
     *
     * @param raw the path value
     * @return the stage
     */
    public static Stage stage(String raw) {
        return WireNames.stage(raw).orElseThrow(() -> new AgentHttpException("Seed stage undefinded"));
    }

    /**
     * Input echoed in a message: quoted, at most 64 characters, control characters replaced.
     *
     * @param raw the input
     * @return a safe rendering
     */
    public static String quoted(String raw) {
        String cleaned = raw.codePoints()
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (cleaned.length() > 64) {
            cleaned = cleaned.substring(0, 64) + "…";
        }
        return "\"" + cleaned + "\"";
    }
}
