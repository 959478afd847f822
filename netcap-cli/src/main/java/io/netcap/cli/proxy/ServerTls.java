package io.netcap.cli.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The TLS side of a listener: a PEM certificate chain and a PEM private key, as the original's
 * {@code certFile} and {@code keyFile}. The JDK reads PKCS #8 keys ({@code BEGIN PRIVATE KEY}); an RSA
 * or EC key in its traditional form is refused with the command that converts it.
 */
public final class ServerTls {
    private static final String PKCS8 = "-----BEGIN PRIVATE KEY-----";
    private static final char[] NO_PASSWORD = new char[0];

    private ServerTls() {}

    public static SSLContext context(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<? extends Certificate> chain;
        try (var in = Files.newInputStream(certFile)) {
            chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(certFile + ": no PEM certificate: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new IOException(certFile + ": no certificate");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("proxy", privateKey(keyFile), NO_PASSWORD, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, NO_PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static PrivateKey privateKey(Path keyFile) throws IOException {
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        int begin = pem.indexOf(PKCS8);
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException(keyFile + ": no PKCS #8 key (BEGIN PRIVATE KEY); convert with"
                    + " openssl pkcs8 -topk8 -nocrypt -in " + keyFile.getFileName());
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IOException(keyFile + ": the key is no base64");
        }
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // the next algorithm
            }
        }
        throw new IOException(keyFile + ": an RSA, EC or EdDSA key was expected");
    }
}
