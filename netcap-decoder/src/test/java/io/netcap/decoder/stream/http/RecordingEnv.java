package io.netcap.decoder.stream.http;

import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.decoder.stream.files.FileOrigin;
import io.netcap.types.HTTP;
import io.netcap.types.RecordType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A {@link StreamEnv} that keeps the records, the extracted bodies and the counted errors. */
final class RecordingEnv {
    /** One extracted body. */
    static final class Body implements FileExtraction.BodySink {
        final FileOrigin origin;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Boolean complete;

        Body(FileOrigin origin) {
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

    final List<HTTP> records = new ArrayList<>();
    final List<Body> bodies = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final StreamEnv env;

    RecordingEnv() {
        this(true);
    }

    RecordingEnv(boolean extract) {
        AppDecoding.Sink sink = (type, msg) -> {
            if (type != RecordType.HTTP) {
                throw new IllegalStateException(type.toString());
            }
            records.add((HTTP) msg);
        };
        FileExtraction files = extract ? origin -> {
            Body b = new Body(origin);
            bodies.add(b);
            return b;
        } : FileExtraction.OFF;
        env = new StreamEnv(sink, files, (kind, conv, message) -> errors.add(kind + ": " + message));
    }

    List<String> errorKinds() {
        return errors.stream().map(e -> e.substring(0, e.indexOf(':'))).toList();
    }
}
