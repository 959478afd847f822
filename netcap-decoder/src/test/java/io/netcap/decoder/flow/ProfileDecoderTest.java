package io.netcap.decoder.flow;

import static io.netcap.decoder.flow.Frames.ip4;
import static io.netcap.decoder.flow.Frames.mac;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.WireSink;
import io.netcap.packet.Packet;
import io.netcap.types.DeviceProfile;
import io.netcap.types.IPProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileDecoderTest {
    final byte[] macA = mac(1);
    final byte[] macB = mac(2);
    final byte[] ipA = ip4(10, 0, 0, 1);
    final byte[] ipB = ip4(10, 0, 0, 2);
    final byte[] ipC = ip4(10, 0, 0, 3);

    List<Packet> packets() {
        return List.of(
                Frames.tcp(100, macA, macB, ipA, ipB, 40000, 80, 2, 1, 0),   // 54 bytes
                Frames.tcp(200, macB, macA, ipB, ipA, 80, 40000, 0x12, 1, 0),
                Frames.udp(300, macA, macB, ipA, ipC, 5000, 53, 10),         // 52 bytes
                Frames.tcp(400, macA, macB, ipA, ipB, 40000, 80, 0x10, 1, 6));
    }

    @Test
    void profilesOfOneWorker() {
        List<DeviceProfile> devices = new ArrayList<>();
        List<IPProfile> ips = new ArrayList<>();
        ProfileDecoder d = new ProfileDecoder();
        PacketFacts f = new PacketFacts();
        packets().forEach(p -> d.handle(Facts.fill(f, p)));
        ProfileDecoder.emit(List.of(d), devices::add, ips::add);

        assertThat(devices).extracting(DeviceProfile::getMacAddr).containsExactly("02:00:00:00:00:01", "02:00:00:00:00:02");
        DeviceProfile a = devices.getFirst();
        assertThat(a.getNumPackets()).isEqualTo(3);
        assertThat(a.getBytes()).isEqualTo(54 + 52 + 60);
        assertThat(a.getTimestamp()).isEqualTo(100);
        assertThat(a.getDeviceIPsList()).containsExactly("10.0.0.1");
        assertThat(a.getContactsList()).containsExactly("10.0.0.2", "10.0.0.3");

        assertThat(ips).extracting(IPProfile::getAddr).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
        IPProfile pa = ips.getFirst();
        assertThat(pa.getNumPackets()).isEqualTo(4);
        assertThat(pa.getTimestampFirst()).isEqualTo(100);
        assertThat(pa.getTimestampLast()).isEqualTo(400);
        assertThat(pa.getSrcPortsList()).extracting(p -> p.getPortNumber() + "/" + p.getProtocol() + "/" + p.getStats().getPackets())
                .containsExactly("40000/TCP/2", "5000/UDP/1");
        assertThat(pa.getDstPortsList()).extracting(p -> p.getPortNumber() + "/" + p.getStats().getPackets()).containsExactly("40000/1");
        IPProfile pc = ips.get(2);
        assertThat(pc.getNumPackets()).isEqualTo(1);
        assertThat(pc.getTimestampLast()).isZero(); // seen once
        assertThat(pc.getContactedPortsList()).extracting(p -> p.getPortNumber()).containsExactly(5000);
    }

    @Test
    void aFloodOfSourcesStopsAtTheCapsAndIsCounted() {
        // 1,000 SYNs from distinct addresses and ports to B:80; 10 addresses and 20 port entries kept
        ProfileDecoder d = new ProfileDecoder(10, 20);
        PacketFacts f = new PacketFacts();
        for (int i = 0; i < 1000; i++) {
            byte[] src = ip4(10, 1, i >> 8, i & 0xFF);
            d.handle(Facts.fill(f, Frames.tcp(100 + i, macA, macB, src, ipB, 1024 + i, 80, 2, 1, 0)));
        }
        List<DeviceProfile> devices = new ArrayList<>();
        List<IPProfile> ips = new ArrayList<>();
        ProfileDecoder.emit(List.of(d), devices::add, ips::add);

        assertThat(devices).singleElement().satisfies(dev -> assertThat(dev.getNumPackets()).isEqualTo(1000));
        // B and the first nine sources: the tenth source finds the table full, as every later one
        assertThat(ips).hasSize(10);
        IPProfile b = ips.stream().filter(p -> p.getAddr().equals("10.0.0.2")).findFirst().orElseThrow();
        assertThat(b.getNumPackets()).isEqualTo(9);
        // the first packet makes four port entries (source port, contacted 80, B's 80, B's contacted source
        // port), each later one three: the 20th is the seventh source's port, its other two are refused
        assertThat(ips.stream().mapToInt(p -> p.getSrcPortsCount() + p.getDstPortsCount() + p.getContactedPortsCount()).sum())
                .isEqualTo(20);
        assertThat(b.getContactedPortsList()).extracting(p -> p.getPortNumber()).containsExactly(1024, 1025, 1026, 1027, 1028, 1029);
        assertThat(d.overCap()).isEqualTo(991 + 2 + 3 + 3);
    }

    /** Memory pressure: frozen tables take no new entry (counted) and the entries held go on counting. */
    @Test
    void frozenTablesKeepWhatTheyHoldAndCountTheRest() {
        ProfileDecoder d = new ProfileDecoder();
        PacketFacts f = new PacketFacts();
        byte[] macA = {2, 0, 0, 0, 0, 1};
        byte[] macB = {2, 0, 0, 0, 0, 2};
        byte[] ipB = ip4(10, 0, 0, 2);
        d.handle(Facts.fill(f, Frames.tcp(1, macA, macB, ip4(10, 1, 0, 1), ipB, 1024, 80, 2, 1, 0)));
        d.freeze();
        d.handle(Facts.fill(f, Frames.tcp(2, macA, macB, ip4(10, 1, 0, 1), ipB, 1024, 80, 2, 1, 0))); // held entries
        d.handle(Facts.fill(f, Frames.tcp(3, macA, macB, ip4(10, 1, 0, 9), ipB, 1024, 80, 2, 1, 0))); // a new address
        d.handle(Facts.fill(f, Frames.tcp(4, macB, macA, ipB, ip4(10, 1, 0, 1), 80, 1024, 2, 1, 0))); // a new device
        List<DeviceProfile> devices = new ArrayList<>();
        List<IPProfile> ips = new ArrayList<>();
        ProfileDecoder.emit(List.of(d), devices::add, ips::add);

        assertThat(devices).singleElement().satisfies(dev -> assertThat(dev.getNumPackets()).isEqualTo(3));
        assertThat(ips).extracting(IPProfile::getAddr).containsExactlyInAnyOrder("10.1.0.1", "10.0.0.2");
        assertThat(ips).allSatisfy(p -> assertThat(p.getNumPackets()).isEqualTo(2));
        assertThat(d.overCap()).isEqualTo(2);
    }

    @Test
    void mergedWorkersGiveTheSameRecords() {
        List<DeviceProfile> d1 = new ArrayList<>();
        List<IPProfile> i1 = new ArrayList<>();
        ProfileDecoder one = new ProfileDecoder();
        PacketFacts f = new PacketFacts();
        packets().forEach(p -> one.handle(Facts.fill(f, p)));
        ProfileDecoder.emit(List.of(one), d1::add, i1::add);

        List<DeviceProfile> d2 = new ArrayList<>();
        List<IPProfile> i2 = new ArrayList<>();
        ProfileDecoder w0 = new ProfileDecoder();
        ProfileDecoder w1 = new ProfileDecoder();
        List<Packet> ps = packets();
        for (int i = ps.size() - 1; i >= 0; i--) { // reverse order, alternating workers
            (i % 2 == 0 ? w0 : w1).handle(Facts.fill(f, ps.get(i)));
        }
        ProfileDecoder.emit(List.of(w0, w1), d2::add, i2::add);
        assertThat(d2).isEqualTo(d1);
        assertThat(i2).isEqualTo(i1);
    }

    @Test
    void emitEmptiesTheTablesForReuse() {
        ProfileDecoder d = new ProfileDecoder();
        PacketFacts f = new PacketFacts();
        packets().forEach(p -> d.handle(Facts.fill(f, p)));
        List<IPProfile> first = new ArrayList<>();
        ProfileDecoder.emit(List.of(d), x -> { }, first::add);
        packets().forEach(p -> d.handle(Facts.fill(f, p)));
        List<IPProfile> again = new ArrayList<>();
        ProfileDecoder.emit(List.of(d), x -> { }, again::add);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void enrichmentFillsManufacturerGeolocationAndLocalNames() {
        List<DeviceProfile> devices = new ArrayList<>();
        List<IPProfile> ips = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        ProfileEnrichment e = new ProfileEnrichment() {
            @Override
            public String manufacturer(long mac48) {
                return mac48 == 0x020000000001L ? "Vendor A" : "";
            }

            @Override
            public String geolocation(byte[] address, String text) {
                asked.add(text + "=" + java.util.HexFormat.of().formatHex(address));
                return text.equals("10.0.0.2") ? "GB (London)" : "";
            }

            @Override
            public String localName(String text) {
                return text.equals("10.0.0.3") ? "dns.lan" : "";
            }
        };
        ProfileDecoder d = new ProfileDecoder();
        PacketFacts f = new PacketFacts();
        packets().forEach(p -> d.handle(Facts.fill(f, p)));
        ProfileDecoder.emit(List.of(d), WireSink.<DeviceProfile>messages(devices::add), WireSink.<IPProfile>messages(ips::add), e);

        assertThat(devices).extracting(DeviceProfile::getDeviceManufacturer).containsExactly("Vendor A", "");
        assertThat(ips).extracting(IPProfile::getGeolocation).containsExactly("", "GB (London)", "");
        assertThat(ips).extracting(p -> String.join(",", p.getDNSNamesList())).containsExactly("", "", "dns.lan");
        assertThat(asked).containsExactly("10.0.0.1=0a000001", "10.0.0.2=0a000002", "10.0.0.3=0a000003");
    }

    @Test
    void tlsHellosGiveBothAddressesTheirFingerprintsAndServerNamesInKeyOrder() {
        List<IPProfile> ips = new ArrayList<>();
        ProfileDecoder d = new ProfileDecoder();
        PacketFacts f = new PacketFacts();
        List<Packet> ps = packets();
        String[][] hellos = {{"ja3-b", "z.example"}, {"ja3s-a", null}, null, {"ja3-b", "a.example"}};
        for (int i = 0; i < ps.size(); i++) {
            Facts.fill(f, ps.get(i));
            if (hellos[i] != null) {
                f.tlsFingerprint = hellos[i][0];
                f.tlsServerName = hellos[i][1];
            }
            d.handle(f);
        }
        ProfileEnrichment e = new ProfileEnrichment() {
            @Override
            public String ja3Description(String hash) {
                return hash.equals("ja3-b") ? "Client B" : "";
            }
        };
        ProfileDecoder.emit(List.of(d), null, WireSink.<IPProfile>messages(ips::add), e);
        IPProfile a = ips.getFirst();
        IPProfile b = ips.get(1);
        assertThat(a.getJa3HashesMap()).containsExactly(java.util.Map.entry("ja3-b", "Client B"), java.util.Map.entry("ja3s-a", ""));
        assertThat(b.getJa3HashesMap()).isEqualTo(a.getJa3HashesMap());
        assertThat(a.getSNIsMap()).containsExactly(java.util.Map.entry("a.example", 1L), java.util.Map.entry("z.example", 1L));
        assertThat(ips.get(2).getJa3HashesCount()).isZero();
        assertThat(ips.get(2).getSNIsCount()).isZero();
    }

    @Test
    void pastTheCapFingerprintsAndNamesAreCounted() {
        ProfileDecoder d = new ProfileDecoder();
        PacketFacts f = new PacketFacts();
        Packet p = packets().getFirst();
        for (int i = 0; i <= ProfileDecoder.MAX_TLS_KEYS; i++) {
            Facts.fill(f, p);
            f.tlsFingerprint = "ja3-" + i;
            f.tlsServerName = "host" + i;
            d.handle(f);
        }
        // one fingerprint and one name too many, for each of the two addresses
        assertThat(d.tlsOverCap()).isEqualTo(4);
        List<IPProfile> ips = new ArrayList<>();
        ProfileDecoder.emit(List.of(d), x -> { }, ips::add);
        assertThat(ips.getFirst().getJa3HashesCount()).isEqualTo(ProfileDecoder.MAX_TLS_KEYS);
        assertThat(ips.getFirst().getSNIsCount()).isEqualTo(ProfileDecoder.MAX_TLS_KEYS);
    }
}
