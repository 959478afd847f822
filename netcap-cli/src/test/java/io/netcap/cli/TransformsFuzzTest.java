package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.cli.maltego.Transforms;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Any value and properties for any transform, as a Maltego graph may hand them over: entity values come from the
 * traffic. Every call must answer with a well-formed response (a FatalError message for input it cannot use) and
 * nothing may escape; {@code path} is often a record file or folder of the bundled sample's capture, so the views
 * get past their first check. Left out: the transforms that capture (toAuditRecords, startCaptureProcess) or ask
 * a server (stopCaptureProcess, lookupDHCPFingerprint). Programs are looked for on an empty PATH, so none starts.
 */
class TransformsFuzzTest {
    private static final Set<String> LEFT_OUT = Set.of("toAuditRecords", "toAuditRecordsUsingDPI", "startCaptureProcess",
            "stopCaptureProcess", "lookupDHCPFingerprint");
    private static final List<String> PROPERTIES = List.of("path", "ipaddr", "mac", "location", "properties.url",
            "fullImage", "port", "ip", "srcip", "srcport", "dstip", "dstport", "flows", "host", "name", "length", "id",
            "file", "properties.contenttype", "properties.httpheader", "properties.httpparameter", "properties.httpcookie",
            "properties.servicetype", "vendor", "product", "version", "clientMac", "fp", "snaplen", "bpf");

    private static List<Transforms.Transform> transforms;
    private static List<String> paths;
    private static Map<String, String> env;

    private static synchronized void prepare() throws IOException {
        if (transforms != null) {
            return;
        }
        Path dir = Files.createTempDirectory("transforms-fuzz");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // left in the temporary directory
            }
        }));
        Path pcap = Files.copy(TransformCommandTest.SAMPLE, dir.resolve("sample.pcap"));
        Path records = dir.resolve("sample.pcap.net");
        var r = CaptureCommandTest.capture(Map.of(), "-read", pcap.toString(), "-out", records.toString(), "-quiet",
                "-fileStorage", "files");
        assertThat(r.status()).as(r.err()).isZero();
        List<String> p = new ArrayList<>(List.of(records.toString(), pcap.toString()));
        try (var files = Files.walk(records)) {
            files.filter(Files::isRegularFile).map(Path::toString).sorted().forEach(p::add);
        }
        paths = List.copyOf(p);
        Path empty = Files.createDirectories(dir.resolve("no-programs"));
        env = Map.of("PATH", empty.toString(), "HOME", dir.toString(), "NC_CONFIG_ROOT", dir.resolve("root").toString());
        transforms = Transforms.all().stream().filter(t -> !LEFT_OUT.contains(t.name())).toList();
    }

    @FuzzTest(maxDuration = "30s")
    void anyInput(FuzzedDataProvider data) {
        try {
            prepare();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = transforms.get(data.consumeInt(0, transforms.size() - 1)).name();
        String value = data.consumeString(40);
        StringBuilder props = new StringBuilder();
        for (int n = data.consumeInt(0, 6); n > 0; n--) {
            String key = PROPERTIES.get(data.consumeInt(0, PROPERTIES.size() - 1));
            String v = key.equals("path") && data.consumeBoolean() ? paths.get(data.consumeInt(0, paths.size() - 1))
                    : data.consumeString(60);
            props.append(props.isEmpty() ? "" : "#").append(key).append('=').append(v);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TransformCommand.run(List.of(name, value, props.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        assertThat(status).isZero();
        try {
            TransformCommandTest.parse(out.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(name + " " + value + " " + props + ": not a well-formed response", e);
        }
    }
}
