package io.netcap.decoder.layer;

import io.netcap.decoder.WireWriter;
import io.netcap.packet.layer.HeaderOptions;
import io.netcap.types.IPv4;
import io.netcap.types.IPv4Option;
import io.netcap.types.TCP;
import io.netcap.types.TCPOption;

/**
 * The padding and then the options of an IPv4 or TCP header in wire format: padding (the bytes after
 * End-of-options) first, because its field number is the lower one in both records; each option as a
 * nested message. One instance per decoder, reused: a capturing lambda would be allocated for every
 * packet (C1 does no escape analysis).
 */
final class OptionsEncoder implements HeaderOptions.Visitor {
    private final int paddingField;
    private final int optionsField;
    private final int typeField;
    private final int lengthField;
    private final int dataField;
    private WireWriter w;
    private byte[] b;

    private OptionsEncoder(int paddingField, int optionsField, int typeField, int lengthField, int dataField) {
        this.paddingField = paddingField;
        this.optionsField = optionsField;
        this.typeField = typeField;
        this.lengthField = lengthField;
        this.dataField = dataField;
    }

    /** IPv4's Padding and Options ({@link IPv4Option}). */
    static OptionsEncoder ipv4() {
        return new OptionsEncoder(IPv4.PADDING_FIELD_NUMBER, IPv4.OPTIONS_FIELD_NUMBER, IPv4Option.OPTIONTYPE_FIELD_NUMBER,
                IPv4Option.OPTIONLENGTH_FIELD_NUMBER, IPv4Option.OPTIONDATA_FIELD_NUMBER);
    }

    /** TCP's Padding and Options ({@link TCPOption}). */
    static OptionsEncoder tcp() {
        return new OptionsEncoder(TCP.PADDING_FIELD_NUMBER, TCP.OPTIONS_FIELD_NUMBER, TCPOption.OPTIONTYPE_FIELD_NUMBER,
                TCPOption.OPTIONLENGTH_FIELD_NUMBER, TCPOption.OPTIONDATA_FIELD_NUMBER);
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
        w.int32(typeField, kind);
        w.int32(lengthField, length);
        w.bytes(dataField, b, dataOffset, dataLength);
        w.end(m);
    }
}
