package io.netcap.decoder.stream.ssh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The algorithm lists of an SSH_MSG_KEXINIT (RFC 4253 section 7.1), each kept as the comma-separated
 * name-list it was sent as, and the HASSH fingerprints computed from them (salesforce/hassh).
 */
public record KexInit(String kex, String hostKey, String ciphersClientToServer, String ciphersServerToClient,
                      String macsClientToServer, String macsServerToClient, String compressionClientToServer,
                      String compressionServerToClient) {
    /** Cookie after the message code (RFC 4253 section 7.1). */
    static final int COOKIE = 16;
    private static final int NAME_LISTS = 10;
    /** Longer name-lists are not algorithm lists: the KEXINIT is malformed. */
    private static final int MAX_NAME_LIST = 16 * 1024;

    /**
     * Reads the payload after the message code, {@code b[off .. off+len)}; null when it is malformed (a
     * name-list running past the payload, or the two trailing fields missing).
     */
    static KexInit parse(byte[] b, int off, int len) {
        int pos = off + COOKIE;
        int end = off + len;
        String[] lists = new String[NAME_LISTS];
        for (int i = 0; i < NAME_LISTS; i++) {
            if (end - pos < 4) {
                return null;
            }
            long n = ((b[pos] & 0xffL) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8)
                    | (b[pos + 3] & 0xff);
            pos += 4;
            if (n > MAX_NAME_LIST || n > end - pos) {
                return null;
            }
            lists[i] = new String(b, pos, (int) n, StandardCharsets.ISO_8859_1);
            pos += (int) n;
        }
        if (end - pos < 5) { // first_kex_packet_follows, reserved
            return null;
        }
        return new KexInit(lists[0], lists[1], lists[2], lists[3], lists[4], lists[5], lists[6], lists[7]);
    }

    /**
     * The original's {@code Algorithms} and the input of its HASSH, for either side: kex, then the
     * client-to-server ciphers, MACs and compression (docs/streams.md, "SSH").
     */
    public String clientAlgorithms() {
        return kex + ";" + ciphersClientToServer + ";" + macsClientToServer + ";" + compressionClientToServer;
    }

    /** The published HASSHServer's input: kex, then the server-to-client ciphers, MACs and compression. */
    public String serverAlgorithms() {
        return kex + ";" + ciphersServerToClient + ";" + macsServerToClient + ";" + compressionServerToClient;
    }

    /** HASSH: lower-case hex MD5 of {@link #clientAlgorithms()}. */
    public String hassh() {
        return md5(clientAlgorithms());
    }

    /** HASSHServer: lower-case hex MD5 of {@link #serverAlgorithms()}. */
    public String hasshServer() {
        return md5(serverAlgorithms());
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
