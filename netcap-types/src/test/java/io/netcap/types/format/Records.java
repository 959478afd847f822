package io.netcap.types.format;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Random;

/** Builds records with every field set, deterministically or at random, from their descriptors. */
final class Records {
    static final long TIMESTAMP = 1600000000123456000L;

    private Records() {}

    /** Every field set to a value derived from its number; repeated fields get two elements. */
    static Message filled(Message prototype) {
        return fill(prototype.newBuilderForType(), 0, null).build();
    }

    /** Random values (including defaults, negatives and non-ASCII text), nesting up to depth 3. */
    static Message random(Message prototype, Random rnd) {
        return fill(prototype.newBuilderForType(), 0, rnd).build();
    }

    private static Message.Builder fill(Message.Builder b, int depth, Random rnd) {
        Descriptor d = b.getDescriptorForType();
        for (FieldDescriptor fd : d.getFields()) {
            if (rnd != null && rnd.nextInt(4) == 0) {
                continue;
            }
            if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth >= 3) {
                continue;
            }
            if (fd.isRepeated()) {
                int n = rnd == null ? 2 : rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b.addRepeatedField(fd, value(b, fd, i, depth, rnd));
                }
            } else {
                b.setField(fd, value(b, fd, 0, depth, rnd));
            }
        }
        return b;
    }

    private static Object value(Message.Builder parent, FieldDescriptor fd, int i, int depth, Random rnd) {
        int n = fd.getNumber() * 7 + 1 + i;
        return switch (fd.getJavaType()) {
            case INT -> rnd == null ? (fd.getType() == FieldDescriptor.Type.UINT32 ? -n : n) : rnd.nextInt();
            case LONG -> fd.getName().startsWith("Timestamp") && rnd == null ? TIMESTAMP
                    : rnd == null ? (long) n * 1_000_000_007L : rnd.nextLong();
            case BOOLEAN -> rnd == null || rnd.nextBoolean();
            case DOUBLE -> rnd == null ? 0.017578125 : rnd.nextDouble() * 8;
            case FLOAT -> rnd == null ? 0.5f : rnd.nextFloat();
            case STRING -> rnd == null ? "s" + fd.getName() + i : randomText(rnd);
            case BYTE_STRING -> rnd == null ? ByteString.copyFrom(new byte[] {(byte) 0xab, (byte) n})
                    : ByteString.copyFrom(randomBytes(rnd));
            case ENUM -> fd.getEnumType().getValues().get(rnd == null ? 1 : rnd.nextInt(fd.getEnumType().getValues().size()));
            case MESSAGE -> {
                Message.Builder child = parent.newBuilderForField(fd);
                yield fill(child, depth + 1, rnd).build();
            }
        };
    }

    /** {@code b} damaged once at random (not empty): a byte replaced, the end cut off, or a bit flipped. */
    static byte[] damaged(byte[] b, Random rnd) {
        byte[] d = b.clone();
        switch (rnd.nextInt(3)) {
            case 0 -> d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
            case 1 -> d = java.util.Arrays.copyOf(d, rnd.nextInt(d.length));
            default -> d[rnd.nextInt(d.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
        return d;
    }

    /** Two records of a type in one encoding, as a record given twice: the parser keeps later scalars, merges messages. */
    static byte[] twice(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String randomText(Random rnd) {
        StringBuilder sb = new StringBuilder();
        String alphabet = "ab<&>\"\\\n\t\u00e9\u4e2d\u2028 ,x";
        for (int i = rnd.nextInt(8); i > 0; i--) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static byte[] randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(6)];
        rnd.nextBytes(b);
        return b;
    }
}
