package io.netcap.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.statistics.geospatial.GeospatialStatistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * A required column at the top of the schema, one value per row and no levels, written straight into
 * PLAIN-encoded pages. parquet-java's column writer takes each value through a levels writer, a values
 * writer and a value collector behind interfaces; for these columns, most of a record type's, that was
 * about half of the writing thread (BENCHMARKS.md, "net dump -parquet"). The pages are those its V1
 * writer makes for such a column: no level bytes, PLAIN values (booleans bit-packed, least significant
 * bit first; byte arrays each after its 4-byte little-endian length), a page at
 * {@link ParquetProperties#getPageRowCountLimit()} rows or {@link ParquetProperties#getPageSizeThreshold()}
 * bytes, with parquet-java's own statistics of the page's values.
 */
final class PlainColumn implements ColumnWriter {
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final PrimitiveType type;
    private final int pageRows;
    private final int pageBytes;
    private final GeospatialStatistics noGeometry;
    /** An integer column of an unsigned logical type: its statistics order values as unsigned. */
    private final boolean unsigned;
    private PageWriter pages;
    private byte[] buf = new byte[1 << 12];
    private int len;
    private int rows;
    private long byteArrayBytes;
    /** Statistics of the page's values; for byte arrays, where in the page its smallest and largest are. */
    private Statistics<?> stats;
    private long least = Long.MAX_VALUE;
    private long most = Long.MIN_VALUE;
    private int minAt;
    private int minLen;
    private int maxAt;
    private int maxLen;

    PlainColumn(ColumnDescriptor column, ParquetProperties props) {
        if (column.getMaxRepetitionLevel() != 0 || column.getMaxDefinitionLevel() != 0) {
            throw new IllegalArgumentException(column + " has levels");
        }
        this.type = column.getPrimitiveType();
        this.pageRows = props.getPageRowCountLimit();
        this.pageBytes = props.getPageSizeThreshold();
        this.noGeometry = GeospatialStatistics.newBuilder(type).build();
        this.stats = Statistics.createStats(type);
        this.unsigned = type.getLogicalTypeAnnotation() instanceof IntLogicalTypeAnnotation i && !i.isSigned();
    }

    /** Pages go to {@code pages} from now on: one per row group. */
    void use(PageWriter pages) {
        this.pages = pages;
    }

    @Override
    public void write(int value, int r, int d) {
        writeInt(value);
    }

    @Override
    public void write(long value, int r, int d) {
        writeLong(value);
    }

    @Override
    public void write(boolean value, int r, int d) {
        writeBoolean(value);
    }

    /**
     * The smallest and largest number of the page are kept here as longs ordered as the column's
     * comparator orders its values (unsigned ones with the sign bit flipped), not in parquet-java's
     * statistics object, whose update was another call per value.
     */
    void writeInt(int value) {
        ensure(4);
        INTS.set(buf, len, value);
        len += 4;
        ordered(unsigned ? value ^ Integer.MIN_VALUE : value);
    }

    void writeLong(long value) {
        ensure(8);
        LONGS.set(buf, len, value);
        len += 8;
        ordered(unsigned ? value ^ Long.MIN_VALUE : value);
    }

    void writeBoolean(boolean value) {
        int bit = rows & 7;
        if (bit == 0) {
            ensure(1);
            buf[len++] = 0;
        }
        if (value) {
            buf[len - 1] |= (byte) (1 << bit);
        }
        ordered(value ? 1 : 0);
    }

    /** A number written, as its key in the column's order: the page's extremes, then the row. */
    private void ordered(long key) {
        least = Math.min(least, key);
        most = Math.max(most, key);
        row();
    }

    @Override
    public void write(float value, int r, int d) {
        ensure(4);
        INTS.set(buf, len, Float.floatToRawIntBits(value));
        len += 4;
        stats.updateStats(value);
        row();
    }

    @Override
    public void write(double value, int r, int d) {
        ensure(8);
        LONGS.set(buf, len, Double.doubleToRawLongBits(value));
        len += 8;
        stats.updateStats(value);
        row();
    }

    @Override
    public void write(Binary value, int r, int d) {
        byte[] b = value.getBytesUnsafe();
        write(b, 0, b.length);
    }

    /**
     * A byte array value from {@code b}. Its page's smallest and largest are kept as places in the page
     * and compared as parquet-java compares byte arrays, unsigned and lexicographically (its comparator,
     * a byte at a time, was a fifth of the writing thread on payload columns).
     */
    void write(byte[] b, int off, int n) {
        ensure(4 + n);
        INTS.set(buf, len, n);
        len += 4;
        System.arraycopy(b, off, buf, len, n);
        if (rows == 0 || compare(len, n, minAt, minLen) < 0) {
            minAt = len;
            minLen = n;
        }
        if (rows == 0 || compare(len, n, maxAt, maxLen) > 0) {
            maxAt = len;
            maxLen = n;
        }
        len += n;
        byteArrayBytes += n;
        row();
    }

    private int compare(int a, int aLen, int b, int bLen) {
        return Arrays.compareUnsigned(buf, a, a + aLen, buf, b, b + bLen);
    }

    @Override
    public void writeNull(int r, int d) {
        throw new IllegalStateException(type + " is required");
    }

    @Override
    public long getBufferedSizeInMemory() {
        return len + (pages == null ? 0 : pages.getMemSize());
    }

    @Override
    public void close() {
        buf = null;
    }

    /** Writes the rows held as a page; none: no page. */
    void flush() {
        if (rows == 0) {
            return;
        }
        SizeStatistics sizes = new SizeStatistics(type, byteArrayBytes, new ArrayList<>(), new ArrayList<>());
        switch (type.getPrimitiveTypeName()) {
            case BINARY -> stats = statistics(Arrays.copyOfRange(buf, minAt, minAt + minLen),
                    Arrays.copyOfRange(buf, maxAt, maxAt + maxLen));
            case INT32 -> stats = statistics(littleEndian((int) (unsigned ? least ^ Integer.MIN_VALUE : least)),
                    littleEndian((int) (unsigned ? most ^ Integer.MIN_VALUE : most)));
            case INT64 -> stats = statistics(littleEndian(unsigned ? least ^ Long.MIN_VALUE : least),
                    littleEndian(unsigned ? most ^ Long.MIN_VALUE : most));
            case BOOLEAN -> stats = statistics(new byte[] {(byte) least}, new byte[] {(byte) most});
            default -> { } // float and double: parquet-java's statistics, updated per value (NaN and -0.0 rules)
        }
        try {
            pages.writePage(BytesInput.from(buf, 0, len), rows, rows, stats, sizes, noGeometry,
                    Encoding.BIT_PACKED, Encoding.BIT_PACKED, Encoding.PLAIN);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a page of " + type.getName(), e);
        }
        len = 0;
        rows = 0;
        byteArrayBytes = 0;
        least = Long.MAX_VALUE;
        most = Long.MIN_VALUE;
        stats = Statistics.createStats(type);
    }

    private Statistics<?> statistics(byte[] min, byte[] max) {
        return Statistics.getBuilderForReading(type).withNumNulls(0).withMin(min).withMax(max).build();
    }

    private static byte[] littleEndian(int v) {
        byte[] b = new byte[4];
        INTS.set(b, 0, v);
        return b;
    }

    private static byte[] littleEndian(long v) {
        byte[] b = new byte[8];
        LONGS.set(b, 0, v);
        return b;
    }

    private void row() {
        if (++rows >= pageRows || len >= pageBytes) {
            flush();
        }
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
        }
    }
}
