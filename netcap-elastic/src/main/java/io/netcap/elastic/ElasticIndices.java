package io.netcap.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;

/**
 * {@code capture -gen-elastic-indices} (docs/scale-out.md, "Elasticsearch"): for every selected record type its index,
 * with a mapping of its top-level fields and room for many fields, and with {@code -kibana} an index pattern in Kibana,
 * as the original prepares them.
 *
 * <p>The mapping follows the original's table of names (times, addresses, ports, identifiers) and otherwise the field's
 * type, with two corrections: the original mapped every number to {@code integer}, which refuses 64-bit and unsigned
 * 32-bit values beyond 2^31 and cuts fractions, so here those are {@code long} and {@code double}; and on OpenSearch,
 * which has no {@code flattened} type, the port tables are {@code flat_object}.
 */
public final class ElasticIndices {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DATES = Set.of("Timestamp", "TimestampFirst", "TimestampLast", "ReferenceTimestamp");
    private static final Set<String> LONGS = Set.of("Duration", "Bytes", "SeqNum", "AckNum", "ReferenceID", "Xid");
    private static final Set<String> IPS = Set.of("SrcIP", "DstIP", "IP", "Addr", "ServerIP", "ClientIP", "YourClientIP",
            "NextServerIP", "RelayAgentIP");
    private static final Set<String> INTEGERS = Set.of("SrcPort", "DstPort", "Port");
    private static final Set<String> KEYWORDS = Set.of("ID", "User", "Pass", "Protocol", "Proto", "Name", "Product",
            "Vendor", "Host", "UserAgent", "Method", "URL", "ServerName", "ContentType", "SNI", "Ja3", "HASSH", "SrcMAC",
            "DstMAC", "Version", "Hash", "Flow", "Ident", "Password", "From", "To", "CC", "MessageID");
    private static final Set<String> OBJECTS = Set.of("Answers", "Questions");
    private static final Set<String> TEXT_WITH_FIELDDATA = Set.of("OriginTimestamp", "ReceiveTimestamp", "TransmitTimestamp");
    private static final Set<String> FLATTENED = Set.of("SrcPorts", "DstPorts");

    private ElasticIndices() {}

    /** The field whose time Kibana's index pattern orders by. */
    static String timeField(RecordType type) {
        return type == RecordType.Connection || type == RecordType.IPProfile ? "TimestampFirst" : "Timestamp";
    }

