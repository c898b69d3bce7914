package dev.agentstream.tools.computer;

import dev.agentstream.core.ToolInputException;
import java.awt.Point;
import java.awt.Rectangle;

/**
 * Maps between the screen's pixels and the pixels of the screenshots the model sees. A model pixel maps to
 * the screen pixel under its centre, and a screen pixel to the model pixel that covers it, so a model
 * coordinate survives the round trip to the screen and back unchanged.
 */
record ScreenMapping(Resolution screen, Resolution model) {

    static ScreenMapping of(Resolution screen, Scaling scaling) {
        return new ScreenMapping(screen, scaling.modelSize(screen));
    }

    boolean scaled() {
        return !screen.equals(model);
    }

    /** The model's width over the screen's. */
    double scale() {
        return (double) model.width() / screen.width();
    }

    /** The screen pixel for a model coordinate; refuses one outside the screenshot the model sees. */
    Point toScreen(Point modelPoint, String field) {
        requireInside(modelPoint, field);
        return new Point(axisToScreen(modelPoint.x, model.width(), screen.width()), axisToScreen(modelPoint.y, model.height(), screen.height()));
    }

    Point toModel(Point screenPoint) {
        int x = Math.clamp((long) Math.floor((screenPoint.x + 0.5) * model.width() / screen.width()), 0, model.width() - 1);
        int y = Math.clamp((long) Math.floor((screenPoint.y + 0.5) * model.height() / screen.height()), 0, model.height() - 1);
        return new Point(x, y);
    }

    /**
     * The screen rectangle a model region {@code [x0, y0, x1, y1]} covers (corners, x1 and y1 exclusive, up
     * to the model's width and height).
     */
    Rectangle regionToScreen(int x0, int y0, int x1, int y1) {
        if (x0 >= x1 || y0 >= y1) {
            throw new ToolInputException("'region' [" + x0 + ", " + y0 + ", " + x1 + ", " + y1 + "] is empty: give [x0, y0, x1, y1] with x0 < x1 and y0 < y1.");
        }
        if (x1 > model.width() || y1 > model.height()) {
            throw new ToolInputException("'region' [" + x0 + ", " + y0 + ", " + x1 + ", " + y1 + "] goes beyond the " + model
                    + " screenshot; keep x1 <= " + model.width() + " and y1 <= " + model.height() + ".");
        }
        int sx0 = (int) Math.floor((double) x0 * screen.width() / model.width());
        int sy0 = (int) Math.floor((double) y0 * screen.height() / model.height());
        int sx1 = (int) Math.min(screen.width(), Math.ceil((double) x1 * screen.width() / model.width()));
        int sy1 = (int) Math.min(screen.height(), Math.ceil((double) y1 * screen.height() / model.height()));
        return new Rectangle(sx0, sy0, Math.max(1, sx1 - sx0), Math.max(1, sy1 - sy0));
    }

    private void requireInside(Point p, String field) {
        if (p.x >= model.width() || p.y >= model.height()) {
            throw new ToolInputException("'" + field + "' [" + p.x + ", " + p.y + "] is outside the " + model
                    + " screenshot; x must be 0.." + (model.width() - 1) + " and y 0.." + (model.height() - 1) + ".");
        }
    }

    private static int axisToScreen(int modelValue, int modelSize, int screenSize) {
        return Math.clamp((long) Math.floor((modelValue + 0.5) * screenSize / modelSize), 0, screenSize - 1);
    }
}
