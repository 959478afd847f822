package io.netcap.types.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.netcap.types.HTTP;
import io.netcap.types.Header;
import io.netcap.types.TCP;
import io.netcap.types.TCPOption;
import io.netcap.types.Type;
import org.junit.jupiter.api.Test;

class TextFormatTest {
    @Test
    void structuredTextOfTheWorkedExampleRecord() {
        TCP tcp = TCP.newBuilder().setTimestamp(1600000000123456000L).setSrcPort(443).setDstPort(51000).setSeqNum(1)
                .setDataOffset(5).setACK(true).setWindow(502).setSrcIP("10.0.0.1").setDstIP("10.0.0.2")
                .addOptions(TCPOption.newBuilder().setOptionType(2).setOptionLength(4)
                        .setOptionData(ByteString.copyFrom(new byte[] {0x05, (byte) 0xb4})))
                .setPayloadEntropy(0.5).build();
        assertThat(TextFormat.plain().format(tcp)).isEqualTo("""
                Timestamp: 1600000000123456000
                SrcPort: 443
                DstPort: 51000
                SeqNum: 1
                DataOffset: 5
                ACK: true
                Window: 502
                Options: <
                  OptionType: 2
                  OptionLength: 4
                  OptionData: "\\005\\264"
                >
                PayloadEntropy: 0.5
                SrcIP: "10.0.0.1"
                DstIP: "10.0.0.2"
                """);
    }

    @Test
    void enumsByNameStringsEscapedMapsSorted() {
        Header h = Header.newBuilder().setType(Type.NC_TCP).setInputSource("a\"b\n\u00e9").build();
        assertThat(TextFormat.plain().format(h)).isEqualTo("InputSource: \"a\\\"b\\n\\303\\251\"\nType: NC_TCP\n");
        HTTP http = HTTP.newBuilder().putRequestHeader("b", "2").putRequestHeader("a", "").build();
        assertThat(TextFormat.compact(http))
                .isEqualTo("RequestHeader:<key:\"a\" value:\"\" > RequestHeader:<key:\"b\" value:\"2\" > ");
    }

    @Test
    void coloredViewShowsTimestampAsUtc() {
        TCP tcp = TCP.newBuilder().setTimestamp(1600000000123456000L).setSrcPort(1).build();
        String text = TextFormat.colored(true).format(tcp);
        assertThat(text).contains("2020-09-13 12:26:40.123456 +0000 UTC").contains("SrcPort");
    }
}
