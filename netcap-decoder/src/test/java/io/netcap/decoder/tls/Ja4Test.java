package io.netcap.decoder.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** JA4 against the worked example of FoxIO's JA4 technical details (JA4.md). */
class Ja4Test {
    // the example's ciphers and extensions in wire order (its JA4_ro) and its signature algorithms
    static final List<Integer> CIPHERS = List.of(0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9,
            0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035);
    static final List<Integer> EXTENSIONS = List.of(0x001b, 0x0000, 0x0033, 0x0010, 0x4469, 0x0017, 0x002d, 0x000d,
            0x0005, 0x0023, 0x0012, 0x002b, 0xff01, 0x000b, 0x000a, 0x0015);
    static final List<Integer> SIG_ALGS = List.of(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601);

    @Test
    void publishedExample() {
        Ja4 j = Ja4.of(0x0303, CIPHERS, EXTENSIONS, List.of(0x0304, 0x0303), true, "h2".getBytes(), SIG_ALGS);
        assertThat(j.ja4()).isEqualTo("t13d1516h2_8daaf6152771_e5627efa2ab1");
        assertThat(j.raw()).isEqualTo("t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,"
                + "cca8,cca9_0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_"
                + "0403,0804,0401,0503,0805,0501,0806,0601");
    }

    @Test
    void greaseIsIgnoredEverywhere() {
        List<Integer> c = new java.util.ArrayList<>(CIPHERS);
        c.add(0, 0x0a0a);
        List<Integer> e = new java.util.ArrayList<>(EXTENSIONS);
        e.add(0, 0x1a1a);
        e.add(0x2a2a);
        Ja4 j = Ja4.of(0x0303, c, e, List.of(0x3a3a, 0x0304, 0x0303), true, "h2".getBytes(), SIG_ALGS);
        assertThat(j.ja4()).isEqualTo("t13d1516h2_8daaf6152771_e5627efa2ab1");
    }

    @Test
    void withoutSignatureAlgorithmsTheStringEndsWithoutUnderscore() {
        // JA4.md: "0005,...,ff01 = 6d807ffa2a79"
        assertThat(Ja4.sha256_12("0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01"))
                .isEqualTo("6d807ffa2a79");
        Ja4 j = Ja4.of(0x0303, CIPHERS, EXTENSIONS, List.of(0x0304), true, "h2".getBytes(), List.of());
        assertThat(j.ja4()).endsWith("_6d807ffa2a79");
    }

    @Test
    void emptyListsGiveZeroHashes() {
        Ja4 j = Ja4.of(0x0301, List.of(), List.of(), List.of(), false, null, List.of());
        assertThat(j.ja4()).isEqualTo("t10i000000_000000000000_000000000000");
    }

    @Test
    void versionWithoutSupportedVersionsIsTheHelloVersion() {
        assertThat(Ja4.of(0x0303, CIPHERS, List.of(), List.of(), false, null, List.of()).ja4()).startsWith("t12i1500");
        assertThat(Ja4.versionCode(0x0300)).isEqualTo("s3");
        assertThat(Ja4.versionCode(0xfefd)).isEqualTo("d2");
        assertThat(Ja4.versionCode(0x7f1c)).isEqualTo("00");
    }

    @Test
    void alpnRulesOfTheDefinition() {
        assertThat(Ja4.alpn("http/1.1".getBytes())).isEqualTo("h1");
        assertThat(Ja4.alpn("h".getBytes())).isEqualTo("hh");
        assertThat(Ja4.alpn(new byte[] {(byte) 0xab})).isEqualTo("ab");
        assertThat(Ja4.alpn(new byte[] {(byte) 0xab, (byte) 0xcd})).isEqualTo("ad");
        assertThat(Ja4.alpn(new byte[] {0x30, (byte) 0xab})).isEqualTo("3b");
        assertThat(Ja4.alpn(new byte[] {0x30, 0x31, (byte) 0xab, (byte) 0xcd})).isEqualTo("3d");
        assertThat(Ja4.alpn(new byte[] {0x30, (byte) 0xab, (byte) 0xcd, 0x31})).isEqualTo("01");
        assertThat(Ja4.alpn(new byte[0])).isEqualTo("00");
    }

    @Test
    void countsAreCappedAt99() {
        List<Integer> many = java.util.stream.IntStream.range(1, 150).boxed().toList();
        assertThat(Ja4.of(0x0303, many, List.of(), List.of(), false, null, List.of()).ja4()).startsWith("t12i9900");
    }
}
