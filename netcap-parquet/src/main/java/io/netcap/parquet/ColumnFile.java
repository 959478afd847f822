package io.netcap.parquet;

import com.google.protobuf.Descriptors.Descriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet file of one record type, written row group by row group from records indexed by a
 * {@link WireTape}. parquet-java's page writers, and its column writers for columns with levels, do the
 * encoding; the required columns at the top, one value per row, are {@link PlainColumn}s. This class
 * takes the place of its record writer, whose record-assembly layer cost a quarter of the time, and
 * keeps its sizing: a row group ends when the buffered columns reach 128 MiB, checked every 100 to
 * 10,000 records.
 *
 * <p>Settings (BENCHMARKS.md, "net dump -parquet"): Zstandard pages at level 1, format
 * version 1 pages, statistics on (readers skip row groups by them); dictionary encoding off, since on
 * capture records it made the file larger, not smaller, and cost a quarter of the time.
 */
final class ColumnFile {
    /** Key of the file's key-value metadata that names the protobuf message of the rows. */
    static final String MESSAGE_KEY = "netcap.message";
    private static final long ROW_GROUP_SIZE = ParquetWriter.DEFAULT_BLOCK_SIZE;
    /**
     * Records whose flat columns are written a column at a time: few enough that their index stays in
     * the processor's cache between columns (a whole batch of 8,192 was slower than a record at a time).
     */
    private static final int COLUMN_RUN = 128;

    private final ParquetFileWriter file;
    private final MessageType schema;
    private final List<ColumnDescriptor> leaves;
    private final ParquetProperties props;
    private final BytesInputCompressor compressor;
    private final WireColumns columns;
    private final Map<String, String> metadata;
    /** The schema without the columns of {@link #plain}, null when there are none left. */
    private final MessageType nested;
    /** Per leaf: its own PLAIN writer, or null for a column parquet-java's column writers take. */
    private final PlainColumn[] plain;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private long rowsInGroup;
    private long nextSizeCheck;
    private long nextRowGroupSize = ROW_GROUP_SIZE;
    private int rowGroupOrdinal;

    ColumnFile(OutputFile out, Descriptor d, WirePlan.Message plan) throws IOException {
        this(out, d, plan, true);
    }

    /** {@code plainColumns} false: parquet-java's column writers for every column (for the test that compares). */
    ColumnFile(OutputFile out, Descriptor d, WirePlan.Message plan, boolean plainColumns) throws IOException {
        schema = ParquetSchema.of(d);
        leaves = schema.getColumns();
        props = ParquetProperties.builder().withDictionaryEncoding(false).build();
        // sorted: Map.of would order the footer's entries differently from run to run
        metadata = new TreeMap<>(Map.of(MESSAGE_KEY, d.getFullName(), ParquetWriter.OBJECT_MODEL_NAME_PROP, "netcap"));
        columns = new WireColumns(plan, leaves.size(), plainColumns);
        plain = new PlainColumn[leaves.size()];
        // the flat fields are the required primitives at the top of the schema, in the same order
        List<Type> rest = new ArrayList<>();
        for (int i = 0; i < plan.fields().length; i++) {
            WirePlan.Field f = plan.fields()[i];
            if (plainColumns && WireColumns.isFlat(f)) {
                plain[f.leaf()] = new PlainColumn(leaves.get(f.leaf()), props);
            } else {
                rest.add(schema.getFields().get(i));
            }
        }
        nested = rest.isEmpty() ? null : new MessageType(schema.getName(), rest);
        compressor = new ZstdPages();
        file = new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.OVERWRITE, ROW_GROUP_SIZE,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, props);
        file.start();
        startRowGroup();
        nextSizeCheck = props.getMinRowCountForPageSizeCheck();
    }

    /**
     * Appends the {@code count} records of {@code tape} at {@code frames}. A row group ends between
     * batches, so the flat columns of a batch can be written a column at a time.
     */
    void write(WireTape tape, int[] frames, int count) throws IOException {
        for (int from = 0; from < count; from += COLUMN_RUN) {
            int to = Math.min(count, from + COLUMN_RUN);
            columns.writeFlat(tape, frames, from, to);
            for (int i = from; i < to; i++) {
                columns.writeNested(tape, frames[i]);
                if (store != null) {
                    store.endRecord();
                }
            }
        }
        rowsInGroup += count;
        if (rowsInGroup >= props.getRowGroupRowCountLimit()) {
            endRowGroup();
        } else if (rowsInGroup >= nextSizeCheck) {
            long size = bufferedSize();
            long perRow = Math.max(1, size / rowsInGroup);
            // within about two rows of the limit: better slightly under than over
            if (size > nextRowGroupSize - 2 * perRow) {
                endRowGroup();
            } else {
                nextSizeCheck = Math.min(Math.max(props.getMinRowCountForPageSizeCheck(),
                        (rowsInGroup + nextRowGroupSize / perRow) / 2), rowsInGroup + props.getMaxRowCountForPageSizeCheck());
            }
        }
    }

    /** Writes the last row group and the footer, and closes the file. */
    void finish() throws IOException {
        try {
            flushRowGroup();
            file.end(metadata);
            file.close();
        } finally {
            release();
        }
    }

    /** Closes the file without a footer; for a file that is thrown away. */
    void abort() {
        try {
            file.abort();
        } finally {
            release();
        }
    }

    private void endRowGroup() throws IOException {
        long rows = rowsInGroup;
        flushRowGroup();
        startRowGroup();
        nextSizeCheck = Math.min(Math.max(props.getMinRowCountForPageSizeCheck(), rows / 2),
                props.getMaxRowCountForPageSizeCheck());
    }

    private void startRowGroup() {
        pages = ColumnChunkPageWriteStore.builder()
                .withCompressorProvider(column -> compressor)
                .withSchema(schema)
                .withAllocator(props.getAllocator())
                .withColumnIndexTruncateLength(props.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(props.getPageWriteChecksumEnabled())
                .withRowGroupOrdinal(rowGroupOrdinal)
                .build();
        store = nested == null ? null : props.newColumnWriteStore(nested, pages, pages);
        ColumnWriter[] writers = new ColumnWriter[leaves.size()];
        for (int i = 0; i < writers.length; i++) {
            if (plain[i] != null) {
                plain[i].use(pages.getPageWriter(leaves.get(i)));
                writers[i] = plain[i];
            } else {
                writers[i] = store.getColumnWriter(leaves.get(i));
            }
        }
        columns.use(writers);
    }

    private long bufferedSize() {
        long size = store == null ? 0 : store.getBufferedSize();
        for (PlainColumn c : plain) {
            if (c != null) {
                size += c.getBufferedSizeInMemory();
            }
        }
        return size;
    }

    private void flushRowGroup() throws IOException {
        try {
            if (rowsInGroup > 0) {
                rowGroupOrdinal++;
                file.startBlock(rowsInGroup);
                for (PlainColumn c : plain) {
                    if (c != null) {
                        c.flush();
                    }
                }
                if (store != null) {
                    store.flush();
                }
                pages.flushToFileWriter(file);
                rowsInGroup = 0;
                file.endBlock();
                nextRowGroupSize = Math.min(file.getNextRowGroupSize(), ROW_GROUP_SIZE);
            }
        } finally {
            closeStores();
        }
    }

    private void closeStores() {
        if (pages != null) {
            if (store != null) {
                store.close();
            }
            pages.close();
            store = null;
            pages = null;
        }
    }

    private void release() {
        closeStores();
        for (PlainColumn c : plain) {
            if (c != null) {
                c.close();
            }
        }
        compressor.release();
    }
}
