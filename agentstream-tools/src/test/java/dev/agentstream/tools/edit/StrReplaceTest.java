package dev.agentstream.tools.edit;

import static dev.agentstream.tools.edit.EditAssertions.assertInputError;
import static dev.agentstream.tools.edit.EditAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class StrReplaceTest extends EditToolCalls {

    @Test
    void aUniqueStringIsReplacedAndTheEditedLinesAreShownWithContext() throws Exception {
        StringBuilder content = new StringBuilder();
        for (int i = 1; i <= 20; i++) content.append("line ").append(i).append('\n');
        Path file = Files.writeString(tmp.resolve("a.txt"), content);

        EditCalls.Recorded edit = assertOk(calls.call("command", "str_replace", "path", file, "old_str", "line 10\n", "new_str", "ten\nTEN\n"));

        assertThat(Files.readString(file)).isEqualTo(content.toString().replace("line 10\n", "ten\nTEN\n"));
        assertThat(edit.text()).contains("has been edited")
                .contains("     6\tline 6\n     7\tline 7\n     8\tline 8\n     9\tline 9\n    10\tten\n    11\tTEN\n    12\tline 11\n"
                        + "    13\tline 12\n    14\tline 13\n    15\tline 14\n")
                .doesNotContain("line 5\n").doesNotContain("line 15\n");
        assertThat(edit.meta()).containsEntry("firstLine", 10).containsEntry("lastLine", 11).containsEntry("path", file.toRealPath().toString());
    }

    @Test
    void zeroOccurrencesIsAnErrorAndTheFileIsUntouched() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), "alpha\nbeta\n");
        FileTime before = Files.getLastModifiedTime(file);
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() - 60_000));
        FileTime old = Files.getLastModifiedTime(file);

        String error = assertInputError(calls.call("command", "str_replace", "path", file, "old_str", "gamma", "new_str", "x"));

        assertThat(error).contains("occurs 0 times").contains("copy the text");
        assertThat(Files.readString(file)).isEqualTo("alpha\nbeta\n");
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    }

    @Test
    void severalOccurrencesAreAnErrorNamingTheirLines() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), "x = 1\nfoo()\ny\nfoo()\n\n\nfoo() + foo()\n");
        String error = assertInputError(calls.call("command", "str_replace", "path", file, "old_str", "foo()", "new_str", "bar()"));
        assertThat(error).contains("occurs 4 times").contains("on lines [2, 4, 7, 7]").contains("exactly once");
        assertThat(Files.readString(file)).isEqualTo("x = 1\nfoo()\ny\nfoo()\n\n\nfoo() + foo()\n");
    }

    @Test
    void anEmptyOrMissingNewStrDeletesTheText() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), "keep\ndrop me\nkeep too\n");
        assertOk(calls.call("command", "str_replace", "path", file, "old_str", "drop me\n", "new_str", ""));
        assertThat(Files.readString(file)).isEqualTo("keep\nkeep too\n");
        assertOk(calls.call("command", "str_replace", "path", file, "old_str", " too"));
        assertThat(Files.readString(file)).isEqualTo("keep\nkeep\n");
    }

    @Test
    void tabsAndTheRestOfTheFileAreLeftExactlyAsTheyWere() throws Exception {
        String content = "func main() {\n\tif x {\n\t\treturn 1\n\t}\n  \tmixed\t indent  \n}\n";
        Path file = Files.writeString(tmp.resolve("main.go"), content);
        assertOk(calls.call("command", "str_replace", "path", file, "old_str", "\t\treturn 1", "new_str", "\t\treturn 2"));
        assertThat(Files.readString(file)).isEqualTo(content.replace("return 1", "return 2"));
    }

    @Test
    void aCrlfFileMatchesOldStrSentWithLfAndStaysCrlf() throws Exception {
        Path file = tmp.resolve("win.txt");
        Files.writeString(file, "first\r\nsecond\r\nthird\r\n");
        assertOk(calls.call("command", "str_replace", "path", file, "old_str", "first\nsecond\n", "new_str", "one\ntwo\nthree-ish\n"));
        assertThat(Files.readString(file)).isEqualTo("one\r\ntwo\r\nthree-ish\r\nthird\r\n");
        // and old_str sent with CRLF matches too
        assertOk(calls.call("command", "str_replace", "path", file, "old_str", "two\r\n", "new_str", "2\r\n"));
        assertThat(Files.readString(file)).isEqualTo("one\r\n2\r\nthree-ish\r\nthird\r\n");
    }

    @Test
    void anLfFileGetsLfEvenWhenTheModelSendsCrlf() throws Exception {
        Path file = Files.writeString(tmp.resolve("unix.txt"), "a\nb\n");
        assertOk(calls.call("command", "str_replace", "path", file, "old_str", "a\r\nb", "new_str", "x\r\ny"));
        assertThat(Files.readString(file)).isEqualTo("x\ny\n");
    }

    @Test
    void aMissingTrailingNewlineStaysMissing() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), "one\ntwo");
        assertOk(calls.call("command", "str_replace", "path", file, "old_str", "one", "new_str", "1"));
        assertThat(Files.readString(file)).isEqualTo("1\ntwo");
    }

    @Test
    void utf8BomAndUtf16AreKept() throws Exception {
        byte[] bom8 = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path utf8 = tmp.resolve("bom.txt");
        Files.write(utf8, ViewFileTest.withBom(bom8, "grüße\nwelt\n".getBytes(StandardCharsets.UTF_8)));
        assertOk(calls.call("command", "str_replace", "path", utf8, "old_str", "welt", "new_str", "wörld"));
        assertThat(Files.readAllBytes(utf8)).isEqualTo(ViewFileTest.withBom(bom8, "grüße\nwörld\n".getBytes(StandardCharsets.UTF_8)));

        byte[] bomLe = {(byte) 0xFF, (byte) 0xFE};
        Path utf16 = tmp.resolve("le.txt");
        Files.write(utf16, ViewFileTest.withBom(bomLe, "Zeile eins\r\nZeile zwei\r\n".getBytes(StandardCharsets.UTF_16LE)));
        assertOk(calls.call("command", "str_replace", "path", utf16, "old_str", "eins\nZeile", "new_str", "1 ✓\nZeile"));
        assertThat(Files.readAllBytes(utf16)).isEqualTo(ViewFileTest.withBom(bomLe, "Zeile 1 ✓\r\nZeile zwei\r\n".getBytes(StandardCharsets.UTF_16LE)));

        byte[] bomBe = {(byte) 0xFE, (byte) 0xFF};
        Path be = tmp.resolve("be.txt");
        Files.write(be, ViewFileTest.withBom(bomBe, "a\nb".getBytes(StandardCharsets.UTF_16BE)));
        assertOk(calls.call("command", "str_replace", "path", be, "old_str", "b", "new_str", "c"));
        assertThat(Files.readAllBytes(be)).isEqualTo(ViewFileTest.withBom(bomBe, "a\nc".getBytes(StandardCharsets.UTF_16BE)));
    }

    @Test
    void posixPermissionsAreKept() throws Exception {
        Path script = Files.writeString(tmp.resolve("run.sh"), "#!/bin/sh\necho old\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        assertOk(calls.call("command", "str_replace", "path", script, "old_str", "old", "new_str", "new"));
        assertThat(Files.readString(script)).isEqualTo("#!/bin/sh\necho new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-x---");
    }

    @Test
    void editingThroughASymlinkChangesTheTargetAndKeepsTheLink() throws Exception {
        Path target = Files.writeString(tmp.resolve("real.txt"), "value = 1\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link.txt"), target);
        assertOk(calls.call("command", "str_replace", "path", link, "old_str", "1", "new_str", "2"));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("value = 2\n");
    }

    @Test
    void identicalOldAndNewStrIsRejected() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), "same\n");
        assertThat(assertInputError(calls.call("command", "str_replace", "path", file, "old_str", "same", "new_str", "same")))
                .contains("are the same");
    }

    @Test
    void filesThatAreNotValidTextAreRefusedAndLeftAlone() throws Exception {
        Path latin1 = tmp.resolve("latin1.txt");
        byte[] bytes = "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(latin1, bytes);
        assertThat(assertInputError(calls.call("command", "str_replace", "path", latin1, "old_str", "caf", "new_str", "tea")))
                .contains("not valid UTF-8").contains("sed");
        assertThat(Files.readAllBytes(latin1)).isEqualTo(bytes);

        Path binary = Files.write(tmp.resolve("x.bin"), new byte[] {'a', 0, 'b'});
        assertThat(assertInputError(calls.call("command", "str_replace", "path", binary, "old_str", "a", "new_str", "c"))).contains("binary");
    }

    @Test
    void aFileTooLargeToEditInMemoryIsRefused() throws Exception {
        Path huge = tmp.resolve("huge.log");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(TextFile.MAX_EDIT_BYTES + 1);
        }
        assertThat(assertInputError(calls.call("command", "str_replace", "path", huge, "old_str", "a", "new_str", "b")))
                .contains("sed -i");
    }

    @Test
    void aMissingFileOrADirectoryIsRefused() throws Exception {
        assertThat(assertInputError(calls.call("command", "str_replace", "path", tmp.resolve("none.txt"), "old_str", "a", "new_str", "b")))
                .contains("does not exist").contains("create");
        assertThat(assertInputError(calls.call("command", "str_replace", "path", tmp, "old_str", "a", "new_str", "b")))
                .contains("is a directory");
    }
}
