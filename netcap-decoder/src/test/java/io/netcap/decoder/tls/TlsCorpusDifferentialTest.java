package io.netcap.decoder.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.app.PipelineRecords;
import io.netcap.decoder.app.Truth;
import io.netcap.testing.Corpus;
import io.netcap.types.RecordType;
import io.netcap.types.TLSClientHello;
import io.netcap.types.TLSServerHello;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SNI, JA3 and JA3S of every hello in the corpus equal TShark's ({@code F.ja3.tsv}); the hellos come
 * from the real parser and application decoding ({@link PipelineRecords}).
 */
class TlsCorpusDifferentialTest {

    @Test
    void everyHelloMatchesTshark() throws IOException {
        Path truth = Corpus.truth();
        int clients = 0, servers = 0;
        for (Path p : Corpus.captures()) {
            String name = p.getFileName().toString();
            List<Map<String, String>> rows = Truth.ja3(truth, name);
            if (rows.isEmpty()) continue;
            Map<Integer, TLSClientHello> ch = new HashMap<>();
            Map<Integer, TLSServerHello> sh = new HashMap<>();
            for (PipelineRecords.Framed f : PipelineRecords.of(p,
                    EnumSet.of(RecordType.TLSClientHello, RecordType.TLSServerHello))) {
                switch (f.record()) {
                    case TLSClientHello c -> assertThat(ch.put(f.frame(), c)).as(name + " one hello per frame").isNull();
                    case TLSServerHello s -> assertThat(sh.put(f.frame(), s)).as(name + " one hello per frame").isNull();
                    default -> { }
                }
            }
            for (Map<String, String> r : rows) {
                int frame = Integer.parseInt(r.get("frame.number"));
                String where = name + " frame " + frame;
                if (r.get("tls.handshake.type").equals("1")) {
                    TLSClientHello c = ch.get(frame);
                    assertThat(c).as(where).isNotNull();
                    assertThat(c.getSNI()).as(where).isEqualTo(r.get("tls.handshake.extensions_server_name"));
                    assertThat(ClientHello.ja3String(c)).as(where).isEqualTo(r.get("tls.handshake.ja3_full"));
                    assertThat(c.getJa3()).as(where).isEqualTo(r.get("tls.handshake.ja3"));
                    clients++;
                } else {
                    TLSServerHello s = sh.get(frame);
                    assertThat(s).as(where).isNotNull();
                    assertThat(ServerHello.ja3sString(s)).as(where).isEqualTo(r.get("tls.handshake.ja3s_full"));
                    assertThat(s.getJa3S()).as(where).isEqualTo(r.get("tls.handshake.ja3s"));
                    servers++;
                }
            }
            assertThat(ch.size()).as(name + " client hellos").isEqualTo(
                    rows.stream().filter(r -> r.get("tls.handshake.type").equals("1")).count());
            assertThat(sh.size()).as(name + " server hellos").isEqualTo(
                    rows.stream().filter(r -> r.get("tls.handshake.type").equals("2")).count());
        }
        assertThat(clients).isEqualTo(10);
        assertThat(servers).isEqualTo(10);
    }
}
