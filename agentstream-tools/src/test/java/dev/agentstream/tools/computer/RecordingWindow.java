package dev.agentstream.tools.computer;

import java.awt.AWTException;
import java.awt.Color;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Graphics;
import java.awt.Robot;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A window covering the whole test screen that paints what a test asks for and records the key and mouse
 * events it receives, as AWT delivers them: the far end of every input action.
 */
public final class RecordingWindow implements AutoCloseable {

    public record Input(int id, int keyCode, char keyChar, int button, int clickCount, int x, int y, int modifiersEx, int wheelRotation) {
        public boolean is(int eventId) {
            return id == eventId;
        }
    }

    private final List<Input> inputs = new CopyOnWriteArrayList<>();
    private final Robot robot;
    private volatile Consumer<Graphics> painter;
    private Frame frame;

    RecordingWindow(Consumer<Graphics> painter) {
        this.painter = painter;
        try {
            this.robot = new Robot();
        } catch (AWTException e) {
            throw new IllegalStateException(e);
        }
        onEdt(this::show);
    }

    private void show() {
        frame = new Frame("computer tool test") {
            @Override
            public void paint(Graphics g) {
                RecordingWindow.this.painter.accept(g);
            }

            @Override
            public void update(Graphics g) {
                paint(g);
            }
        };
        frame.setUndecorated(true);
        // Tab is an input here, not focus traversal.
        frame.setFocusTraversalKeysEnabled(false);
        frame.setBounds(0, 0, TestDisplay.SIZE.width(), TestDisplay.SIZE.height());
        frame.addKeyListener(new KeyAdapter() {
            @Override
            public void keyPressed(KeyEvent e) {
                record(e);
            }

            @Override
            public void keyReleased(KeyEvent e) {
                record(e);
            }

            @Override
            public void keyTyped(KeyEvent e) {
                record(e);
            }
        });
        MouseAdapter mouse = new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                record(e);
            }

            @Override
            public void mouseReleased(MouseEvent e) {
                record(e);
            }

            @Override
            public void mouseMoved(MouseEvent e) {
                record(e);
            }

            @Override
            public void mouseDragged(MouseEvent e) {
                record(e);
            }

            @Override
            public void mouseWheelMoved(MouseWheelEvent e) {
                inputs.add(new Input(e.getID(), 0, '\0', 0, 0, e.getX(), e.getY(), e.getModifiersEx(), e.getWheelRotation()));
            }
        };
        frame.addMouseListener(mouse);
        frame.addMouseMotionListener(mouse);
        frame.addMouseWheelListener(mouse);
        frame.setVisible(true);
    }

    /** A window painted in one colour. */
    public static RecordingWindow filled(Color color) {
        RecordingWindow window = new RecordingWindow(g -> {
            g.setColor(color);
            g.fillRect(0, 0, TestDisplay.SIZE.width(), TestDisplay.SIZE.height());
        });
        window.awaitPixel(TestDisplay.SIZE.width() / 2, TestDisplay.SIZE.height() / 2, color);
        return window;
    }

    /** Paints something else and waits until the screen shows {@code probe} at the given pixel. */
    public void repaint(Consumer<Graphics> newPainter, int probeX, int probeY, Color probe) {
        painter = newPainter;
        onEdt(frame::repaint);
        awaitPixel(probeX, probeY, probe);
    }

    /** Paints something else without waiting for the screen to show it (an animation's next frame). */
    public void repaintNow(Consumer<Graphics> newPainter) {
        painter = newPainter;
        EventQueue.invokeLater(frame::repaint);
    }

    public void awaitPixel(int x, int y, Color expected) {
        awaitTrue(() -> robot.getPixelColor(x, y).equals(expected), "the screen to show " + expected + " at " + x + "," + y);
    }

    public void awaitPixelNot(int x, int y, Color former) {
        awaitTrue(() -> !robot.getPixelColor(x, y).equals(former), "the screen to show something else than " + former + " at " + x + "," + y);
    }

    public void clear() {
        inputs.clear();
    }

    public List<Input> inputs() {
        return List.copyOf(inputs);
    }

    public List<Input> inputs(int eventId) {
        return inputs.stream().filter(i -> i.is(eventId)).toList();
    }

    /** Waits until some recorded input matches, then returns the inputs so far. */
    public List<Input> await(Predicate<List<Input>> condition, String what) {
        awaitTrue(() -> condition.test(inputs()), what + "; recorded: " + inputs());
        return inputs();
    }

    public String typed() {
        StringBuilder s = new StringBuilder();
        for (Input i : inputs(KeyEvent.KEY_TYPED)) s.append(i.keyChar());
        return s.toString();
    }

    public boolean isFocused() {
        return frame.isFocused();
    }

    private void record(KeyEvent e) {
        inputs.add(new Input(e.getID(), e.getKeyCode(), e.getKeyChar(), 0, 0, 0, 0, e.getModifiersEx(), 0));
    }

    private void record(MouseEvent e) {
        inputs.add(new Input(e.getID(), 0, '\0', e.getButton(), e.getClickCount(), e.getX(), e.getY(), e.getModifiersEx(), 0));
    }

    public static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("Timed out waiting for " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void onEdt(Runnable work) {
        try {
            EventQueue.invokeAndWait(work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        onEdt(frame::dispose);
    }
}
