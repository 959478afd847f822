package io.netcap.decoder.dpi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * nDPI 4.2 (Debian {@code libndpi4.2}) through the Foreign Function and Memory API, no generated bindings
 * (docs/enrichment.md, "DPI"). The library is found once per process; each worker opens its own
 * {@link Module}, because nDPI 4.2 keeps the packet being dissected inside the detection module.
 */
public final class Ndpi {
    /** Debian's runtime names of the library, newest first. */
    static final List<String> LIBRARIES = List.of("libndpi.so.4.2", "libndpi.so.4", "libndpi.so");
    /** {@code struct ndpi_proto} of nDPI 4.2, returned by value: master and application protocol, category. */
    static final StructLayout PROTOCOL = MemoryLayout.structLayout(ValueLayout.JAVA_SHORT.withName("master"),
            ValueLayout.JAVA_SHORT.withName("app"), ValueLayout.JAVA_INT.withName("category"));
    /** {@code NDPI_PROTOCOL_BITMASK}: 512 bits. */
    static final int BITMASK_BYTES = 64;

    private static volatile Object loaded;

    private final MethodHandle init;
    private final MethodHandle setBitmask;
    private final MethodHandle finalizeInit;
    private final MethodHandle exit;
    final MethodHandle flowSize;
    final MethodHandle flowMalloc;
    final MethodHandle freeFlow;
    final MethodHandle process;
    final MethodHandle extraDissection;
    final MethodHandle protocol2name;
    final MethodHandle categoryName;
    private final String revision;

    private Ndpi(SymbolLookup lib) throws Throwable {
        Linker l = Linker.nativeLinker();
        ValueLayout.OfLong size = ValueLayout.JAVA_LONG;
        init = l.downcallHandle(find(lib, "ndpi_init_detection_module"), FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        setBitmask = l.downcallHandle(find(lib, "ndpi_set_protocol_detection_bitmask2"),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        finalizeInit = l.downcallHandle(find(lib, "ndpi_finalize_initialization"), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
        exit = l.downcallHandle(find(lib, "ndpi_exit_detection_module"), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
        flowSize = l.downcallHandle(find(lib, "ndpi_detection_get_sizeof_ndpi_flow_struct"), FunctionDescriptor.of(ValueLayout.JAVA_INT));
        flowMalloc = l.downcallHandle(find(lib, "ndpi_flow_malloc"), FunctionDescriptor.of(ValueLayout.ADDRESS, size));
        freeFlow = l.downcallHandle(find(lib, "ndpi_free_flow"), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
        process = l.downcallHandle(find(lib, "ndpi_detection_process_packet"), FunctionDescriptor.of(PROTOCOL,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_SHORT, ValueLayout.JAVA_LONG));
        extraDissection = l.downcallHandle(find(lib, "ndpi_extra_dissection_possible"),
                FunctionDescriptor.of(ValueLayout.JAVA_BYTE, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        protocol2name = l.downcallHandle(find(lib, "ndpi_protocol2name"), FunctionDescriptor.of(ValueLayout.ADDRESS,
                ValueLayout.ADDRESS, PROTOCOL, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        categoryName = l.downcallHandle(find(lib, "ndpi_category_get_name"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        MethodHandle rev = l.downcallHandle(find(lib, "ndpi_revision"), FunctionDescriptor.of(ValueLayout.ADDRESS));
        revision = ((MemorySegment) rev.invokeExact()).reinterpret(64).getString(0);
    }

    /**
     * The library, loaded on first use; throws {@link UnavailableException} with one line naming what is
     * missing (the Debian package) when it cannot be loaded.
     */
    public static Ndpi get() throws UnavailableException {
        Object o = loaded;
        if (o == null) {
            synchronized (Ndpi.class) {
                o = loaded;
                if (o == null) {
                    o = load(LIBRARIES);
                    loaded = o;
                }
            }
        }
        if (o instanceof UnavailableException e) {
            throw new UnavailableException(e.getMessage());
        }
        return (Ndpi) o;
    }

    /** The library under the first of {@code names} that loads, or the {@link UnavailableException} to throw. */
    static Object load(List<String> names) {
        for (String name : names) {
            SymbolLookup lib;
            try {
                lib = SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException notFound) {
                continue;
            }
            try {
                return new Ndpi(lib);
            } catch (Throwable t) {
                return new UnavailableException(name + " lacks nDPI 4.2's functions (" + t.getMessage() + ")");
            }
        }
        return new UnavailableException("nDPI not found (" + String.join(", ", names)
                + "): install the Debian package libndpi4.2");
    }

    private static MemorySegment find(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new IllegalStateException("no symbol " + name));
    }

    public String revision() {
        return revision;
    }

    /** A detection module with every protocol enabled; closed by its owner. */
    public Module open() {
        try {
            MemorySegment m = (MemorySegment) init.invokeExact(0);
            if (m.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("ndpi_init_detection_module failed");
            }
            try (Arena a = Arena.ofConfined()) {
                MemorySegment all = a.allocate(BITMASK_BYTES);
                all.fill((byte) 0xFF);
                setBitmask.invokeExact(m, all);
            }
            finalizeInit.invokeExact(m);
            return new Module(this, m);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    void exit(MemorySegment module) {
        try {
            exit.invokeExact(module);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The library is missing or unusable; the message is one line for the user. */
    public static final class UnavailableException extends Exception {
        public UnavailableException(String message) {
            super(message);
        }
    }
}
