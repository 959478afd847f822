package io.netcap.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line's arithmetic: percent of the bytes read, ETA from the time so far, and the words of each tool. */
class ProgressTest {
    @Test
    void percentAndEtaFollowTheBytesRead() {
        AtomicLong bytes = new AtomicLong(250);
        Progress p = Progress.packets(new PrintWriter(new StringWriter()), new AtomicLong(), bytes, 1000);
        long tenSecondsLater = System.nanoTime() + 10_000_000_000L;
        // a quarter in 10 s: 30 s to go
        assertThat(p.line(1234, 99.6, tenSecondsLater))
                .isEqualTo("decoding packets... (25.0%) ETA 0:30 total packets: 1234 pkts/sec 100   ");
        bytes.set(2000); // read-ahead past the end is 100 %
        assertThat(p.line(1234, 0, tenSecondsLater)).startsWith("decoding packets... (100.0%) ETA 0:00 ");
    }

    @Test
    void withoutASizeThereIsNoPercent() {
        Progress p = new Progress(new PrintWriter(new StringWriter()), "labeling records... ", "records", "records/sec",
                new AtomicLong(), new AtomicLong(5), -1);
        assertThat(p.line(7, 3, System.nanoTime())).isEqualTo("labeling records... total records: 7 records/sec 3   ");
    }

    @Test
    void finishEndsTheLineWithTheCount() {
        StringWriter out = new StringWriter();
        AtomicLong records = new AtomicLong(42);
        Progress p = new Progress(new PrintWriter(out, true), "labeling records... ", "records", "records/sec", records,
                new AtomicLong(), 10);
        p.start();
        p.finish();
        assertThat(out.toString()).startsWith("\rdone. 42 records ").endsWith("\n");
    }
}
