package io.netcap.label;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * Suricata's {@code eve.json}: one JSON object per line; only {@code "event_type":"alert"} events are
 * alerts, the others are counted. The timestamp carries its UTC offset
 * ({@code 2016-06-08T20:01:52.875791+0000}), so no zone has to be guessed; {@code community_id} is kept
 * when the sensor wrote it. A line that is not JSON, or an alert without time or addresses, is recorded
 * as a problem with its number and skipped (a file cut inside its last line gives one such problem).
 */
public final class Eve {
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());
    /** {@code +0000} as Suricata writes it; java.time wants {@code +00:00}. */
    private static final Pattern OFFSET_WITHOUT_COLON = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    private Eve() {}

    public static AlertFile read(Reader in, String name) throws IOException {
        return AlertFile.read(in, name, Eve::event);
    }

    private static String event(String line, long n, AlertFile file) {
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return "not a JSON object: " + e.getOriginalMessage();
        }
        if (event == null || !event.isObject()) {
            return "not a JSON object: " + FastLog.excerpt(line);
        }
        if (!event.path("event_type").asText("").equals("alert")) {
            file.otherEvent();
            return null;
        }
        return alert(event, n, file);
    }

    private static String alert(JsonNode e, long n, AlertFile file) {
        String ts = e.path("timestamp").asText("");
        long time;
        try {
            var instant = OffsetDateTime.parse(OFFSET_WITHOUT_COLON.matcher(ts).replaceFirst("$1:$2")).toInstant();
            time = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (DateTimeException | ArithmeticException ex) {
            return "alert without a valid timestamp: " + FastLog.excerpt(ts);
        }
        String proto = IpProtocols.canonical(e.path("proto").asText(""));
        String src = IpText.normalize(e.path("src_ip").asText(""));
        String dst = IpText.normalize(e.path("dest_ip").asText(""));
        if (src == null || dst == null) {
            return "alert without valid src_ip and dest_ip";
        }
        int srcPort = port(e.get("src_port"));
        int dstPort = port(e.get("dest_port"));
        if (srcPort == Integer.MIN_VALUE || dstPort == Integer.MIN_VALUE) {
            return "alert with a port out of range";
        }
        JsonNode a = e.path("alert");
        String category = a.path("category").asText("").strip();
        file.add(new Alert(time, proto, src, srcPort, dst, dstPort, category, a.path("signature").asText("").strip(),
                a.path("signature_id").asLong(0), e.path("community_id").asText(""), n));
        return null;
    }

    /** The port, {@link Alert#NO_PORT} when absent, {@code MIN_VALUE} when not a port. */
    private static int port(JsonNode p) {
        if (p == null || p.isNull()) {
            return Alert.NO_PORT;
        }
        if (!p.isIntegralNumber() || !p.canConvertToInt() || p.asInt() < 0 || p.asInt() > 65535) {
            return Integer.MIN_VALUE;
        }
        return p.asInt();
    }
}
