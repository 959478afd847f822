package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netcap.io.RecordReader;
import io.netcap.types.RecordType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs {@code net capture} in-process and reads the record files back. */
final class Runs {
    private Runs() {}

    record Result(int exit, String out, String err) {}

    static Result capture(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new CaptureTool("test", RecordDecoding::new, new PrintStream(out), new PrintStream(err))
                .run(List.of(args), env);
        return new Result(rc, out.toString(), err.toString());
    }

    static Result capture(Path pcap, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("-read", pcap.toString(), "-out", out.toString(), "-quiet"));
        a.addAll(List.of(more));
        Result r = capture(Map.of(), a.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return r;
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
