package io.netcap.decoder.stream.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SSH handshakes built byte by byte after RFC 4253 (sections 4.2, 6 and 7.1), with the algorithm lists of the
 * OpenSSH client and server of suricata-verify's {@code ssh-hassh} test capture.
 */
final class SshHandshake {
    static final String CLIENT_KEX = "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,"
            + "ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,"
            + "diffie-hellman-group18-sha512,diffie-hellman-group-exchange-sha1,diffie-hellman-group14-sha256,"
            + "diffie-hellman-group14-sha1,ext-info-c";
    static final String CLIENT_CIPHERS = "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,"
            + "aes128-gcm@openssh.com,aes256-gcm@openssh.com";
    static final String MACS = "umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,"
            + "hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,"
            + "hmac-sha2-256,hmac-sha2-512,hmac-sha1";
    static final String SERVER_KEX = "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,"
            + "ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,"
            + "diffie-hellman-group18-sha512,diffie-hellman-group-exchange-sha1,diffie-hellman-group14-sha256,"
            + "diffie-hellman-group14-sha1,diffie-hellman-group1-sha1";
    static final String SERVER_CIPHERS = "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,"
            + "aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-cbc,aes192-cbc,aes256-cbc,blowfish-cbc,"
            + "cast128-cbc,3des-cbc";
    /** TShark's ssh.kex.hassh of the capture's client KEXINIT. */
    static final String CLIENT_HASSH = "2dd6531c7e89d3c925db9214711be76a";
    /** TShark's ssh.kex.hasshserver of the capture's server KEXINIT. */
    static final String SERVER_HASSH = "6832f1ce43d4397c2c0a3e2f8c94334e";

    private SshHandshake() {}

    static byte[] client() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("SSH-2.0-OpenSSH_for_Windows_7.7\r\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(packet(kexinit(CLIENT_KEX, "ssh-ed25519", CLIENT_CIPHERS, CLIENT_CIPHERS, MACS, MACS, "none",
                "none"), 9));
        b.writeBytes(packet(new byte[] {30, 0, 0, 0, 4, 1, 2, 3, 4}, 6)); // SSH_MSG_KEX_ECDH_INIT
        b.writeBytes(packet(new byte[] {21}, 10)); // SSH_MSG_NEWKEYS
        b.writeBytes(encrypted(300));
        return b.toByteArray();
    }

    static byte[] server() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("Welcome, authorised users only\r\n".getBytes(StandardCharsets.US_ASCII)); // RFC 4253 4.2
        b.writeBytes("SSH-2.0-OpenSSH_7.4\r\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(packet(kexinit(SERVER_KEX, "ssh-rsa,rsa-sha2-512", SERVER_CIPHERS, SERVER_CIPHERS, MACS, MACS,
                "none,zlib@openssh.com", "none,zlib@openssh.com"), 10));
        b.writeBytes(packet(new byte[] {31, 0, 0, 0, 2, 9, 9}, 4)); // SSH_MSG_KEX_ECDH_REPLY
        b.writeBytes(packet(new byte[] {21}, 10));
        b.writeBytes(encrypted(500));
        return b.toByteArray();
    }

    /** SSH_MSG_KEXINIT: code, cookie, ten name-lists, first_kex_packet_follows, reserved (RFC 4253 7.1). */
    static byte[] kexinit(String kex, String hostKey, String encC2S, String encS2C, String macC2S, String macS2C,
                          String compC2S, String compS2C) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(20);
        for (int i = 0; i < 16; i++) {
            b.write(0x40 + i);
        }
        for (String list : new String[] {kex, hostKey, encC2S, encS2C, macC2S, macS2C, compC2S, compS2C, "", ""}) {
            byte[] s = list.getBytes(StandardCharsets.US_ASCII);
            b.writeBytes(u32(s.length));
            b.writeBytes(s);
        }
        b.write(0);
        b.writeBytes(u32(0));
        return b.toByteArray();
    }

    /** A binary packet without MAC: packet_length, padding_length, payload, padding (RFC 4253 6). */
    static byte[] packet(byte[] payload, int padding) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(u32(1 + payload.length + padding));
        b.write(padding);
        b.writeBytes(payload);
        b.writeBytes(new byte[padding]);
        return b.toByteArray();
    }

    /** Bytes after NEWKEYS: random-looking, no framing a reader could follow. */
    static byte[] encrypted(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 131 + 7);
        }
        return b;
    }

    static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
