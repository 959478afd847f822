package io.netcap.cli.maltego;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;

/**
 * A Maltego transform response ({@code MaltegoMessage}/{@code MaltegoTransformResponseMessage}): entities with
 * their additional fields and display information, and UI messages, in the element order of the original's
 * maltego package. Text is escaped once; the original escaped it before its XML encoder escaped it again, so
 * Maltego showed {@code &amp;} where a value held {@code &}.
 *
 * <p>An entity of the same type and value as one already in the response is that entity: Maltego merges them
 * on the graph anyway, and a record file of millions of records would otherwise give millions of entities.
 */
public final class MaltegoResponse {
    public static final String INFORM = "Inform";
    public static final String FATAL = "FatalError";
    /** Maltego's matching rules of a field: part of the entity's identity, or not. */
    public static final String STRICT = "strict";
    public static final String LOOSE = "loose";

    private final Map<String, Entity> entities = new LinkedHashMap<>();
    private final List<UiMessage> messages = new ArrayList<>();

    /** The entity of {@code type} and {@code value}, added unless it is there already. */
    public Entity entity(String type, String value) {
        return entities.computeIfAbsent(type + '\0' + value, k -> new Entity(type, value));
    }

    public void message(String type, String text) {
        messages.add(new UiMessage(type, text));
    }

    /** A response with nothing but a fatal message, as the original's {@code Die}. */
    public static MaltegoResponse fatal(String text) {
        MaltegoResponse r = new MaltegoResponse();
        r.message(FATAL, text);
        return r;
    }

    public String xml() {
        StringBuilder sb = new StringBuilder("<MaltegoMessage><MaltegoTransformResponseMessage><Entities>");
        for (Entity e : entities.values()) {
            e.xml(sb);
        }
        sb.append("</Entities><UIMessages>");
        for (UiMessage m : messages) {
            sb.append("<UIMessage MessageType=\"");
            escape(sb, m.type(), Mode.ATTRIBUTE);
            sb.append("\">");
            escape(sb, m.text(), Mode.TEXT);
            sb.append("</UIMessage>");
        }
        return sb.append("</UIMessages></MaltegoTransformResponseMessage></MaltegoMessage>").toString();
    }

    private record UiMessage(String type, String text) {}

    /** One entity: type, value, weight 100 (as the original), fields in the order added, display labels. */
    public static final class Entity {
        private final String type;
        private final String value;
        private final List<Field> fields = new ArrayList<>();
        private final List<Label> labels = new ArrayList<>();
        private String icon;

        /** An additional field; {@code rule} is Maltego's matching rule ({@link #STRICT}, {@link #LOOSE}). */
        private record Field(String name, String displayName, String rule, String value) {}

        /** A section of the detail view. */
        private record Label(String name, String html) {}

        Entity(String type, String value) {
            this.type = type;
            this.value = value;
        }

        /** A property; one of the same name already set keeps its value. */
        public Entity property(String name, String displayName, String value) {
            return field(name, displayName, STRICT, value);
        }

        /** The label of the link from the input entity. */
        public Entity linkLabel(String label) {
            return field("link#maltego.link.label", "Label", LOOSE, label);
        }

        /** The link's thickness, 1 to 5 ({@link #thickness}). */
        public Entity linkThickness(int thickness) {
            return field("link#maltego.link.thickness", "LinkThickness", LOOSE, Integer.toString(thickness));
        }

        /** The link's arrow: from the input to the entity, or (false) from the entity to the input. */
        public Entity linkDirection(boolean inputToOutput) {
            return field("link#maltego.link.direction", "Direction", LOOSE,
                    inputToOutput ? "input-to-output" : "output-to-input");
        }

        /** An HTML section of the entity's detail view. */
        public Entity display(String name, String html) {
            labels.add(new Label(name, html));
            return this;
        }

        /** The picture Maltego shows for the entity (an extracted image, as {@code file://} URL). */
        public Entity icon(String url) {
            icon = url;
            return this;
        }

