package io.netcap.engine;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** Prints progress to stderr once a second: percent of the input, packets/s and ETA for files. */
final class Progress {
    static final long INTERVAL_MILLIS = 1000;

    private final PrintStream out;
    private final AtomicLong packets;
    private final AtomicLong consumed;
    private final long total;
    private final Thread thread;
    private final long started = System.nanoTime();
    private volatile boolean done;

    Progress(PrintStream out, AtomicLong packets, AtomicLong consumed, long totalBytes) {
        this.out = out;
        this.packets = packets;
        this.consumed = consumed;
        this.total = totalBytes;
        this.thread = Thread.ofPlatform().name("netcap-progress").daemon(true).unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        long lastPackets = 0;
        long lastTime = System.nanoTime();
        while (!done) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long p = packets.get();
            double rate = (p - lastPackets) / ((now - lastTime) / 1e9);
            lastPackets = p;
            lastTime = now;
            out.print("\r" + line(p, rate, now));
            out.flush();
        }
    }

    String line(long p, double rate, long now) {
        StringBuilder sb = new StringBuilder("decoding packets... ");
        if (total > 0) {
            double fraction = Math.min(1.0, consumed.get() / (double) total);
            sb.append(String.format("(%.1f%%) ", fraction * 100));
            double elapsed = (now - started) / 1e9;
            if (fraction > 0.001) {
                long eta = Math.round(elapsed / fraction - elapsed);
                sb.append(String.format("ETA %d:%02d ", eta / 60, eta % 60));
            }
        }
        sb.append("total packets: ").append(p).append(" pkts/sec ").append(Math.round(rate)).append("   ");
        return sb.toString();
    }

    void finish() {
        done = true;
        thread.interrupt();
        // the one timing and packets/s figure of a run is the summary's
        out.printf("\rdone. %d packets%s%n", packets.get(), " ".repeat(60));
        out.flush();
    }
}
