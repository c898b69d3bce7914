package dev.agentstream.tools.bash.policy;

import java.util.BitSet;

/**
 * A word being assembled, remembering which characters were quoted. Only unquoted characters take part in
 * brace expansion and globbing, so {@code "*"} stays a star while {@code *} becomes a glob.
 */
final class MarkedText {

    final StringBuilder text = new StringBuilder();
    final BitSet quoted = new BitSet();
    /** Characters that are the source text of a run-time expansion ({@code $X}, {@code $(cmd)}, ...). */
    final BitSet expansion = new BitSet();
    boolean literal = true;
    /** An unquoted word that ends up empty is dropped by the shell; a quoted one ({@code ""}) is kept. */
    boolean hadQuotes;

    void plain(CharSequence s) {
        text.append(s);
    }

    void plain(char c) {
        text.append(c);
    }

    void quoted(CharSequence s) {
        int from = text.length();
        text.append(s);
        quoted.set(from, text.length());
        hadQuotes = true;
    }

    void quoted(char c) {
        quoted.set(text.length());
        text.append(c);
        hadQuotes = true;
    }

    /** Run-time expansions are kept as source text and shielded from brace expansion and globbing. */
    void expansion(CharSequence source) {
        int from = text.length();
        text.append(source);
        quoted.set(from, text.length());
        expansion.set(from, text.length());
        literal = false;
    }

    boolean isQuoted(int index) {
        return quoted.get(index);
    }

    MarkedText slice(int from, int to) {
        MarkedText out = new MarkedText();
        out.literal = literal;
        out.hadQuotes = hadQuotes;
        out.append(this, from, to);
        return out;
    }

    void append(MarkedText other, int from, int to) {
        int base = text.length();
        text.append(other.text, from, to);
        for (int i = from; i < to; i++) {
            if (other.quoted.get(i)) {
                quoted.set(base + i - from);
            }
            if (other.expansion.get(i)) {
                expansion.set(base + i - from);
            }
        }
        literal &= other.literal;
        hadQuotes |= other.hadQuotes;
    }

    Word toWord() {
        boolean glob = false;
        for (int i = 0; i < text.length() && !glob; i++) {
            char c = text.charAt(i);
            glob = !quoted.get(i) && (c == '*' || c == '?' || c == '[');
        }
        return new Word(text.toString(), literal, glob, (BitSet) quoted.clone(), (BitSet) expansion.clone());
    }
}
