package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.DNS;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The byte-level name reader and reused builders of {@link Dns} against the former String-building
 * decoder: same record or same rejection reason, on a response with every decoded type, mutated.
 */
class DnsDifferentialTest {
    @Provide
    Arbitrary<byte[]> messages() {
        byte[] base = DnsTest.response();
        Arbitrary<int[]> edit = Arbitraries.integers().between(0, base.length - 1)
                .flatMap(at -> Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.integers().between(0, 255)),
                        Tuple.of(2, Arbitraries.of(0, 1, 3, 0x3f, 0x40, 0xc0, 0x0c, 0xff)))
                        .map(v -> new int[] {at, v}));
        return Arbitraries.integers().between(0, base.length).flatMap(cut -> edit.list().ofMaxSize(4).map(edits -> {
            byte[] m = java.util.Arrays.copyOf(base, cut);
            for (int[] e : edits) {
                if (e[0] < m.length) m[e[0]] = (byte) e[1];
            }
            return m;
        }));
    }

    @Property(tries = 4000)
    void sameRecordOrReasonAsTheStringForm(@ForAll("messages") byte[] m) {
        check(m, false);
        byte[] tcp = new byte[m.length + 2];
        tcp[0] = (byte) (m.length >> 8);
        tcp[1] = (byte) m.length;
        System.arraycopy(m, 0, tcp, 2, m.length);
        check(tcp, true);
    }

    private static void check(byte[] m, boolean tcp) {
        DnsReference.LAST_REASON.remove();
        DNS expected = tcp ? DnsReference.decodeTcp(m, 0, m.length, 3L) : DnsReference.decode(m, 0, m.length, 3L);
        String reason = DnsReference.LAST_REASON.get();
        long before = reason == null ? 0 : AppErrors.get("DNS." + reason);
        DNS actual = tcp ? Dns.decodeTcp(m, 0, m.length, 3L) : Dns.decode(m, 0, m.length, 3L);
        assertThat(actual).isEqualTo(expected);
        if (expected != null) {
            assertThat(actual.toByteString()).isEqualTo(expected.toByteString());
        } else {
            assertThat(AppErrors.get("DNS." + reason)).isEqualTo(before + 1);
        }
    }

    @Property(tries = 200)
    void compressedNamesAndLongNames(@ForAll("labels") List<String> labels) {
        Bytes b = Bytes.of().u16(1).u16(0x8180).u16(1).u16(1).u16(0).u16(0).name(String.join(".", labels)).u16(1).u16(1);
        b.u16(DnsTest.PTR_QNAME).u16(5).u16(1).u32(60).u16(2).u16(DnsTest.PTR_QNAME);
        check(b.get(), false);
    }

    @Provide
    Arbitrary<List<String>> labels() {
        return Arbitraries.strings().withChars("abcXYZ-\u00e9\u00ff09").ofMinLength(1).ofMaxLength(63).list().ofMaxSize(8);
    }
}
