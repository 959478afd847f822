package io.netcap.decoder.tls;

import static io.netcap.decoder.tls.HelloBytes.ext;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.app.AppErrors;
import io.netcap.types.TLSClientHello;
import io.netcap.types.TLSServerHello;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ClientHello / ServerHello decoding, JA3/JA3S/JA4 of hand-built hellos, and malformed length fields. */
class TlsHelloTest {

    /** The JA4.md example as a wire ClientHello: extensions in its original order with plausible bodies. */
    static byte[] exampleHello() {
        List<byte[]> ex = new ArrayList<>();
        for (int t : Ja4Test.EXTENSIONS) {
            ex.add(switch (t) {
                case 0x0000 -> HelloBytes.sni("example.com");
                case 0x0010 -> HelloBytes.alpn("h2", "http/1.1");
                case 0x002b -> HelloBytes.supportedVersions(0x0304, 0x0303);
                case 0x000d -> HelloBytes.u16ListExt(0x000d, Ja4Test.SIG_ALGS);
                case 0x000a -> HelloBytes.u16ListExt(0x000a, List.of(29, 23, 24));
                case 0x000b -> HelloBytes.points(0);
                default -> ext(t, new byte[0]);
            });
        }
        return HelloBytes.clientHello(0x0303, Ja4Test.CIPHERS, ex);
    }

    @Test
    void clientHelloFieldsJa3AndJa4() {
        byte[] b = exampleHello();
        TLSClientHello h = ClientHello.decode(b, 0, b.length, 42L);
        assertThat(h).isNotNull();
        assertThat(h.getTimestamp()).isEqualTo(42L);
        assertThat(h.getType()).isEqualTo(22);
        assertThat(h.getVersion()).isEqualTo(0x0301);
        assertThat(h.getMessageLen()).isEqualTo(b.length - 5);
        assertThat(h.getHandshakeType()).isEqualTo(1);
        assertThat(h.getHandshakeLen()).isEqualTo(b.length - 9);
        assertThat(h.getHandshakeVersion()).isEqualTo(0x0303);
        assertThat(h.getSessionIDLen()).isEqualTo(32);
        assertThat(h.getCipherSuiteLen()).isEqualTo(30);
        assertThat(h.getCipherSuitesList()).isEqualTo(Ja4Test.CIPHERS);
        assertThat(h.getExtensionsList()).isEqualTo(Ja4Test.EXTENSIONS);
        assertThat(h.getSNI()).isEqualTo("example.com");
        assertThat(h.getALPNsList()).containsExactly("h2", "http/1.1");
        assertThat(h.getSupportedGroupsList()).containsExactly(29, 23, 24);
        assertThat(h.getSupportedPointsList()).containsExactly(0);
        assertThat(h.getSignatureAlgsList()).isEqualTo(Ja4Test.SIG_ALGS);
        assertThat(h.getOSCP()).isFalse();
        assertThat(ClientHello.ja3String(h)).isEqualTo("771,4865-4866-4867-49195-49199-49196-49200-52393-52392-"
                + "49171-49172-156-157-47-53,27-0-51-16-17513-23-45-13-5-35-18-43-65281-11-10-21,29-23-24,0");
        // MD5 of that string, computed independently (Python hashlib)
        assertThat(h.getJa3()).isEqualTo("c000e2caf3a25423f9de6c8a4b12a975");
        assertThat(h.getJa4()).isEqualTo("t13d1516h2_8daaf6152771_e5627efa2ab1");
        assertThat(h.getJa4R()).startsWith("t13d1516h2_002f,0035,009c");
        assertThat(h.getSrcIP()).isEmpty();
    }

    @Test
    void ja3DropsTrailingGreaseWithoutStrayDash() {
        byte[] b = HelloBytes.clientHello(0x0303, List.of(0x0a0a, 4865, 4866, 0x1a1a),
                List.of(ext(0x2a2a, new byte[0]), ext(0, new byte[0]), HelloBytes.u16ListExt(10, List.of(29, 0x3a3a)),
                        ext(0x4a4a, new byte[0])));
        TLSClientHello h = ClientHello.decode(b, 0, b.length, 0);
        assertThat(ClientHello.ja3String(h)).isEqualTo("771,4865-4866,0-10,29,");
        // the record keeps GREASE values in the raw lists
        assertThat(h.getCipherSuitesList()).containsExactly(0x0a0a, 4865, 4866, 0x1a1a);
        assertThat(h.getExtensionsList()).hasSize(4);
    }

    @Test
    void statusRequestSetsOscp() {
        byte[] b = HelloBytes.clientHello(0x0303, List.of(47), List.of(ext(5, new byte[] {1, 0, 0, 0, 0})));
        assertThat(ClientHello.decode(b, 0, b.length, 0).getOSCP()).isTrue();
    }

