package io.netcap.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.netcap.types.Header;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import io.netcap.types.TCPOption;
import io.netcap.types.Type;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Property tests of the varint framing and of write-then-read round trips. */
class FramingPropertiesTest {

    @Property
    void varintMatchesTheReferenceEncoder(@ForAll long value) {
        byte[] ours = new byte[Varint.MAX_BYTES];
        int end = Varint.write(value, ours, 0);
        byte[] reference = Bytes.varint(value);
        assertThat(Arrays.copyOf(ours, end)).isEqualTo(reference);
        assertThat(Varint.size(value)).isEqualTo(reference.length);
        // protobuf's size computation as a third opinion on the length
        assertThat(Varint.size(value)).isEqualTo(CodedOutputStream.computeUInt64SizeNoTag(value));
    }

    @Property
    void varintSizeStepsEverySevenBits(@ForAll @IntRange(min = 0, max = 63) int bit) {
        long value = 1L << bit;
        assertThat(Varint.size(value)).isEqualTo(bit / 7 + 1);
        assertThat(Varint.size(value - 1)).isEqualTo(Math.max(1, (bit + 6) / 7));
    }

    @Property(tries = 100)
    void referenceFramedPayloadsOfArbitraryLengthReadBack(
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 40_000) Integer> lengths,
            @ForAll boolean gzip) throws Exception {
        List<TCP> records = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        payloads.add(Header.newBuilder().setType(Type.NC_TCP).build().toByteArray());
        for (int i = 0; i < lengths.size(); i++) {
            byte[] p = new byte[lengths.get(i)];
            Arrays.fill(p, (byte) i);
            TCP t = TCP.newBuilder().setPayload(ByteString.copyFrom(p)).build();
            records.add(t);
            payloads.add(t.toByteArray());
        }
        byte[] plain = Bytes.frame(payloads.toArray(byte[][]::new));
        byte[] file = gzip ? Bytes.gzip(plain) : plain;
        try (var r = RecordReader.open(new ByteArrayInputStream(file), "p")) {
            assertThat(readRest(r)).isEqualTo(records);
            assertThat(r.offset()).isEqualTo(plain.length);
            assertThat(r.truncation()).isEmpty();
        }
    }

    @Property(tries = 150)
    void arbitraryRecordSequencesRoundTrip(@ForAll("tcpRecords") List<TCP> records, @ForAll boolean compress,
                                           @ForAll @IntRange(min = 0, max = 9) int level) throws Exception {
        Path dir = Files.createTempDirectory("ncap-prop");
        try {
            Path path;
            try (var w = RecordWriter.create(dir, RecordType.TCP,
                    new WriterOptions(compress, level, "p.pcap", "v", false, 42, false))) {
                path = w.path();
                for (TCP t : records) {
                    w.write(t);
                }
            }
            byte[] bytes = Files.readAllBytes(path);
            if (!compress) {
                // the writer's framing is exactly the reference framing
                List<byte[]> payloads = new ArrayList<>();
                payloads.add(Header.newBuilder().setCreated(42).setInputSource("p.pcap").setType(Type.NC_TCP)
                        .setVersion("v").build().toByteArray());
                records.forEach(t -> payloads.add(t.toByteArray()));
                assertThat(bytes).isEqualTo(Bytes.frame(payloads.toArray(byte[][]::new)));
            }
            try (var r = RecordReader.open(path)) {
                assertThat(readRest(r)).isEqualTo(records);
                assertThat(r.truncation()).isEmpty();
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Provide
    Arbitrary<List<TCP>> tcpRecords() {
        Arbitrary<TCPOption> option = Builders.withBuilder(TCPOption::newBuilder)
                .use(Arbitraries.integers()).in((b, v) -> b.setOptionType(v))
                .use(Arbitraries.bytes().array(byte[].class).ofMaxSize(20)).in((b, v) -> b.setOptionData(ByteString.copyFrom(v)))
                .build(TCPOption.Builder::build);
        Arbitrary<TCP> tcp = Builders.withBuilder(TCP::newBuilder)
                .use(Arbitraries.longs()).in((b, v) -> b.setTimestamp(v))
                .use(Arbitraries.integers()).in((b, v) -> b.setSrcPort(v))
                .use(Arbitraries.integers()).in((b, v) -> b.setSeqNum(v))
                .use(Arbitraries.of(true, false)).in((b, v) -> b.setSYN(v))
                .use(Arbitraries.doubles()).in((b, v) -> b.setPayloadEntropy(v))
                .use(Arbitraries.strings().ofMaxLength(40)).in((b, v) -> b.setSrcIP(v))
                .use(Arbitraries.bytes().array(byte[].class).ofMaxSize(3000)).in((b, v) -> b.setPayload(ByteString.copyFrom(v)))
                .use(option.list().ofMaxSize(3)).in((b, v) -> b.addAllOptions(v))
                .build(TCP.Builder::build);
        return tcp.list().ofMaxSize(30);
    }

    private static List<Message> readRest(RecordReader r) throws IOException {
        List<Message> out = new ArrayList<>();
        for (Message m; (m = r.next()) != null; ) {
            out.add(m);
        }
        return out;
    }
}
