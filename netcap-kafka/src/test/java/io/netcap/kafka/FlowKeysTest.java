package io.netcap.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.Connection;
import io.netcap.types.DNS;
import io.netcap.types.DeviceProfile;
import io.netcap.types.HTTP;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The message key: the record's endpoints in sorted order, so both directions of a flow share it. */
class FlowKeysTest {
    private static String key(RecordType type, com.google.protobuf.Message m) {
        byte[] b = m.toByteArray();
        return new String(FlowKeys.of(type, b, 0, b.length), StandardCharsets.UTF_8);
    }

    @Test
    void bothDirectionsOfADnsExchangeShareTheKey() {
        DNS query = DNS.newBuilder().setSrcIP("10.0.0.2").setDstIP("10.0.0.1").setSrcPort(51234).setDstPort(53)
                .setID(7).build();
        DNS answer = DNS.newBuilder().setSrcIP("10.0.0.1").setDstIP("10.0.0.2").setSrcPort(53).setDstPort(51234)
                .setID(7).setQR(true).build();
        assertThat(key(RecordType.DNS, query)).isEqualTo("10.0.0.1/53 10.0.0.2/51234");
        assertThat(key(RecordType.DNS, answer)).isEqualTo("10.0.0.1/53 10.0.0.2/51234");
    }

    @Test
    void anHttpRecordIsKeyedByItsAddresses() {
        assertThat(key(RecordType.HTTP, HTTP.newBuilder().setSrcIP("10.0.0.2").setDstIP("10.0.0.1").setMethod("GET").build()))
                .isEqualTo("10.0.0.1 10.0.0.2");
    }

    @Test
    void aTcpRecordIsKeyedByItsPortPair() {
        assertThat(key(RecordType.TCP, TCP.newBuilder().setSrcPort(51234).setDstPort(80).setSeqNum(7).build()))
                .isEqualTo("51234 80");
    }

    @Test
    void connectionPortsAreStrings() {
        Connection c = Connection.newBuilder().setSrcIP("192.168.1.5").setSrcPort("5353").setDstIP("224.0.0.251")
                .setDstPort("5353").build();
        assertThat(key(RecordType.Connection, c)).isEqualTo("192.168.1.5/5353 224.0.0.251/5353");
    }

    @Test
    void withoutEndpointsTheTypeNameIsTheKey() {
        assertThat(key(RecordType.DeviceProfile, DeviceProfile.newBuilder().setMacAddr("00:11:22:33:44:55").build()))
                .isEqualTo("DeviceProfile");
        assertThat(key(RecordType.TCP, TCP.newBuilder().setSeqNum(7).build())).isEqualTo("TCP");
    }

    @Test
    void bytesThatAreNotARecordGetTheTypeName() {
        byte[] junk = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThat(new String(FlowKeys.of(RecordType.TCP, junk, 0, junk.length), StandardCharsets.UTF_8)).isEqualTo("TCP");
    }

    @Test
    void everyRecordTypeMakesAValidTopicName() {
        for (RecordType t : RecordType.values()) {
            assertThat(Topics.invalidPrefix(Topics.topic(Topics.DEFAULT_PREFIX, t))).as(t.name()).isNull();
            assertThat(Topics.type(Topics.DEFAULT_PREFIX, Topics.topic(Topics.DEFAULT_PREFIX, t))).contains(t);
        }
    }
}
