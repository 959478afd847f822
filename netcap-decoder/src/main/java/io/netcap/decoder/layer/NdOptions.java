package io.netcap.decoder.layer;

import com.google.protobuf.ByteString;
import io.netcap.packet.layer.Icmpv6View;
import io.netcap.packet.layer.Layers;
import io.netcap.types.ICMPv6Option;
import java.util.function.Consumer;

/** Neighbour discovery options (RFC 4861 4.6): type, length in 8-byte units, data after the two bytes. */
final class NdOptions {
    private NdOptions() {}

    /** Calls {@code sink} for each well-formed option from {@code start} (relative to the layer); stops at a bad length. */
    static void forEach(Layers layers, int i, int start, Consumer<ICMPv6Option> sink) {
        byte[] b = layers.buffer();
        int end = layers.offset(i) + layers.length(i);
        for (int p = layers.offset(i) + start; end - p >= 2; ) {
            int len = (b[p + 1] & 0xFF) * Icmpv6View.OPTION_UNIT;
            if (len == 0 || len > end - p) {
                return; // reported by the parser as BAD_OPTION_LENGTH
            }
            sink.accept(ICMPv6Option.newBuilder().setType(b[p] & 0xFF)
                    .setData(ByteString.copyFrom(b, p + 2, len - 2)).build());
            p += len;
        }
    }
}
