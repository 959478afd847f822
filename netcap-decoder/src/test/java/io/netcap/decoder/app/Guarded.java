package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.Protocols;
import io.netcap.packet.layer.LayerKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an application decoder behind a {@link DecoderGuard} as the engine's dispatch boundary does
 * ({@code AppDecoding}): a RuntimeException becomes an internal failure, rejected records become
 * {@code MALFORMED_*} errors. For fuzz tests, which assert that no input makes a decoder fail and that
 * every input either yields records or is reported.
 */
final class Guarded {
    final DecoderGuard guard = new DecoderGuard();
    /** Error kinds reported for the last input. */
    final List<String> errors = new ArrayList<>();
    private final AppDecoding.Errors sink = (kind, message) -> errors.add(kind);

    /** The records of {@code data} decoded as {@code protocol}, after checking the guard's verdict. */
    List<Message> decode(LayerKind protocol, byte[] data, AppDecoder.Options options) {
        errors.clear();
        List<Message> records;
        guard.begin();
        try {
            records = Protocols.appDecoder(protocol).decode(data, 0, data.length, 0, options);
        } catch (RuntimeException e) {
            guard.failed(protocol.name(), e, sink);
            records = List.of();
        }
        guard.end(protocol.name(), protocol.name(), data.length, !records.isEmpty(), sink);
        assertThat(guard.failures()).as("internal failures of %s: %s", protocol, errors).isZero();
        if (data.length > 0) {
            assertThat(!records.isEmpty() || errors.stream().anyMatch(k -> k.startsWith(DecoderGuard.MALFORMED)))
                    .as("%s input neither decoded nor reported", protocol).isTrue();
        }
        return records;
    }

    List<Message> decode(LayerKind protocol, byte[] data) {
        return decode(protocol, data, AppDecoder.Options.UDP);
    }
}
