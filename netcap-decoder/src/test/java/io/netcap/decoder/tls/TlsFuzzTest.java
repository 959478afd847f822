package io.netcap.decoder.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.decoder.app.DecoderGuard;
import io.netcap.types.TLSClientHello;
import io.netcap.types.TLSServerHello;

/**
 * ClientHello and ServerHello on arbitrary bytes behind the dispatch boundary's guard: no internal
 * failure, at most one of them accepts a record, fingerprints are well formed.
 */
class TlsFuzzTest {
    private final DecoderGuard guard = new DecoderGuard();

    @FuzzTest
    void hellos(byte[] data) {
        TLSClientHello c = null;
        TLSServerHello s = null;
        try {
            c = ClientHello.decode(data, 0, data.length, 0);
            s = ServerHello.decode(data, 0, data.length, 0);
        } catch (RuntimeException e) {
            guard.failed("TLS_HELLO", e, (kind, message) -> { });
        }
        assertThat(guard.failures()).as("internal failures").isZero();
        assertThat(c == null || s == null).as("a hello is either a ClientHello or a ServerHello").isTrue();
        if (c != null) {
            assertThat(c.getJa3()).hasSize(32);
            assertThat(c.getJa4()).matches("t[0-9sd][0-9]{1}[di][0-9]{4}.._[0-9a-f]{12}_[0-9a-f]{12}");
        }
        if (s != null) {
            assertThat(s.getJa3S()).matches("[0-9a-f]{32}");
        }
    }
}
