package io.netcap.decoder;

/**
 * Per-run decoding options of the original's {@code capture} command.
 *
 * @param payload   store payload bytes in TCP/UDP/USB records ({@code -payload}, default off)
 * @param entropy   compute PayloadEntropy ({@code -entropy}, default off)
 * @param context   fill SrcIP/DstIP/SrcPort/DstPort from the packet's first network/transport layer
 *                  ({@code -context}, default on)
 * @param datagrams dispatch TCP payloads to application kinds by port ({@code -opts datagrams})
 */
public record DecodeOptions(boolean payload, boolean entropy, boolean context, boolean datagrams) {
    public static DecodeOptions defaults() {
        return new DecodeOptions(false, false, true, false);
    }

    public DecodeOptions withPayload(boolean on) {
        return new DecodeOptions(on, entropy, context, datagrams);
    }

    public DecodeOptions withEntropy(boolean on) {
        return new DecodeOptions(payload, on, context, datagrams);
    }

    public DecodeOptions withContext(boolean on) {
        return new DecodeOptions(payload, entropy, on, datagrams);
    }

    public DecodeOptions withDatagrams(boolean on) {
        return new DecodeOptions(payload, entropy, context, on);
    }
}
