package io.netcap.decoder.stream.files;

import com.google.protobuf.Message;
import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.stream.Conversation;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** A file store in a temporary directory for tests, with its records and a stub sniffer. */
final class Extraction implements AppDecoding.Sink {
    static final Conversation CONVERSATION =
            new Conversation(Conversation.Transport.TCP, "10.0.0.1", 40000, "10.0.0.2", 80, 1_000_000_000L);
    /** {@code 10.0.0.1:40000->10.0.0.2:80} as file names carry it. */
    static final String FLOW = "10.0.0.1-40000--10.0.0.2-80";

    final List<io.netcap.types.File> files = new ArrayList<>();
    final FileCounters counters = new FileCounters();
    final FileStore store;

    Extraction(Path out, boolean writeIncomplete, Function<byte[], String> sniffer, FileStore.Limits limits) {
        store = new FileStore(out, "files", writeIncomplete, this, counters, sniffer, limits);
    }

    Extraction(Path out, boolean writeIncomplete, Function<byte[], String> sniffer) {
        this(out, writeIncomplete, sniffer, FileStore.Limits.defaults());
    }

    /** A sniffer that answers one type whatever the bytes. */
    static Function<byte[], String> always(String type) {
        return head -> type;
    }

    static FileOrigin origin(String name, String contentType) {
        return new FileOrigin(CONVERSATION, "HTTP RESPONSE from example.com/" + name, name, contentType,
                "example.com", null, 1_234_000_000L);
    }

    static FileOrigin upload(String boundary) {
        return new FileOrigin(CONVERSATION, "HTTP POST REQUEST to /upload", "upload",
                "multipart/form-data; boundary=" + boundary, "example.com", boundary, 1_234_000_000L);
    }

    /** Stores one body, written in one piece. */
    void store(FileOrigin origin, byte[] body, boolean complete) {
        FileExtraction.BodySink sink = store.open(origin);
        sink.write(body, 0, body.length);
        sink.close(complete);
    }

    @Override
    public void accept(RecordType type, Message record) {
        if (type != RecordType.File) {
            throw new AssertionError("unexpected record " + type);
        }
        files.add((io.netcap.types.File) record);
    }

    /** Every regular file under the output directory, relative to it. */
    static List<Path> tree(Path out) {
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile).map(out::relativize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
