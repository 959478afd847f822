package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netcap.io.RecordReader;
import io.netcap.packet.Packet;
import io.netcap.packet.source.Defect;
import io.netcap.packet.source.PacketSource;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/** Runs the capture engine in-process and reads the record files back. */
final class Runs {
    private Runs() {}

    /** Runs a capture in-process with {@code net capture}'s defaults (quiet). */
    static Summary capture(Path pcap, Path out) throws IOException {
        return capture(TestConfig.of(pcap, out));
    }

    static Summary capture(TestConfig config) throws IOException {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        return new CaptureJob(RecordDecoding::new, discard, discard).run(config.build());
    }

    /** A source of the packets {@code make} makes of their index (0, 1, ...) until it gives null, or throws. */
    static PacketSource source(String description, IntFunction<Packet> make) {
        return new PacketSource() {
            private int n;

            @Override
            public Packet next() {
                Packet p = make.apply(n);
                if (p != null) {
                    n++;
                }
                return p;
            }

            @Override
            public List<Defect> defects() {
                return List.of();
            }

            @Override
            public long packetsRead() {
                return n;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void close() {}
        };
    }

    /** Every record of every file in {@code dir}, by type (files read to their end; a damaged file fails). */
    static Map<RecordType, List<Message>> records(Path dir) throws IOException {
        Map<RecordType, List<Message>> m = new EnumMap<>(RecordType.class);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ncap.gz") || p.toString().endsWith(".ncap")).toList()) {
                try (RecordReader r = RecordReader.open(f)) {
                    List<Message> l = new ArrayList<>();
                    for (Message msg = r.next(); msg != null; msg = r.next()) {
                        l.add(msg);
                    }
                    assertThat(r.truncation()).as(f.toString()).isEmpty();
                    m.put(r.type(), l);
                }
            }
        }
        return m;
    }

    /** Records as multisets of their serialized bytes. */
    static Map<RecordType, Map<ByteString, Integer>> multiset(Path dir) throws IOException {
        Map<RecordType, Map<ByteString, Integer>> m = new EnumMap<>(RecordType.class);
        records(dir).forEach((t, l) -> {
            Map<ByteString, Integer> c = new HashMap<>();
            l.forEach(msg -> c.merge(msg.toByteString(), 1, Integer::sum));
            m.put(t, c);
        });
        return m;
    }
}
