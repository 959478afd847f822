package io.netcap.cli;

import io.netcap.io.RecordReader;
import io.netcap.parquet.ParquetRecordWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code net dump -parquet}: one record file to one Parquet file (docs/scale-out.md, "Parquet"). A
 * failed write (full disk, unwritable directory) names the target and leaves no file under its name.
 */
final class ParquetDump {
    private ParquetDump() {}

    /** Exit status; a corrupt record propagates as the reader's exception, the partial file removed. */
    static int write(RecordReader reader, Path target, PrintWriter err) throws IOException {
        long start = System.nanoTime();
        ParquetRecordWriter writer;
        try {
            writer = ParquetRecordWriter.create(target, reader.type().descriptor());
        } catch (IOException e) {
            return failed(target, e, err);
        }
        try (writer) {
            try {
                writer.writeAll(reader);
            } catch (ParquetRecordWriter.WriteFailedException e) {
                return failed(target, e.getCause(), err);
            }
            try {
                writer.commit();
            } catch (IOException e) {
                return failed(target, e, err);
            }
        }
        // the conversion's own rate, without the JVM's start (BENCHMARKS.md, "net dump -parquet")
        double seconds = (System.nanoTime() - start) / 1e9;
        err.println(String.format(Locale.ROOT, "%d records written to %s in %.2f s (%,d records/s)", writer.rows(), target,
                seconds, Math.round(writer.rows() / Math.max(seconds, 1e-9))));
        DumpCommand.warnIfTruncated(reader, err, "written");
        return 0;
    }

    /**
     * {@code capture -parquet}: every record file of {@code dir} beside it as {@code <Type>.parquet}; the
     * "records written" lines only when not {@code quiet}. Exit status of the first failure.
     */
    static int writeAll(Path dir, PrintStream err, boolean quiet) throws IOException {
        PrintWriter errors = new PrintWriter(err, true);
        PrintWriter info = quiet ? new PrintWriter(OutputStream.nullOutputStream()) : errors;
        for (Path file : OutputDirectory.recordFiles(dir)) {
            String base = file.getFileName().toString().replaceFirst("\\.ncap(\\.gz)?$", "");
            try (RecordReader reader = RecordReader.open(file)) {
                StringWriter lines = new StringWriter();
                int status = write(reader, dir.resolve(base + ".parquet"), new PrintWriter(lines, true));
                (status == 0 ? info : errors).print(lines);
                if (status != 0) {
                    return status;
                }
            }
        }
        info.flush();
        return 0;
    }

    private static int failed(Path target, IOException e, PrintWriter err) {
        err.println("failed to write Parquet file " + target + ": " + IoReason.describe(e));
        return 1;
    }
}
