package io.github.ecgid.model.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The ecgid version, filtered into a resource at build time, written into exported models. */
final class Version {

    static final String LIBRARY = load();

    private Version() {
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("ecgid-model.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
