package io.netcap.decoder.dpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes as the IP packets of a few flows handed to nDPI: no exception, no crash of the process (nDPI is
 * native code; hostile packets reach it unchanged). Seeds: {@code DpiFuzzTestInputs/classifyAnything/}.
 * Skips without Debian libndpi4.2.
 */
class DpiFuzzTest {
    private static final Dpi DPI = open();

    private static Dpi open() {
        try {
            return Dpi.open();
        } catch (Ndpi.UnavailableException e) {
            return null;
        }
    }

    @FuzzTest(maxDuration = "30s")
    void classifyAnything(byte[] data) {
        if (DPI == null || data.length < 2) {
            return;
        }
        try (DpiFlows flows = DPI.flows()) {
            // the first byte picks how the rest is cut into packets of up to four flows
            int cut = 1 + (data[0] & 0x3F);
            for (int off = 1, i = 0; off < data.length; off += cut, i++) {
                int len = Math.min(cut * 4, data.length - off);
                long p = flows.classify(i & 3, data, off, len, i * 1_000_000L);
                assertThat(DPI.protocolName(p)).isNotNull();
            }
        }
    }
}
