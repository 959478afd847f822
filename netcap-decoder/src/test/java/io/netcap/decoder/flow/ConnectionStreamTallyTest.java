package io.netcap.decoder.flow;

import static io.netcap.decoder.flow.Frames.ip4;
import static io.netcap.decoder.flow.Frames.mac;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.ReassemblyConfig;
import io.netcap.decoder.stream.StreamSink;
import io.netcap.decoder.stream.TcpConnection;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.TcpReassembler;
import io.netcap.packet.Packet;
import io.netcap.types.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Connection record's payload, delivered and missed bytes, as a worker produces them: each packet is counted
 * by the connection decoder, then its segment goes to the reassembler with the decoder's tally.
 */
class ConnectionStreamTallyTest {
    static final byte[] MAC_A = mac(1);
    static final byte[] MAC_B = mac(2);
    static final byte[] IP_A = ip4(10, 0, 0, 1);
    static final byte[] IP_B = ip4(10, 0, 0, 2);
    static final int SYN = 0x02, ACK = 0x10, FIN = 0x01;
    static final long DAY = 86_400_000_000_000L;

    final List<Connection> out = new ArrayList<>();
    final ConnectionDecoder dec = new ConnectionDecoder(out::add, DAY, DAY, 1000, 0);
    final PacketFacts facts = new PacketFacts();
    final TcpReassembler<String> tcp = new TcpReassembler<>(ReassemblyConfig.defaults(), new StreamSink<>() {
        @Override
        public void data(TcpConnection<String> conn, Direction direction, byte[] b, int off, int len, long tsNanos) {}

        @Override
        public void gap(TcpConnection<String> conn, Direction direction, long skippedBytes) {}

        @Override
        public void end(TcpConnection<String> conn, EndReason reason) {}
    });

    /** A packet of {@code payload} bytes from A (port {@code aPort}) or B (port 80), with sequence number {@code seq}. */
    void feed(boolean fromA, int aPort, long ts, int flags, int seq, int payload) {
        Packet p = fromA ? Frames.tcp(ts, MAC_A, MAC_B, IP_A, IP_B, aPort, 80, flags, 1000, payload)
                : Frames.tcp(ts, MAC_B, MAC_A, IP_B, IP_A, 80, aPort, flags, 1000, payload);
        dec.handle(Facts.fill(facts, p));
        tcp.segment("k" + aPort, fromA, seq, flags, new byte[payload], 0, payload, ts, dec.tally(facts));
    }

    Connection end() {
        tcp.flushAll();
        dec.flush();
        assertThat(out).hasSize(1);
        return out.getFirst();
    }

    @Test
    void retransmissionsCountAsPayloadOnceDeliveredAndGapsAsMissed() {
        feed(true, 40000, 1, SYN, 100, 0);
        feed(false, 40000, 2, SYN | ACK, 500, 0);
        feed(true, 40000, 3, ACK, 101, 10);
        feed(true, 40000, 4, ACK, 101, 10);  // retransmission
        feed(true, 40000, 5, ACK, 121, 5);   // bytes 111..120 never captured
        feed(false, 40000, 6, ACK, 501, 20);
        feed(false, 40000, 7, ACK | FIN, 521, 0);
        Connection c = end();
        assertThat(c.getPayloadClientToServer()).isEqualTo(25);
        assertThat(c.getPayloadServerToClient()).isEqualTo(20);
        assertThat(c.getStreamBytesClientToServer()).isEqualTo(15);
        assertThat(c.getStreamBytesServerToClient()).isEqualTo(20);
        assertThat(c.getStreamMissedClientToServer()).isEqualTo(10); // skipped at the end of the capture
        assertThat(c.getStreamMissedServerToClient()).isZero();
    }

    @Test
    void directionsFollowTheRecordWhenTheCaptureStartsAtTheSynAck() {
        // The record's client is the sender of the first packet (the original's rule); the reassembly's is the
        // SYN+ACK's receiver. The stream fields follow the record.
        feed(false, 40000, 1, SYN | ACK, 500, 0);
        feed(true, 40000, 2, ACK, 101, 10);
        feed(false, 40000, 3, ACK, 501, 20);
        Connection c = end();
        assertThat(c.getSrcIP()).isEqualTo("10.0.0.2");
        assertThat(c.getPayloadClientToServer()).isEqualTo(20);
        assertThat(c.getStreamBytesClientToServer()).isEqualTo(20);
        assertThat(c.getPayloadServerToClient()).isEqualTo(10);
        assertThat(c.getStreamBytesServerToClient()).isEqualTo(10);
    }

    @Test
    void aRecordEmittedBeforeItsStreamEndsCarriesWhatWasDeliveredSoFar() {
        feed(true, 40000, 1, SYN, 100, 0);
        feed(true, 40000, 2, ACK, 101, 10);
        feed(true, 40000, 3, ACK, 121, 5); // held: waits for 111..120
        dec.flush();                        // e.g. a timeout of the Connection records
        feed(true, 40000, 4, ACK, 111, 10); // fills the gap: 15 bytes delivered with this packet
        tcp.flushAll();
        dec.flush();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).getPayloadClientToServer()).isEqualTo(15);
        assertThat(out.get(0).getStreamBytesClientToServer()).isEqualTo(10);
        assertThat(out.get(1).getPayloadClientToServer()).isEqualTo(10);
        assertThat(out.get(1).getStreamBytesClientToServer()).isEqualTo(15);
    }

    @Test
    void withoutReassemblyTheStreamFieldsStayEmpty() {
        Packet p = Frames.tcp(1, MAC_A, MAC_B, IP_A, IP_B, 40000, 80, ACK, 1000, 7);
        dec.handle(Facts.fill(facts, p));
        dec.flush();
        assertThat(out.getFirst().getPayloadClientToServer()).isEqualTo(7);
        assertThat(out.getFirst().getStreamBytesClientToServer()).isZero();
        assertThat(out.getFirst().hasField(Connection.getDescriptor().findFieldByName("StreamBytesClientToServer")))
                .isFalse();
    }

    @Test
    void twoPortsOfOneHostAreToldApartByPort() {
        byte[] lo = ip4(127, 0, 0, 1);
        Packet a = Frames.tcp(1, MAC_A, MAC_A, lo, lo, 40000, 80, SYN, 1000, 0);
        Packet b = Frames.tcp(2, MAC_A, MAC_A, lo, lo, 80, 40000, SYN | ACK, 1000, 0);
        Packet c = Frames.tcp(3, MAC_A, MAC_A, lo, lo, 40000, 80, ACK, 1000, 3);
        Packet d = Frames.tcp(4, MAC_A, MAC_A, lo, lo, 80, 40000, ACK, 1000, 9);
        int[] seq = {100, 500, 101, 501};
        boolean[] forward = {true, false, true, false};
        Packet[] all = {a, b, c, d};
        for (int i = 0; i < all.length; i++) {
            dec.handle(Facts.fill(facts, all[i]));
            tcp.segment("lo", forward[i], seq[i], facts.tcpFlags, new byte[facts.payloadLength], 0, facts.payloadLength,
                    i, dec.tally(facts));
        }
        Connection r = end();
        assertThat(r.getPayloadClientToServer()).isEqualTo(3);
        assertThat(r.getPayloadServerToClient()).isEqualTo(9);
        assertThat(r.getStreamBytesClientToServer()).isEqualTo(3);
        assertThat(r.getStreamBytesServerToClient()).isEqualTo(9);
    }
}
