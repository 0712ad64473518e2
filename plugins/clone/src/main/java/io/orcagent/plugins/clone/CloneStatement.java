package io.orcagent.plugins.clone;

/**
 * Writes the one statement of this plugin that cannot use placeholders.
 *
 * <p>MySQL's grammar for it is {@code CLONE INSTANCE FROM user ':' ulong_num IDENTIFIED BY
 * TEXT_STRING_sys …}: the account is an account name ({@code 'user'@'host'}), the port a number literal
 * and the password a string literal. Parameter markers are allowed only where an expression may stand,
 * so none of the four can be bound, neither by a server-side prepared statement nor by {@code PREPARE}.
 * The text is therefore built here, from validated values only: the user matched a strict pattern
 * ({@link DonorAccount}), the host is a DNS name or IPv4 literal and the port an int ({@link DonorAddress}),
 * and the password, which comes from the agent's config and never from a request, is written as a SQL
 * string literal with every quote doubled (and every backslash doubled unless the session has
 * {@code NO_BACKSLASH_ESCAPES}, in which a backslash is an ordinary character).
 */
final class CloneStatement {

    private CloneStatement() {
    }

    /**
     * The clone statement.
     *
     * @param account the donor account
     * @param donor the donor
     * @param noBackslashEscapes whether the session's {@code sql_mode} has {@code NO_BACKSLASH_ESCAPES}
     * @return {@code CLONE INSTANCE FROM 'user'@'host':port IDENTIFIED BY '…'}
     */
    static String cloneInstance(DonorAccount account, DonorAddress donor, boolean noBackslashEscapes) {
        return "CLONE INSTANCE FROM " + literal(account.user(), noBackslashEscapes) + "@"
                + literal(donor.host(), noBackslashEscapes) + ":" + donor.port()
                + " IDENTIFIED BY " + literal(account.password(), noBackslashEscapes);
    }

    /**
     * A SQL string literal.
     *
     * @param value the value (no control characters)
     * @param noBackslashEscapes whether backslash is an ordinary character in this session
     * @return the quoted literal
     */
    static String literal(String value, boolean noBackslashEscapes) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                out.append("''");
            } else if (c == '\\' && !noBackslashEscapes) {
                out.append("\\\\");
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
