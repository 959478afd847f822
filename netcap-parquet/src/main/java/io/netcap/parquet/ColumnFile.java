package io.netcap.parquet;

import com.google.protobuf.Descriptors.Descriptor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * A Parquet file of one record type, written row group by row group from records indexed by a
 * {@link WireTape}. parquet-java's column and page writers do the encoding; this class takes the place
 * of its record writer, whose record-assembly layer cost a quarter of the time, and keeps its sizing:
 * a row group ends when the buffered columns reach 128 MiB, checked every 100 to 10,000 records.
 *
 * <p>Settings (BENCHMARKS.md, "net dump -parquet"): Zstandard pages at its default level, format
 * version 1 pages, statistics on (readers skip row groups by them); dictionary encoding off, since on
 * capture records it made the file larger, not smaller, and cost a quarter of the time.
 */
final class ColumnFile {
    /** Key of the file's key-value metadata that names the protobuf message of the rows. */
    static final String MESSAGE_KEY = "netcap.message";
    private static final long ROW_GROUP_SIZE = ParquetWriter.DEFAULT_BLOCK_SIZE;

    private final ParquetFileWriter file;
    private final MessageType schema;
    private final List<ColumnDescriptor> leaves;
    private final ParquetProperties props;
    private final BytesInputCompressor compressor;
    private final WireColumns columns;
    private final Map<String, String> metadata;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private long rowsInGroup;
    private long nextSizeCheck;
    private long nextRowGroupSize = ROW_GROUP_SIZE;
    private int rowGroupOrdinal;

    ColumnFile(OutputFile out, Descriptor d, WirePlan.Message plan) throws IOException {
        schema = ParquetSchema.of(d);
        leaves = schema.getColumns();
        props = ParquetProperties.builder().withDictionaryEncoding(false).build();
        // sorted: Map.of would order the footer's entries differently from run to run
        metadata = new TreeMap<>(Map.of(MESSAGE_KEY, d.getFullName(), ParquetWriter.OBJECT_MODEL_NAME_PROP, "netcap"));
        columns = new WireColumns(plan, leaves.size());
        compressor = new ZstdPages();
        file = new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.OVERWRITE, ROW_GROUP_SIZE,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, props);
        file.start();
        startRowGroup();
        nextSizeCheck = props.getMinRowCountForPageSizeCheck();
    }

    /** Appends the record of {@code tape} at {@code frame}. */
    void write(WireTape tape, int frame) throws IOException {
        columns.write(tape, frame);
        store.endRecord();
        rowsInGroup++;
        if (rowsInGroup >= props.getRowGroupRowCountLimit()) {
            endRowGroup();
        } else if (rowsInGroup >= nextSizeCheck) {
            long size = store.getBufferedSize();
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
        store = props.newColumnWriteStore(schema, pages, pages);
        columns.use(store, leaves);
    }

    private void flushRowGroup() throws IOException {
        try {
            if (rowsInGroup > 0) {
                rowGroupOrdinal++;
                file.startBlock(rowsInGroup);
                store.flush();
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
        if (store != null) {
            store.close();
            pages.close();
            store = null;
            pages = null;
        }
    }

    private void release() {
        closeStores();
        compressor.release();
    }
}
