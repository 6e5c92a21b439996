package dev.retain.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The hostile texts of {@code security/payloads.txt}, and how to send text that is not valid Unicode. */
final class Payloads {

    /** One payload: where it is in the file, and its text. */
    record Payload(int line, String text) {

        /** What a report calls it: its line and start, printable. */
        String label() {
            String start = text.length() > 40 ? text.substring(0, 40) + "… (" + text.length() + " chars)" : text;
            return "payload line " + line + " [" + printable(start) + "]";
        }

        /** Whether a page showing it unescaped would run or inject markup. */
        boolean isMarkup() {
            return text.indexOf('<') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\'') >= 0;
        }
    }

    private Payloads() {}

    static List<Payload> load() {
        try (InputStream in = Payloads.class.getResourceAsStream("/security/payloads.txt")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            List<Payload> payloads = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.startsWith("# ")) {
                    continue;
                }
                payloads.add(new Payload(i + 1, parse(line)));
            }
            return payloads;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String parse(String line) {
        if (line.startsWith("@repeat ")) {
            String[] parts = line.split(" ", 3);
            int length = Integer.parseInt(parts[1]);
            String unit = unescape(parts[2]);
            return unit.repeat(length / unit.length() + 1).substring(0, length);
        }
        return unescape(line);
    }

    private static String unescape(String text) {
        var out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    /** JSON text as a client would send it: unpaired surrogates as \\u escapes, which is all JSON can carry. */
    static String escapeLoneSurrogates(String json) {
        var out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
                out.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** UTF-8, except that an unpaired surrogate becomes its three bytes anyway: invalid UTF-8, as a hostile client sends. */
    static byte[] looseUtf8(String text) {
        var out = new java.io.ByteArrayOutputStream(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.writeBytes(text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else if (Character.isSurrogate(c)) {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** Percent-encodes every byte but the unreserved ones, of the loose UTF-8 above: for a query value or a path segment. */
    static String percentEncoded(String text) {
        var out = new StringBuilder();
        for (byte b : looseUtf8(text)) {
            int v = b & 0xFF;
            if ((v >= 'a' && v <= 'z') || (v >= 'A' && v <= 'Z') || (v >= '0' && v <= '9') || "-._~".indexOf(v) >= 0) {
                out.append((char) v);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(v >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(v & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static String printable(String text) {
        var out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp < 0x20
                    || Character.getType(cp) == Character.SURROGATE
                    || Character.getType(cp) == Character.FORMAT) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
