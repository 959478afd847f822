package io.netcap.cli.sensor;

import io.netcap.engine.RecordTap;
import io.netcap.io.FramedRecords;
import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code net agent}'s place in the capture (docs/scale-out.md, "Sensors"): the engine's records go here
 * instead of into files, and one sender thread batches them into datagrams while the capture runs.
 *
 * <p>The capture never waits for the network: chunks are copied into a queue of at most
 * {@code queueBytes}, and a chunk that does not fit is dropped and its records counted. Every
 * {@code interval} the workers hand over their partly filled chunks and the sender sends its partly
 * filled batches, so a record of a quiet live link leaves within about two intervals. At the end
 * (input read, or SIGINT/SIGTERM) everything queued and batched is sent.
 */
public final class AgentTap implements RecordTap {
    private record Chunk(RecordType type, byte[] data) {}

    private static final Chunk END = new Chunk(null, new byte[0]);

    private final Agent agent;
    private final Duration interval;
    private final long queueBytes;
    private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread sender;
    private volatile IOException failure;

    /** @param agent used by the sender thread only, closed with this tap */
    public AgentTap(Agent agent, Duration interval, long queueBytes) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("-interval " + interval + ": must be positive");
        }
        this.agent = agent;
        this.interval = interval;
        this.queueBytes = queueBytes;
        this.sender = Thread.ofPlatform().name("netcap-agent-sender").daemon(true).unstarted(this::send);
    }

    @Override
    public void start(WriterOptions options) {
        sender.start();
    }

    @Override
    public void accept(RecordType type, byte[] data, int length, int n) {
        records.addAndGet(n);
        if (queued.addAndGet(length) > queueBytes) {
            queued.addAndGet(-length);
            dropped.addAndGet(n);
            return;
        }
        queue.add(new Chunk(type, Arrays.copyOf(data, length)));
    }

    private void send() {
        long nextFlush = System.nanoTime() + interval.toNanos();
        try {
            while (true) {
                Chunk c = queue.poll(Math.max(0, nextFlush - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (c == END) {
                    agent.flush();
                    return;
                }
                if (c != null) {
                    queued.addAndGet(-c.data().length);
                    FramedRecords.forEach(c.data(), c.data().length, (d, off, len) -> add(c.type(), d, off, len));
                }
                if (System.nanoTime() - nextFlush >= 0) {
                    agent.flush();
                    nextFlush = System.nanoTime() + interval.toNanos();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            failure = e;
        } catch (UncheckedIOException e) {
            failure = e.getCause();
        } catch (RuntimeException e) {
            // a failure of sealing (libsodium) ends the sending; close() reports it
            failure = new IOException("sending failed: " + e, e);
        }
    }

    private void add(RecordType type, byte[] d, int off, int len) {
        try {
            agent.add(type, d, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends what is queued and batched, then closes the socket; a failure of sealing is thrown here. */
    @Override
    public void close() throws IOException {
        queue.add(END);
        try {
            if (sender.getState() != Thread.State.NEW) {
                sender.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            agent.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean replacesFiles() {
        return true;
    }

    @Override
    public Duration handOverInterval() {
        return interval;
    }

    @Override
    public String name() {
        return "agent";
    }

    /** After {@link #close()}: {@code records} = {@code sent} + {@code dropped} + {@code oversize} + {@code failed}. */
    @Override
    public Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("records", records.get());
        m.put("sent", agent.records());
        m.put("datagrams", agent.datagrams());
        m.put("dropped", dropped.get());
        m.put("oversize", agent.oversize());
        m.put("failed", agent.failed());
        return m;
    }

    /** Why the socket last refused a datagram, or null. */
    public String failureReason() {
        return agent.failure();
    }
}
