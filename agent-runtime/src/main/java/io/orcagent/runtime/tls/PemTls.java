package io.orcagent.runtime.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.pki.PemKeys;
import io.helidon.common.pki.PkiException;

/**
 * Builds TLS contexts from the PEM files named in the config (certificate chain, private key, CA
 * bundle), for the agent's server, its client towards orchestrator, and the transfer service. The PEM
 * parsing is Helidon's {@link Keys}: an unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}, RSA or EC) or
 * a PKCS#1 RSA key ({@code BEGIN RSA PRIVATE KEY}), as Go's {@code tls.LoadX509KeyPair} takes them.
 */
public final class PemTls {

    private PemTls() {
    }

    /**
     * A context presenting a certificate and trusting a CA (or the system roots).
     *
     * @param certFile PEM certificate chain, leaf first
     * @param keyFile PEM private key ({@code BEGIN PRIVATE KEY} or {@code BEGIN RSA PRIVATE KEY})
     * @param caFile PEM CA bundle to verify peers with; empty for the JDK's default roots
     * @return the context
     * @throws IOException when a file cannot be read or parsed
     */
    public static SSLContext context(Path certFile, Path keyFile, Optional<Path> caFile) throws IOException {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            List<X509Certificate> chain = certificates(certFile);
            keys.setKeyEntry("agent", privateKey(keyFile), new char[0],
                    chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trustManagers(caFile), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build TLS context from " + certFile + " and " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * A client context without a certificate of its own.
     *
     * @param caFile CA bundle; empty for the JDK's default roots
     * @param skipVerify trust every server certificate ({@code ssl-skip-verify})
     * @return the context
     * @throws IOException when the CA file cannot be read
     */
    public static SSLContext clientContext(Optional<Path> caFile, boolean skipVerify) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, skipVerify ? new TrustManager[] {new TrustAll()} : trustManagers(caFile), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build TLS client context: " + e.getMessage(), e);
        }
    }

    /**
     * Trust managers for a CA bundle.
     *
     * @param caFile the bundle, or empty for the JDK defaults
     * @return trust managers, or null for the JDK defaults
     * @throws IOException when unreadable
     * @throws GeneralSecurityException when invalid
     */
    static TrustManager[] trustManagers(Optional<Path> caFile) throws IOException, GeneralSecurityException {
        if (caFile.isEmpty()) {
            return null;
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (X509Certificate ca : certificates(caFile.get())) {
            trust.setCertificateEntry("ca-" + i++, ca);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    private static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> out = pem(file, (pem, resource) -> pem.certificates(resource), Keys::certs);
        if (out.isEmpty()) {
            throw new IOException("no certificate in " + file);
        }
        return out;
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        return pem(file, (pem, resource) -> pem.key(resource), Keys::privateKey)
                .orElseThrow(() -> new IOException("no private key in " + file));
    }

    private static <T> T pem(Path file, BiConsumer<PemKeys.Builder, Resource> what,
                             Function<Keys, T> read) throws IOException {
        Resource resource = Resource.create(file.toString(), Files.readAllBytes(file));
        try {
            return read.apply(Keys.builder().pem(pem -> what.accept(pem, resource)).build());
        } catch (PkiException | UnsupportedOperationException | IllegalArgumentException e) {
            // PkiException for bad PEM; UnsupportedOperationException for a key kind Helidon does not read
            // (SEC1 EC, PKCS#1 DSA); IllegalArgumentException for broken base64
            throw new IOException(file + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()), e);
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
