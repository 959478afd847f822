package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.io.RecordWriter;
import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import io.netcap.types.UDP;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16, item 5 (dump part): a directory and standard input as {@code -read}. */
class DumpInputTest {
    @TempDir
    Path dir;
    Path tcp;
    Path udp;

    @BeforeEach
    void write() throws IOException {
        try (RecordWriter w = RecordWriter.create(dir, RecordType.TCP, WriterOptions.defaults("x.pcap"))) {
            w.write(TCP.newBuilder().setSrcPort(443).build());
            tcp = w.path();
        }
        try (RecordWriter w = RecordWriter.create(dir, RecordType.UDP, WriterOptions.defaults("x.pcap").withCompress(false))) {
            w.write(UDP.newBuilder().setSrcPort(53).build());
            w.write(UDP.newBuilder().setSrcPort(54).build());
            udp = w.path();
        }
        Files.writeString(dir.resolve("notes.txt"), "not a record file");
    }

    @Test
    void aDirectoryDumpsEveryRecordFileInNameOrder() {
        Run r = Run.net("dump", "-read", dir.toString(), "-csv", "-select", "SrcPort");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).containsExactly("SrcPort", "443", "SrcPort", "53", "54");
        assertThat(r.err().lines().toList()).containsExactly("==> " + tcp + " <==", "==> " + udp + " <==");
    }

    @Test
    void aDirectoryWithoutRecordFilesSaysWhatToDo() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run r = Run.net("dump", "-read", empty.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).containsExactly(empty + " is a directory without audit record files "
                + "(.ncap, .ncap.gz); give one file: -read " + empty.resolve("<Type>.ncap.gz"));
    }

    @Test
    void dashReadsGzipFromStandardInput() throws IOException {
        Run r = Run.withStdin(Files.readAllBytes(tcp), "dump", "-read", "-", "-csv", "-select", "SrcPort");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).containsExactly("SrcPort", "443");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void dashReadsPlainRecordsFromStandardInput() throws IOException {
        Run r = Run.withStdin(Files.readAllBytes(udp), "dump", "-read", "-", "-csv", "-select", "SrcPort");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).containsExactly("SrcPort", "53", "54");
    }

    @Test
    void garbageOnStandardInputIsAnError() {
        Run r = Run.withStdin("hello".getBytes(), "dump", "-read", "-");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).hasSize(1).allSatisfy(l -> assertThat(l)
                .startsWith("failed to read next audit record: ").contains("stdin"));
    }

    @Test
    void anotherExtensionIsNamedNotIgnored() {
        Run r = Run.net("dump", "-read", dir.resolve("notes.txt").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList()).containsExactly("not an audit record file (.ncap or .ncap.gz): " + dir.resolve("notes.txt"));
    }
}
