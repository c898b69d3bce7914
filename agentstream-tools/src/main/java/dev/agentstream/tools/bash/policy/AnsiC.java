package dev.agentstream.tools.bash.policy;

/** Decodes the body of a bash {@code $'...'} string, so {@code $'\x72m'} is seen as {@code rm}. */
final class AnsiC {

    private AnsiC() {
    }

    static String decode(String body) {
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i++);
            if (c != '\\' || i >= body.length()) {
                out.append(c);
                continue;
            }
            char e = body.charAt(i++);
            switch (e) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'e', 'E' -> out.append('\u001b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case 'c' -> {
                    if (i < body.length()) {
                        out.append((char) (body.charAt(i++) & 0x1f));
                    }
                }
                case 'x' -> i = number(body, i, 16, 2, out);
                case 'u' -> i = number(body, i, 16, 4, out);
                case 'U' -> i = number(body, i, 16, 8, out);
                default -> {
                    if (e >= '0' && e <= '7') {
                        i = number(body, i - 1, 8, 3, out);
                    } else {
                        // \\ \' \" \? and unknown escapes: the character itself (unknown ones keep the backslash).
                        if ("\\'\"?".indexOf(e) < 0) {
                            out.append('\\');
                        }
                        out.append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    private static int number(String s, int from, int radix, int maxDigits, StringBuilder out) {
        int end = from;
        while (end < s.length() && end - from < maxDigits && Character.digit(s.charAt(end), radix) >= 0) {
            end++;
        }
        if (end == from) {
            out.append('\\').append(s.charAt(from - 1));
            return from;
        }
        int value = Integer.parseUnsignedInt(s.substring(from, end), radix);
        if (Character.isValidCodePoint(value)) {
            out.appendCodePoint(radix == 8 ? value & 0xff : value);
        }
        return end;
    }
}
