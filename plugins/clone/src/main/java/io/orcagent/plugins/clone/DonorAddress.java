package io.orcagent.plugins.clone;

import java.util.regex.Pattern;

/**
 * The source server the target clones from, checked before it goes anywhere near SQL: a DNS name
 * (RFC 1123 labels) or an IPv4 literal, and a TCP port. IPv6 literals are refused because the clone
 * plugin does not support them (the MySQL manual says to use a host name that resolves to the address).
 *
 * @param host the donor host
 * @param port the donor's MySQL port
 */
record DonorAddress(String host, int port) {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");
    private static final int MAX_SHOWN = 64;

    /**
     * Validates a peer.
     *
     * @param host the host orchestrator named
     * @param port the MySQL port orchestrator named
     * @return the address
     * @throws CloneException when the host is not a DNS name or IPv4 literal, or the port is out of range
     */
    static DonorAddress of(String host, int port) throws CloneException {
        if (host == null || !isHost(host)) {
            String why = host != null && IPV6.matcher(host).matches()
                    ? ": the clone plugin does not accept IPv6 literals, use a host name"
                    : ": expected a DNS name or an IPv4 address";
            throw new CloneException("refusing donor host " + shown(host) + why);
        }
        if (port < 1 || port > 65535) {
            throw new CloneException("refusing donor port " + port + ": expected 1-65535");
        }
        return new DonorAddress(host, port);
    }

    /**
     * The entry for {@code clone_valid_donor_list}.
     *
     * @return {@code host:port}
     */
    @Override
    public String toString() {
        return host + ":" + port;
    }

    private static boolean isHost(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        if (IPV4.matcher(host).matches()) {
            return true;
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The refused value, quoted, shortened and without control characters, for the error text. */
    private static String shown(String host) {
        if (host == null) {
            return "(none)";
        }
        String printable = host.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "\"" + (printable.length() > MAX_SHOWN ? printable.substring(0, MAX_SHOWN) + "…" : printable) + "\"";
    }
}
