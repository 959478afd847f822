package io.netcap.decoder.dpi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;

/**
 * One nDPI detection module and the native memory one worker needs: a packet buffer and the slot the
 * by-value protocol result is returned in. Used by one thread at a time.
 */
public final class Module implements AutoCloseable {
    /** Largest IP packet handed to nDPI (its length argument is an unsigned short). */
    static final int MAX_PACKET = 65535;

    private final Ndpi ndpi;
    private final MemorySegment module;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment packet = arena.allocate(MAX_PACKET);
    private final MemorySegment result = arena.allocate(Ndpi.PROTOCOL);
    private final SegmentAllocator resultSlot = SegmentAllocator.prefixAllocator(result);
    private final MemorySegment nameBuffer = arena.allocate(64);
    private final long flowSize;

    Module(Ndpi ndpi, MemorySegment module) throws Throwable {
        this.ndpi = ndpi;
        this.module = module;
        this.flowSize = Integer.toUnsignedLong((int) ndpi.flowSize.invokeExact());
    }

    /** A zeroed {@code struct ndpi_flow_struct}, freed with {@link #free}. */
    MemorySegment newFlow() {
        try {
            MemorySegment f = ((MemorySegment) ndpi.flowMalloc.invokeExact(flowSize)).reinterpret(flowSize);
            if (f.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("ndpi_flow_malloc");
            }
            f.fill((byte) 0);
            return f;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    void free(MemorySegment flow) {
        try {
            ndpi.freeFlow.invokeExact(flow);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Dissects one IP packet ({@code b[off, off+len)}) of {@code flow}; returns the flow's protocols packed
     * by {@link #pack}.
     */
    long process(MemorySegment flow, byte[] b, int off, int len, long timeMillis) {
        int n = Math.min(len, MAX_PACKET);
        MemorySegment.copy(b, off, packet, ValueLayout.JAVA_BYTE, 0, n);
        try {
            MemorySegment r = (MemorySegment) ndpi.process.invokeExact(resultSlot, module, flow, packet, (short) n, timeMillis);
            return pack(r.get(ValueLayout.JAVA_SHORT, 0), r.get(ValueLayout.JAVA_SHORT, 2), r.get(ValueLayout.JAVA_INT, 4));
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    boolean extraDissectionPossible(MemorySegment flow) {
        try {
            return (byte) ndpi.extraDissection.invokeExact(module, flow) != 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** nDPI's name of a protocol pair, as ndpiReader prints it: {@code HTTP.AmazonAWS}, {@code DNS}. */
    String name(long packed) {
        try {
            result.set(ValueLayout.JAVA_SHORT, 0, (short) master(packed));
            result.set(ValueLayout.JAVA_SHORT, 2, (short) app(packed));
            result.set(ValueLayout.JAVA_INT, 4, category(packed));
            MemorySegment s = (MemorySegment) ndpi.protocol2name.invokeExact(module, result, nameBuffer, (int) nameBuffer.byteSize());
            return s.reinterpret(nameBuffer.byteSize()).getString(0);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    String categoryName(int category) {
        try {
            MemorySegment s = (MemorySegment) ndpi.categoryName.invokeExact(module, category);
            return s.equals(MemorySegment.NULL) ? "" : s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** master (16 bits), application (16 bits), category (32 bits). */
    static long pack(short master, short app, int category) {
        return (long) (master & 0xFFFF) << 48 | (long) (app & 0xFFFF) << 32 | (category & 0xFFFFFFFFL);
    }

    static int master(long p) {
        return (int) (p >>> 48) & 0xFFFF;
    }

    static int app(long p) {
        return (int) (p >>> 32) & 0xFFFF;
    }

    static int category(long p) {
        return (int) p;
    }

    @Override
    public void close() {
        ndpi.exit(module);
        arena.close();
    }
}
