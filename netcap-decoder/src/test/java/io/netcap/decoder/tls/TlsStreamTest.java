package io.netcap.decoder.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamCounters;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamProtocols;
import io.netcap.decoder.stream.StreamSelector;
import io.netcap.decoder.stream.StreamSession;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.types.TLSClientHello;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/**
 * TLS hellos from the stream: a ClientHello cut by segments anywhere gives the same record as in one segment,
 * and as the packet decoder gives for the whole record. The hello is a real client's: the JDK's TLS engine,
 * made larger than one segment with a long ALPN list, as a post-quantum key share makes a browser's.
 */
public class TlsStreamTest {
    private final List<Message> records = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final StreamEnv env = new StreamEnv((t, m) -> records.add(m), FileExtraction.OFF,
            (kind, c, message) -> errors.add(kind));

    /** The first flight of a JDK TLS client: its ClientHello as TLS records. */
    public static byte[] jdkClientHello(int alpnCount) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, null, null);
        SSLEngine engine = ctx.createSSLEngine("www.example.com", 443);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName("www.example.com")));
        String[] alpn = new String[alpnCount];
        for (int i = 0; i < alpnCount; i++) {
            alpn[i] = i == 0 ? "h2" : "protocol-" + i + "-padding-to-grow-the-hello";
        }
        p.setApplicationProtocols(alpn);
        engine.setSSLParameters(p);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 4);
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        return b;
    }

    private List<Message> feed(byte[] hello, int... cuts) {
        records.clear();
        Conversation c = new Conversation(Conversation.Transport.TCP, "10.0.0.1", 40000, "10.0.0.2", 443, 0);
        StreamSession s = new StreamSession(c, new StreamSelector(StreamProtocols.all()), env, new StreamCounters(),
                1 << 20);
        int from = 0;
        for (int cut : cuts) {
            s.data(Direction.CLIENT_TO_SERVER, hello, from, cut - from, 7);
            from = cut;
        }
        s.data(Direction.CLIENT_TO_SERVER, hello, from, hello.length - from, 7);
        s.end(EndReason.FIN);
        return List.copyOf(records);
    }

    @Test
    void aHelloLargerThanOneSegmentGivesTheSameRecordWhereverItIsCut() throws Exception {
        byte[] hello = jdkClientHello(60);
        assertThat(hello.length).as("larger than one Ethernet segment").isGreaterThan(1460);
        List<Message> whole = feed(hello);
        assertThat(whole).hasSize(1);
        TLSClientHello h = (TLSClientHello) whole.get(0);
        assertThat(h.getSNI()).isEqualTo("www.example.com");
        assertThat(h.getALPNsList()).startsWith("h2");
        assertThat(h.getJa3()).hasSize(32);
        assertThat(h.getJa4()).startsWith("t1").contains("h2_");
        assertThat(h).as("the packet decoder on the whole record").isEqualTo(ClientHello.decode(hello, 0, hello.length, 7));
        for (int[] cuts : List.of(new int[] {1460}, new int[] {3}, new int[] {5, 9}, new int[] {700, 1400},
                new int[] {1, 2, 3}, new int[] {hello.length - 1})) {
            assertThat(feed(hello, cuts)).as("cut at %s", Arrays.toString(cuts)).isEqualTo(whole);
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void everyCutOfASmallHelloGivesTheSameRecord() throws Exception {
        byte[] hello = jdkClientHello(1);
        List<Message> whole = feed(hello);
        assertThat(whole).hasSize(1);
        for (int cut = 1; cut < hello.length; cut++) {
            assertThat(feed(hello, cut)).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    @Test
    void aHelloFragmentedOverTwoRecordsGivesTheRecordOfTheWholeHello() throws Exception {
        byte[] hello = jdkClientHello(1);
        int body = hello.length - 5;
        assertThat(((hello[3] & 0xff) << 8) | (hello[4] & 0xff)).as("one record").isEqualTo(body);
        // RFC 8446 5.1: a handshake message may be fragmented across records of the same type
        int k = body / 2;
        byte[] two = new byte[hello.length + 5];
        System.arraycopy(hello, 0, two, 0, 5 + k);
        two[3] = (byte) (k >>> 8);
        two[4] = (byte) k;
        int second = 5 + k;
        System.arraycopy(hello, 0, two, second, 3);
        two[second + 3] = (byte) ((body - k) >>> 8);
        two[second + 4] = (byte) (body - k);
        System.arraycopy(hello, 5 + k, two, second + 5, body - k);
        List<Message> whole = feed(hello);
        assertThat(whole).hasSize(1);
        assertThat(feed(two)).isEqualTo(whole);
        assertThat(feed(two, second + 2)).isEqualTo(whole);
        assertThat(errors).isEmpty();
    }

    @Test
    void aChangeCipherSpecThenASecondClientHelloGivesTwoRecords() throws Exception {
        byte[] hello = jdkClientHello(1);
        byte[] ccs = {20, 3, 3, 0, 1, 1};
        byte[] both = new byte[hello.length + ccs.length + hello.length];
        System.arraycopy(hello, 0, both, 0, hello.length);
        System.arraycopy(ccs, 0, both, hello.length, ccs.length);
        System.arraycopy(hello, 0, both, hello.length + ccs.length, hello.length);
        assertThat(feed(both)).hasSize(2); // all in one segment, as after a HelloRetryRequest
        byte[] finished = {22, 3, 3, 0, 40, 20, 0, 0, 36, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
            18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36};
        byte[] tls12 = new byte[hello.length + ccs.length + finished.length];
        System.arraycopy(hello, 0, tls12, 0, hello.length);
        System.arraycopy(ccs, 0, tls12, hello.length, ccs.length);
        System.arraycopy(finished, 0, tls12, hello.length + ccs.length, finished.length);
        assertThat(feed(tls12)).as("an encrypted handshake after ChangeCipherSpec is not read").hasSize(1);
        assertThat(errors).isEmpty();
    }
}
