package dev.agentstream.tools.computer;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Captures the root window through X shared memory (the MIT-SHM extension): the server writes the pixels
 * straight into a segment this process maps, with no copy through the X socket and no AWT. The screen is
 * fetched in bands of rows, so a slow capture (a 4K screen) reports how far it got. Only 32-bit TrueColor
 * screens in the host's byte order are taken (every Xvfb at depth 24 and most desktops); anything else, or
 * a server that cannot attach the segment (another machine, another IPC namespace), leaves the capture to
 * Robot.
 */
final class ShmGrabber implements AutoCloseable {

    private static final String X11 = "X11";
    private static final String XEXT = "Xext";
    private static final String LIBC = "c";
    private static final int Z_PIXMAP = 2;
    private static final int IPC_PRIVATE = 0;
    private static final int IPC_CREAT_0600 = 01600;
    private static final int IPC_RMID = 0;
    private static final long ALL_PLANES = -1L;
    private static final int BANDS = 8;

    // XImage fields on 64-bit Linux
    private static final long IMAGE_HEIGHT = 4;
    private static final long IMAGE_DATA = 16;
    private static final long IMAGE_BYTE_ORDER = 24;
    private static final long IMAGE_BYTES_PER_LINE = 44;
    private static final long IMAGE_BITS_PER_PIXEL = 48;
    private static final long IMAGE_RED_MASK = 56;
    private static final long IMAGE_GREEN_MASK = 64;
    private static final long IMAGE_BLUE_MASK = 72;
    private static final long IMAGE_OBDATA = 80;
    // XShmSegmentInfo fields: shmseg (8), shmid (4 + padding), shmaddr (8), readOnly (4 + padding)
    private static final long SHMINFO_SHMID = 8;
    private static final long SHMINFO_SHMADDR = 16;
    private static final long SHMINFO_READ_ONLY = 24;
    private static final int SHMINFO_SIZE = 32;

    private final Object display;
    private final long root;
    private final Resolution size;
    private final Pointer image;
    private final Memory segmentInfo;
    private final Pointer segment;
    private final int bytesPerLine;
    private boolean closed;

    private ShmGrabber(Object display, long root, Resolution size, Pointer image, Memory segmentInfo, Pointer segment, int bytesPerLine) {
        this.display = display;
        this.root = root;
        this.size = size;
        this.image = image;
        this.segmentInfo = segmentInfo;
        this.segment = segment;
        this.bytesPerLine = bytesPerLine;
    }

    /** A grabber for a screen of this size on the connection, or empty when shared memory cannot be used. */
    static Optional<ShmGrabber> open(Object display, Resolution size) {
        if (NativeFunctions.callInt(XEXT, "XShmQueryExtension", display) == 0) return Optional.empty();
        int screen = NativeFunctions.callInt(X11, "XDefaultScreen", display);
        Object visual = NativeFunctions.callPointer(X11, "XDefaultVisual", display, screen);
        int depth = NativeFunctions.callInt(X11, "XDefaultDepth", display, screen);
        long root = NativeFunctions.callLong(X11, "XRootWindow", display, screen);
        Memory info = new Memory(SHMINFO_SIZE);
        info.clear();
        Pointer image = (Pointer) NativeFunctions.callPointer(XEXT, "XShmCreateImage", display, visual, depth, Z_PIXMAP, null, info,
                size.width(), size.height());
        if (image == null) return Optional.empty();
        int bytesPerLine = image.getInt(IMAGE_BYTES_PER_LINE);
        if (!isPackedRgb(image) || bytesPerLine < size.width() * 4) {
            destroyImage(image);
            return Optional.empty();
        }
        int shmid = NativeFunctions.callInt(LIBC, "shmget", IPC_PRIVATE, (long) bytesPerLine * size.height(), IPC_CREAT_0600);
        if (shmid < 0) {
            destroyImage(image);
            return Optional.empty();
        }
        Pointer segment = (Pointer) NativeFunctions.callPointer(LIBC, "shmat", shmid, null, 0);
        if (segment == null || Pointer.nativeValue(segment) == -1L) {
            NativeFunctions.callInt(LIBC, "shmctl", shmid, IPC_RMID, null);
            destroyImage(image);
            return Optional.empty();
        }
        info.setInt(SHMINFO_SHMID, shmid);
        info.setPointer(SHMINFO_SHMADDR, segment);
        info.setInt(SHMINFO_READ_ONLY, 0);
        image.setPointer(IMAGE_DATA, segment);
        int[] attached = new int[1];
        int error = XErrorTrap.run(display, () -> {
            attached[0] = NativeFunctions.callInt(XEXT, "XShmAttach", display, info);
            NativeFunctions.callInt(X11, "XSync", display, 0);
        });
        // Marked for removal now: the segment goes away once both sides detach, even if this process is killed.
        NativeFunctions.callInt(LIBC, "shmctl", shmid, IPC_RMID, null);
        if (error != 0 || attached[0] == 0) {
            NativeFunctions.callInt(LIBC, "shmdt", segment);
            destroyImage(image);
            return Optional.empty();
        }
        return Optional.of(new ShmGrabber(display, root, size, image, info, segment, bytesPerLine));
    }

