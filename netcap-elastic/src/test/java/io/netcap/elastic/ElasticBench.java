package io.netcap.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netcap.engine.CaptureJob;
import io.netcap.engine.RecordDecoding;
import io.netcap.engine.Summary;
import io.netcap.engine.TestConfig;
import io.netcap.io.RecordEncoding;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code capture -elastic} into a real OpenSearch node in this JVM, timed (BENCHMARKS.md, "net capture -elastic"): runs
 * only when asked, with the capture to index:
 * {@code ./mvnw -pl netcap-elastic -am test -Dtest=ElasticBench -Dsurefire.failIfNoSpecifiedTests=false
 * -Dnetcap.elastic.bench.capture=CAPTURE.pcap}.
 */
class ElasticBench {
    @RegisterExtension
    static final SearchNode node = new SearchNode();

    @Test
    void indexACapture() throws Exception {
        String capture = System.getProperty("netcap.elastic.bench.capture", "");
        assumeTrue(!capture.isEmpty(), "benchmark: set -Dnetcap.elastic.bench.capture=CAPTURE.pcap");
        Path out = Files.createTempDirectory("netcap-elastic-bench");
        ElasticTap tap = new ElasticTap(ElasticClient.of(node.address(), "", ""), ElasticTap.LAYER_BULK, ElasticTap.OTHER_BULK);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        long started = System.nanoTime();
        Summary summary = new CaptureJob(RecordDecoding::new, quiet, quiet).onEngine(e -> e.tap(tap))
                .run(TestConfig.of(Path.of(capture), out).workers(2).encoding(RecordEncoding.NONE).build());
        double seconds = (System.nanoTime() - started) / 1e9;
        node.call("POST", "/_refresh", null);
        String count = node.call("GET", "/netcap-*/_count", null);
        System.out.printf(Locale.ROOT, "ElasticBench: %s: %d packets, %d records in %.1f s: %.0f records/s; %s; %s%n",
                capture, summary.packets(), summary.totalRecords(), seconds, summary.totalRecords() / seconds,
                summary.taps().get("elastic"), count);
        assertThat(summary.taps().get("elastic").get("indexed")).isEqualTo(summary.totalRecords());
    }
}
