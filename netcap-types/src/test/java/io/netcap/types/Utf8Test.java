package io.netcap.types;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void invalidUtf8InStringFieldIsReadLikeTheGoWriterWroteIt() throws Exception {
        // DHCPOption.Data (string, field 3) carrying the bytes ff fe 41, which is not UTF-8
        var bytes = new ByteArrayOutputStream();
        var out = CodedOutputStream.newInstance(bytes);
        out.writeBytes(3, ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xfe, 0x41}));
        out.flush();
        DHCPOption opt = DHCPOption.parseFrom(bytes.toByteArray());
        assertThat(opt.getDataBytes().toByteArray()).containsExactly(0xff, 0xfe, 0x41);
        assertThat(opt.toByteArray()).containsExactly(bytes.toByteArray());
    }
}
