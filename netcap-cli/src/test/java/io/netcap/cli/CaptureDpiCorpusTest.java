package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netcap.io.RecordReader;
import io.netcap.testing.Corpus;
import io.netcap.types.IPProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -dpi} against nDPI's own tool: for every corpus capture that {@code ndpiReader} (Debian libndpi-bin)
 * reads completely, the protocols of each address's IPProfile equal the protocols ndpiReader detected
 * ("Confidence: DPI", not guessed) on the flows of that address (docs/enrichment.md, "DPI"). A difference is
 * accepted only in a capture where netcap reports packets of an unknown layer (ndpiReader decodes some of
 * those leniently); they are printed.
 */
class CaptureDpiCorpusTest {
    /** {@code 1  TCP a:p <-> b:p [VLAN: n][proto: 7.265/HTTP.AmazonAWS]...[Confidence: DPI]}. */
    static final Pattern FLOW = Pattern.compile(
            "^\\s+\\d+\\s+\\S+ (\\S+) <?-> (\\S+) (?:\\[VLAN: \\d+\\])?\\[proto: [^/]*/([^\\]]+)\\].*?\\[Confidence: ([^\\]]+)\\]",
            Pattern.MULTILINE);
    private static final Pattern TOTAL = Pattern.compile("of (\\d+) packets total");
    private static final Pattern PACKETS = Pattern.compile("\"packets\": (\\d+)");
    private static final Pattern UNKNOWN = Pattern.compile("\"unknown\": \\{\\s*\"");

    @TempDir
    Path tmp;

    @Test
    void protocolsPerAddressEqualNdpiReader() throws Exception {
        Corpus.require();
        requireNdpi();
        int compared = 0;
        int addresses = 0;
        List<String> skipped = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        List<String> explained = new ArrayList<>();
        for (Path pcap : Corpus.captures()) {
            String name = pcap.getFileName().toString();
            Path out = tmp.resolve(name);
            Both both = captureAndNdpiReader(tmp, pcap, out, "DeviceProfile,IPProfile");
            if (both == null) {
                skipped.add(name);
                continue;
            }
            String reader = both.reader();
            boolean unknownLayers = both.unknownLayers();
            compared++;
            Map<String, Set<String>> expected = new TreeMap<>();
            for (Matcher m = FLOW.matcher(reader); m.find(); ) {
                if (!m.group(4).equals("DPI")) {
                    continue;
                }
                for (String endpoint : new String[] {m.group(1), m.group(2)}) {
                    String ip = endpoint.substring(0, endpoint.lastIndexOf(':')).replace("[", "").replace("]", "");
                    expected.computeIfAbsent(normal(ip), k -> new TreeSet<>()).add(m.group(3));
                }
            }
            Map<String, Set<String>> actual = new TreeMap<>();
            Path ips = out.resolve("IPProfile.ncap.gz");
            if (Files.exists(ips)) {
                try (RecordReader rr = RecordReader.open(ips)) {
                    for (var m = rr.next(); m != null; m = rr.next()) {
                        IPProfile p = (IPProfile) m;
                        if (p.getProtocolsCount() > 0) {
                            actual.put(normal(p.getAddr()), new TreeSet<>(p.getProtocolsMap().keySet()));
                        }
                    }
                }
            }
            Set<String> all = new TreeSet<>(expected.keySet());
            all.addAll(actual.keySet());
            for (String ip : all) {
                addresses++;
                Set<String> e = expected.getOrDefault(ip, Set.of());
                Set<String> a = actual.getOrDefault(ip, Set.of());
                if (!e.equals(a)) {
                    (unknownLayers ? explained : differences).add(name + " " + ip + ": ndpiReader " + e + ", netcap " + a);
                }
            }
        }
        System.out.printf("DPI: %d captures compared (%d addresses), %d not read completely by ndpiReader %s;"
                + " differences where netcap left packets undecoded: %s%n", compared, addresses, skipped.size(), skipped, explained);
        assertThat(compared).isGreaterThan(30);
        assertThat(differences).isEmpty();
    }

    /** ndpiReader's output of a capture and whether netcap left packets of an unknown layer in it. */
    record Both(String reader, boolean unknownLayers) {}

    /**
     * Captures {@code pcap} into {@code out} with {@code -dpi} and the record types {@code include}, and runs
     * ndpiReader on it; null when ndpiReader did not read every packet (a link type or pcapng section it does not read).
     */
    static Both captureAndNdpiReader(Path tmp, Path pcap, Path out, String include) throws Exception {
        String name = pcap.getFileName().toString();
        CompletableFuture<String> ndpi = ndpiReader(pcap); // runs beside the capture
        Run r = CaptureCommandTest.capture(Map.of("NC_CONFIG_ROOT", tmp.resolve("none").toString()), "-read", pcap.toString(),
                "-out", out.toString(), "-quiet", "-dpi", "-include", include);
        assertThat(r.status()).as(name + ": " + r.err()).isZero();
        String summary = Files.readString(out.resolve("summary.json"));
        Matcher ours = PACKETS.matcher(summary);
        String reader = ndpi.join();
        Matcher total = TOTAL.matcher(reader);
        if (!ours.find() || !total.find() || !total.group(1).equals(ours.group(1))) {
            return null;
        }
        // packets whose network layer netcap did not recognise (e.g. a Loopback family that is no address family)
        return new Both(reader, UNKNOWN.matcher(summary).find());
    }

    static void requireNdpi() {
        assumeTrue(Files.exists(Path.of("/usr/bin/ndpiReader")) && Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libndpi.so.4.2")),
                "skipped: needs Debian libndpi4.2 and libndpi-bin (ndpiReader)");
    }

    /** ndpiReader's output per capture: asked once for both DPI corpus tests. */
    private static final Map<Path, CompletableFuture<String>> READER = new ConcurrentHashMap<>();

    /** {@code ndpiReader -i pcap -v 2}: its flow lines and totals; started at once, read on join. */
    static CompletableFuture<String> ndpiReader(Path pcap) {
        return READER.computeIfAbsent(pcap, p -> CompletableFuture.supplyAsync(() -> {
            try {
                Process run = new ProcessBuilder("ndpiReader", "-i", p.toString(), "-v", "2").redirectErrorStream(true).start();
                byte[] out = run.getInputStream().readAllBytes();
                assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("ndpiReader " + p).isTrue();
                return new String(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, task -> Thread.ofVirtual().start(task)));
    }

    /** One text per address; an address ndpiReader prints wrongly (two "::") stays as printed and so differs. */
    static String normal(String ip) {
        try {
            return ip.matches("[0-9a-fA-F:.]+") ? InetAddress.getByName(ip).getHostAddress() : ip;
        } catch (IOException e) {
            return ip;
        }
    }
}
