package io.netcap.decoder.service;

import com.google.protobuf.UnsafeByteOperations;
import io.netcap.decoder.WireWriter;
import io.netcap.types.Service;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Service record in protobuf wire format, its only writer: byte for byte the generated serialisation of
 * the message with the same values, fields in field-number order. The banner goes out as the bytes the server
 * sent when they are well-formed UTF-8, which is what decoding them into a string and encoding that again gives;
 * only a banner that is not (binary answers) takes that round trip, whose replacement characters the record has
 * always carried.
 */
final class ServiceWire {
    private ServiceWire() {}

    /**
     * The record's fields into {@code w}, opened for it by the sink ({@link io.netcap.decoder.WireSink#open});
     * {@code banner} is as {@link #banner(byte[])} gives it.
     */
    static void write(WireWriter w, long timestamp, String ip, int port, String name, byte[] banner, String protocol,
                      List<String> flows, Identification id, int bytesServer, int bytesClient, String hostname) {
        w.int64(Service.TIMESTAMP_FIELD_NUMBER, timestamp);
        w.text(Service.IP_FIELD_NUMBER, ip);
        w.int32(Service.PORT_FIELD_NUMBER, port);
        w.text(Service.NAME_FIELD_NUMBER, name);
        w.bytes(Service.BANNER_FIELD_NUMBER, banner, 0, banner.length);
        w.text(Service.PROTOCOL_FIELD_NUMBER, protocol);
        for (String f : flows) {
            if (f.isEmpty()) {
                w.end(w.begin(Service.FLOWS_FIELD_NUMBER)); // a repeated field's empty element is written
            } else {
                w.text(Service.FLOWS_FIELD_NUMBER, f);
            }
        }
        w.text(Service.PRODUCT_FIELD_NUMBER, id.product());
        w.text(Service.VENDOR_FIELD_NUMBER, id.vendor());
        w.text(Service.VERSION_FIELD_NUMBER, id.version());
        // Notes: never set
        w.int32(Service.BYTESSERVER_FIELD_NUMBER, bytesServer);
        w.int32(Service.BYTESCLIENT_FIELD_NUMBER, bytesClient);
        w.text(Service.HOSTNAME_FIELD_NUMBER, hostname);
        w.text(Service.OS_FIELD_NUMBER, id.os());
    }

    /**
     * The Banner field's bytes of the server's {@code banner}: itself when it is well-formed UTF-8, else its
     * round trip through a string. Asked once per distinct answer: thousands of services share a few banners.
     */
    static byte[] banner(byte[] banner) {
        if (UnsafeByteOperations.unsafeWrap(banner).isValidUtf8()) {
            return banner;
        }
        return new String(banner, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    }
}
