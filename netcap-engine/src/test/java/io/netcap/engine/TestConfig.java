package io.netcap.engine;

import io.netcap.engine.config.CaptureConfig;
import io.netcap.engine.config.StreamConfig;
import io.netcap.types.RecordType;
import java.nio.file.Path;
import io.netcap.decoder.resolve.ResolverConfig;
import io.netcap.io.RecordEncoding;
import io.netcap.io.WriterOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An engine configuration for tests: the defaults of {@code net capture -quiet} (no resolvers, connections kept
 * for a day), and the settings tests vary. Shared with other modules' tests through the test-jar.
 */
public final class TestConfig {
    private final Path read;
    private final Path out;
    private int workers = Runtime.getRuntime().availableProcessors();
    private Set<RecordType> types = EnumSet.allOf(RecordType.class);
    private boolean context = true;
    private boolean quiet = true;
    private boolean logErrors;
    private boolean ignoreUnknown = true;
    private boolean datagrams;
    private boolean payload;
    private StreamConfig streams = StreamConfig.defaults();
    private RecordEncoding encoding = RecordEncoding.PROTO;
    private int blockSize = WriterOptions.DEFAULT_BLOCK_SIZE;
    private boolean buffered = true;

    private TestConfig(Path read, Path out) {
        this.read = read;
        this.out = out;
    }

    public static TestConfig of(Path read, Path out) {
        return new TestConfig(read, out);
    }

    public TestConfig workers(int n) {
        workers = n;
        return this;
    }

    public TestConfig include(RecordType... only) {
        types = EnumSet.copyOf(List.of(only));
        return this;
    }

    public TestConfig context(boolean on) {
        context = on;
        return this;
    }

    /** The "opening" line, progress and the summary table on stderr. */
    public TestConfig loud() {
        quiet = false;
        return this;
    }

    public TestConfig logErrors() {
        logErrors = true;
        return this;
    }

    /** {@code -opts datagrams}: TCP payloads dispatched by port too. */
    public TestConfig datagrams() {
        datagrams = true;
        return this;
    }

    /** {@code -payload}: TCP and UDP records keep their payload bytes. */
    public TestConfig payload(boolean on) {
        payload = on;
        return this;
    }

    /** {@code -csv}, {@code -json}, {@code -null}. */
    public TestConfig encoding(RecordEncoding e) {
        encoding = e;
        return this;
    }

    /** {@code -compression-block-size} and {@code -buf}. */
    public TestConfig writing(int blockBytes, boolean buffer) {
        blockSize = blockBytes;
        buffered = buffer;
        return this;
    }

    public TestConfig streams(StreamConfig s) {
        streams = s;
        return this;
    }

    public TestConfig writeUnknown() {
        ignoreUnknown = false;
        return this;
    }

    public CaptureConfig build() {
        Duration day = Duration.ofHours(24);
        return new CaptureConfig(read.toString(), "", out.toString(), "", workers, 1000, true, 1, types, payload,
                context, false, quiet, false, logErrors, ignoreUnknown, day, day, 1000, 1514, true,
                Duration.ofSeconds(1), datagrams, streams, ResolverConfig.OFF, encoding, blockSize, buffered);
    }
}
