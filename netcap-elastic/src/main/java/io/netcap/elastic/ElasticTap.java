package io.netcap.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcap.engine.RecordTap;
import io.netcap.io.RecordEncoding;
import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import io.netcap.types.format.GoDuration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * {@code capture -elastic} (docs/scale-out.md, "Elasticsearch"): every record, as the JSON line {@code -json} writes,
 * indexed into {@code netcap-<type>} with the bulk API, {@code -elastic-bulk-gopacket} records of a layer type or
 * {@code -elastic-bulk-custom} of another to a request, and what is left at the end.
 *
 * <p>One sender thread posts the bulks in order; the writer threads queue them (a few at most, then they wait: the
 * server's pace holds the capture back rather than the heap growing). A request that cannot be delivered is retried
 * every {@link #RETRY_EVERY}, as the original did, but not without end: after {@code giveUp} its records are counted
 * as failed with the reason, and while the server stays unreachable each later bulk is tried once, so that a capture
 * never stalls on it. The original also halved a rejected batch to no effect and, at the end, sent stale entries of
 * its previous batch again; here each record is sent once.
 */
public final class ElasticTap implements RecordTap {
    /** The original's bulk sizes: layer records ("gopacket" decoders) and the others. */
    public static final int LAYER_BULK = 2000;
    public static final int OTHER_BULK = 1000;
    /** A bulk larger than this would exceed the 100 MB request limit servers start with. */
    public static final int MAX_BULK = 100_000;
    static final Duration RETRY_EVERY = Duration.ofMillis(500);
    /** How long a bulk request is retried before its records count as failed ({@code -elastic-timeout}). */
    public static final Duration GIVE_UP = Duration.ofSeconds(30);
    private static final int QUEUED_BULKS = 4;
    private static final int REASONS = 20;
    private static final byte[] ACTION = "{\"index\":{}}\n".getBytes(StandardCharsets.US_ASCII);
    private static final Bulk END = new Bulk(null, new byte[0], 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticClient client;
    private final int layerBulk;
    private final int otherBulk;
    private final Duration giveUp;
    private final Map<RecordType, Batch> batches = new EnumMap<>(RecordType.class);
    private final BlockingQueue<Bulk> queue = new ArrayBlockingQueue<>(QUEUED_BULKS);
    private final LongAdder records = new LongAdder();
    private final LongAdder indexed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    /** Records not indexed, by reason. */
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
    /** Of a reason that stands for many documents, the server's words for the first. */
    private final Map<String, String> examples = new ConcurrentHashMap<>();
    private Thread sender;
    /** The last request failed for good: the next bulk gets one try. Sender thread only. */
    private boolean down;
    /** A request is being retried, said once. Sender thread only. */
    private boolean retrying;
    /** Where a change of the server's state is said as it happens (stderr); the reasons are also counted. */
    private Consumer<String> notices = line -> {};

    /** A type's records waiting for their bulk, as NDJSON. */
    private static final class Batch {
        final ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 16);
        int count;
    }

    private record Bulk(RecordType type, byte[] body, int count) {}

    public ElasticTap(ElasticClient client, int layerBulk, int otherBulk) {
        this(client, layerBulk, otherBulk, GIVE_UP);
    }

    public ElasticTap(ElasticClient client, int layerBulk, int otherBulk, Duration giveUp) {
        this.client = client;
        this.layerBulk = layerBulk;
        this.otherBulk = otherBulk;
        this.giveUp = giveUp;
    }

    /**
     * Says on {@code out} when the server stops taking requests, when the tap gives up waiting and when the server
     * answers again, so that a capture waiting for it does not look stuck.
     */
    public ElasticTap withNotices(Consumer<String> out) {
        this.notices = out;
        return this;
    }

    /** The index of a record type, as the original names it: {@code netcap-} and the type's name in lower case. */
    public static String index(RecordType type) {
        return "netcap-" + type.fileName().toLowerCase(Locale.ROOT).replace('/', '-');
    }

    @Override
    public synchronized void start(WriterOptions options) {
        if (sender == null) {
            sender = Thread.ofPlatform().name("netcap-elastic").daemon().start(this::send);
        }
    }

    @Override
    public void accept(RecordType type, byte[] data, int length, int count) {
        byte[] lines;
        try {
            lines = RecordEncoding.JSON.lines(type, data, 0, length, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the engine's own chunk: whole records
        }
        records.add(count);
        int size = type.kind() == RecordType.Kind.LAYER ? layerBulk : otherBulk;
        Batch b;
        synchronized (batches) {
            b = batches.computeIfAbsent(type, t -> new Batch());
        }
        synchronized (b) {
            int start = 0;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i] == '\n') { // JSON escapes a line feed inside strings: each one ends a record
                    b.body.writeBytes(ACTION);
                    b.body.write(lines, start, i + 1 - start);
                    start = i + 1;
                    if (++b.count == size) {
                        queue(type, b);
                    }
                }
            }
        }
    }

    /** Hands the batch's records to the sender (waiting while it is behind) and empties the batch. */
    private void queue(RecordType type, Batch b) {
        Bulk bulk = new Bulk(type, b.body.toByteArray(), b.count);
        b.body.reset();
        b.count = 0;
        put(bulk);
    }

    private void put(Bulk bulk) {
        try {
            queue.put(bulk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(bulk.count(), "interrupted before it was sent");
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (batches) {
            for (Map.Entry<RecordType, Batch> e : batches.entrySet()) {
                synchronized (e.getValue()) {
                    if (e.getValue().count > 0) {
                        queue(e.getKey(), e.getValue());
                    }
                }
            }
        }
        Thread s;
        synchronized (this) {
            s = sender;
        }
        if (s == null) {
            return;
        }
        put(END);
        try {
            s.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send() {
        while (true) {
            Bulk b;
            try {
                b = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (b == END) {
                return;
            }
            try {
                deliver(b);
            } catch (RuntimeException e) {
                fail(b.count(), "internal error: " + e);
            }
        }
    }

    /** Posts one bulk, retrying what may pass later (no answer, 429, 5xx) until {@code giveUp}. */
    private void deliver(Bulk b) {
        long deadline = System.nanoTime() + (down ? 0 : giveUp.toNanos());
        String path = "/" + index(b.type()) + "/_bulk";
        while (true) {
            requests.increment();
            String why;
            try {
                ElasticClient.Response r = client.send("POST", path, b.body(), "application/x-ndjson");
                if (down || retrying) {
                    notices.accept("elastic: " + r.address() + " answers again");
                }
                down = false;
                retrying = false;
                if (r.ok()) {
                    items(r, b.count());
                    return;
                }
                if (r.status() != 429 && r.status() < 500) {
                    fail(b.count(), "bulk request refused: " + r.brief()); // sending it again changes nothing
                    return;
                }
                why = "bulk request refused: " + r.brief();
            } catch (IOException e) {
                why = "server unreachable: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(b.count(), "interrupted before it was sent");
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                if (!down) {
                    notices.accept("elastic: " + why + ": gave up after " + GoDuration.format(giveUp)
                            + "; each request is tried once until the server answers");
                }
                down = true;
                retrying = false;
                fail(b.count(), why);
                return;
            }
            if (!retrying) {
                notices.accept("elastic: " + why + ": retrying every " + RETRY_EVERY.toMillis() + "ms for "
                        + GoDuration.format(giveUp));
                retrying = true;
            }
            retries.increment();
            try {
                Thread.sleep(RETRY_EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(b.count(), why);
                return;
            }
        }
    }

    /** The answer of a bulk request: each item indexed (2xx) or rejected with its error. */
    private void items(ElasticClient.Response r, int count) {
        JsonNode root;
        try {
            root = JSON.readTree(r.body());
        } catch (IOException e) {
            fail(count, "unreadable bulk answer: " + r.brief());
            return;
        }
        if (!root.path("errors").asBoolean(false)) {
            indexed.add(count);
            return;
        }
        int seen = 0;
        for (JsonNode item : root.path("items")) {
            JsonNode result = item.elements().hasNext() ? item.elements().next() : item;
            seen++;
            if (result.path("status").asInt(0) / 100 == 2) {
                indexed.increment();
            } else {
                rejected.increment();
                JsonNode error = result.path("error");
                // counted by the error's type; its reason names the document, so the first one stands for them all
                String why = "rejected by the server: " + error.path("type").asText("status " + result.path("status").asInt());
                examples.putIfAbsent(why, error.path("reason").asText(""));
                reason(why, 1);
            }
        }
        if (seen < count) {
            fail(count - seen, "bulk answer without their items");
        }
    }

    private void fail(long n, String why) {
        failed.add(n);
        reason(why, n);
    }

    /** Counts {@code n} records under {@code why}; past {@link #REASONS} distinct reasons, under "other reasons". */
    private void reason(String why, long n) {
        LongAdder a = reasons.get(why);
        if (a == null) {
            a = reasons.size() < REASONS ? reasons.computeIfAbsent(why, k -> new LongAdder())
                    : reasons.computeIfAbsent("other reasons", k -> new LongAdder());
        }
        a.add(n);
    }

    @Override
    public String name() {
        return "elastic";
    }

    @Override
    public Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("records", records.sum());
        m.put("indexed", indexed.sum());
        m.put("rejected", rejected.sum());
        m.put("failed", failed.sum());
        m.put("requests", requests.sum());
        m.put("retries", retries.sum());
        return m;
    }

    /**
     * Records not indexed, by reason: why a request failed, or the type of the server's error with its reason for the
     * first document it rejected ({@code rejected by the server: TYPE (first: REASON)}).
     */
    public Map<String, Long> failures() {
        Map<String, Long> m = new TreeMap<>();
        reasons.forEach((why, n) -> {
            String example = examples.get(why);
            m.put(example == null || example.isEmpty() ? why : why + " (first: " + example + ")", n.sum());
        });
        return m;
    }
}
