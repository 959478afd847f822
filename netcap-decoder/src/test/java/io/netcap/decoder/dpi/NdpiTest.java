package io.netcap.decoder.dpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThatCode;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nDPI through FFM: a missing library is one line; crafted packets get nDPI's protocol names. */
class NdpiTest {
    @Test
    void missingLibraryIsOneLineNamingThePackage() {
        Object r = Ndpi.load(List.of("libndpi-does-not-exist.so.9"));
        assertThat(r).isInstanceOf(Ndpi.UnavailableException.class);
        assertThat(((Exception) r).getMessage())
                .isEqualTo("nDPI not found (libndpi-does-not-exist.so.9): install the Debian package libndpi4.2");
    }

    @Test
    void dnsQueryIsDns() throws Exception {
        assumeThatCode(Ndpi::get).as("skipped: needs Debian libndpi4.2").doesNotThrowAnyException();
        Dpi dpi = Dpi.open();
        // IPv4/UDP 10.0.0.1:40000 -> 10.0.0.2:53, a query for example.com A (RFC 1035 4.1)
        byte[] ip = HexFormat.of().parseHex("45000039000040004011000a0a0000010a000002"
                + "9c40003500250000123401000001000000000000076578616d706c6503636f6d0000010001");
        fixLengths(ip);
        try (DpiFlows flows = dpi.flows()) {
            long p = flows.classify(1, ip, 0, ip.length, 1_000_000_000L);
            assertThat(p).isNotZero();
            assertThat(dpi.protocolName(p)).isEqualTo("DNS");
            assertThat(dpi.categoryName(p)).isEqualTo("Network");
            assertThat(flows.classify(1, ip, 0, ip.length, 2_000_000_000L)).isEqualTo(p);
        }
    }

    /** IPv4 total length and UDP length from the array's size. */
    private static void fixLengths(byte[] ip) {
        int total = ip.length;
        ip[2] = (byte) (total >>> 8);
        ip[3] = (byte) total;
        int udp = total - 20;
        ip[24] = (byte) (udp >>> 8);
        ip[25] = (byte) udp;
    }
}
