package io.netcap.io;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.netcap.types.RecordType;
import io.netcap.types.format.CsvEncoder;
import io.netcap.types.format.CsvFormat;
import io.netcap.types.format.CsvStyle;
import io.netcap.types.format.JsonFormat;
import io.netcap.types.format.WireJson;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a capture writes per record type (docs/engine.md, "Output encodings"): the audit record container
 * ({@code <Name>.ncap[.gz]}, the default), or as the original's {@code -csv} and {@code -json} writers do,
 * {@code <Name>.csv[.gz]} (the CSV header, then a row per record, timestamps in nanoseconds) and
 * {@code <Name>.json[.gz]} (the file header as a JSON line, then a line per record in the protobuf JSON
 * mapping, top-level timestamps in milliseconds); or nothing ({@code -null}).
 */
public enum RecordEncoding {
    PROTO(".ncap"),
    CSV(".csv"),
    /** CSV with every value a number ({@code -csv -encode}, {@link CsvEncoder}): the writer keeps its state. */
    ENCODED_CSV(".csv"),
    JSON(".json"),
    /** No file: the records are only counted (and handed to a tap). */
    NONE(null);

    private final String extension;

    RecordEncoding(String extension) {
        this.extension = extension;
    }

    /** Whether the records are CSV rows (a header line, a label column with {@link RecordLabels}). */
    public boolean csv() {
        return this == CSV || this == ENCODED_CSV;
    }

    /** The file name of the records of {@code baseName}, gzipped or not. */
    public String fileName(String baseName, boolean compress) {
        if (extension == null) {
            throw new IllegalStateException("-null writes no file");
        }
        return baseName + extension + (compress ? ".gz" : "");
    }

    /**
     * The first line of a text file of {@code type}: the CSV header (with the label column when {@code labeled}), or
     * the file header as JSON.
     */
    public byte[] head(RecordType type, WriterOptions options, boolean labeled) {
        StringBuilder sb = new StringBuilder(256);
        if (csv()) {
            CsvFormat format = CsvFormat.of(type);
            CsvFormat.appendFields(format.header(format.dumpSelection()), CsvStyle.raw(), ",", sb);
            if (labeled) {
                sb.append(',').append(RecordLabels.COLUMN);
            }
        } else {
            JsonFormat.dump().append(sb, options.header(type));
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The lines of the records framed by their varint length in {@code buf[off .. off+len)}; {@code encoder} is
     * the file's state for {@link #ENCODED_CSV}, null otherwise; {@code labels}, when not null, give each CSV row
     * its last column.
     */
    public byte[] lines(RecordType type, byte[] buf, int off, int len, CsvEncoder encoder, RecordLabels labels)
            throws InvalidProtocolBufferException {
        StringBuilder sb = new StringBuilder(len * 2);
        CsvFormat csv = this == CSV ? CsvFormat.of(type) : null;
        int[] columns = csv == null ? null : csv.dumpSelection();
        Parser<? extends Message> parser = type.prototype().getParserForType();
        // rows and lines straight from the wire bytes (the records were encoded by this process); parsed only for
        // the labels, which read the record
        CsvFormat.WireRows rows = csv == null ? null : csv.wireRows();
        WireJson json = this == JSON ? WireJson.of(type) : null;
        boolean parse = labels != null && csv();
        try {
            FramedRecords.forEach(buf, off, len, (b, at, size) -> {
                try {
                    Message m = parse ? parser.parseFrom(b, at, size) : null;
                    if (encoder != null && m != null) {
                        encoder.appendRow(m, sb);
                    } else if (encoder != null) {
                        encoder.appendRow(b, at, size, ",", sb);
                    } else if (rows != null && m != null) {
                        rows.appendRow(m, b, at, size, CsvStyle.raw(), ",", columns, sb);
                    } else if (rows != null) {
                        rows.appendRow(b, at, size, CsvStyle.raw(), ",", columns, sb);
                    } else {
                        json.append(b, at, size, sb);
                    }
                    if (m != null && labels != null) {
                        sb.append(',');
                        // a value like the others: RFC 4180 quoting when it holds a comma
                        CsvFormat.appendFields(List.of(labels.label(type, m)), CsvStyle.raw(), ",", sb);
                    }
                } catch (InvalidProtocolBufferException e) {
                    throw new UncheckedIOException(e);
                }
                sb.append('\n');
            });
        } catch (UncheckedIOException e) {
            throw (InvalidProtocolBufferException) e.getCause();
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
