package io.netcap.decoder.resolve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The original's JSON databases are flat objects, either one per line ({@code macaddress.io-db.json},
 * {@code ja3fingerprint.json}) or in one array ({@code ja3erDB.json}, {@code ja4db.json}). Each object is
 * handed on as its scalar members in text form; nested values are skipped. A line or element that is not
 * such an object is counted in {@link Counts#bad} and skipped (the original stopped the program).
 */
final class FlatJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Objects read and lines or elements skipped. */
    static final class Counts {
        long objects;
        long bad;
    }

    private FlatJson() {}

    /** One object per line; empty lines and lines starting with {@code #} are ignored. */
    static Counts lines(Path file, Consumer<Map<String, String>> out) throws IOException {
        Counts c = new Counts();
        for (String line : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\\R")) {
            if (line.isBlank() || line.charAt(0) == '#') {
                continue;
            }
            try (JsonParser p = FACTORY.createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    c.bad++;
                    continue;
                }
                Map<String, String> o = object(p);
                if (p.nextToken() != null) {
                    c.bad++;
                    continue;
                }
                c.objects++;
                out.accept(o);
            } catch (IOException e) {
                c.bad++; // malformed JSON on this line only
            }
        }
        return c;
    }

    /** A JSON array of objects; a malformed document ends the reading with what was read so far counted. */
    static Counts array(Path file, Consumer<Map<String, String>> out) throws IOException {
        Counts c = new Counts();
        // decoded here, malformed bytes replaced: Jackson's own detection would also try UTF-16 and UTF-32
        try (JsonParser p = FACTORY.createParser(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                c.bad++;
                return c;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    c.bad++; // truncated
                    break;
                }
                if (t != JsonToken.START_OBJECT) {
                    c.bad++;
                    p.skipChildren();
                    continue;
                }
                c.objects++;
                out.accept(object(p));
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            c.bad++; // malformed from here on: what was read stays
        }
        return c;
    }

    /** The scalar members of the object whose START_OBJECT is the current token. */
    private static Map<String, String> object(JsonParser p) throws IOException {
        Map<String, String> o = new HashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "truncated object");
            }
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else if (v != JsonToken.VALUE_NULL) {
                o.put(name, p.getText());
            }
        }
        return o;
    }
}
