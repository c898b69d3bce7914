package dev.agentstream.bench;

import java.awt.Color;
import java.awt.EventQueue;
import java.awt.Font;
import java.awt.Frame;
import java.awt.Graphics;
import java.util.Locale;

/**
 * What DesktopBench watches, in a process of its own so its drawing is not counted as the watcher's CPU: a
 * window over the whole screen, repainted 20 times a second. {@code still} paints a page of text once;
 * {@code small} changes a counter of about 300x40 pixels (typing, a clock); {@code full} scrolls the whole
 * page of text (a terminal pouring out output), so every tile of the screen changes every time.
 *
 * <p>Usage: {@code DesktopAnimation still|small|full WIDTH HEIGHT}; prints {@code ready} once shown.
 */
public final class DesktopAnimation {

    private static final long TICK_MS = 50;
    private static final int LINE = 18;

    private DesktopAnimation() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int width = Integer.parseInt(args[1]);
        int height = Integer.parseInt(args[2]);
        long[] tick = {0};
        Frame frame = new Frame("desktop bench") {
            @Override
            public void paint(Graphics g) {
                long t = tick[0];
                g.setColor(new Color(0xF4F4F0));
                g.fillRect(0, 0, width, height);
                g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 14));
                int scroll = mode.equals("full") ? (int) (t * 7 % LINE) : 0;
                long firstLine = mode.equals("full") ? t * 7 / LINE : 0;
                for (int y = LINE - scroll, i = 0; y < height + LINE; y += LINE, i++) {
                    g.setColor(i % 5 == 0 ? new Color(0x1F4E9A) : new Color(0x202020));
                    g.drawString(line(firstLine + i), 8, y);
                }
                if (mode.equals("small")) {
                    g.setColor(new Color(0xFFFFFF));
                    g.fillRect(width / 2 - 150, height / 2 - 20, 300, 40);
                    g.setColor(new Color(0x202020));
                    g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 24));
                    g.drawString(String.format(Locale.ROOT, "tick %08d", t), width / 2 - 130, height / 2 + 8);
                }
            }

            @Override
            public void update(Graphics g) {
                paint(g);
            }
        };
        EventQueue.invokeAndWait(() -> {
            frame.setUndecorated(true);
            frame.setBounds(0, 0, width, height);
            frame.setVisible(true);
        });
        Thread.sleep(500);
        System.out.println("ready");
        System.out.flush();
        if (mode.equals("still")) return;
        while (true) {
            Thread.sleep(TICK_MS);
            tick[0]++;
            EventQueue.invokeLater(frame::repaint);
        }
    }

    private static String line(long n) {
        // Long enough to reach across a 1280-pixel screen, so every tile changes as the text scrolls.
        return String.format(Locale.ROOT, "-rw-r--r-- 1 agent agent %8d Dec  1 23:%02d src/main/java/dev/agentstream/file%05d.java  %s %s",
                (n * 7919) % 100000, n % 60, n, "#".repeat((int) (n % 40)), "lorem ipsum dolor sit amet ".repeat(3));
    }
}
