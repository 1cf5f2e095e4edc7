package io.github.ecgid.report;

import io.github.ecgid.core.EcgIoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** HTML escaping for text and attribute values, and writing a page. */
final class Html {
    private Html() {
    }

    /** Writes a page (UTF-8), creating its folder; {@code what} names it in the error ("report"). */
    static void write(Path file, String html, String what) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EcgIoException("cannot write " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
