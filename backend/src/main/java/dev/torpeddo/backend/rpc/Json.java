package dev.torpeddo.backend.rpc;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The bridge's JSON: snake_case keys, one line per message (Jackson escapes newlines inside strings). */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(tools.jackson.databind.cfg.EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .enable(tools.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Paths as the user wrote them, not as file: URIs.
            .addModule(new tools.jackson.databind.module.SimpleModule()
                    .addSerializer(
                            java.nio.file.Path.class, tools.jackson.databind.ser.std.ToStringSerializer.instance))
            .build();

    private Json() {}

    /** camelCase to snake_case, as the mapper names record components (ours have no runs of capitals). */
    static String snake(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) b.append('_').append(Character.toLowerCase(c));
            else b.append(c);
        }
        return b.toString();
    }
}
