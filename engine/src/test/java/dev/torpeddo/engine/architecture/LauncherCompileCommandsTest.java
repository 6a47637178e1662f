package dev.torpeddo.engine.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The launcher ({@code ./torpeddo}) tunes the JIT for engine methods by name; the JVM silently ignores a name
 * that matches nothing, so a rename would quietly undo a measured gain. Every engine method it names must exist.
 */
class LauncherCompileCommandsTest {
    private static final Pattern ENGINE_METHOD =
            Pattern.compile("CompileCommand=\\w+,(dev\\.torpeddo\\.engine\\.[\\w.$]+)::(\\w+)");

    @Test
    void everyEngineMethodTheLauncherNamesExists() throws IOException, ClassNotFoundException {
        Path launcher = Path.of("..", "torpeddo");
        Matcher m = ENGINE_METHOD.matcher(Files.readString(launcher));
        List<String> named = new ArrayList<>();
        while (m.find()) {
            Class<?> type = Class.forName(m.group(1));
            String method = m.group(2);
            assertThat(Arrays.stream(type.getDeclaredMethods()).map(Method::getName))
                    .as("%s::%s, named in %s", type.getName(), method, launcher)
                    .contains(method);
            named.add(m.group(1) + "::" + method);
        }
        assertThat(named).as("engine methods named in the launcher").isNotEmpty();
    }
}
