package io.netcap.decoder.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The byte-buffer JA3/JA4 builders against their String forms, on lists with GREASE, SNI and ALPN mixed in. */
class FingerprintsTest {
    @Provide
    Arbitrary<List<Integer>> values() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0, 0xffff)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(0x0a0a, 0x1a1a, 0xfafa, 0x0000, 0x0010, 0x0304, 0x0303, 0x7f17, 0xfefd)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 255)))
                .list().ofMaxSize(120);
    }

    @Provide
    Arbitrary<byte[]> alpns() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.bytes().array(byte[].class).ofMaxSize(6),
                Arbitraries.strings().alpha().numeric().ofMaxLength(8).map(String::getBytes));
    }

    @Property(tries = 1500)
    void ja4AsTheStringForm(@ForAll("values") List<Integer> ciphers, @ForAll("values") List<Integer> extensions,
                            @ForAll("values") @Size(max = 6) List<Integer> versions, @ForAll boolean sni,
                            @ForAll("alpns") byte[] alpn, @ForAll("values") List<Integer> sigs,
                            @ForAll("version") int version) {
        String[] expected = FingerprintReference.ja4(version, ciphers, extensions, versions, sni, alpn, sigs);
        Ja4 j = Ja4.of(version, ciphers, extensions, versions, sni, alpn, sigs);
        assertThat(j.ja4()).isEqualTo(expected[0]);
        assertThat(j.raw()).isEqualTo(expected[1]);
    }

    @Provide
    Arbitrary<Integer> version() {
        return Arbitraries.oneOf(Arbitraries.of(0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x0002, 0xfeff, 0xfefd, 0xfefc),
                Arbitraries.integers().between(0, 0xffff));
    }

    @Property(tries = 1500)
    void ja3AsTheStringForm(@ForAll("version") int version, @ForAll("values") List<Integer> ciphers,
                            @ForAll("values") List<Integer> extensions, @ForAll("values") List<Integer> groups,
                            @ForAll("values") List<Integer> points) throws Exception {
        String client = FingerprintReference.ja3Client(version, ciphers, extensions, groups, points);
        assertThat(Ja3.clientString(version, ciphers, extensions, groups, points)).isEqualTo(client);
        assertThat(Ja3.md5(client)).isEqualTo(FingerprintReference.md5(client));
        int cipher = ciphers.isEmpty() ? 0 : ciphers.get(0);
        assertThat(Ja3.serverString(version, cipher, extensions))
                .isEqualTo(FingerprintReference.ja3Server(version, cipher, extensions));
    }
}
