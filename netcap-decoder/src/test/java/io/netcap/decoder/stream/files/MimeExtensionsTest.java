package io.netcap.decoder.stream.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MimeExtensionsTest {
    /** docs/streams.md: the original's table has 73 entries; the examples are those the documentation names. */
    @Test
    void theOriginalsTable() {
        assertThat(MimeExtensions.TABLE).hasSize(73);
        assertThat(MimeExtensions.extension("text/html")).isEqualTo(".html");
        assertThat(MimeExtensions.extension("image/jpeg")).isEqualTo(".jpg");
        assertThat(MimeExtensions.extension("application/x-gzip")).isEqualTo(".gz");
        assertThat(MimeExtensions.extension("application/octet-stream")).isEqualTo(".bin");
        assertThat(MimeExtensions.extension("text/plain; charset=utf-8")).isEqualTo(".txt");
        assertThat(MimeExtensions.extension("application/x-unknown")).isEmpty();
        assertThat(MimeExtensions.extension(null)).isEmpty();
        assertThat(MimeExtensions.TABLE.values()).allSatisfy(e -> assertThat(e).matches("\\.[a-z0-9]+"));
    }
}
