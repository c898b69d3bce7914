package dev.agentstream.tools.edit;

import dev.agentstream.core.ToolInputException;
import dev.agentstream.tools.fs.LinkFreeFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The whole text of a file that is about to be edited, with the format to write it back in and the bytes
 * it was read from (for undo). Decoding is
 * strict: a file that is not valid in its charset is refused rather than silently changed.
 */
record TextFile(String text, TextFormat format, byte[] bytes) {

    /** Edits hold the file in memory; beyond this, a stream editor (sed) is the right tool. */
    static final long MAX_EDIT_BYTES = 32L * 1024 * 1024;

    static TextFile read(Path path) throws IOException {
        long size = Files.size(path);
        if (size > MAX_EDIT_BYTES) {
            throw new ToolInputException(path + " is " + Sizes.human(size) + ", more than the " + Sizes.human(MAX_EDIT_BYTES)
                    + " this tool edits in memory; change it with bash (for example sed -i) instead.");
        }
        return decode(path, LinkFreeFiles.readAllBytes(path));
    }

    static TextFile decode(Path path, byte[] bytes) {
        Optional<TextFormat> sniffed = TextFormat.sniff(bytes, Math.min(bytes.length, TextFormat.SNIFF_BYTES));
        if (sniffed.isEmpty()) {
            throw new ToolInputException(path + " looks like a binary file (it contains NUL bytes), so it cannot be edited as text; use bash for binary files.");
        }
        TextFormat format = sniffed.get();
        int bom = format.bom().length;
        String text;
        try {
            text = format.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, bom, bytes.length - bom))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ToolInputException(path + " is not valid " + format.charset().name()
                    + " (nor UTF-16 with a byte-order mark), so editing it could corrupt it; change it with bash (for example sed -i) instead.");
        }
        return new TextFile(text, format.withLineEndingOf(text), bytes);
    }

    /** {@code newText} encoded in this file's format: same charset, same BOM. */
    byte[] encode(String newText) {
        try {
            ByteBuffer body = format.charset().newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(newText));
            byte[] bom = format.bom();
            byte[] out = Arrays.copyOf(bom, bom.length + body.remaining());
            body.get(out, bom.length, body.remaining());
            return out;
        } catch (CharacterCodingException e) {
            throw new ToolInputException("The new text cannot be written in " + format.charset().name()
                    + " (it holds an unpaired surrogate); send the text again as plain Unicode.");
        }
    }

    /** Lines as {@code cat -n} counts them: a last line without a line break still counts. */
    int lineCount() {
        return Lines.count(text);
    }
}
