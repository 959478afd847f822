package io.netcap.decoder.stream;

import com.google.protobuf.Message;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.decoder.stream.files.FileOrigin;
import io.netcap.decoder.stream.ftp.FtpDataChannels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A hand-built conversation of a text protocol as turns of one direction each, fed to a fresh parser whole, cut
 * at every byte, or a byte at a time, into an environment that keeps records, extracted files and errors.
 */
public final class TextSession {
    /** One turn: the bytes one side sends. */
    public record Turn(Direction direction, byte[] bytes) {}

    /** One extracted file (its first 256 MiB kept). */
    public static final class File implements FileExtraction.BodySink {
        public final FileOrigin origin;
        public final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        public Boolean complete;

        public File(FileOrigin origin) {
            this.origin = origin;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (complete != null) {
                throw new IllegalStateException("write after close");
            }
            if (bytes.size() < 256 << 20) {
                bytes.write(b, off, len);
            }
        }

        @Override
        public void close(boolean complete) {
            if (this.complete != null) {
                throw new IllegalStateException("closed twice");
            }
            this.complete = complete;
        }
    }

    public final List<Message> records = new ArrayList<>();
    public final List<File> files = new ArrayList<>();
    public final List<String> errors = new ArrayList<>();
    public final StreamEnv env;

    public TextSession(FtpDataChannels channels, boolean extract) {
        FileExtraction extraction = extract ? origin -> {
            File f = new File(origin);
            files.add(f);
            return f;
        } : FileExtraction.OFF;
        env = new StreamEnv((type, m) -> records.add(m), extraction, (kind, c, message) -> errors.add(kind),
                io.netcap.decoder.stream.StreamShared.standalone().withFtpData(channels));
    }

    public static Turn client(String s) {
        return new Turn(Direction.CLIENT_TO_SERVER, s.getBytes(StandardCharsets.UTF_8));
    }

    public static Turn server(String s) {
        return new Turn(Direction.SERVER_TO_CLIENT, s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Feeds the turns to {@code factory}'s parser, every turn cut into pieces of at most {@code piece} bytes and
     * the whole conversation additionally cut at byte {@code cut} (-1: not), then ends it with FIN.
     */
    public void feed(Conversation c, BiFunction<Conversation, StreamEnv, StreamParser> factory, List<Turn> turns,
                     int piece, int cut) {
        StreamFeeder feeder = new StreamFeeder(c, factory.apply(c, env));
        int at = 0;
        long ts = 0;
        for (Turn t : turns) {
            ts++; // a turn's time, however it is cut
            byte[] b = t.bytes();
            int i = 0;
            while (i < b.length) {
                int n = Math.min(piece, b.length - i);
                if (cut > at && cut < at + n) {
                    n = cut - at;
                }
                feeder.offer(t.direction(), b, i, n, ts);
                i += n;
                at += n;
            }
        }
        feeder.end(EndReason.FIN);
    }

    /** The total length of the turns, for cutting at every byte. */
    public static int length(List<Turn> turns) {
        return turns.stream().mapToInt(t -> t.bytes().length).sum();
    }
}
