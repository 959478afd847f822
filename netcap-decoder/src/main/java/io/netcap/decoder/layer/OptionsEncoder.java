package io.netcap.decoder.layer;

import io.netcap.decoder.WireWriter;
import io.netcap.packet.layer.HeaderOptions;
import io.netcap.types.IPv4;
import io.netcap.types.IPv4Option;
import io.netcap.types.TCP;
import io.netcap.types.TCPOption;
import java.util.Arrays;

/**
 * The padding and then the options of an IPv4 or TCP header in wire format: padding (the bytes after
 * End-of-options) first, because its field number is the lower one in both records; each option as a
 * nested message. One walk over the options notes them, and they are written once the padding is known.
 * One instance per decoder, reused: a capturing lambda would be allocated for every packet (C1 does no
 * escape analysis).
 */
final class OptionsEncoder implements HeaderOptions.Visitor {
    private final int paddingField;
    private final int optionsField;
    /** Per option noted by the walk: kind, length and data offset (data length is length - 2, 0 for one-byte options). */
    private int[] kinds = new int[40];
    private int[] lengths = new int[40];
    private int[] dataOffsets = new int[40];
    private int count;

    private OptionsEncoder(int paddingField, int optionsField, int typeField, int lengthField, int dataField) {
        if (typeField != 1 || lengthField != 2 || dataField != 3) {
            // WireWriter.typeLengthData writes these field numbers
            throw new IllegalStateException("option fields renumbered: " + typeField + ", " + lengthField + ", " + dataField);
        }
        this.paddingField = paddingField;
        this.optionsField = optionsField;
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
        count = 0;
        int padding = HeaderOptions.walk(b, start, end, this);
        if (padding >= 0) {
            w.bytes(paddingField, b, padding, end - padding);
        }
        for (int k = 0; k < count; k++) {
            int length = lengths[k];
            w.typeLengthData(optionsField, kinds[k], length, b, dataOffsets[k], length > 1 ? length - 2 : 0);
        }
    }

    @Override
    public void option(int kind, int length, int dataOffset, int dataLength) {
        int k = count;
        if (k == kinds.length) { // a header has at most 40 bytes of options; a caller's longer range still works
            kinds = Arrays.copyOf(kinds, 2 * k);
            lengths = Arrays.copyOf(lengths, 2 * k);
            dataOffsets = Arrays.copyOf(dataOffsets, 2 * k);
        }
        kinds[k] = kind;
        lengths[k] = length;
        dataOffsets[k] = dataOffset;
        count = k + 1;
    }
}
