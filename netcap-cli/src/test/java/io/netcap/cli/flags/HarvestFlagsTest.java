package io.netcap.cli.flags;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.credentials.HarvestConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code -hbsize}, {@code -reCustom} and {@code -stop-after-harvester-match} reach the stream configuration. */
class HarvestFlagsTest {
    private static FlagSet parse(String... args) throws Exception {
        FlagSet f = CaptureFlags.define();
        f.parse(List.of(args), Map.of());
        return f;
    }

    @Test
    void defaultsAreTheOriginals() throws Exception {
        assertThat(CaptureFlags.streams(parse()).harvest()).isEqualTo(new HarvestConfig(256, "", true));
    }

    @Test
    void flagsAreResolved() throws Exception {
        FlagSet f = parse("-hbsize", "512", "-reCustom", "token=(\\w+)", "-stop-after-harvester-match=false");
        assertThat(CaptureFlags.invalid(f)).isNull();
        assertThat(CaptureFlags.streams(f).harvest()).isEqualTo(new HarvestConfig(512, "token=(\\w+)", false));
    }

    @Test
    void aBadRegexOrANegativeSizeIsRefused() throws Exception {
        assertThat(CaptureFlags.invalid(parse("-reCustom", "user=(\\w+"))).startsWith("-reCustom: not a regular expression");
        assertThat(CaptureFlags.invalid(parse("-hbsize", "-1"))).startsWith("-hbsize -1");
    }
}
