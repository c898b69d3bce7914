package dev.agentstream.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one bearer token an HTTP front door accepts ({@code Authorization: Bearer TOKEN}, RFC 6750): made
 * at start, or read from a file or an environment variable the user names. A presented token is compared
 * in constant time (both sides are hashed first, so not even the length leaks).
 */
public final class BearerToken {

    /** RFC 6750's b64token: what may follow {@code Bearer } in the header. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final int MIN_LENGTH = 16;
    private static final int GENERATED_BYTES = 32;
    private static final String SCHEME = "bearer ";

    private final String value;
    private final byte[] digest;

    private BearerToken(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /** A fresh token of 256 random bits. */
    public static BearerToken generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new BearerToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * A token the user chose; {@code source} names where it came from, for the message when it is unfit.
     *
     * @throws IllegalArgumentException when it is too short or holds characters a header cannot carry
     */
    public static BearerToken of(String value, String source) {
        String token = value == null ? "" : value.strip();
        if (token.length() < MIN_LENGTH || !B64TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("The token in " + source + " must be at least " + MIN_LENGTH
                    + " characters of letters, digits and -._~+/ (for example the output of: openssl rand -base64 32).");
        }
        return new BearerToken(token);
    }

    /** The token in {@code file} (surrounding whitespace and the final newline ignored). */
    public static BearerToken fromFile(Path file) {
        try {
            return of(Files.readString(file, StandardCharsets.UTF_8), "the file " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("The token file " + file + " cannot be read (" + e.getMessage() + "); give a readable file holding the token.");
        }
    }

    /** The token in the environment variable {@code name} of {@code environment}. */
    public static BearerToken fromEnvironment(String name, Map<String, String> environment) {
        String value = environment.get(name);
        if (value == null) {
            throw new IllegalArgumentException("The environment variable " + name + " is not set; export it with the token first.");
        }
        return of(value, "the environment variable " + name);
    }

    /** The token itself, to show the user once. */
    public String value() {
        return value;
    }

    /** Whether an {@code Authorization} header value carries this token. */
    public boolean acceptedIn(String authorizationHeader) {
        String presented = presentedToken(authorizationHeader);
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /** The token after {@code Bearer } (the scheme in any case), or null when the header carries none. */
    static String presentedToken(String authorizationHeader) {
        if (authorizationHeader == null) return null;
        String header = authorizationHeader.strip();
        if (header.length() <= SCHEME.length() || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) return null;
        return header.substring(SCHEME.length()).strip();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
