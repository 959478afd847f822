package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.netcap.io.RecordWriter;
import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import io.netcap.types.TCPOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpCommandTest {
    /** docs/container.md, "Worked example" */
    static final TCP WORKED = TCP.newBuilder().setTimestamp(1600000000123456000L).setSrcPort(443).setDstPort(51000)
            .setSeqNum(1).setDataOffset(5).setACK(true).setWindow(502).setSrcIP("10.0.0.1").setDstIP("10.0.0.2").build();
    static final String CORRECTED_HEADER = "Timestamp,SrcPort,DstPort,SeqNum,AckNum,DataOffset,FIN,SYN,RST,PSH,ACK,URG,"
            + "ECE,CWR,NS,Window,Checksum,Urgent,Options,PayloadEntropy,PayloadSize,SrcIP,DstIP";
    static final String ROW = "2020-09-13 12:26:40.123456 +0000 UTC,443,51000,1,0,5,false,false,false,false,true,false,"
            + "false,false,false,502,0,0,,0.00000000,0,10.0.0.1,10.0.0.2";

    @TempDir
    Path dir;
    Path gz;
    Path plain;

    @BeforeEach
    void write() throws IOException {
        WriterOptions opts = WriterOptions.defaults("a.pcap").withCreatedNanos(1600000000123456789L);
        Path gzDir = Files.createDirectories(dir.resolve("gz"));
        try (RecordWriter w = RecordWriter.create(gzDir, RecordType.TCP, opts)) {
            w.write(WORKED);
            gz = w.path();
        }
        Path plainDir = Files.createDirectories(dir.resolve("plain"));
        try (RecordWriter w = RecordWriter.create(plainDir, RecordType.TCP, opts.withCompress(false))) {
            w.write(WORKED);
            w.write(TCP.newBuilder().setTimestamp(1600000000000000000L).setSrcPort(1).setDstPort(2)
                    .addOptions(TCPOption.newBuilder().setOptionType(2).setOptionLength(4)
                            .setOptionData(ByteString.copyFrom(new byte[] {0x05, (byte) 0xb4})))
                    .setPayloadEntropy(0.017578125).build());
            plain = w.path();
        }
        assertThat(gz.getFileName().toString()).isEqualTo("TCP.ncap.gz");
        assertThat(plain.getFileName().toString()).isEqualTo("TCP.ncap");
    }

    @Test
    void csvOfTheWorkedExample() {
        Run r = Run.net("dump", "-read", gz.toString(), "-csv");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).containsExactly(CORRECTED_HEADER, ROW);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void csvRendersStructuresTiesAndCustomBrackets() {
        Run r = Run.net("dump", "--read", plain.toString(), "-csv", "-begin=[", "-end", "]", "-struct-sep=|");
        assertThat(r.lines()).hasSize(3);
        assertThat(r.lines().get(2)).isEqualTo("2020-09-13 12:26:40 +0000 UTC,1,2,0,0,0,false,false,false,false,false,"
                + "false,false,false,false,0,0,0,[2|4|05b4],0.01757812,0,,");
    }

    /**
     * {@code -encode} (docs/engine.md, "Output encodings"): the plain file's two records a, b lie +-1/sqrt(2) sample
     * deviations from their mean in every column that differs (the timestamp falls, the ports fall); the options
     * are the categories 0 and 1, 10.0.0.1 the integer 167772161 and the missing address 0.
     */
    @Test
    void encodeWritesEveryValueAsANumber() {
        Run r = Run.net("dump", "-read", plain.toString(), "-encode", "-select", "Timestamp,SrcPort,ACK,Options,SrcIP");
        assertThat(r.err()).isEmpty();
        assertThat(r.lines()).containsExactly("Timestamp,SrcPort,ACK,Options,SrcIP",
                "0.0000000000,0.0000000000,1.0000000000,0.0000000000,167772161",
                "-0.7071067812,-0.7071067812,0.0000000000,1.0000000000,0");
        Run tsv = Run.net("dump", "-read", plain.toString(), "-tsv", "-encode", "-select", "DstPort,DstIP");
        assertThat(tsv.lines()).containsExactly("DstPort\tDstIP", "0.0000000000\t167772162", "-0.7071067812\t0");
        for (String[] flags : List.of(new String[] {"-json", "-encode"}, new String[] {"-encode", "-sep", "."},
                new String[] {"-csv", "-encode", "-legacy-csv"})) {
            Run bad = Run.net(Stream.concat(Stream.of("dump", "-read", plain.toString()),
                    Stream.of(flags)).toArray(String[]::new));
            assertThat(bad.status()).as(String.join(" ", flags)).isEqualTo(2);
            assertThat(bad.err()).as(String.join(" ", flags)).startsWith("conflicting flags -encode and ");
        }
    }

    @Test
    void tsvUtcFalseAndSelect() {
        Run tsv = Run.net("dump", "-read", gz.toString(), "-tsv", "-utc=false", "-select", "Timestamp,DstPort,SrcPort");
        assertThat(tsv.lines()).containsExactly("Timestamp\tDstPort\tSrcPort", "1600000000123456000\t51000\t443");
        Run sep = Run.net("dump", "-read", gz.toString(), "-sep", "\\t", "-select=SrcPort");
        assertThat(sep.lines()).containsExactly("SrcPort", "443");
        Run semi = Run.net("dump", "-read", gz.toString(), "-csv", "-sep", ";", "-select=SrcIP,Options");
        assertThat(semi.lines()).containsExactly("SrcIP;Options", "10.0.0.1;");
    }

    @Test
    void unknownSelectedColumn() {
        Run r = Run.net("dump", "-read", gz.toString(), "-csv", "-select", "SrcPort,Nope");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList()).containsExactly("invalid field: Nope", "available fields: " + CORRECTED_HEADER + ",Padding,Payload");
    }

    @Test
    void fieldsPrintsOnlyTheHeader() {
        assertThat(Run.net("dump", "-read", gz.toString(), "-csv", "-fields").lines()).containsExactly(CORRECTED_HEADER);
    }

    @Test
    void structuredIsTheDefault() {
        Run r = Run.net("dump", "-read", gz.toString());
        assertThat(r.status()).isZero();
        assertThat(r.lines()).containsExactly("NC_TCP", "Timestamp: 1600000000123456000", "SrcPort: 443", "DstPort: 51000",
                "SeqNum: 1", "DataOffset: 5", "ACK: true", "Window: 502", "SrcIP: \"10.0.0.1\"", "DstIP: \"10.0.0.2\"", "");
        // issue 16, item 6: the footer is human output, on stderr, so pipes get data only
        assertThat(r.err().lines().toList()).containsExactly("1 records.");
    }

    @Test
    void jsonLines() {
        Run r = Run.net("dump", "-read", gz.toString(), "-json");
        assertThat(r.lines()).containsExactly("{\"Timestamp\":1600000000123456000,\"SrcPort\":443,\"DstPort\":51000,"
                + "\"SeqNum\":1,\"DataOffset\":5,\"ACK\":true,\"Window\":502,\"SrcIP\":\"10.0.0.1\",\"DstIP\":\"10.0.0.2\"}");
    }

    @Test
    void tableWithSelection() {
        Run r = Run.net("dump", "-read", gz.toString(), "-table", "-select", "SrcPort,DstIP");
        assertThat(r.lines()).containsExactly(
                "┌─────────┬──────────┐",
                "│ SrcPort │ DstIP    │",
                "├─────────┼──────────┤",
                "│ 443     │ 10.0.0.2 │",
                "└─────────┴──────────┘");
        assertThat(r.err().lines().toList()).containsExactly("1 records.");
    }

    @Test
    void tableRepeatsTheHeaderEveryHundredRows() throws IOException {
        Path d = Files.createDirectories(dir.resolve("many"));
        Path f;
        try (RecordWriter w = RecordWriter.create(d, RecordType.TCP, WriterOptions.defaults("x"))) {
            for (int i = 0; i < 250; i++) {
                w.write(TCP.newBuilder().setSrcPort(i).build());
            }
            f = w.path();
        }
        Run r = Run.net("dump", "-read", f.toString(), "-table", "-select", "SrcPort");
        assertThat(r.lines().stream().filter(l -> l.equals("│ SrcPort │"))).hasSize(3);
        assertThat(r.err().lines().toList()).containsExactly("250 records.");
    }

    @Test
    void fileHeader() {
        Run r = Run.net("dump", "-read", gz.toString(), "-header");
        assertThat(r.out()).contains("│ Created          │ 2020-09-13 12:26:40.123456789 +0000 UTC │")
                .contains("│ Source           │ a.pcap").contains("│ Type             │ NC_TCP")
                .contains("│ Version          │ v0.6.11").contains("│ ContainsPayloads │ false");
    }

    @Test
    void inputErrors() throws IOException {
        Run none = Run.net("dump");
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err()).contains("-read");
        Path pcap = Files.write(dir.resolve("x.pcap"), new byte[24]);
        Run p = Run.net("dump", "-read", pcap.toString());
        assertThat(p.status()).isEqualTo(1);
        assertThat(p.err()).contains("net capture");
        assertThat(Run.net("dump", "-read", dir.resolve("y.pcapng").toString()).status()).isEqualTo(1);
        Run missing = Run.net("dump", "-read", dir.resolve("nope.ncap.gz").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).startsWith("failed to open audit record file: ");
        Run other = Run.net("dump", "-read", dir.resolve("x.txt").toString());
        assertThat(other.status()).isEqualTo(1);
        assertThat(other.out()).isEmpty();
    }

    @Test
    void corruptRecordAbortsAfterTheGoodOnes() throws IOException {
        long end = Files.size(plain);
        // a two-byte record whose first tag has the invalid wire type 7
        Files.write(plain, new byte[] {0x02, 0x0f, (byte) 0xff}, StandardOpenOption.APPEND);
        Run r = Run.net("dump", "-read", plain.toString(), "-csv", "-select", "SrcPort");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.lines()).containsExactly("SrcPort", "443", "1");
        assertThat(r.err()).startsWith("failed to read next audit record: ").contains("offset " + end);
    }

    @Test
    void truncatedEndIsAWarning() throws IOException {
        long end = Files.size(plain);
        Files.write(plain, new byte[] {0x05, 0x08}, StandardOpenOption.APPEND);
        Run r = Run.net("dump", "-read", plain.toString(), "-csv", "-select", "SrcPort");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).containsExactly("SrcPort", "443", "1");
        assertThat(r.err()).startsWith("warning: ").contains("offset " + end);
    }

    @Test
    void flagErrorsExitWithTwoAndHelpWithZero() {
        Run help = Run.net("dump", "-h");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("-read").contains("-struct-sep");
        assertThat(Run.net("dump", "-nope").status()).isEqualTo(2);
        assertThat(Run.net("dump", "-read").status()).isEqualTo(2);
    }

    @Test
    void netWithoutArgumentsPrintsHelp() {
        Run r = Run.net();
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("dump").contains("util");
    }

    @Test
    void environmentSetsFlags() {
        Run r = Run.net(Map.of("NC_UTC", "false", "NC_CSV", "", "NC_SELECT", "Timestamp"), "dump", "-read", gz.toString());
        assertThat(r.lines()).isEqualTo(List.of("Timestamp", "1600000000123456000"));
        Run cli = Run.net(Map.of("NC_UTC", "false"), "dump", "-read", gz.toString(), "-csv", "-utc", "-select=Timestamp");
        assertThat(cli.lines()).containsExactly("Timestamp", "2020-09-13 12:26:40.123456 +0000 UTC");
    }
}
