package dev.agentstream.tools.fs;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File names as text a model can read and send back. A Linux name is bytes; one that is not valid UTF-8
 * would show as U+FFFD, a path nothing can open. Such bytes are written {@code \xNN} instead (as
 * {@code ls -b} and ripgrep do), and {@link #parse} turns {@code \xNN} back into the byte when no file
 * has the name literally. The raw bytes travel through {@code file:} URIs, which the JDK maps to and from a
 * path's bytes exactly.
 */
public final class PathText {

    private static final Pattern BYTE_ESCAPE = Pattern.compile("\\\\x([0-9A-Fa-f]{2})");

    private PathText() {}

    /** {@code path} (absolute) as text: itself when its bytes are UTF-8, else with {@code \xNN} for the bytes that are not. */
    public static String display(Path path) {
        String text = path.toString();
        if (text.indexOf('\uFFFD') < 0) return text;
        String raw = path.toAbsolutePath().toUri().getRawPath();
        if (raw.length() > 1 && raw.endsWith("/") && !text.endsWith("/")) raw = raw.substring(0, raw.length() - 1); // toUri marks folders
        return escapeInvalid(percentDecode(raw));
    }

    /** The last name of {@code path} (absolute) as {@link #display} writes it. */
    public static String displayName(Path path) {
        String name = path.getFileName().toString();
        if (name.indexOf('\uFFFD') < 0) return name;
        String shown = display(path);
        return shown.substring(shown.lastIndexOf('/') + 1);
    }

    /**
     * The path a model wrote: as it is when it has no {@code \xNN} or a file has that very name; otherwise with
     * every {@code \xNN} taken as the raw byte (the form {@link #display} writes).
     */
    public static Path parse(String text) {
        Path literal = Path.of(text);
        if (!text.startsWith("/") || text.indexOf("\\x") < 0 || Files.exists(literal, LinkOption.NOFOLLOW_LINKS)) return literal;
        Matcher escape = BYTE_ESCAPE.matcher(text);
        if (!escape.find()) return literal;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int done = 0;
        do {
            bytes.writeBytes(text.substring(done, escape.start()).getBytes(StandardCharsets.UTF_8));
            bytes.write(Integer.parseInt(escape.group(1), 16));
            done = escape.end();
        } while (escape.find());
        bytes.writeBytes(text.substring(done).getBytes(StandardCharsets.UTF_8));
        StringBuilder uri = new StringBuilder("file://");
        for (byte b : bytes.toByteArray()) {
            int c = b & 0xFF;
            if (c == '/' || c == '-' || c == '.' || c == '_' || c == '~' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                uri.append((char) c);
            } else {
                uri.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return Path.of(URI.create(uri.toString()));
    }

    private static byte[] percentDecode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static String escapeInvalid(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length * 4 + 4);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (!result.isError()) break;
            for (int i = 0; i < result.length(); i++) {
                out.put(String.format(Locale.ROOT, "\\x%02X", in.get() & 0xFF));
            }
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