    @Test
    void serverHelloAndJa3s() {
        byte[] b = HelloBytes.serverHello(0x0303, 49199,
                List.of(ext(0xff01, new byte[] {0}), ext(0, new byte[0]), ext(16, new byte[] {0, 3, 2, 'h', '2'}),
                        ext(43, new byte[] {3, 4}), ext(35, new byte[0])));
        TLSServerHello s = ServerHello.decode(b, 0, b.length, 7L);
        assertThat(s).isNotNull();
        assertThat(s.getVersion()).isEqualTo(0x0303);
        assertThat(s.getCipherSuite()).isEqualTo(49199);
        assertThat(s.getExtensionsList()).containsExactly(0xff01, 0, 16, 43, 35);
        assertThat(s.getSecureRenegotiationSupported()).isTrue();
        assertThat(s.getAlpnProtocol()).isEqualTo("h2");
        assertThat(s.getSupportedVersion()).isEqualTo(0x0304);
        assertThat(s.getTicketSupported()).isTrue();
        assertThat(ServerHello.ja3sString(s)).isEqualTo("771,49199,65281-0-16-43-35");
        byte[] plain = HelloBytes.serverHello(0x0303, 49199, List.of(ext(0xff01, new byte[] {0}), ext(0, new byte[0])));
        assertThat(ServerHello.decode(plain, 0, plain.length, 0).getJa3S()).isEqualTo("ebc4d9674023776e56b32a2cd3cb5e97");
    }

    @Test
    void serverHelloWithoutExtensionsHasTrailingComma() {
        byte[] b = HelloBytes.serverHello(0x0303, 49199, List.of());
        assertThat(ServerHello.ja3sString(ServerHello.decode(b, 0, b.length, 0))).isEqualTo("771,49199,");
    }

    @Test
    void notAHelloIsNullWithoutError() {
        long before = AppErrors.total("TLS");
        byte[] http = "GET / HTTP/1.1\r\n\r\n".getBytes();
        assertThat(ClientHello.decode(http, 0, http.length, 0)).isNull();
        assertThat(ServerHello.decode(http, 0, http.length, 0)).isNull();
        assertThat(AppErrors.total("TLS")).isEqualTo(before);
    }

    @Test
    void handshakeLongerThanRecordIsCounted() {
        byte[] b = exampleHello();
        int recLen = b.length - 5 - 1; // record length one short of the handshake
        b[3] = (byte) (recLen >> 8);
        b[4] = (byte) recLen;
        assertRejected(b, "TLS_CLIENT_HELLO.handshakeExceedsRecord");
    }

    @Test
    void extensionsLongerThanHandshakeAreCounted() {
        byte[] b = HelloBytes.clientHello(0x0303, List.of(47), List.of(HelloBytes.sni("a.b")));
        int extLenAt = 5 + 4 + 2 + 32 + 1 + 32 + 2 + 2 + 2;
        b[extLenAt + 1] = (byte) (b[extLenAt + 1] + 1);
        assertRejected(b, "TLS_CLIENT_HELLO.extensionsExceedHandshake");
    }

    @Test
    void extensionBodyPastTheBlockIsCounted() {
        byte[] b = HelloBytes.clientHello(0x0303, List.of(47), List.of(HelloBytes.sni("a.b")));
        b[b.length - 3 - 5 - 1] = 99; // SNI extension length
        assertRejected(b, "TLS_CLIENT_HELLO.extensionExceedsBlock");
    }

    @Test
    void serverNameLongerThanItsListIsCounted() {
        byte[] b = HelloBytes.clientHello(0x0303, List.of(47), List.of(HelloBytes.sni("abc")));
        b[b.length - 4] = 9; // name length 3 -> 9
        assertRejected(b, "TLS_CLIENT_HELLO.serverNameExceedsList");
    }

    @Test
    void helloCutShortIsCounted() {
        byte[] b = exampleHello();
        assertRejected(Arrays.copyOf(b, b.length - 10), "TLS_CLIENT_HELLO.handshakeExceedsSegment");
    }

    @Test
    void serverHelloExtensionLengthDisagreeingWithHandshakeIsCounted() {
        byte[] b = HelloBytes.serverHello(0x0303, 49199, List.of(ext(0xff01, new byte[] {0})));
        b[b.length - 6] = (byte) (b[b.length - 6] - 1);
        long before = AppErrors.get("TLS_SERVER_HELLO.extensionLengthDisagrees");
        assertThat(ServerHello.decode(b, 0, b.length, 0)).isNull();
        assertThat(AppErrors.get("TLS_SERVER_HELLO.extensionLengthDisagrees")).isEqualTo(before + 1);
    }

    @Test
    void everyPrefixOfAHelloIsHandledWithoutException() {
        byte[] b = exampleHello();
        for (int n = 0; n <= b.length; n++) {
            TLSClientHello h = ClientHello.decode(b, 0, n, 0);
            assertThat(h != null).isEqualTo(n == b.length);
        }
        byte[] s = HelloBytes.serverHello(0x0303, 49199, List.of(ext(0xff01, new byte[] {0})));
        for (int n = 0; n < s.length; n++) assertThat(ServerHello.decode(s, 0, n, 0)).isNull();
    }

    private static void assertRejected(byte[] b, String counter) {
        long before = AppErrors.get(counter);
        assertThat(ClientHello.decode(b, 0, b.length, 0)).isNull();
        assertThat(AppErrors.get(counter)).isEqualTo(before + 1);
    }
}
