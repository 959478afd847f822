package io.netcap.decoder.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.types.TLSClientHello;

/** ClientHello and ServerHello on arbitrary bytes: never an exception; fingerprints are well formed. */
class TlsFuzzTest {
    @FuzzTest
    void hellos(byte[] data) {
        TLSClientHello c = ClientHello.decode(data, 0, data.length, 0);
        if (c != null) {
            assertThat(c.getJa3()).hasSize(32);
            assertThat(c.getJa4()).matches("t[0-9sd][0-9]{1}[di][0-9]{4}.._[0-9a-f]{12}_[0-9a-f]{12}");
        }
        ServerHello.decode(data, 0, data.length, 0);
    }
}
