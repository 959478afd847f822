package io.netcap.packet.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.packet.Packet;
import io.netcap.testing.Corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus capture read by our readers equals TShark's view of it: packet count, timestamp (ns),
 * captured and wire length per frame; link types equal capinfos'. Damaged captures (those with a
 * {@code tshark-stderr.txt}) match on TShark's readable prefix and must report a defect.
 */
class CaptureCorpusTest {

    /** capinfos encapsulation names to the LINKTYPE_* values a file may carry for them. */
    private static final Map<String, Set<Integer>> ENCAPSULATIONS = Map.ofEntries(
            Map.entry("ether", Set.of(1)),
            Map.entry("null", Set.of(0)),
            Map.entry("fddi-swapped", Set.of(10)),
            Map.entry("ieee-802-11-radiotap", Set.of(127)),
            Map.entry("linux-sll", Set.of(113)),
            Map.entry("linux-sll2", Set.of(276)),
            Map.entry("rawip", Set.of(101, 12, 14)),
            Map.entry("rawip4", Set.of(228)),
            Map.entry("rawip6", Set.of(229)),
            Map.entry("usb-linux-mmap", Set.of(220)));

    record Frame(long nanos, int capLen, int len) {}

    /** TShark's frames, and how many of them were pcapng custom blocks (not packets). */
    record Truth(List<Frame> frames, int customBlocks) {}

    static List<Path> captures() {
        return Corpus.captures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void matchesTshark(Path capture) throws IOException {
        String name = capture.getFileName().toString();
        boolean hasTruth = Files.exists(Corpus.truth().resolve(name + ".fields.tsv"))
                || Files.exists(Corpus.truth().resolve(name + ".fields.tsv.gz"));
        if (!hasTruth) {
            System.err.println("SKIPPED: no TShark truth for " + name);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(hasTruth, "no TShark truth for " + name);
        Truth t = truthFrames(name);
        List<Frame> truth = t.frames();
        boolean damaged = Files.exists(Corpus.truth().resolve(name + ".tshark-stderr.txt"));

        List<Frame> ours = new ArrayList<>();
        Set<Integer> linkTypes = new HashSet<>();
        List<Defect> defects;
        try (PacketSource source = PacketSources.open(capture)) {
            Packet p;
            while ((p = source.next()) != null) {
                ours.add(new Frame(p.timestampNanos(), p.capturedLength(), p.wireLength()));
                linkTypes.add(p.linkType());
                assertThat(p.offset() + p.capturedLength()).isLessThanOrEqualTo(p.buffer().length);
            }
            defects = source.defects();
            assertThat(source.packetsRead()).isEqualTo(ours.size());
            if (source instanceof PcapReader pcap && !truth.isEmpty()) {
                linkTypes.add(pcap.linkType());
            }
            long customBlocks = source instanceof PcapngReader ng ? ng.customBlocks() : 0;
            assertThat(customBlocks).as("custom blocks of %s", name).isEqualTo(t.customBlocks());
        }

        if (damaged) {
            assertThat(defects).as("defect reported for damaged %s", name).isNotEmpty();
            assertThat(ours.size()).as("readable prefix of %s", name).isGreaterThanOrEqualTo(truth.size());
            assertThat(ours.subList(0, truth.size())).isEqualTo(truth);
        } else {
            assertThat(defects).as("defects of %s", name).isEmpty();
            assertThat(ours).hasSameSizeAs(truth);
            for (int i = 0; i < truth.size(); i++) {
                assertThat(ours.get(i)).as("%s frame %d", name, i + 1).isEqualTo(truth.get(i));
            }
        }

        Set<Integer> allowed = allowedLinkTypes(manifest().get(name));
        assertThat(allowed).as("known encapsulation for %s", name).isNotEmpty();
        assertThat(linkTypes).as("link types of %s", name).isSubsetOf(allowed);
    }

    @Test
    void corpusHasCapturesOfBothFormatsAndDamage() {
        long damaged = captures().stream()
                .filter(c -> Files.exists(Corpus.truth().resolve(c.getFileName() + ".tshark-stderr.txt"))).count();
        assertThat(captures()).hasSizeGreaterThan(50);
        assertThat(damaged).isGreaterThanOrEqualTo(3);
    }

    /** capinfos' column like "ether+null (15 interfaces)" or "ether (from file header)". */
    static Set<Integer> allowedLinkTypes(String column) {
        String names = column.replaceAll("\\s*\\(.*\\)", "").trim();
        Set<Integer> out = new HashSet<>();
        for (String n : names.split("\\+")) {
            out.addAll(ENCAPSULATIONS.getOrDefault(n, Set.of()));
        }
        return out;
    }

    static Map<String, String> manifest() throws IOException {
        Map<String, String> out = new HashMap<>();
        List<String> lines = Files.readAllLines(Corpus.require().resolve("manifest.tsv"));
        List<String> head = List.of(lines.get(0).split("\t"));
        int file = head.indexOf("file");
        int links = head.indexOf("link_types");
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t", -1);
            out.put(cols[file], cols[links]);
        }
        return out;
    }

    static Truth truthFrames(String name) throws IOException {
        Path plain = Corpus.truth().resolve(name + ".fields.tsv");
        Path gz = Corpus.truth().resolve(name + ".fields.tsv.gz");
        InputStream in = Files.exists(plain) ? Files.newInputStream(plain) : new GZIPInputStream(Files.newInputStream(gz));
        List<Frame> frames = new ArrayList<>();
        int customBlocks = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> head = List.of(r.readLine().split("\t"));
            int time = head.indexOf("frame.time_epoch");
            int len = head.indexOf("frame.len");
            int capLen = head.indexOf("frame.cap_len");
            int protocols = head.indexOf("frame.protocols");
            String line;
            while ((line = r.readLine()) != null) {
                String[] cols = line.split("\t", -1);
                if (cols[time].isEmpty() && cols[protocols].equals("data") && name.endsWith(".pcapng")) {
                    // A custom block: TShark shows its body as a frame without time, dissected as data.
                    customBlocks++;
                    continue;
                }
                frames.add(new Frame(epochNanos(cols[time]), Integer.parseInt(cols[capLen]), Integer.parseInt(cols[len])));
            }
        }
        return new Truth(frames, customBlocks);
    }

    /**
     * TShark's frame.time_epoch ("seconds.nanoseconds") to nanoseconds. Frames without a time
     * (simple packet blocks) print empty: our readers give 0. Damaged files can hold fractions that
     * Wireshark keeps unnormalised: more than 9 digits, or a negative fraction printed as
     * "-seconds.|fraction|"; both are read back as Wireshark's (seconds, nanoseconds) pair.
     */
    static long epochNanos(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        boolean negative = s.startsWith("-");
        String[] parts = (negative ? s.substring(1) : s).split("\\.");
        long seconds = Long.parseLong(parts[0]);
        long fraction = Long.parseLong(parts[1]);
        if (negative) {
            // nstime_to_str prints a negative fraction as "-secs.|nsecs|" when secs >= 0
            return seconds * 1_000_000_000L - fraction;
        }
        return seconds * 1_000_000_000L + fraction;
    }
}
