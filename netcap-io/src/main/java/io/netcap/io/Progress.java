package io.netcap.io;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress line on stderr, rewritten once a second: percent of the input's bytes, ETA, items so far and items per
 * second ({@code net capture}'s packets, {@code net label -progress}'s records).
 */
public final class Progress {
    static final long INTERVAL_MILLIS = 1000;

    private final PrintWriter out;
    private final String doing;
    private final String noun;
    private final String rateUnit;
    private final AtomicLong items;
    private final AtomicLong consumed;
    private final long total;
    private final Thread thread;
    private final long started = System.nanoTime();
    private volatile boolean done;

    /**
     * @param doing    what the line starts with ({@code "decoding packets... "})
     * @param noun     what {@code items} counts ({@code "packets"})
     * @param rateUnit their rate's unit ({@code "pkts/sec"})
     * @param consumed input bytes read so far, of {@code totalBytes} (-1 when unknown: no percent, no ETA)
     */
    public Progress(PrintWriter out, String doing, String noun, String rateUnit, AtomicLong items, AtomicLong consumed,
                    long totalBytes) {
        this.out = out;
        this.doing = doing;
        this.noun = noun;
        this.rateUnit = rateUnit;
        this.items = items;
        this.consumed = consumed;
        this.total = totalBytes;
        this.thread = Thread.ofPlatform().name("netcap-progress").daemon(true).unstarted(this::loop);
    }

    /** The line of {@code net capture}: packets decoded. */
    public static Progress packets(PrintWriter out, AtomicLong packets, AtomicLong consumed, long totalBytes) {
        return new Progress(out, "decoding packets... ", "packets", "pkts/sec", packets, consumed, totalBytes);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        long lastItems = 0;
        long lastTime = System.nanoTime();
        while (!done) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long n = items.get();
            double rate = (n - lastItems) / ((now - lastTime) / 1e9);
            lastItems = n;
            lastTime = now;
            out.print("\r" + line(n, rate, now));
            out.flush();
        }
    }

    String line(long n, double rate, long now) {
        StringBuilder sb = new StringBuilder(doing);
        if (total > 0) {
            double fraction = Math.min(1.0, consumed.get() / (double) total);
            sb.append(String.format("(%.1f%%) ", fraction * 100));
            double elapsed = (now - started) / 1e9;
            if (fraction > 0.001) {
                long eta = Math.round(elapsed / fraction - elapsed);
                sb.append(String.format("ETA %d:%02d ", eta / 60, eta % 60));
            }
        }
        sb.append("total ").append(noun).append(": ").append(n).append(' ').append(rateUnit).append(' ')
                .append(Math.round(rate)).append("   ");
        return sb.toString();
    }

    /** Ends the line with the count alone: the one timing and rate of a run are its summary's. */
    public void finish() {
        done = true;
        thread.interrupt();
        out.printf("\rdone. %d %s%s%n", items.get(), noun, " ".repeat(60));
        out.flush();
    }
}
