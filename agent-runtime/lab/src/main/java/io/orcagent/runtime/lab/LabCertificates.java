package io.orcagent.runtime.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away CA and certificates made with the real {@code openssl}, for lab agents and TLS tests.
 */
public final class LabCertificates {

    private final Path dir;

    /**
     * Creates a CA in a directory.
     *
     * @param dir where the files go
     * @throws IOException when openssl fails
     * @throws InterruptedException when interrupted
     */
    public LabCertificates(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("ca.key"), "-out", path("ca.pem"),
                "-days", "2", "-subj", "/CN=orchestrator-agent test CA");
    }

    /**
     * The CA certificate.
     *
     * @return its PEM file
     */
    public Path ca() {
        return dir.resolve("ca.pem");
    }

    /**
     * Issues a certificate signed by the CA.
     *
     * @param name file name stem
     * @param subject e.g. {@code /CN=127.0.0.2/OU=dba}
     * @param ipAddress an IP SAN, or null for none
     * @return the certificate and its key
     * @throws IOException when openssl fails
     * @throws InterruptedException when interrupted
     */
    public Pair issue(String name, String subject, String ipAddress) throws IOException, InterruptedException {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", path(name + ".key"), "-out", path(name + ".csr"),
                "-subj", subject);
        List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", path(name + ".csr"), "-CA", path("ca.pem"),
                "-CAkey", path("ca.key"), "-CAcreateserial", "-out", path(name + ".pem"), "-days", "2"));
        if (ipAddress != null) {
            Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=IP:" + ipAddress + "\n", StandardCharsets.US_ASCII);
            sign.addAll(List.of("-extfile", path(name + ".ext")));
        }
        openssl(sign.toArray(new String[0]));
        return new Pair(dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
    }

    /**
     * A certificate and its PKCS#8 key.
     *
     * @param certificate PEM certificate
     * @param key PEM key
     */
    public record Pair(Path certificate, Path key) {
    }

    private String path(String file) {
        return dir.resolve(file).toString();
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        argv.add("openssl");
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }
}
