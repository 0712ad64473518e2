package io.orcagent.runtime.http;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The mutual-TLS OU check: a request must come with a verified client certificate whose subject has an
 * OU from {@code ssl-valid-ous}. The status endpoint is exempt unless {@code status-ou-verify}; unlike
 * the Go agent (a substring test on the whole URL) the exemption needs the exact path.
 */
public final class ClientCertificateGuard implements RequestGuard {

    private final Set<String> validOus;
    private final String statusPath;
    private final boolean verifyStatus;

    /**
     * Creates the guard.
     *
     * @param validOus accepted OUs
     * @param statusPath the status endpoint path
     * @param verifyStatus whether the status endpoint is checked too
     */
    public ClientCertificateGuard(Set<String> validOus, String statusPath, boolean verifyStatus) {
        this.validOus = Set.copyOf(validOus);
        this.statusPath = Objects.requireNonNull(statusPath, "statusPath is null");
        this.verifyStatus = verifyStatus;
    }

    @Override
    public Optional<WireResponse> check(WireRequest request) {
        if (!verifyStatus && stripSlash(request.path()).equals(stripSlash(statusPath))) {
            return Optional.empty();
        }
        if (request.clientCertificates().isEmpty()) {
            return Optional.of(refuse("No TLS\n"));
        }
        X509Certificate leaf = request.clientCertificates().get(0);
        return hasValidOu(leaf) ? Optional.empty() : Optional.of(refuse("Invalid OU\n"));
    }

    private boolean hasValidOu(X509Certificate leaf) {
        try {
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("OU") && validOus.contains(String.valueOf(rdn.getValue()))) {
                    return true;
                }
            }
        } catch (InvalidNameException e) {
            return false;
        }
        return false;
    }

    private static String stripSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static WireResponse refuse(String text) {
        return new WireResponse(401, WireResponse.PLAIN, text.getBytes(StandardCharsets.US_ASCII), Map.of());
    }
}
