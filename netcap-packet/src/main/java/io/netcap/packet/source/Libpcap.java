package io.netcap.packet.source;

import java.io.IOException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of libpcap netcap uses, bound through the FFM API (no JNI, no generated bindings).
 * Loaded once on first use; {@link #get()} explains clearly when the library is missing.
 */
final class Libpcap {
    /** Debian's runtime soname first; the bare name exists only with the -dev package. */
    private static final String[] SONAMES = {"libpcap.so.0.8", "libpcap.so.1", "libpcap.so", "libpcap.dylib", "wpcap"};

    static final int PCAP_ERRBUF_SIZE = 256;
    static final int PCAP_NETMASK_UNKNOWN = 0xffffffff;
    static final int PCAP_TSTAMP_PRECISION_NANO = 1;
    static final int PCAP_ERROR_BREAK = -2;
    static final int PCAP_ERROR_PERM_DENIED = -8;
    static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    static final int PCAP_ERROR_PROMISC_PERM_DENIED = -11;

    /** struct pcap_pkthdr on LP64: struct timeval (two longs), caplen, len. */
    static final long PKTHDR_TV_SEC = 0;
    static final long PKTHDR_TV_USEC = 8;
    static final long PKTHDR_CAPLEN = 16;
    static final long PKTHDR_LEN = 20;
    static final long PKTHDR_SIZE = 24;

    /** struct bpf_program: u_int bf_len, (padding), struct bpf_insn *bf_insns. */
    static final long BPF_PROGRAM_SIZE = 16;

    private static final AddressLayout PTR = ValueLayout.ADDRESS;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;

    private static volatile Libpcap instance;
    private static volatile String loadError;

    final MethodHandle libVersion;
    final MethodHandle openDead;
    final MethodHandle openOffline;
    final MethodHandle compile;
    final MethodHandle freecode;
    final MethodHandle offlineFilter;
    final MethodHandle geterr;
    final MethodHandle close;
    final MethodHandle create;
    final MethodHandle setSnaplen;
    final MethodHandle setPromisc;
    final MethodHandle setTimeout;
    final MethodHandle setImmediateMode;
    final MethodHandle setTstampPrecision;
    final MethodHandle activate;
    final MethodHandle setfilter;
    final MethodHandle nextEx;
    final MethodHandle breakloop;
    final MethodHandle datalink;
    final MethodHandle findalldevs;
    final MethodHandle freealldevs;
    final MethodHandle statustostr;

    private Libpcap(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        libVersion = bind(linker, lib, "pcap_lib_version", FunctionDescriptor.of(PTR));
        openOffline = bind(linker, lib, "pcap_open_offline", FunctionDescriptor.of(PTR, PTR, PTR));
        openDead = bind(linker, lib, "pcap_open_dead", FunctionDescriptor.of(PTR, INT, INT));
        compile = bind(linker, lib, "pcap_compile", FunctionDescriptor.of(INT, PTR, PTR, PTR, INT, INT));
        freecode = bind(linker, lib, "pcap_freecode", FunctionDescriptor.ofVoid(PTR));
        offlineFilter = bind(linker, lib, "pcap_offline_filter", FunctionDescriptor.of(INT, PTR, PTR, PTR));
        geterr = bind(linker, lib, "pcap_geterr", FunctionDescriptor.of(PTR, PTR));
        close = bind(linker, lib, "pcap_close", FunctionDescriptor.ofVoid(PTR));
        create = bind(linker, lib, "pcap_create", FunctionDescriptor.of(PTR, PTR, PTR));
        setSnaplen = bind(linker, lib, "pcap_set_snaplen", FunctionDescriptor.of(INT, PTR, INT));
        setPromisc = bind(linker, lib, "pcap_set_promisc", FunctionDescriptor.of(INT, PTR, INT));
        setTimeout = bind(linker, lib, "pcap_set_timeout", FunctionDescriptor.of(INT, PTR, INT));
        setImmediateMode = bind(linker, lib, "pcap_set_immediate_mode", FunctionDescriptor.of(INT, PTR, INT));
        setTstampPrecision = bind(linker, lib, "pcap_set_tstamp_precision", FunctionDescriptor.of(INT, PTR, INT));
        activate = bind(linker, lib, "pcap_activate", FunctionDescriptor.of(INT, PTR));
        setfilter = bind(linker, lib, "pcap_setfilter", FunctionDescriptor.of(INT, PTR, PTR));
        nextEx = bind(linker, lib, "pcap_next_ex", FunctionDescriptor.of(INT, PTR, PTR, PTR));
        breakloop = bind(linker, lib, "pcap_breakloop", FunctionDescriptor.ofVoid(PTR));
        datalink = bind(linker, lib, "pcap_datalink", FunctionDescriptor.of(INT, PTR));
        findalldevs = bind(linker, lib, "pcap_findalldevs", FunctionDescriptor.of(INT, PTR, PTR));
        freealldevs = bind(linker, lib, "pcap_freealldevs", FunctionDescriptor.ofVoid(PTR));
        statustostr = bind(linker, lib, "pcap_statustostr", FunctionDescriptor.of(PTR, INT));
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
        MemorySegment symbol = lib.find(name).orElseThrow(() -> new IllegalStateException("libpcap lacks " + name));
        return linker.downcallHandle(symbol, fd);
    }

    /** The loaded library, or an exception that says how to install it. */
    static Libpcap get() throws IOException {
        Libpcap lib = instance;
        if (lib != null) {
            return lib;
        }
        synchronized (Libpcap.class) {
            if (instance == null && loadError == null) {
                load();
            }
            if (instance == null) {
                throw new IOException(loadError);
            }
            return instance;
        }
    }

    /** True when libpcap could be loaded. */
    static boolean available() {
        try {
            get();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void load() {
        try {
            instance = load(SONAMES);
        } catch (IOException e) {
            loadError = e.getMessage();
        }
    }

    /** Binds the first of the library names that loads; the exception says what was tried and what to do. */
    static Libpcap load(String... sonames) throws IOException {
        List<String> tried = new ArrayList<>();
        for (String soname : sonames) {
            try {
                return new Libpcap(SymbolLookup.libraryLookup(soname, Arena.global()));
            } catch (IllegalArgumentException | IllegalStateException e) {
                tried.add(soname);
            }
        }
        throw new IOException("libpcap not found (tried " + String.join(", ", tried)
                + "); install it, e.g. `apt-get install libpcap0.8` on Debian/Ubuntu");
    }

    /** "libpcap version 1.10.3 ..." */
    static Optional<String> version() {
        try {
            Libpcap lib = get();
            return Optional.of(cString((MemorySegment) lib.libVersion.invokeExact()));
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    static String cString(MemorySegment p) {
        if (p.equals(MemorySegment.NULL)) {
            return "";
        }
        return p.reinterpret(Integer.MAX_VALUE).getString(0);
    }

    /** LINKTYPE_* (file formats) to DLT_* (libpcap's API) where the two differ on Linux. */
    static int linkTypeToDlt(int linkType) {
        return switch (linkType) {
            case LinkType.RAW -> LinkType.DLT_RAW;
            case LinkType.ATM_RFC1483 -> LinkType.DLT_ATM_RFC1483;
            default -> linkType;
        };
    }

    /** DLT_* from libpcap to the LINKTYPE_* value that a capture file would carry. */
    static int dltToLinkType(int dlt) {
        return switch (dlt) {
            case LinkType.DLT_RAW, LinkType.DLT_RAW_OPENBSD -> LinkType.RAW;
            case LinkType.DLT_ATM_RFC1483 -> LinkType.ATM_RFC1483;
            default -> dlt;
        };
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    static MemoryLayout bpfProgramLayout() {
        return MemoryLayout.structLayout(INT.withName("bf_len"), MemoryLayout.paddingLayout(4), PTR.withName("bf_insns"));
    }
}
