package dev.agentstream.tools.edit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a file looked like when an edit read it (inode, size, modification time), or that it was absent.
 * Compared again just before the edit's rename: a difference means another program wrote to the file in
 * between, and renaming over it would throw that write away.
 */
record FileStamp(boolean exists, Object inode, long size, long modifiedNanos) {

    static final FileStamp ABSENT = new FileStamp(false, null, -1, -1);

    static FileStamp of(Path path) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new FileStamp(true, attributes.fileKey(), attributes.size(),
                    attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
        } catch (NoSuchFileException e) {
            return ABSENT;
        }
    }
}
