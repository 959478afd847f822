package io.netcap.cli.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
    @Test
    void variableNames() {
        assertThat(Environment.variable("struct-sep")).isEqualTo("NC_STRUCT_SEP");
        assertThat(Environment.variable("--ignore-unknown")).isEqualTo("NC_IGNORE_UNKNOWN");
        assertThat(Environment.variable("-fileStorage")).isEqualTo("NC_FILESTORAGE");
    }

    @Test
    void anEmptyValueSetsOnlyABooleanToTrue() {
        Map<String, String> env = Map.of("NC_QUIET", "", "NC_OUT", "");
        assertThat(Environment.value(env, "quiet", true)).isEqualTo("true");
        assertThat(Environment.value(env, "out", false)).isEmpty();
        assertThat(Environment.value(env, "read", false)).isNull();
    }
}
