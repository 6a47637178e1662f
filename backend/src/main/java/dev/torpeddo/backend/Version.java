package dev.torpeddo.backend;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The application's version, from the build. */
public final class Version {
    private Version() {}

    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/torpeddo/backend/version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
