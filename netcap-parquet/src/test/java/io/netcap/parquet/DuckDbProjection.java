package io.netcap.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.netcap.types.format.JsonFormat;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a Parquet file, read by DuckDB, with the {@code net dump -json} lines of the same records.
 * Both sides become one neutral tree per record: every field of the descriptor by name, integers as
 * {@link BigInteger}, floating point as double, bytes in base64, lists, maps with string keys, and
 * null for an unset message. The JSON side fills in the zero values that it omits.
 */
public final class DuckDbProjection {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DuckDbProjection() {}

    /** Asserts that the file holds exactly the records of {@code jsonLines}, in order. */
    public static void assertSameAsJson(Path parquet, Descriptor d, List<String> jsonLines) throws Exception {
        List<Map<String, Object>> rows = rows(parquet, d);
        assertThat(rows).as("rows of %s", parquet).hasSize(jsonLines.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i)).as("row %d of %s", i, parquet).isEqualTo(fromJson(jsonLines.get(i), d));
        }
    }

    /** Every row of {@code parquet} as a neutral tree, columns in descriptor order. */
    public static List<Map<String, Object>> rows(Path parquet, Descriptor d) throws SQLException, IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM read_parquet('" + parquet.toString().replace("'", "''") + "')")) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(d.getFields().size());
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < d.getFields().size(); i++) {
                    FieldDescriptor fd = d.getFields().get(i);
                    assertThat(rs.getMetaData().getColumnName(i + 1)).isEqualTo(fd.getName());
                    row.put(fd.getName(), fromDuck(rs.getObject(i + 1), fd));
                }
                out.add(row);
            }
        }
        return out;
    }

    /** DuckDB's count of rows and sum of one column, as SQL computes them. */
    public static long[] countAndSum(Path parquet, String column) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(\"" + column + "\"), 0) FROM read_parquet('"
                        + parquet.toString().replace("'", "''") + "')")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    static Map<String, Object> fromJson(String line, Descriptor d) throws IOException {
        return message(MAPPER.readTree(line), d);
    }

    private static Map<String, Object> message(JsonNode node, Descriptor d) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldDescriptor fd : d.getFields()) {
            out.put(fd.getName(), field(node.get(fd.getName()), fd));
        }
        return out;
    }

    private static Object field(JsonNode v, FieldDescriptor fd) {
        if (fd.isMapField()) {
            FieldDescriptor value = fd.getMessageType().findFieldByNumber(2);
            Map<String, Object> map = new TreeMap<>();
            if (v != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), jsonValue(e.getValue(), value));
                }
            }
            return map;
        }
        if (fd.isRepeated()) {
            List<Object> list = new ArrayList<>();
            if (v != null) {
                v.forEach(e -> list.add(jsonValue(e, fd)));
            }
            return list;
        }
        if (v == null) {
            return switch (fd.getJavaType()) {
                case MESSAGE -> null;
                case INT, LONG, ENUM -> BigInteger.ZERO;
                case FLOAT, DOUBLE -> 0.0;
                case BOOLEAN -> false;
                case STRING, BYTE_STRING -> "";
            };
        }
        return jsonValue(v, fd);
    }

    private static Object jsonValue(JsonNode v, FieldDescriptor fd) {
        return switch (fd.getJavaType()) {
            case MESSAGE -> message(v, fd.getMessageType());
            case INT, LONG, ENUM -> v.bigIntegerValue();
            case FLOAT, DOUBLE -> v.doubleValue();
            case BOOLEAN -> v.booleanValue();
            case STRING, BYTE_STRING -> v.textValue(); // bytes (and binary strings) are base64 on both sides
        };
    }

    private static Object fromDuck(Object v, FieldDescriptor fd) throws SQLException, IOException {
        if (fd.isMapField()) {
            FieldDescriptor key = fd.getMessageType().findFieldByNumber(1);
            FieldDescriptor value = fd.getMessageType().findFieldByNumber(2);
            Map<String, Object> map = new TreeMap<>();
            if (v != null) {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    map.put(String.valueOf(duckValue(e.getKey(), key)), duckValue(e.getValue(), value));
                }
            }
            return map;
        }
        if (fd.isRepeated()) {
            List<Object> list = new ArrayList<>();
            if (v != null) {
                for (Object e : (Object[]) ((Array) v).getArray()) {
                    list.add(duckValue(e, fd));
                }
            }
            return list;
        }
        return v == null ? null : duckValue(v, fd);
    }

    private static Object duckValue(Object v, FieldDescriptor fd) throws SQLException, IOException {
        return switch (fd.getJavaType()) {
            case MESSAGE -> {
                if (!(v instanceof org.duckdb.DuckDBStruct)) {
                    // a recursion the schema cut: the message's wire bytes, shown as dump -json shows them
                    Message m = DynamicMessage.parseFrom(fd.getMessageType(), bytes(v));
                    yield message(MAPPER.readTree(JsonFormat.dump().format(m)), fd.getMessageType());
                }
                Map<String, Object> attributes = ((org.duckdb.DuckDBStruct) v).getMap();
                Map<String, Object> out = new LinkedHashMap<>();
                for (FieldDescriptor sub : fd.getMessageType().getFields()) {
                    assertThat(attributes).containsKey(sub.getName());
                    out.put(sub.getName(), fromDuck(attributes.get(sub.getName()), sub));
                }
                yield out;
            }
            case INT, LONG, ENUM -> new BigInteger(v.toString());
            case FLOAT, DOUBLE -> ((Number) v).doubleValue();
            case BOOLEAN -> v;
            case STRING -> ParquetSchema.binaryString(fd) ? base64(v) : v;
            case BYTE_STRING -> base64(v);
        };
    }

    private static String base64(Object v) throws SQLException {
        return Base64.getEncoder().encodeToString(bytes(v));
    }

    private static byte[] bytes(Object v) throws SQLException {
        return switch (v) {
            case byte[] a -> a;
            case Blob blob -> blob.getBytes(1, (int) blob.length());
            case ByteBuffer buf -> {
                byte[] a = new byte[buf.remaining()];
                buf.duplicate().get(a);
                yield a;
            }
            default -> throw new AssertionError("bytes as " + v.getClass());
        };
    }
}
