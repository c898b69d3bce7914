package dev.agentstream.tools.computer;

import java.util.List;

/**
 * How screenshots are scaled to the resolution the model sees, and model coordinates back to the screen.
 * Screens larger than what models are trained on are scaled down; scaling never enlarges.
 */
public sealed interface Scaling {

    /** The size the model sees for a screen of this size. */
    Resolution modelSize(Resolution screen);

    /** As computer-use-demo does: XGA, WXGA or FWXGA, whichever has the screen's aspect ratio (within 0.02). */
    static Scaling standard() {
        return new Standard();
    }

    /** The model sees the screen at its own size. */
    static Scaling off() {
        return new Off();
    }

    /** Fits the screen within {@code box}, keeping its aspect ratio. */
    static Scaling fitWithin(Resolution box) {
        return new FitWithin(box);
    }

    /** Parses {@code standard}, {@code off} or a box such as {@code 1024x768}. */
    static Scaling parse(String text) {
        String value = text.strip();
        if (value.equalsIgnoreCase("standard") || value.equalsIgnoreCase("on") || value.equalsIgnoreCase("auto")) return standard();
        if (value.equalsIgnoreCase("off") || value.equalsIgnoreCase("none")) return off();
        return fitWithin(DisplaySize.parse(value).resolution());
    }

    record Standard() implements Scaling {
        static final List<Resolution> TARGETS = List.of(Resolution.XGA, Resolution.WXGA, Resolution.FWXGA);
        private static final double ASPECT_TOLERANCE = 0.02;

        /**
         * The first target with the screen's aspect ratio, when it is smaller than the screen. A screen whose
         * aspect ratio matches none (computer-use-demo then sends it unscaled) is fitted within WXGA instead,
         * so an ultra-wide screen does not reach the model at full size.
         */
        @Override
        public Resolution modelSize(Resolution screen) {
            for (Resolution target : TARGETS) {
                if (Math.abs(target.aspectRatio() - screen.aspectRatio()) < ASPECT_TOLERANCE) {
                    return target.width() < screen.width() ? target : screen;
                }
            }
            return new FitWithin(Resolution.WXGA).modelSize(screen);
        }

        @Override
        public String toString() {
            return "standard";
        }
    }

    record Off() implements Scaling {
        @Override
        public Resolution modelSize(Resolution screen) {
            return screen;
        }

        @Override
        public String toString() {
            return "off";
        }
    }

    record FitWithin(Resolution box) implements Scaling {
        @Override
        public Resolution modelSize(Resolution screen) {
            double factor = Math.min(1.0, Math.min((double) box.width() / screen.width(), (double) box.height() / screen.height()));
            if (factor >= 1.0) return screen;
            return new Resolution(Math.max(1, (int) Math.round(screen.width() * factor)), Math.max(1, (int) Math.round(screen.height() * factor)));
        }

        @Override
        public String toString() {
            return box.toString();
        }
    }
}
