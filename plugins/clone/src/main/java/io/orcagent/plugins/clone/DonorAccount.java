package io.orcagent.plugins.clone;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The account the target's server logs in to the donor with: the agent's own {@code [mysql]} account, as
 * in the Go agent (the same account must exist on every host). {@code CLONE INSTANCE} takes both inside
 * its text, so the user must match a strict pattern and the password must be free of control characters.
 * {@link #toString()} never shows the password.
 *
 * @param user the account name
 * @param password its password
 */
record DonorAccount(String user, String password) {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    /**
     * Validates.
     *
     * @param user the {@code [mysql]} user
     * @param password the {@code [mysql]} password
     * @return the account
     * @throws CloneException when either cannot be written into the statement safely
     */
    static DonorAccount of(String user, String password) throws CloneException {
        Objects.requireNonNull(password, "password is null");
        if (user == null || !USER.matcher(user).matches()) {
            throw new CloneException("refusing the [mysql] user as the clone donor account: CLONE INSTANCE carries"
                    + " it in the statement text, so it may only hold letters, digits, '_', '.' and '-' (at most 32)");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            throw new CloneException("refusing the [mysql] password for CLONE INSTANCE: it contains a control"
                    + " character, which the statement text cannot carry safely");
        }
        return new DonorAccount(user, password);
    }

    @Override
    public String toString() {
        return "DonorAccount[" + user + ", password hidden]";
    }
}
