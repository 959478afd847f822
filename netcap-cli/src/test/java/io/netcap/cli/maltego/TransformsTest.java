package io.netcap.cli.maltego;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The original's small formats, worked out by hand from its code (docs/maltego.md). */
class TransformsTest {
    /** docs/maltego.md has a row for every transform, by name. */
    @Test
    void everyTransformIsDocumented() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "maltego.md"));
        assertThat(Transforms.all()).allSatisfy(t -> assertThat(doc).as(t.name())
                .containsPattern("(?m)^\\| ([a-zA-Z0-9]+, )*" + t.name() + "(, [a-zA-Z0-9]+)* \\|"));
    }

    @Test
    void linkThicknessIsTheShareOfTheRange() {
        // GetThickness: value against max - min (min taken as 0 when all are equal) at 1, 10, 30 and 60 %
        assertThat(MaltegoResponse.thickness(1, 0, 100)).isEqualTo(1);
        assertThat(MaltegoResponse.thickness(10, 0, 100)).isEqualTo(2);
        assertThat(MaltegoResponse.thickness(30, 0, 100)).isEqualTo(3);
        assertThat(MaltegoResponse.thickness(31, 0, 100)).isEqualTo(4);
        assertThat(MaltegoResponse.thickness(61, 0, 100)).isEqualTo(5);
        assertThat(MaltegoResponse.thickness(7, 7, 7)).isEqualTo(5);
    }

    @Test
    void byteCountsAsGoHumanize() {
        // SI units; below 10 bytes as an integer, below 10 of a unit with one decimal
        assertThat(Transforms.bytes(0)).isEqualTo("0 B");
        assertThat(Transforms.bytes(9)).isEqualTo("9 B");
        assertThat(Transforms.bytes(10)).isEqualTo("10 B");
        assertThat(Transforms.bytes(1500)).isEqualTo("1.5 kB");
        assertThat(Transforms.bytes(9_940)).isEqualTo("9.9 kB");
        assertThat(Transforms.bytes(83_000_000)).isEqualTo("83 MB");
    }

    @Test
    void recordFileEntitiesArePluralAsTheOriginals() {
        assertThat(Transforms.plural("Software")).isEqualTo("Software");
        assertThat(Transforms.plural("Ethernet")).isEqualTo("Ethernet");
        assertThat(Transforms.plural("IPv4")).isEqualTo("IPv4");
        assertThat(Transforms.plural("DeviceProfile")).isEqualTo("DeviceProfiles");
        assertThat(Transforms.plural("Connection")).isEqualTo("Connections");
        assertThat(Transforms.plural("TLSClientHello")).isEqualTo("TLSClientHello");
        assertThat(Transforms.plural("Vulnerability")).isEqualTo("Vulnerabilities");
        assertThat(Transforms.plural("Credentials")).isEqualTo("Credentials");
    }
}
