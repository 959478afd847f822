package io.netcap.packet.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The one address formatter: RFC 5952 section 4 examples, Go's {@code net.IP.String()} rules for
 * IPv4-mapped, empty and odd-length addresses, MACs, and the array writers agreeing with the strings.
 */
class AddressesTest {
    private static byte[] ip(String s) throws Exception {
        return InetAddress.getByAddress(InetAddress.getByName(s).getAddress()).getAddress();
    }

    private static String v6(String s) throws Exception {
        byte[] b = InetAddress.getByName(s).getAddress();
        return Addresses.ip(b, 0, b.length);
    }

    private static byte[] v6Bytes(int... groups) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (groups[i] >> 8);
            b[2 * i + 1] = (byte) groups[i];
        }
        return b;
    }

    @Test
    void ipv6CanonicalText() throws Exception {
        assertThat(v6("2001:db8:0:0:0:0:2:1")).isEqualTo("2001:db8::2:1");
        assertThat(v6("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(v6("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
        assertThat(v6("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(v6("0:0:0:0:0:0:0:0")).isEqualTo("::");
        assertThat(v6("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(v6("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
        assertThat(Addresses.ipv6(v6Bytes(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1), 0)).isEqualTo("2001:db8::1:0:0:1");
    }

    /**
     * Go's {@code net.IP.String()} prints an address for which {@code To4()} succeeds — IPv4-mapped
     * {@code ::ffff:a.b.c.d} — in dotted form; an IPv4-compatible {@code ::a.b.c.d} stays hex.
     */
    @Test
    void ipv4MappedIsDotted() {
        assertThat(Addresses.ipv6(v6Bytes(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0280), 0)).isEqualTo("192.0.2.128");
        assertThat(Addresses.ipv6(v6Bytes(0, 0, 0, 0, 0, 0, 0xc000, 0x0280), 0)).isEqualTo("::c000:280");
        assertThat(Addresses.ipv6(v6Bytes(0, 0, 0, 0, 1, 0xffff, 0xc000, 0x0280), 0)).isEqualTo("::1:ffff:c000:280");
    }

    @Test
    void otherLengthsAsGo() {
        assertThat(Addresses.ip(new byte[0], 0, 0)).isEqualTo("<nil>");
        assertThat(Addresses.ip(new byte[] {1, 2}, 0, 2)).isEqualTo("?0102");
        assertThat(Addresses.ip(new byte[] {(byte) 192, (byte) 168, 0, 1}, 0, 4)).isEqualTo("192.168.0.1");
        assertThat(Addresses.ipv4(0xC0A80001L)).isEqualTo("192.168.0.1");
        assertThat(Addresses.hex(new byte[] {0x0a, (byte) 0xff}, 0, 2)).isEqualTo("0aff");
    }

    @Test
    void macs() {
        assertThat(Addresses.mac(new byte[] {0, 0x1b, (byte) 0xAC, 0, 0x0f, (byte) 0xff}, 0)).isEqualTo("00:1b:ac:00:0f:ff");
        assertThat(Addresses.mac(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 0, 8)).isEqualTo("01:02:03:04:05:06:07:08");
        assertThat(Addresses.mac(new byte[0], 0, 0)).isEmpty();
    }

    /** The array writers give the strings' text, at any position. */
    @Test
    void writersAgreeWithStrings() throws Exception {
        String[] samples = {"10.1.2.3", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::", "fe80::1:2", "::ffff:1.2.3.4",
                "1:2:3:4:5:6:7:8", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"};
        byte[] dst = new byte[64];
        for (String s : samples) {
            byte[] a = ip(s);
            int end = Addresses.ip(a, 0, a.length, dst, 5);
            assertThat(new String(dst, 5, end - 5, StandardCharsets.US_ASCII)).isEqualTo(Addresses.ip(a, 0, a.length));
            assertThat(end - 5).isLessThanOrEqualTo(Addresses.MAX_IP_TEXT);
        }
        byte[] mac = {(byte) 0xde, (byte) 0xad, 0, 1, 2, 3};
        int end = Addresses.mac(mac, 0, dst, 1);
        assertThat(new String(dst, 1, end - 1, StandardCharsets.US_ASCII)).isEqualTo("de:ad:00:01:02:03");
        for (int v : new int[] {0, 9, 10, 99, 100, 65535, Integer.MAX_VALUE}) {
            end = Addresses.decimal(v, dst, 0);
            assertThat(new String(dst, 0, end, StandardCharsets.US_ASCII)).isEqualTo(Integer.toString(v));
        }
    }

    /**
     * Random addresses with zero groups everywhere: the text parses back to the same bytes (InetAddress as
     * the independent reader) and is canonical — lower case, no leading zeros, "::" only for a run of two
     * or more zero groups and at most once.
     */
    @Test
    void randomIpv6RoundTripsCanonically() throws Exception {
        java.util.Random random = new java.util.Random(42);
        byte[] a = new byte[16];
        for (int i = 0; i < 20_000; i++) {
            random.nextBytes(a);
            for (int g = 0; g < 8; g++) {
                if (random.nextInt(3) == 0) {
                    a[2 * g] = 0;
                    a[2 * g + 1] = 0;
                } else if (random.nextInt(4) == 0) {
                    a[2 * g] = 0;
                }
            }
            String text = Addresses.ipv6(a, 0);
            if (a[10] == (byte) 0xff && a[11] == (byte) 0xff && java.util.Arrays.equals(a, 0, 10, new byte[10], 0, 10)) {
                continue; // dotted, checked above
            }
            assertThat(InetAddress.getByName(text).getAddress()).as(text).isEqualTo(a);
            assertThat(text).matches("[0-9a-f:]+").doesNotContain(":::");
            assertThat(text.indexOf("::")).isEqualTo(text.lastIndexOf("::"));
            for (String group : text.split(":")) {
                assertThat(group.length() <= 1 || group.charAt(0) != '0').as(text).isTrue();
            }
            if (text.contains("::")) {
                int present = text.equals("::") ? 0 : text.replace("::", ":").replaceAll("^:|:$", "").split(":").length;
                assertThat(8 - present).as(text).isGreaterThanOrEqualTo(2);
            }
        }
    }
}
