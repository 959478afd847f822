package io.netcap.decoder.layer;

import io.netcap.decoder.WireWriter;
import io.netcap.packet.layer.HeaderOptions;

/**
 * The padding and then the options of an IPv4 or TCP header in wire format, as the decoders' {@code decode}
 * collects them: padding (the bytes after End-of-options) first, because its field number is the lower
 * one in both records; each option as a nested message (type 1, length 2, data 3). One instance per
 * decoder, reused: a capturing lambda would be allocated for every packet (C1 does no escape analysis).
 */
final class OptionsEncoder implements HeaderOptions.Visitor {
    private static final int F_OPTION_TYPE = 1, F_OPTION_LENGTH = 2, F_OPTION_DATA = 3;

    private final int paddingField;
    private final int optionsField;
    private WireWriter w;
    private byte[] b;

    OptionsEncoder(int paddingField, int optionsField) {
        this.paddingField = paddingField;
        this.optionsField = optionsField;
    }

    /** Writes the options of {@code b[start .. end)}; nothing when the header has none (most packets). */
    void write(WireWriter w, byte[] b, int start, int end) {
        if (start >= end) {
            return;
        }
        int padding = HeaderOptions.walk(b, start, end, HeaderOptions.IGNORE);
        if (padding >= 0) {
            w.bytes(paddingField, b, padding, end - padding);
        }
        this.w = w;
        this.b = b;
        try {
            HeaderOptions.walk(b, start, end, this);
        } finally {
            this.w = null;
            this.b = null;
        }
    }

    @Override
    public void option(int kind, int length, int dataOffset, int dataLength) {
        int m = w.begin(optionsField);
        w.int32(F_OPTION_TYPE, kind);
        w.int32(F_OPTION_LENGTH, length);
        w.bytes(F_OPTION_DATA, b, dataOffset, dataLength);
        w.end(m);
    }
}
