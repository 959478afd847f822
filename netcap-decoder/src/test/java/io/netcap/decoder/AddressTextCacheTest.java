package io.netcap.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.packet.layer.Addresses;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cached text is that of {@link Addresses} (whose own tests hold it against Go's rendering), as array and as
 * ByteString, for more addresses than the cache has slots, so slots are taken over and asked again.
 */
class AddressTextCacheTest {
    private static final byte[] MAPPED = HexFormat.of().parseHex("00000000000000000000ffff");

    @Test
    void cachedTextIsTheAddressesText() {
        AddressTextCache cache = new AddressTextCache();
        Random r = new Random(7);
        byte[] packet = new byte[2 + 16];
        for (int round = 0; round < 3; round++) {
            r.setSeed(7);
            for (int n = 0; n < 10_000; n++) {
                r.nextBytes(packet);
                if (n % 5 == 0) { // IPv4-mapped IPv6, printed dotted
                    System.arraycopy(MAPPED, 0, packet, 2, MAPPED.length);
                }
                String mac = Addresses.mac(packet, 2);
                assertThat(text(cache.macText(packet, 2))).isEqualTo(mac);
                assertThat(cache.mac(packet, 2).toStringUtf8()).isEqualTo(mac);
                String v4 = Addresses.ipv4(packet, 2);
                assertThat(text(cache.ipv4Text(packet, 2))).isEqualTo(v4);
                assertThat(cache.ipv4(packet, 2).toStringUtf8()).isEqualTo(v4);
                String v6 = Addresses.ipv6(packet, 2);
                assertThat(text(cache.ipv6Text(packet, 2))).isEqualTo(v6);
                assertThat(cache.ipv6(packet, 2).toStringUtf8()).isEqualTo(v6);
            }
        }
    }

    @Test
    void zeroRunsOfIpv6AreShortened() {
        byte[] b = HexFormat.of().parseHex("20010db8000000000000000000000001");
        assertThat(text(new AddressTextCache().ipv6Text(b, 0))).isEqualTo("2001:db8::1");
    }

    private static String text(byte[] t) {
        return new String(t, StandardCharsets.US_ASCII);
    }
}
