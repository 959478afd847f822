package io.netcap.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made by the JDK's keytool. */
public final class TestCertificates {
    static final String ALIAS = "upstream";
    private static final char[] PASSWORD = "changeit".toCharArray();

    private TestCertificates() {}

    /** A PKCS #12 key store in {@code dir} with one EC key and its self-signed certificate; skips without keytool. */
    public static KeyStore selfSigned(Path dir) throws IOException, GeneralSecurityException, InterruptedException {
        Path keystore = dir.resolve("self-signed.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "no keytool in " + keytool.getParent());
        Process kt = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(kt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kt.waitFor()).as(out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    /** A server context that presents the key store's certificate. */
    public static SSLContext serverContext(KeyStore ks) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** A client context that trusts exactly the key store's certificate. */
    public static SSLContext clientContext(KeyStore ks) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(ALIAS, ks.getCertificate(ALIAS));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Writes the certificate and the PKCS #8 key as PEM files, as {@code certFile} and {@code keyFile} take them. */
    public static void writePem(KeyStore ks, Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        Base64.Encoder b64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        Files.writeString(certFile, "-----BEGIN CERTIFICATE-----\n" + b64.encodeToString(ks.getCertificate(ALIAS).getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(ks.getKey(ALIAS, PASSWORD).getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }
}
