package io.orcagent.runtime.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A throw-away CA and certificates made with {@code openssl}: EC P-256 keys in PKCS#8 ({@code BEGIN PRIVATE
 * KEY}, what {@link io.orcagent.runtime.tls.PemTls} reads), certificates signed by the CA.
 *
 * @param ca the CA certificate
 * @param dir where the files are
 */
record TestCertificates(Path ca, Path dir) {

    /**
     * A certificate for some subject alternative names.
     *
     * @param cert the certificate
     * @param key its private key
     */
    record Issued(Path cert, Path key) {
    }

    static TestCertificates createIn(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=transfer test CA");
        return new TestCertificates(dir.resolve("ca.pem"), dir);
    }

    /** Issues a certificate whose subjectAltName is {@code sans}, e.g. {@code IP:127.0.0.3,DNS:localhost}. */
    Issued issue(String name, String sans) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=" + sans + "\n"
                + "extendedKeyUsage=serverAuth,clientAuth\n");
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
        return new Issued(dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of("openssl"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("openssl " + args[0] + " failed: " + output);
        }
    }
}