    /** The mapping body of {@code type}: {@code {"properties": {...}}}; {@code openSearch} picks its object type. */
    public static ObjectNode mapping(RecordType type, boolean openSearch) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode properties = root.putObject("properties");
        for (FieldDescriptor f : type.descriptor().getFields()) {
            ObjectNode m = fieldMapping(f, openSearch);
            if (m != null) {
                properties.set(f.getName(), m);
            }
        }
        return root;
    }

    /** One field's mapping, or null for one left to dynamic mapping (repeated scalars, as the original). */
    static ObjectNode fieldMapping(FieldDescriptor f, boolean openSearch) {
        String name = f.getName();
        ObjectNode m = JSON.createObjectNode();
        if (DATES.contains(name)) {
            return m.put("type", "date");
        } else if (LONGS.contains(name)) {
            return m.put("type", "long");
        } else if (IPS.contains(name)) {
            return m.put("type", "ip");
        } else if (INTEGERS.contains(name)) {
            return m.put("type", "integer");
        } else if (KEYWORDS.contains(name)) {
            return m.put("type", "keyword");
        } else if (OBJECTS.contains(name)) {
            return m.put("type", "object");
        } else if (TEXT_WITH_FIELDDATA.contains(name)) {
            return m.put("type", "text").put("fielddata", true);
        } else if (FLATTENED.contains(name)) {
            return m.put("type", openSearch ? "flat_object" : "flattened");
        }
        if (f.isRepeated() && f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return null;
        }
        return switch (f.getType()) {
            case STRING -> m.put("type", "text").put("fielddata", true);
            case ENUM -> m.put("type", "keyword"); // written by name
            case BOOL -> m.put("type", "boolean");
            case INT32, SINT32, SFIXED32 -> m.put("type", "integer");
            case UINT32, FIXED32, INT64, SINT64, SFIXED64, UINT64, FIXED64 -> m.put("type", "long");
            case FLOAT, DOUBLE -> m.put("type", "double");
            case BYTES -> m.put("type", "binary");
            case MESSAGE, GROUP -> m.put("type", "object");
        };
    }

    /**
     * Prepares the index of every type in {@code types}: creates it ("already exists" is printed and passed over), puts
     * its mapping and the field limit, and with {@code kibana} (a URL, or empty) replaces its index pattern. Progress and
     * errors go to {@code err}.
     *
     * @return 0 when every step worked, 1 when any failed
     */
    public static int prepare(ElasticClient es, String kibana, Collection<RecordType> types, PrintStream err)
            throws InterruptedException {
        boolean openSearch;
        try {
            ElasticClient.Response hello = es.send("GET", "/", null, null);
            if (!hello.ok()) {
                err.println("elastic: " + hello.address() + ": " + hello.brief());
                return 1;
            }
            openSearch = "opensearch".equals(JSON.readTree(hello.body()).path("version").path("distribution").asText());
        } catch (IOException e) {
            err.println("elastic: " + e.getMessage());
            return 1;
        }
        int failures = 0;
        for (RecordType type : types) {
            String index = ElasticTap.index(type);
            try {
                ElasticClient.Response created = es.send("PUT", "/" + index, null, null);
                if (!created.ok() && !created.body().contains("resource_already_exists_exception")) {
                    err.println("elastic: create " + index + ": " + created.brief());
                    failures++;
                    continue;
                } else if (!created.ok()) {
                    err.println("elastic: " + index + " already exists");
                }
                boolean patterned = kibana.isEmpty() || indexPattern(es, kibana, type, index, err);
                ElasticClient.Response mapped = es.send("PUT", "/" + index + "/_mapping", bytes(mapping(type, openSearch)),
                        "application/json");
                ElasticClient.Response limited = es.send("PUT", "/" + index + "/_settings",
                        bytes(JSON.createObjectNode().put("index.mapping.total_fields.limit", "1000000")), "application/json");
                if (!mapped.ok() || !limited.ok()) {
                    err.println("elastic: " + (mapped.ok() ? "settings" : "mapping") + " of " + index + ": "
                            + (mapped.ok() ? limited : mapped).brief());
                }
                if (!patterned || !mapped.ok() || !limited.ok()) {
                    failures++; // an index counts once, whatever failed of it
                }
            } catch (IOException e) {
                err.println("elastic: " + index + ": " + e.getMessage());
                failures++;
            }
        }
        err.println("elastic: prepared " + (types.size() - failures) + " of " + types.size() + " indices");
        return failures == 0 ? 0 : 1;
    }

    /** Replaces the Kibana index pattern of {@code index}: deleted (absent is fine), then created. */
    private static boolean indexPattern(ElasticClient es, String kibana, RecordType type, String index, PrintStream err)
            throws IOException, InterruptedException {
        URI base = ElasticClient.base(kibana);
        String path = "/api/saved_objects/index-pattern/" + index;
        ElasticClient.Response deleted = es.kibana(base, "DELETE", path, null);
        if (!deleted.ok() && deleted.status() != 404) {
            err.println("kibana: delete index pattern " + index + ": " + deleted.brief());
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("attributes").put("title", index + "*").put("timeFieldName", timeField(type));
        ElasticClient.Response made = es.kibana(base, "POST", path, bytes(body));
        if (!made.ok()) {
            err.println("kibana: index pattern " + index + ": " + made.brief());
            return false;
        }
        return true;
    }

    private static byte[] bytes(JsonNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }
}
