package io.netcap.cli;

import com.google.protobuf.Message;
import io.netcap.io.RecordReader;
import io.netcap.parquet.ParquetRecordWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code net dump -parquet}: one record file to one Parquet file (docs/scale-out.md, "Parquet"). A
 * failed write (full disk, unwritable directory) names the target and leaves no file under its name.
 */
final class ParquetDump {
    private ParquetDump() {}

    /** Exit status; a corrupt record propagates as the reader's exception, the partial file removed. */
    static int write(RecordReader reader, Path target, PrintWriter err) throws IOException {
        ParquetRecordWriter writer;
        try {
            writer = ParquetRecordWriter.create(target, reader.type().descriptor());
        } catch (IOException e) {
            return failed(target, e, err);
        }
        try (writer) {
            for (Message m = reader.next(); m != null; m = reader.next()) {
                try {
                    writer.write(m);
                } catch (IOException e) {
                    return failed(target, e, err);
                }
            }
            try {
                writer.commit();
            } catch (IOException e) {
                return failed(target, e, err);
            }
        }
        err.println(writer.rows() + " records written to " + target);
        DumpCommand.warnIfTruncated(reader, err, "written");
        return 0;
    }

    private static int failed(Path target, IOException e, PrintWriter err) {
        err.println("failed to write Parquet file " + target + ": " + IoReason.describe(e));
        return 1;
    }
}
