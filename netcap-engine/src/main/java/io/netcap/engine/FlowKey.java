package io.netcap.engine;

import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.layer.Addresses;

/**
 * The stream layer's key of a conversation: both endpoints in a fixed order (endpoint {@code a} sorts first),
 * so both directions find one key; {@link #forward} tells a packet's orientation. A UDP key of the original's
 * port-pair kind has zero addresses.
 *
 * <p>A class rather than a record so that a worker can look up every TCP segment with one reused probe
 * ({@link #set}) instead of a new key per segment; only the {@link #copy} that opens a connection is stored.
 */
final class FlowKey {
    private long aHi;
    private long aLo;
    private long bHi;
    private long bLo;
    private int aPort;
    private int bPort;
    private boolean v6;

    FlowKey(long aHi, long aLo, long bHi, long bLo, int aPort, int bPort, boolean v6) {
        this.aHi = aHi;
        this.aLo = aLo;
        this.bHi = bHi;
        this.bLo = bLo;
        this.aPort = aPort;
        this.bPort = bPort;
        this.v6 = v6;
    }

    /** Makes this probe the key of {@code f} (as {@link #of}); a probe must never be stored. */
    FlowKey set(PacketFacts f, boolean forward) {
        aHi = forward ? f.srcIpHi : f.dstIpHi;
        aLo = forward ? f.srcIpLo : f.dstIpLo;
        bHi = forward ? f.dstIpHi : f.srcIpHi;
        bLo = forward ? f.dstIpLo : f.srcIpLo;
        aPort = forward ? f.srcPort : f.dstPort;
        bPort = forward ? f.dstPort : f.srcPort;
        v6 = f.ipLength == 16;
        return this;
    }

    FlowKey copy() {
        return new FlowKey(aHi, aLo, bHi, bLo, aPort, bPort, v6);
    }

    int aPort() {
        return aPort;
    }

    int bPort() {
        return bPort;
    }

    boolean v6() {
        return v6;
    }

    @Override
    public int hashCode() {
        long h = aHi * 31 + aLo;
        h = h * 31 + bHi;
        h = h * 31 + bLo;
        h = h * 31 + (((long) aPort << 16) | bPort);
        h ^= h >>> 29;
        return (int) (h ^ (h >>> 32)) + (v6 ? 1 : 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowKey k && aLo == k.aLo && bLo == k.bLo && aPort == k.aPort && bPort == k.bPort
                && aHi == k.aHi && bHi == k.bHi && v6 == k.v6;
    }

    /** True when the packet's source is endpoint {@code a} of {@link #of}'s key. */
    static boolean forward(PacketFacts f) {
        int c = Long.compareUnsigned(f.srcIpHi, f.dstIpHi);
        if (c == 0) {
            c = Long.compareUnsigned(f.srcIpLo, f.dstIpLo);
        }
        return c < 0 || (c == 0 && f.srcPort <= f.dstPort);
    }

    static FlowKey of(PacketFacts f, boolean forward) {
        boolean v6 = f.ipLength == 16;
        return forward
                ? new FlowKey(f.srcIpHi, f.srcIpLo, f.dstIpHi, f.dstIpLo, f.srcPort, f.dstPort, v6)
                : new FlowKey(f.dstIpHi, f.dstIpLo, f.srcIpHi, f.srcIpLo, f.dstPort, f.srcPort, v6);
    }

    /** The port pair only: the original's UDP conversation key; ties broken by address for orientation. */
    static boolean portForward(PacketFacts f) {
        return f.srcPort < f.dstPort || (f.srcPort == f.dstPort && forward(f));
    }

    static FlowKey ports(PacketFacts f, boolean forward) {
        return forward ? new FlowKey(0, 0, 0, 0, f.srcPort, f.dstPort, false)
                : new FlowKey(0, 0, 0, 0, f.dstPort, f.srcPort, false);
    }

    String aText() {
        return text(aHi, aLo);
    }

    String bText() {
        return text(bHi, bLo);
    }

    byte[] aBytes() {
        return bytes(aHi, aLo);
    }

    byte[] bBytes() {
        return bytes(bHi, bLo);
    }

    private String text(long hi, long lo) {
        return v6 ? Addresses.ipv6(bytes(hi, lo), 0) : Addresses.ipv4(lo);
    }

    /** The address as 4 or 16 network-order bytes. */
    private byte[] bytes(long hi, long lo) {
        if (!v6) {
            return new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }
}