        /** The value of property {@code name}, or null. */
        private String property(String name) {
            for (Field f : fields) {
                if (f.name().equals(name)) {
                    return f.value();
                }
            }
            return null;
        }

        private Entity field(String name, String displayName, String rule, String value) {
            if (property(name) == null) {
                fields.add(new Field(name, displayName, rule, value));
            }
            return this;
        }

        void xml(StringBuilder sb) {
            sb.append("<Entity Type=\"");
            escape(sb, type, Mode.ATTRIBUTE);
            sb.append("\"><Value>");
            escape(sb, value, Mode.TEXT);
            sb.append("</Value><Weight>100</Weight>");
            if (!labels.isEmpty()) {
                sb.append("<DisplayInformation>");
                for (Label l : labels) {
                    sb.append("<Label Name=\"");
                    escape(sb, l.name(), Mode.ATTRIBUTE);
                    sb.append("\" Type=\"text/html\"><![CDATA[");
                    escape(sb, l.html().replace("]]>", "]]]]><![CDATA[>"), Mode.CDATA);
                    sb.append("]]></Label>");
                }
                sb.append("</DisplayInformation>");
            }
            if (icon != null) {
                sb.append("<IconURL>");
                escape(sb, icon, Mode.TEXT);
                sb.append("</IconURL>");
            }
            if (!fields.isEmpty()) {
                sb.append("<AdditionalFields>");
                for (Field f : fields) {
                    sb.append("<Field MatchingRule=\"").append(f.rule()).append("\" Name=\"");
                    escape(sb, f.name(), Mode.ATTRIBUTE);
                    sb.append("\" DisplayName=\"");
                    escape(sb, f.displayName(), Mode.ATTRIBUTE);
                    sb.append("\">");
                    escape(sb, f.value(), Mode.TEXT);
                    sb.append("</Field>");
                }
                sb.append("</AdditionalFields>");
            }
            sb.append("</Entity>");
        }
    }

    /** {@link #thickness(long, long, long)} in the range of the values counted. */
    public static int thickness(long value, LongSummaryStatistics range) {
        return thickness(value, range.getMin(), range.getMax());
    }

    /**
     * The original's link thickness: {@code value} against the range {@code min..max} of what the transform counts
     * (from 0 when all are equal), 1 up to 1 %, 2 up to 10 %, 3 up to 30 %, 4 up to 60 %, else 5.
     */
    public static int thickness(long value, long min, long max) {
        if (min == max) {
            min = 0;
        }
        double delta = max - min;
        return value <= delta * 0.01 ? 1 : value <= delta * 0.1 ? 2 : value <= delta * 0.3 ? 3 : value <= delta * 0.6 ? 4 : 5;
    }

    enum Mode { TEXT, ATTRIBUTE, CDATA }

    /**
     * XML text as Go's {@code xml.EscapeText} writes it: the markup characters and the whitespace controls as
     * references (quotes only in an attribute; nothing in a CDATA section, whose end the caller splits), and any
     * character XML 1.0 cannot hold as U+FFFD: a banner or a URL may hold anything.
     */
    static void escape(StringBuilder sb, String s, Mode mode) {
        boolean cdata = mode == Mode.CDATA;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append(cdata ? "&" : "&amp;");
                case '<' -> sb.append(cdata ? "<" : "&lt;");
                case '>' -> sb.append(cdata ? ">" : "&gt;");
                case '"' -> sb.append(mode == Mode.ATTRIBUTE ? "&#34;" : "\"");
                case '\n' -> sb.append(cdata ? "\n" : "&#xA;");
                case '\r' -> sb.append(cdata ? "\r" : "&#xD;");
                case '\t' -> sb.append(cdata ? "\t" : "&#x9;");
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('\uFFFD');
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(++i));
                        } else {
                            sb.append('\uFFFD');
                        }
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }
}
