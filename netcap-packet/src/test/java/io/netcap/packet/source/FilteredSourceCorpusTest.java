package io.netcap.packet.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netcap.testing.Corpus;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our readers plus libpcap's filter against libpcap reading the file itself
 * ({@code pcap_open_offline} + {@code pcap_setfilter}): the same number of packets pass.
 */
class FilteredSourceCorpusTest {
    private static final String FILTER = "tcp or (udp and port 53)";

    static List<Path> captures() {
        return Corpus.captures().stream()
                .filter(c -> !Files.exists(Corpus.truth().resolve(c.getFileName() + ".tshark-stderr.txt")))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameCountAsLibpcapReadingTheFile(Path capture) throws Throwable {
        if (!LiveCapture.libpcapAvailable()) {
            System.err.println("SKIPPED: libpcap not installed");
        }
        assumeTrue(LiveCapture.libpcapAvailable(), "libpcap not installed");
        long theirs = libpcapCount(capture, FILTER);
        assumeTrue(theirs >= 0, "libpcap cannot read or filter " + capture.getFileName());
        long ours;
        try (PacketSource s = PacketSources.open(capture, FILTER)) {
            while (s.next() != null) {
                // count
            }
            ours = s.packetsRead();
        } catch (IOException e) {
            // a link type the filter cannot compile for: libpcap refused it too (theirs < 0) or not
            throw e;
        }
        assertThat(ours).as("packets passing \"%s\" in %s", FILTER, capture.getFileName()).isEqualTo(theirs);
    }

    /** Packets of the file passing the filter, read entirely by libpcap; -1 when it cannot. */
    static long libpcapCount(Path file, String filter) throws Throwable {
        Libpcap lib = Libpcap.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errbuf = arena.allocate(Libpcap.PCAP_ERRBUF_SIZE);
            MemorySegment pcap = (MemorySegment) lib.openOffline.invokeExact(arena.allocateFrom(file.toString()), errbuf);
            if (pcap.equals(MemorySegment.NULL)) {
                return -1;
            }
            try {
                MemorySegment program = arena.allocate(Libpcap.BPF_PROGRAM_SIZE, 8);
                if (BpfProgram.compileLocked(lib, pcap, program, arena.allocateFrom(filter)) != 0) {
                    return -1;
                }
                int set = (int) lib.setfilter.invokeExact(pcap, program);
                lib.freecode.invokeExact(program);
                if (set != 0) {
                    return -1;
                }
                MemorySegment hdr = arena.allocate(ValueLayout.ADDRESS);
                MemorySegment data = arena.allocate(ValueLayout.ADDRESS);
                long n = 0;
                int rc;
                while ((rc = (int) lib.nextEx.invokeExact(pcap, hdr, data)) == 1) {
                    n++;
                }
                return rc == Libpcap.PCAP_ERROR_BREAK ? n : -1;
            } finally {
                lib.close.invokeExact(pcap);
            }
        }
    }
}
