package io.netcap.cli.flags;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.ReassemblyConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code -checksum}, {@code -nooptcheck}, {@code -ignorefsmerr} and {@code -remove-closed-streams} reach the TCP
 * reassembly's configuration, with the original's defaults: nothing checked, closed connections kept.
 */
class SegmentCheckFlagsTest {
    private static ReassemblyConfig tcp(String... args) throws Exception {
        FlagSet f = CaptureFlags.define();
        f.parse(List.of(args), Map.of());
        assertThat(CaptureFlags.invalid(f)).isNull();
        return CaptureFlags.streams(f).tcp();
    }

    @Test
    void defaultsCheckNothingAndKeepClosedConnections() throws Exception {
        ReassemblyConfig t = tcp();
        assertThat(t.checksum()).isFalse();
        assertThat(t.optionCheck()).isFalse();
        assertThat(t.stateCheck()).isFalse();
        assertThat(t.removeClosed()).isFalse();
        assertThat(t).isEqualTo(ReassemblyConfig.defaults());
    }

    @Test
    void eachFlagTurnsOnItsCheck() throws Exception {
        assertThat(tcp("-checksum").checksum()).isTrue();
        assertThat(tcp("-nooptcheck=false").optionCheck()).isTrue();
        assertThat(tcp("-ignorefsmerr=false").stateCheck()).isTrue();
        assertThat(tcp("-remove-closed-streams").removeClosed()).isTrue();
        assertThat(tcp("-ignorefsmerr=false").optionCheck()).isFalse();
    }

    @Test
    void theFlagsAreShownInTheHelp() {
        String help = CaptureFlags.define().usage();
        assertThat(help).contains("-checksum").contains("-nooptcheck").contains("-ignorefsmerr")
                .contains("-remove-closed-streams");
    }
}
