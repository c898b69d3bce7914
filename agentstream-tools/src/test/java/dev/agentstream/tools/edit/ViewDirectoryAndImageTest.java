package dev.agentstream.tools.edit;

import static dev.agentstream.tools.edit.EditAssertions.assertInputError;
import static dev.agentstream.tools.edit.EditAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.ToolEvent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewDirectoryAndImageTest {

    @TempDir
    Path tmp;

    Path root;
    EditCalls calls;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("project"));
        calls = new EditCalls(new EditTool(), Files.createDirectories(tmp.resolve("spool")));
    }

    @AfterEach
    void tearDown() {
        calls.close();
    }

    @Test
    void aDirectoryListsVisibleEntriesTwoLevelsDeepInOrder() throws Exception {
        Files.writeString(root.resolve("b.txt"), "b");
        Files.writeString(root.resolve("a.txt"), "a");
        Files.writeString(root.resolve(".env"), "secret");
        Files.createDirectories(root.resolve(".git/objects"));
        Files.createDirectories(root.resolve("src/main/java"));
        Files.writeString(root.resolve("src/Main.java"), "class Main {}");
        Files.writeString(root.resolve("src/.hidden"), "h");
        Files.writeString(root.resolve("src/main/java/Deep.java"), "too deep");

        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", root));

        assertThat(view.text()).isEqualTo("Files and directories up to 2 levels deep in " + root + ", excluding hidden items:\n"
                + root + "/\n"
                + root + "/a.txt\n"
                + root + "/b.txt\n"
                + root + "/src/\n"
                + root + "/src/Main.java\n"
                + root + "/src/main/\n");
        assertThat(view.meta()).containsEntry("entries", 5L);
        assertThat(view.streamedText()).isEqualTo(view.text());
    }

    @Test
    void aDirectoryWithManyEntriesStreamsInSeveralChunks() throws Exception {
        for (int i = 0; i < 2000; i++) Files.createFile(root.resolve("file-with-a-longish-name-" + i + ".txt"));
        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", root));
        assertThat(view.outputs()).hasSizeGreaterThan(3);
        assertThat(view.meta()).containsEntry("entries", 2000L);
        assertThat(view.progress()).isNotEmpty();
    }

    @Test
    void viewRangeOnADirectoryIsRejected() {
        assertThat(assertInputError(calls.call("command", "view", "path", root, "view_range", List.of(1, 5)))).contains("is a directory");
    }

    @Test
    void aPngIsSentAsAnImageBlockAndAnImageEventWithItsSize() throws Exception {
        byte[] png = encode(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png");
        Path file = Files.write(root.resolve("shot.png"), png);

        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file));

        ContentBlock.ImageData image = view.result().content().stream().filter(b -> b instanceof ContentBlock.ImageData)
                .map(b -> (ContentBlock.ImageData) b).findFirst().orElseThrow();
        assertThat(image.mediaType()).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(image.base64())).isEqualTo(png);
        assertThat(view.text()).contains("3x2");
        ToolEvent.Image event = view.events().stream().filter(e -> e instanceof ToolEvent.Image).map(e -> (ToolEvent.Image) e)
                .findFirst().orElseThrow();
        assertThat(event.width()).isEqualTo(3);
        assertThat(event.height()).isEqualTo(2);
        assertThat(event.bytes()).isEqualTo(png);
        assertThat(view.meta()).containsEntry("width", 3).containsEntry("height", 2).containsEntry("mediaType", "image/png");
    }

    @Test
    void jpegGifAndWebpAreRecognisedByTheirBytes() throws Exception {
        Path jpg = Files.write(root.resolve("photo.JPG"), encode(new BufferedImage(4, 5, BufferedImage.TYPE_INT_RGB), "jpg"));
        Path gif = Files.write(root.resolve("anim.gif"), encode(new BufferedImage(6, 7, BufferedImage.TYPE_BYTE_INDEXED), "gif"));
        // a WebP header javax.imageio cannot decode: still sent, just without a size
        byte[] webp = {'R', 'I', 'F', 'F', 26, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L', 13, 0, 0, 0, 0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, (byte) 0x88, (byte) 0x88, (byte) 0xFE, 0x07, 0};
        Path webpFile = Files.write(root.resolve("pic.webp"), webp);

        assertThat(assertOk(calls.call("command", "view", "path", jpg)).meta()).containsEntry("mediaType", "image/jpeg").containsEntry("width", 4);
        assertThat(assertOk(calls.call("command", "view", "path", gif)).meta()).containsEntry("mediaType", "image/gif").containsEntry("height", 7);
        EditCalls.Recorded webpView = assertOk(calls.call("command", "view", "path", webpFile));
        assertThat(webpView.meta()).containsEntry("mediaType", "image/webp");
        assertThat(webpView.result().content()).hasAtLeastOneElementOfType(ContentBlock.ImageData.class);
    }

    @Test
    void aFileNamedLikeAnImageThatIsNotOneIsAnError() throws Exception {
        Path fake = Files.writeString(root.resolve("notes.png"), "just text");
        assertThat(assertInputError(calls.call("command", "view", "path", fake))).contains("not a PNG, JPEG, GIF or WebP");
    }

    private static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }
}
