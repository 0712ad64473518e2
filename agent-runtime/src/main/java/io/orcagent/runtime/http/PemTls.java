package io.orcagent.runtime.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds TLS contexts from the PEM files named in the config (certificate chain, PKCS#8 private key,
 * CA bundle), for the agent's server, its client towards orchestrator, and the transfer service.
 */
public final class PemTls {

    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private PemTls() {
    }

    /**
     * A context presenting a certificate and trusting a CA (or the system roots).
     *
     * @param certFile PEM certificate chain, leaf first
     * @param keyFile PEM PKCS#8 key ({@code BEGIN PRIVATE KEY})
     * @param caFile PEM CA bundle to verify peers with; empty for the JDK's default roots
     * @return the context
     * @throws IOException when a file cannot be read or parsed
     */
    public static SSLContext context(Path certFile, Path keyFile, Optional<Path> caFile) throws IOException {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            List<X509Certificate> chain = certificates(certFile);
            keys.setKeyEntry("agent", privateKey(keyFile, chain.get(0)), new char[0],
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

    private static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate cert : factory.generateCertificates(in)) {
                out.add((X509Certificate) cert);
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no certificate in " + file);
        }
        return out;
    }

    private static PrivateKey privateKey(Path file, X509Certificate leaf) throws IOException, GeneralSecurityException {
        Matcher m = PKCS8.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new IOException(file + " holds no PKCS#8 private key (BEGIN PRIVATE KEY); convert with "
                    + "'openssl pkcs8 -topk8 -nocrypt'");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        String algorithm = leaf.getPublicKey().getAlgorithm();
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
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
