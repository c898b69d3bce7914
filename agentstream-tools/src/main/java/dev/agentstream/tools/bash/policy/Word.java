package dev.agentstream.tools.bash.policy;

import java.util.BitSet;

/**
 * One shell word after quote removal.
 *
 * @param text      the value the shell would pass, with quotes and escapes resolved; parameter expansions and
 *                  command substitutions are kept as their source text (e.g. {@code $HOME}) because their value
 *                  is only known at run time
 * @param literal   false when the word contains an expansion, so {@code text} is not what will actually run
 * @param glob      true when the word holds an unquoted {@code * ? [}, so the shell may replace it by file names
 * @param quoted    which characters of {@code text} were quoted (or came from an expansion)
 * @param expansion which characters of {@code text} are the source text of an expansion
 */
record Word(String text, boolean literal, boolean glob, BitSet quoted, BitSet expansion) {

    Word(String text, boolean literal, boolean glob) {
        this(text, literal, glob, new BitSet(), new BitSet());
    }

    static Word of(String text) {
        return new Word(text, true, false);
    }

    /** True when the word's value is known exactly before the command runs. */
    boolean exact() {
        return literal && !glob;
    }
}
