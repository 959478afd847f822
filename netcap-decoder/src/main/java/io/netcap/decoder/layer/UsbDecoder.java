package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;
import com.google.protobuf.ByteString;
/** usbmon record. The four URB fields after the setup block exist only in the 64-byte memory-mapped header (link type 220) and stay 0 otherwise. */
public final class UsbDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.USB;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.USB;
    }

    private final UsbView v = new UsbView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        var r = io.netcap.types.USB.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setID(v.id())
                .setEventType(v.eventType())
                .setTransferType(v.transferType())
                .setDirection(v.direction())
                .setEndpointNumber(v.endpointNumber())
                .setDeviceAddress(v.deviceAddress())
                .setBusID(v.busId())
                .setTimestampSec(v.timestampSec())
                .setTimestampUsec(v.timestampUsec())
                .setSetup(v.setup())
                .setData(v.data())
                .setStatus(v.status())
                .setUrbLength(v.urbLength())
                .setUrbDataLength(v.urbDataLength());
        if (layers.headerLength(i) >= UsbView.MMAPPED_HEADER_LENGTH) {
            r.setUrbInterval(v.urbInterval())
                    .setUrbStartFrame(v.urbStartFrame())
                    .setUrbCopyOfTransferFlags(v.urbCopyOfTransferFlags())
                    .setIsoNumDesc(v.isoNumDesc());
        }
        if (ctx.payload()) {
            r.setPayload(ByteString.copyFrom(v.buffer(), layers.payloadOffset(i), layers.payloadLength(i)));
        }
        return r.build();
    }
}
