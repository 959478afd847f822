package io.netcap.decoder.dpi;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

/**
 * One worker's nDPI flows, keyed by a direction-independent flow key (the engine routes every packet of a
 * flow to one worker). A flow is dissected until nDPI has its protocol and wants no further packets, or
 * for {@value #MAX_DISSECTED} packets; its native state is freed then and only the result kept. Every
 * packet of a flow whose protocol is known carries that protocol (docs/enrichment.md, "DPI").
 */
public final class DpiFlows implements AutoCloseable {
    /** Packets of one flow handed to nDPI at most (ndpiReader gives up at a similar count). */
    static final int MAX_DISSECTED = 32;
    /** Flows remembered per worker; a flow beyond it is not classified and counted in {@link #overCap}. */
    static final int MAX_FLOWS = 1 << 18;

    private final Module module;
    private final Dpi dpi;
    private final Map<Long, Flow> flows = new HashMap<>();
    private long overCap;

    DpiFlows(Module module, Dpi dpi) {
        this.module = module;
        this.dpi = dpi;
    }

    private static final class Flow {
        MemorySegment state;
        int packets;
        /** Packed protocol of {@link Module#pack}, 0 while unknown. */
        long protocol;
    }

    /**
     * Classifies one IP packet ({@code b[off, off+len)}) of the flow {@code key}; returns its flow's protocol
     * so far (0: not known yet).
     */
    public long classify(long key, byte[] b, int off, int len, long timestampNanos) {
        Flow f = flows.get(key);
        if (f == null) {
            if (flows.size() >= MAX_FLOWS) {
                overCap++;
                return 0;
            }
            f = new Flow();
            f.state = module.newFlow();
            flows.put(key, f);
        }
        if (f.state == null) {
            return f.protocol;
        }
        long p = module.process(f.state, b, off, len, timestampNanos / 1_000_000);
        f.packets++;
        if (Module.app(p) != 0 || Module.master(p) != 0) {
            f.protocol = p;
            dpi.named(p, module);
        }
        if (f.packets >= MAX_DISSECTED || f.protocol != 0 && !module.extraDissectionPossible(f.state)) {
            module.free(f.state);
            f.state = null;
        }
        return f.protocol;
    }

    /** Flows not classified because the table was full. */
    public long overCap() {
        return overCap;
    }

    @Override
    public void close() {
        for (Flow f : flows.values()) {
            if (f.state != null) {
                module.free(f.state);
                f.state = null;
            }
        }
        flows.clear();
        module.close();
    }
}
