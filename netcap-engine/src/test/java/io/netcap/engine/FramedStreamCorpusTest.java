package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.netcap.testing.Corpus;
import io.netcap.testing.Tshark;
import io.netcap.types.RecordType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DNS, Modbus and ENIP messages over reassembled TCP against TShark, which reassembles them too: the same
 * messages (by identifier and one more field, as a multiset; the DNS captures also hold the query over UDP
 * first), also where a message spans segments (the AXFR answer of 21 records, the TCP answer of 8), which
 * the packet decoders of the original do not see.
 */
class FramedStreamCorpusTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "chrissanders-packets__dns_tcp.pcapng|DNS|dns|dns.id,dns.count.answers|ID,ANCount",
        "chrissanders-packets__dns_axfr.pcapng|DNS|dns|dns.id,dns.count.answers|ID,ANCount",
        "zeek__dns-inverse-query.pcap|DNS|dns|dns.id,dns.flags.opcode,dns.count.answers|ID,OpCode,ANCount",
        "suricata-verify__dns-frames_input.pcap|DNS|dns|dns.id,dns.count.answers|ID,ANCount",
        "gopacket__modbus.pcap|Modbus|mbtcp|mbtcp.trans_id,mbtcp.len|TransactionID,Length",
        "zeek__modbus-eit.pcap|Modbus|mbtcp|mbtcp.trans_id,mbtcp.len|TransactionID,Length",
        "suricata-verify__enip_cip_example.pcap|ENIP|enip|enip.command,enip.length|Command,Length",
        "suricata-verify__enip_test1.pcap|ENIP|enip|enip.command,enip.length|Command,Length",
        "gopacket__ethernetIP.pcap|ENIP|tcp && enip|enip.command,enip.length|Command,Length",
    })
    void messagesEqualTshark(String capture, String type, String filter, String tsharkFields, String ourFields) throws Exception {
        Path pcap = Corpus.pcaps().resolve(capture);
        Tshark.require();
        List<String> args = new ArrayList<>(List.of("-r", pcap.toString(), "-Y", filter, "-T", "fields",
                "-E", "occurrence=a", "-E", "aggregator=/s"));
        for (String f : tsharkFields.split(",")) {
            args.add("-e");
            args.add(f);
        }
        List<String> expected = new ArrayList<>();
        for (String line : Tshark.run(args.toArray(String[]::new)).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            // aggregator "/s": a space between the messages of one frame
            String[][] values = Arrays.stream(cols).map(c -> c.split(" ")).toArray(String[][]::new);
            for (int i = 0; i < values[0].length; i++) {
                StringBuilder key = new StringBuilder();
                for (String[] v : values) {
                    key.append(Long.decode(v[i])).append(' ');
                }
                expected.add(key.toString());
            }
        }
        Path out = tmp.resolve("out");
        Runs.capture(TestConfig.of(pcap, out));
        List<String> actual = new ArrayList<>();
        for (Message m : Runs.records(out).getOrDefault(RecordType.valueOf(type), List.of())) {
            StringBuilder key = new StringBuilder();
            for (String f : ourFields.split(",")) {
                FieldDescriptor fd = m.getDescriptorForType().findFieldByName(f);
                key.append(((Number) m.getField(fd)).longValue()).append(' ');
            }
            actual.add(key.toString());
        }
        assertThat(expected).as("TShark's %s messages over TCP", type).isNotEmpty();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

}
