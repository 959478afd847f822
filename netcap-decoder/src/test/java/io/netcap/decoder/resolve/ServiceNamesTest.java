package io.netcap.decoder.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service names equal the entry of the file they come from: {@code getent services} (glibc's reading of
 * /etc/services) for the services(5) fallback, and the IANA CSV's description turned into a name by the
 * original's rule, worked out by hand below.
 */
class ServiceNamesTest {
    @Test
    void systemServicesEqualGetent(@TempDir Path dbs) throws Exception {
        assumeTrue(Files.isRegularFile(ServiceNames.SYSTEM_SERVICES) && Commands.onPath("getent"),
                "skipped: needs /etc/services (Debian netbase) and getent");
        ServiceNames n = ServiceNames.load(dbs, ServiceNames.SYSTEM_SERVICES, Log.NONE);
        assertThat(n).isNotNull();
        int found = 0;
        for (int port : List.of(1, 7, 20, 21, 22, 23, 25, 53, 67, 69, 80, 110, 123, 143, 161, 389, 443, 445, 514,
                993, 995, 1194, 3306, 5353, 5432, 6000, 8080, 9, 2, 3, 65000)) {
            for (String proto : List.of("tcp", "udp")) {
                Commands.Result r = Commands.run(List.of("getent", "services", port + "/" + proto));
                String expected = r.exit() == 0 ? r.output().trim().split("\\s+")[0] : "";
                assertThat(n.name(port, proto.equals("tcp") ? "TCP" : "UDP")).as(port + "/" + proto).isEqualTo(expected);
                found += expected.isEmpty() ? 0 : 1;
            }
        }
        assertThat(found).isGreaterThan(30);
    }

    @Test
    void ianaDescriptionsBecomeTheOriginalsNames(@TempDir Path dbs) throws Exception {
        Files.writeString(dbs.resolve(ServiceNames.IANA_CSV), """
                Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes
                ,0,tcp,Reserved,[Jon_Postel],[Jon_Postel],,,,,,
                tcpmux,1,tcp,TCP Port Service Multiplexer,[Mark_Lottor],[Mark_Lottor],,,,,,
                http,80,tcp,World Wide Web HTTP,,,,,[RFC9110],,,
                www,80,tcp,World Wide Web (HTTP),,,,,,,,
                a,100,udp,"Cisco / Foo, Inc. [x]",,,,,,,,
                b,101,udp,A & B,,,,,,,,
                c,102,tcp,,,,,,,,,
                d,103,sctp,SCTP only,,,,,,,,
                f,104,tcp,"Quoted, with a note",,,,,,,,"a note
                over two lines"
                ,200-202,udp,Range Service,,,,,,,,
                ,300-301,udp,Reserved,,,,,,,,
                e,x,tcp,not a port,,,,,,,,
                """);
        List<String> log = new ArrayList<>();
        ServiceNames n = ServiceNames.load(dbs, Path.of("/nonexistent"), log::add);
        assertThat(n.name(0, "TCP")).isEmpty();
        assertThat(n.name(1, "TCP")).isEqualTo("tcp-port-service-multiplexer");
        assertThat(n.name(1, "UDP")).isEmpty();
        assertThat(n.name(80, "TCP")).as("the later entry").isEqualTo("world-wide-web-http");
        assertThat(n.name(100, "UDP")).isEqualTo("cisco-foo,-inc.-x");
        assertThat(n.name(100, "SCTP")).as("anything but TCP reads the UDP table").isEqualTo("cisco-foo,-inc.-x");
        assertThat(n.name(101, "UDP")).isEqualTo("a-b");
        assertThat(n.name(102, "TCP")).isEqualTo(".");
        assertThat(n.name(103, "TCP")).isEmpty();
        assertThat(n.name(104, "TCP")).isEqualTo("quoted,-with-a-note");
        assertThat(n.name(201, "UDP")).isEqualTo("range-service");
        assertThat(n.name(300, "UDP")).isEmpty();
        assertThat(n.name(70000, "TCP")).isEmpty();
        assertThat(log).containsExactly("service names: 4 TCP and 5 UDP ports from " + dbs.resolve(ServiceNames.IANA_CSV)
                + " (1 malformed or over the cap, skipped)");
    }

    @Test
    void wiresharksMergedProtocolsAndNoFile(@TempDir Path dbs) throws Exception {
        Path services = dbs.resolve("services");
        Files.writeString(services, "# comment\ntcpmux\t\t1/tcp/udp\t# TCP Port Service Multiplexer\nhttp 80/tcp www\nwww 80/tcp\nbad x/tcp\n");
        ServiceNames n = ServiceNames.load(dbs, services, Log.NONE);
        assertThat(n.name(1, "UDP")).isEqualTo("tcpmux");
        assertThat(n.name(80, "TCP")).isEqualTo("http");
        assertThat(n.bad).isEqualTo(1);
        List<String> log = new ArrayList<>();
        assertThat(ServiceNames.load(dbs, dbs.resolve("none"), log::add)).isNull();
        assertThat(log).hasSize(1);
    }
}
