package dev.agentstream.tools;

import dev.agentstream.core.ToolInputException;
import dev.agentstream.tools.fs.PathText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The folders file tools may touch. A path is checked after {@code ..} and symlinks are resolved, so a
 * link or a climb out of a root cannot reach outside it. A path that does not exist yet (a file about to
 * be created) is checked through its nearest existing ancestor.
 */
public final class Workspace {

    private final List<Path> roots;

    private Workspace(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** Every absolute path is allowed (the filesystem root is the only root). */
    public static Workspace unrestricted() {
        return new Workspace(List.of(Path.of("/")));
    }

    /** Only paths inside these folders; each must exist (it is resolved to its real path now). */
    public static Workspace of(List<Path> roots) {
        if (roots.isEmpty()) throw new IllegalArgumentException("A workspace needs at least one root folder.");
        List<Path> real = new ArrayList<>();
        for (Path root : roots) {
            try {
                real.add(root.toAbsolutePath().toRealPath());
            } catch (IOException e) {
                throw new IllegalArgumentException("The workspace root " + root + " does not exist or cannot be read.", e);
            }
        }
        return new Workspace(real);
    }

    public List<Path> roots() {
        return roots;
    }

    /**
     * The real path of {@code raw} if it is absolute and inside a root.
     *
     * @throws ToolInputException with a message naming the roots otherwise
     */
    public Path resolve(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ToolInputException("'path' is missing; give an absolute path such as " + roots.getFirst() + ".");
        }
        Path path = parse(raw);
        if (!path.isAbsolute()) {
            throw new ToolInputException("'" + raw + "' is not an absolute path; give the full path, e.g. "
                    + roots.getFirst().resolve(raw).normalize() + ".");
        }
        Path real = realPath(path.normalize());
        for (Path root : roots) {
            if (real.startsWith(root)) return real;
        }
        throw new ToolInputException("'" + raw + "' is outside the workspace (it resolves to " + real
                + "); only paths under " + describeRoots() + " may be used.");
    }

    private static Path parse(String raw) {
        try {
            return PathText.parse(raw);
        } catch (InvalidPathException e) {
            String why = raw.indexOf('\0') >= 0 ? "holds a NUL character, which no file name can contain" : "is not a valid path (" + e.getReason() + ")";
            throw new ToolInputException("'path' " + why + "; send the path without it.");
        }
    }

    private static Path realPath(Path path) {
        // Resolve the longest existing prefix through symlinks, then append the part that does not exist yet.
        Path existing = path;
        Path rest = null;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) return path;
        try {
            Path real = existing.toRealPath();
            return rest == null ? real : real.resolve(rest).normalize();
        } catch (IOException e) {
            // A dangling symlink: judge the link's own location rather than guess where it points.
            return path;
        }
    }

    private String describeRoots() {
        return roots.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
