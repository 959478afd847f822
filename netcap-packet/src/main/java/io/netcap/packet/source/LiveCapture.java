package io.netcap.packet.source;

import io.netcap.packet.Packet;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Live capture on an interface through libpcap (bound with the FFM API). Each packet is copied
 * out of libpcap's ring buffer into one reused array, since libpcap reuses its buffer too.
 *
 * <p>Threading: {@link #next()} and {@link #close()} belong to the reading thread; another
 * thread stops a blocked reader with {@link #breakLoop()}, after which {@link #next()} returns null.
 */
public final class LiveCapture implements PacketSource {
    /** The original's default snap length. */
    public static final int DEFAULT_SNAPLEN = 1514;

    private final Libpcap lib;
    private final Arena arena;
    private final MemorySegment pcap;
    private final MemorySegment headerPointer;
    private final MemorySegment dataPointer;
    private final String iface;
    private final String bpf;
    private final int linkType;
    private final boolean nanos;
    private final List<Defect> defects = new ArrayList<>();
    private byte[] buffer;
    private long packets;
    private volatile boolean stopped;
    private boolean closed;

    private LiveCapture(Libpcap lib, Arena arena, MemorySegment pcap, String iface, String bpf, int linkType,
                        boolean nanos, int snaplen) {
        this.lib = lib;
        this.arena = arena;
        this.pcap = pcap;
        this.iface = iface;
        this.bpf = bpf;
        this.linkType = linkType;
        this.nanos = nanos;
        this.headerPointer = arena.allocate(ValueLayout.ADDRESS);
        this.dataPointer = arena.allocate(ValueLayout.ADDRESS);
        this.buffer = new byte[Math.max(snaplen, 64)];
    }

    /**
     * Opens a live capture.
     *
     * @param iface   interface name, e.g. {@code eth0}, {@code lo} or libpcap's {@code any}
     * @param bpf     filter expression in libpcap syntax, or null/empty for none
     * @param snaplen bytes kept of each frame ({@link #DEFAULT_SNAPLEN} in the original)
     * @param promisc promiscuous mode
     * @param timeout libpcap's read timeout (how long packets may wait to be delivered in a batch);
     *                zero means block until a packet comes
     * @throws IOException when libpcap is missing, the interface does not exist, capture is not
     *                     permitted, or the filter does not compile
     */
    public static LiveCapture open(String iface, String bpf, int snaplen, boolean promisc, Duration timeout)
            throws IOException {
        Libpcap lib = Libpcap.get();
        Arena arena = Arena.ofShared();
        MemorySegment pcap = MemorySegment.NULL;
        try {
            MemorySegment errbuf = arena.allocate(Libpcap.PCAP_ERRBUF_SIZE);
            pcap = (MemorySegment) lib.create.invokeExact(arena.allocateFrom(iface), errbuf);
            if (pcap.equals(MemorySegment.NULL)) {
                throw new IOException("cannot capture on " + iface + ": " + errbuf.getString(0));
            }
            int ms = (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis()));
            int ignored = (int) lib.setSnaplen.invokeExact(pcap, snaplen);
            ignored = (int) lib.setPromisc.invokeExact(pcap, promisc ? 1 : 0);
            ignored = (int) lib.setTimeout.invokeExact(pcap, ms);
            // Immediate mode: deliver each packet as it arrives rather than when a ring block fills.
            ignored = (int) lib.setImmediateMode.invokeExact(pcap, 1);
            boolean nanos = (int) lib.setTstampPrecision.invokeExact(pcap, Libpcap.PCAP_TSTAMP_PRECISION_NANO) == 0;
            int rc = (int) lib.activate.invokeExact(pcap);
            if (rc < 0) {
                throw new IOException(activationError(lib, pcap, iface, rc));
            }
            int linkType = Libpcap.dltToLinkType((int) lib.datalink.invokeExact(pcap));
            if (bpf != null && !bpf.isBlank()) {
                MemorySegment program = arena.allocate(Libpcap.BPF_PROGRAM_SIZE, 8);
                if (BpfProgram.compileLocked(lib, pcap, program, arena.allocateFrom(bpf)) != 0) {
                    throw new IOException("BPF filter \"" + bpf + "\" does not compile for " + iface + ": "
                            + Libpcap.cString((MemorySegment) lib.geterr.invokeExact(pcap)));
                }
                int set = (int) lib.setfilter.invokeExact(pcap, program);
                lib.freecode.invokeExact(program);
                if (set != 0) {
                    throw new IOException("cannot set BPF filter on " + iface + ": "
                            + Libpcap.cString((MemorySegment) lib.geterr.invokeExact(pcap)));
                }
            }
            return new LiveCapture(lib, arena, pcap, iface, bpf, linkType, nanos, snaplen);
        } catch (IOException e) {
            closeQuietly(lib, pcap, arena);
            throw e;
        } catch (Throwable t) {
            closeQuietly(lib, pcap, arena);
            throw Libpcap.rethrow(t);
        }
    }

    private static String activationError(Libpcap lib, MemorySegment pcap, String iface, int rc) throws Throwable {
        String detail = Libpcap.cString((MemorySegment) lib.geterr.invokeExact(pcap));
        if (detail.isEmpty()) {
            detail = Libpcap.cString((MemorySegment) lib.statustostr.invokeExact(rc));
        }
        return switch (rc) {
            case Libpcap.PCAP_ERROR_PERM_DENIED, Libpcap.PCAP_ERROR_PROMISC_PERM_DENIED ->
                    "capture on " + iface + " not permitted (" + detail
                            + "); run as root or grant the capabilities CAP_NET_RAW and CAP_NET_ADMIN";
            case Libpcap.PCAP_ERROR_NO_SUCH_DEVICE -> "no such interface: " + iface + " (" + detail + ")";
            default -> "cannot capture on " + iface + ": " + detail;
        };
    }

    private static void closeQuietly(Libpcap lib, MemorySegment pcap, Arena arena) {
        try {
            if (!pcap.equals(MemorySegment.NULL)) {
                lib.close.invokeExact(pcap);
            }
        } catch (Throwable ignored) {
            // already failing; the first error is the one to report
        } finally {
            arena.close();
        }
    }

    /** The next packet; null once {@link #breakLoop()} was called or the capture ended. */
    @Override
    public Packet next() throws IOException {
        while (!stopped && !closed) {
            int rc;
            try {
                rc = (int) lib.nextEx.invokeExact(pcap, headerPointer, dataPointer);
            } catch (Throwable t) {
                throw Libpcap.rethrow(t);
            }
            switch (rc) {
                case 1 -> {
                    return copyOut();
                }
                case 0 -> {
                    // read timeout with nothing captured: look at the stop flag and wait again
                }
                case Libpcap.PCAP_ERROR_BREAK -> {
                    return null;
                }
                default -> {
                    String why;
                    try {
                        why = Libpcap.cString((MemorySegment) lib.geterr.invokeExact(pcap));
                    } catch (Throwable t) {
                        throw Libpcap.rethrow(t);
                    }
                    throw new IOException("capture on " + iface + " failed: " + why);
                }
            }
        }
        return null;
    }

    private Packet copyOut() {
        MemorySegment header = headerPointer.get(ValueLayout.ADDRESS, 0).reinterpret(Libpcap.PKTHDR_SIZE);
        long seconds = header.get(ValueLayout.JAVA_LONG, Libpcap.PKTHDR_TV_SEC);
        long fraction = header.get(ValueLayout.JAVA_LONG, Libpcap.PKTHDR_TV_USEC);
        int caplen = header.get(ValueLayout.JAVA_INT, Libpcap.PKTHDR_CAPLEN);
        int wirelen = header.get(ValueLayout.JAVA_INT, Libpcap.PKTHDR_LEN);
        if (caplen > buffer.length) {
            buffer = new byte[caplen];
        }
        MemorySegment data = dataPointer.get(ValueLayout.ADDRESS, 0).reinterpret(caplen);
        MemorySegment.copy(data, ValueLayout.JAVA_BYTE, 0, buffer, 0, caplen);
        packets++;
        long ts = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1_000L);
        return new Packet(ts, caplen, wirelen, linkType, 0, buffer, 0);
    }

    /** Makes a blocked or future {@link #next()} return null; safe from any thread. */
    public void breakLoop() {
        stopped = true;
        synchronized (this) {
            if (!closed) {
                try {
                    lib.breakloop.invokeExact(pcap);
                } catch (Throwable t) {
                    throw Libpcap.rethrow(t);
                }
            }
        }
    }

    /** The interface's link type (LINKTYPE_* value). */
    public int linkType() {
        return linkType;
    }

    @Override
    public List<Defect> defects() {
        return java.util.Collections.unmodifiableList(defects);
    }

    @Override
    public long packetsRead() {
        return packets;
    }

    @Override
    public String description() {
        return "live " + iface + " (" + LinkType.name(linkType) + (bpf == null || bpf.isBlank() ? "" : ", filter \"" + bpf + "\"") + ")";
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                lib.close.invokeExact(pcap);
            } catch (Throwable t) {
                throw Libpcap.rethrow(t);
            } finally {
                arena.close();
            }
        }
    }

    /** Whether live capture can work here at all (libpcap present). */
    public static boolean libpcapAvailable() {
        return Libpcap.available();
    }

    /** libpcap's version string, if it is present. */
    public static java.util.Optional<String> libpcapVersion() {
        return Libpcap.version();
    }

    /**
     * The host's interfaces in index order, with libpcap's descriptions where libpcap is present.
     *
     * @throws IOException when the operating system's interface list cannot be read
     */
    public static List<NetInterface> interfaces() throws IOException {
        Map<String, String> descriptions = pcapDescriptions();
        List<NetworkInterface> all;
        try {
            all = NetworkInterface.networkInterfaces().sorted(Comparator.comparingInt(NetworkInterface::getIndex)).toList();
        } catch (SocketException e) {
            throw new IOException("cannot list network interfaces: " + e.getMessage(), e);
        }
        List<NetInterface> out = new ArrayList<>();
        for (NetworkInterface ni : all) {
            List<String> flags = new ArrayList<>();
            List<String> addresses = new ArrayList<>();
            int mtu = -1;
            String mac = "";
            try {
                boolean broadcast = false;
                for (InterfaceAddress a : ni.getInterfaceAddresses()) {
                    broadcast |= a.getBroadcast() != null;
                    String host = a.getAddress().getHostAddress();
                    int zone = host.indexOf('%');
                    addresses.add((zone >= 0 ? host.substring(0, zone) : host) + "/" + a.getNetworkPrefixLength());
                }
                if (ni.isUp()) {
                    flags.add("up");
                }
                if (broadcast) {
                    flags.add("broadcast");
                }
                if (ni.isLoopback()) {
                    flags.add("loopback");
                }
                if (ni.isPointToPoint()) {
                    flags.add("pointtopoint");
                }
                if (ni.supportsMulticast()) {
                    flags.add("multicast");
                }
                mtu = ni.getMTU();
                byte[] hw = ni.getHardwareAddress();
                if (hw != null && hw.length > 0) {
                    mac = HexFormat.ofDelimiter(":").formatHex(hw);
                }
            } catch (SocketException e) {
                // the interface vanished while we looked; list what we know
            }
            out.add(new NetInterface(ni.getIndex(), ni.getName(), List.copyOf(flags), mac, mtu, List.copyOf(addresses),
                    descriptions.getOrDefault(ni.getName(), "")));
        }
        return out;
    }

    /** pcap_findalldevs names and descriptions; empty without libpcap. */
    private static Map<String, String> pcapDescriptions() {
        Map<String, String> out = new HashMap<>();
        Libpcap lib;
        try {
            lib = Libpcap.get();
        } catch (IOException e) {
            return out;
        }
        // struct pcap_if: next, name, description, addresses, flags
        final long ifNext = 0;
        final long ifName = 8;
        final long ifDescription = 16;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment list = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment errbuf = arena.allocate(Libpcap.PCAP_ERRBUF_SIZE);
            if ((int) lib.findalldevs.invokeExact(list, errbuf) != 0) {
                return out;
            }
            MemorySegment head = list.get(ValueLayout.ADDRESS, 0);
            try {
                MemorySegment dev = head;
                while (!dev.equals(MemorySegment.NULL)) {
                    MemorySegment d = dev.reinterpret(40);
                    out.put(Libpcap.cString(d.get(ValueLayout.ADDRESS, ifName)),
                            Libpcap.cString(d.get(ValueLayout.ADDRESS, ifDescription)));
                    dev = d.get(ValueLayout.ADDRESS, ifNext);
                }
            } finally {
                lib.freealldevs.invokeExact(head);
            }
        } catch (Throwable t) {
            return out;
        }
        return out;
    }
}
