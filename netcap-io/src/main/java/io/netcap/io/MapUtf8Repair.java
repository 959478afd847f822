package io.netcap.io;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Fallback for records whose map fields hold strings that are not UTF-8.
 *
 * <p>The schema turns UTF-8 validation off, but protobuf-java still validates the string keys and
 * values of map entries (HTTP headers, IPProfile SNIs, mail headers), and the original copies raw
 * protocol bytes into them. This rewrites the record so that every string inside a map entry is
 * replaced by its decoding with U+FFFD for malformed sequences; all other bytes are copied as they are.
 * Only used after a parse failed, so it costs nothing on valid records.
 */
final class MapUtf8Repair {
    /** protobuf-java's own default recursion limit. */
    private static final int MAX_DEPTH = 100;

    private MapUtf8Repair() {}

    static byte[] repair(Descriptor type, byte[] buf, int off, int len) throws InvalidProtocolBufferException {
        try {
            return rewrite(type, CodedInputStream.newInstance(buf, off, len), 0);
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
    }

    private static byte[] rewrite(Descriptor type, CodedInputStream in, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new InvalidProtocolBufferException("message nested too deeply");
        }
        var bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        boolean mapEntry = type.getOptions().getMapEntry();
        for (int tag; (tag = in.readTag()) != 0; ) {
            FieldDescriptor field = type.findFieldByNumber(WireFormat.getTagFieldNumber(tag));
            if (field == null || WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                if (!in.skipField(tag, out)) {
                    break;
                }
                continue;
            }
            ByteString value = in.readBytes();
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                value = ByteString.copyFrom(rewrite(field.getMessageType(), value.newCodedInput(), depth + 1));
            } else if (mapEntry && field.getType() == FieldDescriptor.Type.STRING && !value.isValidUtf8()) {
                value = ByteString.copyFrom(value.toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            }
            out.writeBytes(field.getNumber(), value);
        }
        out.flush();
        return bytes.toByteArray();
    }
}