    Resolution size() {
        return size;
    }

    /**
     * Copies the screen into {@code target} ({@code 0xRRGGBB} ints, row after row), band by band, telling
     * {@code rowsDone} after each; false when the server refused (the screen changed size meanwhile).
     */
    boolean grab(int[] target, IntConsumer rowsDone) {
        int width = size.width();
        int height = size.height();
        int band = Math.max(1, (height + BANDS - 1) / BANDS);
        for (int y = 0; y < height; y += band) {
            int rows = Math.min(band, height - y);
            int top = y;
            int[] ok = new int[1];
            image.setInt(IMAGE_HEIGHT, rows);
            image.setPointer(IMAGE_DATA, segment.share((long) top * bytesPerLine));
            int error = XErrorTrap.run(display, () -> ok[0] = NativeFunctions.callInt(XEXT, "XShmGetImage", display, root, image, 0, top, ALL_PLANES));
            if (error != 0 || ok[0] == 0) {
                restoreImage();
                return false;
            }
            if (bytesPerLine == width * 4) {
                segment.read((long) top * bytesPerLine, target, top * width, rows * width);
            } else {
                for (int r = top; r < top + rows; r++) segment.read((long) r * bytesPerLine, target, r * width, width);
            }
            rowsDone.accept(top + rows);
        }
        restoreImage();
        return true;
    }

    private void restoreImage() {
        image.setInt(IMAGE_HEIGHT, size.height());
        image.setPointer(IMAGE_DATA, segment);
    }

    private static boolean isPackedRgb(Pointer image) {
        boolean hostOrder = (image.getInt(IMAGE_BYTE_ORDER) == 0) == (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        return hostOrder && image.getInt(IMAGE_BITS_PER_PIXEL) == 32 && image.getLong(IMAGE_RED_MASK) == 0xFF0000L
                && image.getLong(IMAGE_GREEN_MASK) == 0xFF00L && image.getLong(IMAGE_BLUE_MASK) == 0xFFL;
    }

    /** Frees the XImage header only: its pixels are the segment and its obdata is our Memory, neither Xlib's to free. */
    private static void destroyImage(Pointer image) {
        image.setPointer(IMAGE_DATA, null);
        image.setPointer(IMAGE_OBDATA, null);
        NativeFunctions.callInt(X11, "XFree", image);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        XErrorTrap.run(display, () -> {
            NativeFunctions.callInt(XEXT, "XShmDetach", display, segmentInfo);
            NativeFunctions.callInt(X11, "XSync", display, 0);
        });
        NativeFunctions.callInt(LIBC, "shmdt", segment);
        destroyImage(image);
    }
}
