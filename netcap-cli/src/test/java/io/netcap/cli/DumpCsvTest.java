package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netcap.io.RecordWriter;
import io.netcap.io.WriterOptions;
import io.netcap.types.Connection;
import io.netcap.types.DNS;
import io.netcap.types.DNSQuestion;
import io.netcap.types.DNSResourceRecord;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16, item 4 ("CSV is not CSV"): one test per finding, through the {@code net} command line. */
class DumpCsvTest {
    @TempDir
    Path dir;

    private Path write(RecordType type, Message... records) throws IOException {
        Path d = Files.createDirectories(dir.resolve(type.name() + records.length));
        try (RecordWriter w = RecordWriter.create(d, type, WriterOptions.defaults("x.pcap"))) {
            for (Message m : records) {
                w.write(m);
            }
            return w.path();
        }
    }

    @Test
    void valuesWithSeparatorsQuotesAndNewlinesAreQuoted() throws IOException {
        Path f = write(RecordType.TCP, TCP.newBuilder().setSrcIP("a,b").setDstIP("say \"hi\"\nbye").build());
        Run r = Run.net("dump", "-read", f.toString(), "-csv", "-select", "SrcIP,DstIP,SrcPort");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("SrcIP,DstIP,SrcPort\n\"a,b\",\"say \"\"hi\"\"\nbye\",0\n");
        assertThat(r.err()).isEmpty();
        Run tsv = Run.net("dump", "-read", f.toString(), "-tsv", "-select", "SrcIP,DstIP");
        assertThat(tsv.out()).isEqualTo("SrcIP\tDstIP\na,b\t\"say \"\"hi\"\"\nbye\"\n");
    }

    @Test
    void legacyCsvJoinsRawLikeTheOriginal() throws IOException {
        Path f = write(RecordType.TCP, TCP.newBuilder().setSrcIP("a,b").setDstIP("say \"hi\"").build());
        Run r = Run.net("dump", "-read", f.toString(), "-csv", "-legacy-csv", "-select", "SrcIP,DstIP");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("SrcIP,DstIP\na,b,say \"hi\"\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void utilCheckAcceptsWhatDumpWrites() throws IOException {
        Path f = write(RecordType.TCP, TCP.newBuilder().setSrcIP("a,b").build(),
                TCP.newBuilder().setDstIP("x\"\r\ny").build());
        Run dump = Run.net("dump", "-read", f.toString(), "-csv");
        Path csv = Files.writeString(dir.resolve("TCP.csv"), dump.out());
        Run check = Run.net("util", "-read", csv.toString(), "-check");
        assertThat(check.status()).isZero();
        assertThat(check.err()).isEmpty();
        assertThat(check.lines()).containsExactly("checked 2 records, 0 not valid CSV or with a wrong number of fields (expected 23)");
        Run legacy = Run.net("dump", "-read", f.toString(), "-csv", "-legacy-csv");
        Path raw = Files.writeString(dir.resolve("raw.csv"), legacy.out());
        Run bad = Run.net("util", "-read", raw.toString(), "-check");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.lines().getLast()).startsWith("checked ").doesNotEndWith(" 0 not valid CSV");
    }

    @Test
    void dnsAnswersListEveryAnswer() throws IOException {
        DNS dns = DNS.newBuilder().addQuestions(DNSQuestion.newBuilder().setName("q").setType(1).setClass_(1))
                .addAnswers(DNSResourceRecord.newBuilder().setName("q").setIP("1.1.1.1"))
                .addAnswers(DNSResourceRecord.newBuilder().setName("q").setIP("2.2.2.2")).build();
        Path f = write(RecordType.DNS, dns);
        Run r = Run.net("dump", "-read", f.toString(), "-csv", "-select", "Answers");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.lines()).containsExactly("Answers",
                "(q-0-0-0-0--1.1.1.1----(--0-0-0-0-0)-(0-0-0-)-(0-)-())(q-0-0-0-0--2.2.2.2----(--0-0-0-0-0)-(0-0-0-)-(0-)-())");
        Run legacy = Run.net("dump", "-read", f.toString(), "-csv", "-legacy-csv", "-select", "Answers");
        assertThat(legacy.lines()).containsExactly("Answers",
                "(q-1-1)(q-0-0-0-0--2.2.2.2----(--0-0-0-0-0)-(0-0-0-)-(0-)-())");
    }

    @Test
    void connectionCsvAndTableCarryUidAndCommunityId() throws IOException {
        Connection c = Connection.newBuilder().setUID("CrJ1yz3").setCommunityID("1:abc=").setSrcIP("10.0.0.1").build();
        Path f = write(RecordType.Connection, c);
        Run csv = Run.net("dump", "-read", f.toString(), "-csv");
        assertThat(csv.status()).isZero();
        assertThat(csv.err()).isEmpty();
        assertThat(csv.lines().get(0)).endsWith(",MeanWindowSize,UID,CommunityID");
        assertThat(csv.lines().get(1)).endsWith(",CrJ1yz3,1:abc=");
        Run table = Run.net("dump", "-read", f.toString(), "-table");
        assertThat(table.status()).isZero();
        assertThat(table.err().lines().toList()).containsExactly("1 records.");
        assertThat(table.out()).contains("│ UID     │ CommunityID │").contains("│ CrJ1yz3 │ 1:abc=      │");
        Run select = Run.net("dump", "-read", f.toString(), "-csv", "-select", "UID,CommunityID,SrcIP");
        assertThat(select.status()).isZero();
        assertThat(select.err()).isEmpty();
        assertThat(select.lines()).containsExactly("UID,CommunityID,SrcIP", "CrJ1yz3,1:abc=,10.0.0.1");
    }

    @Test
    void fieldsTheOriginalLeavesOutAreSelectable() throws IOException {
        Path f = write(RecordType.TCP, TCP.newBuilder().setPayload(ByteString.copyFrom(new byte[] {1, (byte) 0xab})).build());
        Run r = Run.net("dump", "-read", f.toString(), "-csv", "-select", "Payload,Padding");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).containsExactly("Payload,Padding", "01ab,");
        assertThat(r.err()).isEmpty();
    }
}
