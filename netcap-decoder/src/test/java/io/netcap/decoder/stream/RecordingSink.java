package io.netcap.decoder.stream;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Keeps what a reassembler delivers, per direction, for assertions. */
final class RecordingSink implements StreamSink<String> {
    final Map<Direction, ByteArrayOutputStream> bytes = new EnumMap<>(Direction.class);
    final Map<Direction, Long> gaps = new EnumMap<>(Direction.class);
    final List<String> ends = new ArrayList<>();

    @Override
    public void data(TcpConnection<String> conn, Direction direction, byte[] b, int off, int len, long tsNanos) {
        bytes.computeIfAbsent(direction, d -> new ByteArrayOutputStream()).write(b, off, len);
    }

    @Override
    public void gap(TcpConnection<String> conn, Direction direction, long skippedBytes) {
        gaps.merge(direction, skippedBytes, Long::sum);
    }

    @Override
    public void end(TcpConnection<String> conn, EndReason reason) {
        ends.add(conn.key() + ":" + reason);
    }

    String text(Direction d) {
        ByteArrayOutputStream out = bytes.get(d);
        return out == null ? "" : out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    byte[] raw(Direction d) {
        ByteArrayOutputStream out = bytes.get(d);
        return out == null ? new byte[0] : out.toByteArray();
    }

    long gap(Direction d) {
        return gaps.getOrDefault(d, 0L);
    }
}
