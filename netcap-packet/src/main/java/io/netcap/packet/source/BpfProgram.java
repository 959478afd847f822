package io.netcap.packet.source;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A filter compiled by libpcap for one link type and applied with {@code pcap_offline_filter} to
 * packets of our own readers, so a filter on a file keeps the readers' defect reporting.
 */
final class BpfProgram implements AutoCloseable {
    /** The largest packet handed to the filter; matches the readers' maximum. */
    private static final int MAX_PACKET = PcapReader.MAX_CAPTURED_LENGTH;

    /** Address-family values that BSD-derived systems use for IPv6 in a LINKTYPE_NULL header. */
    private static final int BSD_AF_INET6_NETBSD = 24;
    private static final int BSD_AF_INET6_FREEBSD = 28;
    private static final int BSD_AF_INET6_DARWIN = 30;
    private static final int LINUX_AF_INET6 = 10;
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");

    private final Libpcap lib;
    private final boolean nullHeader;
    private final Arena arena;
    private final MemorySegment program;
    private final MemorySegment header;
    private final MemorySegment data;
    private boolean freed;

    private BpfProgram(Libpcap lib, Arena arena, MemorySegment program, int linkType) {
        this.lib = lib;
        this.nullHeader = linkType == LinkType.NULL && LINUX;
        this.arena = arena;
        this.program = program;
        this.header = arena.allocate(Libpcap.PKTHDR_SIZE, 8);
        this.data = arena.allocate(MAX_PACKET, 8);
    }

    /**
     * Compiles {@code expression} for a link type (LINKTYPE_* value).
     *
     * @throws IOException when libpcap is missing or the expression does not compile
     */
    static BpfProgram compile(String expression, int linkType) throws IOException {
        Libpcap lib = Libpcap.get();
        Arena arena = Arena.ofShared();
        try {
            MemorySegment dead = (MemorySegment) lib.openDead.invokeExact(Libpcap.linkTypeToDlt(linkType), MAX_PACKET);
            if (dead.equals(MemorySegment.NULL)) {
                throw new IOException("pcap_open_dead failed for link type " + linkType);
            }
            try {
                MemorySegment program = arena.allocate(Libpcap.BPF_PROGRAM_SIZE, 8);
                int rc = compileLocked(lib, dead, program, arena.allocateFrom(expression));
                if (rc != 0) {
                    String why = Libpcap.cString((MemorySegment) lib.geterr.invokeExact(dead));
                    throw new IOException("BPF filter \"" + expression + "\" does not compile for link type "
                            + LinkType.name(linkType) + ": " + why);
                }
                return new BpfProgram(lib, arena, program, linkType);
            } finally {
                lib.close.invokeExact(dead);
            }
        } catch (IOException e) {
            arena.close();
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw Libpcap.rethrow(t);
        }
    }

    /**
     * libpcap's reason when {@code expression} does not parse at all, whatever the link type (a syntax error); null
     * when it compiles for Ethernet, fails only for some link types, or libpcap is missing (reported where used).
     */
    static String syntaxError(String expression) {
        try (BpfProgram ignored = compile(expression, LinkType.ETHERNET)) {
            return null;
        } catch (IOException | RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            int at = m.indexOf(": ", Math.max(0, m.indexOf(" link type ")));
            return m.contains("syntax error") && at >= 0 ? m.substring(at + 2) : null;
        }
    }

    /** pcap_compile was not thread-safe before libpcap 1.8; one compile at a time costs nothing here. */
    static synchronized int compileLocked(Libpcap lib, MemorySegment pcap, MemorySegment program, MemorySegment expr)
            throws Throwable {
        return (int) lib.compile.invokeExact(pcap, program, expr, 1, Libpcap.PCAP_NETMASK_UNKNOWN);
    }

    /** The compiled program (struct bpf_program), for pcap_setfilter. */
    MemorySegment program() {
        return program;
    }

    /** True when the packet bytes pass the filter. */
    boolean matches(byte[] buffer, int offset, int capturedLength, int wireLength) {
        int n = Math.min(capturedLength, MAX_PACKET);
        MemorySegment.copy(buffer, offset, data, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, n);
        if (nullHeader && n >= 4) {
            normaliseNullHeader();
        }
        header.set(java.lang.foreign.ValueLayout.JAVA_INT, Libpcap.PKTHDR_CAPLEN, n);
        header.set(java.lang.foreign.ValueLayout.JAVA_INT, Libpcap.PKTHDR_LEN, wireLength);
        try {
            return (int) lib.offlineFilter.invokeExact(program, header, data) != 0;
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        }
    }

    /**
     * A LINKTYPE_NULL header holds the writer's AF_ value in the writer's byte order. libpcap
     * accounts for both (and for the BSDs' IPv6 values) only when it reads the file itself; a
     * filter compiled without a file expects this host's values. So the filter's copy of the
     * header is rewritten to this host's byte order and IPv6 value; the packet is not changed.
     */
    private void normaliseNullHeader() {
        var layout = java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
        int af = data.get(layout, 0);
        if ((af & 0xffff0000) != 0 && (Integer.reverseBytes(af) & 0xffff0000) == 0) {
            af = Integer.reverseBytes(af);
        }
        if (af == BSD_AF_INET6_NETBSD || af == BSD_AF_INET6_FREEBSD || af == BSD_AF_INET6_DARWIN) {
            af = LINUX_AF_INET6;
        }
        data.set(layout, 0, af);
    }

    @Override
    public void close() {
        if (freed) {
            return;
        }
        freed = true;
        try {
            lib.freecode.invokeExact(program);
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        } finally {
            arena.close();
        }
    }
}
