package io.orcagent.runtime.transfer;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.orcagent.runtime.config.CommonConfig;
import io.orcagent.runtime.tls.PemTls;

/**
 * How this agent streams seed data.
 *
 * @param bindAddress the address the target's listener binds ({@code bind-address}; {@code 0.0.0.0} binds
 *     every IPv4 interface)
 * @param port the seed port, the same on every agent ({@code seed-port})
 * @param tls TLS settings, empty for plain TCP ({@code transfer-use-tls})
 * @param bandwidthLimit the sender's cap in bytes per second, 0 for none ({@code transfer-bandwidth-limit})
 * @param connectWindow how long the source keeps retrying while the target's listener is not up yet
 */
public record TransferSettings(String bindAddress, int port, Optional<TransferTls> tls, long bandwidthLimit,
                               Duration connectWindow) {

    /** Default {@link #connectWindow()}. */
    public static final Duration DEFAULT_CONNECT_WINDOW = Duration.ofSeconds(10);

    /**
     * Validates.
     *
     * @param bindAddress bind address
     * @param port port
     * @param tls TLS
     * @param bandwidthLimit bytes per second
     * @param connectWindow retry window
     */
    public TransferSettings {
        Objects.requireNonNull(bindAddress, "bindAddress is null");
        Objects.requireNonNull(tls, "tls is null");
        Objects.requireNonNull(connectWindow, "connectWindow is null");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("seed port out of range: " + port);
        }
        if (bandwidthLimit < 0) {
            throw new IllegalArgumentException("bandwidth limit is negative: " + bandwidthLimit);
        }
        if (connectWindow.isNegative()) {
            throw new IllegalArgumentException("connect window is negative: " + connectWindow);
        }
    }

    /**
     * The settings the agent's {@code [common]} section gives: {@code bind-address}, {@code seed-port},
     * {@code transfer-bandwidth-limit}, and with {@code transfer-use-tls} a TLS context from
     * {@code ssl-cert-file}, {@code ssl-private-key-file} and {@code ssl-ca-file}.
     *
     * @param common the section (validated: TLS implies the certificate and key are set)
     * @return the settings
     * @throws IOException when the certificate, key or CA file cannot be read
     */
    public static TransferSettings of(CommonConfig common) throws IOException {
        Optional<TransferTls> tls = Optional.empty();
        if (common.transferUseTls()) {
            tls = Optional.of(new TransferTls(PemTls.context(common.sslCertFile().orElseThrow(),
                    common.sslPrivateKeyFile().orElseThrow(), common.sslCaFile()), common.transferMutualTls()));
        }
        return new TransferSettings(common.bindAddress(), common.seedPort(), tls, common.transferBandwidthLimit(),
                DEFAULT_CONNECT_WINDOW);
    }
}
