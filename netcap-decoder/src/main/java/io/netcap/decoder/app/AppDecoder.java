package io.netcap.decoder.app;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * An application decoder as the protocol registry ({@code io.netcap.decoder.Protocols}) holds it: the records
 * of one message in {@code buf[off .. off+len)}, in layer order (e.g. EAPOL then EAPOL-Key, ENIP then CIP,
 * LLDP raw then info), none for malformed input. Context fields (SrcIP, DstIP, SrcPort, DstPort, MACs) are
 * left for the caller.
 */
@FunctionalInterface
public interface AppDecoder {

    /** Decoder options that change what a record holds. */
    record Options(boolean payload, boolean tcp) {
        public static final Options UDP = new Options(false, false);
        public static final Options TCP = new Options(false, true);
    }

    void decode(byte[] buf, int off, int len, long ts, Options options, List<Message> out);

    /** The records of one message, as a new list. */
    default List<Message> decode(byte[] buf, int off, int len, long ts, Options options) {
        List<Message> out = new ArrayList<>(2);
        decode(buf, off, len, ts, options, out);
        return out;
    }

    /** Adds a record that may be null (the decoders' "no record"). */
    static void add(List<Message> out, Message m) {
        if (m != null) {
            out.add(m);
        }
    }
}
