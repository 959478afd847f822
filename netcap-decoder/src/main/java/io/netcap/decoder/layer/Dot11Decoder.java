package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** IEEE 802.11 MAC header record with the QoS control and HT control sub-messages where the frame carries them. Checksum is the FCS when radiotap announces one, else 0. */
public final class Dot11Decoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.Dot11;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.DOT11;
    }

    private final Dot11View v = new Dot11View();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        byte[] b = v.buffer();
        int off = v.offset();
        var r = io.netcap.types.Dot11.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setType(v.type())
                .setProto(v.proto())
                .setFlags(v.flags())
                .setDurationID(v.durationId())
                .setAddress1(v.address(Dot11View.ADDRESS1));
        if (v.hasAddress2()) {
            r.setAddress2(v.address(Dot11View.ADDRESS2));
        }
        if (v.hasAddress3()) {
            r.setAddress3(v.address(Dot11View.ADDRESS3))
                    .setSequenceNumber(v.sequenceNumber())
                    .setFragmentNumber(v.fragmentNumber());
        }
        if (v.hasAddress4()) {
            r.setAddress4(v.address(Dot11View.ADDRESS4));
        }
        if (v.qos()) {
            int q = b[off + v.qosOffset()] & 0xFF;
            r.setQOS(io.netcap.types.Dot11QOS.newBuilder()
                    .setTID(q & 0x0F)
                    .setEOSP((q & 0x10) != 0)
                    .setAckPolicy((q & 0x60) >>> 5)
                    .setTXOP(b[off + v.qosOffset() + 1] & 0xFF));
        }
        if (v.hasHtControl()) {
            r.setHTControl(htControl(Bytes.u32le(b, off + v.htControlOffset())));
        }
        int fcs = layers.length(i) - layers.headerLength(i) - layers.payloadLength(i);
        if (fcs == 4) {
            r.setChecksum(Bytes.u32le(b, layers.payloadOffset(i) + layers.payloadLength(i)));
        }
        return r.build();
    }

    /** HT control field (IEEE 802.11-2020 9.2.4.6), little-endian; bit 0 selects the VHT variant. */
    static io.netcap.types.Dot11HTControl htControl(int h) {
        var c = io.netcap.types.Dot11HTControl.newBuilder()
                .setACConstraint(bit(h, 30))
                .setRDGMorePPDU(bit(h, 31));
        if (bit(h, 0)) {
            c.setVHT(io.netcap.types.Dot11HTControlVHT.newBuilder()
                    .setMRQ(bit(h, 2))
                    .setMSI(bits(h, 3, 3))
                    .setCompressedMSI(bits(h, 3, 2))
                    .setSTBCIndication(bit(h, 5))
                    .setMFSI(bits(h, 6, 3))
                    .setMFB(io.netcap.types.Dot11HTControlMFB.newBuilder()
                            .setNumSTS(bits(h, 9, 3))
                            .setVHTMCS(bits(h, 12, 4))
                            .setBW(bits(h, 16, 2))
                            .setSNR(bits(h, 18, 6)))
                    .setGID(bits(h, 24, 3) << 3 | bits(h, 6, 3))
                    .setCodingType(bits(h, 27, 1))
                    .setFbTXBeamformed(bit(h, 28))
                    .setUnsolicitedMFB(bit(h, 29)));
        } else {
            int mai = bits(h, 2, 4);
            var lac = io.netcap.types.Dot11LinkAdapationControl.newBuilder()
                    .setTRQ(bit(h, 1))
                    .setMFSI(bits(h, 6, 3));
            if (mai == 14) { // ASELI: antenna selection command and data replace MRQ/MSI/MFB
                lac.setASEL(io.netcap.types.Dot11ASEL.newBuilder().setCommand(bits(h, 9, 3)).setData(bits(h, 12, 4)));
            } else {
                lac.setMRQ((mai & 1) != 0).setMSI(mai >>> 1).setMFB(bits(h, 9, 7));
            }
            c.setHT(io.netcap.types.Dot11HTControlHT.newBuilder()
                    .setLinkAdapationControl(lac)
                    .setCalibrationPosition(bits(h, 16, 2))
                    .setCalibrationSequence(bits(h, 18, 2))
                    .setCSISteering(bits(h, 22, 2))
                    .setNDPAnnouncement(bit(h, 24))
                    .setDEI(bit(h, 29)));
        }
        return c.build();
    }

    private static boolean bit(int v, int n) {
        return (v >>> n & 1) != 0;
    }

    private static int bits(int v, int from, int count) {
        return v >>> from & ((1 << count) - 1);
    }
}
