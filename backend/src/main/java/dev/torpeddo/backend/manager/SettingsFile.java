package dev.torpeddo.backend.manager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code settings.json}: the user's settings as readable JSON. Reading lays the file over the defaults, so a
 * file from an older version (or edited by hand to hold only a few keys) keeps the defaults for what it does not
 * name; unknown keys are ignored (a newer version's file still loads). A file that cannot be used is moved aside
 * to {@code settings.json.bad} and the defaults apply: a damaged settings file never stops the manager.
 */
public final class SettingsFile {
    /** snake_case keys, as the JSON-RPC bridge shows the same values. */
    static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            // Enum values in lower case like every other name (share_limits.action: "pause"); read either case.
            .enable(tools.jackson.databind.cfg.EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .enable(tools.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Path file;

    public SettingsFile(Path file) {
        this.file = file;
    }

    /** What loading found: the settings to use, and why the file was set aside if it was. */
    public record Loaded(Settings settings, Optional<String> problem) {}

    public Loaded load(Settings defaults) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Loaded(defaults, Optional.empty());
        } catch (IOException e) {
            return new Loaded(defaults, Optional.of("cannot read " + file + ": " + e.getMessage()));
        }
        try {
            JsonNode tree = JSON.readTree(bytes);
            if (!(tree instanceof ObjectNode patch)) throw new IllegalArgumentException("not a JSON object");
            return new Loaded(merge(defaults, patch), Optional.empty());
        } catch (JacksonException | IllegalArgumentException e) {
            String why = file + " is not usable (" + oneLine(e) + "); it was moved to " + file.getFileName()
                    + ".bad and the defaults apply";
            try {
                Files.move(file, file.resolveSibling(file.getFileName() + ".bad"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                why = file + " is not usable (" + oneLine(e) + "); the defaults apply";
            }
            return new Loaded(defaults, Optional.of(why));
        }
    }

    public void save(Settings settings) throws IOException {
        AtomicFile.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(settings));
    }

    /**
     * {@code base} with the keys of {@code patch} laid over it, nested objects key by key: {@code {"queue":
     * {"max_active_downloads": 5}}} changes only that. The result is checked as any {@link Settings} is.
     *
     * @throws IllegalArgumentException naming what is wrong, when the result is not valid settings
     */
    public static Settings merge(Settings base, ObjectNode patch) {
        ObjectNode tree = JSON.valueToTree(base);
        overlay(tree, patch);
        try {
            return JSON.treeToValue(tree, Settings.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(oneLine(e), e);
        }
    }

    private static void overlay(ObjectNode into, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (!into.has(e.getKey())) continue; // unknown key: ignored, as on load
            if (into.get(e.getKey()) instanceof ObjectNode inner && e.getValue() instanceof ObjectNode innerPatch) {
                overlay(inner, innerPatch);
            } else {
                into.set(e.getKey(), e.getValue());
            }
        }
    }

    private static String oneLine(Exception e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause(); // getCause() is null, never itself, at the root
        String m = root.getMessage() == null ? root.toString() : root.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
