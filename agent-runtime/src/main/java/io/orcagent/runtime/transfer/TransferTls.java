package io.orcagent.runtime.transfer;

import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * TLS for seed transfers. The same context serves both roles: as the target it presents the agent's
 * certificate (and verifies the source's when mutual); as the source it verifies the target's certificate,
 * including that it names the host connected to, and presents its own when it has one.
 *
 * @param context the agent's TLS context (its certificate and key, the CA bundle to verify peers with)
 * @param mutual whether the target requires the source's certificate
 */
public record TransferTls(SSLContext context, boolean mutual) {

    /**
     * Validates.
     *
     * @param context context
     * @param mutual mutual
     */
    public TransferTls {
        Objects.requireNonNull(context, "context is null");
    }
}
