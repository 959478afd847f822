package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.DNS;
import io.netcap.types.DNSResourceRecord;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DnsTest {
    static final int PTR_QNAME = 0xc00c; // pointer to the question name at offset 12

    static byte[] response() {
        Bytes b = Bytes.of().u16(0xbeef).u16(0x8180).u16(1).u16(6).u16(1).u16(1)
                .name("example.com").u16(1).u16(1);
        b.u16(PTR_QNAME).u16(1).u16(1).u32(300).u16(4).u8(93, 184, 216, 34);
        b.u16(PTR_QNAME).u16(28).u16(1).u32(300).u16(16)
                .u8(0x26, 0x06, 0x28, 0x00, 0x02, 0x20, 0, 1, 0x02, 0x48, 0x18, 0x93, 0x25, 0xc8, 0x19, 0x46);
        b.u16(PTR_QNAME).u16(5).u16(1).u32(60).u16(6).u8(3).ascii("www").u16(PTR_QNAME);
        b.u16(PTR_QNAME).u16(15).u16(1).u32(60).u16(9).u16(10).u8(4).ascii("mail").u16(PTR_QNAME);
        b.u16(PTR_QNAME).u16(16).u16(1).u32(60).u16(8).u8(5).ascii("hello").u8(1).ascii("w");
        b.u16(PTR_QNAME).u16(33).u16(1).u32(60).u16(8).u16(1).u16(2).u16(443).u16(PTR_QNAME);
        b.u16(PTR_QNAME).u16(6).u16(1).u32(3600).u16(4 + 2 + 6 + 2 + 20)
                .u8(3).ascii("ns1").u16(PTR_QNAME).u8(5).ascii("admin").u16(PTR_QNAME)
                .u32(2024010101L).u32(7200).u32(900).u32(1209600).u32(86400);
        b.u8(0).u16(41).u16(4096).u32(0).u16(0); // OPT pseudo-record at the root
        return b.get();
    }

    @Test
    void responseWithAllDecodedTypes() {
        byte[] m = response();
        DNS d = Dns.decode(m, 0, m.length, 5L);
        assertThat(d).isNotNull();
        assertThat(d.getTimestamp()).isEqualTo(5L);
        assertThat(d.getID()).isEqualTo(0xbeef);
        assertThat(d.getQR()).isTrue();
        assertThat(d.getRD()).isTrue();
        assertThat(d.getRA()).isTrue();
        assertThat(d.getAA()).isFalse();
        assertThat(d.getOpCode()).isZero();
        assertThat(d.getResponseCode()).isZero();
        assertThat(d.getQDCount()).isEqualTo(1);
        assertThat(d.getANCount()).isEqualTo(6);
        assertThat(d.getQuestions(0).getName()).isEqualTo("example.com");
        assertThat(d.getQuestions(0).getType()).isEqualTo(1);
        DNSResourceRecord a = d.getAnswers(0);
        assertThat(a.getName()).isEqualTo("example.com");
        assertThat(a.getTTL()).isEqualTo(300);
        assertThat(a.getIP()).isEqualTo("93.184.216.34");
        assertThat(a.getDataLength()).isEqualTo(4);
        assertThat(a.hasSOA() && a.hasSRV() && a.hasMX()).as("SOA/SRV/MX always present").isTrue();
        assertThat(d.getAnswers(1).getIP()).isEqualTo("2606:2800:220:1:248:1893:25c8:1946");
        assertThat(d.getAnswers(2).getCNAME().toStringUtf8()).isEqualTo("www.example.com");
        assertThat(d.getAnswers(2).getIP()).isEqualTo("<nil>");
        assertThat(d.getAnswers(3).getMX().getPreference()).isEqualTo(10);
        assertThat(d.getAnswers(3).getMX().getName()).isEqualTo("mail.example.com");
        assertThat(d.getAnswers(4).getTXTsList()).extracting(t -> t.toStringUtf8()).containsExactly("hello", "w");
        assertThat(d.getAnswers(5).getSRV().getPort()).isEqualTo(443);
        assertThat(d.getAnswers(5).getSRV().getPriority()).isEqualTo(1);
        assertThat(d.getAnswers(5).getSRV().getWeight()).isEqualTo(2);
        assertThat(d.getAnswers(5).getSRV().getName().toStringUtf8()).isEqualTo("example.com");
        var soa = d.getAuthorities(0).getSOA();
        assertThat(soa.getMName().toStringUtf8()).isEqualTo("ns1.example.com");
        assertThat(soa.getRName().toStringUtf8()).isEqualTo("admin.example.com");
        assertThat(Integer.toUnsignedLong(soa.getSerial())).isEqualTo(2024010101L);
        assertThat(soa.getMinimum()).isEqualTo(86400);
        DNSResourceRecord opt = d.getAdditionals(0);
        assertThat(opt.getName()).isEmpty();
        assertThat(opt.getType()).isEqualTo(41);
        assertThat(opt.getClass_()).isEqualTo(4096);
        assertThat(opt.getIP()).isEqualTo("<nil>");
        assertThat(d.getSrcIP()).isEmpty();
        assertThat(d.getSrcPort()).isZero();
    }

    @Test
    void tcpLengthPrefix() {
        byte[] m = response();
        byte[] tcp = Bytes.of().u16(m.length).raw(m).get();
        assertThat(Dns.decodeTcp(tcp, 0, tcp.length, 0).getID()).isEqualTo(0xbeef);
        long before = AppErrors.get("DNS.tcpLengthExceedsSegment");
        assertThat(Dns.decodeTcp(tcp, 0, tcp.length - 1, 0)).isNull();
        assertThat(AppErrors.get("DNS.tcpLengthExceedsSegment")).isEqualTo(before + 1);
    }

    @Test
    void compressionLoopIsCounted() {
        // the question name is a pointer to itself
        byte[] m = Bytes.of().u16(1).u16(0x0100).u16(1).u16(0).u16(0).u16(0).u16(PTR_QNAME).u16(1).u16(1).get();
        assertRejected(m, "DNS.compressionLoop");
    }

    @Test
    void twoPointerLoopIsCounted() {
        byte[] m = Bytes.of().u16(1).u16(0).u16(1).u16(0).u16(0).u16(0)
                .u8(1).ascii("a").u16(0xc00e).u16(1).u16(1).get(); // label "a" then pointer to 14 = itself
        assertRejected(m, "DNS.compressionLoop");
    }

    @Test
    void pointerPastEndIsCounted() {
        byte[] m = Bytes.of().u16(1).u16(0).u16(1).u16(0).u16(0).u16(0).u16(0xc0ff).u16(1).u16(1).get();
        assertRejected(m, "DNS.pointerPastEnd");
    }

    @Test
    void countLargerThanDataIsCounted() {
        byte[] m = Bytes.of().u16(1).u16(0x8000).u16(1).u16(5).u16(0).u16(0).name("a.b").u16(1).u16(1).get();
        assertRejected(m, "DNS.nameTruncated");
    }

    @Test
    void labelPastEndAndBadLabelType() {
        byte[] m = Bytes.of().u16(1).u16(0).u16(1).u16(0).u16(0).u16(0).u8(20).ascii("abc").get();
        assertRejected(m, "DNS.labelPastEnd");
        byte[] t = Bytes.of().u16(1).u16(0).u16(1).u16(0).u16(0).u16(0).u8(0x41).ascii("abc").u8(0).u16(1).u16(1).get();
        assertRejected(t, "DNS.invalidLabelType");
    }

    @Test
    void nameLongerThan255BytesIsCounted() {
        Bytes b = Bytes.of().u16(1).u16(0).u16(1).u16(0).u16(0).u16(0);
        for (int i = 0; i < 5; i++) b.u8(63).ascii("a".repeat(63));
        byte[] m = b.u8(0).u16(1).u16(1).get();
        assertRejected(m, "DNS.nameTooLong");
    }

    @Test
    void rdataLongerThanMessageIsCounted() {
        byte[] m = response();
        // first answer's RDLENGTH (A record): header 12 + question 17 + name 2 + type/class/ttl 8
        int rdlen = 12 + 17 + 2 + 8;
        m[rdlen] = 0x7f;
        assertRejected(m, "DNS.rdataExceedsMessage");
    }

    @Test
    void everyPrefixIsRejectedWithoutException() {
        byte[] m = response();
        for (int n = 0; n < m.length; n++) assertThat(Dns.decode(m, 0, n, 0)).isNull();
        assertThat(Dns.decode(m, 0, m.length, 0)).isNotNull();
        assertThat(Dns.decode(null, 0, 0, 0)).isNull();
        assertThat(Dns.decode(m, 5, m.length, 0)).isNull();
    }

    @Test
    void rawLabelBytesAreKept() {
        byte[] m = Bytes.of().u16(1).u16(0).u16(1).u16(0).u16(0).u16(0).u8(2, 0xc3, 0xff).u8(0).u16(1).u16(1).get();
        DNS d = Dns.decode(m, 0, m.length, 0);
        assertThat(d.getQuestions(0).getNameBytes().toByteArray()).containsExactly(0xc3, 0xff);
    }

    private static void assertRejected(byte[] m, String counter) {
        long before = AppErrors.get(counter);
        assertThat(Dns.decode(m, 0, m.length, 0)).isNull();
        assertThat(AppErrors.get(counter)).as(counter + " " + AppErrors.snapshot()).isEqualTo(before + 1);
        assertThat(Arrays.copyOf(m, m.length)).isEqualTo(m);
    }
}
