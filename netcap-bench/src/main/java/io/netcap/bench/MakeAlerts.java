package io.netcap.bench;

import com.google.protobuf.Message;
import io.netcap.io.RecordReader;
import io.netcap.types.TCP;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an {@code eve.json} of alerts on records of a {@code TCP.ncap.gz} (one per {@code every}
 * records, with its time, addresses and ports; four classes in turn) for benchmarking {@code net label}:
 * {@code java -cp benchmarks.jar io.netcap.bench.MakeAlerts TCP.ncap.gz eve.json 100}.
 */
public final class MakeAlerts {
    private static final DateTimeFormatter EVE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx");
    private static final String[] CLASSES = {"Attempted Information Leak", "Potentially Bad Traffic", "Misc activity",
            "A Network Trojan was detected"};

    private MakeAlerts() {}

    public static void main(String[] args) throws Exception {
        Path records = Path.of(args[0]);
        Path eve = Path.of(args[1]);
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        long n = 0;
        long alerts = 0;
        try (RecordReader r = RecordReader.open(records);
             BufferedWriter w = Files.newBufferedWriter(eve, StandardCharsets.UTF_8)) {
            for (Message m = r.next(); m != null; m = r.next()) {
                if (n++ % every != 0) {
                    continue;
                }
                TCP t = (TCP) m;
                String cls = CLASSES[(int) (alerts++ % CLASSES.length)];
                w.write("{\"timestamp\":\"" + EVE_TIME.format(Instant.ofEpochSecond(0, t.getTimestamp()).atOffset(ZoneOffset.UTC))
                        + "\",\"event_type\":\"alert\",\"src_ip\":\"" + t.getSrcIP() + "\",\"src_port\":" + t.getSrcPort()
                        + ",\"dest_ip\":\"" + t.getDstIP() + "\",\"dest_port\":" + t.getDstPort()
                        + ",\"proto\":\"TCP\",\"alert\":{\"signature_id\":" + alerts + ",\"signature\":\"synthetic " + alerts
                        + "\",\"category\":\"" + cls + "\"}}\n");
            }
        }
        System.out.println(eve + " " + alerts + " alerts on " + n + " records");
    }
}
