package io.netcap.types.format;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.GeneratedMessage;
import com.google.protobuf.Message;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;

/**
 * Field reads for the record formats. {@link Message#getField} goes through reflection on every call, which
 * dominated the cost of a CSV row; for generated classes the formats call the generated getter through
 * a lambda instead, with the same result (boxed value, {@code List} for repeated fields). Enums, maps
 * and dynamic messages keep {@code getField}.
 */
final class Accessors {
    private static final ClassValue<Function<Message, Object>[]> GETTERS = new ClassValue<>() {
        @Override
        protected Function<Message, Object>[] computeValue(Class<?> type) {
            return build(type);
        }
    };

    private Accessors() {}

    /** Number of fields of a generated class read through its getter (for tests). */
    static int fastFields(Class<?> type) {
        int n = 0;
        for (Function<Message, Object> f : GETTERS.get(type)) {
            n += f == null ? 0 : 1;
        }
        return n;
    }

    /** Value of {@code fd} in {@code m}, as {@code m.getField(fd)} returns it. */
    static Object get(Message m, FieldDescriptor fd) {
        Function<Message, Object> g = getter(m, fd);
        return g != null ? g.apply(m) : m.getField(fd);
    }

    /**
     * The generated getter of {@code fd} for {@code m}'s class, or null where {@code getField} must serve (enums,
     * maps, and a dynamic message, whose class serves every type: {@code getField} checks the descriptor).
     */
    private static Function<Message, Object> getter(Message m, FieldDescriptor fd) {
        Function<Message, Object>[] getters = GETTERS.get(m.getClass());
        return getters.length > fd.getIndex() && m.getDescriptorForType() == fd.getContainingType()
                ? getters[fd.getIndex()] : null;
    }

    /**
     * {@link #get} for one field, with the getter looked up once per message class rather than on every call: a
     * CSV column reads the same field of the same class millions of times.
     */
    static Function<Message, Object> reader(FieldDescriptor fd) {
        return new Function<>() {
            /** The class last read and its getter; immutable, so a racy read sees a whole one. */
            private Bound bound;

            @Override
            public Object apply(Message m) {
                Bound b = bound;
                if (b == null || b.type() != m.getClass()) {
                    b = bind(m, fd);
                    bound = b;
                }
                return b.getter().apply(m);
            }
        };
    }

    private record Bound(Class<?> type, Function<Message, Object> getter) {}

    private static Bound bind(Message m, FieldDescriptor fd) {
        Function<Message, Object> g = getter(m, fd);
        return new Bound(m.getClass(), g != null ? g : x -> x.getField(fd));
    }

    private static final java.util.Map<FieldDescriptor, Method> RAW = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The bytes of a singular {@code string} field as stored, before any UTF-8 decoding: the generated
     * {@code get<Name>Bytes} getter; for other messages the UTF-8 encoding of the value.
     */
    static com.google.protobuf.ByteString rawBytes(Message m, FieldDescriptor fd) {
        if (m instanceof GeneratedMessage && m.getDescriptorForType() == fd.getContainingType()) {
            try {
                Method g = RAW.computeIfAbsent(fd, k -> {
                    try {
                        return m.getClass().getMethod("get" + javaName(k.getName()) + "Bytes");
                    } catch (NoSuchMethodException e) {
                        throw new IllegalStateException(e);
                    }
                });
                return (com.google.protobuf.ByteString) g.invoke(m);
            } catch (ReflectiveOperationException | IllegalStateException e) {
                // fall through to the decoded value
            }
        }
        return com.google.protobuf.ByteString.copyFromUtf8((String) m.getField(fd));
    }

    @SuppressWarnings("unchecked")
    private static Function<Message, Object>[] build(Class<?> type) {
        if (!GeneratedMessage.class.isAssignableFrom(type)) {
            return new Function[0];
        }
        Descriptor d;
        try {
            d = ((Message) type.getMethod("getDefaultInstance").invoke(null)).getDescriptorForType();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new Function[0];
        }
        Function<Message, Object>[] out = new Function[d.getFields().size()];
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        for (FieldDescriptor fd : d.getFields()) {
            if (fd.isMapField() || fd.getJavaType() == FieldDescriptor.JavaType.ENUM) {
                continue;
            }
            String name = "get" + javaName(fd.getName()) + (fd.isRepeated() ? "List" : "");
            try {
                Method method = type.getMethod(name);
                Class<?> ret = method.getReturnType();
                if (fd.isRepeated() ? !List.class.isAssignableFrom(ret) : !matches(fd, ret)) {
                    continue;
                }
                MethodHandle h = lookup.unreflect(method);
                out[fd.getIndex()] = (Function<Message, Object>) LambdaMetafactory.metafactory(lookup, "apply",
                        MethodType.methodType(Function.class), MethodType.methodType(Object.class, Object.class), h,
                        MethodType.methodType(ret.isPrimitive() ? box(ret) : ret, type)).getTarget().invoke();
            } catch (Throwable e) {
                // no generated getter of the expected shape: getField stays in use for this field
            }
        }
        return out;
    }

    private static boolean matches(FieldDescriptor fd, Class<?> ret) {
        return switch (fd.getJavaType()) {
            case INT -> ret == int.class;
            case LONG -> ret == long.class;
            case BOOLEAN -> ret == boolean.class;
            case DOUBLE -> ret == double.class;
            case FLOAT -> ret == float.class;
            case STRING -> ret == String.class;
            case BYTE_STRING -> ret == com.google.protobuf.ByteString.class;
            case MESSAGE -> Message.class.isAssignableFrom(ret);
            case ENUM -> false;
        };
    }

    private static Class<?> box(Class<?> primitive) {
        return MethodType.methodType(primitive).wrap().returnType();
    }

    /** protoc's Java name: underscores dropped, the next letter and every letter after a digit capitalised. */
    static String javaName(String field) {
        StringBuilder sb = new StringBuilder(field.length());
        boolean capNext = true;
        for (char c : field.toCharArray()) {
            if (c == '_') {
                capNext = true;
            } else if (Character.isDigit(c)) {
                sb.append(c);
                capNext = true;
            } else if (capNext) {
                sb.append(Character.toUpperCase(c));
                capNext = false;
            } else {
                sb.append(c);
            }
        }
        String s = sb.toString();
        // names that clash with Object's methods get a trailing underscore (Class -> getClass_)
        return s.equals("Class") ? "Class_" : s;
    }
}
