package io.orcagent.runtime.wire;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * JSON exactly as Go's {@code encoding/json} writes it, because orchestrator and its operators compare
 * bytes: no indentation, fields in declaration order, map keys sorted, {@code <>&} and U+2028/U+2029
 * escaped, times in RFC 3339 with nanoseconds trimmed, floats in Go's shortest form.
 */
public final class GoJson {

    private static final ObjectMapper MAPPER = create();

    /**
     * Go's {@code time.RFC3339Nano} ({@code 2006-01-02T15:04:05.999999999Z07:00}): the fraction's trailing
     * zeros trimmed (no dot when it is zero), {@code Z} for a zero offset, else {@code ±hh:mm} with the
     * offset's seconds dropped (LMT offsets such as +00:17:30), as Go writes them.
     */
    private static final DateTimeFormatter RFC3339_NANO = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4, 10, SignStyle.NORMAL).appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-')
            .appendValue(ChronoField.DAY_OF_MONTH, 2).appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT);

    private GoJson() {
    }

    /**
     * The shared mapper (thread-safe).
     *
     * @return the mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Serialises a value.
     *
     * @param value the value
     * @return UTF-8 JSON bytes
     */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    /**
     * Serialises a value to a string.
     *
     * @param value the value
     * @return JSON text
     */
    public static String string(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    /**
     * Formats a time as Go's {@code time.Time} JSON form (RFC3339Nano).
     *
     * @param instant the time
     * @param zone the zone whose offset is written ({@code Z} for UTC)
     * @return e.g. {@code 2020-04-13T11:25:02.123456789+03:00}
     */
    public static String rfc3339Nano(Instant instant, ZoneId zone) {
        return RFC3339_NANO.format(instant.atZone(zone));
    }

    /**
     * Formats a float64 as Go's JSON encoder does.
     *
     * @param value the value
     * @return the shortest round-trip text, in plain notation for 1e-6 ≤ |x| &lt; 1e21
     */
    public static String goFloat(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("unsupported value: " + value);
        }
        if (value == 0) {
            return "0";
        }
        double abs = Math.abs(value);
        String shortest = Double.toString(value);
        if (abs >= 1e-6 && abs < 1e21) {
            String plain = new BigDecimal(shortest).stripTrailingZeros().toPlainString();
            return plain;
        }
        // Go: 1e+21, 1e-07 cleaned to 1e-07 -> "1e-07" is written as "1e-07"; json cleans e-07 to e-7.
        BigDecimal d = new BigDecimal(shortest).stripTrailingZeros();
        String unscaled = d.unscaledValue().abs().toString();
        int exponent = unscaled.length() - 1 - d.scale();
        String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        String sign = value < 0 ? "-" : "";
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }

    private static ObjectMapper create() {
        SimpleModule module = new SimpleModule("go-json");
        module.addSerializer(Instant.class, new InstantSerializer());
        module.addSerializer(Double.class, new GoFloatSerializer());
        module.addSerializer(double.class, new GoFloatSerializer());
        JsonMapper mapper = JsonMapper.builder()
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
                .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, false)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .addModule(module)
                .build();
        mapper.getFactory().setCharacterEscapes(new GoEscapes());
        return mapper;
    }

    private static final class GoEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] table;

        GoEscapes() {
            table = standardAsciiEscapesForJSON();
            table['<'] = ESCAPE_CUSTOM;
            table['>'] = ESCAPE_CUSTOM;
            table['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case '<' -> new SerializedString("\\u003c");
                case '>' -> new SerializedString("\\u003e");
                case '&' -> new SerializedString("\\u0026");
                case 0x2028 -> new SerializedString("\\u2028");
                case 0x2029 -> new SerializedString("\\u2029");
                default -> null;
            };
        }
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.equals(Instant.EPOCH.minusSeconds(62135596800L))
                    ? "0001-01-01T00:00:00Z"
                    : rfc3339Nano(value, ZoneId.systemDefault()));
        }
    }

    private static final class GoFloatSerializer extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        GoFloatSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(goFloat(value));
        }
    }
}
