package io.netcap.decoder.stream.http;

import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.TextSession;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.types.HTTP;
import io.netcap.types.RecordType;
import java.util.ArrayList;
import java.util.List;

/** A {@link StreamEnv} that keeps the records, the extracted bodies and the counted errors. */
final class RecordingEnv {
    final List<HTTP> records = new ArrayList<>();
    final List<TextSession.File> bodies = new ArrayList<>();
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
            TextSession.File b = new TextSession.File(origin);
            bodies.add(b);
            return b;
        } : FileExtraction.OFF;
        env = new StreamEnv(sink, files, (kind, conv, message) -> errors.add(kind + ": " + message));
    }

    List<String> errorKinds() {
        return errors.stream().map(e -> e.substring(0, e.indexOf(':'))).toList();
    }
}
