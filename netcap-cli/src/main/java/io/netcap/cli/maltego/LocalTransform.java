package io.netcap.cli.maltego;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments Maltego passes to a local transform: the input entity's value, then its properties as
 * {@code name=value#name=value} (a {@code =} inside a value escaped as {@code \=}, an {@code &} as {@code &amp;}).
 */
public record LocalTransform(String value, Map<String, String> values) {
    /** Parsed as the original's maltego package parses them; fewer than two arguments is an error. */
    public static LocalTransform parse(List<String> args) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("need at least 2 arguments (the entity value and its properties), got "
                    + args.size());
        }
        Map<String, String> values = new HashMap<>();
        for (String arg : args.subList(1, args.size())) {
            arg = arg.replace("\n", " ");
            if (arg.isEmpty()) {
                continue;
            }
            for (String pair : arg.split("#", -1)) {
                String[] kv = pair.split("=", -1);
                String v = kv.length == 2 ? kv[1] : String.join("=", List.of(kv).subList(1, kv.length));
                values.put(kv[0], v.replace("&amp;", "&").replace("\\=", "="));
            }
        }
        return new LocalTransform(args.getFirst(), Map.copyOf(values));
    }

    /** Property {@code name}, or "" when the entity has none. */
    public String get(String name) {
        return values.getOrDefault(name, "");
    }
}
