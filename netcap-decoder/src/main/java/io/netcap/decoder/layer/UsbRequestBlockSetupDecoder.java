package io.netcap.decoder.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeContext;
import io.netcap.decoder.LayerDecoder;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.*;
import io.netcap.types.RecordType;

/** USB control setup packet carried in the usbmon header. */
public final class UsbRequestBlockSetupDecoder implements LayerDecoder {
    @Override
    public RecordType type() {
        return RecordType.USBRequestBlockSetup;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.USB_REQUEST_BLOCK_SETUP;
    }

    private final UsbRequestBlockSetupView v = new UsbRequestBlockSetupView();

    @Override
    public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
        v.wrap(layers, i);
        return io.netcap.types.USBRequestBlockSetup.newBuilder()
                .setTimestamp(ctx.timestamp())
                .setRequestType(v.requestType())
                .setRequest(v.request())
                .setValue(v.value())
                .setIndex(v.index())
                .setLength(v.lengthField())
                .build();
    }
}
