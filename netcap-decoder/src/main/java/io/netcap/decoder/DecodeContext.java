package io.netcap.decoder;

import com.google.protobuf.ByteString;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.Addresses;
import io.netcap.packet.layer.Bytes;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.Layers;
import java.nio.charset.StandardCharsets;

/**
 * Per-packet state shared by the layer decoders of one worker: the packet context (docs/layers.md:
 * SrcIP/DstIP of the packet's first network layer, SrcPort/DstPort of its first transport
 * layer, so records of tunnelled layers carry the outer addresses), the options, the payload
 * entropies computed once per packet, and the error counter.
 *
 * <p>Address strings are made at most once per packet and only when a record asks for them.
 */
public final class DecodeContext {
    private static final int IPV4_SRC = 12;
    private static final int IPV4_DST = 16;
    private static final int IPV6_SRC = 8;
    private static final int IPV6_DST = 24;
    private static final byte[] NO_TEXT = new byte[0];

    private final DecodeOptions options;
    private final ErrorCounts errors;
    private final double[] entropy = new double[Layers.MAX_LAYERS];
    private Layers layers;
    private Packet packet;
    private final AddressTextCache addresses = new AddressTextCache();
    private byte[] srcIpText;
    private byte[] dstIpText;
    private ByteString srcIpBytes;
    private ByteString dstIpBytes;
    private String srcIp;
    private String dstIp;
    private int srcPort;
    private int dstPort;

    public DecodeContext(DecodeOptions options, ErrorCounts errors) {
        this.options = options;
        this.errors = errors;
    }

    /** Starts a new packet. */
    public void reset(Layers layers, Packet packet) {
        this.layers = layers;
        this.packet = packet;
        srcIp = null;
        dstIp = null;
        srcIpText = null;
        dstIpText = null;
        srcIpBytes = null;
        dstIpBytes = null;
        srcPort = 0;
        dstPort = 0;
        if (options.context()) {
            int t = layers.firstTransport();
            if (t >= 0) {
                // TCP, UDP and SCTP all start with the two 16-bit ports.
                srcPort = Bytes.u16(layers.buffer(), layers.offset(t));
                dstPort = Bytes.u16(layers.buffer(), layers.offset(t) + 2);
            }
        }
    }

    public DecodeOptions options() {
        return options;
    }

    public ErrorCounts errors() {
        return errors;
    }

    public long timestamp() {
        return packet.timestampNanos();
    }

    public boolean payload() {
        return options.payload();
    }

    /** Context source address: empty with {@code -context=false} or without a network layer. */
    public String srcIp() {
        if (srcIp == null) {
            srcIp = new String(srcIpText(), StandardCharsets.US_ASCII);
        }
        return srcIp;
    }

    public String dstIp() {
        if (dstIp == null) {
            dstIp = new String(dstIpText(), StandardCharsets.US_ASCII);
        }
        return dstIp;
    }

    /**
     * {@link #srcIp()} as the bytes of a string field, for {@link WireWriter#string(int, byte[])} (cached per
     * address, so hot records skip formatting and encoding); not to be written to.
     */
    public byte[] srcIpText() {
        if (srcIpText == null) {
            resolveAddresses();
        }
        return srcIpText;
    }

    public byte[] dstIpText() {
        if (dstIpText == null) {
            resolveAddresses();
        }
        return dstIpText;
    }

    /** {@link #srcIpText()} as a {@link ByteString} (the cache's, no copy), for records built as messages. */
    public ByteString srcIpBytes() {
        if (srcIpBytes == null) {
            int n = contextNetwork();
            srcIpBytes = n < 0 ? ByteString.EMPTY : formatBytes(layers, n, IPV4_SRC, IPV6_SRC);
        }
        return srcIpBytes;
    }

    public ByteString dstIpBytes() {
        if (dstIpBytes == null) {
            int n = contextNetwork();
            dstIpBytes = n < 0 ? ByteString.EMPTY : formatBytes(layers, n, IPV4_DST, IPV6_DST);
        }
        return dstIpBytes;
    }

    /** The layer the packet context's addresses come from, or -1 (none, or {@code -context=false}). */
    private int contextNetwork() {
        return options.context() ? layers.firstNetwork() : -1;
    }

    /** The per-worker address text cache. */
    public AddressTextCache addresses() {
        return addresses;
    }

    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    private void resolveAddresses() {
        int n = contextNetwork();
        if (n < 0) {
            srcIpText = NO_TEXT;
            dstIpText = NO_TEXT;
            return;
        }
        srcIpText = formatText(layers, n, IPV4_SRC, IPV6_SRC);
        dstIpText = formatText(layers, n, IPV4_DST, IPV6_DST);
    }

    /** {@link #networkSrcIp} as the bytes of a string field, not to be written to. */
    public byte[] networkSrcIpText(Layers l, int i) {
        if (options.context() && i == l.firstNetwork()) {
            return srcIpText();
        }
        return formatText(l, i, IPV4_SRC, IPV6_SRC);
    }

    public byte[] networkDstIpText(Layers l, int i) {
        if (options.context() && i == l.firstNetwork()) {
            return dstIpText();
        }
        return formatText(l, i, IPV4_DST, IPV6_DST);
    }

    private byte[] formatText(Layers l, int i, int v4, int v6) {
        return l.kind(i) == LayerKind.IPV4 ? addresses.ipv4Text(l.buffer(), l.offset(i) + v4)
                : addresses.ipv6Text(l.buffer(), l.offset(i) + v6);
    }

    /** {@link #networkSrcIp} as string-field bytes. */
    public ByteString networkSrcIpBytes(Layers l, int i) {
        if (options.context() && i == l.firstNetwork()) {
            return srcIpBytes();
        }
        return formatBytes(l, i, IPV4_SRC, IPV6_SRC);
    }

    public ByteString networkDstIpBytes(Layers l, int i) {
        if (options.context() && i == l.firstNetwork()) {
            return dstIpBytes();
        }
        return formatBytes(l, i, IPV4_DST, IPV6_DST);
    }

    private ByteString formatBytes(Layers l, int i, int v4, int v6) {
        return l.kind(i) == LayerKind.IPV4 ? addresses.ipv4(l.buffer(), l.offset(i) + v4)
                : addresses.ipv6(l.buffer(), l.offset(i) + v6);
    }

    /**
     * Source address text of network layer {@code i}: the cached context string when {@code i} is the
     * packet's first network layer, so the address is formatted once per packet.
     */
    public String networkSrcIp(Layers l, int i) {
        if (options.context() && i == l.firstNetwork()) {
            return srcIp();
        }
        return format(l, i, IPV4_SRC, IPV6_SRC);
    }

    public String networkDstIp(Layers l, int i) {
        if (options.context() && i == l.firstNetwork()) {
            return dstIp();
        }
        return format(l, i, IPV4_DST, IPV6_DST);
    }

    private static String format(Layers l, int i, int v4, int v6) {
        return l.kind(i) == LayerKind.IPV4 ? Addresses.ipv4(l.buffer(), l.offset(i) + v4)
                : Addresses.ipv6(l.buffer(), l.offset(i) + v6);
    }

    /** Payload entropy of layer {@code i}; 0 unless the entropy option is on. */
    public double entropy(int i) {
        return options.entropy() ? entropy[i] : 0;
    }

    /** The array the pipeline fills with this packet's entropies. */
    double[] entropies() {
        return entropy;
    }
}
