package io.netcap.decoder.stream.software;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON database file as plain values: objects become maps in file order, arrays lists, scalars their text
 * (null stays null). The original's software databases ({@code hasshdb.json}, {@code cmsdb.json}) nest a few
 * levels; deeper nesting than {@value #MAX_DEPTH} and files over {@value #MAX_BYTES} bytes are refused.
 */
final class JsonTree {
    static final int MAX_DEPTH = 32;
    static final long MAX_BYTES = 64L << 20;
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonTree() {}

    static Object read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + " is larger than " + MAX_BYTES + " bytes");
        }
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException(file + " is empty");
            }
            return value(p, t, 0);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": " + e.getOriginalMessage(), e);
        }
    }

    private static Object value(JsonParser p, JsonToken t, int depth) throws IOException {
        if (t == null) {
            throw new IOException("JSON ends early");
        }
        if (depth > MAX_DEPTH) {
            throw new IOException("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    m.putIfAbsent(name, value(p, p.nextToken(), depth + 1));
                }
                if (t != JsonToken.END_OBJECT) {
                    throw new IOException("JSON ends early");
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(value(p, t, depth + 1));
                }
                return l;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> {
                return p.getText();
            }
        }
    }

    /** {@code o} as a map, or an empty one when it is something else. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** {@code o} as a list, or an empty one when it is something else. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** {@code o} as text: a scalar's text, "" otherwise. */
    static String text(Object o) {
        return o instanceof String s ? s : "";
    }
}
